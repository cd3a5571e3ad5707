"""Catalogues to import into, on SQLite and (when it is there) PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.catalogue.service import Catalogue
from db.engine import Database


@pytest_asyncio.fixture
async def catalogue(database: Database) -> AsyncIterator[Catalogue]:
    """A catalogue on a fresh SQLite database."""
    yield await Catalogue.open(database)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database_url(request: pytest.FixtureRequest) -> str:
    """SQLite, then PostgreSQL (skipped unless SHOWBOT_TEST_POSTGRES_URL is set): what one
    stores silently the other may refuse with an exception."""
    url: str = request.getfixturevalue(
        "sqlite_url" if request.param == "sqlite" else "postgres_url"
    )
    return url


@pytest_asyncio.fixture
async def any_catalogue(any_database_url: str) -> AsyncIterator[Catalogue]:
    database = Database(any_database_url)
    try:
        await database.upgrade()
        yield await Catalogue.open(database)
    finally:
        await database.dispose()
