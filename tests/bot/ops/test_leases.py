"""Leases: one process at a time holds each, another takes it when it runs out or its holder
died on this host; on SQLite a second delivering process is refused with what to do."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import pytest_asyncio

from bot.announcements.planner import SchedulePlanner
from bot.announcements.scheduler import AnnouncementScheduler
from bot.application import Application
from bot.ops.leases import HOST, ClusterLeases, SecondDelivererError, died_here
from bot.settings import Settings
from tests.bot.announcements.kept_courier import KeptCourier, relay_for

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def on_each(app_on_each_backend: Application) -> AsyncIterator[Application]:
    yield app_on_each_backend


def _dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


async def test_a_lease_is_held_by_one_until_it_runs_out(on_each: Application) -> None:
    first = ClusterLeases(on_each.database, "host-a:1:1")
    second = ClusterLeases(on_each.database, "host-b:2:2")
    assert await first.take("job:x", timedelta(milliseconds=300))
    assert not await second.take("job:x", timedelta(minutes=1))
    assert await first.take("job:x", timedelta(milliseconds=300))  # renewed by its holder
    await asyncio.sleep(0.4)
    assert await second.take("job:x", timedelta(minutes=1))
    assert not await first.take("job:x", timedelta(minutes=1))
    await second.release("job:x")
    assert await first.take("job:x", timedelta(minutes=1))


@pytest.mark.sqlite_only(
    "one SQLite file has one deliverer (test_postgres_lets_every_process_deliver is its twin)"
)
async def test_a_second_deliverer_on_sqlite_is_refused_with_what_to_do(app: Application) -> None:
    await ClusterLeases(app.database, "elsewhere:1:1").take_delivering()
    with pytest.raises(SecondDelivererError) as refused:
        await ClusterLeases(app.database, "host-b:2:2").take_delivering()
    assert "elsewhere:1:1" in str(refused.value)
    assert "DELIVER_ANNOUNCEMENTS=false" in str(refused.value)
    assert "PostgreSQL" in str(refused.value)


@pytest.mark.sqlite_only("one SQLite file has one deliverer, whose lease this takes over")
async def test_a_deliverer_that_died_on_this_host_is_taken_over_at_once(
    app: Application,
) -> None:
    dead = f"{HOST}:{_dead_pid()}:1"
    assert died_here(dead) and not died_here("elsewhere:1:1")
    await ClusterLeases(app.database, dead).take_delivering()
    await ClusterLeases(app.database, "host-b:2:2").take_delivering()  # no refusal
    holder = await ClusterLeases(app.database).holder_of("deliver:sqlite")
    assert holder is not None and holder.holder == "host-b:2:2"


async def test_postgres_lets_every_process_deliver(postgres_url: str) -> None:
    app = await Application.open(Settings(database_url=postgres_url, _env_file=None))
    try:
        await ClusterLeases(app.database, "host-a:1:1").take_delivering()
        await ClusterLeases(app.database, "host-b:2:2").take_delivering()
    finally:
        await app.close()


async def test_planning_runs_in_one_process_at_a_time(on_each: Application) -> None:
    planned: list[str] = []

    class CountingPlanner(SchedulePlanner):
        def __init__(self, holder: str) -> None:
            super().__init__(on_each.database)
            self.holder = holder

        async def plan(self) -> int:
            planned.append(self.holder)
            return await super().plan()

    schedulers = [
        AnnouncementScheduler(
            relay_for(on_each, KeptCourier()),
            CountingPlanner(holder),
            poll_seconds=10,
            leases=ClusterLeases(on_each.database, holder),
        )
        for holder in ("host-a:1:1", "host-b:2:2")
    ]
    for _ in range(3):
        for scheduler in schedulers:
            await scheduler.plan()
    assert planned == ["host-a:1:1"] * 3


@pytest.mark.sqlite_only("SQLite's one write lock, held by another connection to the file")
async def test_a_busy_sqlite_file_defers_delivery_instead_of_refusing(
    app: Application, sqlite_url: str
) -> None:
    """An import holding the write lock is not a second deliverer: the bot starts, and
    delivers once the database is free."""
    writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert not await ClusterLeases(app.database, "host-a:1:1").take_delivering()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert await ClusterLeases(app.database, "host-a:1:1").take_delivering()


async def test_delivering_processes_share_the_bots_pace(postgres_url: str) -> None:
    """Discord's limit is the bot's: two processes delivering (on PostgreSQL, where several
    may) post at half the rate each."""
    on_each = await Application.open(Settings(database_url=postgres_url, _env_file=None))
    try:
        await _share_the_pace(on_each)
    finally:
        await on_each.close()


async def _share_the_pace(on_each: Application) -> None:
    relays = [relay_for(on_each, KeptCourier()) for _ in range(2)]
    schedulers = [
        AnnouncementScheduler(
            relay, SchedulePlanner(on_each.database), poll_seconds=10,
            leases=ClusterLeases(on_each.database, holder),
        )
        for relay, holder in zip(relays, ("host-a:1:1", "host-b:2:2"), strict=True)
    ]  # fmt: skip
    for scheduler in schedulers:
        scheduler.delivering = True
    await schedulers[0].keep_delivering()
    assert relays[0].sharing == 1
    await schedulers[1].keep_delivering()
    await schedulers[0].keep_delivering()
    assert [relay.sharing for relay in relays] == [2, 2]
    assert relays[0].pacer.capacity == int(relays[0].rate / 2)
