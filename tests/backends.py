"""Where the suite's databases live: SQLite files, or PostgreSQL databases.

The suite runs on SQLite unless SHOWBOT_TEST_BACKEND=postgresql, which moves the shared
database fixtures (`database_url`, `settings`, `database`, `app`, the end-to-end
`e2e_settings`) onto the server at SHOWBOT_TEST_POSTGRES_URL. Tests about both backends
(`postgres_url`, `app_on_each_backend`...) use that server in either run.

A PostgreSQL test database is a copy of a template made once per session (migrating costs
about a second, copying a quarter of that), and is dropped after the test.
"""

from __future__ import annotations

import asyncio
import enum
import os
import threading
import uuid
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.engine import make_url

from bot.application import Application
from bot.settings import Settings
from db.engine import Database
from db.notifications import driver_dsn

T = TypeVar("T")
POSTGRES_URL_VARIABLE = "SHOWBOT_TEST_POSTGRES_URL"
BACKEND_VARIABLE = "SHOWBOT_TEST_BACKEND"
BACKENDS = ("sqlite", "postgresql")
TEMPLATE_FREE_WAIT_SECONDS = 5.0
"""How long a copy waits for the template's last connection to go: a disposed engine's
server processes end a moment after it closes them."""


def chosen_backend() -> str:
    backend = os.environ.get(BACKEND_VARIABLE, "sqlite")
    if backend not in BACKENDS:
        raise ValueError(f"{BACKEND_VARIABLE}={backend!r}: give one of {', '.join(BACKENDS)}")
    return backend


ON_POSTGRES = chosen_backend() == "postgresql"
"""The shared database fixtures hand out PostgreSQL databases (SHOWBOT_TEST_BACKEND)."""


class Template(enum.Enum):
    """What a new test database starts with."""

    EMPTY = "empty"
    MIGRATED = "migrated"
    """The newest schema, no rows: what the `database` fixture makes."""
    SEEDED = "seeded"
    """The newest schema and the built-in records: what `Application.open` makes."""


async def _migrate(url: str) -> None:
    database = Database(url)
    try:
        await database.upgrade()
    finally:
        await database.dispose()


async def _seed(url: str) -> None:
    app = await Application.open(Settings(database_url=url, _env_file=None))
    await app.close()


_BUILDERS = {Template.MIGRATED: _migrate, Template.SEEDED: _seed}


class PostgresServer:
    """Scratch databases on one server; the database named in its URL is only connected to
    create and drop them.

    Copying takes a quarter to half a second and dropping up to a second (PostgreSQL
    checkpoints), so both happen on a thread of their own: the next copy of a template is made
    while the test that took the last one runs, and a test's database is dropped while the
    next test runs.
    """

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self._admin_dsn = driver_dsn(url)
        # Several sessions (other checkouts) may share the server: unique names.
        self._prefix = f"showbot_test_{uuid.uuid4().hex[:8]}"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="postgres-scratch", daemon=True
        )
        # On the thread's loop only:
        self._templates: dict[Template, str] = {}
        self._template_lock: asyncio.Lock | None = None
        # On the tests' side:
        self._next: dict[Template, Future[str]] = {}
        self._drops: list[Future[None]] = []

    @classmethod
    def from_environment(cls) -> PostgresServer | None:
        url = os.environ.get(POSTGRES_URL_VARIABLE)
        return cls(url) if url else None

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    @asynccontextmanager
    async def scratch(self, template: Template = Template.EMPTY) -> AsyncIterator[str]:
        """A new database starting as `template` says, dropped afterwards; its URL."""
        name = await self.create(template)
        try:
            yield self.url_of(name)
        finally:
            self._drops.append(self._on_thread(self._drop(name)))

    async def create(self, template: Template) -> str:
        """The name of a new database copied from `template` (made the first time)."""
        made = self._next.pop(template, None) or self._on_thread(self._copy(template))
        name = await asyncio.wrap_future(made)
        self._next[template] = self._on_thread(self._copy(template))
        return name

    def close(self) -> None:
        """Drops what is left (copies made ahead, the templates) once the drops under way
        are done; raises what went wrong in any of them."""
        if not self._thread.is_alive():
            return
        unused = list(self._next.values())
        self._next.clear()
        try:
            self._on_thread(self._drop_the_rest(unused)).result()
            for drop in self._drops:
                drop.result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def _on_thread(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        if not self._thread.is_alive():
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    async def _copy(self, template: Template) -> str:
        source = None if template is Template.EMPTY else await self._template(template)
        name = f"{self._prefix}_{uuid.uuid4().hex[:12]}"
        await self._create(name, source)
        return name

    async def _template(self, template: Template) -> str:
        self._template_lock = self._template_lock or asyncio.Lock()
        async with self._template_lock:  # the first copies of a template are asked at once
            if template not in self._templates:
                name = f"{self._prefix}_template_{template.value}"
                await self._create(name, None)
                try:
                    await _BUILDERS[template](self.url_of(name))
                except BaseException:
                    await self._drop(name)
                    raise
                self._templates[template] = name
        return self._templates[template]

    async def _create(self, name: str, template: str | None) -> None:
        statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        admin = await asyncpg.connect(self._admin_dsn)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + TEMPLATE_FREE_WAIT_SECONDS
            while True:
                try:
                    await admin.execute(statement)
                    return
                except asyncpg.ObjectInUseError:
                    # "source database is being accessed by other users": the engine that
                    # made the template has closed its connections, the server not yet.
                    if loop.time() > deadline:
                        raise
                    await asyncio.sleep(0.02)
        finally:
            await admin.close()

    async def _drop(self, name: str) -> None:
        admin = await asyncpg.connect(self._admin_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

    async def _drop_the_rest(self, unused: list[Future[str]]) -> None:
        names = [await asyncio.wrap_future(copy) for copy in unused]
        for name in [*names, *self._templates.values()]:
            await self._drop(name)
        self._templates.clear()


POSTGRES = PostgresServer.from_environment()
"""The server at SHOWBOT_TEST_POSTGRES_URL, or None when it is not set."""


@asynccontextmanager
async def new_database(folder: Path, name: str) -> AsyncIterator[str]:
    """The URL of a database no showbot has opened yet, on the run's backend: a SQLite file
    `name` in `folder`, or an empty PostgreSQL database, dropped afterwards."""
    if not ON_POSTGRES:
        yield f"sqlite:///{folder / name}"
        return
    assert POSTGRES is not None  # the conftest refuses the run otherwise
    async with POSTGRES.scratch() as url:
        yield url
