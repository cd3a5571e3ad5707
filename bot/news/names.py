"""The names an article gives, set right before it is read: a title-case line's names kept
only where they are titles, a title that opens a sentence given back its first words, and a
new show's short name given its full name's key."""

from __future__ import annotations

import re

from bot.matching.text import title_variants
from bot.news.hedges import hedged
from bot.news.kinds import Cue, News
from bot.news.networks import NETWORKS
from bot.news.slots import Mention, Sentence, name_key, shows_spoken_of
from bot.news.spans import NOT_TITLES, Span, is_title_case, network_at


def keep_headline_names(sentences: list[Sentence], lines: set[int]) -> None:
    """A title-case line capitalises every word, so its names count only when quoted, known
    to the catalogue, or written as the article's sentences write them ("The Other Two To
    End After Season 3": "The Other Two")."""
    body = {m.key: m.title for s in sentences if s.number not in lines for m in s.mentions}
    longest_first = sorted(body.items(), key=lambda item: -len(item[1]))
    unnamed = _unnamed_news([s for s in sentences if s.number not in lines])
    for sentence in sentences:
        if sentence.number not in lines or not is_title_case(sentence.text):
            continue
        decided = _decided_in_line(sentence, unnamed)
        kept = [
            m
            for m in sentence.mentions
            if m.span.quoted
            or m.entry
            or m.key in body
            or (sentence.paragraph > 0 and _leads_item(sentence, m))
        ]
        # a name the article writes as such outranks one read off the line's words
        kept += [m for m in decided if not _taken(kept, m.span.start, m.span.end)]
        lowered = sentence.lowered
        for key, title in longest_first:
            at = lowered.find(title.lower())
            if len(title) < 3 or at < 0 or _taken(kept, at, at + len(title)):
                continue
            if (at and lowered[at - 1].isalnum()) or lowered[at + len(title) :][:1].isalnum():
                continue
            span = Span(0, 0, at, at + len(title), sentence.text[at : at + len(title)])
            kept.append(Mention(span, sentence.number, key, title, None))
        kept.extend(_listed_with(sentence, kept))
        sentence.mentions = sorted(kept, key=lambda m: m.span.start)


_SHOW_NOUN_LAST = re.compile(r"\b(?:drama|comedy|series|show|sitcom|thriller|dramedy|docuseries)$")


def _unnamed_news(body: list[Sentence]) -> set[News]:
    """The decisions the article's sentences give without naming a show ("Hulu has renewed
    the comedy for a third season"): the headline named it."""
    return {
        cue.news
        for sentence in body
        for cue in sentence.cues
        if not hedged(sentence.lowered, cue) and not shows_spoken_of(sentence, cue)
    }


def _decided_in_line(sentence: Sentence, unnamed: set[News]) -> list[Mention]:
    """The names a title-case line gives a decision that the article's sentences give again
    without a name: "Gilded Lanterns Renewed for Season 3 at Hulu … Hulu has renewed the
    comedy" keeps "Gilded Lanterns", never "Hit Drama". A title-case line runs its name into
    its verbs ("Gilded Lanterns Canceled After One Season"), so the name is read off the
    words around the decision, up to the words that end it."""
    found: list[Mention] = []
    if any(m.span.quoted or m.entry for m in sentence.mentions):
        return found  # a quoted or known title is kept as it is
    for cue in sentence.cues:
        # a subheading of a roundup gives its own show's news, which its paragraph need not
        # repeat: "Gilded Lanterns Renewed At NBC" over "The network wants more of it"
        subheading = sentence.paragraph > 0 or _leads_its_verb(sentence, cue)
        if (cue.news not in unnamed and not subheading) or hedged(sentence.lowered, cue):
            continue
        text = sentence.text
        if cue.inner is not None:
            candidates = [cue.inner]
        else:
            before = _LINE_PIECE.split(text[: cue.start])[-1]
            start = cue.start - len(before)
            after = _LINE_STOP.split(text[cue.end :], maxsplit=1)[0]
            candidates = [(start, cue.start), (cue.end, cue.end + len(after))]
            colon = text.find(":", 0, cue.start)
            if colon > 0 and _GENERIC_OBJECT.match(text, cue.end):
                candidates.insert(0, (0, colon))  # "X: Netflix Renews Drama for Season 2"
        for start, end in candidates:
            named = _line_name(sentence, start, end)
            if named is not None:
                found.append(named)
                break
    return found


_VERB_FIRST = re.compile(
    r"(?:renewed|cancell?ed|axed|ordered|picked up|ending|series (?:order|pick-?up))\b"
)
_GENRE_OBJECT = re.compile(
    r"\s+(?:Drama|Comedy|Series|Thriller|Sitcom|Docuseries|Miniseries|Limited Series|"
    r"Dramedy|Anthology)\s+[A-Z0-9\"“‘']"
)
_VERB_NEXT = re.compile(r"\s*(?:$|[:|–—,]|(?:for|at|by|after|with|on|in)\s)", re.IGNORECASE)
_GENERIC_OBJECT = re.compile(
    r"\s+(?:the\s+)?(?:drama|comedy|series|show|sitcom|thriller)\b", re.IGNORECASE
)


def _leads_its_verb(sentence: Sentence, cue: Cue) -> bool:
    """Whether a title-case headline's name stands right before its decision ("Gilded
    Lanterns Renewed for Season 3 at Hulu"), or before a colon that a generic object points
    back to ("Gilded Lanterns: Netflix Renews Drama for Season 2"), so that it names the
    show though the article's sentences never give the decision again."""
    text = sentence.text
    before = text[: cue.start].rstrip()
    if _VERB_FIRST.match(sentence.lowered, cue.start) and _VERB_NEXT.match(text, cue.end):
        words = _LINE_PIECE.split(before)[-1].split()
        return len(words) >= 2 and before.endswith(words[-1] if words else "")
    genre_in_cue = re.search(
        r"(?:drama|comedy|series|thriller|sitcom)$", sentence.lowered[: cue.end]
    )
    if _GENRE_OBJECT.match(text, cue.end) or (
        genre_in_cue and re.match(r"\s+[A-Z]", text[cue.end :])
    ):
        return True  # "Peacock Orders Drama Gilded Lanterns": the genre, then the name
    return ":" in before and bool(_GENERIC_OBJECT.match(text, cue.end))


_LINE_PIECE = re.compile(r"[:|–—,;]|\s-\s")
_LINE_STOP = re.compile(
    r"[:|–—,;]|\s-\s|\s(?:for|at|after|to|with|on|in|by|as|amid|over|following|and|&)\s|\s*$",
    re.IGNORECASE,
)
_LINE_VERB = re.compile(
    r"\s(?:Has|Have|Had|Is|Are|Was|Were|Been|Will|Just|Gets?|Got|Earns?|Lands?|All|Now|"
    r"Officially|Finally|Also)\b.*$"
)
"""Where a title-case line's name ends and its verb begins: "The Umbrella Academy Gets A
Renewal"."""
_NOT_A_NAME = frozenset(
    "show shows series dramas comedies sitcoms tv these this those that all more another many "
    "some every dozens so two three four five six seven eight nine ten spinoff spin-off prequel "
    "sequel reboot revival epic original originals adaptation franchise hit favorite "
    "fan-favorite".split()
)
"""Words of a line about shows in general: "Netflix Just Canceled Two Shows at Once"."""


def _line_name(sentence: Sentence, start: int, end: int) -> Mention | None:
    raw = _LINE_VERB.sub("", sentence.text[start:end])
    genre = _GENRE_OBJECT.match(" " + raw)
    if genre is not None:
        raw = raw[genre.end() - 2 :]  # "Drama Gilded Lanterns": the name after its genre
    name = raw.strip(" \"“”‘’'")
    if not name:
        return None
    at = start + raw.index(name)
    words = name.split()
    lowered = [w.lower() for w in words]
    if not 1 <= len(words) <= 8 or _SHOW_NOUN_LAST.search(name.lower()):
        return None
    if any(w in _NOT_A_NAME or w.isdigit() for w in lowered):
        return None
    if lowered[0] in _LEADING or lowered[-1] in _JOINERS:
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _JOINERS for w in words):
        return None
    networks = (network_at(name, m.start(), NETWORKS) for m in re.finditer(r"\b\w", name))
    if any(networks) or name.lower() in NOT_TITLES:
        return None  # "Netflix Renews …": who decided
    span = Span(0, 0, at, at + len(name), name)
    return Mention(span, sentence.number, name_key(name), name, None)


_JOINERS = frozenset("of the a an and in on at to for & with from".split())
_LEADING = frozenset(
    "of and in on at to for & with from across ahead before during amid over following despite "
    "after into this next last why how what when where who breaking".split()
)
"""Words that begin no title a line's decision runs into: "Canceled Across Networks"."""


_HEADLINE_LIST = re.compile(
    # one unnamed item may stand between: "Agents of SHIELD, The 100, The Man in the High Castle"
    r"^(?:\s*,\s*[^,;:]{1,25}?)?(?:\s*,\s*(?:and\s+)?|\s(?:and|&)\s+)$"
)
_VERB_WORDS = re.compile(r"\b(?:Has|Have|Is|Are|Was|Were|Will|Be|Been|Gets?|Got)\b")


def _listed_with(sentence: Sentence, kept: list[Mention]) -> list[Mention]:
    """A title-case line's names listed beside a name it keeps: "Agents of SHIELD, The 100,
    The Man in the High Castle, and More Shows Will Be Ending" keeps the third for the
    first two."""
    added: list[Mention] = []
    others = [m for m in sentence.mentions if not _taken(kept, m.span.start, m.span.end)]
    changed = True
    while changed:
        changed = False
        for mention in others:
            if mention in added:
                continue
            for held in [*kept, *added]:
                first, second = sorted((held, mention), key=lambda m: m.span.start)
                gap = sentence.text[first.span.end : second.span.start]
                several = mention.span.last > mention.span.first
                if _HEADLINE_LIST.match(gap) and several and not _VERB_WORDS.search(mention.title):
                    added.append(mention)
                    changed = True
                    break
    return added


_LEADS_ITEM = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:[—–|:]|-\s)|(?:,\s+[A-Z][^()]{0,40})?[?!]?\s*\([^)]{1,40}\)\s*$"
)
"""A line that begins with a title and a note on it: "Gilded Lanterns (NBC) — Canceled",
"Penn & Teller: Fool Us (Renewed)", "Roswell, New Mexico (Renewed)"."""


def _leads_item(sentence: Sentence, mention: Mention) -> bool:
    starts = not sentence.text[: mention.span.start].strip()
    return starts and _LEADS_ITEM.match(sentence.text, mention.span.end) is not None


def _taken(mentions: list[Mention], start: int, end: int) -> bool:
    return any(m.span.start < end and start < m.span.end for m in mentions)


def restore_openers(sentences: list[Sentence]) -> None:
    """A title that opens a sentence loses its everyday first words to the trimming of
    sentence openers ("On the Verge, a dramedy …" reads "Verge"): where the article names
    the whole title elsewhere, the opening mention is that title again."""
    # "Season 2 of On the Verge" names it too
    named = [f" {m.span.text.lower()}" for s in sentences for m in s.mentions]
    for sentence in sentences:
        if not sentence.mentions or sentence.mentions[0].entry is not None:
            continue
        first = sentence.mentions[0]
        lead = sentence.text[: first.span.start]
        if not lead.strip() or len(lead.split()) > 3 or not lead.endswith(" "):
            continue
        whole = sentence.text[: first.span.end].strip()
        if not any(text.endswith(f" {whole.lower()}") for text in named):
            continue
        start = sentence.text.index(whole)
        span = Span(0, first.span.last, start, first.span.end, whole)
        sentence.mentions[0] = Mention(span, sentence.number, name_key(whole), whole, None)


def unify(sentences: list[Sentence]) -> None:
    """Gives a new show's short name the key of its full name in the same article: "Monster"
    is "Dahmer – Monster: The Jeffrey Dahmer Story" where the article names both."""
    full: dict[str, Mention] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.entry is None:
                for variant, _ in title_variants(mention.span.text)[1:]:
                    for start in range(len(variant)):
                        full.setdefault(" ".join(variant[start:]), mention)
                before_comma = mention.span.text.split(",", 1)[0]  # "Roswell, New Mexico"
                if before_comma != mention.span.text:
                    full.setdefault(name_key(before_comma), mention)
    for sentence in sentences:
        for mention in sentence.mentions:
            longer = full.get(mention.key)
            if mention.entry is None and longer is not None and longer.key != mention.key:
                if _listed_apart(sentence, mention, longer):
                    continue  # "NCIS, … NCIS: HAWAI’I": two shows, listed side by side
                mention.key, mention.title = longer.key, longer.title


def _listed_apart(sentence: Sentence, short: Mention, longer: Mention) -> bool:
    """Whether two names are items of one list in the sentence: only commas between them, or
    other items ("the success of Dahmer – Monster" after "two more Monster seasons," is not)."""
    if longer.sentence != sentence.number:
        return False
    first, second = sorted((short.span, longer.span), key=lambda span: span.start)
    between = sentence.text[first.end : second.start]
    items = [m for m in sentence.mentions if first.end <= m.span.start < second.start]
    return "," in between and (not between.strip(" ,\"“”'’") or bool(items))
