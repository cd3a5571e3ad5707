"""`showbot run` processes that each run their own gateway shards (SHARD_COUNT, SHARD_IDS), all
against one fake Discord and one database: how the end-to-end tests and the load benchmark
start, stop and kill them. Each process logs to a file of its own, never to a pipe (a full pipe
would stall the bot's logging, and the bot with it).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import signal
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.fake_discord import FakeDiscord
from tests.showbot_process import SHOWBOT_COMMAND, showbot_environment

_STARTED = itertools.count(1)
"""Numbers the processes started, so a replacement's log does not overwrite its predecessor's."""


@dataclass
class ShardProcess:
    """One running `showbot run` and the shard it runs."""

    shard_id: int
    process: asyncio.subprocess.Process
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def stop(self, grace: float = 15) -> int:
        """SIGTERM, as an operator stops it; killed if it has not ended `grace` seconds later."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                await self.kill()
        return await self.process.wait()

    async def kill(self) -> None:
        """SIGKILL: the process ends at once, its claims and its socket left behind."""
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        await self.process.wait()


async def start_shard(
    fake: FakeDiscord,
    *,
    token: str,
    database_url: str,
    shard_id: int,
    shard_count: int,
    folder: Path,
    **settings: str,
) -> ShardProcess:
    """`showbot run` for shard `shard_id` of `shard_count`, its log in `folder`."""
    environment = showbot_environment(
        None,
        DATABASE_URL=database_url,
        DISCORD_TOKEN=token,
        DISCORD_API_BASE_URL=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        SHARD_COUNT=str(shard_count),
        SHARD_IDS=str(shard_id),
        **settings,
    )
    log_path = folder / f"shard-{shard_id}-{next(_STARTED)}.log"
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            *SHOWBOT_COMMAND, "run", cwd=folder, env=environment, stdout=log_file, stderr=log_file
        )
    return ShardProcess(shard_id=shard_id, process=process, log_path=log_path)
