"""`showbot run`, the real entry point, as a process against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from pathlib import Path

import pytest

from tests.e2e.conftest import ASKER, TOKEN
from tests.e2e.fake_discord import FakeDiscord
from tests.showbot_process import SHOWBOT_COMMAND

pytestmark = pytest.mark.asyncio


def _environment(fake: FakeDiscord, database_url: str) -> dict[str, str]:
    """The user's environment, but the bot's settings point at the fake and a new database."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    return {
        **kept,
        "DISCORD_TOKEN": TOKEN,
        "DATABASE_URL": database_url,
        "DISCORD_API_BASE_URL": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }


async def test_showbot_run_logs_in_syncs_answers_and_stops_on_sigterm(
    tmp_path: Path, database_url: str
) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        environment = {**_environment(fake, database_url), "LOG_LEVEL": "DEBUG"}
        log_path = tmp_path / "showbot.log"
        log_file = log_path.open("wb")
        # A file, not a pipe: a full pipe would stall the bot's logging, and the bot with it.
        process = await asyncio.create_subprocess_exec(
            *SHOWBOT_COMMAND, "run", cwd=tmp_path, env=environment, stdout=log_file, stderr=log_file
        )
        try:
            await fake.wait_until_identified(timeout=30)
            await fake.wait_for_request("PUT", r"/applications/\d+/commands", timeout=10)
            interaction = await fake.send_command(
                "show",
                user=ASKER,
                options=[
                    {
                        "type": 1,
                        "name": "status",
                        "options": [{"type": 3, "name": "title", "value": "imperfects"}],
                    }
                ],
            )
            message = await interaction.wait_for_message(timeout=10)
            assert message["embeds"][0]["title"] == "The Imperfects (2022)"
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=15)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            log_file.close()
        logs = log_path.read_text(encoding="utf-8", errors="replace")
        assert process.returncode == 0, logs
        assert re.search(r"synced \d+ commands to all guilds", logs), logs
        assert TOKEN not in logs
        assert fake.unknown_requests == []
        assert "Websocket closed with 1000" in logs  # a clean goodbye, not a dropped line
        assert "Traceback" not in logs


async def test_showbot_sync_registers_the_commands_at_once(
    tmp_path: Path, database_url: str
) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        environment = _environment(fake, database_url)
        for _ in range(2):  # forced: it syncs even when nothing changed
            process = await asyncio.create_subprocess_exec(
                *SHOWBOT_COMMAND, "sync", cwd=tmp_path, env=environment
            )
            assert await asyncio.wait_for(process.wait(), timeout=30) == 0
        assert len(fake.requests_to("PUT", r"/applications/\d+/commands")) == 2
        assert "show" in [c["name"] for c in fake.registered_commands[None]]
        assert fake.gateway_connections == []  # a sync needs no gateway session
        assert fake.unknown_requests == []


async def test_a_refused_token_is_one_sentence(tmp_path: Path, database_url: str) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        environment = {**_environment(fake, database_url), "DISCORD_TOKEN": "not-the-token"}
        process = await asyncio.create_subprocess_exec(
            *SHOWBOT_COMMAND,
            "run",
            cwd=tmp_path,
            env=environment,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    assert "Discord refused the token in DISCORD_TOKEN" in err.decode()
    assert "Traceback" not in err.decode()
    assert "not-the-token" not in err.decode()


@pytest.mark.sqlite_only("one SQLite file has one deliverer; on PostgreSQL every process delivers")
async def test_a_second_delivering_process_on_one_sqlite_file_refuses_to_start(
    tmp_path: Path, sqlite_url: str
) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        environment = _environment(fake, sqlite_url)
        log_file = (tmp_path / "first.log").open("wb")
        first = await asyncio.create_subprocess_exec(
            *SHOWBOT_COMMAND, "run", cwd=tmp_path, env=environment, stdout=log_file, stderr=log_file
        )
        quiet: asyncio.subprocess.Process | None = None
        try:
            await fake.wait_until_identified(timeout=30)
            second = await asyncio.create_subprocess_exec(
                *SHOWBOT_COMMAND,
                "run",
                cwd=tmp_path,
                env=environment,
                stderr=asyncio.subprocess.PIPE,
            )
            _, err = await asyncio.wait_for(second.communicate(), timeout=60)
            assert second.returncode == 2, err.decode()
            assert "already delivers announcements" in err.decode()
            assert "DELIVER_ANNOUNCEMENTS=false" in err.decode()
            assert "Traceback" not in err.decode()
            # Told not to deliver, it starts beside the first.
            quiet = await asyncio.create_subprocess_exec(
                *SHOWBOT_COMMAND,
                "run",
                cwd=tmp_path,
                env={**environment, "DELIVER_ANNOUNCEMENTS": "false"},
                stdout=log_file,
                stderr=log_file,
            )
            await fake.wait_until_identified(count=2, timeout=30)
        finally:
            for process in (first, quiet):
                if process is not None and process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    await asyncio.wait_for(process.wait(), timeout=15)
            log_file.close()
        assert first.returncode == 0
