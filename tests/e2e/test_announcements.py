"""Announcements through the fake Discord: a status change reaches every matching channel and
follower once and no other; channels that answer 403/404 are paused after one attempt; a 429
is waited out; closed DMs pause a person's follows; nothing is posted for a change that is
not one."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bot.announcements.desk import StatusRequest
from bot.application import Application
from db.models import utc_now
from db.subscriptions import subscriptions
from db.vocabulary import ShowStatus
from tests.e2e.conftest import ASKER, OTHER, TOKEN, Showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, FakeDiscord, FakeUser, JSONDict
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild
from tests.e2e.fake_discord.protocol import DEFAULT_CHANNEL_ID, DEFAULT_OWNER_ID

pytestmark = pytest.mark.asyncio

CHANNELS = [1200000000000000100 + n for n in range(8)]
MOD = FakeUser(id=1300000000000000009, username="mod", global_name="Mod")


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    guild = FakeGuild(
        id=DEFAULT_GUILD_ID,
        name="Test Guild",
        channels=[FakeChannel(id=DEFAULT_CHANNEL_ID, name="general")]
        + [FakeChannel(id=channel, name=f"news-{n}") for n, channel in enumerate(CHANNELS)],
        owner_id=DEFAULT_OWNER_ID,
    )
    async with FakeDiscord(token=TOKEN, guilds=[guild]) as fake:
        yield fake


def show_id(app: Application, title: str) -> int:
    match = app.catalogue.index.resolve(title).match
    assert match is not None, title
    return match.entry.show_id


async def subscribe(app: Application, channel: int, **options: object) -> None:
    await app.subscriptions.subscribe(
        guild_id=DEFAULT_GUILD_ID,
        channel_id=channel,
        by=MOD.id,
        **options,  # type: ignore[arg-type]
    )


async def cancel(app: Application, title: str, **options: object) -> None:
    request = StatusRequest(show_id=show_id(app, title), status=ShowStatus.CANCELLED, **options)  # type: ignore[arg-type]
    outcome = await app.status.set_status(request)
    assert outcome.changed


def dms_to(fake: FakeDiscord, user: FakeUser) -> list[JSONDict]:
    channel = fake.dm_channel_by_user.get(user.id)
    return fake.messages_in(channel) if channel is not None else []


async def test_a_cancellation_reaches_each_matching_channel_and_follower_once(
    showbot: Showbot, tmp_path: Path
) -> None:
    app, fake = showbot.app, showbot.fake
    watcher = show_id(app, "the watcher")
    elsewhere = {"title": "Kettle Street", "year": 2024, "network": "HBO"}
    await app.catalogue.import_file(_write(tmp_path / "hbo.jsonl", [elsewhere]))
    await subscribe(app, CHANNELS[0])  # everything
    await subscribe(app, CHANNELS[1], kinds="cancellations")
    await subscribe(app, CHANNELS[2], kinds="renewals")  # not this news
    await subscribe(app, CHANNELS[3], kinds="cancellations", network="netflix")
    await subscribe(app, CHANNELS[4], network="HBO")  # another network
    await subscribe(app, CHANNELS[5], show_id=show_id(app, "partner track"))  # another show
    await subscribe(app, CHANNELS[6], show_id=watcher)
    await subscribe(app, CHANNELS[6], kinds="cancellations")  # twice in one channel: told once
    await app.subscriptions.follow(ASKER.id, watcher)
    await app.subscriptions.follow(OTHER.id, show_id(app, "partner track"))

    await cancel(app, "the watcher", source_url="https://example.com/watcher-cancelled")
    for channel in (CHANNELS[0], CHANNELS[1], CHANNELS[3], CHANNELS[6]):
        await showbot.guard(fake.wait_for_message_in(channel, timeout=10))
    await showbot.guard(fake.wait_for(lambda: dms_to(fake, ASKER) or None, timeout=10))
    await showbot.settled()

    for channel in (CHANNELS[0], CHANNELS[1], CHANNELS[3], CHANNELS[6]):
        posted = fake.messages_in(channel)
        assert len(posted) == 1, (channel, posted)
        embed = posted[0]["embeds"][0]
        assert embed["title"] == "Netflix cancels The Watcher after one season"
        assert "example.com" in embed["description"]
        assert (
            posted[0]["components"][0]["components"][0]["custom_id"] == f"showbot:follow:{watcher}"
        )
    for channel in (CHANNELS[2], CHANNELS[4], CHANNELS[5], CHANNELS[7]):
        assert fake.messages_in(channel) == []
    assert len(dms_to(fake, ASKER)) == 1
    assert dms_to(fake, OTHER) == []
    for request in fake.requests_to("POST", r"/channels/\d+/messages"):
        body = request.json
        assert isinstance(body, dict)
        if int(request.path.split("/")[2]) in CHANNELS:
            assert body["enforce_nonce"] is True and 1 <= len(body["nonce"]) <= 25

    # The same status again is not news: nothing recorded, nothing posted.
    again = StatusRequest(show_id=watcher, status=ShowStatus.CANCELLED)
    assert not (await app.status.set_status(again)).changed
    before = len(fake.requests)
    await showbot.bot.relay.run_due()
    assert [r for r in fake.requests[before:] if r.method == "POST"] == []


async def test_a_forbidden_or_missing_channel_is_paused_after_one_attempt(
    showbot: Showbot,
) -> None:
    app, fake = showbot.app, showbot.fake
    forbidden, missing, fine = CHANNELS[0], CHANNELS[1], CHANNELS[2]
    for channel in (forbidden, missing, fine):
        await subscribe(app, channel)
    fake.faults.forbidden(method="POST", path=rf"/channels/{forbidden}/messages", times=None)
    fake.faults.not_found(method="POST", path=rf"/channels/{missing}/messages", times=None)

    await cancel(app, "the watcher")
    await showbot.guard(fake.wait_for_message_in(fine, timeout=10))
    await showbot.settled()
    # The subscriber is told once per paused channel, by direct message.
    await showbot.guard(fake.wait_for(lambda: len(dms_to(fake, MOD)) >= 2 or None, timeout=10))
    await showbot.settled()
    notices = dms_to(fake, MOD)
    assert len(notices) == 2
    contents = [n["content"] for n in notices]
    assert any(f"<#{forbidden}>" in c and "not allowed" in c for c in contents)
    assert any(
        f"<#{missing}>" in n["content"] and "no longer exists" in n["content"] for n in notices
    )

    await cancel(app, "dahmer")
    await showbot.guard(fake.wait_for_message_in(fine, count=2, timeout=10))
    await showbot.settled()
    for channel in (forbidden, missing):
        attempts = fake.requests_to("POST", rf"/channels/{channel}/messages")
        assert len(attempts) == 1, channel  # never tried again while paused
    async with app.database.session() as session:
        paused = {s.channel_id: s for s in await subscriptions(session) if s.paused_at}
    assert set(paused) == {forbidden, missing}
    assert len(dms_to(fake, MOD)) == 2  # told once, not once per piece of news

    # Resumed by subscribing again: what was held back goes out.
    fake.faults.clear()
    await subscribe(app, forbidden)
    showbot.bot.relay.wake()
    await showbot.guard(fake.wait_for_message_in(forbidden, count=2, timeout=10))
    await showbot.settled()
    titles = [m["embeds"][0]["title"] for m in fake.messages_in(forbidden)]
    assert len(titles) == 2 and "The Watcher" in titles[0] and "Dahmer" in titles[1], titles


async def test_a_429_with_retry_after_is_honoured(showbot: Showbot) -> None:
    app, fake = showbot.app, showbot.fake
    await subscribe(app, CHANNELS[0])
    rule = fake.faults.rate_limited(
        method="POST", path=rf"/channels/{CHANNELS[0]}/messages", retry_after=0.6
    )
    await cancel(app, "the watcher")
    await showbot.guard(fake.wait_for_message_in(CHANNELS[0], timeout=10))
    await showbot.settled()
    assert rule.exhausted
    attempts = fake.requests_to("POST", rf"/channels/{CHANNELS[0]}/messages")
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.6
    assert len(fake.messages_in(CHANNELS[0])) == 1


async def test_closed_dms_pause_the_follows_and_say_so_next_time(showbot: Showbot) -> None:
    app, fake = showbot.app, showbot.fake
    await app.subscriptions.follow(ASKER.id, show_id(app, "the watcher"))
    await app.subscriptions.follow(ASKER.id, show_id(app, "dahmer"))
    fake.faults.forbidden(
        method="POST",
        path=r"/channels/\d+/messages",
        times=None,
        code=50007,
        message="Cannot send messages to this user",
    )
    await cancel(app, "the watcher")
    await showbot.settled()
    await cancel(app, "dahmer")
    await showbot.settled()
    posts = fake.requests_to("POST", r"/channels/\d+/messages")
    assert len(posts) == 1  # the second piece of news is held, not tried
    followed = await app.subscriptions.following(ASKER.id)
    assert followed and all(f.paused for f in followed)

    fake.faults.clear()
    interaction = await showbot.slash("help")
    told = await showbot.guard(
        fake.wait_for(
            lambda: next((f for f in interaction.followups if "paused" in str(f)), None),
            timeout=10,
        )
    )
    assert "direct messages are closed" in str(told)
    # Told once: the next command says nothing of it.
    later = await showbot.slash("help")
    await asyncio.sleep(0.3)
    assert not any("paused" in str(f) for f in later.followups)


async def test_an_embargoed_change_goes_out_at_its_time(showbot: Showbot) -> None:
    app, fake = showbot.app, showbot.fake
    await subscribe(app, CHANNELS[0])
    at = utc_now() + timedelta(seconds=1.5)
    await cancel(app, "the watcher", announce_at=at)
    await showbot.bot.relay.run_due()
    assert fake.messages_in(CHANNELS[0]) == []
    message = await showbot.guard(fake.wait_for_message_in(CHANNELS[0], timeout=10))
    posted = fake.requests_to("POST", rf"/channels/{CHANNELS[0]}/messages")[0]
    assert posted.status == 200 and message is not None
    assert utc_now() >= at


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    return path


def _news_file(path: Path) -> Path:
    recent = (utc_now() - timedelta(days=1)).date().isoformat()
    record = {"title": "The Watcher", "year": 2022, "status": "cancelled", "status_date": recent}
    return _write(path, [record])


async def test_importing_the_same_news_twice_posts_it_once(
    showbot: Showbot, tmp_path: Path
) -> None:
    app, fake = showbot.app, showbot.fake
    await subscribe(app, CHANNELS[0])
    first = await app.catalogue.import_file(_news_file(tmp_path / "news.jsonl"))
    assert first.announced == 1
    # `showbot import` runs in another process: the bot's poll finds its news; not waited here.
    showbot.bot.relay.wake()
    await showbot.guard(fake.wait_for_message_in(CHANNELS[0], timeout=10))
    again = await app.catalogue.import_file(_news_file(tmp_path / "news-again.jsonl"))
    assert again.committed and again.announced == 0
    await showbot.settled()
    assert len(fake.requests_to("POST", rf"/channels/{CHANNELS[0]}/messages")) == 1
