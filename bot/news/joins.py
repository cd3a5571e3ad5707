"""A show that joins the shows of the sentence before in their fate: "The Horror of Dolores
Roach and Shelter have both been canceled after their first season. With Love, which saw its
second season arrive this past summer, will be joining them." """

from __future__ import annotations

import re
from itertools import pairwise

from bot.news.cues import Cue, Reach
from bot.news.hedges import hedged
from bot.news.slots import Mention, Sentence, shows_spoken_of

_JOINS = re.compile(
    r"\b(?:will be joining|will join|joins|is joining|are joining|also joins|join)\s+"
    r"(?:them|those (?:shows|series)|that list|the list|the others)\b"
)


def joined_facts(sentences: list[Sentence]) -> list[tuple[Mention, Cue, Sentence]]:
    """The shows that join the decision of the sentence just before theirs."""
    found: list[tuple[Mention, Cue, Sentence]] = []
    for previous, sentence in pairwise(sentences):
        joins = _JOINS.search(sentence.lowered)
        decided = [cue for cue in previous.cues if not hedged(previous.lowered, cue)]
        if joins is None or not decided or hedged(sentence.lowered, _cue(decided[-1], joins)):
            continue
        cue = _cue(decided[-1], joins)
        found.extend((mention, cue, sentence) for mention in shows_spoken_of(sentence, cue))
    return found


def _cue(decided: Cue, joins: re.Match[str]) -> Cue:
    return Cue(decided.news, joins.start(), joins.end(), Reach.SUBJECT)
