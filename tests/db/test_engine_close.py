"""Closing the database lets the sessions still open finish first: a stopping bot's last
read is not cut off mid-query (its connection left to the garbage collector)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from db.engine import Database

pytestmark = pytest.mark.asyncio


async def test_dispose_waits_for_the_sessions_still_open(database_url: str) -> None:
    database = Database(database_url)
    await database.upgrade()
    finished: list[str] = []

    async def last_read() -> None:
        async with database.session() as session:
            await asyncio.sleep(0.2)  # an answer still at work when the bot is told to stop
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
            finished.append("read")

    reading = asyncio.create_task(last_read())
    await asyncio.sleep(0.05)
    await database.dispose()
    assert finished == ["read"]
    await reading


async def test_dispose_gives_up_waiting_after_its_time(database_url: str) -> None:
    database = Database(database_url)
    await database.upgrade()
    release = asyncio.Event()

    async def held() -> None:
        async with database.session():
            await release.wait()

    holding = asyncio.create_task(held())
    await asyncio.sleep(0.05)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await database.dispose(wait=0.2)
    assert 0.15 < loop.time() - started < 2
    release.set()
    await holding
