"""Two `showbot run` processes sharing the guilds, one gateway shard each (SHARD_COUNT=2,
SHARD_IDS=0 and 1), on one database: each identifies its own shard only, a slash command in a
guild of either shard is answered by the process running that shard, and both start and stop
cleanly. On PostgreSQL both deliver announcements; on SQLite only one may, so the second is
started with DELIVER_ANNOUNCEMENTS=false.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from tests.conftest import database_on
from tests.e2e.conftest import ASKER, TOKEN
from tests.e2e.fake_discord import FakeDiscord, FakeInteraction
from tests.e2e.fake_discord.entities import FakeGuild, guilds_over_shards
from tests.e2e.shard_processes import ShardProcess, start_shard

pytestmark = pytest.mark.asyncio

SHARDS = 2
GUILDS = guilds_over_shards(SHARDS, 2)


async def ask_status(fake: FakeDiscord, guild: FakeGuild, title: str) -> FakeInteraction:
    return await fake.send_command(
        "show",
        user=ASKER,
        guild_id=guild.id,
        channel_id=guild.channels[0].id,
        options=[
            {"type": 1, "name": "status", "options": [{"type": 3, "name": "title", "value": title}]}
        ],
    )


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_two_processes_each_run_their_shard_and_answer_its_guilds(
    backend: str, tmp_path: Path
) -> None:
    processes: list[ShardProcess] = []
    async with (
        database_on(backend, tmp_path) as database_url,
        FakeDiscord(token=TOKEN, guilds=[g for gs in GUILDS.values() for g in gs]) as fake,
    ):
        try:
            for shard in range(SHARDS):
                # On SQLite one process delivers: the other is told not to.
                quiet = {"DELIVER_ANNOUNCEMENTS": "false"} if backend == "sqlite" and shard else {}
                processes.append(
                    await start_shard(
                        fake,
                        token=TOKEN,
                        database_url=database_url,
                        shard_id=shard,
                        shard_count=SHARDS,
                        folder=tmp_path,
                        LOG_LEVEL="INFO",
                        **quiet,
                    )
                )
            await fake.wait_until_identified(count=SHARDS, timeout=60)
            await fake.wait_for_request("PUT", r"/applications/\d+/commands", timeout=30)
            asked = {
                shard: await ask_status(fake, GUILDS[shard][1], "imperfects") for shard in GUILDS
            }
            for shard, interaction in asked.items():
                message = await interaction.wait_for_message(timeout=15)
                assert message["embeds"][0]["title"] == "The Imperfects (2022)"
                assert interaction.shard == [shard, SHARDS], "sent to the shard owning the guild"
                assert interaction.callback_statuses == [200]
            assert all(p.process.returncode is None for p in processes), "both still running"
        finally:
            codes = await asyncio.gather(*(p.stop() for p in processes))
        logs = [p.log() for p in processes]
        assert codes == [0] * SHARDS, logs
        assert sorted(p["shard"] for p in fake.identify_payloads) == [[0, SHARDS], [1, SHARDS]]
        for shard, log in enumerate(logs):
            connected = re.findall(r"Shard ID (\d+) has connected to Gateway", log)
            assert connected == [str(shard)], log
            assert "Traceback" not in log and " ERROR " not in log, log
            assert TOKEN not in log
        assert fake.unknown_requests == []
        assert fake.internal_errors == []
