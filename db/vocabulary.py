"""The fixed vocabularies stored in the database: show statuses, credit roles, show kinds.

Only the project's own words live here; how another catalogue's words (TVMaze's or TMDB's
statuses) map to them belongs to that catalogue's importer.
"""

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
