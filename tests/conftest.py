"""Fixtures shared by the whole suite: temporary databases and the `../shared` folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url

from bot.application import Application
from bot.settings import Settings
from db.engine import Database
from db.models import Show
from db.queries import load_show

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
POSTGRES_URL_VARIABLE = "SHOWBOT_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's .env or real token, or writes into the checkout."""
    for name in ("DISCORD_TOKEN", "DATABASE_URL", "LOG_LEVEL", "DEV_GUILD_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: it holds the seed articles and the real catalogue")
    return SHARED


@pytest.fixture
def seeds(shared: Path) -> dict[str, str]:
    """The seed articles by source ref ("seed:000_…"), whitespace collapsed."""
    return {
        f"seed:{path.stem}": " ".join(path.read_text(encoding="utf-8").split())
        for path in sorted((shared / "seeds").glob("*.txt"))
    }


@pytest.fixture
def netflix_csv(shared: Path) -> Path:
    path = shared / "data" / "netflix_titles.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'showbot-test.db'}"


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(database_url=sqlite_url, _env_file=None)


@pytest_asyncio.fixture
async def database(sqlite_url: str) -> AsyncIterator[Database]:
    database = Database(sqlite_url)
    await database.upgrade()
    yield database
    await database.dispose()


@pytest_asyncio.fixture
async def app(settings: Settings) -> AsyncIterator[Application]:
    """The application on a fresh SQLite file, built-in records loaded."""
    app = await Application.open(settings)
    yield app
    await app.close()


async def stored_show(app: Application, question: str) -> Show:
    """The stored show the title index names for a question, everything loaded."""
    resolution = app.catalogue.index.resolve(question)
    assert resolution.match is not None, f"{question!r} names no show"
    async with app.database.session() as session:
        show = await load_show(session, resolution.match.entry.show_id)
    assert show is not None
    return show


@asynccontextmanager
async def database_on(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL on `backend`: "sqlite" (a file in `tmp_path`) or "postgresql" (a
    scratch database; the test skips without a server)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'showbot-test.db'}"
        return
    async with scratch_postgres() as url:
        yield url


@asynccontextmanager
async def scratch_postgres() -> AsyncIterator[str]:
    """A fresh PostgreSQL database, dropped afterwards; the test skips without a server.

    Set SHOWBOT_TEST_POSTGRES_URL (e.g. postgresql://root@127.0.0.1:5432/test) to run these;
    without it they skip. The named database is only used to create and drop the scratch one.
    """
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    import asyncpg

    url = make_url(base)
    scratch = f"showbot_test_{uuid.uuid4().hex[:12]}"
    admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{scratch}"')
        yield url.set(database=scratch).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest_asyncio.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL database for one test (see `scratch_postgres`)."""
    async with scratch_postgres() as url:
        yield url


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def app_on_each_backend(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Application]:
    """The application with the built-in records, on SQLite and on PostgreSQL (which skips
    without a server)."""
    async with database_on(request.param, tmp_path) as url:
        app = await Application.open(Settings(database_url=url, _env_file=None))
        try:
            yield app
        finally:
            await app.close()


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def database_on_each_backend(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Database]:
    """An empty database with the newest schema, on SQLite and on PostgreSQL (which skips
    without a server)."""
    async with database_on(request.param, tmp_path) as url:
        database = Database(url)
        await database.upgrade()
        try:
            yield database
        finally:
            await database.dispose()


async def add_bare_show(database: Database, title: str) -> int:
    """A show with a title and nothing else, written in its own transaction; its id."""
    async with database.transaction() as session:
        show = Show(title=title, genres=[])
        session.add(show)
        await session.flush()
        assert show.id is not None
        return show.id
