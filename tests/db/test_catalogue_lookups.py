"""Writers find shows by looking keys up on indexes: each show's folded title is stored beside
it (`Show.title_key`), kept in step with its title by every write and filled in for the shows
stored before it existed; on SQLite, and on PostgreSQL when SHOWBOT_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from db.catalogue import CatalogueWriter
from db.catalogue.restore import replace_show
from db.engine import Database
from db.models import ExternalId, Show
from db.queries import load_show
from db.records import ShowRecord
from tests.db.conftest import migrate

pytestmark = pytest.mark.asyncio

STORED_TITLES = ["Partner  Track", "STRASSE der Träume", "  The Watcher", "Straße der Träume"]


@pytest.fixture
def database(any_database: Database) -> Database:
    return any_database


async def _title_keys(database: Database) -> list[tuple[str, str]]:
    async with database.session() as session:
        rows = await session.exec(select(Show.title, Show.title_key).order_by(col(Show.id)))
        return list(rows.all())


async def _write(database: Database, *records: dict[str, object]) -> list[int]:
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        outcomes = [await writer.upsert(ShowRecord.model_validate(r)) for r in records]
        await writer.close()
    return [outcome.show_id for outcome in outcomes]


async def test_the_migration_folds_the_titles_stored_before_it(backend_url: str) -> None:
    database = Database(backend_url)
    try:
        await migrate(database, "0005")
        now = datetime.now(UTC)
        async with database.write_engine.begin() as connection:
            for title in STORED_TITLES:
                await connection.execute(
                    text(
                        "INSERT INTO show (title, kind, genres, created_at, updated_at) "
                        "VALUES (:title, 'series', '[]', :now, :now)"
                    ),
                    {"title": title, "now": now},
                )
        await database.upgrade()
        expected = [
            ("Partner  Track", "partner track"),
            ("STRASSE der Träume", "strasse der träume"),
            ("  The Watcher", "the watcher"),
            ("Straße der Träume", "strasse der träume"),  # casefold, not lower: ß is ss
        ]
        assert await _title_keys(database) == expected
        # Found again by title once migrated: no second Partner Track.
        assert await _write(database, {"title": "partner  track"}) == [1]
        expected[0] = ("partner  track", "partner track")
        # And it goes back down, and up again.
        await migrate(database, "0005", down=True)
        await migrate(database, "head")
        assert await _title_keys(database) == expected
    finally:
        await database.dispose()


async def test_the_title_key_follows_every_rename(database: Database) -> None:
    [show_id] = await _write(database, {"title": "Partner Track", "external_ids": {"tmdb": 1}})
    # Renamed by an import (found by its id) ...
    await _write(database, {"title": "Partner  TRACK (US)", "external_ids": {"tmdb": 1}})
    assert await _title_keys(database) == [("Partner  TRACK (US)", "partner track (us)")]
    # ... and by an editor, through the restore an edit or an undo runs.
    async with database.transaction() as session:
        show = await load_show(session, show_id)
        assert show is not None
        await replace_show(session, show, ShowRecord(title="The Partner Track"))
    assert await _title_keys(database) == [("The Partner Track", "the partner track")]
    # The old titles name no show any more; the new one names this one.
    assert await _write(database, {"title": "the  partner track"}) == [show_id]
    new_ids = await _write(database, {"title": "Partner Track"}, {"title": "partner track (us)"})
    assert show_id not in new_ids and len(set(new_ids)) == 2


def _sqlite_plan(connection: Connection, sql: str) -> str:
    rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return " | ".join(str(row[-1]) for row in rows)


@pytest.mark.sqlite_only("SQLite's query plans (EXPLAIN QUERY PLAN)")
async def test_lookups_search_indexes_instead_of_scanning(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        await database.upgrade()
        # Each lookup a writer makes, and the index condition SQLite should search it by.
        lookups = {
            "SELECT id, year, network FROM show WHERE title_key IN ('a', 'b')": "(title_key=?)",
            "SELECT show_id FROM external_id WHERE scheme = 'tmdb' AND value IN ('1', '2')": (
                "(scheme=? AND value=?)"
            ),
            "SELECT scheme, value FROM external_id WHERE show_id IN (1, 2)": "(show_id=?)",
            "SELECT id FROM person WHERE name IN ('a', 'b')": "(name=?)",
        }
        async with database.engine.connect() as connection:
            for sql, condition in lookups.items():
                plan = await connection.run_sync(_sqlite_plan, sql)
                assert plan.startswith("SEARCH ") and plan.endswith(condition), (sql, plan)
    finally:
        await database.dispose()


async def test_matching_reads_only_the_shows_a_record_could_be(database: Database) -> None:
    """With many stored shows, writing a record reads rows by key only: no statement scans or
    pages through a table, nor copies it (as writers once copied every title)."""
    await _write(database, *({"title": f"Show {n}", "year": 2000 + n % 20} for n in range(200)))
    statements: list[str] = []

    def remember(*args: object) -> None:
        statements.append(" ".join(str(args[2]).split()))  # the SQL

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        [show_id] = await _write(
            database, {"title": "show 7", "year": 2007, "credits": [{"name": "Ann"}]}
        )
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert show_id == 8
    reads = [sql for sql in statements if sql.startswith("SELECT")]
    assert reads
    for sql in reads:
        assert " WHERE " in sql, sql
        conditions = sql.split(" WHERE ", 1)[1]
        assert not re.search(r"[<>]|\bLIKE\b", conditions), sql  # equality and IN (...) only
    assert not [sql for sql in statements if "TEMPORARY" in sql]


async def test_external_ids_are_matched_before_titles(database: Database) -> None:
    [first, second] = await _write(
        database,
        {"title": "Twin", "year": 2020, "external_ids": {"tmdb": 1}},
        {"title": "Twin", "year": 2020, "external_ids": {"tmdb": 2}},
    )
    assert first != second
    assert await _write(database, {"title": "Twin", "year": 2020, "external_ids": {"tmdb": 2}}) == [
        second
    ]
    async with database.session() as session:
        ids = await session.exec(select(ExternalId.show_id).where(ExternalId.value == "2"))
        assert list(ids) == [second]
