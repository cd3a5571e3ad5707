"""A listicle framed by its lead: a sentence that introduces a list of one decision ("it's time
to take stock with an official list of the TV cancellations this year"), then one heading a
show, each written with its network ("Three Pines (Prime Video)") and followed by paragraphs
about it. Each heading's show takes the frame's decision, unless the heading gives its own."""

from __future__ import annotations

import re

from bot.news.cues import Cue, Reach
from bot.news.hedges import hedged
from bot.news.lists import MentionFor, item_title
from bot.news.networks import NETWORKS
from bot.news.slots import Mention, Sentence

_INTRODUCES = re.compile(
    r"\b(?:(?:a |an |the |our |official |full |complete )*list of|here (?:are|is)|here['’]s|"
    r"these are|the following|rundown of|round-?up of|guide to|take stock)\b"
)
"""Words that say a list follows."""
_NETWORK_HEADING = re.compile(
    r"\((?:" + "|".join(re.escape(n) for n in sorted(NETWORKS, key=len, reverse=True)) + r")"
    r"(?:[,/][^)]{0,30})?\)\s*$"
)
"""A heading's note that names its network: "(Prime Video)", "(AMC, 2 seasons)"."""
_LEAD_SENTENCES = 8
"""How far into the article the frame may stand."""
_FIRST_HEADING_WITHIN = 3
"""How many sentences after the frame its first heading must come."""


def framed_items(
    sentences: list[Sentence], lines: set[int], mention_for: MentionFor
) -> list[tuple[Mention, Cue, Sentence]]:
    """Every show a framed listicle's headings name, with the frame's decision."""
    headings = [s for s in sentences if s.number in lines and _heading_title(s) is not None]
    if len(headings) < 2:
        return []
    frame = _frame(sentences, headings[0])
    if frame is None:
        return []
    found = []
    for heading in sentences[frame.number + 1 :]:
        if heading.number not in lines:
            continue
        title = _heading_title(heading)
        if title is None and heading.text.rstrip().endswith(":"):
            break  # "Replacing them:": another list begins
        if title is None or heading.cues:
            continue  # no show's heading, or one that says its own decision
        cue = Cue(frame.cues[0].news, 0, 0, Reach.SUBJECT)
        # the heading is the evidence: it names the show and its network; the frame decides
        found.append((mention_for(title, heading.number, heading.text.find(title)), cue, heading))
    return found


def _heading_title(line: Sentence) -> str | None:
    if not _NETWORK_HEADING.search(line.text):
        return None
    return item_title(line.text)


def _frame(sentences: list[Sentence], first_heading: Sentence) -> Sentence | None:
    """The lead's sentence that introduces the list, shortly before its first heading: one
    decision, not hedged."""
    for sentence in sentences[:_LEAD_SENTENCES]:
        if not 0 < first_heading.number - sentence.number <= _FIRST_HEADING_WITHIN:
            continue
        kinds = {cue.news for cue in sentence.cues}
        if len(kinds) != 1 or not _INTRODUCES.search(sentence.lowered):
            continue
        if any(hedged(sentence.lowered, cue) for cue in sentence.cues):
            continue
        return sentence
    return None
