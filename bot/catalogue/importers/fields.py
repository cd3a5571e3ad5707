"""Values read out of the fields of a CSV row or the keys of an API payload.

What more than one format needs: cleaned text, people's names and the credits made of them,
ISO dates, and the shape checks of JSON payloads (an object where an object belongs, a list
where a list does), each failing as a `BadRowError` that names the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any

from bot.catalogue.importers.rows import BadRowError, shown
from db.records import CreditRecord, SourceRecord
from db.vocabulary import CreditRole

# -- text, names and credits ---------------------------------------------------------------------


def clean(text: str) -> str:
    """Whitespace (non-breaking spaces included) trimmed and runs of it made one space."""
    return " ".join(text.split())


def distinct(texts: Iterable[str | None]) -> list[str]:
    """The texts cleaned, in order, once each, without blanks."""
    found: list[str] = []
    for text in texts:
        cleaned = clean(text or "")
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return found


def person_names(texts: Iterable[str | None]) -> list[str]:
    """People's names, in order, once each, without blanks."""
    # A "name" with no letter in it is a spreadsheet slip, such as the director "104" of one
    # row of the Netflix dataset, not a person.
    return [name for name in distinct(texts) if any(c.isalpha() for c in name)]


def credits_for(
    people: Iterable[str], role: CreditRole, source: str | SourceRecord
) -> list[CreditRecord]:
    """One credit a person, billed in the order given."""
    return [
        CreditRecord(name=name, role=role, billing=billing, source=source)
        for billing, name in enumerate(people, start=1)
    ]


def cast_credits(
    entries: Iterable[tuple[str | None, str | None]], source: str | SourceRecord
) -> list[CreditRecord]:
    """Actor credits in billing order; one person playing several parts is one credit."""
    characters: dict[str, list[str]] = {}
    for name, character in entries:
        for person in person_names([name]):
            parts = characters.setdefault(person, [])
            parts[:] = distinct([*parts, character])
    return [
        CreditRecord(
            name=name,
            role=CreditRole.ACTOR,
            character=" / ".join(parts) or None,
            billing=billing,
            source=source,
        )
        for billing, (name, parts) in enumerate(characters.items(), start=1)
    ]


def iso_date(value: Any, what: str) -> dt.date | None:
    """A YYYY-MM-DD date; blank or missing is unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise BadRowError(f"{what} {shown(value)} is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadRowError(f"{what} {shown(value)} is not a date (YYYY-MM-DD)") from None


_MOST_DIGITS = 18
"""More than any count or year can have, fewer than any integer column holds."""


def whole_number(text: str, what: str) -> int:
    """A whole number written out, such as a CSV cell; `what` names it in the complaint."""
    digits = text.lstrip("+-")
    if digits.isdecimal() and len(digits) > _MOST_DIGITS:
        # int() would take it (up to 4,300 digits) only for the record to refuse it.
        raise BadRowError(f"{what} {shown(text)} is far too big ({len(digits):,} digits)")
    try:
        return int(text)
    except ValueError:
        raise BadRowError(f"{what} {shown(text)} is not a number") from None


def year_of(date: dt.date | None) -> int | None:
    return date.year if date else None


# -- the shapes of JSON payloads -----------------------------------------------------------------


def json_object(value: Any, what: str) -> Mapping[str, Any]:
    """An object, or an empty one for a missing value."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRowError(f"{what} is not an object")
    return value


def json_array(value: Any, what: str) -> list[Any]:
    """A list, or an empty one for a missing value."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRowError(f"{what} is not a list")
    return value


def json_text(value: Any, what: str) -> str | None:
    """Text (an id may come as a number), cleaned; blank is unknown."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadRowError(f"{what} is not text")
    return clean(str(value)) or None


def required_text(payload: Mapping[str, Any], key: str) -> str:
    value = json_text(payload.get(key), key)
    if value is None:
        raise BadRowError(f"no {key}")
    return value


def json_count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRowError(f"{what} is not a whole number")
    return value


def names_in(entries: Any, what: str) -> list[str]:
    """The `name` of each object in a list such as TMDB's genres or networks."""
    return distinct(
        json_text(json_object(e, what).get("name"), f"{what}.name")
        for e in json_array(entries, what)
    )


# -- HTML ------------------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.parts.append(" ")


def plain_text(html: str | None) -> str | None:
    """The words of an HTML fragment (TVMaze summaries), tags gone, entities decoded."""
    if not html:
        return None
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return clean("".join(parser.parts)) or None
