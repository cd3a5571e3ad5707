"""An order that names its show by what it adapts: "ordered a series based on hit video game
The Last of Us", "a new series based on the Lord of the Rings novels", "an adaptation of the
young adult novel Noughts and Crosses". The adapted work's title is the show's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.news.cues import Cue, News

if TYPE_CHECKING:
    from bot.news.slots import Mention, Sentence

_WORKS = (
    r"(?:novels?|books?|book series|video games?|games?|comics?|comic books?|memoirs?|films?|"
    r"movies?|podcasts?|plays?|franchise)"
)
_ADAPTING = (
    # "ordered a series based on …" gives its noun in the cue itself
    r"^(?:[^.;:]{0,60}?\b(?:series|drama|show|adaptation|adaption|miniseries|serial)\s+"
    r"(?:based on|of|adapted from|inspired by)|\s*(?:based on|adapted from|inspired by))\s+"
)
_TITLE_AFTER = re.compile(
    # "a series based on hit video game The Last of Us", "of Len Deighton’s novel SS-GB"
    rf"{_ADAPTING}(?:the\s+|an?\s+)?(?:[\w’'.-]+\s+){{0,5}}?{_WORKS}\s+[\"“‘']?$"
)
_TITLE_BEFORE = re.compile(rf"{_ADAPTING}(?:the\s+)?[\"“‘']?$")
_WORK_AFTER = re.compile(rf"^[\"”’']?\s+{_WORKS}\b")
"""A title followed by what it is: "the Lord of the Rings novels"."""


def adapted(sentence: Sentence, cue: Cue) -> list[Mention]:
    """The show a series order names by the work it adapts."""
    if cue.news is not News.ORDERED:
        return []
    for mention in sentence.mentions:
        if mention.span.start < cue.end:
            continue
        gap = sentence.lowered[cue.end : mention.span.start]
        if any(cue.end <= other.start < mention.span.start for other in sentence.cues):
            return []
        named = sentence.lowered[mention.span.start : mention.span.end]
        if named.endswith(("'s", "’s")) or re.match(
            r"['’]s\b", sentence.lowered[mention.span.end :]
        ):
            continue  # "Len Deighton’s novel SS-GB": the author
        if _TITLE_AFTER.match(gap) or (
            _TITLE_BEFORE.match(gap) and _WORK_AFTER.match(sentence.lowered[mention.span.end :])
        ):
            return [mention]
    return []
