"""What an editor typed, as a show record's fields: every value checked, empty meaning none."""

from __future__ import annotations

from typing import Any

from bot.editing.fields import (
    LOGLINE_LIMIT,
    NAME_LIMIT,
    TITLE_LIMIT,
    EditRefusedError,
    one_line,
    paragraphs,
    parse_day,
)
from db.records import YEAR_MAX, YEAR_MIN


def show_fields(
    *, title: str, year: str, network: str, premiere: str, logline: str
) -> dict[str, Any]:
    """The show form's fields; a blank one is None (for an edit: cleared)."""
    return {
        "title": one_line(title, "title", TITLE_LIMIT),
        "year": parse_year(year) if year.strip() else None,
        "network": one_line(network, "network", NAME_LIMIT) if network.strip() else None,
        "premiere_date": parse_day(premiere, "premiere date").isoformat()
        if premiere.strip()
        else None,
        "logline": paragraphs(logline, "logline", LOGLINE_LIMIT) if logline.strip() else None,
    }


def parse_year(text: str) -> int:
    value = text.strip()
    if not value.isdecimal() or not YEAR_MIN <= int(value) <= YEAR_MAX:
        raise EditRefusedError(f"Give the year as four digits, from {YEAR_MIN} to {YEAR_MAX}.")
    return int(value)
