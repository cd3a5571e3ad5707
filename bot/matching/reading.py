"""What a question asks, as the question reader hands it to the answering package.

A `Reading` says which shows a message names (up to three, each as the index resolved it),
what it wants to know of them (`Intent`) and the intent's arguments: a season, a character,
a person. Small talk ("hi", "thanks", "what can you do") is a reading with no show at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.matching.index import Resolution
from bot.matching.intents import Intent, SmallTalk

MAX_SUBJECTS = 3
"""Shows answered from one message: more than this and the answer buries itself."""


@dataclass(frozen=True)
class Reading:
    """One message, read."""

    text: str
    intent: Intent
    subjects: tuple[Resolution, ...] = ()
    """One per show the message names, in the order named; each `query` is its span."""
    season: int | None = None
    character: str | None = None
    """The character asked about ("tyler"), as typed."""
    person: str | None = None
    """The person asked about ("arden cho"), as typed."""
    language: str = "en"
    """The language the question was asked in: en, es, pt, fr, de or it."""
    small_talk: SmallTalk | None = None
    subject_words: str = ""
    """What the message called the show when no show was found: for "No show called …"."""
    also: tuple[Intent, ...] = ()
    """What else the message asks of its shows ("how many seasons, and who's the lead?")."""


def same_show(one: Resolution, other: Resolution) -> bool:
    """Whether two readings name the same show."""
    return (
        one.match is not None
        and other.match is not None
        and one.match.entry.show_id == other.match.entry.show_id
    )
