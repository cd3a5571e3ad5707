"""The announcement scheduler: APScheduler 3.11's AsyncIOScheduler on the bot's loop.

Its job store is the memory one: what must survive a restart is in the outbox, so the jobs
are only "look again" timers, added under fixed ids with `replace_existing`, and a second
start or a re-fired ready event replaces them instead of adding more.

With several processes, every delivering process runs the relay (the rows are claimed one by
one, see `db.outbox.claim_due`), but the planning of reminders and digests and the other
periodic jobs (the news feeds' poll) run in one process at a time: the one holding the job's
lease, which it renews at each run and which another process takes over when it expires.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import SQLAlchemyError

from bot.announcements.planner import SchedulePlanner
from bot.announcements.relay import AnnouncementRelay, finish_or_cancel
from bot.ops.leases import DELIVERER, DELIVERY_LEASE, ClusterLeases, SecondDelivererError
from db.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

RELAY_JOB = "announcements:relay"
NEXT_DUE_JOB = "announcements:next-due"
PLAN_JOB = "announcements:plan"
DELIVERY_LEASE_JOB = "announcements:delivery-lease"
DELIVERER_CHECK_SECONDS = 5.0
"""How often a delivering process renews its leases and counts the others to share the pace
with: a process starting beside another posts over its share for at most this long."""
PLAN_SECONDS = 60.0
PLAN_INTERVAL = timedelta(seconds=PLAN_SECONDS)
PLAN_LEASE = "job:announcements:plan"
JOB_LEASE_INTERVALS = 1.5
"""A job's lease lasts this many of its intervals: its holder renews it at each run, and
another process takes the job over within one and a half intervals of the holder's death."""


class AnnouncementScheduler:
    def __init__(
        self,
        relay: AnnouncementRelay,
        planner: SchedulePlanner,
        *,
        poll_seconds: float,
        leases: ClusterLeases,
    ) -> None:
        self.relay = relay
        self.leases = leases
        self.planner = planner
        self.poll_seconds = poll_seconds
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        )
        self._woken: set[asyncio.Task[None]] = set()
        self.delivering = False
        """Whether this process posts now (see `start`)."""

    def start(self, *, delivering: bool = True) -> None:
        """Starts the scheduler (once) and sets its jobs (replacing any of the same id).
        Not `delivering` yet (SQLite, while an import holds the database): the jobs run but
        post nothing until the delivery lease is had."""
        self.delivering = delivering
        if not self.scheduler.running:
            self.scheduler.start()
        now = datetime.now(UTC)
        self.scheduler.add_job(
            self.relay_pass,
            "interval",
            seconds=self.poll_seconds,
            id=RELAY_JOB,
            replace_existing=True,
            next_run_time=now,  # what fell due while the bot was down goes out at once
            # A long fan-out outlasts the interval: the next run finds the pass under way
            # and returns (asking it to look again), where APScheduler would log a skip.
            max_instances=2,
        )
        self.scheduler.add_job(
            self.plan,
            "interval",
            seconds=PLAN_SECONDS,
            id=PLAN_JOB,
            replace_existing=True,
            next_run_time=now,
        )
        self.scheduler.add_job(
            self.keep_delivering,
            "interval",
            seconds=DELIVERER_CHECK_SECONDS,
            id=DELIVERY_LEASE_JOB,
            replace_existing=True,
            next_run_time=now,
        )

    def every(self, job_id: str, minutes: float, work: Callable[[], Awaitable[None]]) -> None:
        """Another periodic job on this scheduler (the news feeds' poll), run at once and then
        every `minutes`; shutting down waits for it as for the relay."""

        ttl = timedelta(minutes=minutes) * JOB_LEASE_INTERVALS

        async def tracked() -> None:
            self._track_current()
            if await self.leases.take(f"job:{job_id}", ttl):
                await work()

        self.scheduler.add_job(
            tracked,
            "interval",
            minutes=minutes,
            id=job_id,
            replace_existing=True,
            next_run_time=datetime.now(UTC),
        )

    def wake(self) -> None:
        """News now: deliver what is due at once, and set the timer for what is embargoed."""
        if not self.delivering:
            return
        task = asyncio.get_running_loop().create_task(self.relay_pass(), name="announcements")
        self._woken.add(task)
        task.add_done_callback(self._woken.discard)

    def _track_current(self) -> None:
        """Keeps the running job's task, so that shutting down waits for it to stop: a job
        still at work when the database closes would fail with a traceback."""
        task = asyncio.current_task()
        if task is not None and task not in self._woken:
            self._woken.add(task)
            task.add_done_callback(self._woken.discard)

    def job_ids(self) -> list[str]:
        return sorted(job.id for job in self.scheduler.get_jobs())

    async def shutdown(self) -> None:
        """Stops the jobs: the relay finishes the post in hand (so that it is marked sent),
        anything still at work after a few seconds is cancelled."""
        self.relay.stopping = True
        if self.scheduler.running:
            self.scheduler.pause()
        await finish_or_cancel(self._woken)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.relay.stop()

    async def relay_pass(self) -> None:
        self._track_current()
        if not self.delivering:
            return
        try:
            await self.relay.run_due()
            upcoming = await self.relay.next_due()
        except (SQLAlchemyError, DatabaseUnavailableError) as error:
            log.warning("could not deliver announcements now: %s", error)
            return
        if upcoming is not None and upcoming > datetime.now(UTC):
            # An embargoed row goes out at its time, not at the next poll.
            self.scheduler.add_job(
                self.wake_relay,
                "date",
                run_date=upcoming + timedelta(milliseconds=50),
                id=NEXT_DUE_JOB,
                replace_existing=True,
            )

    async def wake_relay(self) -> None:
        # A coroutine on purpose: APScheduler runs plain functions in a thread pool.
        if self.delivering:
            self.relay.wake()

    async def keep_delivering(self) -> None:
        """Says this process delivers, and shares the pace with the others that do (their
        leases); on SQLite takes, then renews, the one process's lease on delivering. While
        another write holds a SQLite file no lease can be renewed, nor taken by anyone else:
        things stay as they are until the next try."""
        self._track_current()  # waited for at shutdown, as it may be waiting on a busy file
        try:
            taken = await self.leases.take_delivering()
            if self.delivering or taken:
                await self.leases.take(DELIVERER + self.leases.holder, DELIVERY_LEASE)
                self.relay.share_pace(await self.leases.live(DELIVERER))
        except SecondDelivererError as error:
            log.error("%s", error)
            self.delivering = False
            return
        except (SQLAlchemyError, DatabaseUnavailableError) as error:
            log.warning("could not renew the delivery lease: %s", error)
            return
        if taken and not self.delivering:
            log.info("the database is free: delivering announcements now")
            self.delivering = True
            self.relay.wake()

    async def plan(self) -> None:
        self._track_current()
        try:
            if not await self.leases.take(PLAN_LEASE, PLAN_INTERVAL * JOB_LEASE_INTERVALS):
                return  # another process plans
            planned = await self.planner.plan()
        except (SQLAlchemyError, DatabaseUnavailableError) as error:
            log.warning("could not plan reminders and digests now: %s", error)
            return
        if planned:
            log.info("planned %d reminders and digests", planned)
            if self.delivering:
                self.relay.wake()
