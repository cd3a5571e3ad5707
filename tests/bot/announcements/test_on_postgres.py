"""The outbox on PostgreSQL: the same code and migrations, the same promises (a delivery key
is taken once, whatever adds it again)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.announcements.desk import StatusRequest, fan_out
from bot.application import Application
from bot.settings import Settings
from db.announcement_tables import Delivery, DeliveryState
from db.models import StatusChange, utc_now
from db.outbox import delivery_counts
from db.queries import load_show
from db.vocabulary import ShowStatus
from tests.bot.announcements.kept_courier import KeptCourier, relay_for

pytestmark = pytest.mark.asyncio


async def test_a_change_fans_out_once_and_is_delivered_once(postgres_url: str) -> None:
    app = await Application.open(Settings(database_url=postgres_url, _env_file=None))
    try:
        for channel in (2**62, 2**62 + 1):  # snowflakes need 64 bits
            await app.subscriptions.subscribe(guild_id=2**61, channel_id=channel, ping_role_id=7)
        match = app.catalogue.index.resolve("the watcher").match
        assert match is not None
        show_id = match.entry.show_id
        await app.subscriptions.follow(2**60, show_id)
        at = utc_now() - timedelta(seconds=1)
        request = StatusRequest(show_id=show_id, status=ShowStatus.CANCELLED, announce_at=at)
        outcome = await app.status.set_status(request)
        assert (outcome.channels, outcome.people) == (2, 1)
        async with app.database.transaction() as session:  # the same news added again
            show = await load_show(session, show_id)
            change = await session.get(StatusChange, outcome.change_id)
            assert show is not None and change is not None
            assert await fan_out(session, show, change, at) == (0, 0)
        courier = KeptCourier()
        assert await relay_for(app, courier).run_due() == 3
        assert await relay_for(app, courier).run_due() == 0
        assert sorted(c for c, _, _ in courier.posts) == [2**62, 2**62 + 1]
        async with app.database.session() as session:
            assert await delivery_counts(session) == {DeliveryState.SENT: 3}
            rows = (await session.exec(select(Delivery))).all()
            assert {row.details.get("ping_role_id") for row in rows if row.channel_id} == {7}
    finally:
        await app.close()
