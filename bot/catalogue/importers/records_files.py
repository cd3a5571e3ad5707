"""showbot's own records ("showbot.records/1") as files: the one reader of the format.

A records document is a JSON object: its format marker, what it is `about`, the `sources`
its shows cite by ref, then the `shows`. The built-in seed file is one, and is read here
exactly as an imported one is. The top of the document is checked whole (`RecordsHeader`: a
file that gets it wrong is refused unread); the shows one at a time (`ShowRecord`), each bad
one reported on its line while the rest read on. The same shows may also come as a JSON
array or object of their own, or one a line (JSON Lines), where a line holding only
{"source": {...}} declares a source for the lines after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.catalogue.importers.json_positions import array_items, top_level_members, with_lines
from bot.catalogue.importers.rows import (
    BadRowError,
    Item,
    RecordFile,
    RowError,
    UnreadableFileError,
    explain,
    translated,
)
from db.records import RECORDS_FORMAT, RecordsHeader, ShowRecord, SourceRecord

_SOURCE_LINE = re.compile(r'\s*\{\s*"source"\s*:')


def show_record(value: Any) -> ShowRecord:
    """One show of the records format, whatever shape of file it came in."""
    if not isinstance(value, dict):
        raise BadRowError(
            f"{_json_kind(value)} is not an object; a show is an object such as "
            '{"title": "…", "year": 2024}'
        )
    return ShowRecord.model_validate(value)


def _json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    kinds = {str: "text", int: "a number", float: "a number", list: "an array"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "it")


def is_records_document(value: Any) -> bool:
    """Whether a JSON value is meant as a records document (rather than a lone show)."""
    return isinstance(value, dict) and "shows" in value


def _header(path: Path, document: dict[str, Any]) -> RecordsHeader:
    """Everything but the shows, checked whole: a misspelt key or an unknown format makes
    the file unreadable rather than silently ignored."""
    if not isinstance(document["shows"], list):
        raise UnreadableFileError(f"{path}: shows: not a list")
    try:
        return RecordsHeader.model_validate({k: v for k, v in document.items() if k != "shows"})
    except ValidationError as error:
        raise UnreadableFileError(f"{path}: {explain(error)}") from error


def read_records_document(path: Path, text: str, document: dict[str, Any]) -> RecordFile:
    """A records document: {"format", "about", "sources": [...], "shows": [...]}.

    `document` is `text` as parsed; the text is walked again for the line each show is on.
    """
    header = _header(path, document)
    shows_at = dict(top_level_members(text))["shows"]

    def items() -> Iterator[Item]:
        yield from header.sources
        yield from translated(with_lines(array_items(text, shows_at), text), show_record)

    return RecordFile(
        path=path, format=RECORDS_FORMAT, items=items(), total_rows=len(document["shows"])
    )


def is_source_line(line: str) -> bool:
    """Whether a line of JSON Lines declares a source rather than holding a row (a quick
    look, for counting rows before reading them)."""
    return _SOURCE_LINE.match(line) is not None


def records_line(line: int, value: Any) -> Iterator[Item]:
    """One line of records JSON Lines: a source declared for the lines after it, or a show."""
    if isinstance(value, dict) and set(value) == {"source"}:
        yield _source_line(line, value["source"])
        return
    if is_records_document(value):
        yield RowError(
            line=line,
            message='a records document ("shows": [...]) where JSON Lines hold one show a '
            "line; save the document as .json, or put each show on a line of its own",
        )
        return
    yield from translated([(line, value)], show_record)


def _source_line(line: int, value: Any) -> SourceRecord | RowError:
    if not isinstance(value, dict):
        return RowError(
            line=line,
            message=f"source: {_json_kind(value)} is not an object; a source is an object "
            'such as {"ref": "list:2024", "title": "The 2024 list"}',
        )
    try:
        return SourceRecord.model_validate(value)
    except ValidationError as error:
        return RowError(line=line, message=explain(error))
