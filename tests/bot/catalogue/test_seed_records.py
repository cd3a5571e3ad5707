"""The built-in records: loaded into an empty database, every fact backed by its article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.application import Application
from bot.catalogue.importers import ParsedRow, RowError, read_file
from bot.catalogue.service import BUILTIN_RECORDS
from db.records import RECORDS_FORMAT, ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowStatus
from tests.conftest import stored_show


@dataclass
class _Seed:
    sources: list[SourceRecord]
    shows: list[ShowRecord]


def _document() -> _Seed:
    """The seed file read as `showbot import` and first start read it: every check an
    imported records file gets, it gets."""
    record_file = read_file(BUILTIN_RECORDS)
    assert record_file.format == RECORDS_FORMAT
    items = list(record_file.items)
    assert [i for i in items if isinstance(i, RowError)] == []
    return _Seed(
        sources=[i for i in items if isinstance(i, SourceRecord)],
        shows=[i.record for i in items if isinstance(i, ParsedRow)],
    )


def test_every_quote_is_in_its_article(seeds: dict[str, str]) -> None:
    document = _document()
    assert {s.ref for s in document.sources} == set(seeds)
    for show in document.shows:
        assert show.evidence, f"{show.title} has no evidence"
        for evidence in show.evidence:
            quote = " ".join(evidence.quote.split())
            assert quote in seeds[evidence.source], f"{show.title}: {quote!r} not in the article"


def test_every_named_person_is_in_a_cited_article(seeds: dict[str, str]) -> None:
    for show in _document().shows:
        for credit in show.credits:
            assert isinstance(credit.source, str)
            assert credit.name in seeds[credit.source], credit
            if credit.character:
                assert credit.character in seeds[credit.source], credit


def test_every_fact_names_a_declared_source() -> None:
    document = _document()
    declared = {s.ref for s in document.sources}
    for show in document.shows:
        cited: list[object] = [*show.sources]
        cited += [c.source for c in show.credits] + [s.source for s in show.seasons]
        cited += [h.source for h in show.status_history] + [c.source for c in show.charts]
        cited += [n.source for n in show.notes] + [e.source for e in show.evidence]
        assert cited and set(cited) <= declared, show.title


@pytest.mark.asyncio
async def test_first_start_loads_the_four_shows_once(app: Application) -> None:
    titles = sorted(e.title for e in app.catalogue.index.complete("", limit=25))
    assert titles == [
        "Dahmer – Monster: The Jeffrey Dahmer Story",
        "Partner Track",
        "The Imperfects",
        "The Watcher",
    ]
    assert await app.catalogue.seed_if_empty() is None  # not empty any more: nothing happens


@pytest.mark.asyncio
async def test_partner_track_carries_every_fact(app: Application) -> None:
    show = await stored_show(app, "partner track")
    assert (show.network, show.status, show.status_date) == (
        "Netflix",
        ShowStatus.CANCELLED,
        date(2022, 11, 8),
    )
    assert (show.premiere_date, show.season_count, show.episode_count) == (date(2022, 8, 26), 1, 10)
    assert show.production_company == "Jax Media"
    assert show.based_on is not None and "Helen Wan" in show.based_on
    developers = [
        c.person.name for c in show.credits if c.role is CreditRole.DEVELOPER and c.person
    ]
    assert developers == ["Georgia Lee"]
    cast = {
        c.person.name: c.character for c in show.credits if c.role is CreditRole.ACTOR and c.person
    }
    assert cast["Arden Cho"] == "Ingrid Yun" and cast["Dominic Sherwood"] == "Jeff Murphy"
    assert len(cast) == 15
    [season] = show.seasons
    assert season.cliffhanger is True and season.ending is not None
    assert "Jeff betrayed her" in season.ending
    chart = next(r for r in show.chart_runs if r.peak_rank)
    assert (chart.peak_rank, chart.weeks) == (4, 3)
    assert any(r.hours_viewed == 66_000_000 for r in show.chart_runs)
    assert any("writers' room" in n.text for n in show.notes)
    assert len(show.sources) == 5


@pytest.mark.asyncio
async def test_disagreeing_articles_are_kept_as_a_note(app: Application) -> None:
    show = await stored_show(app, "the imperfects")
    creators = sorted(
        c.person.name for c in show.credits if c.role is CreditRole.CREATOR and c.person
    )
    assert creators == ["Dennis Heaton", "Shelley Eriksen"]
    assert any("Ericksen" in n.text for n in show.notes)


@pytest.mark.asyncio
async def test_dahmer_renewal_is_two_seasons_as_an_anthology(app: Application) -> None:
    show = await stored_show(app, "dahmer")
    [decision] = show.status_changes
    assert decision.new_status is ShowStatus.RENEWED and decision.seasons_ordered == 2
    assert decision.note is not None and "anthology" in decision.note
    assert {a.name for a in show.aliases} >= {"Dahmer", "Monster"}
