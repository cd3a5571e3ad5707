"""Exporting the catalogue: a records document that an import into an empty catalogue turns
back into the same catalogue, byte for byte when exported again."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bot.catalogue.service import BUILTIN_RECORDS, Importer
from db.catalogue import CatalogueWriter
from db.catalogue.export import export_catalogue, show_record
from db.engine import Database
from db.models import Alias, ChartRun, ExternalId, Show, ShowNote, Source, StatusChange
from db.queries import load_show
from db.records import RecordsHeader, ShowRecord, SourceRecord

pytestmark = pytest.mark.asyncio

NETFLIX_SAMPLE_ROWS = 300


# -- helpers, also used by the restore tests -----------------------------------------------------


async def export_text(database: Database, batch: int = 500) -> str:
    out = io.StringIO()
    async with database.session() as session:
        await export_catalogue(session, out, batch=batch)
    return out.getvalue()


async def import_file(database: Database, path: Path) -> None:
    report = await Importer(database).import_file(path)
    assert report.committed, [str(e) for e in report.errors]


async def exported_again(text: str, folder: Path) -> str:
    """The export imported into a new, empty catalogue, and that catalogue exported."""
    path = folder / "export.json"
    path.write_text(text, encoding="utf-8")
    database = Database(f"sqlite:///{folder / 'restored.db'}")
    try:
        await database.upgrade()
        await import_file(database, path)
        return await export_text(database)
    finally:
        await database.dispose()


async def stored_record(database: Database, show_id: int) -> dict[str, Any]:
    async with database.session() as session:
        show = await load_show(session, show_id)
    assert show is not None
    return show_record(show)


async def show_ids(database: Database) -> list[int]:
    async with database.session() as session:
        return [
            i for i in await session.exec(select(Show.id).order_by(col(Show.id))) if i is not None
        ]


def cited_refs(value: object) -> set[str]:
    """Every source ref cited anywhere in a JSON value."""
    if isinstance(value, list):
        return set().union(*(cited_refs(v) for v in value))
    if not isinstance(value, dict):
        return set()
    found = {value["source"]} if isinstance(value.get("source"), str) else set()
    found |= set(value.get("sources", ()))
    return found.union(*(cited_refs(v) for v in value.values()))


# -- the round trip ------------------------------------------------------------------------------


async def test_the_built_in_records_come_back_the_same(
    any_database: Database, tmp_path: Path
) -> None:
    await import_file(any_database, BUILTIN_RECORDS)
    first = await export_text(any_database)
    document = json.loads(first)
    assert len(document["shows"]) == 4
    assert [s["ref"] for s in document["sources"]] == sorted(cited_refs(document["shows"]))
    assert await exported_again(first, tmp_path) == first


async def test_a_sample_of_the_netflix_catalogue_comes_back_the_same(
    any_database: Database, netflix_csv: Path, tmp_path: Path
) -> None:
    sample = tmp_path / "netflix_titles.csv"
    with (
        netflix_csv.open(encoding="utf-8", newline="") as whole,
        sample.open("w", encoding="utf-8", newline="") as part,
    ):
        rows = csv.reader(whole)
        csv.writer(part).writerows(itertools.islice(rows, NETFLIX_SAMPLE_ROWS + 1))
    # As a bot's catalogue is: the built-in records, then the real catalogue imported.
    await import_file(any_database, BUILTIN_RECORDS)
    await import_file(any_database, sample)
    first = await export_text(any_database)
    assert len(json.loads(first)["shows"]) == len(await show_ids(any_database)) > 250
    assert await exported_again(first, tmp_path) == first


async def test_either_database_exports_the_same_catalogue_alike(
    database: Database, postgres_url: str
) -> None:
    on_postgres = Database(postgres_url)
    try:
        await on_postgres.upgrade()
        for each in (database, on_postgres):
            await import_file(each, BUILTIN_RECORDS)
        assert await export_text(on_postgres) == await export_text(database)
    finally:
        await on_postgres.dispose()


async def test_what_an_import_would_fold_into_one_is_exported_once(
    database: Database, tmp_path: Path
) -> None:
    await import_file(database, BUILTIN_RECORDS)
    async with database.transaction() as session:
        show = (await session.exec(select(Show).where(Show.title == "Partner Track"))).one()
        decision = (
            await session.exec(select(StatusChange).where(StatusChange.show_id == show.id))
        ).one()
        session.add_all(
            [
                StatusChange(
                    show_id=show.id,
                    old_status=decision.new_status,
                    new_status=decision.new_status,
                    effective_date=decision.effective_date,
                    note="the same decision, told again",
                ),
                Alias(show_id=show.id, name="Partner Track"),
                Alias(show_id=show.id, name="PT"),
                Alias(show_id=show.id, name="pt"),
                ShowNote(show_id=show.id, topic="trivia", text="Said twice."),
                ShowNote(show_id=show.id, topic="trivia", text="Said twice."),
                ChartRun(show_id=show.id, chart="Top 10", weeks=2),
                ChartRun(show_id=show.id, chart="Top 10", weeks=3),
                ExternalId(show_id=show.id, scheme="tmdb", value="2"),
                ExternalId(show_id=show.id, scheme="tmdb", value="1"),
            ]
        )
    assert show.id is not None
    record = await stored_record(database, show.id)
    assert record["aliases"] == ["PT"]
    assert record["external_ids"] == {"tmdb": "1"}
    assert [n["text"] for n in record["notes"]].count("Said twice.") == 1
    assert [c for c in record["charts"] if c["chart"] == "Top 10"] == [
        {"chart": "Top 10", "weeks": 2}
    ]
    assert len(record["status_history"]) == 1
    first = await export_text(database)
    assert await exported_again(first, tmp_path) == first


# -- the document --------------------------------------------------------------------------------


async def test_the_document_is_laid_out_as_json_dumps_would(database: Database) -> None:
    await import_file(database, BUILTIN_RECORDS)
    text = await export_text(database)
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert "Dahmer – Monster" in text  # not escaped
    header = RecordsHeader.model_validate({k: v for k, v in document.items() if k != "shows"})
    assert [s.ref for s in header.sources] == sorted(s.ref for s in header.sources)
    for show in document["shows"]:
        ShowRecord.model_validate(show)
        assert not {"id", "show_id", "created_at", "updated_at", "recorded_at"} & show.keys()


async def test_reading_in_batches_changes_nothing(database: Database) -> None:
    await import_file(database, BUILTIN_RECORDS)
    assert await export_text(database, batch=1) == await export_text(database, batch=500)


async def test_an_empty_catalogue(database: Database) -> None:
    out = io.StringIO()
    async with database.session() as session:
        assert await export_catalogue(session, out) == 0
    assert (
        out.getvalue()
        == '{\n  "format": "showbot.records/1",\n  "sources": [],\n  "shows": []\n}\n'
    )


async def test_only_the_sources_something_cites_are_declared(database: Database) -> None:
    async with database.transaction() as session:
        session.add(Source(ref="test:uncited", title="Cited by nothing"))
        writer = CatalogueWriter(session)
        writer.declare_sources([SourceRecord(ref="test:cast", title="The cast list")])
        await writer.upsert(
            ShowRecord.model_validate(
                {"title": "Solo", "credits": [{"name": "A. Actor", "source": "test:cast"}]}
            )
        )
    document = json.loads(await export_text(database))
    assert document["sources"] == [{"ref": "test:cast", "title": "The cast list"}]


async def test_a_show_in_full(database: Database) -> None:
    article = SourceRecord(
        ref="test:b",
        title="An article",
        url="https://example.org/b",
        publisher="Example",
        published_on=date(2024, 5, 1),
    )
    record = ShowRecord.model_validate(
        {
            "title": "Example Show",
            "original_title": "",
            "kind": "series",
            "year": 2023,
            "genres": ["Drama", "Comedy"],
            "status": "renewed",
            "status_date": "2024-05-01",
            "external_ids": {"tvmaze": 7, "imdb": "tt1"},
            "aliases": ["Zed", {"name": "Alpha", "note": "working title"}],
            "sources": ["test:b", {"ref": "test:a", "title": "Another"}],
            "seasons": [{"number": 2, "cliffhanger": False}, {"number": 1, "episode_count": 8}],
            "credits": [
                {"name": "Bea", "billing": 2, "character": "B", "source": "test:b"},
                {"name": "Cy", "role": "creator"},
                {"name": "Al"},
                {"name": "Ann", "billing": 1},
            ],
            "status_history": [
                {"to": "renewed", "from": "returning", "date": "2024-05-01", "source": "test:b"},
                {"to": "returning", "seasons_ordered": 1, "note": "undated"},
            ],
            "charts": [{"chart": "Z chart", "weeks": 0}, {"chart": "A chart", "peak_rank": 3}],
            "notes": [{"topic": "b", "text": "two"}, {"topic": "a", "text": "one"}],
        }
    )
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        writer.declare_sources([article])
        show_id = (await writer.upsert(record)).show_id
    assert await stored_record(database, show_id) == {
        "title": "Example Show",
        "original_title": "",
        "kind": "series",
        "year": 2023,
        "genres": ["Drama", "Comedy"],
        "status": "renewed",
        "status_date": "2024-05-01",
        "external_ids": {"imdb": "tt1", "tvmaze": "7"},
        "aliases": [{"name": "Alpha", "note": "working title"}, "Zed"],
        "sources": ["test:a", "test:b"],
        "seasons": [{"number": 1, "episode_count": 8}, {"number": 2, "cliffhanger": False}],
        "credits": [
            {"name": "Ann", "role": "actor", "billing": 1},
            {"name": "Bea", "role": "actor", "character": "B", "billing": 2, "source": "test:b"},
            {"name": "Al", "role": "actor"},
            {"name": "Cy", "role": "creator"},
        ],
        "status_history": [
            {"from": "renewed", "to": "returning", "seasons_ordered": 1, "note": "undated"},
            {"from": "returning", "to": "renewed", "date": "2024-05-01", "source": "test:b"},
        ],
        "charts": [{"chart": "A chart", "peak_rank": 3}, {"chart": "Z chart", "weeks": 0}],
        "notes": [{"topic": "a", "text": "one"}, {"topic": "b", "text": "two"}],
    }
    record_keys = list((await stored_record(database, show_id)).keys())
    assert record_keys == [k for k in ShowRecord.model_fields if k in record_keys]
