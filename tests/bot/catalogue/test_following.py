"""Every process's title index follows every process's writes: additions, edits and
removals, woken at once on PostgreSQL, and never stopped by one failed look."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import delete
from sqlmodel import col

from bot.catalogue.following import CatalogueFollower
from bot.catalogue.service import CHANGE_LOG_TRUSTED_SECONDS, Catalogue
from db.changes import prune_changes
from db.engine import Database
from db.models import Show, utc_now
from tests.conftest import add_bare_show

WAIT_SECONDS = 10.0
"""How long a test waits for a change to arrive before it fails (the target is 2 s)."""


async def _remove_show(database: Database, show_id: int) -> None:
    async with database.transaction() as session:
        await session.exec(delete(Show).where(col(Show.id) == show_id))


async def _until(condition: object, what: str) -> float:
    """Seconds until `condition()` holds; fails the test after WAIT_SECONDS."""
    assert callable(condition)
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > WAIT_SECONDS:
            pytest.fail(f"{what} did not happen within {WAIT_SECONDS} s")
        await asyncio.sleep(0.01)
    return time.monotonic() - started


@pytest.fixture
def database(database_on_each_backend: Database) -> Database:
    return database_on_each_backend


@pytest.mark.asyncio
async def test_a_removal_elsewhere_leaves_this_index(database: Database) -> None:
    here = await Catalogue.open(database)
    elsewhere = await Catalogue.open(database)
    show_id = await add_bare_show(database, "Kettle Street")
    assert await here.catch_up() == 1 and show_id in here.index
    await _remove_show(database, show_id)
    await here.catch_up()
    assert show_id not in here.index
    # The other process, which never saw the show, ends the same.
    await elsewhere.catch_up()
    assert show_id not in elsewhere.index
    assert here.index.resolve("kettle street").match is None


@pytest.mark.asyncio
async def test_a_process_too_long_away_takes_in_everything(database: Database) -> None:
    catalogue = await Catalogue.open(database)
    show_id = await add_bare_show(database, "Kettle Street")
    gone = catalogue.index.resolve("partner track").match
    assert gone is not None
    await _remove_show(database, gone.entry.show_id)
    async with database.transaction() as session:  # the log forgot both changes
        await prune_changes(session, utc_now().replace(year=2100))
    catalogue.looked_at = time.monotonic() - CHANGE_LOG_TRUSTED_SECONDS - 1
    await catalogue.catch_up()
    assert show_id in catalogue.index
    assert gone.entry.show_id not in catalogue.index


@pytest.mark.asyncio
async def test_the_follower_carries_on_after_a_failed_look(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = await Catalogue.open(database)
    real_catch_up = catalogue.catch_up
    failures = 0

    async def failing_once() -> int:
        nonlocal failures
        if failures == 0:
            failures += 1
            raise RuntimeError("a bug in taking a change in")
        return await real_catch_up()

    monkeypatch.setattr(catalogue, "catch_up", failing_once)
    monkeypatch.setattr("bot.catalogue.following.FAILURE_BACKOFF_SECONDS", (0.01,) * 3)
    follower = CatalogueFollower(catalogue, interval=0.05)
    follower.start()
    try:
        show_id = await add_bare_show(database, "Kettle Street")
        await _until(lambda: show_id in catalogue.index, "taking in the show")
        assert failures == 1
    finally:
        await follower.stop()


@pytest.mark.asyncio
async def test_postgres_wakes_every_process_at_once(postgres_url: str) -> None:
    """With an hour between looks on the timer, only NOTIFY can bring the change in."""
    writer_side = Database(postgres_url)
    reader_side = Database(postgres_url)
    await writer_side.upgrade()
    catalogue = await Catalogue.open(reader_side)
    follower = CatalogueFollower(catalogue, interval=3600)
    follower.start()
    try:
        assert follower.listener is not None
        await asyncio.wait_for(follower.listener.listening.wait(), WAIT_SECONDS)
        show_id = await add_bare_show(writer_side, "Kettle Street")
        await _until(lambda: show_id in catalogue.index, "the NOTIFY-woken look")
        await _remove_show(writer_side, show_id)
        await _until(lambda: show_id not in catalogue.index, "the removal")
    finally:
        await follower.stop()
        await writer_side.dispose()
        await reader_side.dispose()
