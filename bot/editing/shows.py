"""Which show an editor means: the autocomplete's `id:123`, or a title typed exactly. Anything
less certain is refused, since a change made to the wrong show would be announced as news."""

from __future__ import annotations

from bot.editing.fields import EditRefusedError
from bot.matching.index import Candidate, TitleIndex
from bot.matching.text import fold


def _label(entry_title: str, year: int | None, show_id: int) -> str:
    return f"{entry_title} ({year}, id:{show_id})" if year else f"{entry_title} (id:{show_id})"


def _labels(candidates: tuple[Candidate, ...]) -> str:
    return ", ".join(_label(c.entry.title, c.entry.year, c.entry.show_id) for c in candidates)


def _without_year(typed: str, year: int | None) -> str:
    """The folded words less the show's year, which tells remakes apart ('the office 2001')."""
    words = fold(typed).split()
    return " ".join(w for w in words if year is None or w != str(year))


def show_named(index: TitleIndex, text: str, *, exactly: bool = False) -> int:
    """The one show `text` means (a title, or `id:123`); anything less certain is refused,
    since a status or a subscription set on the wrong show would be announced as news.
    `exactly`: a title must be typed as it is (or as one of its names), not near it."""
    typed = text.strip()
    if typed.lower().startswith("id:"):
        number = typed[3:].strip()
        if not number.isdecimal():
            raise EditRefusedError(f"{typed!r}: after id: give a show's number, like id:12.")
        if int(number) not in index:
            raise EditRefusedError(f"No show in the catalogue has the id {int(number)}.")
        return int(number)
    resolution = index.resolve(typed)
    if resolution.ambiguous:
        raise EditRefusedError(
            f'"{typed}" fits more than one show: {_labels(resolution.candidates)}. '
            "Add the year or be more exact, or give the id (id:N)."
        )
    if resolution.match is None:
        nearest = resolution.candidates[:3]
        if not nearest:
            raise EditRefusedError(
                f'No show called "{typed}" is in the catalogue, nor any with a title close to it.'
            )
        raise EditRefusedError(
            f'No show called "{typed}" is in the catalogue; the nearest are {_labels(nearest)}.'
        )
    match = resolution.match
    if exactly and _without_year(typed, match.entry.year) != match.matched_name:
        raise EditRefusedError(
            f'No show is called "{typed}"; did you mean '
            f"{_label(match.entry.title, match.entry.year, match.entry.show_id)}? A change is "
            "announced, so give its exact title or its id."
        )
    return match.entry.show_id
