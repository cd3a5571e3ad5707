"""After downtime: news that fell due longer ago than the catch-up window is not posted one
message at a time (a burst nobody wants) nor dropped (news lost): each channel or person gets
one "while I was away" summary of it. Reminders and digests that old are past their use and
are dropped."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.messages import headline
from db.announcement_tables import Delivery, DeliveryKind
from db.engine import Database
from db.leases import release_lease, take_lease
from db.outbox import add_deliveries, delivery_by_key, fold_into, stale_deliveries, status_change

log = logging.getLogger(__name__)

_NEWS = (DeliveryKind.ANNOUNCEMENT, DeliveryKind.FOLLOW)


FOLDING_LEASE = "job:fold-stale"


async def fold_stale(database: Database, now: datetime, window: timedelta, holder: str) -> int:
    """Folds what is staler than `window` into summaries; returns how many rows it folded.
    One process at a time folds (`holder`, under a lease), so that two delivering processes
    starting together write one summary a channel, whole."""
    async with database.session() as session:
        if not await stale_deliveries(session, now - window):
            return 0
    async with database.transaction() as session:
        if not await take_lease(session, FOLDING_LEASE, holder, now, timedelta(minutes=1)):
            return 0
        stale = await stale_deliveries(session, now - window)
        folded = await _fold(session, stale, now)
        await release_lease(session, FOLDING_LEASE, holder)
    log.info("folded %d late deliveries into %d summaries", len(stale), folded)
    return len(stale)


async def _fold(session: AsyncSession, stale: list[Delivery], now: datetime) -> int:
    """Writes the summaries of these rows; how many."""
    targets: dict[tuple[int | None, int | None], list[Delivery]] = defaultdict(list)
    expired: list[int] = []
    for row in stale:
        assert row.id is not None
        if row.kind in _NEWS:
            targets[(row.channel_id, None if row.channel_id else row.user_id)].append(row)
        else:
            expired.append(row.id)
    if expired:
        await fold_into(session, expired, None)
    told: dict[int, str | None] = {}  # a fan-out's rows share one change: read it once
    for (channel_id, user_id), rows in targets.items():
        headlines: list[str] = []
        for row in rows:
            change_id = row.status_change_id or 0
            if change_id not in told:
                found = await status_change(session, change_id)
                told[change_id] = headline(found[0], found[1]) if found else None
            line = told[change_id]
            if line is not None:
                headlines.append(line)
        key = f"summary:{channel_id or 'user'}:{user_id or ''}:{rows[0].id}"
        summary = Delivery(
            key=key,
            kind=DeliveryKind.SUMMARY,
            guild_id=rows[0].guild_id,
            channel_id=channel_id,
            user_id=user_id,
            details={"headlines": headlines, "since": rows[0].due_at.date().isoformat()},
            due_at=now,
        )
        await add_deliveries(session, [summary])
        stored = await delivery_by_key(session, key)
        assert stored is not None
        await fold_into(session, [row.id for row in rows if row.id is not None], stored.id)
    return len(targets)
