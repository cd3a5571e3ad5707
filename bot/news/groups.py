"""Decisions told of several shows at once, in the words of a roundup: a plural that stands
for the shows just named ("“Big Bang Theory” and “Young Sheldon” fans can relax: both these
shows have been confirmed for another season"), and a list set after the decision by a dash
or a colon ("a few shows are officially coming to an end - “New Girl,” “Scandal” and
“The Middle”")."""

from __future__ import annotations

import re

from bot.news.cues import Cue, Reach
from bot.news.slots import Mention, Sentence

_PLURAL_SUBJECT = re.compile(
    r"\b(?:both|all|each)(?: of)? (?:these|those|the|them)(?: [\w-]+){0,2}? "
    r"(?:shows|series|dramas|comedies|sitcoms|titles)\s+"
    r"(?:(?:have|has|had|are|were|will|would|also|now|officially|already|been|be)\s+)*$"
)
_LIST_AFTER = re.compile(r"^[^.;:!?\"“”]{0,40}?\s[-–—:]\s")
_PLURAL_BEFORE = re.compile(
    r"\b(?:shows|series|dramas|comedies|sitcoms|titles|favou?rites|programmes)\b"
)


def grouped(sentences: list[Sentence], sentence: Sentence, cue: Cue) -> list[Mention]:
    """The shows a decision no name was found for speaks of, as a group."""
    before = sentence.lowered[: cue.start]
    plural = _PLURAL_SUBJECT.search(before)
    if plural is not None and cue.reach is not Reach.OBJECT:
        here = [m for m in sentence.mentions if m.span.quoted and m.span.end <= plural.start()]
        if here:
            return here
        previous = [s for s in sentences if s.number == sentence.number - 1]
        return [m for s in previous for m in s.mentions if m.span.quoted]
    listed = _LIST_AFTER.match(sentence.lowered[cue.end :])
    if listed is None or not _PLURAL_BEFORE.search(before):
        return []
    start = cue.end + listed.end()
    after = [m for m in sentence.mentions if m.span.start >= start]
    if all(m.span.quoted for m in after) or _only_names(sentence.lowered, start, after):
        return after
    return [m for m in after if m.span.quoted]


_SEPARATORS = re.compile(r"^[\s,;.!\"“”‘’'&]*(?:and|or|plus|as well as)?[\s,;.!\"“”‘’'&]*$")


def _only_names(lowered: str, start: int, names: list[Mention]) -> bool:
    """Whether the text from `start` holds nothing but the names and what joins them: a
    list, whose names are titles even unquoted ("coming to an end - Gilded Lanterns, Paper
    Moons and Quiet Harbour")."""
    if len(names) < 2:
        return False
    edges = [start] + [x for m in names for x in (m.span.start, m.span.end)] + [len(lowered)]
    gaps = [lowered[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return all(_SEPARATORS.match(gap) for gap in gaps)
