"""What a decision word is: the news it carries, where the shows it speaks of stand, and
where it is in its sentence."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class News(enum.StrEnum):
    CANCELLED = "cancelled"
    RENEWED = "renewed"
    ORDERED = "ordered"
    ENDING = "ending"


class Reach(enum.Enum):
    """Where the shows a cue speaks of stand."""

    SUBJECT = "subject"
    """Before it: "X has been cancelled", "X will not return"."""
    OBJECT = "object"
    """After it: "Netflix cancelled X", "the cancellation of X"."""
    EITHER = "either"
    """A verb that is either: "X renewed at HBO", "HBO renewed X"."""


@dataclass(frozen=True, slots=True)
class Cue:
    news: News
    start: int
    end: int
    reach: Reach
    inner: tuple[int, int] | None = None
    """A title inside the cue itself: "ordered two more Monster seasons"."""
