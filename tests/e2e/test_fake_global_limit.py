"""The fake Discord's optional global rate limit (Discord's 50 requests a second per bot).

A benchmark trusts it to say whether showbot stays within the limit and honours every
global 429, so it is checked here on the wire: raw aiohttp requests over 127.0.0.1 show the
429s look like Discord's and are counted right, and discord.py's own HTTP client shows that
the real library waits them out and that the fake then reports nothing ignored.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import pytest

from tests.e2e.fake_discord import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, FakeDiscord, FakeUser
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild
from tests.e2e.fake_discord.events import new_interaction
from tests.e2e.fake_discord.global_limit import GlobalRateLimit

pytestmark = pytest.mark.asyncio

TOKEN = "fake-global-limit-token"
LIMIT = 50
CHANNEL = f"/channels/{DEFAULT_CHANNEL_ID}"
CLICKER = FakeUser(id=1200000000000000300, username="clicker")


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


async def get(session: aiohttp.ClientSession, fake: FakeDiscord, path: str = CHANNEL) -> Answer:
    """One authorised GET, as a bot would send it."""
    headers = {"Authorization": f"Bot {TOKEN}"}
    async with session.get(fake.api_base + path, headers=headers) as response:
        return Answer(response.status, await response.json(), dict(response.headers))


async def burst(session: aiohttp.ClientSession, fake: FakeDiscord, count: int) -> list[Answer]:
    return list(await asyncio.gather(*(get(session, fake) for _ in range(count))))


def limit_of(fake: FakeDiscord) -> GlobalRateLimit:
    assert fake.global_limit is not None, "the fake was started without a global rate limit"
    return fake.global_limit


@asynccontextmanager
async def fake_and_session(
    *, connections: int = 100, **fake_kwargs: Any
) -> AsyncIterator[tuple[FakeDiscord, aiohttp.ClientSession]]:
    """A fake with the global limit and a plain aiohttp session to it (``connections`` at most)."""
    fake_kwargs.setdefault("global_rate_limit", LIMIT)
    async with (
        FakeDiscord(token=TOKEN, **fake_kwargs) as fake,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as session,
    ):
        yield fake, session
    assert not fake.internal_errors, fake.internal_errors


def statuses(answers: list[Answer]) -> dict[int, int]:
    return {status: sum(a.status == status for a in answers) for status in {200, 429}}


# ------------------------------------------------------------------------- raw HTTP


async def test_a_burst_beyond_the_limit_gets_global_429s() -> None:
    async with fake_and_session() as (fake, session):
        answers = await burst(session, fake, LIMIT + 10)
    assert statuses(answers) == {200: LIMIT, 429: 10}
    limited = [a for a in answers if a.status == 429]
    for answer in limited:
        assert answer.body["message"] == "You are being rate limited."
        assert answer.body["global"] is True
        assert 0 < answer.body["retry_after"] <= 1
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.headers["Via"]
        assert answer.headers["X-RateLimit-Global"] == "true"
        assert answer.headers["X-RateLimit-Scope"] == "global"
        assert answer.headers["Retry-After"] == str(math.ceil(answer.body["retry_after"]))
    limit = limit_of(fake)
    assert sorted(r.retry_after for r in limit.rejections) == sorted(
        a.body["retry_after"] for a in limited
    )
    assert len(limit.accepted) == LIMIT and limit.peak_per_second() == LIMIT
    assert [r.fault for r in fake.requests if r.status == 429] == ["global_rate_limited"] * 10
    # all sent at once: the rejected ones were on their way before any 429 came back
    assert limit.ignored_429s() == []


async def test_waiting_retry_after_then_succeeds() -> None:
    async with fake_and_session(connections=1) as (fake, session):
        assert statuses(await burst(session, fake, LIMIT)) == {200: LIMIT, 429: 0}
        refused = await get(session, fake)
        assert refused.status == 429
        await asyncio.sleep(refused.body["retry_after"])
        again = await get(session, fake)
    assert again.status == 200 and again.body["id"] == str(DEFAULT_CHANNEL_ID)
    limit = limit_of(fake)
    (rejection,) = limit.rejections
    assert rejection.retry_after == refused.body["retry_after"]
    assert limit.requests[-1].accepted and limit.requests[-1].at >= rejection.until
    assert limit.ignored_429s() == []
    assert limit.peak_per_second() == LIMIT


async def test_a_request_sent_before_retry_after_is_reported() -> None:
    async with fake_and_session(connections=1) as (fake, session):
        await burst(session, fake, LIMIT)
        first = await get(session, fake)
        too_early = await get(session, fake)
    assert (first.status, too_early.status) == (429, 429)
    limit = limit_of(fake)
    (ignored,) = limit.ignored_429s()
    assert ignored.request is limit.requests[-1]
    assert ignored.rejection is limit.rejections[0]
    assert f"GET {CHANNEL} came" in str(ignored)


async def test_interaction_callbacks_are_not_limited() -> None:
    async with fake_and_session() as (fake, session):
        assert statuses(await burst(session, fake, LIMIT)) == {200: LIMIT, 429: 0}
        for _ in range(5):
            interaction = new_interaction(
                fake,
                type=3,
                data={"custom_id": "menu:go", "component_type": 2},
                user=CLICKER,
                guild_id=DEFAULT_GUILD_ID,
                channel_id=DEFAULT_CHANNEL_ID,
                message=None,
                locale="en-US",
                roles=(),
                permissions=None,
                app_permissions=None,
            )
            url = f"{fake.api_base}/interactions/{interaction.id}/{interaction.token}/callback"
            body = {"type": 4, "data": {"content": "clicked"}}
            async with session.post(url, json=body) as response:
                assert response.status == 200, await response.text()
            assert interaction.callback_statuses == [200]
        assert (await get(session, fake)).status == 429
    limit = limit_of(fake)
    assert len(limit.requests) == LIMIT + 1
    assert not any("/interactions/" in r.path for r in limit.requests)


async def test_without_the_limit_nothing_changes() -> None:
    async with fake_and_session(global_rate_limit=None) as (fake, session):
        answers = await burst(session, fake, LIMIT + 10)
    assert statuses(answers) == {200: LIMIT + 10, 429: 0}
    assert fake.global_limit is None
    assert all(r.fault is None for r in fake.requests)


async def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1 request a second"):
        FakeDiscord(global_rate_limit=0)


# ------------------------------------------------------------------ the real client


async def run_client(fake: FakeDiscord, calls: list[int]) -> list[Any]:
    """Log discord.py's HTTP client in to the fake and fetch every channel in ``calls`` at once.

    ``Route.BASE`` is put back by the ``restore_discord_endpoints`` fixture.
    """
    discord.http.Route.BASE = fake.api_base
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    try:
        await http.static_login(TOKEN)
        fetches = asyncio.gather(*(http.get_channel(channel_id) for channel_id in calls))
        return list(await asyncio.wait_for(fetches, timeout=15))
    finally:
        await http.close()


def assert_honoured(fake: FakeDiscord, channels: list[Any], calls: list[int]) -> None:
    limit = limit_of(fake)
    assert [int(c["id"]) for c in channels] == calls
    assert limit.rejections, "the burst never reached the global limit"
    assert [str(i) for i in limit.ignored_429s()] == []
    assert limit.peak_per_second() <= LIMIT
    fetched = [r for r in fake.requests if r.path.startswith("/channels/")]
    assert sum(r.status == 200 for r in fetched) == len(calls)
    assert {r.status for r in fetched} == {200, 429}


async def test_discord_py_waits_out_global_429s(restore_discord_endpoints: None) -> None:
    calls = [DEFAULT_CHANNEL_ID] * (LIMIT + 10)
    async with FakeDiscord(token=TOKEN, global_rate_limit=LIMIT) as fake:
        channels = await run_client(fake, calls)
    assert_honoured(fake, channels, calls)
    assert not fake.internal_errors, fake.internal_errors


async def test_discord_py_in_parallel_on_many_channels(restore_discord_endpoints: None) -> None:
    """Different channels are different buckets: discord.py sends them all at once."""
    channels_in_guild = [
        FakeChannel(id=DEFAULT_CHANNEL_ID + n, name=f"room-{n}") for n in range(LIMIT + 10)
    ]
    guild = FakeGuild(
        id=DEFAULT_GUILD_ID, name="Busy Guild", channels=channels_in_guild, owner_id=CLICKER.id
    )
    calls = [c.id for c in channels_in_guild]
    async with FakeDiscord(token=TOKEN, global_rate_limit=LIMIT, guilds=[guild]) as fake:
        channels = await run_client(fake, calls)
    assert_honoured(fake, channels, calls)
    assert not fake.internal_errors, fake.internal_errors
