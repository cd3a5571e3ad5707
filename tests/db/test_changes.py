"""The change log: written by the database itself for every write to a show or its names,
and followed without losing a change however transactions interleave."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, update
from sqlmodel import col

from db.changes import ChangeCursor, changes_after, current_cursor, prune_changes
from db.engine import Database
from db.models import Alias, Show, utc_now
from tests.conftest import add_bare_show


async def _changed(database: Database, cursor: ChangeCursor) -> tuple[set[int], ChangeCursor]:
    async with database.session() as session:
        return await changes_after(session, cursor)


@pytest.fixture
def database(database_on_each_backend: Database) -> Database:
    return database_on_each_backend


@pytest.mark.asyncio
async def test_every_write_to_a_show_or_its_names_is_logged(database: Database) -> None:
    async with database.session() as session:
        start = await current_cursor(session)
    first = await add_bare_show(database, "Kettle Street")
    second = await add_bare_show(database, "Lantern Room")
    shows, cursor = await _changed(database, start)
    assert shows == {first, second}
    assert (await _changed(database, cursor))[0] == set()

    async with database.transaction() as session:
        session.add(Alias(show_id=first, name="Kettle St"))
    shows, cursor = await _changed(database, cursor)
    assert shows == {first}

    async with database.transaction() as session:
        await session.exec(update(Show).where(col(Show.id) == second).values(year=2024))
    shows, cursor = await _changed(database, cursor)
    assert shows == {second}

    # A removal is a change too (its names go with it, by cascade).
    async with database.transaction() as session:
        await session.exec(delete(Show).where(col(Show.id) == first))
    shows, cursor = await _changed(database, cursor)
    assert shows == {first}


@pytest.mark.asyncio
async def test_a_write_rolled_back_is_not_logged(database: Database) -> None:
    async with database.session() as session:
        start = await current_cursor(session)
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            session.add(Show(title="Never Was", genres=[]))
            await session.flush()
            raise RuntimeError("changed my mind")
    assert (await _changed(database, start))[0] == set()


@pytest.mark.asyncio
async def test_old_changes_are_forgotten(database: Database) -> None:
    async with database.session() as session:
        start = await current_cursor(session)
    await add_bare_show(database, "Kettle Street")
    async with database.transaction() as session:
        assert await prune_changes(session, utc_now() - timedelta(days=1)) == 0
    async with database.transaction() as session:
        assert await prune_changes(session, utc_now() + timedelta(minutes=1)) >= 1
    assert (await _changed(database, start))[0] == set()


@pytest.mark.asyncio
async def test_a_long_transaction_committing_late_is_not_lost(postgres_url: str) -> None:
    """On PostgreSQL ids are handed out at write time: an import's rows get ids below those
    of an edit that commits before it. A follower going by ids alone would skip them."""
    database = Database(postgres_url)
    await database.upgrade()
    try:
        async with database.session() as session:
            start = await current_cursor(session)
        async with database.transaction() as long_import:
            early = Show(title="Written First, Committed Last", genres=[])
            long_import.add(early)
            await long_import.flush()
            late = await add_bare_show(database, "Written Later, Committed First")
            shows, cursor = await _changed(database, start)
            assert shows == {late}
        assert early.id is not None and early.id < late
        shows, cursor = await _changed(database, cursor)
        assert shows == {early.id}
        assert (await _changed(database, cursor))[0] == set()
    finally:
        await database.dispose()
