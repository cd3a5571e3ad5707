"""Series orders that name their show after the order: "Apple ordered a straight-to-series
TV show this week … The new series is currently titled See", "Channel 4 has commissioned a
new sitcom from Robert Popper … I Hate You stars Tanya Reynolds"."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.news.cues import Cue, News
from bot.news.slots import Mention, Sentence

_AHEAD = 3
"""How many sentences after the order may name its show."""
_TITLED = re.compile(
    r"\b(?:titled|called|named|dubbed|new (?:[\w-]+ ){0,2}(?:drama|series|comedy|sitcom|"
    r"thriller|show|miniseries|serial),)\s+[\"“‘']?$"
)
"""Where a sentence gives an order's show its name: "titled See", "Moffat’s new drama,
“Inside Man,” is …"."""
_LEADS = re.compile(
    r"^[\"”’']?\s*(?:is|stars|will star|follows|centers|centres|tells|revolves|hails|comes|"
    r"features|sees|marks|focuses|explores|is set)\b"
)
_VERB = re.compile(
    r"^(?:ordered|orders|greenlit|green-lit|greenlights?|commission(?:ed|s)?|picked up|"
    r"picks up|is (?:also )?getting|will (?:also )?be getting|(?:also )?gets|will (?:also )?get)\s+"
)
_GENERIC = re.compile(
    r"^\W*(?:a|an|the|its|their|two|three|four|five)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:series|show|drama|comedy|sitcom|thriller|dramedy|miniseries|docuseries|anthology|"
    r"tv show|limited series|original|pair of originals)s?\b"
)
"""An order of a show not yet named: "a new sitcom", "a straight-to-series TV show"."""


_COUNTED = re.compile(r"^\W*(two|three|four|five)\s")
_OPENS_WITH = re.compile(r"^[\"”’']?\s*(?:(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)[\"“‘']?)?$")
_THEN_VERB = re.compile(r"^[\"”’']?,?\s*(?:are|will|have|were|both|all|each|also)\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}


def introduced_all(sentences: list[Sentence], sentence: Sentence, cue: Cue) -> list[Mention]:
    """The shows an order of several that names none is about: "Channel 4 have commissioned
    two new comedy series … Bad Sugar and I’m Spazticus are both due to air next year": the
    next sentence opens on as many names, then its verb."""
    ordered = _VERB.sub("", sentence.lowered[cue.start :], count=1)
    counted = _COUNTED.match(ordered) or _COUNTED.match(sentence.lowered[cue.start :])
    if cue.news is not News.ORDERED or counted is None:
        one = introduced(sentences, sentence, cue)
        return [one] if one is not None else []
    following = [s for s in sentences if s.number == sentence.number + 1]
    if not following or not following[0].mentions:
        return []
    later = following[0]
    names = later.mentions[: _COUNTS[counted.group(1)]]
    gaps = [later.lowered[: names[0].span.start]] + [
        later.lowered[a.span.end : b.span.start] for a, b in pairwise(names)
    ]
    opens = not gaps[0].strip(" \"“‘'") and all(_OPENS_WITH.match(gap) for gap in gaps[1:])
    if len(names) < _COUNTS[counted.group(1)] or not opens:
        return []
    return names if _THEN_VERB.match(later.lowered[names[-1].span.end :]) else []


def introduced(sentences: list[Sentence], sentence: Sentence, cue: Cue) -> Mention | None:
    """The show a series order that names none is about: the one the next sentences call it
    ("titled See") or begin with as their subject ("I Hate You stars …")."""
    ordered = _VERB.sub("", sentence.lowered[cue.start :], count=1)
    noun = re.match(
        r"(?:commissions|orders)\b", sentence.lowered[cue.start :]
    )  # "unveiled three new drama commissions"
    if cue.news is not News.ORDERED or not (noun or _GENERIC.match(ordered)):
        return None
    following = [s for s in sentences if 0 < s.number - sentence.number <= _AHEAD]
    for later in following:
        for mention in later.mentions:
            before = later.lowered[: mention.span.start]
            after = later.lowered[mention.span.end :]
            # an order named as a noun ("commissions") leaves the subject of what follows
            # to be anyone (a producer, a channel); only a title given as such is its show
            leads = not noun and not before.strip(" \"“‘'") and _LEADS.match(after)
            if _TITLED.search(before) or leads:
                return mention
    return None
