"""What an editor may write: dates that exist, text that fits where it is shown (Discord's
embed limits), no control characters. Each refusal is a sentence that says what to give."""

from __future__ import annotations

import re
from datetime import date

TITLE_LIMIT = 200
"""Titles head embeds (256 characters) with words around them."""
NAME_LIMIT = 100
"""People, characters, networks and aliases: one line of a cast list."""
LOGLINE_LIMIT = 1500
"""The logline shares an embed description (4,096) with the facts around it."""
ENDING_LIMIT = 1000
"""How a season ended is shown in one embed field (1,024), behind a spoiler tag."""
REASON_LIMIT = 500

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class EditRefusedError(ValueError):
    """A change that cannot be made as asked: the message says what to fix."""


class NeedsConfirmationError(Exception):
    """An unusual change: the message says why; the editor confirms to go on."""


def parse_day(text: str, what: str = "date") -> date:
    """A day given as YYYY-MM-DD, and one that exists (2022-02-30 does not)."""
    value = text.strip()
    if not _DAY.fullmatch(value):
        raise EditRefusedError(f"Give the {what} as YYYY-MM-DD, such as 2022-11-18.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EditRefusedError(f"{value} is not a day on the calendar: check the {what}.") from None


def one_line(text: str, what: str, limit: int) -> str:
    """A name or title: one line of plain text, not empty, at most `limit` characters."""
    return _checked(" ".join(text.split()), what, limit)


def paragraphs(text: str, what: str, limit: int) -> str:
    """Free text (a logline, how a season ended): line breaks allowed, nothing else odd."""
    return _checked(text.strip(), what, limit)


def _checked(value: str, what: str, limit: int) -> str:
    if not value:
        raise EditRefusedError(f"The {what} is empty.")
    if _CONTROL.search(value.replace("\n", "").replace("\t", "")):
        raise EditRefusedError(f"The {what} has control characters: give plain text.")
    if len(value) > limit:
        raise EditRefusedError(f"The {what} has {len(value):,} characters; keep it to {limit:,}.")
    return value


def whole_number(value: int, what: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise EditRefusedError(f"The {what} must be a number from {low:,} to {high:,}.")
    return value
