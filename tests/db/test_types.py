from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from db.engine import Database
from db.models import AppState


@pytest.mark.asyncio
async def test_datetimes_come_back_aware_and_in_utc(database: Database) -> None:
    paris = timezone(timedelta(hours=1))
    written = datetime(2022, 11, 8, 10, 30, tzinfo=paris)
    async with database.transaction() as session:
        session.add(AppState(key="k", value="v", updated_at=written))
    async with database.session() as session:
        state = await session.get(AppState, "k")
    assert state is not None
    assert state.updated_at.tzinfo is not None
    assert state.updated_at.utcoffset() == timedelta(0)
    assert state.updated_at == written


@pytest.mark.asyncio
async def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with database.transaction() as session:
            session.add(AppState(key="k", value="v", updated_at=datetime(2022, 11, 8)))  # noqa: DTZ001


def test_default_timestamps_are_utc() -> None:
    assert AppState(key="k", value="v").updated_at.tzinfo is UTC
