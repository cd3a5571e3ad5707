"""Several delivering processes share the outbox: each row is claimed by one of them and
posted once in total, and rows claimed by a process that died are taken over after its
claim runs out."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.announcements.desk import StatusRequest
from bot.announcements.messages import Dispatch
from bot.announcements.relay import CLAIM_LEASE, IN_FLIGHT, AnnouncementRelay
from bot.application import Application
from db.announcement_tables import DeliveryState
from db.models import utc_now
from db.outbox import claim_due, delivery_counts
from db.vocabulary import ShowStatus
from tests.bot.announcements.kept_courier import KeptCourier
from tests.conftest import stored_show

pytestmark = pytest.mark.asyncio
CHANNELS = 120


class SlowCourier(KeptCourier):
    """Takes a moment per post, as Discord does, so that two relays overlap."""

    async def post(self, channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        await asyncio.sleep(0.002)
        return await super().post(channel_id, dispatch, nonce)


def _relay(
    app: Application, courier: KeptCourier, holder: str, now: datetime | None = None
) -> AnnouncementRelay:
    return AnnouncementRelay(
        app.database,
        courier,
        rate=10_000,
        catch_up=timedelta(hours=24),
        clock=(lambda: now) if now is not None else utc_now,
        holder=holder,
    )


async def _cancel_with_subscribers(app: Application) -> None:
    for channel in range(1, CHANNELS + 1):
        await app.subscriptions.subscribe(guild_id=9, channel_id=channel)
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    outcome = await app.status.set_status(
        StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED)
    )
    assert outcome.channels == CHANNELS


async def test_two_processes_share_the_rows_and_post_each_once(
    app_on_each_backend: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on_each_backend
    monkeypatch.setattr("bot.announcements.relay.BATCH", 10)  # many claims, interleaved
    await _cancel_with_subscribers(app)
    first, second = SlowCourier(), SlowCourier()
    sent = await asyncio.gather(
        _relay(app, first, "host-a:1:1").run_due(), _relay(app, second, "host-b:2:2").run_due()
    )
    channels = [c for c, _, _ in first.posts] + [c for c, _, _ in second.posts]
    assert sorted(channels) == list(range(1, CHANNELS + 1))  # every one, once
    assert sum(sent) == CHANNELS
    assert first.posts and second.posts  # both took part
    async with app.database.session() as session:
        assert await delivery_counts(session) == {DeliveryState.SENT: CHANNELS}


async def test_rows_claimed_by_a_dead_process_are_taken_over_after_the_claim(
    app_on_each_backend: Application,
) -> None:
    app = app_on_each_backend
    await _cancel_with_subscribers(app)
    now = utc_now()
    async with app.database.transaction() as session:  # a process claims, then dies
        claimed = await claim_due(session, "gone:1:1", now, now + CLAIM_LEASE, 1000)
    assert len(claimed) == CHANNELS
    courier = KeptCourier()
    assert await _relay(app, courier, "host-b:2:2", now + CLAIM_LEASE / 2).run_due() == 0
    later = now + CLAIM_LEASE + timedelta(seconds=1)
    assert await _relay(app, courier, "host-b:2:2", later).run_due() == CHANNELS
    assert sorted(c for c, _, _ in courier.posts) == list(range(1, CHANNELS + 1))


async def test_a_row_whose_claim_is_running_out_is_given_back_not_posted(
    app_on_each_backend: Application,
) -> None:
    app = app_on_each_backend
    await _cancel_with_subscribers(app)
    now = utc_now()
    clock = [now]
    courier = KeptCourier()
    relay = AnnouncementRelay(
        app.database,
        courier,
        rate=10_000,
        catch_up=timedelta(hours=24),
        clock=lambda: clock[0],
        holder="host-a:1:1",
    )
    original = courier.post

    async def post_then_stall(channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        clock[0] = now + CLAIM_LEASE  # the first post took the whole claim
        return await original(channel_id, dispatch, nonce)

    courier.post = post_then_stall  # type: ignore[method-assign]
    sent = await relay.run_due()
    assert 1 <= sent <= IN_FLIGHT  # the posts already under way, and no more
    async with app.database.session() as session:
        counts = await delivery_counts(session)
    assert counts == {DeliveryState.SENT: sent, DeliveryState.PENDING: CHANNELS - sent}
    # Given back: another process takes them at once, without waiting out the claim.
    other = KeptCourier()
    assert await _relay(app, other, "host-b:2:2", now + CLAIM_LEASE).run_due() == CHANNELS - sent
