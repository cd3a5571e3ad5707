"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import db.announcement_tables
import db.audit
import db.changes
import db.leases
import db.models
import db.news  # noqa: F401
from db.engine import MIGRATIONS, SCHEMA_HEAD, Database


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _check_schema(database: Database) -> None:
    await database.upgrade()
    await database.upgrade()  # a second upgrade is a no-op, not an error
    assert await database.current_revision() == SCHEMA_HEAD
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(_tables)
        differences = await connection.run_sync(_differences)
    assert set(SQLModel.metadata.tables) <= tables
    assert differences == []


@pytest.mark.sqlite_only(
    "SQLite's schema and WAL mode (test_postgres_schema_matches_models is its twin)"
)
@pytest.mark.asyncio
async def test_sqlite_schema_matches_models(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        await _check_schema(database)
        async with database.engine.connect() as connection:
            mode = (await connection.execute(text("PRAGMA journal_mode"))).scalar()
        assert mode == "wal"
    finally:
        await database.dispose()


@pytest.mark.asyncio
async def test_postgres_schema_matches_models(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        await _check_schema(database)
    finally:
        await database.dispose()


def test_plain_urls_get_async_drivers() -> None:
    from db.engine import async_url

    assert async_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"
    assert async_url("postgresql://u:p@h/d").startswith("postgresql+asyncpg://u:p@h/d")
    assert async_url("postgres://h/d").startswith("postgresql+asyncpg://")
    assert async_url("sqlite+aiosqlite:///y.db") == "sqlite+aiosqlite:///y.db"


def test_repr_hides_the_password() -> None:
    database = Database("postgresql://user:hunter2@127.0.0.1/db")
    assert "hunter2" not in repr(database)


def test_schema_head_names_the_newest_migration() -> None:
    """Starts skip Alembic when the database is at SCHEMA_HEAD: it must be the real head."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS)).get_heads() == [SCHEMA_HEAD]
