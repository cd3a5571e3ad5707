"""Digests and reminders at a guild's local time, right on the days clocks change: the planner
runs every few minutes through those nights and plans each occurrence once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import col, select

from bot.announcements.planner import SchedulePlanner, latest_weekly, local_instant, zone_of
from bot.application import Application
from db.announcement_tables import Delivery, DeliveryKind, GuildSchedule
from db.models import Show
from tests.conftest import stored_show

GUILD = 1
CHANNEL = 10
SUNDAY = 6


def minutes(start: datetime, end: datetime, step: int = 5) -> Iterator[datetime]:
    now = start
    while now <= end:
        yield now
        now += timedelta(minutes=step)


async def planned(app: Application, kind: DeliveryKind) -> list[Delivery]:
    async with app.database.session() as session:
        rows = await session.exec(
            select(Delivery).where(Delivery.kind == kind).order_by(col(Delivery.due_at))
        )
        return list(rows.all())


async def digest_on_sundays_at(app: Application, clock: str, set_on: datetime) -> None:
    await app.subscriptions.subscribe(guild_id=GUILD, channel_id=CHANNEL)
    async with app.database.transaction() as session:
        await session.merge(
            GuildSchedule(
                guild_id=GUILD,
                time_zone="America/New_York",
                digest_weekday=SUNDAY,
                digest_time=clock,
                updated_at=set_on,
            )
        )


async def run_planner(app: Application, start: datetime, end: datetime) -> None:
    current = start
    planner = SchedulePlanner(app.database, clock=lambda: current)
    for current in minutes(start, end):  # noqa: B007 (the planner's clock reads it)
        await planner.plan()


@pytest.mark.asyncio
async def test_a_digest_in_the_hour_that_repeats_runs_once(app: Application) -> None:
    # 1 November 2026, New York: 01:00-02:00 happens twice (EDT, then EST).
    await digest_on_sundays_at(app, "01:30", datetime(2026, 10, 20, tzinfo=UTC))
    await run_planner(
        app, datetime(2026, 10, 31, 22, tzinfo=UTC), datetime(2026, 11, 1, 12, tzinfo=UTC)
    )
    digests = await planned(app, DeliveryKind.DIGEST)
    assert [d.due_at for d in digests] == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]  # 01:30 EDT
    assert digests[0].key.endswith(":2026-11-01")


@pytest.mark.asyncio
async def test_a_digest_in_the_hour_that_does_not_exist_runs_once(app: Application) -> None:
    # 8 March 2026, New York: clocks go from 02:00 straight to 03:00.
    await digest_on_sundays_at(app, "02:30", datetime(2026, 3, 1, tzinfo=UTC))
    await run_planner(
        app, datetime(2026, 3, 7, 22, tzinfo=UTC), datetime(2026, 3, 8, 16, tzinfo=UTC)
    )
    digests = await planned(app, DeliveryKind.DIGEST)
    # 02:30 read in the offset before the change: 07:30 UTC, 03:30 local (EDT).
    assert [d.due_at for d in digests] == [datetime(2026, 3, 8, 7, 30, tzinfo=UTC)]


@pytest.mark.asyncio
async def test_one_digest_a_week_and_none_before_it_was_set(app: Application) -> None:
    await digest_on_sundays_at(app, "09:00", datetime(2026, 3, 8, 18, tzinfo=UTC))
    planner_days = [
        datetime(2026, 3, 8, 20, tzinfo=UTC) + timedelta(hours=6 * n) for n in range(60)
    ]
    for now in planner_days:
        await SchedulePlanner(app.database, clock=lambda now=now: now).plan()  # type: ignore[misc]
    digests = await planned(app, DeliveryKind.DIGEST)
    assert [d.due_at.date() for d in digests] == [date(2026, 3, 15), date(2026, 3, 22)]


def test_local_instants_around_the_changes() -> None:
    new_york = zone_of("America/New_York")
    assert local_instant(date(2026, 11, 1), time(1, 30), new_york) == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    found = latest_weekly(datetime(2026, 11, 1, 6, 31, tzinfo=UTC), SUNDAY, time(1, 30), new_york)
    assert found == (date(2026, 11, 1), datetime(2026, 11, 1, 5, 30, tzinfo=UTC))
    assert zone_of("Not/AZone").key == "UTC"


@pytest.mark.asyncio
async def test_premiere_reminders_the_day_before_and_on_the_day(app: Application) -> None:
    await app.subscriptions.subscribe(guild_id=GUILD, channel_id=CHANNEL, kinds="premieres")
    await app.subscriptions.subscribe(guild_id=GUILD, channel_id=CHANNEL + 1, kinds="cancellations")
    await app.subscriptions.set_schedule(GUILD, time_zone="Europe/Paris")
    show = await stored_show(app, "the watcher")
    async with app.database.transaction() as session:
        stored = await session.get(Show, show.id)
        assert stored is not None
        stored.premiere_date = date(2026, 12, 10)
        session.add(stored)
    await run_planner(app, datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 11, tzinfo=UTC))
    reminders = await planned(app, DeliveryKind.REMINDER)
    # 09:00 in Paris (UTC+1 in December), once each, only in the channel that asked.
    assert [(r.due_at, r.details["tomorrow"], r.channel_id) for r in reminders] == [
        (datetime(2026, 12, 9, 8, tzinfo=UTC), True, CHANNEL),
        (datetime(2026, 12, 10, 8, tzinfo=UTC), False, CHANNEL),
    ]
