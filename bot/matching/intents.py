"""The kinds of question showbot answers, the small talk it recognises, and a question's
intent as the question reader first reads it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol


class Intent(enum.StrEnum):
    """What a question wants to know about a show (or a person)."""

    OVERVIEW = "overview"  # just the show named: the whole card
    STATUS = "status"  # renewed, cancelled, ended…, the decision with its date and source
    SEASON = "season"  # "season 2?": yes, no, or nothing on record
    CAST = "cast"  # who is in it
    CHARACTER = "character"  # who plays Tyler (in a show, or anywhere in the catalogue)
    FILMOGRAPHY = "filmography"  # what Arden Cho is in
    CREATORS = "creators"  # who created, developed or directed it
    PREMIERE = "premiere"  # when it premiered, or when a season did
    FINALE = "finale"  # when it ended, or when it was cancelled
    COUNTS = "counts"  # how many seasons or episodes
    ABOUT = "about"  # what it is about
    BASED_ON = "based_on"  # what it is adapted from
    CHARTS = "charts"  # how it did in the Top 10, hours viewed
    WHY = "why"  # why it was cancelled or renewed
    ENDING = "ending"  # how a season ended (a spoiler)


class SmallTalk(enum.StrEnum):
    """Messages that are not questions about a show."""

    GREETING = "greeting"  # "hi", "hello there", "yo"
    THANKS = "thanks"  # "thanks!", "ty", "gracias"
    HELP = "help"  # "help", "what can you do", "how does this work"
    ABOUT_BOT = "about_bot"  # "are you a bot?", "who made you"


@dataclass(frozen=True)
class IntentReading:
    """A question's intent, its arguments, and the words left to name its shows."""

    intent: Intent
    title_words: list[str] = field(default_factory=list)
    """The words left to name the show(s): [] when the question names none."""
    season: int | None = None
    character: str | None = None
    person: str | None = None
    settled: bool = False
    """Read from how the question is built ("who plays … in"): the titles' words can't change it."""


class NamesAShow(Protocol):
    """Whether some words are, as a whole, a show's name; `loosely`, typos allowed."""

    def __call__(self, tokens: list[str], *, loosely: bool = False) -> bool: ...
