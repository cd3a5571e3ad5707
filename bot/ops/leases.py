"""Who does what once across processes: each process's name, and the leases it takes.

A process is named by its host, process id and start time, so a lease held by a process that
died on this host can be told apart from one held by a live process elsewhere.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta

from db.engine import Database
from db.errors import DatabaseBusyError
from db.leases import Lease, lease_holder, live_leases, release_lease, take_lease
from db.models import utc_now

log = logging.getLogger(__name__)

HOST = socket.gethostname()
THIS_PROCESS = f"{HOST}:{os.getpid()}:{int(utc_now().timestamp())}"
"""This process, as leases and delivery claims name it."""

DELIVERING_ON_SQLITE = "deliver:sqlite"
DELIVERER = "deliverer:"
"""Each delivering process holds `deliverer:<its name>`: how many deliver, to share the pace."""
DELIVERY_LEASE = timedelta(seconds=60)
"""How long the SQLite delivery lease lasts unrenewed: a process that dies without letting it
go keeps another from starting this long, unless it died on the same host (then at once)."""


class SecondDelivererError(Exception):
    """Another live process delivers announcements from this SQLite database."""


def died_here(holder: str) -> bool:
    """Whether `holder` names a process of this host that is no longer running."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != HOST or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # running, as another user
    return int(pid_text) == os.getpid() and holder != THIS_PROCESS


class ClusterLeases:
    """This process's leases on one database."""

    def __init__(self, database: Database, holder: str = THIS_PROCESS) -> None:
        self.database = database
        self.holder = holder

    async def take(self, name: str, ttl: timedelta) -> bool:
        """Takes or renews a lease; False when another live process holds it (or another
        write holds SQLite's lock: the work waits for the next turn)."""
        try:
            return await self._take_now(name, ttl)
        except DatabaseBusyError:
            return False

    async def holder_of(self, name: str) -> Lease | None:
        async with self.database.session() as session:
            return await lease_holder(session, name, utc_now())

    async def live(self, prefix: str) -> int:
        """How many leases starting with `prefix` are held now."""
        async with self.database.session() as session:
            return await live_leases(session, prefix, utc_now())

    async def release(self, name: str) -> None:
        async with self.database.transaction() as session:
            await release_lease(session, name, self.holder)

    async def take_delivering(self) -> bool:
        """On SQLite one process delivers: whether this one now does. False while another
        write holds the database (an import): the caller tries again later. A live process
        already delivering makes this one refuse to start."""
        if not self.database.is_sqlite:
            return True
        try:
            if await self._take_now(DELIVERING_ON_SQLITE, DELIVERY_LEASE):
                return True
            lease = await self.holder_of(DELIVERING_ON_SQLITE)
            if lease is not None and died_here(lease.holder):
                log.warning("taking over delivery from %s, which stopped", lease.holder)
                async with self.database.transaction(wait=0) as session:
                    await release_lease(session, DELIVERING_ON_SQLITE, lease.holder)
                if await self._take_now(DELIVERING_ON_SQLITE, DELIVERY_LEASE):
                    return True
        except DatabaseBusyError:
            return False
        who = lease.holder if lease is not None else "another process"
        raise SecondDelivererError(
            f"Another showbot process ({who}) already delivers announcements from this SQLite "
            "database. Start this one with DELIVER_ANNOUNCEMENTS=false, or move to PostgreSQL "
            "(DATABASE_URL=postgresql://...), where every process may deliver."
        )

    async def _take_now(self, name: str, ttl: timedelta) -> bool:
        async with self.database.transaction(wait=0) as session:
            return await take_lease(session, name, self.holder, utc_now(), ttl)
