"""The status desk: the one way a show's status changes, whoever changes it (`showbot status
set` today, the editing commands and the news reader later).

A change is recorded with its deliveries in one transaction: the decision in the show's
history, and one outbox row per channel that subscribed to such news and per person who
follows the show, each under a key the database keeps unique. Setting a status the show
already has records nothing and announces nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.kinds import wants
from db.announcement_tables import Delivery, DeliveryKind, DeliveryState
from db.engine import Database
from db.models import Show, StatusChange, utc_now
from db.outbox import add_deliveries, new_decisions, record_status, source_for_url
from db.queries import load_show
from db.records import YEAR_MIN
from db.subscriptions import followers_of, listening_subscriptions
from db.vocabulary import ShowStatus

log = logging.getLogger(__name__)

NOTE_LIMIT = 1000
"""A note is shown in the announcement's embed: well inside a field's 1,024 characters."""
URL_LIMIT = 1000
FURTHEST_EMBARGO = timedelta(days=366)


class StatusRefusedError(ValueError):
    """A status change that cannot be made as asked: the message says what to fix."""


@dataclass(frozen=True)
class StatusRequest:
    show_id: int
    status: ShowStatus
    effective_date: date | None = None
    seasons: int | None = None
    """For a renewal, how many seasons it orders; for any other status, how many seasons the
    show ran. None when the news does not say."""
    source_url: str | None = None
    note: str | None = None
    announce_at: datetime | None = None
    """Embargo: deliveries wait until then. None: at once."""
    silent: bool = False
    """Record the change, announce nothing."""


@dataclass(frozen=True)
class StatusOutcome:
    show_title: str
    changed: bool
    change_id: int | None = None
    channels: int = 0
    people: int = 0
    due_at: datetime | None = None

    def summary(self) -> str:
        if not self.changed:
            return f"{self.show_title} already has that status: nothing recorded or announced."
        if self.channels == self.people == 0:
            return f"Recorded for {self.show_title}; no channel or person is to be told."
        when = f" at {self.due_at:%Y-%m-%d %H:%M} UTC" if self.due_at else ""
        return (
            f"Recorded for {self.show_title}: announcing to {self.channels} channel(s) and "
            f"{self.people} follower(s){when}."
        )


EMBARGO_SLACK = timedelta(minutes=5)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_request(request: StatusRequest, now: datetime) -> None:
    """Refuses what could not be shown, would never go out, or cannot be true, in a sentence."""
    if request.effective_date is not None and request.effective_date > now.date() + timedelta(
        days=1
    ):
        raise StatusRefusedError(
            f"A decision cannot be dated in the future ({request.effective_date}): give the day "
            "it was announced, and an announcement time to hold the news back until then."
        )
    if request.effective_date is not None and request.effective_date.year < YEAR_MIN:
        raise StatusRefusedError(
            f"A decision dated {request.effective_date} is older than television: check the date."
        )
    if request.note is not None and _CONTROL.search(request.note):
        raise StatusRefusedError("The note has control characters: give plain text.")
    if request.seasons is not None and not 1 <= request.seasons <= 100:
        raise StatusRefusedError("Seasons must be a number from 1 to 100.")
    if request.note is not None and len(request.note) > NOTE_LIMIT:
        raise StatusRefusedError(
            f"The note has {len(request.note)} characters; keep it under {NOTE_LIMIT}."
        )
    if request.source_url is not None:
        check_source_url(request.source_url)
    if request.announce_at is not None:
        if request.announce_at.tzinfo is None:
            raise StatusRefusedError("Give the announcement time with its time zone.")
        if request.announce_at > now + FURTHEST_EMBARGO:
            raise StatusRefusedError("An announcement can be held back for a year at most.")
        if request.announce_at < now - EMBARGO_SLACK:
            raise StatusRefusedError(
                "That announcement time is in the past: leave it out to announce now."
            )


def check_source_url(url: str) -> None:
    if (
        len(url) > URL_LIMIT
        or not url.startswith(("https://", "http://"))
        or any(c.isspace() for c in url)
        or _CONTROL.search(url)
    ):
        raise StatusRefusedError(
            "The source must be a web address starting with https://, without spaces (at most "
            "1,000 characters)."
        )


def is_news(show: Show, request: StatusRequest) -> bool:
    """A different status; or, for a renewed show, a later renewal (a decision dated after
    the one on record). Anything else is the record said again."""
    if show.status != request.status:
        return True
    later = request.effective_date is not None and (
        show.status_date is None or request.effective_date > show.status_date
    )
    return request.status is ShowStatus.RENEWED and later


class StatusDesk:
    """Records status changes with their deliveries; tells the relay there is news."""

    def __init__(self, database: Database, on_news: Callable[[], None] | None = None) -> None:
        self.database = database
        self.on_news = on_news

    async def set_status(self, request: StatusRequest) -> StatusOutcome:
        now = utc_now()
        check_request(request, now)
        async with self.database.transaction() as session:
            outcome = await self.record(session, request, now)
        self.told(outcome)
        return outcome

    async def record(
        self,
        session: AsyncSession,
        request: StatusRequest,
        now: datetime,
        already_told: Told | None = None,
    ) -> StatusOutcome:
        """The change and its deliveries, in the caller's transaction (an editor's change
        writes its audit entry in the same one); `told` wakes the relay once it commits.
        `already_told` are the channels and people a correction has just told of this news
        by editing their message: they are not told again."""
        check_request(request, now)
        show = await load_show(session, request.show_id)
        if show is None:
            raise StatusRefusedError("That show is no longer in the catalogue.")
        if not is_news(show, request):
            return StatusOutcome(show_title=show.title, changed=False)
        renewal = request.status is ShowStatus.RENEWED
        source = await source_for_url(session, request.source_url) if request.source_url else None
        change = await record_status(
            session,
            show,
            status=request.status,
            effective_date=request.effective_date,
            seasons_ordered=request.seasons if renewal else None,
            note=request.note,
            source=source,
            season_count=None if renewal else request.seasons,
        )
        channels = people = 0
        # A time a moment gone (within the slack `check_request` allows) is now.
        held = request.announce_at is not None and request.announce_at > now
        due_at = request.announce_at if held and request.announce_at else now
        if not request.silent:
            channels, people = await fan_out(session, show, change, due_at, already_told)
        log.info(
            "%s is now %s: %d channel(s), %d follower(s) to tell",
            show.title,
            request.status.value,
            channels,
            people,
        )
        return StatusOutcome(
            show_title=show.title,
            changed=True,
            change_id=change.id,
            channels=channels,
            people=people,
            due_at=due_at if held else None,
        )

    def told(self, outcome: StatusOutcome) -> None:
        """Wakes the relay for a committed change that has someone to tell."""
        if outcome.channels or outcome.people:
            self.wake()

    def wake(self) -> None:
        if self.on_news is not None:
            self.on_news()


IMPORTED_NEWS_DAYS = 30
"""An imported decision taken longer ago than this is a catalogue fact, not news: a first
import of another catalogue's statuses must not announce every show that ended years ago."""


async def announce_news(session: AsyncSession, after_change: int, started: datetime) -> int:
    """Announces what an import changed, in its transaction: the recent decisions it recorded
    for shows that were already in the catalogue. Returns the deliveries added. Importing the
    same file again records no decision, so announces nothing."""
    decided_since = (started - timedelta(days=IMPORTED_NEWS_DAYS)).date()
    added = 0
    for change, show in await new_decisions(session, after_change, started, decided_since):
        channels, people = await fan_out(session, show, change, started)
        added += channels + people
    if added:
        log.info("the import announces %d deliveries", added)
    return added


@dataclass(frozen=True)
class Told:
    """Channels and people who already know of a piece of news."""

    channels: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()


async def fan_out(
    session: AsyncSession,
    show: Show,
    change: StatusChange,
    due_at: datetime,
    already_told: Told | None = None,
) -> tuple[int, int]:
    """Adds the change's deliveries: one per channel whose subscription wants it (a channel
    with two matching subscriptions hears it once), one per follower; a paused channel's or
    person's row waits, paused, for them to resume. Returns how many of each were added."""
    assert show.id is not None and change.id is not None
    told = already_told or Told()
    by_channel: dict[int, Delivery] = {}
    for subscription in await listening_subscriptions(session, show.id):
        channel = subscription.channel_id
        if channel in by_channel or channel in told.channels:
            continue
        if not wants(subscription.kinds, change.new_status):
            continue
        if (
            subscription.network
            and (show.network or "").casefold() != subscription.network.casefold()
        ):
            continue
        by_channel[subscription.channel_id] = Delivery(
            key=f"status:{change.id}:channel:{subscription.channel_id}",
            kind=DeliveryKind.ANNOUNCEMENT,
            status_change_id=change.id,
            show_id=show.id,
            subscription_id=subscription.id,
            guild_id=subscription.guild_id,
            channel_id=subscription.channel_id,
            state=DeliveryState.PAUSED if subscription.paused_at else DeliveryState.PENDING,
            details={"ping_role_id": subscription.ping_role_id}
            if subscription.ping_role_id
            else {},
            due_at=due_at,
        )
    followers = [
        Delivery(
            key=f"status:{change.id}:user:{follow.user_id}",
            kind=DeliveryKind.FOLLOW,
            status_change_id=change.id,
            show_id=show.id,
            follow_id=follow.id,
            user_id=follow.user_id,
            state=DeliveryState.PAUSED if follow.paused_at else DeliveryState.PENDING,
            due_at=due_at,
        )
        for follow in await followers_of(session, show.id)
        if follow.user_id not in told.users
    ]
    channels = await add_deliveries(session, list(by_channel.values()))
    people = await add_deliveries(session, followers)
    return channels, people
