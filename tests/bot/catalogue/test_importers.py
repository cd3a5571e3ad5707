"""Reading catalogue files (CSV, TVMaze, TMDB) and importing them: all or nothing, idempotent."""

from __future__ import annotations

import datetime as dt
import gc
import json
import tracemalloc
from pathlib import Path

import pytest

from bot.application import Application
from bot.catalogue import service
from bot.catalogue.importers import (
    ParsedRow,
    RecordFile,
    RowError,
    UnreadableFileError,
    read_file,
)
from bot.catalogue.importers.csv_files import NETFLIX_TITLES_SCHEME
from bot.catalogue.importers.fields import plain_text
from bot.catalogue.service import Catalogue, Importer, ImportReport
from bot.cli.imports import import_files
from bot.settings import Settings
from db.catalogue import count_shows
from db.engine import Database
from db.records import ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowKind, ShowStatus
from tests.conftest import stored_show

FIXTURES = Path(__file__).with_name("fixtures")
CATALOGUE_CSV = FIXTURES / "catalogue.csv"
TVMAZE_SHOW = FIXTURES / "tvmaze_show.json"
TVMAZE_LINES = FIXTURES / "tvmaze_shows.jsonl"
TMDB_SHOW = FIXTURES / "tmdb_tv.json"


def _records(record_file: RecordFile) -> list[ParsedRow]:
    items = list(record_file.items)
    errors = [i for i in items if isinstance(i, RowError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, ParsedRow)]


def _errors(path: Path) -> list[tuple[int, str]]:
    return [(i.line, i.message) for i in read_file(path).items if isinstance(i, RowError)]


def _cast(record: ShowRecord) -> list[tuple[str, str | None, int | None]]:
    return [(c.name, c.character, c.billing) for c in record.credits if c.role is CreditRole.ACTOR]


async def _show_count(app: Application) -> int:
    async with app.database.session() as session:
        return await count_shows(session)


# -- CSV ----------------------------------------------------------------------------------------


def test_a_csv_maps_its_columns_whatever_their_case() -> None:
    record_file = read_file(CATALOGUE_CSV)
    assert record_file.format == "CSV" and record_file.total_rows == 3
    items = list(read_file(CATALOGUE_CSV).items)
    source = items[0]
    assert isinstance(source, SourceRecord)
    assert source.ref == "import:catalogue.csv" and "catalogue.csv" in source.title
    lantern, kettle, paper = _records(record_file)
    # The first row's logline spans two lines; the next row starts after it.
    assert [lantern.line, kettle.line, paper.line] == [2, 4, 5]
    record = lantern.record
    assert (record.title, record.year, record.network) == ("The Lantern Room", 2020, "Northgate TV")
    assert record.status is ShowStatus.CANCELLED and record.status_date == dt.date(2022, 11, 8)
    assert record.premiere_date == dt.date(2020, 5, 1)
    assert (record.season_count, record.episode_count) == (2, 16)
    assert record.logline == "Two archivists find a map in a lighthouse. Nobody believes them."
    assert record.genres == ["Mystery", "Drama"]
    assert record.external_ids == {"tmdb": "990901", "imdb": "tt9900901"}
    assert record.sources == ["import:catalogue.csv"]
    # Whitespace around names goes, and so does a name that is only whitespace.
    assert _cast(record) == [
        ("Ada Quill", None, 1),
        ("Tomas Brenn", None, 2),
        ("Ines Vale", None, 3),
    ]
    assert [c.name for c in record.credits if c.role is CreditRole.DIRECTOR] == ["Lena Marsh"]
    assert [c.name for c in kettle.record.credits] == ["Rue Okafor", "Sam Hale"]  # nbsp trimmed
    assert kettle.record.status is ShowStatus.RENEWED
    assert paper.record.status is ShowStatus.AWAITING_DECISION and paper.record.year is None


def test_bad_csv_rows_are_reported_with_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "title,year,status,logline\n"
        'Good One,2020,renewed,"spans\n'
        'two lines"\n'
        ",2021,,no title\n"
        "Soon,next year,,\n"
        "Hiatus,2019,on hiatus,\n"
        "\n"
        "Too Many,2019,,,extra\n"
        "Good Two,2022,,\n",
        encoding="utf-8",
    )
    assert _errors(path) == [
        (4, "no title"),
        (5, "year 'next year' is not a number"),
        (6, "unknown show status 'on hiatus'"),
        (8, "5 fields, but the header names 4"),
    ]


def test_a_csv_without_a_title_column_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name,year\nFoo,2020\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="no 'title' column"):
        read_file(path)


def test_a_file_that_is_not_utf8_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("title\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(UnreadableFileError, match="not UTF-8"):
        read_file(path)


# -- TVMaze -------------------------------------------------------------------------------------


def test_a_tvmaze_show_maps_its_fields() -> None:
    record_file = read_file(TVMAZE_SHOW)
    assert record_file.format == "TVMaze shows"
    [row] = _records(record_file)
    record = row.record
    assert (record.title, record.kind, record.year) == ("Harbour Lights", ShowKind.SERIES, 2021)
    assert (record.network, record.country) == ("Northgate TV", "United Kingdom")
    assert record.status is ShowStatus.ENDED and record.premiere_date == dt.date(2021, 3, 4)
    assert record.genres == ["Drama", "Crime"]
    assert record.logline == (
        "Harbour Lights follows a harbour pilot & her brother as they uncover smuggling in a "
        "small port town. Two seasons."
    )
    assert record.external_ids == {"tvmaze": "990001", "imdb": "tt9900001", "thetvdb": "990101"}
    [source] = record.sources
    assert isinstance(source, SourceRecord)
    assert source.url == "https://www.tvmaze.com/shows/990001/harbour-lights"
    # One actor in two parts is one credit; names are trimmed of (non-breaking) spaces.
    assert _cast(record) == [
        ("Ada Quill", "Maren Holt", 1),
        ("Tomas Brenn", "Jon Holt", 2),
        ("Ines Vale", "Dora Keel / Cora Keel", 3),
    ]
    assert record.season_count == 2
    assert [
        (s.number, s.premiere_date, s.finale_date, s.episode_count) for s in record.seasons
    ] == [
        (1, dt.date(2021, 3, 4), dt.date(2021, 4, 8), 6),
        (2, dt.date(2022, 3, 31), dt.date(2022, 5, 12), 8),
    ]


def test_tvmaze_lines_with_a_web_channel_and_episodes() -> None:
    record_file = read_file(TVMAZE_LINES)
    assert record_file.format == "TVMaze shows lines" and record_file.total_rows == 2
    orbit, notes = _records(record_file)
    assert (orbit.line, notes.line) == (1, 3)
    assert orbit.record.network == "Streamly" and orbit.record.status is ShowStatus.RETURNING
    # Seasons come from the episodes when no seasons are embedded; specials are left out.
    assert [(s.number, s.episode_count) for s in orbit.record.seasons] == [(1, 2), (2, 1)]
    assert (orbit.record.season_count, orbit.record.episode_count) == (2, 3)
    assert notes.record.status is ShowStatus.AWAITING_DECISION
    assert notes.record.genres is None and notes.record.credits == []


def test_a_json_array_of_tvmaze_shows_reports_bad_items_on_their_line(tmp_path: Path) -> None:
    good = json.loads(TVMAZE_SHOW.read_text(encoding="utf-8"))
    nameless = {**good, "id": 990009, "name": None}
    undated = {**good, "id": 990010, "premiered": "March 2021"}
    path = tmp_path / "shows.json"
    path.write_text(json.dumps([good, nameless, undated], indent=2), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    assert _errors(path) == [
        (starts[1], "no name"),
        (starts[2], "premiered 'March 2021' is not a date (YYYY-MM-DD)"),
    ]


def test_html_summaries_become_plain_text() -> None:
    assert plain_text("<p>One&nbsp;<i>two</i></p><p>three<br>four</p>") == "One two three four"
    assert plain_text("") is None and plain_text(None) is None


# -- TMDB ---------------------------------------------------------------------------------------


def test_tmdb_tv_details_map_their_fields() -> None:
    record_file = read_file(TMDB_SHOW)
    assert record_file.format == "TMDB TV details"
    [row] = _records(record_file)
    record = row.record
    assert (record.title, record.original_title, record.year) == ("Harbour Lights", None, 2021)
    assert record.status is ShowStatus.CANCELLED
    assert (record.network, record.country) == ("Northgate TV", "GB")
    assert (record.season_count, record.episode_count) == (2, 14)
    assert record.production_company == "Saltmarsh Pictures, Quayside Films"
    assert record.external_ids == {"tmdb": "9901001", "imdb": "tt9900001", "thetvdb": "990101"}
    [source] = record.sources
    assert isinstance(source, SourceRecord)
    assert source.url == "https://www.themoviedb.org/tv/9901001"
    creators = [c.name for c in record.credits if c.role is CreditRole.CREATOR]
    assert creators == ["Lena Marsh"]
    # Billing follows `order`, not the order of the list; every role's character is kept.
    assert _cast(record) == [
        ("Ada Quill", "Maren Holt", 1),
        ("Tomas Brenn", "Jon Holt", 2),
        ("Ines Vale", "Dora Keel / Cora Keel", 3),
    ]
    # Season 0 ("Specials") is not a season.
    assert [(s.number, s.premiere_date, s.episode_count) for s in record.seasons] == [
        (1, dt.date(2021, 3, 4), 6),
        (2, dt.date(2022, 3, 31), 8),
    ]


def test_a_tmdb_miniseries_is_a_limited_series(tmp_path: Path) -> None:
    details = json.loads(TMDB_SHOW.read_text(encoding="utf-8"))
    path = tmp_path / "mini.json"
    path.write_text(json.dumps({**details, "type": "Miniseries", "status": "Ended"}), "utf-8")
    [row] = _records(read_file(path))
    assert row.record.status is ShowStatus.LIMITED_SERIES


def test_json_nobody_recognises_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"kind": "something else"}', encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="expected a showbot records document"):
        read_file(path)


# -- importing ----------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("path", [CATALOGUE_CSV, TVMAZE_SHOW, TVMAZE_LINES, TMDB_SHOW])
async def test_importing_a_file_twice_changes_nothing(app: Application, path: Path) -> None:
    first = await app.catalogue.import_file(path)
    assert first.committed and first.created == first.rows > 0, first.summary()
    shows = await _show_count(app)
    again = await app.catalogue.import_file(path)
    assert again.committed
    assert (again.created, again.updated, again.unchanged) == (0, 0, again.rows)
    assert await _show_count(app) == shows


@pytest.mark.asyncio
async def test_an_imported_csv_is_stored_and_found_by_title(app: Application) -> None:
    report = await app.catalogue.import_file(CATALOGUE_CSV)
    assert (report.rows, report.created, report.committed) == (3, 3, True)
    show = await stored_show(app, "lantern room")
    assert show.title == "The Lantern Room" and show.status is ShowStatus.CANCELLED
    cast = sorted(
        (c.billing_order, c.person.name if c.person else "")
        for c in show.credits
        if c.role is CreditRole.ACTOR
    )
    assert cast == [(1, "Ada Quill"), (2, "Tomas Brenn"), (3, "Ines Vale")]
    assert [s.ref for s in show.sources] == ["import:catalogue.csv"]
    assert show.status_changes[-1].new_status is ShowStatus.CANCELLED
    assert show.status_changes[-1].effective_date == dt.date(2022, 11, 8)
    reply = await app.answers.ask("is the lantern room cancelled?")
    assert [getattr(answer, "title", None) for answer in reply.answers] == ["The Lantern Room"]


@pytest.mark.asyncio
async def test_a_file_with_a_bad_row_imports_nothing(app: Application, tmp_path: Path) -> None:
    path = tmp_path / "half.csv"
    path.write_text(
        "title,year\nFirst Fine Show,2020\nSecond Fine Show,2021\nBroken,twenty\n", "utf-8"
    )
    shows = await _show_count(app)
    report = await app.catalogue.import_file(path)
    assert not report.committed and report.rows == 3
    assert [(e.line, e.message) for e in report.errors] == [(4, "year 'twenty' is not a number")]
    assert await _show_count(app) == shows
    assert app.catalogue.index.resolve("first fine show").match is None


@pytest.mark.asyncio
async def test_a_bad_row_after_many_good_ones_still_imports_nothing(
    app: Application, tmp_path: Path
) -> None:
    # More rows than one write batch: the batches before the bad row are rolled back too.
    path = tmp_path / "long.csv"
    lines = [f"Generated test show {n},2000" for n in range(1, 1201)]
    path.write_text("title,year\n" + "\n".join(lines) + "\nLast,\n,2001\n", encoding="utf-8")
    shows = await _show_count(app)
    report = await app.catalogue.import_file(path)
    assert [(e.line, e.message) for e in report.errors] == [(1203, "no title")]
    assert not report.committed and await _show_count(app) == shows


@pytest.mark.asyncio
async def test_tvmaze_and_tmdb_records_of_one_show_merge(app: Application) -> None:
    tvmaze = await app.catalogue.import_file(TVMAZE_SHOW)
    tmdb = await app.catalogue.import_file(TMDB_SHOW)
    assert (tvmaze.created, tmdb.created, tmdb.updated) == (1, 0, 1)
    show = await stored_show(app, "harbour lights")
    ids = {(e.scheme, e.value) for e in show.external_ids}
    assert {("tvmaze", "990001"), ("tmdb", "9901001"), ("imdb", "tt9900001")} <= ids
    assert {s.ref for s in show.sources} == {"tvmaze:show:990001", "tmdb:tv:9901001"}
    # TMDB says cancelled where TVMaze could only say ended; the change is on record.
    assert show.status is ShowStatus.CANCELLED
    assert [c.new_status for c in show.status_changes] == [ShowStatus.ENDED, ShowStatus.CANCELLED]
    people = {(c.role, c.person.name if c.person else "", c.character) for c in show.credits}
    assert people == {
        (CreditRole.CREATOR, "Lena Marsh", None),
        (CreditRole.ACTOR, "Ada Quill", "Maren Holt"),
        (CreditRole.ACTOR, "Tomas Brenn", "Jon Holt"),
        (CreditRole.ACTOR, "Ines Vale", "Dora Keel / Cora Keel"),
    }


@pytest.mark.asyncio
async def test_tvmaze_and_tmdb_without_shared_ids_merge_by_title_and_year(
    app: Application, tmp_path: Path
) -> None:
    details = json.loads(TMDB_SHOW.read_text(encoding="utf-8"))
    path = tmp_path / "tmdb.json"
    path.write_text(json.dumps({**details, "external_ids": {}}), encoding="utf-8")
    await app.catalogue.import_file(TVMAZE_SHOW)
    shows = await _show_count(app)
    report = await app.catalogue.import_file(path)
    assert (report.created, report.updated) == (0, 1)
    assert await _show_count(app) == shows


@pytest.mark.asyncio
async def test_imported_titles_are_in_the_title_index_at_once(app: Application) -> None:
    await app.catalogue.import_file(TVMAZE_LINES)
    resolution = app.catalogue.index.resolve("the quiet orbit")
    assert resolution.match is not None and resolution.match.entry.title == "The Quiet Orbit"
    assert resolution.match.entry.network == "Streamly"


# -- the real Netflix catalogue -----------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_netflix_catalogue_imports_as_it_is(app: Application, netflix_csv: Path) -> None:
    shows_before = await _show_count(app)
    report = await app.catalogue.import_file(netflix_csv)
    assert report.committed, report.errors[:5]
    assert (report.format, report.rows, report.created) == ("Netflix titles CSV", 8807, 8807)
    assert await _show_count(app) == shows_before + 8807

    blood = await stored_show(app, "blood & water")
    assert (blood.kind, blood.season_count, blood.country) == (ShowKind.SERIES, 2, "South Africa")
    # Its release_year (2021) is the year of its latest season, not of its first.
    assert blood.year is None and blood.network is None
    cast = sorted(
        (c.billing_order or 0, c.person.name if c.person else "")
        for c in blood.credits
        if c.role is CreditRole.ACTOR
    )
    assert cast[:2] == [(1, "Ama Qamata"), (2, "Khosi Ngema")] and len(cast) == 19
    # The row's director is "104", a spreadsheet slip, not a person.
    assert [c for c in blood.credits if c.role is CreditRole.DIRECTOR] == []
    assert blood.genres == ["International TV Shows", "TV Dramas", "TV Mysteries"]
    assert {(e.scheme, e.value) for e in blood.external_ids} == {(NETFLIX_TITLES_SCHEME, "s2")}

    film = await stored_show(app, "dick johnson is dead")
    assert (film.kind, film.year, film.season_count) == (ShowKind.FILM, 2020, None)
    assert [c.person.name for c in film.credits if c.person] == ["Kirsten Johnson"]
    assert film.id is not None and blood.id is not None
    film_entry, series_entry = app.catalogue.index.get(film.id), app.catalogue.index.get(blood.id)
    assert film_entry is not None and film_entry.film
    assert series_entry is not None and not series_entry.film

    # "15-Aug" is listed twice (s3963 and s5967): two entries there, two shows here.
    august = [
        c.entry
        for c in app.catalogue.index.resolve("15-Aug", limit=10).candidates
        if c.entry.title == "15-Aug"
    ]
    assert len(august) == 2

    again = await app.catalogue.import_file(netflix_csv)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8807)


# -- PostgreSQL ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_csv_imports_twice_on_postgres(postgres_url: str) -> None:
    database = Database(postgres_url)
    try:
        await database.upgrade()
        catalogue = await Catalogue.open(database)
        async with database.session() as session:
            seeded = await count_shows(session)  # opening seeds an empty catalogue
        first: ImportReport = await catalogue.import_file(CATALOGUE_CSV)
        assert (first.created, first.committed) == (3, True)
        again = await catalogue.import_file(CATALOGUE_CSV)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
        # Another show whose cast shares people with the CSV's: found, not created again.
        tmdb = await catalogue.import_file(TMDB_SHOW)
        assert (tmdb.created, tmdb.committed) == (1, True)
        assert catalogue.index.resolve("lantern room").match is not None
        async with database.session() as session:
            assert await count_shows(session) == seeded + 4
    finally:
        await database.dispose()


@pytest.mark.asyncio
async def test_another_process_takes_in_an_import(app: Application, tmp_path: Path) -> None:
    """Two catalogues on one database, as two bot processes would have."""
    other = await Catalogue.open(app.database)
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps({"title": "Kettle Street Revisited", "year": 2024}), "utf-8")
    assert (await app.catalogue.import_file(path)).committed
    assert other.index.resolve("kettle street revisited").match is None
    assert await other.catch_up() >= 1
    match = other.index.resolve("kettle street revisited").match
    assert match is not None and match.entry.title == "Kettle Street Revisited"
    assert await other.catch_up() == 0  # nothing new since


# -- large files: memory for a batch, not for the file ---------------------------------------------


def _numbered_csv(path: Path, numbers: range, extra: str = "") -> Path:
    """Rows of distinct shows, each with a TMDB id and three people of its own."""
    rows = [
        f'Numbered Show {n},{1950 + n % 70},{900_000 + n},"Actor {n} A, Actor {n} B, Actor {n} C"'
        for n in numbers
    ]
    path.write_text("title,year,tmdb_id,cast\n" + "\n".join(rows) + "\n" + extra, "utf-8")
    return path


@pytest.mark.asyncio
async def test_an_import_holds_a_batch_not_the_file_in_memory(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the last row of a 30-batch file, the import holds about a batch's worth (under
    1 MB here). Before, every title, external id and person of the file stayed in memory to
    the end: 6.4 MB at the last of these 3,000 rows, some 2 KB a row and growing."""
    monkeypatch.setattr(service, "IMPORT_BATCH", 100)
    importer = Importer(database)
    # Warmed up first, so that what is measured is the import, not first-use caches.
    assert (await importer.import_file(_numbered_csv(tmp_path / "a.csv", range(200)))).committed
    held: list[int] = []

    def at_last_row(done: int, total: int | None) -> None:
        if done == total:
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])

    path = _numbered_csv(tmp_path / "b.csv", range(1000, 4000))
    tracemalloc.start()
    try:
        report = await importer.import_file(path, at_last_row)
    finally:
        tracemalloc.stop()
    assert (report.committed, report.created) == (True, 3000)
    assert held[0] < 2_500_000, f"{held[0]:,} bytes held at the last row"


@pytest.mark.asyncio
async def test_rows_find_the_shows_of_batches_before_theirs(
    any_catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a writer looked up is kept for one batch only: a later batch finds shows again
    in the database, by external id, or by title and year."""
    monkeypatch.setattr(service, "IMPORT_BATCH", 100)
    later_rows = (
        "Numbered Show 5,1955,,Actor 5 D\n"  # by title and year
        "Numbered Show 6 (Remastered),1956,900006,\n"  # by TMDB id, under another title
        "Numbered Show 7,1957,1,\n"  # same title, another TMDB id: another show
    )
    path = _numbered_csv(tmp_path / "shows.csv", range(250), later_rows)
    async with any_catalogue.database.session() as session:
        shows = await count_shows(session)
    report = await any_catalogue.import_file(path)
    assert report.committed, report.errors
    assert (report.created, report.updated) == (251, 2)
    async with any_catalogue.database.session() as session:
        assert await count_shows(session) == shows + 251
    five = any_catalogue.index.resolve("numbered show 5").match
    assert five is not None and five.entry.year == 1955
    assert any_catalogue.index.resolve("numbered show 6 remastered").match is not None
    # A new writer finds them all in the database again; show 6 is renamed back and forth
    # by its two rows.
    again = await any_catalogue.import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 2, 251)


@pytest.mark.asyncio
async def test_showbot_import_builds_no_title_index(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command only writes: the title index would cost it a start-up as long as the
    bot's and the memory of every stored title, for nothing."""

    async def no_index(*_: object) -> None:
        raise AssertionError("showbot import opened the title index")

    monkeypatch.setattr(Catalogue, "open", no_index)
    monkeypatch.setattr(Catalogue, "_imported", no_index)
    assert await import_files(settings, [CATALOGUE_CSV]) == 0
    database = Database(settings.database_url)
    try:
        async with database.session() as session:
            assert await count_shows(session) == 4 + 3  # the built-in records, and the file's
    finally:
        await database.dispose()
