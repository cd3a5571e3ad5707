"""A film's running time: the column migration 0007 adds beside the shows already stored, kept
by an import, exported and imported back; on SQLite, and on PostgreSQL when
SHOWBOT_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from db.catalogue import CatalogueWriter
from db.engine import Database
from db.models import Show
from db.records import ShowRecord
from tests.db.conftest import migrate
from tests.db.test_catalogue_export import export_text, exported_again, stored_record

pytestmark = pytest.mark.asyncio

FILM = {"title": "Long Harbour", "kind": "film", "year": 2020, "runtime_minutes": 125}


async def _write(database: Database, record: dict[str, object]) -> int:
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        outcome = await writer.upsert(ShowRecord.model_validate(record))
        await writer.close()
    return outcome.show_id


async def _runtimes(database: Database) -> list[tuple[str, int | None]]:
    async with database.session() as session:
        rows = await session.exec(select(Show.title, Show.runtime_minutes).order_by(col(Show.id)))
        return list(rows.all())


async def test_the_migration_adds_an_empty_runtime_to_the_shows_stored_before_it(
    backend_url: str,
) -> None:
    database = Database(backend_url)
    try:
        await migrate(database, "0006")
        now = datetime.now(UTC)
        async with database.write_engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO show (title, title_key, kind, genres, created_at, updated_at) "
                    "VALUES ('Long Harbour', 'long harbour', 'film', '[]', :now, :now)"
                ),
                {"now": now},
            )
        await database.upgrade()
        assert await _runtimes(database) == [("Long Harbour", None)]
        # Found again by its title, and given its runtime.
        assert await _write(database, FILM) == 1
        assert await _runtimes(database) == [("Long Harbour", 125)]
        # A record that leaves the runtime out keeps the stored one.
        await _write(database, {"title": "Long Harbour", "year": 2020, "logline": "A film."})
        assert await _runtimes(database) == [("Long Harbour", 125)]
        # Down, the column goes and the show stays; up again, the column is back, empty.
        await migrate(database, "0006", down=True)
        await migrate(database, "head")
        assert await _runtimes(database) == [("Long Harbour", None)]
    finally:
        await database.dispose()


async def test_a_films_runtime_comes_back_from_an_export(
    any_database: Database, tmp_path: Path
) -> None:
    show_id = await _write(any_database, FILM)
    await _write(any_database, {"title": "Short Tide", "kind": "series", "season_count": 1})
    assert (await stored_record(any_database, show_id))["runtime_minutes"] == 125
    first = await export_text(any_database)
    shows = {show["title"]: show for show in json.loads(first)["shows"]}
    assert shows["Long Harbour"]["runtime_minutes"] == 125
    assert "runtime_minutes" not in shows["Short Tide"]
    assert await exported_again(first, tmp_path) == first
