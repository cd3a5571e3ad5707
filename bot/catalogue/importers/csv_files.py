"""CSV catalogues: a header naming a `title` column, one show a row.

The public "Netflix Movies and TV Shows" dataset (netflix_titles.csv) is one of them: it is
recognised by its header and read as it is, its columns mapped to what they mean.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.catalogue.importers.csv_syntax import CsvSyntaxError, complaint
from bot.catalogue.importers.fields import (
    clean,
    credits_for,
    distinct,
    iso_date,
    person_names,
    whole_number,
)
from bot.catalogue.importers.rows import (
    BadRowError,
    Item,
    RecordFile,
    RowError,
    UnreadableFileError,
    explain,
    shown,
    translated,
)
from db.records import ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowKind, ShowStatus

NETFLIX_TITLES_SCHEME = "netflix-titles"
"""External id scheme of the Netflix titles dataset: its `show_id` (s1, s2, ...)."""

NETFLIX_COLUMNS = frozenset(
    "show_id type title director cast country date_added release_year rating duration "
    "listed_in description".split()
)
"""The header of the public "Netflix Movies and TV Shows" dataset (netflix_titles.csv)."""

CSV_FORMAT = "CSV"
NETFLIX_FORMAT = "Netflix titles CSV"

_CSV_KINDS: dict[str, ShowKind] = {
    "tv show": ShowKind.SERIES,
    "tv series": ShowKind.SERIES,
    "series": ShowKind.SERIES,
    "movie": ShowKind.FILM,
    "film": ShowKind.FILM,
}
_CSV_EXTERNAL_IDS = {"tmdb_id": "tmdb", "tvmaze_id": "tvmaze", "imdb_id": "imdb"}
_SEASONS = re.compile(r"(\d+)\s+seasons?", re.IGNORECASE)
_MINUTES = re.compile(r"(\d+)\s*min(?:ute)?s?", re.IGNORECASE)


@dataclass(frozen=True)
class _CsvLayout:
    columns: tuple[str, ...]
    rows: int
    netflix: bool


def _survey_csv(path: Path) -> _CsvLayout:
    """The header and the number of rows, read once up front (for progress, and so that a
    file that is not CSV at all fails before anything is imported)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as error:
            raise UnreadableFileError(f"{path}: line 1: the header: {complaint(error)}") from error
        rows = _count_rows(reader)
    if header is None:
        raise UnreadableFileError(
            f"{path}: the file is empty; expected a header naming a 'title' column"
        )
    columns = tuple(c.strip().lower() for c in header)
    if "title" not in columns:
        found = ", ".join(c for c in columns if c) or "nothing"
        raise UnreadableFileError(f"{path}: no 'title' column in the header (it has {found})")
    return _CsvLayout(columns=columns, rows=rows, netflix=NETFLIX_COLUMNS.issubset(columns))


def _count_rows(reader: Iterator[list[str]]) -> int:
    """The rows that are not blank, up to and including one the reader cannot parse (the
    import reports it on its line, with any bad rows before it)."""
    rows = 0
    try:
        for cells in reader:
            rows += any(c.strip() for c in cells)
    except csv.Error:
        rows += 1
    return rows


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each row's cells, with the line it starts on (quoted fields can span lines).

    Raises `CsvSyntaxError` at a row the csv module cannot parse: what it reads after one is
    guesswork (a quote left open pairs with the next one), so reading stops there.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        next(reader, None)
        read_up_to = reader.line_num
        try:
            for cells in reader:
                line, read_up_to = read_up_to + 1, reader.line_num
                if any(c.strip() for c in cells):
                    yield line, cells
        except csv.Error as error:
            raise CsvSyntaxError(read_up_to + 1, complaint(error)) from error


def _by_column(cells: list[str], columns: tuple[str, ...]) -> dict[str, str]:
    if len(cells) > len(columns):
        raise BadRowError(f"{len(cells)} fields, but the header names {len(columns)}")
    row: dict[str, str] = {}
    for name, cell in zip(columns, cells, strict=False):
        row.setdefault(name, cell)  # a repeated column name: the first one counts
    return row


def _cell(row: Mapping[str, str], *columns: str) -> str | None:
    """The first of these columns that holds something, cleaned."""
    for column in columns:
        value = clean(row.get(column) or "")
        if value:
            return value
    return None


def _csv_number(row: Mapping[str, str], *columns: str) -> int | None:
    text = _cell(row, *columns)
    if text is None:
        return None
    return whole_number(text, next(c for c in columns if clean(row.get(c) or "")))


def _csv_kind(row: Mapping[str, str]) -> ShowKind | None:
    text = _cell(row, "type", "kind")
    if text is None:
        return None
    kind = _CSV_KINDS.get(text.lower())
    if kind is None:
        raise BadRowError(f"unknown type {shown(text)}; expected 'TV Show' or 'Movie'")
    return kind


def _csv_status(row: Mapping[str, str]) -> ShowStatus | None:
    text = _cell(row, "status")
    if text is None:
        return None
    try:
        return ShowStatus.parse(text)
    except ValueError:
        raise BadRowError(f"unknown show status {shown(text)}") from None


def _season_count(row: Mapping[str, str], kind: ShowKind | None) -> int | None:
    count = _csv_number(row, "season_count")
    if count is not None or kind is not ShowKind.SERIES:
        return count
    found = _SEASONS.fullmatch(_cell(row, "duration") or "")
    return whole_number(found.group(1), "duration") if found else None


def _runtime(row: Mapping[str, str], kind: ShowKind | None, netflix: bool) -> int | None:
    minutes = _csv_number(row, "runtime_minutes")
    if minutes is not None or kind is not ShowKind.FILM:
        return minutes
    duration = _cell(row, "duration")
    if duration is None and netflix:
        # Three films of the Netflix dataset have their "N min" shifted into `rating`, their
        # `duration` left empty (s5542, s5795, s5814).
        duration = _cell(row, "rating")
    found = _MINUTES.fullmatch(duration or "")
    return whole_number(found.group(1), "duration") if found else None


def _people(row: Mapping[str, str], column: str) -> list[str]:
    return person_names((row.get(column) or "").split(","))


def _csv_record(cells: list[str], layout: _CsvLayout, source: str) -> ShowRecord:
    row = _by_column(cells, layout.columns)
    netflix = layout.netflix
    title = _cell(row, "title")
    if title is None:
        raise BadRowError("no title")
    kind = _csv_kind(row)
    season_count = _season_count(row, kind)
    year = _csv_number(row, "year", "release_year")
    if netflix and season_count is not None and season_count > 1:
        # The dataset's release_year of a series is the year of its latest season (Friends:
        # 2003, Stranger Things: 2019), not of its first, which is what `year` means here and
        # what tells remakes apart. Unknown is better than wrong.
        year = None
    external_ids = {
        scheme: value
        for column, scheme in _CSV_EXTERNAL_IDS.items()
        if (value := _cell(row, column))
    }
    if netflix and (show_id := _cell(row, "show_id")):
        external_ids[NETFLIX_TITLES_SCHEME] = show_id
    credits = credits_for(_people(row, "cast"), CreditRole.ACTOR, source)
    credits += credits_for(_people(row, "director"), CreditRole.DIRECTOR, source)
    return ShowRecord.model_validate(
        {
            "title": title,
            "kind": kind,
            "year": year,
            "genres": distinct((_cell(row, "genres", "listed_in") or "").split(",")) or None,
            "network": _cell(row, "network"),
            "country": _cell(row, "country"),
            "status": _csv_status(row),
            "status_date": iso_date(_cell(row, "status_date"), "status_date"),
            "premiere_date": iso_date(_cell(row, "premiere_date"), "premiere_date"),
            "season_count": season_count,
            "episode_count": _csv_number(row, "episode_count"),
            "runtime_minutes": _runtime(row, kind, netflix),
            "logline": _cell(row, "logline", "description", "overview"),
            "external_ids": external_ids,
            "sources": [source],
            "credits": credits,
        }
    )


def read_csv(path: Path) -> RecordFile:
    """A CSV file with a header naming a `title` column (any case), one show per row.

    The Netflix titles dataset is recognised by its header and read as it is: `listed_in`
    are the genres, `description` the logline, `cast` and `director` the credits, "N Seasons"
    in `duration` the season count (a film's "N min" its runtime), `show_id` its external id.
    """
    layout = _survey_csv(path)
    if layout.netflix:
        title = f"Netflix Movies and TV Shows catalogue ({path.name})"
    else:
        title = f"Catalogue file {path.name}"
    try:
        source = SourceRecord(ref=f"import:{path.name}", title=title)
    except ValidationError as error:
        # A file name may hold what no source may, such as a line break.
        message = f"{path}: its name cannot be a source's ({explain(error)}); rename the file"
        raise UnreadableFileError(message) from error

    def items() -> Iterator[Item]:
        yield source
        try:
            yield from translated(
                _csv_rows(path), lambda cells: _csv_record(cells, layout, source.ref)
            )
        except CsvSyntaxError as error:
            yield RowError(line=error.line, message=error.message)

    return RecordFile(
        path=path,
        format=NETFLIX_FORMAT if layout.netflix else CSV_FORMAT,
        items=items(),
        total_rows=layout.rows,
    )
