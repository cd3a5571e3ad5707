"""PostgreSQL's LISTEN/NOTIFY, for waking a process the moment another one commits a change.

The listener keeps one connection of its own (outside the pool: a LISTEN lasts as long as its
connection) and calls back on each notification. When the connection drops it connects again,
waiting longer after each failure; what was notified meanwhile is not lost, only late, since
followers also look on a timer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

RECONNECT_SECONDS = (1.0, 2.0, 5.0, 15.0, 30.0)


def driver_dsn(url: str) -> str:
    """The asyncpg DSN of a SQLAlchemy PostgreSQL URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ChangeListener:
    """LISTENs on a channel and calls `on_notify` for every notification."""

    def __init__(self, url: str, channel: str, on_notify: Callable[[], None]) -> None:
        self.dsn = driver_dsn(url)
        self.channel = channel
        self.on_notify = on_notify
        self.listening = asyncio.Event()
        """Set while the LISTEN stands (tests wait for it before writing)."""
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"listen:{self.channel}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                await self._listen_until_lost()
                failures = 0
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("cannot LISTEN for catalogue changes: %s", error)
                failures += 1
            self.listening.clear()
            # A connection just lost may mean missed notifications: followers look now.
            self.on_notify()
            await asyncio.sleep(RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)])

    async def _listen_until_lost(self) -> None:
        connection = await asyncpg.connect(self.dsn)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            await connection.add_listener(self.channel, lambda *_: self.on_notify())
            self.listening.set()
            await lost.wait()
            log.warning("the LISTEN connection for catalogue changes was lost; reconnecting")
        finally:
            with contextlib.suppress(OSError, asyncpg.PostgresError, asyncio.CancelledError):
                await asyncio.shield(connection.close(timeout=2))
