"""Which shows a decision word in a sentence speaks of: the subject before it ("X has been
cancelled"), the object after it ("Netflix renewed X", "the cancellation of X"), a list after
a colon or "include", a short line's only show; with the words that tell a show from a
person, a descriptor or a comparison around it."""

from __future__ import annotations

import re

from bot.news.adaptations import adapted
from bot.news.appositions import apposed_subject
from bot.news.cues import Cue, Reach
from bot.news.listing import (
    APPOSED,
    APPOSITION_LIST,
    APPOSITION_OPEN,
    COORDINATION,
    CREDITED,
    ITEM_ENDS,
    SEMICOLON,
    pair,
    parts,
)
from bot.news.mentions import Mention, Sentence, name_key
from bot.news.spans import Span

__all__ = ["Mention", "Sentence", "name_key", "pair", "shows_spoken_of"]

_SUBJECT_GAP = re.compile(
    r"^[\s\"“”‘’']*(?:['’]s\b)?[\s\"“”‘’',]*(?:,(?!\s*and\b)[^;]{1,140}?,\s*)?"
    r"(?:\([^()]{1,40}\)\s*)?"  # "“Elementary” (lower left) is renewed"
    # "Agent Carter (ABC, Cancelled after Two Seasons)": a list item's network, then its fate
    r"(?:\(\s*[\w&+!.' -]{1,25},\s*)?"
    # "A, B and more shows will be ending"
    r"(?:(?:and|&) (?:more|other|several|many|a few|a handful of) (?:[\w-]+ )?"
    r"(?:shows|series|dramas|comedies|sitcoms|titles)\s+)?"
    r"(?:(?:is|was|are|were) (?:the )?(?:last|latest|first|second|third|next|only|newest) "
    r"(?:[\w-]+ ){0,2}?(?:shows?|series|dramas?|comed(?:y|ies)) to\s+|"
    r"(?:is|was|are|were) among (?:those|the (?:[\w-]+ ){0,2}?(?:shows|series))"
    r"(?: (?:that |which )?[\w+&'’ -]{0,30}?(?: has| have| had)?)?\s+)?"
    r"(?:(?:has|have|had|been|being|be|is|are|was|were|will|would|officially|also|now|just|"
    r"reportedly|already|finally|formally|quietly|since|indeed|both|all|too|each|"
    r"subsequently|ultimately|abruptly|at|netflix['’]s|all|(?:scored|earned|earn|earns|landed|"
    r"received|receive|got|gets|secured|nabbed|snagged)(?:\s+(?:an?|their|its))?)\s+)*$"
)
_LISTED_ON = re.compile(r"^[\s\"“”‘’']*,[\s\"“”‘’']*$")
"""Only a comma before the verb: "Renews 'Hannibal' and 'About a Boy,' Cancels …" goes on
listing; it does not make "About a Boy" the one cancelled."""
_ALONG_WITH = re.compile(r"[^,.;:]{0,30},\s*(?:along with|as well as|together with|plus)\s+")
"""After a subject's decision, more shows that share it."""
_PLURAL_NOUN = re.compile(r"(?:cancell?ations|renewals)\b")
"""Decisions of many shows, which the name just before them does not own."""
_AUXILIARY = re.compile(r"(?:will|would|is|are|was|were|has|have|had|to)\b")
_OBJECT_GAP_WORDS = 7
_OBJECT_STOP = re.compile(
    r"[.;:!?]|, (?:which|who)\b|\b(?:after|following|because|due|despite|before|when|while|"
    r"since|than|like|unlike|and|from|by|with|about|based)\b"
)
_WHICH_HAS = re.compile(
    # "…, which Netflix has canceled", "…, which has been renewed for a second season"
    r",\s*(?:which|that)\s+(?:[\w+&'’-]+\s+){0,3}(?:has|have)\s+(?:now\s+|officially\s+|also\s+)?"
    r"(?:been\s+)?$"
)
_AS_WELL_AS = re.compile(r"\W*(?:as well as|along with|plus)\s+(?:[a-z-]+\s+){0,2}?")
_ACTIVE = re.compile(r"\b(?:has|have|had)\s+(?:also\s+|officially\s+|now\s+|just\s+)?$")
_MODIFIES = re.compile(r"\s+(?:lineup|franchise|universe|brand|slate|family|block)\b")
_TO = re.compile(r"^[\s\"“”‘’']*to[\s\"“”‘’']*$")
_FROM = re.compile(r"\bfrom\s+[\"“‘']?$")
_VERBS_IN_S = frozenset("is was has does looks seems sounds feels plays acts".split())
_ROLES = (
    r"(?:star|stars|co-star|co-stars|creator|creators|showrunner|showrunners|director|writer|"
    r"producer|actor|actors|actress|actresses|regulars?|cast|host|author|novelist|executive|"
    r"exec|chief|ceo|head|president|boss)"
)
_DESCRIBES = re.compile(
    r"[\"”’']?\s+(?:series|show|drama|comedy|sitcom|thriller|franchise|adaptation|universe|"
    r"spinoff|spin-off|prequel|sequel|star|creator|veteran|alum)\b"
)
_POSSESSIVE = re.compile(r"^['’]\s*[\"“‘']?\s*$")  # "Lee Daniels’ “Empire”"
_GOVERNED = re.compile(
    r"\b(?:of|by|from|about|starring|featuring|than|like|on|with|based)\s+[\"“‘']?$|"
    r"\b(?:about|featuring|starring) the\s+$"
)
_INSERTED = re.compile(
    r",[^,;]*\b(?:starring|featuring|played by|voiced by|by|from|who|which|whose|"
    r"including|filmed|shot|set|made|produced)\b[^,;]*$"
)
"""A name inside a clause set off by commas ("“Sleepy Hollow,” starring Tom Mison as Ichabod
Crane, was canceled"), which is not the sentence's subject."""
_LIST_INTRO = re.compile(
    # "renewed 9 other series that I also don’t watch — Abbott Elementary, Big Sky, …"
    r"^[^.;!?:]{0,160}(?::|\b(?:shows|series|dramas|comedies|titles)\b[^—–]*\s[—–]|\b(?:include|includes|included|including|are|were)\b)\s*"
    r"(?:(?:[a-z][\w'’/-]*|#\d+)\s+){0,4}?"
    r"[\"“‘']?\s*$"
)
_ROLE_BEFORE = re.compile(rf"\b{_ROLES}\W*$")
_ROLE_AFTER = re.compile(rf"^\W*(?:['’]s\s+)?{_ROLES}\b")
_DESCRIBED = re.compile(
    r"^[\"”’']?(?:['’]s?)?\s*(?:[\w-]+\s+){0,4}?"
    r"(?:series|shows?|dramas?|comed(?:y|ies)|sitcoms?|thrillers?|dramedy|adaptation|"
    r"anthology|docuseries|miniseries|reboot|revival|spinoff|spin-off|prequel|sequel|satire|"
    r"fave|favorite|favourite|hit|procedural|romance|mystery|soap|vehicle|starrer|breakout|"
    r"origin story)"
    r"[\s,]*[\"“‘']?\s*$"
)


def shows_spoken_of(sentence: Sentence, cue: Cue) -> list[Mention]:
    mentions = sentence.mentions
    if cue.inner is not None:
        start, end = cue.inner
        inside = [
            part
            for m in mentions
            if m.span.start >= start and m.span.end <= end
            for part in pair(sentence, m, force=False)
        ]
        # "… to its list of cancellations, as well as dramas 'Believe' and 'Crisis'"
        more = _AS_WELL_AS.match(sentence.lowered, cue.end)
        if more is None:
            return inside
        return inside + _object(sentence, Cue(cue.news, more.end(), more.end(), Reach.OBJECT))
    if cue.reach is Reach.EITHER and _ACTIVE.search(sentence.lowered[: cue.start]):
        # "… Showtime has renewed The Big C for a limited fourth and final season": the verb
        # is active, so what it renews follows it; before it stands who renewed
        direct = _object(sentence, cue)
        if direct and len(sentence.lowered[cue.end : direct[0].span.start].split()) <= 2:
            return direct
    if _owned_by_none(sentence, cue):
        return []
    if sentence.lowered.startswith("(", cue.start):
        return _noted(sentence, cue)
    if cue.reach in (Reach.SUBJECT, Reach.EITHER):
        found = _subject(sentence, cue)
        joining = _ALONG_WITH.match(sentence.lowered, cue.end) if found else None
        if joining is not None:  # "A and B are ending their runs, along with C and D"
            found = found + _object(
                sentence, Cue(cue.news, joining.end(), joining.end(), Reach.OBJECT)
            )
        if found or cue.reach is Reach.SUBJECT:
            return (
                found
                or _listed(sentence, cue)
                or _only_one(sentence, cue)
                or apposed_subject(sentence, cue)
                or _relative(sentence, cue)
            )
    return (
        _object(sentence, cue)
        or _only_one(sentence, cue)
        or _relative(sentence, cue)
        or adapted(sentence, cue)
        or (cue.reach is Reach.EITHER and apposed_subject(sentence, cue))
        or []
    )


def _noted(sentence: Sentence, cue: Cue) -> list[Mention]:
    """The one show a note in brackets follows: "Gilded Lanterns (renewed), Paper Moons
    (cancelled)" gives each its own."""
    before = [m for m in sentence.mentions if m.span.end <= cue.start]
    if not before or sentence.lowered[before[-1].span.end : cue.start].strip(" \"”’'?!"):
        return []
    # "A League of Their Own (ending …)" read as "Their Own": a title cut, not a title
    cut = re.search(
        r"\b(?:of|the|a|an|in|on|to|for|with)\s+$", sentence.text[: before[-1].span.start]
    )
    if cut:
        return []
    # "Roswell, New Mexico (Renewed)": a line that is one title and its note
    whole = len(before) == 2 and not sentence.text[: before[0].span.start].strip()
    if whole and _one_name(sentence, before[0], before[1]):
        return [_joined(sentence, before[0], before[1])]
    return [before[-1]]


def _owned_by_none(sentence: Sentence, cue: Cue) -> bool:
    """Whether the decisions are many shows' and the name just before them none of them:
    "Networks Announce Cancellations", "ABC cancellations"."""
    if not _PLURAL_NOUN.match(sentence.lowered, cue.start):
        return False
    before = [m for m in sentence.mentions if m.span.end <= cue.start]
    return bool(before) and not sentence.lowered[before[-1].span.end : cue.start].strip()


def _relative(sentence: Sentence, cue: Cue) -> list[Mention]:
    """The show a relative clause's decision is about: "the end of the road for Gilded
    Lanterns, which Netflix has canceled after two seasons" (a present perfect: news, where
    "which Fox cancelled in 2015" tells history)."""
    clause = _WHICH_HAS.search(sentence.lowered[: cue.start])
    if clause is None:
        return []
    named = [m for m in sentence.mentions if m.span.end <= clause.start()]
    if not named or sentence.lowered[named[-1].span.end : clause.start()].strip(" \"”’'"):
        return []
    return [named[-1]]


def _subject(sentence: Sentence, cue: Cue) -> list[Mention]:
    before = [
        m
        for m in sentence.mentions
        if m.span.end <= cue.start and not _enclosed(sentence.lowered[m.span.end : cue.start])
    ]
    if not before:
        return []
    # "“The Path,” which stars Aaron Paul of “Breaking Bad” as …, also scored a renewal";
    # "the drama based on the novels of Charles Dickens won't be back": not Dickens
    last = next(
        (
            m
            for m in reversed(before[-3:])
            if _SUBJECT_GAP.match(sentence.lowered[m.span.end : cue.start])
            and not (
                _LISTED_ON.match(sentence.lowered[m.span.end : cue.start])
                and not _AUXILIARY.match(sentence.lowered, cue.start)
            )
            and not _governed(sentence, m.span.start, cue)
            and not _inserted(sentence, m, cue)
        ),
        None,
    )
    if last is None:
        return []
    before = before[: before.index(last) + 1]
    group = [last]
    ranged = False  # "from “The Big Bang Theory” to “Elementary” airing their final episodes"
    for mention in reversed(before[:-1]):
        gap = sentence.lowered[mention.span.end : group[0].span.start]
        if _GOVERNED.search(sentence.lowered[: mention.span.start]) and APPOSED.match(
            sentence.lowered[mention.span.end : group[0].span.start]
        ):
            continue  # "Alpha House, starring John Goodman, and Betas": past the person
        ranged = bool(_TO.match(gap) and _FROM.search(sentence.lowered[: mention.span.start]))
        if not (COORDINATION.match(gap) or APPOSED.match(gap) or ranged):
            break
        group.insert(0, mention)
        if ranged:
            break
    if not ranged and _governed(sentence, group[0].span.start, cue):
        return []  # "the careers of Emilia Clarke, Jodie Comer and Claire Foy, was axed"
    plural = re.search(r"\b(?:have|were|are|both)\b", sentence.lowered[last.span.end : cue.start])
    if len(group) == 2 and not plural and _one_name(sentence, *group):
        return [_joined(sentence, *group)]  # "Roswell, New Mexico is the last show to get the axe"
    if len(group) == 1 and plural:
        return pair(sentence, last)  # "The Horror of Dolores Roach and Shelter have both been…"
    return parts(sentence, group)


def _enclosed(gap: str) -> bool:
    """Whether a name stands in brackets that close before the decision: "a Taika Waititi
    (JoJo Rabbit, Thor: Ragnarok) film …, was also renewed" renews neither film."""
    depth = 0
    for char in gap:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return True
    return False


def _inserted(sentence: Sentence, mention: Mention, cue: Cue) -> bool:
    """Whether a name ends a clause set off by commas before the verb: "“Sleepy Hollow,”
    starring Tom Mison as Ichabod Crane, was canceled"."""
    closed = re.match(r"[\W]*,", sentence.lowered[mention.span.end : cue.start])
    return bool(closed) and bool(_INSERTED.search(sentence.lowered[: mention.span.start]))


def _one_name(sentence: Sentence, first: Mention, second: Mention) -> bool:
    """Whether two names with only a comma between them, told of in the singular, are one
    title ("Roswell, New Mexico"): a list of two would say "and"."""
    gap = sentence.text[first.span.end : second.span.start]
    unquoted = not (first.span.quoted or second.span.quoted)
    listing = " and " in second.span.text or "&" in second.span.text  # "A, B and C"
    single = gap.strip() == "," and first.entry is None and not listing
    return sentence.paragraph > 0 and unquoted and single


def _joined(sentence: Sentence, first: Mention, second: Mention) -> Mention:
    start, end = first.span.start, second.span.end
    text = sentence.text[start:end]
    span = Span(first.span.first, second.span.last, start, end, text)
    return Mention(span, first.sentence, name_key(text), text, None)


def _governed(sentence: Sentence, start: int, cue: Cue) -> bool:
    """Whether a preposition governs the name at `start`, so that it is not the subject; but
    "with" before a decision in "-ing" makes it one ("with Nashville falling victim")."""
    governing = _GOVERNED.search(sentence.lowered[:start])
    if governing is None or re.search(r"\bseasons?(?: [\w-]+)? of\W*$", sentence.lowered[:start]):
        return False  # "the upcoming fourth season of Gilded Lanterns will be its final one"
    absolute = re.match(r"(?:also |now )?\w+ing\b", sentence.lowered[cue.start :])
    if governing.group().startswith("with") and absolute:
        return False
    # "buzzy reboots like “Murphy Brown” are some of this season’s early victims": examples
    examples = re.search(r"\b([a-z]+s) (?:like|such as)\W*$", sentence.lowered[:start])
    return not (examples and examples.group(1) not in _VERBS_IN_S)


def _object(sentence: Sentence, cue: Cue) -> list[Mention]:
    after = [m for m in sentence.mentions if m.span.start >= cue.end]
    if not after:
        return []
    if len(after) > 1 and _MODIFIES.match(sentence.lowered, after[0].span.end):
        after = after[1:]  # "its entire Chicago lineup and more: A, B and C"
    first = after[0]
    gap = sentence.lowered[cue.end : first.span.start]
    of = sentence.lowered[: cue.end].endswith(" of")
    listed = _LIST_INTRO.match(gap) is not None  # "the cancelled shows: A, B and C"
    too_far = len(gap.split()) > _OBJECT_GAP_WORDS + (4 if of else 0)
    if not listed and (too_far or _OBJECT_STOP.search(gap)):
        return []
    if ("," in gap and not (of or listed)) or any(
        cue.end <= o.start < first.span.start for o in sentence.cues
    ):
        return []
    if _ROLE_BEFORE.search(gap) or re.search(r"\b(?:from|by|with|starring|featuring)\W*$", gap):
        return []  # "its creator and star Julie Delpy": a person
    follows = after[1] if len(after) > 1 else None
    between = sentence.lowered[first.span.end : follows.span.start] if follows else ""
    listing = re.match(r"[\"”’'\s]*(?:,|and\b|or\b)", between)  # "A and two dramas, B": both
    if (
        follows is not None
        and not listing
        and (_DESCRIBED.match(between) or _POSSESSIVE.match(between))
    ):
        first = follows  # "Matthew Weiner's anthology drama The Romanoffs"
        after = after[1:]
    group = [first]
    for mention in after[1:]:
        gap = sentence.lowered[group[-1].span.end : mention.span.start]
        if _DESCRIBES.match(sentence.lowered, mention.span.end):
            continue  # "the Marvel series", "the Walker prequel": a word about a show
        if re.search(r"(?<!along )\b(?:with|starring|featuring)\W*$", gap):
            continue  # "“Carol’s Second Act” with Patricia Heaton": who stars in it
        if APPOSITION_OPEN.match(gap) and ";" not in gap and CREDITED.search(gap):
            continue  # "Paper Moons, a comedy from Jane Roe; …": who made it
        listing = SEMICOLON.match(gap) and ITEM_ENDS.match(sentence.lowered, mention.span.end)
        if APPOSITION_LIST.match(gap) or listing:
            group.append(mention)  # "Gilded Lanterns, its freshman drama; Paper Moons; …"
            continue
        if not COORDINATION.match(gap) or any(
            group[-1].span.end <= other.start < mention.span.start for other in sentence.cues
        ):
            break
        group.append(mention)
    return parts(sentence, group)


def _listed(sentence: Sentence, cue: Cue) -> list[Mention]:
    """The shows listed after "… that will not continue include" or "… axed:"."""
    after = [m for m in sentence.mentions if m.span.start >= cue.end]
    if not after:
        return []
    gap = sentence.lowered[cue.end : after[0].span.start]
    if _LIST_INTRO.match(gap) or re.fullmatch(r"\s*(?:was|is)\s+[\"“‘']?", gap):
        return _object(sentence, cue)  # "The biggest casualty was Gilded Lanterns"
    return []


def _only_one(sentence: Sentence, cue: Cue) -> list[Mention]:
    """A short line with one show and one decision ("The Imperfects – cancelled") speaks
    of that show, whatever the order of its words."""
    if len(sentence.text.split()) <= 10 and len(sentence.cues) == 1:
        keys = {m.key for m in sentence.mentions}
        if len(keys) == 1:
            mention = sentence.mentions[0]
            before = sentence.lowered[: mention.span.start]
            after = sentence.lowered[mention.span.end :]
            person = _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after)
            # "Disney ordered a pair of originals": who decided, not what
            agent = cue.reach is Reach.OBJECT and re.fullmatch(
                r"\s*(?:has |have |had )?", sentence.lowered[mention.span.end : cue.start]
            )
            if not re.search(r"\b(?:from|by|with|in|at|near)\W*$", before) and not (
                person or agent
            ):
                return [mention]
    return []
