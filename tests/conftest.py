"""Fixtures shared by the whole suite: temporary databases and the `../shared` folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import pytest_asyncio

from bot.application import Application
from bot.settings import Settings
from db.engine import Database
from db.models import Show
from db.queries import load_show
from tests.backends import (
    BACKEND_VARIABLE,
    ON_POSTGRES,
    POSTGRES,
    POSTGRES_URL_VARIABLE,
    Template,
)

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about SQLite itself; skipped when the shared fixtures are on "
        f"PostgreSQL ({BACKEND_VARIABLE}=postgresql)",
    )
    if ON_POSTGRES and POSTGRES is None:
        raise pytest.UsageError(f"{BACKEND_VARIABLE}=postgresql needs {POSTGRES_URL_VARIABLE}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not ON_POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "about SQLite itself"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def pytest_sessionfinish() -> None:
    if POSTGRES is not None:
        POSTGRES.close()


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
    """A SQLite file not made yet, whatever the run's backend: for tests about SQLite."""
    return f"sqlite:///{tmp_path / 'showbot-test.db'}"


@pytest.fixture
def postgres_template(request: pytest.FixtureRequest) -> Template:
    """What the test's PostgreSQL database is a copy of: what the fixtures the test uses would
    make of an empty one anyway (they share one database). A module whose tests would only
    spend their time migrating and seeding overrides this."""
    fixtures = set(request.fixturenames)
    if fixtures & {"app", "e2e_settings"}:
        return Template.SEEDED
    if "database" in fixtures:
        return Template.MIGRATED
    return Template.EMPTY


@pytest_asyncio.fixture
async def database_url(sqlite_url: str, postgres_template: Template) -> AsyncIterator[str]:
    """The test's database on the run's backend (see tests/backends.py): a SQLite file not
    made yet, or a PostgreSQL database of its own, dropped afterwards."""
    if not ON_POSTGRES:
        yield sqlite_url
        return
    assert POSTGRES is not None  # pytest_configure refuses the run otherwise
    async with POSTGRES.scratch(postgres_template) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, _env_file=None)


@pytest_asyncio.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.upgrade()
    yield database
    await database.dispose()


@pytest_asyncio.fixture
async def app(settings: Settings) -> AsyncIterator[Application]:
    """The application on a fresh database, built-in records loaded."""
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
async def database_on(
    backend: str, tmp_path: Path, template: Template = Template.EMPTY
) -> AsyncIterator[str]:
    """A database URL on `backend`: "sqlite" (a file in `tmp_path`, not made yet) or
    "postgresql" (a database of its own starting as `template`; the test skips without a
    server)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'showbot-test.db'}"
        return
    async with scratch_postgres(template) as url:
        yield url


@asynccontextmanager
async def scratch_postgres(template: Template = Template.EMPTY) -> AsyncIterator[str]:
    """A fresh PostgreSQL database, dropped afterwards; the test skips without a server.

    Set SHOWBOT_TEST_POSTGRES_URL (e.g. postgresql://root@127.0.0.1:5432/test) to run these;
    without it they skip. The named database is only used to create and drop the scratch one.
    """
    if POSTGRES is None:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    async with POSTGRES.scratch(template) as url:
        yield url


@pytest_asyncio.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test (see `scratch_postgres`)."""
    async with scratch_postgres() as url:
        yield url


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def app_on_each_backend(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Application]:
    """The application with the built-in records, on SQLite and on PostgreSQL (which skips
    without a server)."""
    async with database_on(request.param, tmp_path, Template.SEEDED) as url:
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
    async with database_on(request.param, tmp_path, Template.MIGRATED) as url:
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
