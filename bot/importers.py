"""Reading catalogue files into show records, each tagged with the line it came from.

Every format is translated into the project's own `ShowRecord`; nothing is written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from db.records import RECORDS_FORMAT, ShowRecord, SourceRecord


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


def _explain(error: ValidationError) -> str:
    problems = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        problems.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - 3
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _array_items(text: str, position: int) -> Iterator[tuple[int, Any]]:
    """The items of the JSON array that starts at `position`, with each one's offset."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, position + 1)
    while position < len(text) and text[position] != "]":
        value, end = decoder.raw_decode(text, position)
        yield position, value
        position = _skip_space(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)


def _top_level_members(text: str) -> Iterator[tuple[str, int]]:
    """The keys of the JSON object that makes up the document, with each value's offset."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0) + 1
    while True:
        position = _skip_space(text, position)
        if position >= len(text) or text[position] == "}":
            return
        key, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position) + 1  # the colon
        position = _skip_space(text, position)
        yield str(key), position
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _records_from(items: Iterator[tuple[int, Any]], text: str) -> Iterator[Item]:
    for offset, item in items:
        line = _line_of(text, offset)
        try:
            yield ParsedRow(line=line, record=ShowRecord.model_validate(item))
        except ValidationError as error:
            yield RowError(line=line, message=_explain(error))


def read_records_json(path: Path) -> RecordFile:
    """The project's own JSON document: {"format", "sources": [...], "shows": [...]}."""
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFileError(f"{path}: not JSON ({error})") from error
    if isinstance(document, list):
        return RecordFile(
            path=path,
            format=RECORDS_FORMAT,
            items=_records_from(_array_items(text, _skip_space(text, 0)), text),
            total_rows=len(document),
        )
    if not isinstance(document, dict) or "shows" not in document:
        raise UnreadableFileError(f"{path}: expected a showbot records document with 'shows'")
    if document.get("format", RECORDS_FORMAT) != RECORDS_FORMAT:
        raise UnreadableFileError(f"{path}: unknown format {document.get('format')!r}")
    try:
        sources = [SourceRecord.model_validate(s) for s in document.get("sources", [])]
    except ValidationError as error:
        raise UnreadableFileError(f"{path}: sources: {_explain(error)}") from error
    shows_at = dict(_top_level_members(text))["shows"]

    def items() -> Iterator[Item]:
        yield from sources
        yield from _records_from(_array_items(text, shows_at), text)

    return RecordFile(
        path=path, format=RECORDS_FORMAT, items=items(), total_rows=len(document["shows"])
    )


def read_records_jsonl(path: Path) -> RecordFile:
    """One show record per line; a line holding {"source": {...}} declares a source."""

    def items() -> Iterator[Item]:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    yield RowError(line=number, message=f"not JSON: {error.msg}")
                    continue
                try:
                    if isinstance(item, dict) and set(item) == {"source"}:
                        yield SourceRecord.model_validate(item["source"])
                    else:
                        yield ParsedRow(line=number, record=ShowRecord.model_validate(item))
                except ValidationError as error:
                    yield RowError(line=number, message=_explain(error))

    return RecordFile(path=path, format=f"{RECORDS_FORMAT} lines", items=items())


def read_file(path: Path) -> RecordFile:
    """Picks the reader by the file's name and, for JSON, by what the document holds."""
    if not path.is_file():
        raise UnreadableFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_records_jsonl(path)
    if suffix == ".json":
        return read_records_json(path)
    raise UnreadableFileError(
        f"{path}: unknown file type {suffix or '(none)'}; expected .json or .jsonl"
    )
