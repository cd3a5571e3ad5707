"""What every lead is written from: the question about one show, with the show's record, and
the sentences several leads share (where the show stands)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.answering.answers import count_words, long_date
from bot.answering.record import decided_on, renewal_scope
from db.models import Show, StatusChange
from db.vocabulary import ShowKind, ShowStatus


@dataclass(frozen=True)
class Asked:
    """One question about one show, with the show's record."""

    show: Show
    decision: StatusChange | None
    season: int | None = None
    character: str | None = None
    person: str | None = None

    @property
    def title(self) -> str:
        return self.show.title

    @property
    def film(self) -> bool:
        return self.show.kind is ShowKind.FILM


def today() -> date:
    return datetime.now(UTC).date()


def on_day(day: date) -> str:
    return f" on {long_date(day)}"


def sentence(text: str) -> str:
    text = text.strip()
    closed = text.rstrip("\"'”’)")
    return text if closed.endswith((".", "!", "?", "…")) else text + "."


# -- status --------------------------------------------------------------------------------


def status_clause(asked: Asked) -> str | None:
    """What became of the show, as a clause after its title; None without a status."""
    show = asked.show
    network = show.network
    by = f" by {network}" if network else ""
    on_network = f" on {network}" if network else ""
    day = decided_on(show, asked.decision)
    when = on_day(day) if day else ""
    after = f", after {count_words(show.season_count, 'season')}" if show.season_count else ""
    match show.status:
        case ShowStatus.CANCELLED:
            return f"was cancelled{by}{when}{after}"
        case ShowStatus.RENEWED:
            return f"was renewed{by}{renewal_scope(show, asked.decision)}{when}"
        case ShowStatus.ENDED:
            return f"has ended{on_network}{after}" + (f" ({long_date(day)})" if day else "")
        case ShowStatus.RETURNING:
            return f"is returning{on_network}"
        case ShowStatus.AWAITING_DECISION:
            return "is awaiting a decision" + (f" from {network}" if network else "")
        case ShowStatus.IN_DEVELOPMENT:
            return "is in development" + (f" at {network}" if network else "")
        case ShowStatus.LIMITED_SERIES:
            return f"is a limited series{on_network}, with no more seasons planned"
        case None:
            return None


def no_status(asked: Asked) -> str:
    if asked.film:
        return f"{asked.title} is a film: films are not renewed or cancelled."
    return f"Nothing on record says whether {asked.title} has been renewed or cancelled."


def overview(asked: Asked) -> str:
    clause = status_clause(asked)
    if clause is not None:
        return f"{asked.title} {clause}."
    if asked.film:
        year = f" {asked.show.year}" if asked.show.year else ""
        where = f" on {asked.show.network}" if asked.show.network else ""
        return f"{asked.title} is a{year} film{where}."
    return no_status(asked)
