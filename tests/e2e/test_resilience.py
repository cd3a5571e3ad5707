"""Slow databases, rate limits, outages and dropped connections: the bot answers anyway."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast

import aiosqlite
import pytest
import pytest_asyncio
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_cursor

from bot.discord import replies
from bot.settings import Settings
from tests.backends import ON_POSTGRES
from tests.e2e.conftest import (
    TOKEN,
    Showbot,
    assert_no_pings,
    start_showbot,
    stop_showbot,
)
from tests.e2e.fake_discord import DEFAULT_CHANNEL_ID, FakeDiscord, Fault

pytestmark = pytest.mark.asyncio

MESSAGES = r"/channels/\d+/messages"


def stall_the_driver(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Makes the database's next statement take `seconds`, the event loop running on meanwhile,
    as a slow disk, a locked file or a busy server would."""
    if ON_POSTGRES:
        stall_the_server(monkeypatch, seconds)
    else:
        stall_sqlite(monkeypatch, seconds)


def stall_sqlite(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """The next call takes `seconds` in the driver's own thread. (SQLAlchemy's cursor events run
    on the event loop's thread, so sleeping in one of them would block the loop instead.)"""
    stalls = [seconds]
    # aiosqlite's private hand-over of a call to its thread; untyped, hence the cast.
    run_in_driver_thread = cast(
        Callable[..., Awaitable[Any]],
        aiosqlite.Connection._execute,
    )

    async def stalled(
        connection: aiosqlite.Connection, call: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        if stalls:
            pause = stalls.pop()

            def slow_call(*inner: Any, **named: Any) -> Any:
                time.sleep(pause)
                return call(*inner, **named)

            return await run_in_driver_thread(connection, slow_call, *args, **kwargs)
        return await run_in_driver_thread(connection, call, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", stalled)


def stall_the_server(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """The server answers nothing for `seconds` from the next statement on: every statement in
    that time, the background jobs' too (one of theirs may well come first), waits for its
    end, awaited by SQLAlchemy's asyncpg cursor as a busy server's answer would be. (The
    cursor's method is private; untyped, hence the cast.)"""
    ends: list[float] = []
    execute = cast(Callable[..., Awaitable[Any]], AsyncAdapt_asyncpg_cursor._prepare_and_execute)

    async def stalled(cursor: AsyncAdapt_asyncpg_cursor, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        if not ends:
            ends.append(loop.time() + seconds)
        if (left := ends[0] - loop.time()) > 0:
            await asyncio.sleep(left)
        return await execute(cursor, *args)

    monkeypatch.setattr(AsyncAdapt_asyncpg_cursor, "_prepare_and_execute", stalled)


async def test_a_slow_database_is_deferred_and_still_answered(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    stall_the_driver(monkeypatch, 2.5)
    interaction = await showbot.slash("status", title="partner track")
    assert interaction.callbacks[0]["type"] == 5  # "thinking…"
    assert interaction.callback_times[0] < 3.0
    message = await interaction.wait_for_message()
    assert message["embeds"][0]["title"] == "Partner Track (2022)"
    assert len(interaction.followups) + len(interaction.edits) == 1
    assert_no_pings(message)


async def test_the_event_loop_is_never_blocked_by_a_slow_database(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one answer waits 1 s on the database, autocomplete answers at once."""
    stall_the_driver(monkeypatch, 1.0)
    asked = time.monotonic()
    slow_answer = asyncio.ensure_future(showbot.slash("cast", title="partner track"))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    choices = await showbot.autocomplete("status", "imperf")
    elapsed = time.monotonic() - started
    await slow_answer
    assert time.monotonic() - asked >= 1.0  # the answer did wait on the database
    assert choices and elapsed < 0.5


async def test_a_rate_limit_with_via_is_waited_out_and_retried(showbot: Showbot) -> None:
    showbot.fake.faults.rate_limited(method="POST", path=MESSAGES, retry_after=0.4)
    started = time.monotonic()
    reply = await showbot.mention("dahmer renewed?")
    assert time.monotonic() - started >= 0.4
    assert "two more seasons" in reply["embeds"][0]["description"]
    attempts = showbot.fake.requests_to("POST", MESSAGES)
    assert [r.status for r in attempts] == [429, 200]
    assert len(showbot.fake.messages_in(DEFAULT_CHANNEL_ID)) == 1


async def test_a_global_rate_limit_is_waited_out(showbot: Showbot) -> None:
    showbot.fake.faults.rate_limited(method="POST", path=MESSAGES, retry_after=0.3, global_=True)
    reply = await showbot.mention("is the watcher renewed")
    assert "second season" in reply["embeds"][0]["description"]
    assert [r.status for r in showbot.fake.requests_to("POST", MESSAGES)] == [429, 200]


async def test_rate_limit_headers_are_respected_without_a_429(showbot: Showbot) -> None:
    showbot.fake.faults.bucket(method="POST", path=MESSAGES, limit=1, reset_after=0.5, enforce=True)
    await showbot.mention("is the watcher renewed")
    await showbot.mention("dahmer renewed?")
    statuses = [r.status for r in showbot.fake.requests_to("POST", MESSAGES)]
    assert statuses == [200, 200]
    first, second = showbot.fake.requests_to("POST", MESSAGES)
    assert second.at - first.at >= 0.4


async def test_a_server_error_is_retried(showbot: Showbot) -> None:
    showbot.fake.faults.server_error(method="POST", path=MESSAGES)
    reply = await showbot.mention("is partner track cancelled")
    assert reply["embeds"][0]["title"] == "Partner Track (2022)"
    assert [r.status for r in showbot.fake.requests_to("POST", MESSAGES)] == [500, 200]
    assert len(showbot.fake.messages_in(DEFAULT_CHANNEL_ID)) == 1


@pytest.mark.parametrize(
    "fault",
    [
        Fault.forbidden(),  # 50013: no permission to post in that channel
        Fault.not_found(),  # 10003: the channel is gone
        Fault.rate_limited(0.1, via=False),  # a Cloudflare ban: not retried
    ],
    ids=["forbidden", "unknown-channel", "cloudflare-429"],
)
async def test_a_reply_that_cannot_be_posted_is_logged_and_the_bot_goes_on(
    showbot: Showbot, fault: Fault, caplog: pytest.LogCaptureFixture
) -> None:
    showbot.fake.faults.add(method="POST", path=MESSAGES, response=fault)
    await showbot.fake.send_message(
        content=f"<@{showbot.fake.bot_user_id}> is the watcher renewed",
        author=showbot.fake.owner,
        channel_id=DEFAULT_CHANNEL_ID,
        guild_id=showbot.fake.guilds[0].id,
    )
    await showbot.fake.wait_for_request("POST", MESSAGES)
    await showbot.guard(_until(lambda: "could not answer a mention" in caplog.text))
    assert showbot.fake.faults.pending == []
    interaction = await showbot.slash("status", title="the watcher")
    assert interaction.callbacks[0]["type"] == 4  # still answering


async def _until(condition: Callable[[], bool]) -> None:
    # A log record has no event to wait on: look again until it is there (guard() bounds it).
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(0.02)


async def test_the_bot_resumes_after_the_gateway_drops(showbot: Showbot) -> None:
    await showbot.fake.drop_gateway(code=4000)
    await showbot.fake.wait_until_resumed()
    interaction = await showbot.slash("status", title="partner track")
    assert interaction.callbacks[0]["type"] == 4
    assert (showbot.fake.identify_count, showbot.fake.resume_count) == (1, 1)


async def test_the_bot_identifies_again_when_the_session_is_gone(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_identify_pause(*_: object, **__: object) -> None:
        """discord.py waits 5 s before a second IDENTIFY: Discord's limit, not the fake's."""

    monkeypatch.setattr(showbot.bot, "before_identify_hook", no_identify_pause)
    await showbot.fake.drop_gateway(resumable=False)
    await showbot.fake.wait_until_identified(count=2)
    interaction = await showbot.slash("ask", question="dahmer renewed?")
    assert interaction.callbacks[0]["type"] == 4
    assert showbot.fake.identify_count == 2


@pytest_asyncio.fixture
async def compressed_fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(token=TOKEN, compress=True, compressed_frame_size=512) as fake:
        yield fake


async def test_a_compressed_gateway(
    compressed_fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    app, bot, task = await start_showbot(compressed_fake, e2e_settings)
    try:
        showbot = Showbot(fake=compressed_fake, app=app, bot=bot, task=task)
        interaction = await showbot.slash("cast", title="partner track")
        assert interaction.callbacks[0]["type"] == 4
        assert compressed_fake.gateway_connections[0].compressed
    finally:
        await stop_showbot(app, bot, task)


async def test_a_start_up_failure_is_reported_not_hung(
    e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    async with FakeDiscord(token="a-different-token") as fake:
        started = time.monotonic()
        with pytest.raises(AssertionError, match="failed to start") as failure:
            await start_showbot(fake, e2e_settings)
        assert "TokenRefusedError" in repr(failure.value.__cause__)
        assert time.monotonic() - started < 5
        assert fake.gateway_connections == []


EVERY_ROUTE = r"/.*"
BURST = 7
"""429s in a row: more than the five tries discord.py makes of one request before it gives up."""


async def test_a_burst_of_rate_limits_on_every_route_still_delivers_the_slash_answer(
    showbot: Showbot,
) -> None:
    showbot.fake.faults.rate_limited(path=EVERY_ROUTE, retry_after=0.05, times=BURST)
    interaction = await showbot.slash("status", title="partner track")
    message = await interaction.wait_for_message()
    assert message["embeds"][0]["title"] == "Partner Track (2022)"
    assert interaction.accepted_callbacks[0]["type"] == 4
    assert showbot.fake.faults.pending == []


async def test_a_burst_of_rate_limits_on_every_route_still_delivers_the_mention_reply(
    showbot: Showbot,
) -> None:
    showbot.fake.faults.rate_limited(path=EVERY_ROUTE, retry_after=0.05, times=BURST)
    reply = await showbot.mention("dahmer renewed?")
    assert "two more seasons" in reply["embeds"][0]["description"]
    assert [r.status for r in showbot.fake.requests_to("POST", MESSAGES)] == [429] * BURST + [200]
    assert len(showbot.fake.messages_in(DEFAULT_CHANNEL_ID)) == 1


async def test_endless_rate_limits_are_given_up_on_within_bounds_and_logged(
    showbot: Showbot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "RESEND_PAUSES", (0.05, 0.1, 0.2))
    rule = showbot.fake.faults.rate_limited(path=EVERY_ROUTE, retry_after=0.05, times=None)
    started = time.monotonic()
    await showbot.fake.send_message(
        content=f"<@{showbot.fake.bot_user_id}> is the watcher renewed",
        author=showbot.fake.owner,
        channel_id=DEFAULT_CHANNEL_ID,
        guild_id=showbot.fake.guilds[0].id,
    )
    await showbot.guard(_until(lambda: "could not answer a mention" in caplog.text))
    assert time.monotonic() - started < 5
    assert rule.hits == 5 * 4  # discord.py's own five tries, in each of four rounds
    assert "still rate limited; trying again" in caplog.text
    rule.times = 0  # Discord lets up
    interaction = await showbot.slash("status", title="the watcher")
    assert interaction.callbacks[0]["type"] == 4


async def test_an_answer_lost_to_rate_limits_is_owned_up_to(
    showbot: Showbot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every round of the answer is refused; the apology that follows gets through."""
    monkeypatch.setattr(replies, "RESEND_PAUSES", (0.05, 0.05, 0.05))
    callback = r"/interactions/\d+/[^/]+/callback"
    showbot.fake.faults.rate_limited(path=callback, retry_after=0.02, times=5 * 4)
    interaction = await showbot.slash("status", title="partner track")
    [apology] = interaction.accepted_callbacks
    assert apology["type"] == 4 and apology["data"]["flags"] & 64
    assert "ask again in a minute" in apology["data"]["content"]
    assert "lost to rate limits" in caplog.text
