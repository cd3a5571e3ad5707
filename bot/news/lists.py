"""Decisions given as lists, as roundups write them: a heading that names the decision
("Cancelled", "They join these other shows on the 2023 cancellation list:") followed by one
show a line ("Andor (ending after season 2)"); a paragraph labelled with it ("Renewed:
“Scandal,” “Castle” and “The Middle”"); a scorecard line ("Bunheads: Officially cancelled");
bullets under a sentence that gives the decision."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.news.cues import Cue, News, Reach, cues_in
from bot.news.hedges import hedging
from bot.news.networks import NETWORKS
from bot.news.slots import Mention, Sentence
from bot.news.spans import CONNECTORS, NOT_TITLES, Token, network_at

ITEM_WORDS = 12
"""A list item is a title with a short note, not a sentence."""
HEADING_WORDS = 12
_NOTE = re.compile(r"\s*(?:\([^)]*\)|\s[-–—:]\s.*)\s*$")
_LABEL = re.compile(
    r"^\W*(?:[A-Za-z’' ]{0,40}?\s)?(?P<word>cancel\w*|renewed|renewals?|ordered|series orders?|"
    r"pick-?ups?|new series|ending|final seasons?|axed)\s*:",
    re.IGNORECASE,
)
_LABEL_NEWS = (
    ("cancel", News.CANCELLED),
    ("axed", News.CANCELLED),
    ("renew", News.RENEWED),
    ("ending", News.ENDING),
    ("final", News.ENDING),
)
"""What a label says; any other label ("Pick-ups", "Series orders", "New series") orders."""
COLON_LINE = re.compile(r"^(?:\s*[•●▪◦*–-]\s+)?(?P<title>[A-Z0-9\"“‘][^:|]{0,80}?)\s*[:|]\s+\S")
"""A scorecard line: "Bunheads: Officially cancelled", "Speechless  |  A move to Fridays …"."""
_CREDIT = re.compile(r"\s+(?:from|by|starring|with|on)\s+(?!(?:a|an|A|An|The)\s)")
"""Who made or stars in it, not the title's own words: "Man with a Plan"."""
_SUBTITLED = re.compile(r"\s*:\s*[A-Z0-9][\w'’&!?.,-]*(?:\s+[\w'’&!?.,-]+){0,6}\s*\([^)]*\)\s*$")
"""The rest of a line after its colon is a subtitle when it is a few words, then a note."""
_FORECAST = re.compile(r"\b(?:certain|leans?|leaning|toss-?up|safe|doomed|probable)\b")
"""A heading that predicts ("Certain to be Canceled:", "Leans Renewal:")."""
_BULLET = re.compile(r"^\s*[•●▪◦*–-]\s")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(?=\S)")
_NETWORK_NOTE = re.compile(
    r"\s*[|,]\s*(?=(?:" + "|".join(re.escape(n) for n in NETWORKS) + r")\b)|\s+\|\s+"
)
_MARKER = re.compile(r"\s*[•●▪◦*–-]\s*")
_QUOTED = re.compile(r"[\"“‘][^\"“”]{1,80}[\"”’]")
"""A line that is only a quoted title, as lists write them: "“Brooklyn Nine-Nine”"."""
_LISTING = re.compile(
    r"(?:\bincluding|;|\band (?:[a-z-]+ ){0,3}(?:drama|comedy|sitcom|series|thriller|docuseries|"
    r"procedural|dramedy))\s*[\"“‘']?$"
)
"""Where a bullet goes on listing shows: "including", ";", "and … family drama"."""
_JOINED = re.compile(r"^[\"”’']?\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)[\"“‘']?$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SPOKEN_OF = re.compile(r"\W*(?:news|updates?|status|hopes|rumou?rs?|watch|odds|plans)\b")
"""After a decision word, what makes it a topic, not a decision: "renewal news"."""
_CLAUSE = re.compile(r"[.;]\s+")
QUOTES = "\"'“”‘’"
_EDITORIAL = frozenset(
    "note|notes|editor's note|update|updated|correction|related|disclaimer|source|sources|"
    "spoiler alert|spoilers|warning|read more|see also|full disclosure|psa".split("|")
)
"""The labels of a writer's aside, which are no titles: "Note: …", "Update: …"."""
_SEASON_OF = re.compile(r"^\W*(?:season|series|part|volume)\s+\S+\s+of\b", re.IGNORECASE)
_FIELD = re.compile(
    r"^\W*(?:network|channel|platform|streamer|streaming on|where to watch|how to watch|"
    r"status|genre|starring|stars|cast|creators?|created by|showrunners?|premiered?|"
    r"premiere date|seasons|episodes|verdict|years?|aired|airs)\s*:",
    re.IGNORECASE,
)
"""The fields of a list's entry, which are no titles: "Network: The CW", "Status: …"."""

MentionFor = Callable[[str, int, int], Mention]
"""A mention of the show named `text` in sentence `number`, starting at `start`."""


def listed_facts(
    sentences: list[Sentence], lines: set[int], mention_for: MentionFor
) -> list[tuple[Mention, Cue, Sentence]]:
    """Every show a list gives a decision, with the decision's cue."""
    found: list[tuple[Mention, Cue, Sentence]] = []
    by_number = {s.number: s for s in sentences}
    found.extend(_bulleted(sentences))
    items: set[int] = set()
    for sentence in sentences:
        news = _heading(sentence, lines)
        if news is not None and sentence.number not in items:  # an item is no heading
            listed = _items(sentence, news, by_number, lines, mention_for)
            items.update(line.number for _, _, line in listed)
            found.extend(listed)
        if sentence.paragraph == 0 or not first_in_paragraph(sentence, by_number):
            continue  # the headline is not a label or a scorecard line
        row = _table_row(sentence, mention_for) if sentence.number in lines else None
        if row is not None:
            found.append(row)
            continue
        if _FIELD.match(sentence.text):
            found.extend(_field(sentence, by_number, lines, mention_for))
            continue
        label = _LABEL.match(sentence.text)
        if label is not None:
            found.extend(_labelled(sentence, label, by_number, mention_for))
        else:
            found.extend(_colon_line(sentence, by_number, mention_for))
    return found


_ROW = re.compile(
    r"^\W*(?P<title>[A-Z0-9\"“‘].{0,80}?)[\s\t]+(?P<network>"
    + "|".join(re.escape(n) for n in sorted(NETWORKS, key=len, reverse=True))
    + r")[\s\t]+(?P<status>renewed|cancell?ed|axed|ending|ordered|final season)\W*$",
    re.IGNORECASE,
)
"""A row of a table flattened to a line: "Gilded Lanterns NBC Renewed"."""


def _table_row(sentence: Sentence, mention_for: MentionFor) -> tuple[Mention, Cue, Sentence] | None:
    row = _ROW.match(sentence.text)
    if row is None or row["title"].lower() in ("show", "series", "title"):
        return None
    title = row["title"].strip(QUOTES + " ")
    if item_title(title) != title:
        return None
    status = row["status"].lower()
    news = next((n for start, n in _LABEL_NEWS if status.startswith(start)), News.ORDERED)
    cue = Cue(news, row.start("status"), row.end("status"), Reach.SUBJECT)
    return (mention_for(title, sentence.number, row.start("title")), cue, sentence)


def _field(
    line: Sentence, by_number: dict[int, Sentence], lines: set[int], mention_for: MentionFor
) -> list[tuple[Mention, Cue, Sentence]]:
    """A status field of a list's entry ("Gilded Lanterns" / "Network: NBC" / "Status:
    Renewed for season 3"): the decision is the show's whose title heads the entry."""
    cues = [cue for cue in line.cues if not hedging(line.lowered[: cue.start], [], 0)]
    if not cues or not line.lowered.lstrip(" •*-").startswith("status"):
        return []
    number = line.number - 1
    while number in by_number and _FIELD.match(by_number[number].text):
        number -= 1  # past the entry's other fields
    heading = by_number.get(number)
    if heading is None or number not in lines:
        return []
    title = item_title(heading.text)
    if title is None or cues_in(title.lower()):
        return []
    return [(mention_for(title, heading.number, heading.text.find(title)), cues[0], line)]


def _heading(sentence: Sentence, lines: set[int]) -> News | None:
    """The decision a heading names, when it names one only."""
    if sentence.paragraph == 0 or _ROW.match(sentence.text):
        return None  # the article's headline heads the article, not a list; a row is a row
    text = sentence.text.rstrip()
    short = sentence.number in lines and len(text.split()) <= HEADING_WORDS
    if not (short or text.endswith(":")) or (short and item_title(text) in _names(sentence)):
        return None  # "Paper Moons (NBC) — Renewed for Season 3" is an item, not a heading
    kinds = {cue.news for cue in sentence.cues}
    if _FORECAST.search(sentence.lowered) or hedging(sentence.lowered):
        return None  # "Likely to be Renewed:", "Leans Cancellation:": a forecast's list
    return kinds.pop() if len(kinds) == 1 else None


def _names(sentence: Sentence) -> set[str]:
    return {m.span.text for m in sentence.mentions}


def _items(
    heading: Sentence,
    news: News,
    by_number: dict[int, Sentence],
    lines: set[int],
    mention_for: MentionFor,
) -> list[tuple[Mention, Cue, Sentence]]:
    items = []
    number = heading.number + 1
    while number in by_number and (number in lines or _QUOTED.fullmatch(by_number[number].text)):
        line = by_number[number]
        if _MARKER.fullmatch(line.text):
            number += 1  # a bullet on a line of its own: "-" then "“Blacklist”"
            continue
        title = item_title(line.text)
        if title is None or cues_in(title.lower()):
            break  # a sentence, or the next heading ("Renewed")
        own = line.cues[0] if line.cues else Cue(news, 0, 0, Reach.SUBJECT)
        start = line.text.find(title)
        items.append((mention_for(title, line.number, start), own, line))
        number += 1
    return items


def item_title(line: str) -> str | None:
    """A list line's show: the line without its note ("(ending after season 5)", "– axed
    after two seasons") and quotes; None when the line is a sentence, not a title."""
    initials = re.search(r"\b(?:[A-Za-z]\.){2,}$", line.rstrip())  # "Agents of S.H.I.E.L.D."
    if len(line.split()) > ITEM_WORDS or (
        line.rstrip().endswith((".", "!", "?", ":")) and not initials
    ):
        return None
    if _FIELD.match(line):
        return None
    title = _NUMBERED.sub("", line)  # "1. Gilded Lanterns (Netflix)"
    while (bare := _NOTE.sub("", title)) != title:  # "Gilded Lanterns (NBC) — Canceled"
        title = bare
    # "Gilded Lanterns | Netflix | Renewed", "Paper Moons, HBO — cancelled": the network's note
    title = _NETWORK_NOTE.split(title, maxsplit=1)[0]
    title = title.strip().strip(QUOTES).strip()
    title = _CREDIT.split(title, maxsplit=1)[0]  # "Trust Me from RED Production Company"
    if not title or not Token(title.split()[0], 0, 0).capitalised:
        return None
    if all(w.lower().strip(",.") in NOT_TITLES | CONNECTORS for w in title.split()):
        return None  # "READ MORE", "NEWS BRIEF"
    if network_at(title, 0, NETWORKS) == title:
        return None  # "ABC": who decided, not what
    words = [w for w in title.split() if w.lower() not in CONNECTORS]
    lower = sum(1 for w in words if not Token(w, 0, 0).capitalised)
    if lower > 1 or (lower and len(words) < 3) or len(words) > 8:
        return None  # a caption or a sentence: "The Peacock app button on …", "ABC didn't"
    return title


def dateline(sentence: Sentence, title: str) -> bool:
    """Whether a line's title is where the article was written ("LONDON: Charlotte Moore has
    unveiled …"): capitals at the head of its first paragraph."""
    return sentence.paragraph == 1 and title.isupper() and " " not in title


def first_in_paragraph(sentence: Sentence, by_number: dict[int, Sentence]) -> bool:
    before = by_number.get(sentence.number - 1)
    return before is None or before.paragraph != sentence.paragraph


def _paragraph(first: Sentence, by_number: dict[int, Sentence]) -> list[Sentence]:
    found = []
    number = first.number
    while number in by_number and by_number[number].paragraph == first.paragraph:
        found.append(by_number[number])
        number += 1
    return found


def _labelled(
    first: Sentence,
    label: re.Match[str],
    by_number: dict[int, Sentence],
    mention_for: MentionFor,
) -> list[tuple[Mention, Cue, Sentence]]:
    """The shows of a paragraph that begins with a decision and a colon: those it quotes,
    and those its first sentence lists ("Renewed: Supernatural (…), Reign and The 100")."""
    word = label["word"].lower()
    news = next((n for start, n in _LABEL_NEWS if word.startswith(start)), News.ORDERED)
    cue = Cue(news, label.start("word"), label.end("word"), Reach.OBJECT)
    found: list[tuple[Mention, Cue, Sentence]] = []
    for sentence in _paragraph(first, by_number):
        found.extend((m, cue, sentence) for m in sentence.mentions if m.span.quoted)
    listed = _PARENTHESES.sub("", first.text[label.end() :])
    keys = {m.key for m, _, _ in found}
    for title in _comma_list(listed):
        mention = mention_for(title, first.number, max(first.text.find(title), 0))
        if mention.key not in keys:
            keys.add(mention.key)
            found.append((mention, cue, first))
    return found


def _comma_list(text: str) -> list[str]:
    """The titles of "A, B, C and D": each piece that reads as a title."""
    pieces = [p.strip() for p in re.split(r"[,;]\s*(?:and\s+)?", text.rstrip(" .…"))]
    if pieces:
        last = pieces.pop()
        left, _, right = last.rpartition(" and ")
        two = left and len(left.split()) >= 2 and len(right.split()) >= 2
        pieces.extend([left, right] if two or (left and len(pieces) > 0) else [last])
    titles = []
    for piece in pieces:
        title = item_title(piece.strip(QUOTES + " "))
        if title is not None and not cues_in(title.lower()):
            titles.append(title)
    if 2 * len(titles) < len(pieces) or any(len(piece.split()) > 10 for piece in pieces):
        return []  # prose with commas ("Fans of "Betrayal," the moody melodrama …"), no list
    return titles


def _colon_line(
    first: Sentence, by_number: dict[int, Sentence], mention_for: MentionFor
) -> list[tuple[Mention, Cue, Sentence]]:
    """A scorecard line, "Bunheads: Officially cancelled" or "Longmire: Officially
    cancelled. Renewed by Netflix for Season 4": the line's last decision not hedged in its
    own clause."""
    line = COLON_LINE.match(first.text)
    if line is None:
        return []
    title = item_title(line["title"].strip(QUOTES + " "))
    if title is None or cues_in(title.lower()) or dateline(first, title):
        return []
    if _SEASON_OF.match(title):
        return []  # "Season 5 of 9-1-1: Lone Star will be its last": a sentence, no scorecard
    if title.lower().replace("’", "'") in _EDITORIAL:
        return []  # "Note: This list focuses on canceled shows …": the writer's aside
    if _SUBTITLED.match(first.text, line.end("title")):
        return []  # "Penn & Teller: Fool Us (Renewed)": one title with its note, an item
    chosen: tuple[Cue, Sentence] | None = None
    # the title's own note may give the decision: "The 100 (CW, Ending After 7 Seasons):"
    note = first.text.find("(", line.start("title"), line.end("title"))
    for sentence in _paragraph(first, by_number):
        for cue in sentence.cues:
            if sentence is first and cue.start < line.end("title") and not 0 <= note < cue.start:
                continue
            clause = _CLAUSE.split(sentence.lowered[: cue.start])[-1]
            start = cue.start - len(clause)
            if not hedging(sentence.lowered[: cue.start], sentence.names, start) and not re.match(
                _SPOKEN_OF, sentence.lowered[cue.end :]
            ):
                chosen = (cue, sentence)
    if chosen is None:
        return []
    return [(mention_for(title, first.number, 0), *chosen)]


def _bulleted(sentences: list[Sentence]) -> list[tuple[Mention, Cue, Sentence]]:
    """Bullets with no decision of their own take the one said just before them ("The
    Peacock network is cancelling a slew of first-timers … • The Michael J. Fox Show, a
    family comedy"): the show each bullet leads with, and those it lists after "including"."""
    found: list[tuple[Mention, Cue, Sentence]] = []
    context: Cue | None = None
    between: set[int] = set()  # the paragraphs that are not bullets since the decision
    for sentence in sentences:
        if _BULLET.match(sentence.text) is None:
            kinds = {cue.news for cue in sentence.cues}
            if sentence.paragraph and len(kinds) == 1:
                context, between = sentence.cues[0], set()
            else:
                between.add(sentence.paragraph)
            continue
        if (
            sentence.cues
            or context is None
            or len(between) > 2
            or hedging(sentence.lowered, sentence.names)
        ):
            continue  # its own decision, none before it, or a pilot, a hope, a rumour
        taken: list[Mention] = []
        for mention in sentence.mentions:
            lead = sentence.text[: mention.span.start]
            leads = mention is sentence.mentions[0] and len(lead.split()) <= 8
            # "and" goes on a list of shows, not a sentence: "the family of Jenna Fischer
            # (…) and Oliver Hudson" names people
            joined = taken and _JOINED.match(sentence.text[taken[-1].span.end : mention.span.start])
            if leads or _LISTING.search(lead) or joined:
                taken.append(mention)
                found.append((mention, context, sentence))
    return found
