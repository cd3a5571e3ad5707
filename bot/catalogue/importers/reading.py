"""Choosing the reader: by a file's name, and for JSON by what the document holds.

A JSON file may hold showbot's own records, TVMaze shows or TMDB TV details, as one object,
an array of them or one a line; which of the three is told by the keys of the first object.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.catalogue.importers.csv_files import read_csv
from bot.catalogue.importers.encoding import not_utf8
from bot.catalogue.importers.json_parsing import JsonLimitError, parse_json
from bot.catalogue.importers.json_positions import array_items, line_of, skip_space, with_lines
from bot.catalogue.importers.records_files import (
    is_records_document,
    is_source_line,
    read_records_document,
    records_line,
    show_record,
)
from bot.catalogue.importers.rows import (
    Item,
    RecordFile,
    RowError,
    Translate,
    UnreadableFileError,
    translated,
)
from bot.catalogue.importers.tmdb import TMDB_FORMAT, is_tmdb_details, tmdb_record
from bot.catalogue.importers.tvmaze import TVMAZE_FORMAT, is_tvmaze_show, tvmaze_record
from db.records import RECORDS_FORMAT


@dataclass(frozen=True)
class _JsonFlavour:
    format: str
    translate: Translate


_OWN = _JsonFlavour(RECORDS_FORMAT, show_record)
_TVMAZE = _JsonFlavour(TVMAZE_FORMAT, tvmaze_record)
_TMDB = _JsonFlavour(TMDB_FORMAT, tmdb_record)


def _flavour_of(value: Any) -> _JsonFlavour:
    """Which format one object is in, by the keys only that format has."""
    if isinstance(value, dict):
        if is_tvmaze_show(value):
            return _TVMAZE
        if is_tmdb_details(value):
            return _TMDB
    return _OWN


def read_json(path: Path) -> RecordFile:
    """A JSON file: the project's own records document or array, or TVMaze shows or TMDB TV
    details, one object or an array of them."""
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        raise UnreadableFileError(f"{path}: the file is empty; expected JSON")
    try:
        document = parse_json(text)
    except json.JSONDecodeError as error:
        raise UnreadableFileError(f"{path}: not JSON ({error})") from error
    except JsonLimitError as error:
        raise UnreadableFileError(f"{path}: {error}") from error
    start = skip_space(text, 0)
    if isinstance(document, list):
        flavour = _flavour_of(next((v for v in document if isinstance(v, dict)), None))
        return RecordFile(
            path=path,
            format=flavour.format,
            items=translated(with_lines(array_items(text, start), text), flavour.translate),
            total_rows=len(document),
        )
    if is_records_document(document):
        return read_records_document(path, text, document)
    flavour = _flavour_of(document)
    if flavour is _OWN and not (isinstance(document, dict) and "title" in document):
        raise UnreadableFileError(
            f"{path}: expected a showbot records document with 'shows', a TVMaze show or "
            "TMDB TV details"
        )
    return RecordFile(
        path=path,
        format=flavour.format,
        items=translated([(line_of(text, start), document)], flavour.translate),
        total_rows=1,
    )


def _survey_jsonl(path: Path) -> tuple[_JsonFlavour, int]:
    """The format (by the first object that is not a source) and the number of rows."""
    flavour: _JsonFlavour | None = None
    rows = 0
    with path.open(encoding="utf-8-sig") as lines:
        for line in lines:
            if not line.strip() or is_source_line(line):
                continue
            rows += 1
            if flavour is None:
                try:
                    flavour = _flavour_of(parse_json(line))
                except (json.JSONDecodeError, JsonLimitError):
                    continue
    return flavour or _OWN, rows


def read_jsonl(path: Path) -> RecordFile:
    """One object per line: show records of the project's own format (where a line holding
    {"source": {...}} declares a source), TVMaze shows, or TMDB TV details."""
    flavour, rows = _survey_jsonl(path)

    def items() -> Iterator[Item]:
        with path.open(encoding="utf-8-sig") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    value = parse_json(line)
                except json.JSONDecodeError as error:
                    yield RowError(line=number, message=f"not JSON: {error.msg}")
                    continue
                except JsonLimitError as error:
                    yield RowError(line=number, message=error.message)
                    continue
                if flavour is _OWN:
                    yield from records_line(number, value)
                else:
                    yield from translated([(number, value)], flavour.translate)

    return RecordFile(path=path, format=f"{flavour.format} lines", items=items(), total_rows=rows)


_READERS: dict[str, Callable[[Path], RecordFile]] = {
    ".csv": read_csv,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def read_file(path: Path) -> RecordFile:
    """Picks the reader by the file's name and, for JSON, by what the document holds."""
    if path.is_dir():
        raise UnreadableFileError(f"{path}: is a directory; name the files in it instead")
    if not path.is_file():
        raise UnreadableFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnreadableFileError(
            f"{path}: unknown file type {suffix or '(none)'}; expected .csv, .json or .jsonl"
        )
    try:
        return reader(path)
    except UnicodeDecodeError as error:
        raise UnreadableFileError(not_utf8(path)) from error
    except OSError as error:
        raise UnreadableFileError(f"{path}: cannot read it ({error.strerror})") from error
