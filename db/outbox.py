"""The outbox: status changes recorded with the deliveries they cause, and the deliveries'
progress (due, sent, retried, folded into a summary, paused, failed).

Rows are added with the database's "insert unless the key exists" (ON CONFLICT DO NOTHING on
both backends), so adding the same news twice, from a retry, a restart or another process,
adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.announcement_tables import Delivery, DeliveryKind, DeliveryState
from db.catalogue.sources import stored_source
from db.models import Season, Show, Source, StatusChange
from db.queries import dialect_insert, load_show
from db.types import UTCDateTime
from db.vocabulary import ShowStatus

INSERT_CHUNK = 400
"""Rows per INSERT: SQLite allows 32,766 bound values a statement, and a row binds ~20."""


async def add_deliveries(session: AsyncSession, rows: Sequence[Delivery]) -> int:
    """Adds the rows whose key is not taken; returns how many were added."""
    if not rows:
        return 0
    insert = dialect_insert(session)
    added = 0
    for start in range(0, len(rows), INSERT_CHUNK):
        values = [_row_values(row) for row in rows[start : start + INSERT_CHUNK]]
        statement = insert(Delivery).values(values).on_conflict_do_nothing(index_elements=["key"])
        result = await session.exec(statement)
        added += result.rowcount
    return added


def _row_values(row: Delivery) -> dict[str, Any]:
    values = row.model_dump(exclude={"id"})
    values["kind"] = DeliveryKind(values["kind"])
    values["state"] = DeliveryState(values["state"])
    return values


def _due(now: datetime) -> tuple[Any, ...]:
    return (
        col(Delivery.state) == DeliveryState.PENDING,
        Delivery.due_at <= now,
        or_(col(Delivery.next_try_at).is_(None), col(Delivery.next_try_at) <= now),
    )


async def due_deliveries(session: AsyncSession, now: datetime, limit: int) -> list[Delivery]:
    """Pending rows whose time has come (and whose retry, if any, is due), oldest first."""
    query = (
        select(Delivery)
        .where(*_due(now))
        .order_by(col(Delivery.due_at), col(Delivery.id))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def claim_due(
    session: AsyncSession, holder: str, now: datetime, until: datetime, limit: int
) -> list[Delivery]:
    """Claims for `holder`, until `until`, the due rows no other process holds a claim on,
    oldest first. On PostgreSQL rows another transaction is claiming are skipped, not waited
    for (FOR UPDATE SKIP LOCKED), so processes claiming at once share the rows out; a claim
    outlives its process by at most its lease."""
    free = or_(
        col(Delivery.claimed_until).is_(None),
        col(Delivery.claimed_until) < now,
        col(Delivery.claimed_by) == holder,
    )
    query = (
        select(Delivery.id)
        .where(*_due(now), free)
        .order_by(col(Delivery.due_at), col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = [row_id for row_id in (await session.exec(query)).all() if row_id is not None]
    if not ids:
        return []
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id).in_(ids))
        .values(claimed_by=holder, claimed_until=until)
    )
    rows = await session.exec(
        select(Delivery)
        .where(col(Delivery.id).in_(ids))
        .order_by(col(Delivery.due_at), col(Delivery.id))
        .execution_options(populate_existing=True)
    )
    return list(rows.all())


async def outbox_depth(session: AsyncSession, now: datetime) -> tuple[int, datetime | None]:
    """How many deliveries are due and unsent, and when the oldest of them fell due."""
    query = select(func.count(), func.min(Delivery.due_at, type_=UTCDateTime())).where(*_due(now))
    count, oldest = (await session.exec(query)).one()
    return count, oldest


async def claim_holders(session: AsyncSession, now: datetime) -> list[str]:
    """The processes holding claims that have not run out."""
    query = select(Delivery.claimed_by).where(col(Delivery.claimed_until) >= now).distinct()
    return [holder for holder in (await session.exec(query)).all() if holder is not None]


async def release_claims(
    session: AsyncSession, holder: str, delivery_ids: Sequence[int] | None = None
) -> None:
    """Gives back rows claimed and not posted (a pass cut short; all of them for a process
    that died), for any process to take."""
    query = update(Delivery).where(col(Delivery.claimed_by) == holder)
    if delivery_ids is not None:
        query = query.where(col(Delivery.id).in_(list(delivery_ids)))
    await session.exec(query.values(claimed_by=None, claimed_until=None))


async def next_due(session: AsyncSession) -> datetime | None:
    """When the next pending row falls due (or is to be tried again)."""
    soonest = func.min(func.coalesce(Delivery.next_try_at, Delivery.due_at), type_=UTCDateTime())
    query = select(soonest).where(Delivery.state == DeliveryState.PENDING)
    value: datetime | None = (await session.exec(query)).one()
    return value


FOLDABLE = (
    DeliveryKind.ANNOUNCEMENT,
    DeliveryKind.FOLLOW,
    DeliveryKind.REMINDER,
    DeliveryKind.DIGEST,
)
"""What a long absence makes stale; summaries and notices are sent however late."""


async def stale_deliveries(session: AsyncSession, before: datetime) -> list[Delivery]:
    query = (
        select(Delivery)
        .where(
            col(Delivery.state) == DeliveryState.PENDING,
            Delivery.due_at < before,
            col(Delivery.kind).in_(FOLDABLE),
        )
        .order_by(col(Delivery.due_at), col(Delivery.id))
    )
    return list((await session.exec(query)).all())


async def set_delivery(session: AsyncSession, delivery_id: int, **values: Any) -> None:
    await session.exec(update(Delivery).where(col(Delivery.id) == delivery_id).values(**values))


async def fold_into(
    session: AsyncSession, delivery_ids: Sequence[int], summary_id: int | None
) -> None:
    """Marks rows as told by a summary (None: expired, told by nothing)."""
    state = DeliveryState.FOLDED if summary_id is not None else DeliveryState.EXPIRED
    await session.exec(
        update(Delivery)
        .where(
            col(Delivery.id).in_(list(delivery_ids)), col(Delivery.state) == DeliveryState.PENDING
        )
        .values(state=state, summary_id=summary_id)
    )


async def delivery_by_key(session: AsyncSession, key: str) -> Delivery | None:
    return (await session.exec(select(Delivery).where(Delivery.key == key))).first()


async def delivery_counts(session: AsyncSession) -> dict[DeliveryState, int]:
    query = select(Delivery.state, func.count()).group_by(Delivery.state)
    return {DeliveryState(state): count for state, count in (await session.exec(query)).all()}


# -- status changes ------------------------------------------------------------------------


async def source_for_url(session: AsyncSession, url: str) -> Source:
    """The source an editor names by its address, made on first use."""
    return await stored_source(session, url, title=url, url=url)


async def record_status(
    session: AsyncSession,
    show: Show,
    *,
    status: ShowStatus,
    effective_date: date | None,
    seasons_ordered: int | None,
    note: str | None,
    source: Source | None,
    season_count: int | None,
) -> StatusChange:
    """Sets the show's status and appends the decision to its history."""
    change = StatusChange(
        show_id=show.id,
        old_status=show.status,
        new_status=status,
        effective_date=effective_date,
        seasons_ordered=seasons_ordered,
        note=note,
        source_id=source.id if source else None,
    )
    show.status = status
    show.status_date = effective_date
    if season_count is not None:
        show.season_count = season_count
    show.updated_at = change.recorded_at
    session.add(show)
    session.add(change)
    await session.flush()
    return change


async def status_change(
    session: AsyncSession, change_id: int
) -> tuple[StatusChange, Show, Source | None] | None:
    """A decision with its whole show (as answers read it) and its source."""
    query = (
        select(StatusChange, Source)
        .join(Source, col(Source.id) == StatusChange.source_id, isouter=True)
        .where(StatusChange.id == change_id)
    )
    row = (await session.exec(query)).first()
    if row is None or row[0].show_id is None:
        return None
    show = await load_show(session, row[0].show_id)
    return (row[0], show, row[1]) if show is not None else None


async def changes_recorded_between(
    session: AsyncSession, start: datetime, end: datetime
) -> list[tuple[StatusChange, Show]]:
    """Decisions recorded in the window, oldest first: what a weekly digest tells."""
    query = (
        select(StatusChange, Show)
        .join(Show, col(Show.id) == StatusChange.show_id)
        .where(StatusChange.recorded_at >= start, StatusChange.recorded_at < end)
        .order_by(col(StatusChange.recorded_at), col(StatusChange.id))
    )
    return [(change, show) for change, show in (await session.exec(query)).all()]


async def premieres_between(
    session: AsyncSession, first: date, last: date
) -> list[tuple[Show, int | None, date]]:
    """Shows and seasons that premiere on a day in [first, last]: (show, season, day)."""
    shows = await session.exec(
        select(Show).where(col(Show.premiere_date) >= first, col(Show.premiere_date) <= last)
    )
    found: list[tuple[Show, int | None, date]] = [
        (show, None, show.premiere_date) for show in shows.all() if show.premiere_date
    ]
    seasons = await session.exec(
        select(Season, Show)
        .join(Show, col(Show.id) == Season.show_id)
        .where(col(Season.premiere_date) >= first, col(Season.premiere_date) <= last)
    )
    for season, show in seasons.all():
        if season.premiere_date is None:
            continue
        if season.number == 1 and show.premiere_date == season.premiere_date:
            continue  # the show's premiere, found above
        found.append((show, season.number, season.premiere_date))
    return found


async def last_status_change_id(session: AsyncSession) -> int:
    value: int | None = (await session.exec(select(func.max(StatusChange.id)))).one()
    return value or 0


async def new_decisions(
    session: AsyncSession, after_id: int, shows_before: datetime, decided_since: date
) -> list[tuple[StatusChange, Show]]:
    """The decisions recorded after `after_id` that changed the status of a show that existed
    before `shows_before`, are its status now, and were taken on or after `decided_since`:
    the news in what an import wrote. The latest one per show."""
    query = (
        select(StatusChange, Show)
        .join(Show, col(Show.id) == StatusChange.show_id)
        .where(
            col(StatusChange.id) > after_id,
            col(Show.created_at) < shows_before,
            col(StatusChange.new_status) == col(Show.status),
            or_(
                col(StatusChange.old_status).is_(None),
                col(StatusChange.old_status) != col(StatusChange.new_status),
            ),
            col(StatusChange.effective_date) >= decided_since,
        )
        .order_by(col(StatusChange.id))
    )
    latest: dict[int, tuple[StatusChange, Show]] = {}
    for change, show in (await session.exec(query)).all():
        assert show.id is not None
        latest[show.id] = (change, show)
    return list(latest.values())


# -- withdrawn news ------------------------------------------------------------------------


@dataclass(frozen=True)
class Withdrawal:
    """What withdrawing a decision did to its deliveries."""

    corrected_channels: frozenset[int]
    corrected_users: frozenset[int]
    cancelled: int


def correction_row(
    delivery: Delivery, correction: dict[str, Any], now: datetime, message_id: int | None = None
) -> Delivery:
    """The edit of one posted message, in place: its news was withdrawn or corrected."""
    return Delivery(
        key=f"correction:{delivery.id}:{correction['edit_id']}",
        kind=DeliveryKind.CORRECTION,
        show_id=delivery.show_id,
        guild_id=delivery.guild_id,
        channel_id=delivery.channel_id,
        user_id=delivery.user_id,
        details={
            **correction,
            "message_id": message_id or delivery.message_id,
            "corrects": delivery.key,
        },
        due_at=now,
    )


async def withdraw_decision(
    session: AsyncSession, change_id: int, correction: dict[str, Any], now: datetime
) -> Withdrawal:
    """Takes a decision back: each message that told it gets a correction (an edit in place),
    each delivery not yet sent is cancelled (carrying the correction, for a post that was
    already on its way), and the decision is deleted. The deliveries stay, detached from it,
    as the trace of what was told."""
    rows = list(
        (await session.exec(select(Delivery).where(Delivery.status_change_id == change_id))).all()
    )
    told = [
        row
        for row in rows
        if row.state is DeliveryState.SENT
        and row.message_id is not None
        and row.kind in (DeliveryKind.ANNOUNCEMENT, DeliveryKind.FOLLOW)
    ]
    waiting = [row for row in rows if row.state in (DeliveryState.PENDING, DeliveryState.PAUSED)]
    await add_deliveries(session, [correction_row(row, correction, now) for row in told])
    for row in waiting:
        row.state = DeliveryState.CANCELLED
        row.details = {**row.details, "correction": correction}
        session.add(row)
    await session.flush()
    await session.exec(
        update(Delivery)
        .where(col(Delivery.status_change_id) == change_id)
        .values(status_change_id=None)
    )
    # A statement, not the ORM: a show loaded in the session would keep the decision in its
    # history; the caller reads the show afresh.
    await session.exec(sa_delete(StatusChange).where(col(StatusChange.id) == change_id))
    return Withdrawal(
        corrected_channels=frozenset(r.channel_id for r in told if r.channel_id is not None),
        corrected_users=frozenset(r.user_id for r in told if r.user_id is not None),
        cancelled=len(waiting),
    )


async def mark_sent(
    session: AsyncSession, row: Delivery, message_id: int, now: datetime
) -> Delivery | None:
    """Marks a row sent. A row cancelled while its post was on the way (its news withdrawn
    that moment) is marked sent all the same, and its correction is added: returned, to be
    sent."""
    assert row.id is not None
    current = await session.get(Delivery, row.id, populate_existing=True)
    # Read before the update, which the session applies to the objects it holds.
    withdrawn = current is not None and current.state is DeliveryState.CANCELLED
    correction = current.details.get("correction") if current is not None else None
    await set_delivery(
        session,
        row.id,
        state=DeliveryState.SENT,
        sent_at=now,
        message_id=message_id,
        attempts=row.attempts + 1,
        last_error=None,
    )
    if current is None or not withdrawn or not correction:
        return None
    late = correction_row(current, correction, now, message_id)
    await add_deliveries(session, [late])
    return late
