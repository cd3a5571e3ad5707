"""A commissioning slate: an order that names no show ("A trio of new series … have been
ordered by the new BBC One controller"), then the shows, each described by its format
("One Night, a 4×1-hour event drama, is …", "Morton is a 8×1-hour series", "The 3×1-hour
Great Expectations"). The format ties a name to the slate; a name without one (a writer, a
producer, a place) is left alone."""

from __future__ import annotations

import re

from bot.news.cues import Cue, News, Reach
from bot.news.hedges import hedged
from bot.news.slots import Mention, Sentence

_FORMAT = (
    r"(?:\d+\s*[×x]\s*\d+[\w’'-]*|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)-part|"
    r"\d+-episode)"
)
_FORMAT_AFTER = re.compile(
    # "One Night, a 4×1-hour event drama", "Bound (working title), a 6×1-hour series",
    # "Morton is a 8×1-hour series", "adapt Jo Bloom’s novel “Ridley Road” into a four-part
    # drama", "The Split is a new original drama series"
    rf"^[\"”’']?\s*(?:\([^)]{{1,40}}\)\s*)?(?:(?:,\s*|\s+(?:is|will be|into)\s+)(?:a|an)\s+"
    rf"{_FORMAT}|\s+is\s+an?\s+new\s+(?:original\s+)?(?:[\w-]+\s+)?(?:drama|series|comedy|"
    r"thriller|sitcom)\b)"
)
_FORMAT_BEFORE = re.compile(
    # "The 3×1-hour Great Expectations", "a four-part drama series One Of Us"
    rf"\b{_FORMAT}(?:\s+(?:event|drama|series|comedy|thriller|serial|documentary|docuseries|"
    r"limited|new|original|crime|period|factual)){0,2}\s+[\"“‘']?$"
)
_AHEAD = 12
"""How many sentences after the order its slate may run."""


def slate_facts(
    sentences: list[Sentence], unclaimed: list[tuple[Sentence, Cue]], told: set[str]
) -> list[tuple[Mention, Cue, Sentence]]:
    """The shows of a slate, each with the order that named none."""
    orders = [
        (sentence, cue)
        for sentence, cue in unclaimed
        if cue.news is News.ORDERED and not hedged(sentence.lowered, cue)
    ]
    if not orders:
        return []
    order_sentence = orders[0][0]
    # the item's own sentence is the evidence; the order's words are elsewhere
    order = Cue(News.ORDERED, 0, 0, Reach.SUBJECT)
    found: list[tuple[Mention, Cue, Sentence]] = []
    seen = set(told)
    for sentence in sentences:
        if not 0 < sentence.number - order_sentence.number <= _AHEAD:
            continue
        for mention in sentence.mentions:
            if mention.key in seen:
                continue
            after = sentence.lowered[mention.span.end :]
            before = sentence.lowered[: mention.span.start]
            if _FORMAT_AFTER.match(after) or _FORMAT_BEFORE.search(before):
                seen.add(mention.key)
                found.append((mention, order, sentence))
    return found
