"""Two writers that store the same new person or source at once both commit, on PostgreSQL,
where writers run side by side (an import beside an editor, or any two processes; SQLite lets
one writer at a time). Skips without SHOWBOT_TEST_POSTGRES_URL.

The second writer reaches the shared row while the first still holds it uncommitted, and
waits; the first commits; the second then takes the first's row and commits too, where a plain
INSERT on the unique name or ref failed with a unique violation.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import func, text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue import CatalogueWriter
from db.catalogue.restore import create_show
from db.engine import Database
from db.models import Person, Show, Source
from db.queries import load_show
from db.records import ShowRecord, SourceRecord
from tests.db.conftest import upgraded

pytestmark = pytest.mark.asyncio

NEW_PERSON = "Nadia Okonkwo-Reyes"
NEW_SOURCE = SourceRecord(ref="test:new-source", title="A source no writer stored yet")
WAIT_LIMIT_SECONDS = 60.0
"""How long the second writer may take to reach the first's uncommitted row (it is there
within milliseconds): past it the test fails instead of hanging."""

Write = Callable[[AsyncSession, ShowRecord], Awaitable[None]]


async def _import(session: AsyncSession, record: ShowRecord) -> None:
    """As an import writes a batch."""
    writer = CatalogueWriter(session)
    writer.declare_sources([NEW_SOURCE])
    await writer.prefetch([record])
    await writer.stage(record)
    await writer.write_staged()
    await writer.close()


async def _edit(session: AsyncSession, record: ShowRecord) -> None:
    """As the editing desk adds a show."""
    await create_show(session, record, [NEW_SOURCE])


WRITERS: dict[str, Write] = {"import": _import, "edit": _edit}


def _record(title: str, shared: str) -> ShowRecord:
    """A show crediting the new person, or citing the new source (and crediting someone of
    its own), as `shared` says."""
    person = NEW_PERSON if shared == "person" else f"Someone of {title}"
    credit: dict[str, object] = {"name": person, "character": "Lead"}
    if shared == "source":
        credit["source"] = NEW_SOURCE.ref
    record = {"title": title, "year": 2025, "credits": [credit]}
    if shared == "source":
        record["sources"] = [NEW_SOURCE.ref]
    return ShowRecord.model_validate(record)


@pytest_asyncio.fixture
async def database(postgres_url: str) -> AsyncIterator[Database]:
    async with upgraded(postgres_url) as database:
        yield database


async def _in_transaction(database: Database, write: Write, record: ShowRecord) -> None:
    async with database.transaction() as session:
        await write(session, record)


async def until_waiting_for_a_lock(database: Database, second: asyncio.Task[Any]) -> None:
    """Returns once a session of this database waits for a lock (the second writer, on the
    first's uncommitted row)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while not second.done():
        async with database.engine.connect() as connection:
            if (await connection.execute(query)).scalar():
                return
        if time.monotonic() > deadline:
            pytest.fail("the second writer never reached the row the first holds")
        await asyncio.sleep(0.02)
    second.result()  # it ended without waiting: raises what it raised
    pytest.fail("the second writer did not wait for the first one's uncommitted row")


@pytest.mark.parametrize("shared", ["person", "source"])
@pytest.mark.parametrize(
    ("first", "second"), [("import", "import"), ("import", "edit"), ("edit", "import")]
)
async def test_both_writers_commit(
    database: Database, shared: str, first: str, second: str
) -> None:
    first_record = _record("First Show", shared)
    second_record = _record("Second Show", shared)
    async with database.transaction() as session:
        await WRITERS[first](session, first_record)
        waiting = asyncio.create_task(_in_transaction(database, WRITERS[second], second_record))
        await until_waiting_for_a_lock(database, waiting)
    await waiting  # the old code failed here, with a unique violation

    async with database.session() as session:
        shows = [s for s in await session.exec(select(Show.id).order_by(col(Show.id))) if s]
        assert len(shows) == 2
        loaded = [await load_show(session, show_id) for show_id in shows]
        people = (await session.exec(select(func.count()).select_from(Person))).one()
        sources = (await session.exec(select(func.count()).select_from(Source))).one()
    assert all(show is not None and show.credits for show in loaded)
    credits = [show.credits[0] for show in loaded if show is not None]
    if shared == "person":
        assert people == 1
        assert credits[0].person_id == credits[1].person_id
    else:
        assert people == 2 and sources == 1
        assert credits[0].source_id == credits[1].source_id is not None
        assert [show.sources[0].ref for show in loaded if show is not None] == [NEW_SOURCE.ref] * 2
