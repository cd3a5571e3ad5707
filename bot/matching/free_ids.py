"""Ids (rows of columns) given back, handed out again before new ones are made."""

from __future__ import annotations

from bisect import insort


class FreeIds:
    """The free ids below the owner's count, handed out lowest first; free ids at the end
    are dropped, so that the owner's columns shrink back when the last ones are let go."""

    def __init__(self) -> None:
        self._negated: list[int] = []
        """Free ids, negated and ascending: the lowest id is last, popped cheaply."""

    def __len__(self) -> int:
        return len(self._negated)

    def take(self) -> int | None:
        """A free id, the lowest, or None when there is none (the owner makes one)."""
        return -self._negated.pop() if self._negated else None

    def give_back(self, given: int, count: int) -> int:
        """Frees one of the owner's `count` ids; how many the owner needs now (fewer
        when the highest ids are all free)."""
        insort(self._negated, -given)
        while self._negated and self._negated[0] == -(count - 1):
            del self._negated[0]
            count -= 1
        return count
