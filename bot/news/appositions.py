"""A sentence that opens on a show and a long description of it before its verb: "On the
Verge, a dramedy about four women exploring love, careers and midlife crises in L.A. was
canceled after one season". The description's own commas and names do not stand between the
show and its decision."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.news.cues import Cue
    from bot.news.slots import Mention, Sentence

_DESCRIPTION = re.compile(
    r"^[\"”’']?,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:series|show|drama|comedy|sitcom|dramedy|"
    r"thriller|procedural|miniseries|docuseries|anthology|adaptation|reboot|spinoff|spin-off)\b"
    r"[^;:()]{0,160}$"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|will be|got|gets)\s+"
    r"(?:officially\s+|also\s+|quietly\s+|now\s+)?$"
)


def apposed_subject(sentence: Sentence, cue: Cue) -> list[Mention]:
    """The show a sentence opens on, where all between it and a passive decision describes
    it."""
    if not sentence.mentions:
        return []
    first = sentence.mentions[0]
    if sentence.lowered[: first.span.start].strip(" \"“‘'") or first.span.end > cue.start:
        return []
    between = sentence.lowered[first.span.end : cue.start]
    if _DESCRIPTION.match(between) and _PASSIVE.search(between):
        return [first]
    return []
