"""Announcements across restarts: the scheduler's jobs never double, news recorded while the bot
was down goes out when it starts, and a bot killed with SIGKILL in the middle of a 500-channel
fan-out leaves, once started again, exactly one message in every channel."""

from __future__ import annotations

import asyncio
import contextlib
import random
from pathlib import Path

import pytest

from bot.announcements.desk import StatusRequest
from bot.application import Application
from bot.settings import Settings
from db.announcement_tables import DeliveryState
from db.outbox import delivery_counts
from db.vocabulary import ShowStatus
from tests.e2e.conftest import TOKEN, start_showbot, stop_showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, FakeDiscord
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild
from tests.e2e.fake_discord.protocol import DEFAULT_OWNER_ID
from tests.showbot_process import SHOWBOT_COMMAND, showbot_environment

pytestmark = pytest.mark.asyncio

FAN_OUT = 500
FIRST_CHANNEL = 1200000000000010000
SEED = random.SystemRandom().randrange(10**6)


def guild_with(channels: int) -> FakeGuild:
    return FakeGuild(
        id=DEFAULT_GUILD_ID,
        name="Big Guild",
        channels=[FakeChannel(id=FIRST_CHANNEL + n, name=f"news-{n}") for n in range(channels)],
        owner_id=DEFAULT_OWNER_ID,
    )


async def subscribe_all_and_cancel(settings: Settings, channels: int, title: str) -> None:
    """As an operator would from another process: subscriptions, then a status change."""
    app = await Application.open(settings)
    try:
        for n in range(channels):
            await app.subscriptions.subscribe(
                guild_id=DEFAULT_GUILD_ID, channel_id=FIRST_CHANNEL + n
            )
        match = app.catalogue.index.resolve(title).match
        assert match is not None
        request = StatusRequest(show_id=match.entry.show_id, status=ShowStatus.CANCELLED)
        assert (await app.status.set_status(request)).changed
    finally:
        await app.close()


async def test_restarts_and_ready_events_never_add_jobs(
    e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    seen: list[list[str]] = []
    async with FakeDiscord(token=TOKEN) as fake:
        for _ in range(10):
            app, bot, task = await start_showbot(fake, e2e_settings)
            try:
                seen.append(bot.announcements.job_ids())
                # A session Discord will not resume: a new IDENTIFY and a second READY.
                await fake.drop_gateway(resumable=False)
                await fake.wait_until_identified(count=fake.ready_count + 1, timeout=10)
                bot.announcements.start()  # as if on_ready started it again
                seen.append(bot.announcements.job_ids())
            finally:
                await stop_showbot(app, bot, task)
    assert all(ids == seen[0] for ids in seen), seen
    assert seen[0] == [
        "announcements:delivery-lease",
        "announcements:plan",
        "announcements:relay",
    ]


async def test_news_recorded_while_the_bot_was_down_goes_out_when_it_starts(
    e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    async with FakeDiscord(token=TOKEN, guilds=[guild_with(3)]) as fake:
        await subscribe_all_and_cancel(e2e_settings, 3, "the watcher")
        app, bot, task = await start_showbot(fake, e2e_settings)
        try:
            for n in range(3):
                message = await fake.wait_for_message_in(FIRST_CHANNEL + n, timeout=10)
                assert (
                    message["embeds"][0]["title"] == "Netflix cancels The Watcher after one season"
                )
        finally:
            await stop_showbot(app, bot, task)


async def _outbox_done(settings: Settings) -> bool:
    app = await Application.open(settings)
    try:
        async with app.database.session() as session:
            counts = await delivery_counts(session)
    finally:
        await app.close()
    return counts.get(DeliveryState.SENT, 0) == FAN_OUT and len(counts) == 1


async def _until_outbox_done(settings: Settings) -> None:
    for _ in range(200):  # the last rows are marked sent a moment after their post
        if await _outbox_done(settings):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the outbox still holds unsent rows 20 s after the last post")


async def test_a_bot_killed_mid_fan_out_posts_each_channel_exactly_once(
    e2e_settings: Settings, tmp_path: Path
) -> None:
    killed_after = random.Random(SEED).randrange(50, FAN_OUT - 100)
    context = f"seed {SEED}: killed after {killed_after} messages"
    async with FakeDiscord(token=TOKEN, guilds=[guild_with(FAN_OUT)]) as fake:
        await subscribe_all_and_cancel(e2e_settings, FAN_OUT, "the watcher")
        environment = showbot_environment(
            e2e_settings.database_url,
            DISCORD_TOKEN=TOKEN,
            DISCORD_API_BASE_URL=fake.api_base,
            DISCORD_GATEWAY_URL=fake.gateway_url,
            ANNOUNCE_REQUESTS_PER_SECOND="50",
        )
        log_path = tmp_path / "bot.log"

        def posted() -> int:
            return sum(len(fake.messages_in(FIRST_CHANNEL + n)) for n in range(FAN_OUT))

        for round_number in range(2):
            with log_path.open("ab") as log_file:
                process = await asyncio.create_subprocess_exec(
                    *SHOWBOT_COMMAND, "run", cwd=tmp_path, env=environment,
                    stdout=log_file, stderr=log_file,
                )  # fmt: skip
            try:
                if round_number == 0:
                    await fake.wait_for(lambda: posted() >= killed_after or None, timeout=60)
                else:
                    await fake.wait_for(lambda: posted() >= FAN_OUT or None, timeout=60)
                    await _until_outbox_done(e2e_settings)
            finally:
                with contextlib.suppress(ProcessLookupError):  # if it died, the waits said why
                    process.kill()
                await process.wait()
        per_channel = [len(fake.messages_in(FIRST_CHANNEL + n)) for n in range(FAN_OUT)]
        assert per_channel == [1] * FAN_OUT, context
        attempts = len(fake.requests_to("POST", r"/channels/\d+/messages"))
        assert FAN_OUT <= attempts <= FAN_OUT + 8, f"{context}: {attempts} posts"
    assert "Traceback" not in log_path.read_text(errors="replace"), context
