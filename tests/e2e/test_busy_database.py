"""The bot starts and answers while another process holds the database's write lock for
longer than the bot would wait (an import, say): it carries on without its own small write."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.conftest import ASKER, TOKEN
from tests.e2e.fake_discord import FakeDiscord
from tests.showbot_process import SHOWBOT_COMMAND, showbot_environment

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.sqlite_only("SQLite's one write lock: PostgreSQL's writers do not wait on it"),
]


async def test_the_bot_starts_and_answers_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    database = tmp_path / "showbot.db"
    environment = showbot_environment(f"sqlite:///{database}")
    first = await asyncio.create_subprocess_exec(
        *SHOWBOT_COMMAND,
        "ask",
        "imperfects",
        cwd=tmp_path,
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
    )
    assert await first.wait() == 0  # a catalogue to answer from
    log_path = tmp_path / "bot.log"
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as an import does, for all of its file
    try:
        async with FakeDiscord(token=TOKEN) as fake:
            bot_environment = {
                **environment,
                "DISCORD_TOKEN": TOKEN,
                "DISCORD_API_BASE_URL": fake.api_base,
                "DISCORD_GATEWAY_URL": fake.gateway_url,
            }
            with log_path.open("wb") as log_file:
                process = await asyncio.create_subprocess_exec(
                    *SHOWBOT_COMMAND,
                    "run",
                    cwd=tmp_path,
                    env=bot_environment,
                    stdout=log_file,
                    stderr=log_file,
                )
            try:
                await fake.wait_until_identified(timeout=60)
                option = {"type": 3, "name": "title", "value": "imperfects"}
                interaction = await fake.send_command(
                    "show", user=ASKER, options=[{"type": 1, "name": "status", "options": [option]}]
                )
                message = await interaction.wait_for_message(timeout=20)
                assert message["embeds"][0]["title"] == "The Imperfects (2022)"
                assert process.returncode is None  # still running, not dead of a busy database
            finally:
                # The import ends, then the bot is stopped as a service manager would.
                writer.execute("ROLLBACK")
                process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), timeout=60)
                except TimeoutError:
                    process.kill()
                    await process.wait()
                    pytest.fail(
                        "the bot did not stop within 60 s of SIGTERM:\n"
                        + log_path.read_text(errors="replace")
                    )
    finally:
        writer.close()
    logs = log_path.read_text(errors="replace")
    assert "could not note the command sync" in logs
    assert "Traceback" not in logs
