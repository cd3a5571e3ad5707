"""The answers the answering package gives, free of Discord and of the database.

A message gets a `Reply`: one answer per show it names (at most three), or one answer about a
person, or help. Each show answer leads with `lead`, the sentence or two that answer what was
asked, from the record; the rest of the record follows as a compact card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.matching.intents import Intent, SmallTalk
from db.vocabulary import CreditRole, ShowStatus

_COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_ORDINAL_WORDS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth",
]  # fmt: skip


def count_words(n: int, noun: str) -> str:
    """'one season', 'two seasons', '14 seasons'."""
    number = _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)
    return f"{number} {noun}{'' if n == 1 else 's'}"


def ordinal(n: int) -> str:
    if 0 <= n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def runtime_text(minutes: int) -> str:
    """'209 min (3 h 29 min)', '120 min (2 h)', '45 min': the minutes as sources give them
    (what people search for), then in hours when there is an hour to tell."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    in_hours = f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{minutes} min ({in_hours})"


@dataclass(frozen=True)
class CastMember:
    actor: str
    character: str | None

    def line(self) -> str:
        return f"{self.actor} as {self.character}" if self.character else self.actor


@dataclass(frozen=True)
class CreatorCredit:
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class SourceLink:
    title: str
    url: str | None


@dataclass(frozen=True)
class SeasonEnding:
    season: int
    text: str | None
    """How the season ended: a spoiler, shown only behind a spoiler tag."""
    cliffhanger: bool | None
    source: SourceLink | None = None


@dataclass(frozen=True)
class ShowAnswer:
    """Everything worth saying about one show, for one question."""

    intent: Intent
    lead: str
    """One or two sentences that answer what was asked, or say the record does not know."""
    asked_season: int | None
    show_id: int
    title: str
    year: int | None
    network: str | None
    status: ShowStatus | None
    status_date: date | None
    status_line: str
    season_line: str | None
    status_note: str | None
    genres: tuple[str, ...]
    logline: str | None
    premiere_date: date | None
    season_count: int | None
    episode_count: int | None
    based_on: str | None
    production_company: str | None
    creators: tuple[CreatorCredit, ...]
    cast: tuple[CastMember, ...]
    ending: SeasonEnding | None
    charts: tuple[str, ...]
    notes: tuple[str, ...]
    sources: tuple[SourceLink, ...]
    film: bool = False
    runtime_minutes: int | None = None
    """A film's running time."""
    decision_source: SourceLink | None = None
    """The article the latest decision comes from."""
    why: tuple[str, ...] = ()
    """What the record says of why the show was renewed or cancelled."""


@dataclass(frozen=True)
class ShowChoice:
    show_id: int
    title: str
    year: int | None
    network: str | None

    def label(self) -> str:
        details = ", ".join(str(x) for x in (self.year, self.network) if x)
        return f"{self.title} ({details})" if details else self.title


@dataclass(frozen=True)
class Ambiguous:
    """More than one show fits: the asker picks."""

    query: str
    intent: Intent
    asked_season: int | None
    choices: tuple[ShowChoice, ...]
    character: str | None = None
    """The character asked about, to answer with once a show is picked."""
    person: str | None = None


@dataclass(frozen=True)
class NotFound:
    """No show in the catalogue fits; these came closest."""

    query: str
    subject: str
    """The words of the question that looked like a title."""
    suggestions: tuple[ShowChoice, ...] = field(default=())
    """Shows the asker may have meant; never one titled exactly as `subject`."""
    intent: Intent = Intent.OVERVIEW
    """What was asked, to answer with once a suggestion is picked."""
    asked_season: int | None = None
    character: str | None = None
    person: str | None = None


@dataclass(frozen=True)
class PersonCredit:
    show_id: int
    title: str
    year: int | None
    film: bool
    role: CreditRole
    character: str | None
    person: str | None = None
    """Who holds the credit: the actor, when the answer lists who plays a character."""


@dataclass(frozen=True)
class PersonAnswer:
    """Who plays a character across the catalogue, or what a person is in."""

    intent: Intent
    """CHARACTER or FILMOGRAPHY."""
    name: str
    """The character or person asked about, as the record spells it when found."""
    lead: str
    credits: tuple[PersonCredit, ...]

    @property
    def found(self) -> bool:
        """False when no one (or more than one person) fits: the lead says so in one line."""
        return bool(self.credits)


@dataclass(frozen=True)
class HelpAnswer:
    """Small talk and help: what the bot does, with examples to try; never a show."""

    talk: SmallTalk
    lead: str
    examples: tuple[str, ...]


Answer = ShowAnswer | Ambiguous | NotFound | PersonAnswer | HelpAnswer


@dataclass(frozen=True)
class Reply:
    """Everything said back to one message: one answer per show named, in order."""

    question: str
    answers: tuple[Answer, ...]
