"""What the load test runs against: a scratch PostgreSQL database, and the `showbot run`
processes (one gateway shard each) on it, started, killed and replaced, with what their logs
said about it afterwards."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from db.notifications import driver_dsn
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.shard_processes import ShardProcess, start_shard

READY_SECONDS = 120.0
"""How long a process may take to start and identify on a loaded machine."""


class PostgresUnreachableError(Exception):
    """The PostgreSQL server named could not be reached, or refused the scratch database."""


@asynccontextmanager
async def scratch_database(base_url: str) -> AsyncIterator[str]:
    """A new, empty database beside the one `base_url` names, dropped afterwards."""
    import asyncpg

    url = make_url(base_url)
    name = f"showbot_load_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(driver_dsn(base_url))
    except (OSError, asyncpg.PostgresError) as error:
        raise PostgresUnreachableError(
            f"The load test could not reach PostgreSQL at {url.render_as_string()}: {error}"
        ) from error
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@dataclass
class LogSummary:
    name: str
    exit_code: int | None
    errors: list[str]
    """Lines logged at ERROR or CRITICAL, and tracebacks' last lines."""
    warnings: int


def summarise(process: ShardProcess, name: str) -> LogSummary:
    lines = process.log().splitlines()
    errors = [line for line in lines if re.search(r" (ERROR|CRITICAL) ", line)]
    errors += [line for line in lines if line.startswith(("Traceback", "  File"))][:1]
    warnings = sum(1 for line in lines if " WARNING " in line)
    return LogSummary(name, process.process.returncode, errors, warnings)


@dataclass
class Cluster:
    """The bot's processes, one a shard, all on one database and one fake Discord."""

    fake: FakeDiscord
    token: str
    database_url: str
    shard_count: int
    folder: Path
    settings: dict[str, str]
    running: dict[int, ShardProcess] = field(default_factory=dict)
    ended: list[tuple[str, ShardProcess]] = field(default_factory=list)

    async def start(self, shard_id: int) -> ShardProcess:
        process = await start_shard(
            self.fake,
            token=self.token,
            database_url=self.database_url,
            shard_id=shard_id,
            shard_count=self.shard_count,
            folder=self.folder,
            **self.settings,
        )
        self.running[shard_id] = process
        return process

    async def start_all(self) -> float:
        """Every shard's process, until all have identified and the commands are synced;
        how long that took."""
        started = time.monotonic()
        for shard_id in range(self.shard_count):
            await self.start(shard_id)
        await self.fake.wait_until_identified(count=self.shard_count, timeout=READY_SECONDS)
        await self.fake.wait_for_request(
            "PUT", r"/applications/\d+/commands", timeout=READY_SECONDS
        )
        return time.monotonic() - started

    async def kill_and_replace(self, shard_id: int) -> float:
        """SIGKILL the shard's process, start another for it; seconds until it identified."""
        killed = self.running.pop(shard_id)
        await killed.kill()
        self.ended.append((f"shard {shard_id} (killed)", killed))
        ready = self.fake.ready_count
        started = time.monotonic()
        await self.start(shard_id)
        await self.fake.wait_until_identified(count=ready + 1, timeout=READY_SECONDS)
        return time.monotonic() - started

    def pids(self) -> dict[str, int]:
        return {f"shard {shard}": process.pid for shard, process in self.running.items()}

    async def stop_all(self) -> list[LogSummary]:
        """SIGTERM every running process; what each process's log held."""
        for shard_id, process in sorted(self.running.items()):
            await process.stop()
            self.ended.append((f"shard {shard_id}", process))
        self.running.clear()
        return [summarise(process, name) for name, process in self.ended]
