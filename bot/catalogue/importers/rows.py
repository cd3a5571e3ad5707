"""What every reader yields, and how a bad row is told from a bad file.

A reader turns a file into items: sources declared for the rows after them, show records
tagged with their line, and row errors. A row error stops nothing but that row, so that an
import can report every bad row at once; `UnreadableFileError` is for a file that cannot be
read at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from db.records import ShowRecord, SourceRecord


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ParsedRow:
    line: int
    record: ShowRecord


Item = SourceRecord | ParsedRow | RowError
"""What a file yields: a source declared for the rows after it, a show record, or a bad row."""


@dataclass
class RecordFile:
    """A file's items, read lazily so that big files stream."""

    path: Path
    format: str
    items: Iterator[Item]
    total_rows: int | None = None
    """How many rows there are, when known up front (for progress)."""


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read (not a row of it: the whole thing)."""


class BadRowError(ValueError):
    """One row or object cannot be translated into a show record; the message says why."""


Translate = Callable[[Any], ShowRecord]
"""One row or object of a format as a show record; raises `BadRowError` or `ValidationError`."""


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message quotes it, cut short: a message is read, not scrolled."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's int-to-text limit
        return "a number too long to show"
    return _cut(text, limit)


_RANGE_ERRORS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def _problem(item: ErrorDetails) -> str:
    # A key of the record can be the long part of a loc: a misspelt external id scheme.
    where = ".".join(_cut(str(part), 40) for part in item["loc"]) or "record"
    message = item["msg"]
    if item["type"] in _RANGE_ERRORS:
        message += f" (it is {shown(item['input'])})"
    return f"{where}: {message}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def explain(error: ValidationError) -> str:
    """The first few of pydantic's complaints, each with where in the record it is."""
    problems = [_problem(item) for item in error.errors()[:3]]
    more = len(error.errors()) - 3
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def translated(items: Iterable[tuple[int, Any]], translate: Translate) -> Iterator[Item]:
    """Each (line, value) as a show record, or as the reason it cannot be one."""
    for line, value in items:
        try:
            record = translate(value)
        except ValidationError as error:
            yield RowError(line=line, message=explain(error))
        except BadRowError as error:
            yield RowError(line=line, message=str(error))
        else:
            yield ParsedRow(line=line, record=record)
