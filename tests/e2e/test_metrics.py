"""The operator's endpoint on a running bot: /healthz and Prometheus /metrics, with the
commands served, deliveries, the outbox and the gateway as they are."""

from __future__ import annotations

import asyncio
import math
import re
import socket

import aiohttp
import pytest

from bot.application import Application
from bot.discord.client import ShowBot
from bot.ops.endpoint import OpsEndpointError
from bot.settings import Settings
from db.announcement_tables import DeliveryState
from db.outbox import delivery_counts
from tests.e2e.conftest import TOKEN, Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.test_announcement_restarts import (
    FIRST_CHANNEL,
    guild_with,
    subscribe_all_and_cancel,
)

pytestmark = pytest.mark.asyncio


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _value(metrics: str, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", metrics, re.MULTILINE)
    assert found is not None, f"{name} is not in /metrics:\n{metrics}"
    return float(found.group(1))


async def test_health_and_metrics_say_how_the_bot_is(
    e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    async with FakeDiscord(token=TOKEN, guilds=[guild_with(2)]) as fake:
        await _health_and_metrics(fake, e2e_settings)


async def _health_and_metrics(fake: FakeDiscord, e2e_settings: Settings) -> None:
    port = _free_port()
    await subscribe_all_and_cancel(e2e_settings, 2, "the watcher")
    settings = e2e_settings.model_copy(update={"metrics_port": port})
    app, bot, task = await start_showbot(fake, settings)
    base = f"http://127.0.0.1:{port}"
    try:
        running = Showbot(fake=fake, app=app, bot=bot, task=task)
        for n in range(2):
            await fake.wait_for_message_in(FIRST_CHANNEL + n, timeout=10)
        await running.slash("status", title="partner track")
        await running.guard(_first_heartbeat(bot))
        await running.guard(_all_marked_sent(app))
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as health:
                assert health.status == 200
                assert await health.json() == {"database": "ok", "gateway": "ok"}
            async with http.get(f"{base}/metrics") as answer:
                assert answer.status == 200
                assert answer.headers["Content-Type"].startswith("text/plain")
                metrics = await answer.text()
        served = 'showbot_commands_total{command="show status",outcome="ok"}'
        assert _value(metrics, served) >= 1
        assert _value(metrics, 'showbot_deliveries_total{outcome="sent"}') >= 2
        assert _value(metrics, "showbot_outbox_due") == 0
        assert _value(metrics, "showbot_change_log_behind") == 0
        assert _value(metrics, "showbot_question_resolution_seconds_count") >= 1
        assert 0 <= _value(metrics, 'showbot_gateway_latency_seconds{shard="0"}') < 5

        await bot.close()
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.ClientConnectionError):
                await http.get(f"{base}/healthz")  # closed with the bot
    finally:
        await stop_showbot(app, bot, task)


async def _first_heartbeat(bot: ShowBot) -> None:
    # The latency is known once the first heartbeat is acknowledged (guard() bounds this).
    while not math.isfinite(bot.latency):  # noqa: ASYNC110
        await asyncio.sleep(0.05)


async def _all_marked_sent(app: Application) -> None:
    # A post is marked sent just after Discord answers it (guard() bounds this).
    while True:
        async with app.database.session() as session:
            if await delivery_counts(session) == {DeliveryState.SENT: 2}:
                return
        await asyncio.sleep(0.05)


async def test_a_port_already_taken_is_one_sentence(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = e2e_settings.model_copy(update={"metrics_port": port})
        with pytest.raises(AssertionError, match="failed to start") as failed:
            await start_showbot(fake, settings)
    cause = failed.value.__cause__
    assert isinstance(cause, OpsEndpointError)
    assert f"127.0.0.1:{port}" in str(cause) and "METRICS_PORT" in str(cause)
