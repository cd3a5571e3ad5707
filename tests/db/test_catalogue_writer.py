"""Merging records: idempotent, found again by external id or title and year, sourced."""

from __future__ import annotations

from datetime import date

import pytest

from db.catalogue import CatalogueWriter, UnknownSourceError, UpsertOutcome, count_shows
from db.engine import Database
from db.queries import load_show
from db.records import ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowStatus

ARTICLE = SourceRecord(ref="test:article", title="A test article", url="https://example.org/a")


def _record(**fields: object) -> ShowRecord:
    base: dict[str, object] = {"title": "Partner Track", "year": 2022, "network": "Netflix"}
    base.update(fields)
    return ShowRecord.model_validate(base)


async def _write_batch(database: Database, batch: list[ShowRecord]) -> list[UpsertOutcome]:
    """As an import writes a batch: looked up together, staged, written with one flush."""
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        await writer.prefetch(batch)
        for record in batch:
            await writer.stage(record)
        return await writer.write_staged()


async def _write(database: Database, *records: ShowRecord) -> list[tuple[int, bool, bool]]:
    async with database.transaction() as session:
        writer = CatalogueWriter(session)
        writer.declare_sources([ARTICLE])
        outcomes = [await writer.upsert(r) for r in records]
    return [(o.show_id, o.created, o.changed) for o in outcomes]


@pytest.mark.asyncio
async def test_writing_the_same_record_twice_changes_nothing(database: Database) -> None:
    record = _record(
        status="cancelled",
        status_date="2022-11-08",
        sources=["test:article"],
        credits=[{"name": "Arden Cho", "character": "Ingrid Yun", "billing": 1}],
        seasons=[{"number": 1, "episode_count": 10, "cliffhanger": True}],
        aliases=["PT"],
        external_ids={"tmdb": 1234},
    )
    [(show_id, created, changed)] = await _write(database, record)
    assert created and changed
    async with database.session() as session:
        first = await load_show(session, show_id)
    assert await _write(database, record) == [(show_id, False, False)]
    async with database.session() as session:
        again = await load_show(session, show_id)
        assert await count_shows(session) == 1
    assert first is not None and again is not None
    assert again.updated_at == first.updated_at
    assert len(again.credits) == 1 and len(again.seasons) == 1 and len(again.status_changes) == 1


@pytest.mark.asyncio
async def test_found_again_by_external_id_even_when_renamed(database: Database) -> None:
    [(show_id, _, _)] = await _write(database, _record(external_ids={"tvmaze": "1"}))
    [(same_id, created, changed)] = await _write(
        database, _record(title="Partner Track (US)", external_ids={"tvmaze": "1"})
    )
    assert (same_id, created, changed) == (show_id, False, True)


@pytest.mark.asyncio
async def test_title_and_year_tell_remakes_apart(database: Database) -> None:
    outcomes = await _write(
        database,
        _record(title="MacGyver", year=1985),
        _record(title="MacGyver", year=2016),
        _record(title="macgyver", year=2016, network="CBS"),
    )
    assert outcomes[0][0] != outcomes[1][0]
    assert outcomes[2] == (outcomes[1][0], False, True)


@pytest.mark.asyncio
async def test_partial_records_keep_what_is_stored(database: Database) -> None:
    [(show_id, _, _)] = await _write(
        database, _record(logline="A lawyer climbs.", status="cancelled", status_date="2022-11-08")
    )
    await _write(database, _record(logline=None, season_count=1))
    async with database.session() as session:
        show = await load_show(session, show_id)
    assert show is not None
    assert show.logline == "A lawyer climbs."
    assert show.status is ShowStatus.CANCELLED and show.status_date == date(2022, 11, 8)
    assert show.season_count == 1


@pytest.mark.asyncio
async def test_a_status_change_is_recorded_with_the_old_status(database: Database) -> None:
    [(show_id, _, _)] = await _write(database, _record(status="awaiting decision"))
    await _write(
        database, _record(status="renewed", status_date="2023-01-02", sources=["test:article"])
    )
    async with database.session() as session:
        show = await load_show(session, show_id)
    assert show is not None
    changes = [(c.old_status, c.new_status) for c in show.status_changes]
    assert changes == [
        (None, ShowStatus.AWAITING_DECISION),
        (ShowStatus.AWAITING_DECISION, ShowStatus.RENEWED),
    ]
    assert show.status_changes[-1].source is not None
    assert show.status_changes[-1].source.url == "https://example.org/a"


@pytest.mark.asyncio
async def test_people_are_shared_between_shows(database: Database) -> None:
    await _write(
        database,
        _record(credits=[{"name": "Ryan Murphy", "role": "creator"}], title="The Watcher"),
        _record(credits=[{"name": "Ryan Murphy", "role": "creator"}], title="Monster"),
    )
    async with database.session() as session:
        first = await load_show(session, 1)
        second = await load_show(session, 2)
    assert first is not None and second is not None
    assert first.credits[0].person_id == second.credits[0].person_id
    assert first.credits[0].role is CreditRole.CREATOR


@pytest.mark.asyncio
async def test_an_undeclared_source_is_refused(database: Database) -> None:
    with pytest.raises(UnknownSourceError):
        await _write(database, _record(sources=["nowhere"]))


@pytest.mark.asyncio
async def test_records_work_the_same_on_postgres(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        await database.upgrade()
        record = _record(
            status="cancelled",
            sources=["test:article"],
            credits=[{"name": "Arden Cho", "character": "Ingrid Yun"}],
            external_ids={"tmdb": "9"},
        )
        [(show_id, created, _)] = await _write(database, record)
        assert created
        assert await _write(database, record) == [(show_id, False, False)]
    finally:
        await database.dispose()


@pytest.mark.asyncio
async def test_a_missing_year_merges_unless_the_networks_disagree(database: Database) -> None:
    [(yearless, _, _)] = await _write(database, _record(title="The Watcher", year=None))
    [(other, created, _)] = await _write(
        database, _record(title="The Watcher", year=1999, network="ABC")
    )
    assert created and other != yearless
    [(same, created, changed)] = await _write(database, _record(title="The Watcher", year=2022))
    assert (same, created, changed) == (yearless, False, True)


@pytest.mark.asyncio
async def test_different_ids_in_one_catalogue_keep_same_titled_shows_apart(
    database: Database,
) -> None:
    # The Netflix dataset lists some titles twice, under two ids: two entries there.
    first = _record(title="15-Aug", year=2019, external_ids={"netflix-titles": "s3963"})
    second = _record(title="15-Aug", year=2019, external_ids={"netflix-titles": "s5967"})
    [(one, _, _), (two, _, _)] = await _write(database, first, second)
    assert one != two
    assert await _write(database, first, second) == [(one, False, False), (two, False, False)]


@pytest.mark.asyncio
async def test_a_batch_is_written_as_if_each_record_were_written_at_once(
    database: Database,
) -> None:
    [(stored_id, _, _)] = await _write(
        database, _record(external_ids={"tvmaze": "1", "imdb": "tt1"})
    )
    arden = {"name": "Arden Cho", "character": "Ingrid Yun", "billing": 1}
    bradley = {"name": "Bradley Gibson", "character": "Tyler Robinson", "billing": 3}
    batch = [
        _record(title="Brand New Show", year=2024, credits=[arden]),
        _record(title="brand new show", year=2024, logline="The same show, found again."),
        # Found by different ids of one stored show; the second must see the first's credit.
        _record(external_ids={"tvmaze": "1"}, credits=[arden]),
        _record(title="Partner Track (US)", external_ids={"imdb": "tt1"}, credits=[arden, bradley]),
    ]
    outcomes = await _write_batch(database, batch)
    new_id = outcomes[0].show_id
    assert [(o.show_id, o.created, o.changed) for o in outcomes] == [
        (new_id, True, True),
        (new_id, False, True),
        (stored_id, False, True),
        (stored_id, False, True),
    ]
    async with database.session() as session:
        stored = await load_show(session, stored_id)
        new = await load_show(session, new_id)
        assert await count_shows(session) == 2
    assert stored is not None and new is not None
    assert stored.title == "Partner Track (US)"
    assert sorted(c.person.name for c in stored.credits if c.person) == [
        "Arden Cho",
        "Bradley Gibson",
    ]
    assert new.logline == "The same show, found again."


@pytest.mark.asyncio
async def test_a_credit_cites_the_latest_source_that_names_it(database: Database) -> None:
    credit = {"name": "Arden Cho", "character": "Ingrid Yun", "source": "test:article"}
    [(show_id, _, _)] = await _write(database, _record(credits=[credit]))
    review = SourceRecord(ref="test:review", title="A test review")
    moved = _record(credits=[{**credit, "source": review}])
    assert await _write(database, moved) == [(show_id, False, True)]
    assert await _write(database, moved) == [(show_id, False, False)]
    async with database.session() as session:
        show = await load_show(session, show_id)
    assert show is not None and show.credits[0].source is not None
    assert show.credits[0].source.ref == "test:review"


@pytest.mark.asyncio
async def test_a_show_renamed_in_a_batch_is_no_longer_found_by_its_old_title(
    database: Database,
) -> None:
    [stored_id] = [o[0] for o in await _write(database, _record(external_ids={"tmdb": "1"}))]
    batch = [
        _record(title="Partner Track (US)", external_ids={"tmdb": "1"}),
        _record(logline="Another show, under the title the stored one had."),
    ]
    outcomes = await _write_batch(database, batch)
    assert outcomes[0].show_id == stored_id and not outcomes[0].created
    assert outcomes[1].created  # as when each record is written at once
    async with database.session() as session:
        renamed = await load_show(session, stored_id)
    assert renamed is not None and renamed.title == "Partner Track (US)"
    assert renamed.logline is None
