"""The fixed vocabularies stored in the database: show statuses and credit roles."""

from __future__ import annotations

import enum


class ShowStatus(enum.StrEnum):
    """Where a show stands."""

    RENEWED = "renewed"
    CANCELLED = "cancelled"
    ENDED = "ended"
    RETURNING = "returning"
    AWAITING_DECISION = "awaiting_decision"
    IN_DEVELOPMENT = "in_development"
    LIMITED_SERIES = "limited_series"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> ShowStatus:
        """Accepts the stored value, the label, or common spellings ("canceled", "TBD")."""
        key = text.strip().lower().replace("-", " ").replace("_", " ")
        key = " ".join(key.split())
        found = _SPELLINGS.get(key)
        if found is None:
            raise ValueError(f"unknown show status {text!r}")
        return found

    @classmethod
    def from_tmdb(cls, status: str, show_type: str | None = None) -> ShowStatus | None:
        """Maps TMDB's TV `status` (and `type`, which marks miniseries) to ours."""
        if show_type and show_type.strip().lower() == "miniseries":
            return cls.LIMITED_SERIES
        return _TMDB.get(status.strip().lower())

    @classmethod
    def from_tvmaze(cls, status: str, show_type: str | None = None) -> ShowStatus | None:
        """Maps TVMaze's show `status` to ours.

        TVMaze says "Ended" for cancelled shows too; it cannot tell the two apart, so
        neither can we without a news source.
        """
        return _TVMAZE.get(status.strip().lower())


_LABELS: dict[ShowStatus, str] = {
    ShowStatus.RENEWED: "Renewed",
    ShowStatus.CANCELLED: "Cancelled",
    ShowStatus.ENDED: "Ended",
    ShowStatus.RETURNING: "Returning",
    ShowStatus.AWAITING_DECISION: "Awaiting decision",
    ShowStatus.IN_DEVELOPMENT: "In development",
    ShowStatus.LIMITED_SERIES: "Limited series",
}

_SPELLINGS: dict[str, ShowStatus] = {
    **{s.value.replace("_", " "): s for s in ShowStatus},
    **{label.lower(): s for s, label in _LABELS.items()},
    "canceled": ShowStatus.CANCELLED,
    "axed": ShowStatus.CANCELLED,
    "tbd": ShowStatus.AWAITING_DECISION,
    "to be determined": ShowStatus.AWAITING_DECISION,
    "on the bubble": ShowStatus.AWAITING_DECISION,
    "limited": ShowStatus.LIMITED_SERIES,
    "miniseries": ShowStatus.LIMITED_SERIES,
    "returning series": ShowStatus.RETURNING,
    "running": ShowStatus.RETURNING,
}

_TMDB: dict[str, ShowStatus] = {
    "returning series": ShowStatus.RETURNING,
    "planned": ShowStatus.IN_DEVELOPMENT,
    "in production": ShowStatus.IN_DEVELOPMENT,
    "pilot": ShowStatus.IN_DEVELOPMENT,
    "ended": ShowStatus.ENDED,
    "canceled": ShowStatus.CANCELLED,
    "cancelled": ShowStatus.CANCELLED,
}

_TVMAZE: dict[str, ShowStatus] = {
    "running": ShowStatus.RETURNING,
    "ended": ShowStatus.ENDED,
    "to be determined": ShowStatus.AWAITING_DECISION,
    "in development": ShowStatus.IN_DEVELOPMENT,
}


class CreditRole(enum.StrEnum):
    """What a person did on a show."""

    ACTOR = "actor"
    CREATOR = "creator"
    DEVELOPER = "developer"
    DIRECTOR = "director"
    WRITER = "writer"
    PRODUCER = "producer"

    @property
    def label(self) -> str:
        return {
            CreditRole.ACTOR: "Cast",
            CreditRole.CREATOR: "Created by",
            CreditRole.DEVELOPER: "Developed by",
            CreditRole.DIRECTOR: "Directed by",
            CreditRole.WRITER: "Written by",
            CreditRole.PRODUCER: "Produced by",
        }[self]


class ShowKind(enum.StrEnum):
    """Series or film: the catalogue may hold both, and only series get renewed."""

    SERIES = "series"
    FILM = "film"
