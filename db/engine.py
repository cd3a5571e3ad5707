"""The database handle: one async engine, its sessions, and schema upgrades.

Alembic is imported only when the schema is behind: a start on an up-to-date database reads
the stored revision with one query and moves on.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA_HEAD = "0001"
"""The newest migration's revision. A new migration updates it; a test checks it against the
migration scripts, so it cannot fall behind unnoticed."""
DEFAULT_DATABASE_URL = "sqlite:///showbot.db"
SQLITE_BUSY_TIMEOUT_MS = 5000


def async_url(url: str) -> str:
    """Accepts plain `sqlite:///` and `postgresql://` URLs and picks the async driver."""
    parsed = make_url(url)
    driver = {
        "sqlite": "sqlite+aiosqlite",
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
    }.get(parsed.drivername)
    if driver is not None:
        parsed = parsed.set(drivername=driver)
    return parsed.render_as_string(hide_password=False)


def redacted_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _configure_sqlite(dbapi_connection: DBAPIConnection, _: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while a writer commits; the busy timeout makes a second
    # process wait for the write lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def _stored_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, as Alembic records it; None on a new database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


class Database:
    """Owns the engine; everything else borrows sessions from it."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        options: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        else:
            options["pool_pre_ping"] = True
            # asyncpg prepares and caches every statement, and after five runs PostgreSQL may
            # switch a statement to a generic plan made from the statistics of the moment. For
            # the batched `IN (...)` lookups of an import into tables that were empty when last
            # analysed, that plan scans the table and searches the list for every row: the
            # Netflix import took 53 s instead of 22 s. Planning each run with its own values
            # costs well under a millisecond.
            options["connect_args"] = {"server_settings": {"plan_cache_mode": "force_custom_plan"}}
        self.engine: AsyncEngine = create_async_engine(self.url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _configure_sqlite)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    def __repr__(self) -> str:
        return f"Database({redacted_url(self.url)!r})"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads; nothing is committed unless the caller commits."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work commits on success and rolls back on any error."""
        async with self._sessions() as session, session.begin():
            yield session

    async def upgrade(self) -> None:
        """Brings the schema to the newest migration."""
        if await self.current_revision() != SCHEMA_HEAD:
            async with self.engine.begin() as connection:
                await connection.run_sync(_upgrade)
        log.info("database schema is up to date (%s)", redacted_url(self.url))

    async def current_revision(self) -> str | None:
        async with self.engine.connect() as connection:
            return await connection.run_sync(_stored_revision)

    async def dispose(self) -> None:
        await self.engine.dispose()
