"""Planned deliveries: premiere reminders and weekly digests, each at a guild's local time.

Times are worked out here, not by a cron trigger in a local zone (which fires twice in the
hour that repeats when clocks go back, and never in the hour that is skipped when they go
forward). Each occurrence is keyed by the local date it belongs to, so it is planned once
however often the planner runs: a time in the repeated hour is its first passing; a time that
does not exist that day is read in the offset before the change (02:30 on a spring-forward
night goes out at 03:30).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.announcements.kinds import NewsKind
from db.announcement_tables import Delivery, DeliveryKind, GuildSchedule, Subscription
from db.engine import Database
from db.models import Show, utc_now
from db.outbox import add_deliveries, premieres_between
from db.subscriptions import digest_schedules, schedules_of, subscriptions

MORNING = time(9, 0)
"""When reminders go out, in the guild's time zone."""
LATE_LIMIT = timedelta(hours=12)
"""A reminder or digest planned later than this after its time is not worth sending."""
DIGEST_DAYS = 7


def zone_of(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of local `at` on `day` (fold 0: see the module's doc)."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def latest_weekly(
    now: datetime, weekday: int, at: time, zone: ZoneInfo
) -> tuple[date, datetime] | None:
    """The last local `weekday` at `at` that has passed by `now`: its local date and instant."""
    today = now.astimezone(zone).date()
    for back in range(8):
        day = today - timedelta(days=back)
        if day.weekday() == weekday:
            instant = local_instant(day, at, zone)
            if instant <= now:
                return day, instant
    return None


def parse_clock(text: str) -> time:
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes or 0))


class SchedulePlanner:
    """Adds the reminder and digest rows whose time has come; the relay posts them."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.database = database
        self.clock = clock

    async def plan(self) -> int:
        now = self.clock()
        return await self._digests(now) + await self._reminders(now)

    async def _digests(self, now: datetime) -> int:
        rows: list[Delivery] = []
        async with self.database.session() as session:
            for schedule in await digest_schedules(session):
                due = _digest_due(schedule, now)
                if due is None:
                    continue
                for subscription in await subscriptions(session, guild_id=schedule.guild_id):
                    if subscription.paused_at is None:
                        rows.append(_digest_row(subscription, *due))
        if not rows:
            return 0
        async with self.database.transaction() as session:
            return await add_deliveries(session, rows)

    async def _reminders(self, now: datetime) -> int:
        today = now.date()
        async with self.database.session() as session:
            premieres = await premieres_between(
                session, today - timedelta(days=1), today + timedelta(days=2)
            )
            if not premieres:
                return 0
            listening = [
                s for s in await subscriptions(session)
                if s.paused_at is None and NewsKind.PREMIERES.value in s.kinds
            ]  # fmt: skip
            zones = await schedules_of(session, sorted({s.guild_id for s in listening}))
        rows = [
            row
            for subscription in listening
            for show, season, day in premieres
            if _hears_of(subscription, show)
            for row in _reminder_rows(subscription, show, season, day, zones, now)
        ]
        if not rows:
            return 0
        async with self.database.transaction() as session:
            return await add_deliveries(session, rows)


def _digest_due(schedule: GuildSchedule, now: datetime) -> tuple[date, datetime] | None:
    if schedule.digest_weekday is None or not schedule.digest_time:
        return None
    found = latest_weekly(
        now, schedule.digest_weekday, parse_clock(schedule.digest_time), zone_of(schedule.time_zone)
    )
    # A digest set (or moved) after this week's time starts next week; one missed by more
    # than half a day (the bot was down) is past its use.
    if found is None or found[1] < schedule.updated_at or found[1] < now - LATE_LIMIT:
        return None
    return found


def _digest_row(subscription: Subscription, day: date, instant: datetime) -> Delivery:
    return Delivery(
        key=f"digest:{subscription.id}:{day.isoformat()}",
        kind=DeliveryKind.DIGEST,
        subscription_id=subscription.id,
        guild_id=subscription.guild_id,
        channel_id=subscription.channel_id,
        details={
            "start": (instant - timedelta(days=DIGEST_DAYS)).isoformat(),
            "end": instant.isoformat(),
            "kinds": list(subscription.kinds),
            "network": subscription.network,
            "show_id": subscription.show_id,
        },
        due_at=instant,
    )


def _hears_of(subscription: Subscription, show: Show) -> bool:
    if subscription.show_id is not None and subscription.show_id != show.id:
        return False
    network = subscription.network
    return not network or (show.network or "").casefold() == network.casefold()


def _reminder_rows(
    subscription: Subscription,
    show: Show,
    season: int | None,
    day: date,
    zones: dict[int, GuildSchedule],
    now: datetime,
) -> list[Delivery]:
    schedule = zones.get(subscription.guild_id)
    zone = zone_of(schedule.time_zone if schedule else None)
    rows = []
    for tomorrow, on in ((True, day - timedelta(days=1)), (False, day)):
        due = local_instant(on, MORNING, zone)
        if due < now - LATE_LIMIT or due > now + timedelta(days=1):
            continue
        which = "eve" if tomorrow else "day"
        rows.append(
            Delivery(
                key=f"reminder:{subscription.id}:{show.id}:{season or 0}:{day}:{which}",
                kind=DeliveryKind.REMINDER,
                show_id=show.id,
                subscription_id=subscription.id,
                guild_id=subscription.guild_id,
                channel_id=subscription.channel_id,
                details={
                    "show_id": show.id,
                    "season": season,
                    "day": day.isoformat(),
                    "tomorrow": tomorrow,
                },
                due_at=due,
            )
        )
    return rows
