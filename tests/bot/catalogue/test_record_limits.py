"""What a record may hold is what the database can store and what makes sense for a show.

Numbers too big for their column and text holding control characters used to reach the
database, which refused them with a traceback (PostgreSQL: NUL, 32-bit integers, long ids)
or, worse, stored them (SQLite). Now they are row errors naming the field, on both databases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from annotated_types import Ge, Le, MaxLen
from pydantic import BaseModel, StringConstraints
from sqlalchemy import BigInteger, Integer
from sqlmodel import SQLModel

import db.models  # noqa: F401  (the tables must be in the metadata)
from bot.catalogue.service import Catalogue
from db.records import (
    EXTERNAL_ID_MAX,
    SCHEME_MAX,
    AliasRecord,
    ChartRunRecord,
    CreditRecord,
    NoteRecord,
    SeasonRecord,
    ShowRecord,
    SourceRecord,
    StatusChangeRecord,
)
from tests.bot.catalogue.importing import attempt, refused

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
TOO_BIG_FOR_SQLITE = 99999999999999999999
TOO_BIG_FOR_POSTGRES_INTEGER = 2**31

INTEGER_COLUMNS: dict[tuple[type[BaseModel], str], tuple[str, str]] = {
    (ShowRecord, "year"): ("show", "year"),
    (ShowRecord, "season_count"): ("show", "season_count"),
    (ShowRecord, "episode_count"): ("show", "episode_count"),
    (ShowRecord, "runtime_minutes"): ("show", "runtime_minutes"),
    (SeasonRecord, "number"): ("season", "number"),
    (SeasonRecord, "episode_count"): ("season", "episode_count"),
    (CreditRecord, "billing"): ("credit", "billing_order"),
    (StatusChangeRecord, "seasons_ordered"): ("status_change", "seasons_ordered"),
    (ChartRunRecord, "weeks"): ("chart_run", "weeks"),
    (ChartRunRecord, "peak_rank"): ("chart_run", "peak_rank"),
    (ChartRunRecord, "hours_viewed"): ("chart_run", "hours_viewed"),
}
"""Every integer field of the records, and the column it is stored in."""


def _bounds(model: type[BaseModel], name: str) -> tuple[int | None, int | None]:
    metadata = model.model_fields[name].metadata
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    assert isinstance(low, int | None) and isinstance(high, int | None)
    return low, high


def _column_max(table: str, column: str) -> int:
    kind = SQLModel.metadata.tables[table].columns[column].type
    if isinstance(kind, BigInteger):
        return INT64_MAX
    # PostgreSQL's `integer` is 32-bit; SQLite's INTEGER is 64-bit: the narrower one counts.
    return INT32_MAX if isinstance(kind, Integer) else 0


def _integer_fields(model: type[BaseModel]) -> set[str]:
    return {
        name for name, field in model.model_fields.items() if field.annotation in (int, int | None)
    }


def test_every_integer_field_of_the_records_is_listed() -> None:
    models = {model for model, _ in INTEGER_COLUMNS}
    listed = {(model, name) for model in models for name in _integer_fields(model)}
    assert listed == set(INTEGER_COLUMNS)


@pytest.mark.parametrize(("field", "column"), INTEGER_COLUMNS.items(), ids=str)
def test_every_integer_field_is_bounded_within_its_column(
    field: tuple[type[BaseModel], str], column: tuple[str, str]
) -> None:
    low, high = _bounds(*field)
    assert low is not None and high is not None, f"{field[1]} is unbounded"
    assert 0 <= low <= high <= _column_max(*column)


def _record_with(path: str, value: Any) -> dict[str, Any]:
    """A good show record with `value` at `path` (such as "seasons.0.number")."""
    record: dict[str, Any] = {
        "title": "Bounded Show",
        "seasons": [{"number": 1}],
        "credits": [{"name": "Ada Quill"}],
        "status_history": [{"to": "renewed"}],
        "charts": [{"chart": "Top 10"}],
    }
    *parents, last = path.split(".")
    target: Any = record
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[last] = value
    return record


RECORD_PATHS = [
    "year",
    "season_count",
    "episode_count",
    "runtime_minutes",
    "seasons.0.number",
    "seasons.0.episode_count",
    "credits.0.billing",
    "status_history.0.seasons_ordered",
    "charts.0.weeks",
    "charts.0.peak_rank",
    "charts.0.hours_viewed",
]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", RECORD_PATHS)
@pytest.mark.parametrize("value", [TOO_BIG_FOR_SQLITE, TOO_BIG_FOR_POSTGRES_INTEGER, -1])
async def test_a_number_out_of_bounds_is_a_row_error_naming_its_field(
    any_catalogue: Catalogue, tmp_path: Path, path: str, value: int
) -> None:
    if path == "charts.0.hours_viewed" and value == TOO_BIG_FOR_POSTGRES_INTEGER:
        value = 2**63  # a BIGINT column: this is what does not fit
    file = tmp_path / "shows.jsonl"
    good = {"title": "Another Show"}
    file.write_text(f"{json.dumps(good)}\n{json.dumps(_record_with(path, value))}\n", "utf-8")
    outcome = await refused(any_catalogue, file)
    [(line, message)] = outcome.errors
    assert line == 2 and message.startswith(f"{path}: "), message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("year", 1869),
        ("year", 2201),
        ("credits.0.billing", 0),
        ("seasons.0.number", 1001),
        ("runtime_minutes", 0),
        ("runtime_minutes", 60_001),
    ],
)
async def test_numbers_that_make_no_sense_for_a_show_are_refused(
    catalogue: Catalogue, tmp_path: Path, path: str, value: int
) -> None:
    file = tmp_path / "show.json"
    file.write_text(json.dumps(_record_with(path, value)), "utf-8")
    [(_, message)] = (await refused(catalogue, file)).errors
    assert message.startswith(f"{path}: ") and str(value) in message, message


@pytest.mark.asyncio
@pytest.mark.parametrize("column", ["year", "season_count", "episode_count", "runtime_minutes"])
async def test_a_huge_number_in_a_csv_is_a_short_row_error(
    any_catalogue: Catalogue, tmp_path: Path, column: str
) -> None:
    file = tmp_path / "shows.csv"
    fine = 2020 if column == "year" else 10
    file.write_text(
        f"title,{column}\nFine,{fine}\nHuge,{TOO_BIG_FOR_SQLITE}\nEnormous,{'9' * 5000}\n",
        "utf-8",
    )
    outcome = await refused(any_catalogue, file)
    assert [line for line, _ in outcome.errors] == [3, 4]
    for _, message in outcome.errors:
        assert column in message and len(message) < 200, message


@pytest.mark.asyncio
async def test_external_ids_longer_than_their_column_are_refused(
    any_catalogue: Catalogue, tmp_path: Path
) -> None:
    file = tmp_path / "ids.jsonl"
    file.write_text(
        json.dumps({"title": "Long Scheme", "external_ids": {"s" * 41: "1"}})
        + "\n"
        + json.dumps({"title": "Long Id", "external_ids": {"tmdb": "1" * 101}})
        + "\n",
        "utf-8",
    )
    outcome = await refused(any_catalogue, file)
    assert [line for line, _ in outcome.errors] == [1, 2]
    assert all(m.startswith("external_ids") for _, m in outcome.errors), outcome.errors


TEXT_COLUMNS: dict[tuple[type[BaseModel], str], tuple[str, str]] = {
    (ShowRecord, "title"): ("show", "title"),
    (ShowRecord, "original_title"): ("show", "original_title"),
    (ShowRecord, "network"): ("show", "network"),
    (ShowRecord, "country"): ("show", "country"),
    (ShowRecord, "based_on"): ("show", "based_on"),
    (ShowRecord, "production_company"): ("show", "production_company"),
    (SourceRecord, "ref"): ("source", "ref"),
    (SourceRecord, "title"): ("source", "title"),
    (SourceRecord, "url"): ("source", "url"),
    (SourceRecord, "publisher"): ("source", "publisher"),
    (AliasRecord, "name"): ("alias", "name"),
    (AliasRecord, "note"): ("alias", "note"),
    (CreditRecord, "name"): ("person", "name"),
    (CreditRecord, "character"): ("credit", "character"),
    (ChartRunRecord, "chart"): ("chart_run", "chart"),
    (NoteRecord, "topic"): ("show_note", "topic"),
}
"""Text fields stored in columns of a bounded length (VARCHAR(n) on PostgreSQL)."""


def _max_length(model: type[BaseModel], name: str) -> int | None:
    """The field's max_length, given on the field or inside its (optional) type."""
    field = model.model_fields[name]
    found = [m.max_length for m in field.metadata if isinstance(m, MaxLen)]
    for member in get_args(field.annotation):
        for constraint in getattr(member, "__metadata__", ()):
            if isinstance(constraint, StringConstraints) and constraint.max_length is not None:
                found.append(constraint.max_length)
    return min(found, default=None)


def _column_length(table: str, column: str) -> int | None:
    # sqlmodel's AutoString is no String subclass, but it has the length.
    length: int | None = getattr(
        SQLModel.metadata.tables[table].columns[column].type, "length", None
    )
    return length


@pytest.mark.parametrize(("field", "column"), TEXT_COLUMNS.items(), ids=str)
def test_text_fields_fit_their_columns(
    field: tuple[type[BaseModel], str], column: tuple[str, str]
) -> None:
    length = _max_length(*field)
    assert length is not None and length <= (_column_length(*column) or 0)


def test_external_id_limits_match_the_columns() -> None:
    assert _column_length("external_id", "scheme") == SCHEME_MAX
    assert _column_length("external_id", "value") == EXTERNAL_ID_MAX


# -- control characters --------------------------------------------------------------------------

CONTROL_PLACES = [
    "title",
    "logline",
    "network",
    "genres.0",
    "aliases.0",
    "credits.0.name",
    "credits.0.character",
    "notes.0.text",
    "external_ids.tmdb",
    "sources.0.title",
]


def _record_with_text(path: str, text: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "title": "Plain Show",
        "logline": "Plain.",
        "network": "Plain TV",
        "genres": ["Drama"],
        "aliases": ["Plain"],
        "credits": [{"name": "Ada Quill", "character": "Herself"}],
        "notes": [{"topic": "room", "text": "Plain."}],
        "external_ids": {"tmdb": "1"},
        "sources": [{"ref": "test:plain", "title": "Plain source"}],
    }
    *parents, last = path.split(".")
    target: Any = record
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = text
    return record


@pytest.mark.asyncio
@pytest.mark.parametrize("path", CONTROL_PLACES)
async def test_a_nul_in_any_text_is_a_row_error_on_both_databases(
    any_catalogue: Catalogue, tmp_path: Path, path: str
) -> None:
    file = tmp_path / "nul.jsonl"
    file.write_text(json.dumps(_record_with_text(path, "Ha\u0000lf")) + "\n", "utf-8")
    [(line, message)] = (await refused(any_catalogue, file)).errors
    assert line == 1 and "U+0000" in message, message
    assert message.startswith(path.split(".")[0]), message


@pytest.mark.asyncio
async def test_a_nul_in_a_csv_cell_is_a_row_error_on_both_databases(
    any_catalogue: Catalogue, tmp_path: Path
) -> None:
    file = tmp_path / "nul.csv"
    file.write_bytes(b"title,network\nFine,TV\nHa\x00lf,TV\nFine Too,Net\x00work\n")
    outcome = await refused(any_catalogue, file)
    assert [line for line, _ in outcome.errors] == [3, 4]
    assert all("U+0000" in m for _, m in outcome.errors), outcome.errors


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["Bell\u0007", "Esc\u001b[31m", "Del\u007f", "Line\nbreak"])
async def test_control_characters_in_a_name_are_refused(
    catalogue: Catalogue, tmp_path: Path, text: str
) -> None:
    file = tmp_path / "control.json"
    file.write_text(json.dumps({"title": f"Title {text}"}), "utf-8")
    [(_, message)] = (await refused(catalogue, file)).errors
    assert message.startswith("title: ") and "U+00" in message, message


@pytest.mark.asyncio
async def test_tabs_and_line_breaks_in_free_text_are_kept(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    file = tmp_path / "free.json"
    logline = "First paragraph.\r\n\tSecond paragraph."
    file.write_text(json.dumps({"title": "Free Text", "logline": logline}), "utf-8")
    outcome = await attempt(catalogue, file)
    assert outcome.report is not None and outcome.report.committed, outcome
