"""Editors' status changes: announced like any other, audited in the same transaction, and
withdrawn by undo or a correction, which edits every posted message in place and cancels
what had not gone out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from bot.announcements.desk import StatusRefusedError, StatusRequest
from bot.application import Application
from bot.editing.decisions import set_status
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError, NeedsConfirmationError, parse_day
from bot.editing.undo import undo
from db.announcement_tables import Delivery, DeliveryKind, DeliveryState
from db.audit import CatalogueEdit
from db.catalogue.export import show_record
from db.models import utc_now
from db.outbox import mark_sent
from db.queries import load_show
from db.vocabulary import ShowStatus
from tests.bot.announcements.kept_courier import KeptCourier, relay_for
from tests.conftest import stored_show

pytestmark = pytest.mark.asyncio

EDITOR = Actor(id=7, name="editor (7)")


async def record(app: Application, show_id: int) -> dict[str, object]:
    async with app.database.session() as session:
        show = await load_show(session, show_id)
    assert show is not None
    return show_record(show)


async def deliveries(app: Application) -> list[Delivery]:
    async with app.database.session() as session:
        return list((await session.exec(select(Delivery).order_by(col(Delivery.id)))).all())


async def watcher_cancelled(app: Application) -> tuple[int, int | None]:
    """The Watcher (renewed on record) cancelled by an editor: (show id, edit id)."""
    show = await stored_show(app, "the watcher")
    assert show.id is not None and show.status is ShowStatus.RENEWED
    request = StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED, seasons=2)
    outcome = await set_status(app.edits, app.status, EDITOR, request)
    assert outcome.status.changed
    return show.id, outcome.edit.edit_id


async def test_the_audit_entry_is_written_with_the_change_and_its_deliveries(
    app: Application,
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    show_id, edit_id = await watcher_cancelled(app)
    async with app.database.session() as session:
        entry = await session.get(CatalogueEdit, edit_id)
    assert entry is not None and entry.action == "status.set" and entry.actor_id == 7
    assert entry.before is not None and entry.after is not None
    assert entry.before["record"]["status"] == "renewed"
    assert entry.after["record"]["status"] == "cancelled"
    assert entry.after["record"] == await record(app, show_id)
    rows = await deliveries(app)
    assert [r.status_change_id for r in rows] == [entry.status_change_id]


async def test_undo_of_an_announced_cancellation_edits_each_post_and_cancels_the_rest(
    app: Application,
) -> None:
    for channel in (1, 2, 3):
        await app.subscriptions.subscribe(guild_id=9, channel_id=channel)
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    await app.subscriptions.follow(user_id=500, show_id=show.id)
    before = await record(app, show.id)
    _, edit_id = await watcher_cancelled(app)
    courier = KeptCourier()
    relay = relay_for(app, courier)
    assert await relay.run_due() == 4  # three channels, one follower
    posted = {channel: message for channel, _, _, message in _posts_with_ids(courier)}
    # A channel subscribed since, with news still pending for it when the undo comes:
    await app.subscriptions.subscribe(guild_id=9, channel_id=4, kinds="cancellations")
    async with app.database.transaction() as session:
        late = Delivery(
            key="status:test:channel:4",
            kind=DeliveryKind.ANNOUNCEMENT,
            status_change_id=(await session.get(CatalogueEdit, edit_id)).status_change_id,  # type: ignore[union-attr]
            show_id=show.id,
            channel_id=4,
            due_at=utc_now() + timedelta(hours=1),
        )
        session.add(late)

    outcome = await undo(
        app.edits, app.status, EDITOR, edit_id, reason="wrong show", source_url="https://x.test/a"
    )
    assert outcome.withdrawal is not None and outcome.withdrawal.cancelled == 1
    assert await record(app, show.id) == before  # the whole record, exactly
    posts_before = len(courier.posts)
    await relay.run_due()
    assert len(courier.posts) == posts_before and len(courier.dms) == 1  # nothing new posted
    edited = {(channel, user): message for channel, user, message, _ in courier.edits}
    assert {channel: m for (channel, _), m in edited.items() if channel} == posted
    assert (None, 500) in edited
    card = courier.edits[0][3].cards[0]
    assert card.title.startswith("~~") and "cancels The Watcher" in card.title
    assert "wrong show" in card.description and "https://x.test/a" in card.description
    states = {r.key: r.state for r in await deliveries(app)}
    assert states["status:test:channel:4"] is DeliveryState.CANCELLED
    corrections = [r for r in await deliveries(app) if r.kind is DeliveryKind.CORRECTION]
    assert len(corrections) == 4 and all(r.state is DeliveryState.SENT for r in corrections)
    assert await relay.run_due() == 0  # each correction once


def _posts_with_ids(courier: KeptCourier) -> list[tuple[int, None, None, int]]:
    return [(channel, None, None, 10_001 + i) for i, (channel, _, _) in enumerate(courier.posts)]


async def test_a_correction_edits_the_posts_and_tells_only_those_not_told(
    app: Application,
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    show_id, _ = await watcher_cancelled(app)
    courier = KeptCourier()
    relay = relay_for(app, courier)
    assert await relay.run_due() == 1
    await app.subscriptions.subscribe(guild_id=9, channel_id=2)
    request = StatusRequest(show_id=show_id, status=ShowStatus.ENDED, seasons=2)
    outcome = await set_status(app.edits, app.status, EDITOR, request, correcting=True)
    assert outcome.withdrawal is not None
    assert outcome.withdrawal.corrected_channels == {1}
    assert outcome.status.changed and outcome.status.channels == 1  # channel 2 only
    await relay.run_due()
    assert [channel for channel, _, _ in courier.posts] == [1, 2]
    assert [(channel, message) for channel, _, message, _ in courier.edits] == [(1, 10_001)]
    correction = courier.edits[0][3].cards[0]
    assert "Corrected" in correction.description and "The Watcher has ended" in (
        correction.description
    )
    history = await app.edits.history(show_id)
    assert [e.action for e in history] == ["status.correct", "status.set"]
    assert history[1].undone_by_id == history[0].id
    with pytest.raises(EditRefusedError, match="corrected an earlier decision"):
        await undo(app.edits, app.status, EDITOR, history[0].id)


async def test_a_post_already_on_its_way_when_the_news_is_withdrawn_is_corrected(
    app: Application,
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    _, edit_id = await watcher_cancelled(app)
    (row,) = await deliveries(app)
    await undo(app.edits, app.status, EDITOR, edit_id)
    async with app.database.transaction() as session:
        late = await mark_sent(session, row, 42, utc_now())
    assert late is not None and late.kind is DeliveryKind.CORRECTION
    assert late.details["message_id"] == 42


async def test_an_unusual_change_waits_for_confirmation(app: Application) -> None:
    show = await stored_show(app, "partner track")  # cancelled on record
    assert show.id is not None
    before = await record(app, show.id)
    request = StatusRequest(show_id=show.id, status=ShowStatus.RENEWED)
    with pytest.raises(NeedsConfirmationError, match="unusual"):
        await set_status(app.edits, app.status, EDITOR, request)
    assert await record(app, show.id) == before
    outcome = await set_status(app.edits, app.status, EDITOR, request, confirmed=True)
    assert outcome.status.changed


async def test_bad_status_input_changes_nothing(app: Application) -> None:
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    before = await record(app, show.id)
    bad = [
        StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED, note="x" * 5000),
        StatusRequest(show_id=show.id, status=ShowStatus.CANCELLED, source_url="not a url"),
    ]
    for request in bad:
        with pytest.raises(StatusRefusedError):
            await set_status(app.edits, app.status, EDITOR, request)
    assert await record(app, show.id) == before
    async with app.database.session() as session:
        assert (await session.exec(select(CatalogueEdit))).all() == []


async def test_a_correction_back_to_the_decision_before_says_withdrawn_and_records_nothing(
    app: Application,
) -> None:
    await app.subscriptions.subscribe(guild_id=9, channel_id=1)
    show_id, _ = await watcher_cancelled(app)  # renewed before
    courier = KeptCourier()
    relay = relay_for(app, courier)
    await relay.run_due()
    request = StatusRequest(show_id=show_id, status=ShowStatus.RENEWED, seasons=3)
    outcome = await set_status(app.edits, app.status, EDITOR, request, correcting=True)
    assert not outcome.status.changed
    assert "nothing new was recorded" in outcome.describe()
    await relay.run_due()
    card = courier.edits[0][3].cards[0]
    assert "Withdrawn" in card.description and "renewed, as before" in card.description
    assert "renews" not in card.description
    assert len(courier.posts) == 1


async def test_decisions_older_than_television_are_refused(app: Application) -> None:
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    request = StatusRequest(
        show_id=show.id, status=ShowStatus.CANCELLED, effective_date=date(1, 1, 1)
    )
    with pytest.raises(StatusRefusedError, match="older than television"):
        await set_status(app.edits, app.status, EDITOR, request)
    with pytest.raises(EditRefusedError, match="between 1870"):
        parse_day("0001-01-01")
