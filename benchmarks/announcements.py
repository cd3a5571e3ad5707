"""One cancellation fanned out to thousands of subscribed channels, through the project's fake
Discord enforcing Discord's global limit of 50 requests a second.

    python -m benchmarks.announcements                  # 5,000 channels (about two minutes)
    python -m benchmarks.announcements --channels 500   # a quick look

The real bot (its own factory, discord.py, SQLite) runs in this process against the fake on
127.0.0.1. The figures: how long the fan-out took against the least time the limit allows
(channels / 50 s, the baseline no bot can beat) and their ratio (the target is at most 1.25),
the pace at its busiest second, the 429s the fake sent and how many the bot ignored (a request
sent before a 429's retry_after ran out), and the channels with no message (lost) or with
more than one (duplicates).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path

import discord

from bot.announcements.desk import StatusRequest
from bot.application import Application
from bot.discord.client import create_bot
from bot.settings import Settings
from db.vocabulary import ShowStatus
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, FakeDiscord
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild
from tests.e2e.fake_discord.protocol import DEFAULT_OWNER_ID

TOKEN = "MTE3.benchmark-token"
GLOBAL_LIMIT = 50
FIRST_CHANNEL = 1200000000000100000


async def _subscribe(settings: Settings, channels: int) -> int:
    app = await Application.open(settings)
    try:
        for n in range(channels):
            await app.subscriptions.subscribe(
                guild_id=DEFAULT_GUILD_ID, channel_id=FIRST_CHANNEL + n
            )
        match = app.catalogue.index.resolve("the watcher").match
        assert match is not None
        return match.entry.show_id
    finally:
        await app.close()


async def run(channels: int, rate: float) -> dict[str, float]:
    guild = FakeGuild(
        id=DEFAULT_GUILD_ID,
        name="Benchmark",
        channels=[FakeChannel(id=FIRST_CHANNEL + n, name=f"news-{n}") for n in range(channels)],
        owner_id=DEFAULT_OWNER_ID,
    )
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'showbot.db'}",
            discord_token=TOKEN,
            announce_requests_per_second=rate,
            _env_file=None,
        )
        show_id = await _subscribe(settings, channels)
        async with FakeDiscord(token=TOKEN, guilds=[guild], global_rate_limit=GLOBAL_LIMIT) as fake:
            settings = settings.model_copy(
                update={
                    "discord_api_base_url": fake.api_base,
                    "discord_gateway_url": fake.gateway_url,
                }
            )
            app = await Application.open(settings)
            bot = create_bot(app, guild_ready_timeout=0.05)
            task = asyncio.create_task(bot.start(TOKEN))
            try:
                await asyncio.wait_for(bot.wait_until_ready(), timeout=60)
                started = time.monotonic()
                outcome = await app.status.set_status(
                    StatusRequest(show_id=show_id, status=ShowStatus.CANCELLED)
                )
                recorded = time.monotonic() - started

                def delivered() -> int:
                    return sum(1 for n in range(channels) if fake.messages_in(FIRST_CHANNEL + n))

                await fake.wait_for(lambda: delivered() >= channels or None, timeout=channels)
                took = time.monotonic() - started
                await asyncio.sleep(1.0)  # anything late still arrives, to be counted
            finally:
                await bot.close()
                await asyncio.gather(task, return_exceptions=True)
                await app.close()
            limit = fake.global_limit
            assert limit is not None
            counts = [len(fake.messages_in(FIRST_CHANNEL + n)) for n in range(channels)]
            return {
                "channels": outcome.channels,
                "recorded_s": recorded,
                "took_s": took,
                "minimum_s": channels / GLOBAL_LIMIT,
                "peak_per_s": limit.peak_per_second(),
                "429s": len(limit.rejections),
                "ignored_429s": len(limit.ignored_429s()),
                "lost": sum(1 for c in counts if c == 0),
                "duplicates": sum(c - 1 for c in counts if c > 1),
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=5000)
    parser.add_argument(
        "--rate", type=float, default=Settings.model_fields["announce_requests_per_second"].default,
        help="the bot's announcement pace (requests a second; default: the bot's default)",
    )  # fmt: skip
    arguments = parser.parse_args()
    discord.utils.setup_logging(level=logging.WARNING)
    figures = asyncio.run(run(arguments.channels, arguments.rate))
    ratio = figures["took_s"] / figures["minimum_s"]
    print(
        f"fan-out of one cancellation to {figures['channels']:.0f} channels, "
        f"global limit {GLOBAL_LIMIT}/s"
    )
    print(f"  outbox rows written in     {figures['recorded_s'] * 1000:8.0f} ms (one transaction)")
    print(f"  all channels posted in     {figures['took_s']:8.1f} s")
    print(f"  least the limit allows     {figures['minimum_s']:8.1f} s   (baseline)")
    print(f"  ratio                      {ratio:8.2f}     (target: at most 1.25)")
    print(f"  busiest second             {figures['peak_per_s']:8.0f} requests")
    print(f"  429s received / ignored    {figures['429s']:5.0f} / {figures['ignored_429s']:.0f}")
    print(f"  lost / duplicates          {figures['lost']:5.0f} / {figures['duplicates']:.0f}")


if __name__ == "__main__":
    main()
