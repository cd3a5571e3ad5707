"""Databases for the db tests: on each backend, schema upgraded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import pytest_asyncio
from alembic import command
from sqlalchemy.engine import Connection

from db.engine import Database
from db.schema import alembic_config


@asynccontextmanager
async def upgraded(url: str) -> AsyncIterator[Database]:
    """The database at `url`, its schema brought to the newest migration."""
    database = Database(url)
    try:
        await database.upgrade()
        yield database
    finally:
        await database.dispose()


async def migrate(database: Database, revision: str, *, down: bool = False) -> None:
    """The schema brought up (or `down`) to `revision`, as a test of a migration starts."""

    def run(connection: Connection) -> None:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)

    async with database.write_engine.begin() as connection:
        await connection.run_sync(run)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest) -> str:
    """SQLite, then PostgreSQL (skipped unless SHOWBOT_TEST_POSTGRES_URL is set)."""
    url: str = request.getfixturevalue(
        "sqlite_url" if request.param == "sqlite" else "postgres_url"
    )
    return url


@pytest_asyncio.fixture
async def any_database(backend_url: str) -> AsyncIterator[Database]:
    async with upgraded(backend_url) as database:
        yield database
