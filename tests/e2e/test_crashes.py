"""SIGKILL at random moments, and processes that start or import at once: the next start
always opens the database and answers, and an import is all or nothing. On the run's backend:
a SQLite file, or a PostgreSQL database.

The moments come from a seeded generator; the seed is in each assertion's message, so a
failure can be replayed with SHOWBOT_CRASH_SEED. SHOWBOT_CRASH_ROUNDS sets how many kills
each test makes (20 unless set).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import Database
from tests.backends import new_database
from tests.e2e.conftest import ASKER, TOKEN
from tests.e2e.fake_discord import FakeDiscord, FakeInteraction
from tests.showbot_process import SHOWBOT_COMMAND, showbot_environment

pytestmark = pytest.mark.asyncio

ROUNDS = int(os.environ.get("SHOWBOT_CRASH_ROUNDS", "20"))
SEED = int(os.environ.get("SHOWBOT_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))
QUESTION = "is partner track cancelled"
IMPORT_ROWS = 1500


async def _showbot(arguments: Sequence[str], database: str, **extra: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *SHOWBOT_COMMAND,
        *arguments,
        env=showbot_environment(database, **extra),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=600)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def _killed_after(arguments: Sequence[str], database: str, delay: float) -> None:
    process = await asyncio.create_subprocess_exec(
        *SHOWBOT_COMMAND,
        *arguments,
        env=showbot_environment(database),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await asyncio.wait_for(process.wait(), timeout=delay)
    except TimeoutError:
        # It may have ended in the instant between the timeout and the kill.
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


async def _answers(database: str, context: str) -> None:
    code, out, err = await _showbot(["ask", QUESTION], database)
    assert (code, "Traceback" in err) == (0, False), f"{context}\n{err}"
    assert out.startswith("Partner Track (2022)"), f"{context}\n{out}{err}"


async def test_first_start_killed_anywhere_starts_next_time(tmp_path: Path) -> None:
    generator = random.Random(SEED)
    for round_number in range(ROUNDS):
        async with new_database(tmp_path, f"first-{round_number}.db") as database:
            # Most kills land in the first half second, where the schema and the built-in
            # records are made; the rest anywhere in a start.
            delay = generator.uniform(0.0, 0.5) if round_number % 4 else generator.uniform(0.5, 1.5)
            await _killed_after(["ask", QUESTION], database, delay)
            await _answers(database, f"seed {SEED}, round {round_number}, killed at {delay:.3f} s")


def _write_csv(path: Path, rows: int, tag: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["title", "year", "type", "network", "genres", "cast"])
        for number in range(rows):
            writer.writerow(
                [
                    f"Crash Test {tag} {number}",
                    2000 + number % 25,
                    "TV Show",
                    "Netflix",
                    "Drama, Comedy",
                    f"Actor {tag}{number}, Actress {tag}{number}",
                ]
            )


async def _show_count(url: str) -> int:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return int((await connection.execute(text("SELECT count(*) FROM show"))).scalar_one())
    finally:
        await database.dispose()


async def _import_time(tmp_path: Path) -> float:
    """Seconds a whole import takes, first start excluded: where the kills may land."""
    async with new_database(tmp_path, "timing.db") as timing:
        await _answers(timing, "timing database")
        started = asyncio.get_running_loop().time()
        sample = tmp_path / "sample.csv"
        _write_csv(sample, IMPORT_ROWS, "timing")
        code, _, err = await _showbot(["import", str(sample)], timing)
        assert code == 0, err
        return asyncio.get_running_loop().time() - started


async def test_an_import_killed_anywhere_is_all_or_nothing(tmp_path: Path) -> None:
    generator = random.Random(SEED)
    whole = await _import_time(tmp_path)
    async with new_database(tmp_path, "imports.db") as database:
        await _all_or_nothing(generator, database, whole, tmp_path)


async def _all_or_nothing(
    generator: random.Random, database: str, whole: float, tmp_path: Path
) -> None:
    await _answers(database, "before any import")
    seeded = await _show_count(database)
    committed = 0
    for round_number in range(ROUNDS):
        rows = tmp_path / f"rows-{round_number}.csv"
        _write_csv(rows, IMPORT_ROWS, str(round_number))
        delay = generator.uniform(0.0, whole)
        await _killed_after(["import", str(rows)], database, delay)
        context = f"seed {SEED}, round {round_number}, killed at {delay:.3f} s of {whole:.3f}"
        count = await _show_count(database)
        assert count in (
            seeded + committed * IMPORT_ROWS,
            seeded + (committed + 1) * IMPORT_ROWS,
        ), f"{context}: {count} shows"
        committed = (count - seeded) // IMPORT_ROWS
        await _answers(database, context)
    last = tmp_path / "last.csv"
    _write_csv(last, IMPORT_ROWS, "last")
    code, out, err = await _showbot(["import", str(last)], database)
    assert code == 0 and f"{IMPORT_ROWS} new" in out, err


async def test_four_first_starts_at_once_all_answer(database_url: str) -> None:
    results = await asyncio.gather(*(_showbot(["ask", QUESTION], database_url) for _ in range(4)))
    for code, out, err in results:
        assert code == 0 and out.startswith("Partner Track (2022)"), err
    assert await _show_count(database_url) == 4  # the built-in records, loaded once


async def test_two_imports_at_once_both_land(tmp_path: Path, database_url: str) -> None:
    await _answers(database_url, "before the imports")
    seeded = await _show_count(database_url)
    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for tag, path in zip("ab", files, strict=True):
        _write_csv(path, IMPORT_ROWS, tag)
    results = await asyncio.gather(*(_showbot(["import", str(p)], database_url) for p in files))
    for code, out, err in results:
        assert code == 0 and f"{IMPORT_ROWS} new" in out, err
    assert await _show_count(database_url) == seeded + 2 * IMPORT_ROWS


async def test_a_bot_killed_while_answering_answers_after_a_restart(
    tmp_path: Path, database_url: str
) -> None:
    generator = random.Random(SEED)
    log_path = tmp_path / "bot.log"
    async with FakeDiscord(token=TOKEN) as fake:
        environment = showbot_environment(
            database_url,
            DISCORD_TOKEN=TOKEN,
            DISCORD_API_BASE_URL=fake.api_base,
            DISCORD_GATEWAY_URL=fake.gateway_url,
        )
        for round_number in range(ROUNDS):
            context = f"seed {SEED}, round {round_number}"
            with log_path.open("ab") as log_file:
                process = await asyncio.create_subprocess_exec(
                    *SHOWBOT_COMMAND,
                    "run",
                    cwd=tmp_path,
                    env=environment,
                    stdout=log_file,
                    stderr=log_file,
                )
            try:
                await fake.wait_until_identified(timeout=60, count=round_number + 1)
                answered = await _status(fake, "imperfects")
                message = await answered.wait_for_message(timeout=20)
                assert message["embeds"][0]["title"] == "The Imperfects (2022)", context
                await _status(fake, "partner track")
                await asyncio.sleep(generator.uniform(0.0, 0.3))
            finally:
                process.kill()
                await process.wait()
    assert "Traceback" not in log_path.read_text(errors="replace")


async def _status(fake: FakeDiscord, title: str) -> FakeInteraction:
    option = {"type": 3, "name": "title", "value": title}
    return await fake.send_command(
        "show", user=ASKER, options=[{"type": 1, "name": "status", "options": [option]}]
    )
