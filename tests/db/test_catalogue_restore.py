"""Restoring a show from its record: over what is stored (`replace_show`), or after it was
removed (`recreate_show`); on SQLite, and on PostgreSQL when SHOWBOT_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import func
from sqlmodel import col, select

from bot.catalogue.service import BUILTIN_RECORDS
from db.catalogue import CatalogueWriter, UnknownSourceError
from db.catalogue.restore import recreate_show, replace_show
from db.engine import Database
from db.models import Credit, Person, Show, Source
from db.queries import load_show
from db.records import ShowRecord, SourceRecord
from tests.db.test_catalogue_export import export_text, import_file, show_ids, stored_record

pytestmark = pytest.mark.asyncio

MUTATION_SOURCE = SourceRecord(ref="test:mutation", title="Where the changes came from")


@pytest_asyncio.fixture
async def seeded(backend_url: str) -> AsyncIterator[Database]:
    """A catalogue of the built-in records, on SQLite, then on PostgreSQL."""
    database = Database(backend_url)
    try:
        await database.upgrade()
        await import_file(database, BUILTIN_RECORDS)
        yield database
    finally:
        await database.dispose()


async def _write(database: Database, *records: ShowRecord) -> list[int]:
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        writer.declare_sources([MUTATION_SOURCE])
        ids = [(await writer.upsert(record)).show_id for record in records]
        await writer.close()
    return ids


async def _replace(database: Database, show_id: int, record: dict[str, Any], **kwargs: Any) -> None:
    async with database.transaction() as session:
        show = await load_show(session, show_id)
        assert show is not None
        await replace_show(session, show, ShowRecord.model_validate(record), **kwargs)


async def _updated_at(database: Database, show_id: int) -> object:
    async with database.session() as session:
        show = await session.get(Show, show_id)
        assert show is not None
        return show.updated_at


def _changes(original: dict[str, Any], number: int) -> list[ShowRecord]:
    """Two records that change nearly everything about a show: the first found by its title
    (and gives it an id elsewhere), the second by that id, renaming it."""
    first_credit = original["credits"][0]["name"]
    tvmaze = {"tvmaze": f"9{number}"}
    heavy = {
        "title": original["title"],
        "year": original.get("year"),
        "kind": "film",
        "genres": ["Changed"],
        "network": "Elsewhere",
        "logline": "Not what it was.",
        "status": "cancelled" if original.get("status") == "renewed" else "renewed",
        "status_date": "2030-01-01",
        "external_ids": tvmaze,
        "aliases": ["Mutated alias", {"name": "Another", "note": "added"}],
        "sources": ["test:mutation"],
        "seasons": [
            {"number": 1, "episode_count": 99, "ending": "Changed.", "source": "test:mutation"},
            {"number": 7, "episode_count": 3},
        ],
        "credits": [
            {"name": "A New Person", "role": "writer", "source": "test:mutation"},
            {"name": first_credit, "role": "director"},
            {"name": original["credits"][-1]["name"], "character": "Someone else", "billing": 99},
        ],
        "charts": [{"chart": "A new chart", "weeks": 1}],
        "notes": [{"topic": "mutation", "text": "Added by the test.", "source": "test:mutation"}],
    }
    renamed = {"title": f"Renamed {number}", "year": 1999, "external_ids": tvmaze}
    return [ShowRecord.model_validate(heavy), ShowRecord.model_validate(renamed)]


def _without_history(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "status_history"}


# -- replace_show --------------------------------------------------------------------------------


async def test_replace_undoes_a_heavy_merge(seeded: Database) -> None:
    for number, show_id in enumerate(await show_ids(seeded)):
        original = await stored_record(seeded, show_id)
        assert await _write(seeded, *_changes(original, number)) == [show_id, show_id]
        changed = await stored_record(seeded, show_id)
        assert changed["title"] == f"Renamed {number}" and changed != original
        await _replace(seeded, show_id, original)
        restored = await stored_record(seeded, show_id)
        assert _without_history(restored) == _without_history(original)
        # The decisions are the caller's: the one the changes recorded is still there.
        assert restored["status_history"] == changed["status_history"]
        assert len(restored["status_history"]) == len(original["status_history"]) + 1
        assert all(entry in restored["status_history"] for entry in original["status_history"])


async def test_a_replaced_show_is_found_by_its_restored_title_only(seeded: Database) -> None:
    [show_id, *_] = await show_ids(seeded)
    original = await stored_record(seeded, show_id)
    await _write(seeded, *_changes(original, 0))
    await _replace(seeded, show_id, original)
    by_title = ShowRecord(title=original["title"], year=original.get("year"))
    assert await _write(seeded, by_title) == [show_id]
    renamed = ShowRecord(title="Renamed 0", year=1999)
    assert await _write(seeded, renamed) != [show_id]


async def test_replacing_with_what_is_stored_changes_nothing(seeded: Database) -> None:
    show_id = (await show_ids(seeded))[0]
    original = await stored_record(seeded, show_id)
    before = await _updated_at(seeded, show_id)
    await _replace(seeded, show_id, original)
    assert await _updated_at(seeded, show_id) == before
    assert await stored_record(seeded, show_id) == original
    await _replace(seeded, show_id, {**original, "logline": "Changed."})
    assert await _updated_at(seeded, show_id) != before


async def test_a_field_the_record_leaves_out_is_cleared(seeded: Database) -> None:
    show_id = (await show_ids(seeded))[0]
    original = await stored_record(seeded, show_id)
    await _replace(seeded, show_id, {"title": original["title"]})
    assert await stored_record(seeded, show_id) == {
        "title": original["title"],
        "kind": "series",
        "status_history": original["status_history"],
    }


async def test_a_person_credited_elsewhere_survives(seeded: Database) -> None:
    first, second = await _write(
        seeded,
        ShowRecord.model_validate({"title": "One", "credits": [{"name": "Shared Person"}]}),
        ShowRecord.model_validate(
            {"title": "Two", "credits": [{"name": "Shared Person", "role": "creator"}]}
        ),
    )
    original = await stored_record(seeded, first)
    await _replace(seeded, first, {"title": "One"})
    async with seeded.session() as session:
        people = (await session.exec(select(Person).where(Person.name == "Shared Person"))).all()
        assert len(people) == 1
    assert (await stored_record(seeded, second))["credits"] == [
        {"name": "Shared Person", "role": "creator"}
    ]
    await _replace(seeded, first, original)
    assert await stored_record(seeded, first) == original
    async with seeded.session() as session:
        person_ids = await session.exec(
            select(Credit.person_id).where(col(Credit.show_id).in_([first, second]))
        )
        assert set(person_ids) == {people[0].id}


async def test_a_source_must_be_stored_or_declared(seeded: Database) -> None:
    show_id = (await show_ids(seeded))[0]
    original = await stored_record(seeded, show_id)
    citing = {**original, "sources": ["test:new"]}
    with pytest.raises(UnknownSourceError):
        await _replace(seeded, show_id, citing)
    assert await stored_record(seeded, show_id) == original  # the transaction rolled back
    declared = SourceRecord(ref="test:new", title="New", published_on=date(2024, 1, 2))
    await _replace(seeded, show_id, citing, sources=[declared])
    assert (await stored_record(seeded, show_id))["sources"] == ["test:new"]


# -- recreate_show -------------------------------------------------------------------------------


async def _delete(database: Database, show_id: int) -> None:
    async with database.transaction() as session:
        show = await load_show(session, show_id)
        await session.delete(show)
        await session.flush()


async def test_a_deleted_show_is_recreated_under_its_id(seeded: Database) -> None:
    whole = await export_text(seeded)
    for show_id in await show_ids(seeded):
        original = await stored_record(seeded, show_id)
        await _delete(seeded, show_id)
        assert show_id not in await show_ids(seeded)
        async with seeded.transaction() as session:
            show = await recreate_show(session, ShowRecord.model_validate(original), show_id)
            assert show.id == show_id
        assert await stored_record(seeded, show_id) == original
    assert await export_text(seeded) == whole
    async with seeded.session() as session:
        count = (await session.exec(select(func.count()).select_from(Person))).one()
    assert count == len({c["name"] for s in _shows(whole) for c in s.get("credits", [])})


def _shows(text: str) -> list[dict[str, Any]]:
    shows: list[dict[str, Any]] = json.loads(text)["shows"]
    return shows


async def test_recreated_in_the_transaction_that_deleted_it(seeded: Database) -> None:
    show_id = (await show_ids(seeded))[-1]
    original = await stored_record(seeded, show_id)
    async with seeded.transaction() as session:
        show = await load_show(session, show_id)
        await session.delete(show)
        await session.flush()
        await recreate_show(session, ShowRecord.model_validate(original), show_id)
    assert await stored_record(seeded, show_id) == original


async def test_new_shows_never_take_a_recreated_id(seeded: Database) -> None:
    far = max(await show_ids(seeded)) + 100
    record = ShowRecord.model_validate(
        {"title": "Brought Back", "sources": ["test:mutation"], "status": "ended"}
    )
    async with seeded.transaction() as session:
        await recreate_show(session, record, far, sources=[MUTATION_SOURCE])
        stored = (await session.exec(select(Source).where(Source.ref == "test:mutation"))).one()
        assert stored.title == MUTATION_SOURCE.title
    [new_id] = await _write(seeded, ShowRecord(title="Brand New"))
    assert new_id > far
    assert (await stored_record(seeded, far))["title"] == "Brought Back"
