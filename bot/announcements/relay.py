"""The relay: posts the outbox's due deliveries, each once.

A pass takes the due rows, oldest first, and posts them through a courier (the Discord
adapter's) with a few at a time in flight, paced under the global rate limit. Each row is
marked sent, with its message id, in its own transaction the moment Discord answers, and each
channel post carries a nonce made from the row that Discord enforces: a process killed
between the post and the mark posts the same row again on its next start, and Discord answers
with the message it already has instead of a second one.

What went wrong decides what comes next: a channel that is gone or forbidden (404, 403)
pauses its subscriptions after that one attempt and tells the guild once; a person whose DMs
are closed has their follows paused; rate limits and server errors are tried again later,
with backoff; a message Discord refuses outright is given up and logged. A row that fell due
longer ago than the catch-up window is not posted on its own: it is folded, with the others
of its channel, into one "while I was away" summary.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.announcements.catch_up import fold_stale
from bot.announcements.messages import Dispatch
from bot.announcements.rendering import DispatchReader, NothingToSay
from bot.ops.leases import THIS_PROCESS, died_here
from bot.ops.metrics import DELIVERIES
from db.announcement_tables import Delivery, DeliveryKind, DeliveryState, Subscription
from db.engine import Database
from db.models import utc_now
from db.outbox import (
    add_deliveries,
    claim_due,
    claim_holders,
    due_deliveries,
    mark_sent,
    next_due,
    release_claims,
    set_delivery,
)
from db.subscriptions import note_delivery, pause_channel, pause_follows

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 30.0
LONGEST_BACKOFF = timedelta(hours=1)
BATCH = 500
IN_FLIGHT = 8
CLAIM_LEASE = timedelta(minutes=2)
"""How long a pass's claim on its rows lasts: other processes leave them alone meanwhile, and
take them over after it when this process died."""
CLAIM_MARGIN = timedelta(seconds=30)
"""A row is not started this close to the end of its claim (another process may take it
then); it is given back instead."""
NONCE_LENGTH = 25


class DeliveryProblem(Exception):
    """Why a message did not go out."""


class Unreachable(DeliveryProblem):
    """The channel is gone or forbidden, or the person's DMs are closed: asking again will
    not help (and costs the bot standing with Discord)."""


class TryLater(DeliveryProblem):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class Refused(DeliveryProblem):
    """Discord refused the message itself: a bug to log, not to retry."""


class Courier(Protocol):
    """Posts for the relay; the Discord adapter is the real one."""

    async def post(self, channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        """Posts in a channel; returns the message id."""
        ...

    async def direct(self, user_id: int, dispatch: Dispatch) -> int:
        """Sends a direct message; returns the message id."""
        ...

    def fallback_channel(self, guild_id: int) -> int | None:
        """Where to tell a guild something when its subscriber cannot be reached."""
        ...

    async def edit(
        self, channel_id: int | None, user_id: int | None, message_id: int, dispatch: Dispatch
    ) -> int:
        """Edits a message posted before, in a channel or a person's DMs; returns its id."""
        ...


STOP_WAIT_SECONDS = 5.0


async def finish_or_cancel(tasks: set[asyncio.Task[Any]], wait: float = STOP_WAIT_SECONDS) -> None:
    """Lets running work end by itself (a post in hand is then marked sent, and no database
    connection is left checked out), cancelling what is still at it after `wait` seconds."""
    running = [task for task in tasks if not task.done()]
    if not running:
        return
    _, late = await asyncio.wait(running, timeout=wait)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)


def nonce_for(delivery: Delivery) -> str:
    """At most 25 characters, the same on every try of this row and no other row's."""
    seed = f"{delivery.key}|{delivery.created_at.isoformat()}".encode()
    return "sb" + hashlib.sha256(seed).hexdigest()[: NONCE_LENGTH - 2]


class Pacer:
    """At most `rate` requests in any second, evenly spaced, across every worker.

    Requests are counted when they leave, not when they were given a turn: a stall of the
    event loop cannot then let the delayed ones out in one burst over the limit.
    """

    def __init__(self, rate: float) -> None:
        self.capacity = max(1, int(rate))
        # A little under 1/rate: sleeps wake late, and the window rule holds the rate anyway.
        self.gap = 0.8 / rate
        self._sent: deque[float] = deque(maxlen=self.capacity)

    def _wait(self, now: float) -> float:
        """How long a request must wait from `now`; 0 when it may go."""
        if not self._sent:
            return 0.0
        wait = self._sent[-1] + self.gap - now
        if len(self._sent) == self.capacity:
            wait = max(wait, self._sent[0] + 1.0 - now)
        return max(wait, 0.0)

    async def take(self, requests: int = 1) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(requests):
            while True:
                wait = self._wait(loop.time())
                if wait <= 0:
                    self._sent.append(loop.time())  # no await since the check: no one slips in
                    break
                await asyncio.sleep(wait)


class AnnouncementRelay:
    def __init__(
        self,
        database: Database,
        courier: Courier,
        *,
        rate: float,
        catch_up: timedelta,
        clock: Callable[[], datetime] = utc_now,
        holder: str = THIS_PROCESS,
    ) -> None:
        self.database = database
        self.holder = holder
        """This process, as its claims on rows name it."""
        self.courier = courier
        self.rate = rate
        """Posts a second for the whole bot, shared by the processes delivering."""
        self.pacer = Pacer(rate)
        self.sharing = 1
        """How many processes deliver, this one included."""
        self.catch_up = catch_up
        self.clock = clock
        self.reader = DispatchReader(database)
        self._running = False
        self._again = False
        self.stopping = False
        """Set when the bot closes: the relay ends its pass after the posts in hand."""
        self._woken: set[asyncio.Task[int]] = set()
        self._dead_released = False
        self._paused_now: set[tuple[int | None, int | None]] = set()
        """Channels and people paused during this batch: their other rows in it are not tried
        (the pause already held them back in the database)."""

    def share_pace(self, processes: int) -> None:
        """Keeps this process to its share of the bot's pace: Discord's limit is the bot's,
        whichever process sends."""
        processes = max(processes, 1)
        if processes != self.sharing:
            self.sharing = processes
            rate = self.rate / processes
            log.info("posting at %.1f a second, %d process(es) delivering", rate, processes)
            self.pacer = Pacer(rate)

    def wake(self) -> None:
        """Posts what is due now, without waiting for the next interval."""
        if self.stopping:
            return
        if self._running:
            self._again = True
            return
        task = asyncio.get_running_loop().create_task(self.run_due(), name="announcement-relay")
        self._woken.add(task)
        task.add_done_callback(self._woken.discard)

    async def run_due(self) -> int:
        """Posts every due row; returns how many went out. One pass at a time."""
        if self._running or self.stopping:
            self._again = True
            return 0
        self._running = True
        sent = 0
        try:
            if not self._dead_released:
                await self._release_the_dead()
            while True:
                self._again = False
                await fold_stale(self.database, self.clock(), self.catch_up, self.holder)
                rows, done = await self._one_batch()
                sent += done
                if (rows < BATCH and not self._again) or self.stopping:
                    return sent
        finally:
            self._running = False

    async def _release_the_dead(self) -> None:
        """Gives back at once the rows claimed by a process of this host that died (this
        process's predecessor, killed mid-pass): waiting out its claims would hold its rows
        back for minutes. A process elsewhere cannot be checked: its claims run out."""
        async with self.database.session() as session:
            holders = await claim_holders(session, self.clock())
        dead = [holder for holder in holders if died_here(holder)]
        if dead:
            async with self.database.transaction() as session:
                for holder in dead:
                    await release_claims(session, holder)
            log.info("took back the deliveries claimed by %s, which stopped", ", ".join(dead))
        self._dead_released = True

    async def next_due(self) -> datetime | None:
        async with self.database.session() as session:
            return await next_due(session)

    async def stop(self) -> None:
        """Ends the passes woken outside the scheduler, as the scheduler ends its own."""
        self.stopping = True
        await finish_or_cancel(self._woken)

    async def _one_batch(self) -> tuple[int, int]:
        now = self.clock()
        async with self.database.session() as session:
            if not await due_deliveries(session, now, 1):
                return 0, 0  # an idle pass only reads: no write lock taken every poll
        async with self.database.transaction() as session:
            due = await claim_due(session, self.holder, now, now + CLAIM_LEASE, BATCH)
        if not due:
            return 0, 0
        try:
            return len(due), await self._post_batch(due)
        finally:
            async with self.database.transaction() as session:
                await release_claims(session, self.holder, [row.id for row in due if row.id])

    async def _post_batch(self, due: list[Delivery]) -> int:
        self._paused_now.clear()
        # A channel's (or person's) rows go one after another, in order, by one worker: the
        # first 403 is then the only one, and news is posted in the order it happened.
        by_target: dict[tuple[int | None, int | None], list[Delivery]] = {}
        for row in due:
            by_target.setdefault((row.channel_id, row.user_id), []).append(row)
        queue: asyncio.Queue[list[Delivery]] = asyncio.Queue()
        for rows in by_target.values():
            queue.put_nowait(rows)
        workers = min(IN_FLIGHT, len(by_target))
        results = await asyncio.gather(*(self._worker(queue) for _ in range(workers)))
        return sum(results)

    async def _worker(self, queue: asyncio.Queue[list[Delivery]]) -> int:
        sent = 0
        while not queue.empty() and not self.stopping:
            for row in queue.get_nowait():
                if self.stopping or (row.channel_id, row.user_id) in self._paused_now:
                    break
                if row.claimed_until is None or self.clock() > row.claimed_until - CLAIM_MARGIN:
                    break  # the claim runs out: another process may take the row now
                sent += await self._deliver(row)
        return sent

    async def _deliver(self, row: Delivery) -> int:
        assert row.id is not None
        try:
            dispatch = await self.reader.read(row)
        except NothingToSay as quiet:
            await self._mark(row, state=DeliveryState.EXPIRED, last_error=str(quiet)[:500])
            DELIVERIES.labels(outcome="skipped").inc()
            return 0
        try:
            message_id = await self._send(row, dispatch)
        except Unreachable as problem:
            if row.kind is DeliveryKind.CORRECTION:
                # The message is gone or out of reach: nothing is left to correct, and the
                # channel is not to be paused for it.
                await self._mark(row, state=DeliveryState.FAILED, last_error=str(problem)[:500])
                DELIVERIES.labels(outcome="failed").inc()
                return 0
            await self._unreachable(row, str(problem))
            return 0
        except TryLater as problem:
            await self._retry(row, str(problem), problem.after)
            return 0
        except Refused as problem:
            log.error("Discord refused delivery %s (%s): %s", row.id, row.key, problem)
            await self._mark(row, state=DeliveryState.FAILED, last_error=str(problem)[:500])
            DELIVERIES.labels(outcome="failed").inc()
            return 0
        now = self.clock()
        async with self.database.transaction() as session:
            late_correction = await mark_sent(session, row, message_id, now)
            if row.subscription_id is not None:
                await note_delivery(session, row.subscription_id, now)
        DELIVERIES.labels(outcome="sent").inc()
        if late_correction is not None:
            log.info("delivery %s went out as its news was withdrawn: correcting it", row.key)
            self._again = True
        return 1

    async def _send(self, row: Delivery, dispatch: Dispatch) -> int:
        if row.kind is DeliveryKind.NOTICE:
            return await self._notify(row, dispatch)
        if row.kind is DeliveryKind.CORRECTION:
            await self.pacer.take(1 if row.channel_id is not None else 2)
            message_id = int(row.details["message_id"])
            return await self.courier.edit(row.channel_id, row.user_id, message_id, dispatch)
        if row.channel_id is not None:
            await self.pacer.take()
            return await self.courier.post(row.channel_id, dispatch, nonce_for(row))
        assert row.user_id is not None
        await self.pacer.take(2)  # opening the DM channel is a request too
        return await self.courier.direct(row.user_id, dispatch)

    async def _notify(self, row: Delivery, dispatch: Dispatch) -> int:
        """A pause notice: to the person who subscribed, else the guild's system channel."""
        if row.user_id is not None:
            try:
                await self.pacer.take(2)
                return await self.courier.direct(row.user_id, dispatch)
            except Unreachable:
                log.info("could not DM the subscriber %s; trying the guild", row.user_id)
        channel = self.courier.fallback_channel(row.guild_id) if row.guild_id else None
        if channel is None:
            raise Refused("no subscriber to DM and no system channel to tell")
        await self.pacer.take()
        return await self.courier.post(channel, dispatch, nonce_for(row))

    async def _unreachable(self, row: Delivery, reason: str) -> None:
        """Pauses what cannot be reached, after this one attempt; a notice that cannot be
        delivered is given up (there is no one left to tell)."""
        assert row.id is not None
        now = self.clock()
        notice = row.kind is DeliveryKind.NOTICE
        async with self.database.transaction() as session:
            await set_delivery(
                session,
                row.id,
                state=DeliveryState.FAILED if notice else DeliveryState.PAUSED,
                attempts=row.attempts + 1,
                last_error=reason[:500],
            )
            if notice:
                log.error("could not tell guild %s of a paused channel: %s", row.guild_id, reason)
            else:
                self._paused_now.add((row.channel_id, row.user_id))
            if not notice and row.channel_id is not None:
                paused = await pause_channel(session, row.channel_id, reason, now)
                if paused:  # newly paused: the guild is told once
                    await add_deliveries(session, [_notice(paused[0], row.channel_id, reason, now)])
            elif not notice and row.user_id is not None:
                await pause_follows(session, row.user_id, now)
        DELIVERIES.labels(outcome="failed" if notice else "paused").inc()
        log.warning("delivery %s paused: %s", row.key, reason)
        if row.channel_id is not None and not notice:
            self.wake()  # the notice

    async def _retry(self, row: Delivery, reason: str, after: float | None) -> None:
        attempts = row.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            log.error("delivery %s given up after %d tries: %s", row.key, attempts, reason)
            await self._mark(
                row, state=DeliveryState.FAILED, attempts=attempts, last_error=reason[:500]
            )
            DELIVERIES.labels(outcome="failed").inc()
            return
        backoff = timedelta(seconds=BACKOFF_SECONDS * 2 ** (attempts - 1))
        wait = timedelta(seconds=after) if after is not None else min(backoff, LONGEST_BACKOFF)
        log.warning("delivery %s will be tried again in %s: %s", row.key, wait, reason)
        await self._mark(
            row, attempts=attempts, next_try_at=self.clock() + wait, last_error=reason[:500]
        )
        DELIVERIES.labels(outcome="retried").inc()

    async def _mark(self, row: Delivery, **values: object) -> None:
        assert row.id is not None
        async with self.database.transaction() as session:
            await set_delivery(session, row.id, **values)


def _notice(subscription: Subscription, channel_id: int, reason: str, now: datetime) -> Delivery:
    """A word to the guild about its paused channel: to the person who subscribed it (else
    the guild's system channel), once per pause."""
    return Delivery(
        key=f"notice:{subscription.id}:{int(now.timestamp())}",
        kind=DeliveryKind.NOTICE,
        guild_id=subscription.guild_id,
        user_id=subscription.created_by,
        details={"channel_id": channel_id, "reason": reason[:300]},
        due_at=now,
    )


__all__ = [
    "AnnouncementRelay",
    "Courier",
    "Refused",
    "TryLater",
    "Unreachable",
    "nonce_for",
]
