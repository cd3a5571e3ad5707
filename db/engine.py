"""The database handle: one async engine, its sessions, and schema upgrades.

Writes take their turn. On SQLite every write transaction starts with BEGIN IMMEDIATE, so it
holds the one write lock from its first statement (a deferred transaction that upgrades to a
writer later fails at once, whatever the busy timeout), and waits for that lock a bounded
time; DDL runs inside transactions too, so a first start killed halfway leaves no half-made
schema. Alembic is imported only when the schema is behind: a start on an up-to-date database
reads the stored revision with one query and moves on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

from db.errors import (
    DatabaseBusyError,
    DatabaseUnavailableError,
    cannot_open_sqlite,
    explain,
    is_busy,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA_HEAD = "0007"
CLOSE_WAIT_SECONDS = 5.0
"""How long closing the database waits for the sessions still open."""
"""The newest migration's revision. A new migration updates it; a test checks it against the
migration scripts, so it cannot fall behind unnoticed."""
DEFAULT_DATABASE_URL = "sqlite:///showbot.db"
SQLITE_BUSY_TIMEOUT = 5.0
"""Seconds one SQLite statement waits for a lock before the driver gives up (then retried)."""
WRITE_WAIT_SECONDS = 60.0
"""How long a write waits for another process's write to finish before giving up."""
CATALOGUE_LOCK_KEY = 0x73686F77636174
"""PostgreSQL advisory lock taken by exclusive writes (imports, seeding): they take turns."""
ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}
"""The URL schemes showbot accepts, and the async driver each runs on."""


def async_url(url: str) -> str:
    """Accepts plain `sqlite:///` and `postgresql://` URLs and picks the async driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseUnavailableError(
            "DATABASE_URL is not a database URL: give sqlite:///path/to/showbot.db or "
            "postgresql://user@host:5432/name."
        ) from error
    driver = ASYNC_DRIVERS.get(parsed.drivername)
    if driver is None:
        raise DatabaseUnavailableError(
            f"DATABASE_URL starts with {parsed.drivername}://, which showbot cannot use: it "
            "runs on SQLite (sqlite:///path/to/showbot.db) or PostgreSQL (postgresql://...)."
        )
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def redacted_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def described(url: str) -> str:
    """The database as its owner would name it in a message: a SQLite file's path, or the
    PostgreSQL URL without its password or driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "(in memory)"
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def _configure_sqlite(dbapi_connection: DBAPIConnection, _: ConnectionPoolEntry) -> None:
    # The driver would begin transactions itself, and only before INSERT and the like, never
    # before CREATE TABLE: take that over (`_begin_sqlite`) so that every statement, DDL
    # included, runs in a transaction SQLAlchemy began.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while a writer commits. (The busy timeout, which makes a second
    # process wait for a lock instead of failing at once, is the driver's `timeout`.)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    """BEGIN IMMEDIATE for writers (they take the write lock now, while they can still wait
    for it), a plain deferred BEGIN for readers."""
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def stored_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, as Alembic records it; None on a new database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


class Database:
    """Owns the engine; everything else borrows sessions from it."""

    def __init__(
        self, url: str, *, echo: bool = False, busy_timeout: float = SQLITE_BUSY_TIMEOUT
    ) -> None:
        self.url = async_url(url)
        options: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            options["connect_args"] = {"timeout": busy_timeout}
        else:
            options["pool_pre_ping"] = True
            # Twenty connections a process: a burst of commands beside a relay pass and the
            # change follower, without waiting on the pool (PostgreSQL allows 100 by default,
            # room for a few processes).
            options["pool_size"] = 10
            options["max_overflow"] = 10
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
            event.listen(self.engine.sync_engine, "begin", _begin_sqlite)
        self.write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._write_sessions = async_sessionmaker(
            self.write_engine, class_=AsyncSession, expire_on_commit=False
        )
        self._open = 0
        self._closed_all: asyncio.Event | None = None

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    def __repr__(self) -> str:
        return f"Database({redacted_url(self.url)!r})"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads; nothing is committed unless the caller commits."""
        async with self._in_use(), self._sessions() as session:
            yield session

    @asynccontextmanager
    async def _in_use(self) -> AsyncIterator[None]:
        """Counts the sessions open, so that closing waits for them (see `dispose`)."""
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
            if not self._open and self._closed_all is not None:
                self._closed_all.set()

    @asynccontextmanager
    async def transaction(
        self, *, wait: float = WRITE_WAIT_SECONDS, exclusive: bool = False
    ) -> AsyncIterator[AsyncSession]:
        """A session whose work commits on success and rolls back on any error.

        It holds the write lock from the start (SQLite), waiting up to `wait` seconds for
        another writer to finish, then raises DatabaseBusyError. `exclusive` writes (imports,
        seeding) also take turns on PostgreSQL, where writers otherwise run side by side.
        """
        async with self._in_use(), self._write_sessions() as session:
            await self._when_free(session.connection, wait)
            if exclusive and not self.is_sqlite:
                connection = await session.connection()
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": CATALOGUE_LOCK_KEY}
                )
            try:
                yield session
            except BaseException:
                await session.rollback()
                raise
            if session.in_transaction():
                await session.commit()

    async def _when_free(self, begin: Callable[[], Awaitable[object]], wait: float) -> None:
        """Calls `begin` (which takes the SQLite write lock) until the lock is had, for at
        most `wait` seconds; each try itself waits the busy timeout."""
        started = time.monotonic()
        for attempt in itertools.count():
            try:
                await begin()
                return
            except DBAPIError as error:
                if not is_busy(error):
                    raise self._explained(error) from error
                waited = time.monotonic() - started
                if waited >= wait:
                    raise DatabaseBusyError(
                        f"The database {described(self.url)} stayed busy with another "
                        f"process's write for {waited:.0f} s: try again when it has finished."
                    ) from error
                if attempt == 0:  # once: an import may wait here for many busy timeouts
                    log.warning("the database is busy with another process's write; waiting")

    def _explained(self, error: BaseException) -> BaseException:
        return explain(error, described(self.url)) or error

    async def upgrade(self) -> None:
        """Brings the schema to the newest migration, one process at a time."""
        if await self.current_revision() == SCHEMA_HEAD:
            return
        connection = await self.write_engine.connect()
        try:
            await self._when_free(connection.begin, WRITE_WAIT_SECONDS)
            # Imported here: only a start on an outdated database pays for Alembic.
            from db.schema import upgrade_schema

            await connection.run_sync(upgrade_schema)
            await connection.commit()
        except (DBAPIError, NoSuchModuleError) as error:
            raise self._explained(error) from error
        finally:
            await connection.close()
        log.info("database schema is up to date (%s)", redacted_url(self.url))

    def _check_sqlite_folder(self) -> None:
        """Says what is wrong before the driver tries: a failed connect leaves aiosqlite's
        thread behind to print a traceback of its own once the event loop has closed."""
        path = make_url(self.url).database
        if not self.is_sqlite or not path or path == ":memory:":
            return
        folder = Path(path).resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            raise cannot_open_sqlite(described(self.url))

    async def current_revision(self) -> str | None:
        self._check_sqlite_folder()
        try:
            async with self.engine.connect() as connection:
                return await connection.run_sync(stored_revision)
        except (DBAPIError, OSError) as error:
            raise self._explained(error) from error

    async def dispose(self, wait: float = CLOSE_WAIT_SECONDS) -> None:
        """Closes the connections, once the sessions still open (work a stopping bot had
        under way: an answer's last read, a pass of the relay) have ended, for at most `wait`
        seconds. A session cut off mid-query would leave its connection to the garbage
        collector, and a rollback cancelled on the way out logs a traceback."""
        if self._open:
            self._closed_all = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closed_all.wait(), wait)
        await self.engine.dispose()
