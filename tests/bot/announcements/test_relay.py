"""The relay and the outbox without Discord: a courier that keeps what it is given stands in
for the Discord adapter (which the end-to-end tests run for real)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.announcements.desk import StatusRequest
from bot.announcements.messages import Dispatch
from bot.announcements.relay import Pacer, Unreachable, nonce_for
from bot.application import Application
from db.announcement_tables import Delivery, DeliveryKind, DeliveryState
from db.models import utc_now
from db.outbox import delivery_counts, due_deliveries
from db.vocabulary import ShowStatus
from tests.bot.announcements.kept_courier import KeptCourier, relay_for
from tests.conftest import stored_show

pytestmark = pytest.mark.asyncio


async def cancel(app: Application, title: str) -> None:
    show = await stored_show(app, title)
    assert show.id is not None
    request = StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED)
    assert (await app.status.set_status(request)).changed


async def test_each_row_goes_out_once_with_its_message_id(app: Application) -> None:
    for channel in (1, 2, 3):
        await app.subscriptions.subscribe(guild_id=9, channel_id=channel)
    await cancel(app, "the watcher")
    courier = KeptCourier()
    relay = relay_for(app, courier)
    assert await relay.run_due() == 3
    assert await relay.run_due() == 0  # nothing twice
    assert sorted(channel for channel, _, _ in courier.posts) == [1, 2, 3]
    nonces = {nonce for _, _, nonce in courier.posts}
    assert len(nonces) == 3 and all(len(n) <= 25 for n in nonces)
    async with app.database.session() as session:
        counts = await delivery_counts(session)
        sent = await session.exec(select(Delivery).where(Delivery.state == DeliveryState.SENT))
        assert {row.message_id for row in sent.all()} == {10_001, 10_002, 10_003}
    assert counts == {DeliveryState.SENT: 3}


async def test_a_nonce_is_the_same_on_every_try_of_a_row(app: Application) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    await cancel(app, "the watcher")
    async with app.database.session() as session:
        first = (await due_deliveries(session, utc_now(), 10))[0]
    async with app.database.session() as session:
        again = (await due_deliveries(session, utc_now(), 10))[0]
    assert nonce_for(first) == nonce_for(again)
    other = Delivery(
        key=first.key + "x", kind=first.kind, due_at=first.due_at, created_at=first.created_at
    )
    assert nonce_for(other) != nonce_for(first)


async def test_news_older_than_the_catch_up_window_becomes_one_summary_per_channel(
    app: Application,
) -> None:
    for channel in (1, 2):
        await app.subscriptions.subscribe(guild_id=9, channel_id=channel)
    await cancel(app, "the watcher")
    await cancel(app, "dahmer")
    async with app.database.transaction() as session:  # as if the bot was down for 30 hours
        await session.exec(update(Delivery).values(due_at=utc_now() - timedelta(hours=30)))
    show = await stored_show(app, "the imperfects")  # already cancelled: not news
    assert show.id is not None
    again = StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED)
    assert not (await app.status.set_status(again)).changed
    courier = KeptCourier()
    assert await relay_for(app, courier).run_due() == 2
    assert sorted(channel for channel, _, _ in courier.posts) == [1, 2]
    for _, dispatch, _ in courier.posts:
        card = dispatch.cards[0]
        assert card.title == "While I was away"
        assert "Netflix cancels The Watcher" in card.description and "Dahmer" in card.description
    async with app.database.session() as session:
        counts = await delivery_counts(session)
    assert counts == {DeliveryState.FOLDED: 4, DeliveryState.SENT: 2}


async def test_fresh_news_after_downtime_is_posted_as_it_is(app: Application) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    await cancel(app, "the watcher")
    async with app.database.transaction() as session:
        await session.exec(update(Delivery).values(due_at=utc_now() - timedelta(hours=5)))
    courier = KeptCourier()
    assert await relay_for(app, courier).run_due() == 1
    assert courier.posts[0][1].cards[0].title == "Netflix cancels The Watcher after one season"


async def test_followers_get_a_direct_message_and_no_ping(app: Application) -> None:
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    await app.subscriptions.follow(77, show.id)
    await app.subscriptions.subscribe(guild_id=9, channel_id=1, ping_role_id=555)
    await cancel(app, "the watcher")
    courier = KeptCourier()
    await relay_for(app, courier).run_due()
    assert [user for user, _ in courier.dms] == [77]
    assert courier.dms[0][1].ping_role_id is None
    assert courier.posts[0][1].ping_role_id == 555 and courier.posts[0][1].content == "<@&555>"
    async with app.database.session() as session:
        kinds = await session.exec(select(col(Delivery.kind)))
        assert sorted(kinds.all()) == [DeliveryKind.ANNOUNCEMENT, DeliveryKind.FOLLOW]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return path


async def _import(app: Application, path: Path, records: list[dict[str, object]]) -> str:
    _write(path, records)
    report = await app.catalogue.import_file(path)
    assert report.committed, report.errors
    return report.summary()


async def test_an_import_announces_its_recent_decisions_once(
    app: Application, tmp_path: Path
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    recent = (utc_now() - timedelta(days=2)).date().isoformat()
    records: list[dict[str, object]] = [
        {"title": "The Watcher", "year": 2022, "status": "cancelled", "status_date": recent},
        # Old news: a decision years ago is a fact for the catalogue, not an announcement.
        {"title": "Dahmer – Monster", "year": 2022, "status": "ended", "status_date": "2019-05-01"},
        # A show new to the catalogue is not news either.
        {"title": "Kettle Street", "year": 2024, "status": "cancelled", "status_date": recent},
    ]
    first = await _import(app, tmp_path / "news.jsonl", records)
    assert "1 announcement(s) to send" in first
    again = await _import(app, tmp_path / "news-again.jsonl", records)
    assert "announcement" not in again
    courier = KeptCourier()
    assert await relay_for(app, courier).run_due() == 1
    assert courier.posts[0][1].cards[0].title == "Netflix cancels The Watcher after one season"


@dataclass
class ForbiddingCourier(KeptCourier):
    tries: int = 0

    async def post(self, channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        self.tries += 1
        raise Unreachable("I'm not allowed to post there")


async def test_a_forbidden_channel_is_tried_once_however_much_news_waits(
    app: Application,
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1, by=4)
    await cancel(app, "the watcher")
    await cancel(app, "dahmer")
    courier = ForbiddingCourier()
    await relay_for(app, courier).run_due()
    assert courier.tries == 1
    async with app.database.session() as session:
        counts = await delivery_counts(session)
    # Both held back; the subscriber told once, by direct message.
    assert counts == {DeliveryState.PAUSED: 2, DeliveryState.SENT: 1}
    assert [user for user, _ in courier.dms] == [4]


async def test_the_pacer_never_lets_more_than_its_rate_out_in_a_second() -> None:
    pacer = Pacer(200)
    loop = asyncio.get_running_loop()
    times: list[float] = []

    async def worker() -> None:
        for _ in range(60):
            await pacer.take()
            times.append(loop.time())

    await asyncio.gather(*(worker() for _ in range(8)))  # 480 requests, 8 at a time
    times.sort()
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 200
    took = times[-1] - times[0]
    assert took >= (len(times) - 200) / 200  # the limit held
    assert took <= 1.5 * len(times) / 200  # and did not hold it back much more
