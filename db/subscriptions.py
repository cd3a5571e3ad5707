"""Reading and writing who wants news: channel subscriptions, people's follows, and each
guild's schedule (time zone and weekly digest)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.announcement_tables import (
    Delivery,
    DeliveryKind,
    DeliveryState,
    Follow,
    GuildSchedule,
    Subscription,
)
from db.models import Show


def subscription_scope(network: str | None, show_id: int | None) -> str:
    """What a subscription listens to, as one key: a channel holds one subscription per key."""
    return f"network={(network or '*').casefold()};show={show_id or '*'}"


async def save_subscription(
    session: AsyncSession,
    *,
    guild_id: int,
    channel_id: int,
    kinds: Sequence[str] | None,
    new_kinds: Sequence[str],
    network: str | None,
    show_id: int | None,
    ping_role_id: int | None,
    created_by: int | None,
) -> tuple[Subscription, Subscription | None]:
    """Adds the subscription, or updates the channel's one of the same scope (what is not
    given, None, stays as it was; a new one hears `new_kinds` and pings no one). Returns it,
    and a copy of it as it was before (None when it is new)."""
    scope = subscription_scope(network, show_id)
    found = await session.exec(
        select(Subscription).where(
            Subscription.channel_id == channel_id, Subscription.scope == scope
        )
    )
    subscription = found.first()
    before = subscription.model_copy() if subscription is not None else None
    if subscription is None:
        subscription = Subscription(
            guild_id=guild_id,
            channel_id=channel_id,
            scope=scope,
            network=network,
            show_id=show_id,
            created_by=created_by,
            kinds=sorted(set(new_kinds)),
        )
    if kinds is not None:
        subscription.kinds = sorted(set(kinds))
    if ping_role_id is not None:
        subscription.ping_role_id = ping_role_id
    session.add(subscription)
    await session.flush()
    return subscription, before


async def resume_channel(session: AsyncSession, channel_id: int) -> int:
    """Resumes the channel's paused subscriptions and the deliveries they held back; returns
    how many subscriptions were paused."""
    result = await session.exec(
        update(Subscription)
        .where(col(Subscription.channel_id) == channel_id, col(Subscription.paused_at).isnot(None))
        .values(paused_at=None, paused_reason=None)
    )
    await _resume_deliveries(session, col(Delivery.channel_id) == channel_id)
    return int(result.rowcount or 0)


async def _resume_deliveries(session: AsyncSession, which: ColumnElement[bool]) -> None:
    await session.exec(
        update(Delivery)
        .where(which, col(Delivery.state) == DeliveryState.PAUSED)
        .values(state=DeliveryState.PENDING, next_try_at=None)
    )


async def subscriptions(
    session: AsyncSession, *, guild_id: int | None = None, channel_id: int | None = None
) -> list[Subscription]:
    query = select(Subscription).order_by(col(Subscription.id))
    if guild_id is not None:
        query = query.where(Subscription.guild_id == guild_id)
    if channel_id is not None:
        query = query.where(Subscription.channel_id == channel_id)
    return list((await session.exec(query)).all())


async def get_subscription(session: AsyncSession, subscription_id: int) -> Subscription | None:
    return await session.get(Subscription, subscription_id)


async def remove_subscription(session: AsyncSession, subscription: Subscription) -> None:
    """Removes it; its deliveries go with it (the database cascades them)."""
    await session.delete(subscription)


async def listening_subscriptions(session: AsyncSession, show_id: int) -> list[Subscription]:
    """The subscriptions that may want news of this show (kinds and network are the caller's
    to check): every one that names no show or this one, paused ones too (their news waits)."""
    query = select(Subscription).where(
        (col(Subscription.show_id).is_(None)) | (Subscription.show_id == show_id),
    )
    return list((await session.exec(query.order_by(col(Subscription.id)))).all())


async def pause_channel(
    session: AsyncSession, channel_id: int, reason: str, when: datetime
) -> list[Subscription]:
    """Pauses the channel's subscriptions and holds its pending deliveries; returns the
    subscriptions this paused (none if they were paused already)."""
    query = select(Subscription).where(
        Subscription.channel_id == channel_id, col(Subscription.paused_at).is_(None)
    )
    paused = list((await session.exec(query)).all())
    for subscription in paused:
        subscription.paused_at = when
        subscription.paused_reason = reason[:300]
        session.add(subscription)
    await session.exec(
        update(Delivery)
        .where(col(Delivery.channel_id) == channel_id, col(Delivery.state) == DeliveryState.PENDING)
        .values(state=DeliveryState.PAUSED)
    )
    await session.flush()
    return paused


async def note_delivery(session: AsyncSession, subscription_id: int, when: datetime) -> None:
    await session.exec(
        update(Subscription)
        .where(col(Subscription.id) == subscription_id)
        .values(last_delivery_at=when)
    )


async def networks(session: AsyncSession) -> list[str]:
    """Every network the catalogue names, once each."""
    query = select(Show.network).where(col(Show.network).isnot(None)).distinct()
    return [name for name in (await session.exec(query)).all() if name]


# -- follows ------------------------------------------------------------------------------


async def save_follow(session: AsyncSession, user_id: int, show_id: int) -> tuple[Follow, bool]:
    """Follows the show; says whether it is new. Following anything resumes a person's
    paused follows: they came back to the bot after their DMs were found closed."""
    await resume_follows(session, user_id)
    found = await session.exec(
        select(Follow).where(Follow.user_id == user_id, Follow.show_id == show_id)
    )
    follow = found.first()
    if follow is not None:
        return follow, False
    follow = Follow(user_id=user_id, show_id=show_id)
    session.add(follow)
    await session.flush()
    return follow, True


async def remove_follow(session: AsyncSession, user_id: int, show_id: int) -> bool:
    result = await session.exec(
        delete(Follow).where(col(Follow.user_id) == user_id, col(Follow.show_id) == show_id)
    )
    return bool(result.rowcount)


async def follows_of(session: AsyncSession, user_id: int) -> list[tuple[Follow, Show]]:
    query = (
        select(Follow, Show)
        .join(Show, col(Show.id) == Follow.show_id)
        .where(Follow.user_id == user_id)
        .order_by(col(Show.title))
    )
    return [(follow, show) for follow, show in (await session.exec(query)).all()]


async def followers_of(session: AsyncSession, show_id: int) -> list[Follow]:
    """Everyone who follows the show, paused or not (a paused follow's news waits)."""
    query = select(Follow).where(Follow.show_id == show_id)
    return list((await session.exec(query.order_by(col(Follow.id)))).all())


async def pause_follows(session: AsyncSession, user_id: int, when: datetime) -> None:
    await session.exec(
        update(Follow)
        .where(col(Follow.user_id) == user_id, col(Follow.paused_at).is_(None))
        .values(paused_at=when, pause_told=False)
    )
    await session.exec(
        update(Delivery)
        .where(
            col(Delivery.user_id) == user_id,
            col(Delivery.kind) == DeliveryKind.FOLLOW,
            col(Delivery.state) == DeliveryState.PENDING,
        )
        .values(state=DeliveryState.PAUSED)
    )


async def resume_follows(session: AsyncSession, user_id: int) -> bool:
    result = await session.exec(
        update(Follow)
        .where(col(Follow.user_id) == user_id, col(Follow.paused_at).isnot(None))
        .values(paused_at=None, pause_told=False)
    )
    if result.rowcount:
        await _resume_deliveries(
            session,
            (col(Delivery.user_id) == user_id) & (col(Delivery.kind) == DeliveryKind.FOLLOW),
        )
    return bool(result.rowcount)


async def untold_pauses(session: AsyncSession, user_id: int) -> list[str]:
    """The titles of a person's paused follows they have not been told about."""
    query = (
        select(Show.title)
        .join(Follow, col(Show.id) == Follow.show_id)
        .where(
            Follow.user_id == user_id,
            col(Follow.paused_at).isnot(None),
            col(Follow.pause_told).is_(False),
        )
        .order_by(col(Show.title))
    )
    return list((await session.exec(query)).all())


async def mark_pause_told(session: AsyncSession, user_id: int) -> None:
    await session.exec(
        update(Follow)
        .where(col(Follow.user_id) == user_id, col(Follow.paused_at).isnot(None))
        .values(pause_told=True)
    )


# -- schedules -----------------------------------------------------------------------------


async def guild_schedule(session: AsyncSession, guild_id: int) -> GuildSchedule | None:
    return await session.get(GuildSchedule, guild_id)


async def save_guild_schedule(session: AsyncSession, schedule: GuildSchedule) -> None:
    await session.merge(schedule)


async def digest_schedules(session: AsyncSession) -> list[GuildSchedule]:
    query = select(GuildSchedule).where(col(GuildSchedule.digest_weekday).isnot(None))
    return list((await session.exec(query)).all())


async def schedules_of(session: AsyncSession, guild_ids: Sequence[int]) -> dict[int, GuildSchedule]:
    if not guild_ids:
        return {}
    query = select(GuildSchedule).where(col(GuildSchedule.guild_id).in_(list(guild_ids)))
    return {s.guild_id: s for s in (await session.exec(query)).all()}
