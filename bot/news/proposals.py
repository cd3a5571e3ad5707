"""A proposed update read from an article, as the command line prints it and as editors
confirm it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STATUS_FIELD = "status"
DETAIL_FIELDS = ("premiere_date", "creator", "developer", "cast")


@dataclass(frozen=True, slots=True)
class Proposal:
    show: str
    """The title as the catalogue has it, or as the article writes a show it does not know."""
    show_id: int | None
    network: str | None
    field: str
    """"status" (value: cancelled, renewed, ordered or ending), or one of `DETAIL_FIELDS`."""
    value: str
    seasons: int | None
    """For a renewal or a final season: how many seasons it orders, where the article says."""
    evidence: str
    """The sentence it comes from, as the article writes it."""

    def as_json(self) -> dict[str, Any]:
        return {
            "show": self.show,
            "network": self.network,
            "field": self.field,
            "value": self.value,
            "seasons": self.seasons,
            "evidence": self.evidence,
        }

    def describe(self) -> str:
        """One line: the show and what the article says of it."""
        where = f" ({self.network})" if self.network else ""
        new = "" if self.show_id is not None else " [not in the catalogue]"
        return f"{self.show}{where}{new}: {self.what()}"

    def what(self) -> str:
        if self.field != STATUS_FIELD:
            label = {"premiere_date": "premieres", "cast": "cast"}.get(self.field, self.field)
            return f"{label} {self.value}"
        if self.value == "renewed" and self.seasons:
            if self.seasons == 1:
                return "renewed for one more season"
            return f"renewed for {self.seasons} more seasons"
        if self.value == "ordered":
            return "ordered to series"
        if self.value == "ending":
            return "ending (final season)"
        return self.value
