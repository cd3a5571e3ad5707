"""Who wants news, as the commands and the CLI change it: channel subscriptions with their
health, people's follows, and each guild's time zone and weekly digest. Every refusal is a
sentence that says what to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.announcements.kinds import kinds_text, parse_kinds
from bot.announcements.planner import parse_clock
from bot.matching.index import TitleIndex
from db.announcement_tables import GuildSchedule, Subscription
from db.engine import Database
from db.models import Show, utc_now
from db.subscriptions import (
    follows_of,
    get_subscription,
    guild_schedule,
    mark_pause_told,
    remove_follow,
    remove_subscription,
    save_follow,
    save_guild_schedule,
    save_subscription,
    subscriptions,
    untold_pauses,
)

NETWORK_LIMIT = 200
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class SubscriptionRefusedError(ValueError):
    """What was asked cannot be saved: the message says why and what to do."""


@dataclass(frozen=True)
class SubscriptionView:
    """A subscription as a list shows it: what it hears and how it is doing."""

    id: int
    guild_id: int
    channel_id: int
    kinds: str
    network: str | None
    show_title: str | None
    ping_role_id: int | None
    last_delivery_at: datetime | None
    paused_at: datetime | None
    paused_reason: str | None

    def health(self) -> str:
        if self.paused_at is not None:
            return f"paused since {self.paused_at:%Y-%m-%d %H:%M} UTC: {self.paused_reason}"
        if self.last_delivery_at is not None:
            return f"working; last delivery {self.last_delivery_at:%Y-%m-%d %H:%M} UTC"
        return "working; nothing delivered yet"

    def scope(self) -> str:
        parts = [self.kinds]
        if self.network:
            parts.append(f"on {self.network}")
        if self.show_title:
            parts.append(f"about {self.show_title}")
        return " ".join(parts)


@dataclass(frozen=True)
class Followed:
    show_id: int
    title: str
    paused: bool


def show_title(index: TitleIndex, show_id: int | None) -> str | None:
    entry = index.get(show_id) if show_id is not None else None
    return entry.title if entry else None


def show_for_option(index: TitleIndex, text: str) -> int:
    """The show a title option names: its autocomplete value (`id:123`) or typed words."""
    text = text.strip()
    if text.startswith("id:") and text[3:].isdigit() and int(text[3:]) in index:
        return int(text[3:])
    resolution = index.resolve(text)
    if resolution.match is not None and not resolution.ambiguous:
        return resolution.match.entry.show_id
    near = ", ".join(c.entry.title for c in resolution.candidates[:3])
    hint = f" Did you mean: {near}?" if near else ""
    raise SubscriptionRefusedError(
        f"I couldn't tell which show {text[:100]!r} is.{hint} Pick one from the list."
    )


def known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name)


def parse_weekday(text: str) -> int:
    word = text.strip().lower()
    for number, day in enumerate(WEEKDAYS):
        if len(word) >= 3 and day.startswith(word):
            return number
    raise SubscriptionRefusedError(f"{text!r} is not a day of the week: say monday, tue, ….")


class SubscriptionDesk:
    def __init__(self, database: Database, index: TitleIndex) -> None:
        self.database = database
        self.index = index

    def _view(self, subscription: Subscription) -> SubscriptionView:
        assert subscription.id is not None
        return SubscriptionView(
            id=subscription.id,
            guild_id=subscription.guild_id,
            channel_id=subscription.channel_id,
            kinds=kinds_text(subscription.kinds),
            network=subscription.network,
            show_title=show_title(self.index, subscription.show_id),
            ping_role_id=subscription.ping_role_id,
            last_delivery_at=subscription.last_delivery_at,
            paused_at=subscription.paused_at,
            paused_reason=subscription.paused_reason,
        )

    async def subscribe(
        self,
        *,
        guild_id: int,
        channel_id: int,
        kinds: str | None = None,
        network: str | None = None,
        show_id: int | None = None,
        ping_role_id: int | None = None,
        by: int | None = None,
    ) -> tuple[SubscriptionView, bool]:
        """Saves the subscription (a channel's one of the same network and show is updated
        and resumed); returns it and whether it is new."""
        try:
            chosen = parse_kinds(kinds)
        except ValueError as error:
            raise SubscriptionRefusedError(str(error)) from error
        network = " ".join((network or "").split()) or None
        if network is not None and len(network) > NETWORK_LIMIT:
            raise SubscriptionRefusedError(
                f"A network name has at most {NETWORK_LIMIT} characters."
            )
        if show_id is not None and show_id not in self.index:
            raise SubscriptionRefusedError("I don't know that show: pick one from the list.")
        async with self.database.transaction() as session:
            subscription, created = await save_subscription(
                session,
                guild_id=guild_id,
                channel_id=channel_id,
                kinds=[k.value for k in chosen],
                network=network,
                show_id=show_id,
                ping_role_id=ping_role_id,
                created_by=by,
            )
            view = self._view(subscription)
        return view, created

    async def unsubscribe(self, subscription_id: int, *, guild_id: int | None) -> SubscriptionView:
        async with self.database.transaction() as session:
            subscription = await get_subscription(session, subscription_id)
            if subscription is None or (guild_id is not None and subscription.guild_id != guild_id):
                raise SubscriptionRefusedError(
                    "There is no such subscription here: `/subscriptions` lists them."
                )
            view = self._view(subscription)
            await remove_subscription(session, subscription)
        return view

    async def listing(
        self, *, guild_id: int | None = None, channel_id: int | None = None
    ) -> list[SubscriptionView]:
        async with self.database.session() as session:
            found = await subscriptions(session, guild_id=guild_id, channel_id=channel_id)
        return [self._view(s) for s in found]

    # -- follows ------------------------------------------------------------------------

    async def follow(self, user_id: int, show_id: int) -> tuple[str, bool]:
        title = show_title(self.index, show_id)
        if title is None:
            raise SubscriptionRefusedError("I don't know that show: pick one from the list.")
        async with self.database.transaction() as session:
            if await session.get(Show, show_id) is None:
                raise SubscriptionRefusedError("That show is no longer in the catalogue.")
            _, created = await save_follow(session, user_id, show_id)
        return title, created

    async def unfollow(self, user_id: int, show_id: int) -> bool:
        async with self.database.transaction() as session:
            return await remove_follow(session, user_id, show_id)

    async def following(self, user_id: int) -> list[Followed]:
        async with self.database.session() as session:
            found = await follows_of(session, user_id)
        return [
            Followed(show_id=follow.show_id, title=show.title, paused=follow.paused_at is not None)
            for follow, show in found
        ]

    async def untold_pause(self, user_id: int) -> list[str]:
        """The shows whose news could not reach this person, the first time they are back."""
        async with self.database.session() as session:
            titles = await untold_pauses(session, user_id)
        if titles:
            async with self.database.transaction(wait=2) as session:
                await mark_pause_told(session, user_id)
        return titles

    # -- schedules ----------------------------------------------------------------------

    async def schedule(self, guild_id: int) -> GuildSchedule:
        async with self.database.session() as session:
            found = await guild_schedule(session, guild_id)
        return found or GuildSchedule(guild_id=guild_id)

    async def set_schedule(
        self,
        guild_id: int,
        *,
        time_zone: str | None = None,
        digest_day: str | None = None,
        digest_time: str | None = None,
    ) -> GuildSchedule:
        """Changes what is given; `digest_day` 'off' turns the digest off."""
        current = await self.schedule(guild_id)
        if time_zone is not None:
            if not known_zone(time_zone.strip()):
                raise SubscriptionRefusedError(
                    f"{time_zone!r} is not a time zone I know: use a name such as "
                    "Europe/Paris or America/New_York."
                )
            current.time_zone = time_zone.strip()
        if digest_day is not None:
            current.digest_weekday = (
                None if digest_day.strip().lower() == "off" else parse_weekday(digest_day)
            )
        if digest_time is not None:
            try:
                at = parse_clock(digest_time.strip())
            except ValueError as error:
                raise SubscriptionRefusedError(
                    f"{digest_time!r} is not a time of day: use 24-hour HH:MM, like 09:00."
                ) from error
            current.digest_time = f"{at:%H:%M}"
        if current.digest_weekday is not None and current.digest_time is None:
            current.digest_time = "09:00"
        current.updated_at = utc_now()
        async with self.database.transaction() as session:
            await save_guild_schedule(session, current)
        return current
