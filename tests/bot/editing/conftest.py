"""The editing tests run on SQLite, and on PostgreSQL when its URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, nullcontext
from pathlib import Path

import pytest
import pytest_asyncio

from bot.application import Application
from bot.settings import Settings
from tests.conftest import scratch_postgres


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def app(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Application]:
    """The application with the built-in records, on each backend."""
    sqlite = f"sqlite:///{tmp_path / 'showbot-test.db'}"
    place: AbstractAsyncContextManager[str] = (
        nullcontext(sqlite) if request.param == "sqlite" else scratch_postgres()
    )
    async with place as url:
        app = await Application.open(Settings(database_url=url, _env_file=None))
        try:
            yield app
        finally:
            await app.close()
