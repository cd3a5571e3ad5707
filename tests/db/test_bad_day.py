"""The database on a bad day: writers take turns, a schema is made whole or not at all, and
what cannot be used is said in a sentence."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from db.engine import Database
from db.errors import DatabaseBusyError, DatabaseUnavailableError
from db.models import AppState


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


async def _note(database: Database, key: str, *, wait: float = 60.0) -> None:
    async with database.transaction(wait=wait) as session:
        session.add(AppState(key=key, value=key, updated_at=datetime.now(UTC)))


@pytest.mark.sqlite_only("SQLite's driver committing each CREATE TABLE on its own")
@pytest.mark.asyncio
async def test_ddl_runs_inside_the_transaction(tmp_path: Path) -> None:
    """A first start killed halfway leaves nothing: tables made in a transaction that does not
    commit are gone (the driver used to commit each CREATE TABLE on its own)."""
    path = tmp_path / "half.db"
    database = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(RuntimeError):
            async with database.write_engine.begin() as connection:
                await connection.execute(text("CREATE TABLE first (x INTEGER)"))
                await connection.execute(text("CREATE TABLE second (x INTEGER)"))
                raise RuntimeError("killed here")
    finally:
        await database.dispose()
    assert _tables(path) == set()


@pytest.mark.sqlite_only("SQLite's one write lock and its busy timeout")
@pytest.mark.asyncio
async def test_a_second_writer_waits_its_turn(database: Database, sqlite_url: str) -> None:
    other = Database(sqlite_url, busy_timeout=0.2)
    order: list[str] = []
    try:
        async with database.transaction() as session:
            session.add(AppState(key="first", value="1", updated_at=datetime.now(UTC)))
            await session.flush()
            waiting = asyncio.create_task(_note(other, "second"))
            await asyncio.sleep(1.0)  # several busy timeouts of the other writer
            assert not waiting.done()
            order.append("first")
        await waiting
        order.append("second")
    finally:
        await other.dispose()
    async with database.session() as session:
        assert await session.get(AppState, "second") is not None
    assert order == ["first", "second"]


@pytest.mark.sqlite_only("SQLite's one write lock and its busy timeout")
@pytest.mark.asyncio
async def test_a_writer_gives_up_with_a_sentence(database: Database, sqlite_url: str) -> None:
    other = Database(sqlite_url, busy_timeout=0.2)
    try:
        async with database.transaction() as session:
            session.add(AppState(key="held", value="1", updated_at=datetime.now(UTC)))
            await session.flush()
            with pytest.raises(DatabaseBusyError, match=r"stayed busy .* try again"):
                await _note(other, "late", wait=0.5)
    finally:
        await other.dispose()


@pytest.mark.sqlite_only("a SQLite file an older showbot left half made")
@pytest.mark.asyncio
async def test_a_half_made_empty_schema_is_mended(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:  # what an older showbot left when killed
        connection.execute("CREATE TABLE app_state (key VARCHAR(200) PRIMARY KEY)")
        connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(300))")
    database = Database(f"sqlite:///{path}")
    try:
        await database.upgrade()
        async with database.engine.connect() as connection:
            columns = await connection.run_sync(
                lambda sync: {c["name"] for c in inspect(sync).get_columns("app_state")}
            )
        assert columns == {"key", "value", "updated_at"}
        await _note(database, "works")
    finally:
        await database.dispose()


@pytest.mark.sqlite_only("a SQLite file an older showbot left half made")
@pytest.mark.asyncio
async def test_a_half_made_schema_with_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(300))")
        connection.execute("INSERT INTO person (name) VALUES ('Arden Cho')")
    database = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseUnavailableError, match=r"no schema revision.*person"):
            await database.upgrade()
    finally:
        await database.dispose()
    with sqlite3.connect(path) as connection:  # refused means untouched
        assert connection.execute("SELECT name FROM person").fetchall() == [("Arden Cho",)]


@pytest.mark.asyncio
async def test_a_schema_newer_than_the_code_is_refused(database: Database) -> None:
    await database.upgrade()
    async with database.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(DatabaseUnavailableError, match=r"newer showbot .*'f00d'"):
        await database.upgrade()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://127.0.0.1/x", "showbot cannot use"),
        ("this is not a url", "not a database URL"),
        ("sqlite:////no/such/folder/showbot.db", "check that its folder exists"),
    ],
)
@pytest.mark.asyncio
async def test_unusable_urls_are_explained(url: str, expected: str) -> None:
    with pytest.raises(DatabaseUnavailableError, match=expected):
        database = Database(url)
        try:
            await database.upgrade()
        finally:
            await database.dispose()


@pytest.mark.sqlite_only("a file that is not a SQLite database")
@pytest.mark.asyncio
async def test_a_file_that_is_not_a_database_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    database = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseUnavailableError, match="not a SQLite database"):
            await database.upgrade()
    finally:
        await database.dispose()


@pytest.mark.asyncio
async def test_a_missing_postgres_database_is_explained(postgres_url: str) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/showbot_no_such_database"
    database = Database(missing)
    try:
        with pytest.raises(DatabaseUnavailableError, match=r"no such database.*createdb"):
            await database.upgrade()
    finally:
        await database.dispose()
