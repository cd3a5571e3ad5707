"""Who wants news, as the commands and the CLI change it: channel subscriptions with their
health, people's follows, and each guild's time zone and weekly digest. Every refusal is a
sentence that says what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from bot.announcements.kinds import ALL_KINDS, NewsKind, kinds_text, parse_kinds
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
    networks,
    remove_follow,
    remove_subscription,
    resume_channel,
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
    near = ", ".join(
        f"{c.entry.title} ({c.entry.year})" if c.entry.year else c.entry.title
        for c in resolution.candidates[:3]
    )
    hint = f" Did you mean: {near}?" if near else ""
    raise SubscriptionRefusedError(
        f"I couldn't tell which show {text[:100]!r} is.{hint} Pick one from the list."
    )


ZONE_NAMES = sorted(["UTC", *(name for name in available_timezones() if "/" in name)])
"""The time zones a guild may choose: region names, which follow daylight saving time."""
_ZONES = {name.casefold(): name for name in ZONE_NAMES}


def time_zone_named(text: str) -> str:
    """The IANA zone a person means ('europe/paris', 'Europe/Paris'); refused, with the
    nearest names, when it is not one. Only region names: a fixed abbreviation such as EST
    would keep winter time all summer."""
    typed = text.strip().replace(" ", "_")
    found = _ZONES.get(typed.casefold())
    if found is not None:
        return found
    near = [name for key, name in sorted(_ZONES.items()) if key.endswith("/" + typed.casefold())]
    hint = f" Did you mean {', '.join(near[:3])}?" if near else ""
    raise SubscriptionRefusedError(
        f"{text.strip()!r} is not a time zone I know: use a region name such as Europe/Paris "
        f"or America/New_York, which follow daylight saving time.{hint}"
    )


def parse_weekday(text: str) -> int:
    word = text.strip().lower()
    for number, day in enumerate(WEEKDAYS):
        if len(word) >= 3 and day.startswith(word):
            return number
    raise SubscriptionRefusedError(f"{text!r} is not a day of the week: say monday, tue, ….")


def _kinds(text: str | None) -> tuple[NewsKind, ...] | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_kinds(text)
    except ValueError as error:
        raise SubscriptionRefusedError(str(error)) from error


@dataclass(frozen=True)
class SubscribeOutcome:
    """What /subscribe did: added, updated (`was` says how it was), resumed a channel's paused
    subscriptions, or nothing (the channel already had them, working)."""

    views: tuple[SubscriptionView, ...]
    action: str
    was: SubscriptionView | None = None
    resumed: int = 0

    def describe(
        self,
        channel: str,
        escape: Callable[[str], str] = str,
        role: Callable[[int], str] = lambda role_id: f"role {role_id}",
    ) -> str:
        """The outcome in a sentence or two; `escape` makes record text safe to show, `role`
        names a role."""

        def said(view: SubscriptionView) -> str:
            ping = f", pinging {role(view.ping_role_id)}" if view.ping_role_id else ""
            return escape(view.scope()) + ping

        scopes = "; ".join(f"#{v.id} {said(v)}" for v in self.views)
        if self.action == "resumed":
            return (
                f"Resumed {channel} ({scopes}): what was held back while it was paused goes "
                "out now."
            )
        if self.action == "unchanged":
            return (
                f"{channel} already gets {scopes}. To change one, give its kinds, network or "
                "show; `unsubscribe` removes one."
            )
        view = self.views[0]
        if self.action == "added":
            text = f"Subscribed: {channel} will get {said(view)} (#{view.id})."
        else:
            was = said(self.was) if self.was is not None else said(view)
            change = f" (was {was})" if was != said(view) else " (no change)"
            text = f"Updated #{view.id}: {channel} gets {said(view)}{change}."
        if self.resumed:
            text += " It was paused: it carries on, and what was held back goes out now."
        return text


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
    ) -> SubscribeOutcome:
        """Subscribes a channel, or changes its subscription of the same network and show
        (what is not given stays as it was). Any of them resumes the channel's paused
        subscriptions (the caller checked it can post there); given nothing but a channel that
        has subscriptions, that is all it does."""
        chosen = _kinds(kinds)
        network = await self._network(network, show_id)  # read before the write lock is held
        async with self.database.transaction() as session:
            existing = await subscriptions(session, channel_id=channel_id)
            if existing and chosen is None and not (network or show_id or ping_role_id):
                resumed = await resume_channel(session, channel_id)
                views = [self._view(s) for s in await subscriptions(session, channel_id=channel_id)]
                return SubscribeOutcome(tuple(views), "resumed" if resumed else "unchanged")
            subscription, before = await save_subscription(
                session,
                guild_id=guild_id,
                channel_id=channel_id,
                kinds=[k.value for k in chosen] if chosen is not None else None,
                new_kinds=[k.value for k in ALL_KINDS],
                network=network,
                show_id=show_id,
                ping_role_id=ping_role_id,
                created_by=by,
            )
            resumed = await resume_channel(session, channel_id)
            view = self._view(subscription)
        action = "added" if before is None else "updated"
        was = self._view(before) if before is not None else None
        return SubscribeOutcome((view,), action, was=was, resumed=resumed)

    async def _network(self, network: str | None, show_id: int | None) -> str | None:
        """The network as the catalogue spells it; refused when no show is on it, or when
        the show asked for is on another."""
        typed = " ".join((network or "").split())
        if not typed:
            return None
        if len(typed) > NETWORK_LIMIT:
            raise SubscriptionRefusedError(
                f"A network name has at most {NETWORK_LIMIT} characters."
            )
        async with self.database.session() as session:
            known = {name.casefold(): name for name in await networks(session)}
        found = known.get(typed.casefold())
        if found is None:
            near = process.extract(
                typed, list(known.values()), scorer=fuzz.WRatio, limit=3, score_cutoff=70
            )
            hint = f" Did you mean {', '.join(n for n, _, _ in near)}?" if near else ""
            raise SubscriptionRefusedError(f"No show in my catalogue is on {typed!r}.{hint}")
        entry = self.index.get(show_id) if show_id is not None else None
        if entry is not None and entry.network and entry.network.casefold() != found.casefold():
            raise SubscriptionRefusedError(
                f"{entry.title} is on {entry.network}, not {found}: leave out the network, or "
                "the show."
            )
        return found

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
            current.time_zone = time_zone_named(time_zone)
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
