"""Following the catalogue's change log, so that an edit made by any process reaches this
process's title index within seconds.

The follower looks at the log whenever it is woken (PostgreSQL NOTIFYs every committed change
to every listening process; this process's own writes wake it too) and otherwise every
`interval` seconds, the only way on SQLite. Whatever goes wrong in one look is logged and the
next look tries again: following never stops while the bot runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue.service import Catalogue
from db.changes import NOTIFY_CHANNEL, prune_changes
from db.errors import DatabaseBusyError, DatabaseUnavailableError
from db.models import utc_now
from db.notifications import ChangeListener

log = logging.getLogger(__name__)

CHANGE_LOG_KEPT = timedelta(days=7)
"""How long the log keeps a change. A process that has not looked for longer reloads its
index whole instead (see `Catalogue.catch_up`)."""
PRUNE_EVERY_SECONDS = 3600.0
FAILURE_BACKOFF_SECONDS = (1.0, 5.0, 30.0)


class CatalogueFollower:
    """Keeps one process's title index in step with every process's writes."""

    def __init__(
        self,
        catalogue: Catalogue,
        interval: float,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.on_change = on_change
        """Told when a look took changes in: a status change recorded by another process has
        announcements waiting, which a delivering process then posts at once."""
        self.interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._look: asyncio.Task[int] | None = None
        self._pruned_at = 0.0
        database = catalogue.database
        self.listener = (
            None if database.is_sqlite else ChangeListener(database.url, NOTIFY_CHANNEL, self.wake)
        )

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is not None:
            return
        if self.listener is not None:
            self.listener.start()
        self._task = asyncio.create_task(self._run(), name="follow catalogue")

    async def stop(self) -> None:
        if self.listener is not None:
            await self.listener.stop()
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        # A look cut off mid-query would leave its connection unreturned: it ends first.
        if self._look is not None and not self._look.done():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._look), 5)

    async def _run(self) -> None:
        failures = 0
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
            if await self._look_once():
                failures = 0
                continue
            failures += 1
            await asyncio.sleep(FAILURE_BACKOFF_SECONDS[min(failures, 3) - 1])

    async def _look_once(self) -> bool:
        """One look at the log (and, once an hour, forgetting its old part); whether it went."""
        self._look = asyncio.create_task(self.catalogue.catch_up())
        try:
            changed = await asyncio.shield(self._look)
            if changed:
                log.info("took in changes to %d shows", changed)
                if self.on_change is not None:
                    self.on_change()
            await self._prune_now_and_then()
        except (SQLAlchemyError, DatabaseUnavailableError, OSError) as error:
            log.warning("could not look for catalogue changes: %s", error)
            return False
        except Exception:
            # A bug in taking a change in must not stop following for good: the next look
            # tries again, and the log says what happened.
            log.exception("taking in catalogue changes failed")
            return False
        return True

    async def _prune_now_and_then(self) -> None:
        if time.monotonic() - self._pruned_at < PRUNE_EVERY_SECONDS:
            return
        self._pruned_at = time.monotonic()
        try:
            async with self.catalogue.database.transaction(wait=0) as session:
                pruned = await prune_changes(session, utc_now() - CHANGE_LOG_KEPT)
        except DatabaseBusyError:
            return  # an import holds the write lock: another hour
        if pruned:
            log.info("forgot %d catalogue changes older than %s", pruned, CHANGE_LOG_KEPT)
