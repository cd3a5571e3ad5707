"""What an editor may write: dates that exist, text that fits where it is shown (Discord's
embed limits), no control characters. Each refusal is a sentence that says what to give."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from db.records import YEAR_MAX, YEAR_MIN

TITLE_LIMIT = 200
"""Titles head embeds (256 characters) with words around them."""
NAME_LIMIT = 100
"""People, characters and networks: one line of a cast list."""
LOGLINE_LIMIT = 1500
"""The logline shares an embed description (4,096) with the facts around it."""
ENDING_LIMIT = 1000
"""How a season ended is shown in one embed field (1,024), behind a spoiler tag."""
REASON_LIMIT = 500

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""They turn the text around them, in every list the name is shown in."""
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
        day = date.fromisoformat(value)
    except ValueError:
        raise EditRefusedError(f"{value} is not a day on the calendar: check the {what}.") from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise EditRefusedError(f"The {what} must fall between {YEAR_MIN} and {YEAR_MAX}.")
    return day


def one_line(text: str, what: str, limit: int) -> str:
    """A name or title: one line of plain text, not empty, at most `limit` characters."""
    return _checked(" ".join(text.split()), what, limit)


def paragraphs(text: str, what: str, limit: int) -> str:
    """Free text (a logline, how a season ended): line breaks allowed, nothing else odd."""
    return _checked(text.strip(), what, limit)


def _checked(value: str, what: str, limit: int) -> str:
    if not any(unicodedata.category(c)[0] not in "CZ" for c in value):
        raise EditRefusedError(f"The {what} is empty (or holds only invisible characters).")
    if _DIRECTION_CONTROLS.search(value):
        raise EditRefusedError(
            f"The {what} has invisible text-direction controls: remove them (type it plainly)."
        )
    if _CONTROL.search(value.replace("\n", "").replace("\t", "")):
        raise EditRefusedError(f"The {what} has control characters: give plain text.")
    if len(value) > limit:
        raise EditRefusedError(f"The {what} has {len(value):,} characters; keep it to {limit:,}.")
    return value


def whole_number(value: int, what: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise EditRefusedError(f"The {what} must be a number from {low:,} to {high:,}.")
    return value
