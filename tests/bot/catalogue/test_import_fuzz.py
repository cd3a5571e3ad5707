"""Random files through the real readers into a real catalogue (SQLite, or PostgreSQL in the
PostgreSQL run).

Whatever the file holds, an import ends one of three ways: committed, refused row by row
(`report.errors`, nothing stored), or refused whole (`UnreadableFileError`). Any other
exception is a bug. Each example imports into a fresh copy of one migrated database.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.catalogue.service import Catalogue
from db.engine import Database
from tests.backends import ON_POSTGRES, POSTGRES, Template
from tests.bot.catalogue.importing import Outcome, attempt, shows_in

FUZZ = settings(
    # For a longer hunt than CI's: SHOWBOT_FUZZ_EXAMPLES=5000 pytest this module.
    max_examples=int(os.environ.get("SHOWBOT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# -- the database --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """One SQLite database migrated (and seeded, as opening a catalogue does) once; each
    example imports into a copy of it. In the PostgreSQL run each copies the session's seeded
    template instead (None here)."""
    if ON_POSTGRES:
        return None
    path = tmp_path_factory.mktemp("fuzz") / "template.db"

    async def upgrade() -> None:
        database = Database(f"sqlite:///{path}")
        await database.upgrade()
        await Catalogue.open(database)
        await database.dispose()

    asyncio.run(upgrade())
    return path


def import_into_copy(migrated: Path | None, name: str, content: bytes) -> Outcome:
    """Writes `content` as file `name` and imports it into a fresh copy of the database."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        if migrated is None:
            return asyncio.run(_import_into_postgres(path))
        database_path = Path(folder) / "showbot.db"
        shutil.copyfile(migrated, database_path)
        return asyncio.run(_import(f"sqlite:///{database_path}", path))


async def _import_into_postgres(path: Path) -> Outcome:
    assert POSTGRES is not None  # the conftest refuses a PostgreSQL run without a server
    async with POSTGRES.scratch(Template.SEEDED) as url:
        return await _import(url, path)


async def _import(url: str, path: Path) -> Outcome:
    database = Database(url)
    try:
        catalogue = await Catalogue.open(database)
        before = await shows_in(database)
        outcome = await attempt(catalogue, path)
        event(_kind(outcome))
        if outcome.report is None or not outcome.report.committed:
            assert outcome.refused, outcome
            assert outcome.shows_after == before, "a refused file stored shows"
        return outcome
    finally:
        await database.dispose()


def _kind(outcome: Outcome) -> str:
    """How an import ended, for hypothesis' statistics: a fuzz that never commits (or never
    refuses) tests less than it seems to."""
    if outcome.unreadable is not None:
        return "unreadable"
    return "committed" if outcome.report and outcome.report.committed else "bad rows"


def mostly(
    good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any], one_in: int = 10
) -> st.SearchStrategy[Any]:
    """`good`, but `odd` one time in `one_in`. One odd field spoils a record, so odd ones
    must be rare for whole files to get through to the database, where the subtler failures
    are. (Shrinking goes towards `good`.)"""
    return st.integers(1, one_in).flatmap(lambda n: odd if n == one_in else good)


# -- CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS = [
    *"title year type kind network country status status_date premiere_date".split(),
    *"season_count episode_count logline description overview genres cast director".split(),
    *"tmdb_id tvmaze_id imdb_id show_id release_year duration listed_in rating notes".split(),
    "TITLE",
]
SPECIAL_CELLS = [
    *["", " ", '"', '""', ",", "\n", "\r\n", "\r", "\x00", "\t", "\ufeff", "\u202e", "🎬"],
    *["2020", "-1", "0", "1869", "2101", "9" * 25, "9" * 5000, "1_000", "٣", "1e3"],
    *["renewed", "on hiatus", "TV Show", "Movie", "3 Seasons", f"{'9' * 30} Seasons"],
    *["2020-01-01", "2020-13-45", "Ada Quill, Tomas Brenn", ", ,", "x" * 600],
]
odd_cells = st.one_of(
    st.sampled_from(SPECIAL_CELLS),
    st.text(max_size=20),
    st.integers().map(str),
)
PLAUSIBLE_CELLS: dict[str, list[str]] = {
    "title": ["Paper Boats", "Kettle Street", "paper boats"],
    "year": ["2020", "1999"],
    "release_year": ["2020", "1999"],
    "type": ["TV Show", "Movie"],
    "kind": ["series", "film"],
    "status": ["renewed", "cancelled", "Ended"],
    "status_date": ["2021-05-01", ""],
    "premiere_date": ["2020-01-31", ""],
    "season_count": ["1", "3", ""],
    "episode_count": ["8", ""],
    "duration": ["2 Seasons", "1 Season", "90 min"],
    "genres": ["Drama, Comedy", ""],
    "listed_in": ["Dramas", ""],
    "cast": ["Ada Quill, Tomas Brenn", "ada quill"],
    "director": ["Lena Marsh", ""],
    "tmdb_id": ["1", "2"],
    "show_id": ["s1", "s2"],
}
"""Cells that make sense in their column, so that rows get through to the database."""


odd_numbers_text = st.one_of(
    st.sampled_from(["-1", "0", "1e3", "9" * 25, "9" * 5000, f"{2**31}", f"{2**63}"]),
    st.integers().map(str),
    odd_cells,
)
NUMBER_COLUMNS = {"year", "release_year", "season_count", "episode_count"}


def cell_for(column: str) -> st.SearchStrategy[str]:
    plausible = PLAUSIBLE_CELLS.get(column.lower(), ["", "Something plain"])
    if column.lower() in NUMBER_COLUMNS:
        return mostly(st.sampled_from(plausible), odd_numbers_text, one_in=4)
    return mostly(st.sampled_from(plausible), odd_cells)


def row_for(header: list[str]) -> st.SearchStrategy[list[str]]:
    fitting = st.tuples(*(cell_for(column) for column in header)).map(list)
    return mostly(fitting, st.lists(odd_cells, max_size=len(header) + 2))


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(CSV_COLUMNS), max_size=8))
    if draw(mostly(st.just(True), st.just(False))):
        header.insert(draw(st.integers(0, len(header))), "title")
    rows = draw(st.lists(row_for(header), max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if draw(st.booleans()):
        # Written by a CSV writer: every quote, comma and line break quoted as it should be.
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=newline).writerows([header, *rows])
        text = buffer.getvalue()
    else:
        # Joined by hand: stray quotes, commas and line breaks break the structure.
        text = "".join(",".join(row) + newline for row in [header, *rows])
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


@FUZZ
@given(content=csv_files())
def test_any_csv_imports_or_is_refused_cleanly(migrated: Path | None, content: bytes) -> None:
    import_into_copy(migrated, "fuzz.csv", content)


# -- JSON of any shape ---------------------------------------------------------------------------

KEYS = [
    *"shows sources source format about title year ref kind genres network country".split(),
    *"status seasons credits aliases external_ids charts notes status_history name".split(),
    *"_embedded externals id premiered webChannel summary url cast episodes person".split(),
    *"character number premiereDate endDate episodeOrder season airdate type".split(),
    *"first_air_date number_of_seasons number_of_episodes original_name season_number".split(),
    *"air_date episode_count aggregate_credits roles order networks origin_country".split(),
    *"created_by production_companies imdb_id tvdb_id overview".split(),
]
HUGE_NUMBER = "\x00huge number"
DEEP_VALUE = "\x00deep value"
"""Stand-ins, replaced in the written text: JSON that `json.dumps` cannot write itself."""

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from([HUGE_NUMBER, DEEP_VALUE, "renewed", "2020-01-01", "\x00", "Ended"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)


def written(value: Any) -> str:
    text = json.dumps(value)
    text = text.replace(json.dumps(HUGE_NUMBER), "9" * 5000)
    return text.replace(json.dumps(DEEP_VALUE), "[" * 10_000 + "]" * 10_000)


@FUZZ
@given(value=json_values, lines=st.booleans())
def test_any_json_imports_or_is_refused_cleanly(
    migrated: Path | None, value: Any, lines: bool
) -> None:
    if lines:
        items = value if isinstance(value, list) else [value]
        content = "".join(written(item) + "\n" for item in items)
        import_into_copy(migrated, "fuzz.jsonl", content.encode())
    else:
        import_into_copy(migrated, "fuzz.json", written(value).encode())


# -- showbot records with random fields ----------------------------------------------------------


# Small pools, so that records repeat one another: the same title, person, id or season
# number twice is valid input the database's unique constraints must never see as a crash.
odd_numbers = st.one_of(
    st.integers(-2, 3000), st.sampled_from([2**31, 2**63, 10**20, HUGE_NUMBER]), json_values
)
numbers = mostly(st.integers(0, 12), odd_numbers)
years = mostly(st.integers(1990, 2030), odd_numbers)
odd_texts = st.one_of(st.text(max_size=15), st.sampled_from(SPECIAL_CELLS), json_values)
titles = mostly(st.sampled_from(["Paper Boats", "Kettle Street", "paper boats "]), odd_texts)
names = mostly(st.sampled_from(["Ada Quill", "Tomas Brenn", "ada quill"]), odd_texts)
words = mostly(st.sampled_from(["Drama", "Notes.", "Line one.\nLine two."]), odd_texts)
statuses = mostly(
    st.sampled_from(["renewed", "cancelled", "Ended", "TBD"]), st.sampled_from(["on hiatus", 5])
)
dates = mostly(st.dates().map(str), odd_texts)
ids = st.dictionaries(
    mostly(st.sampled_from(["tmdb", "imdb", "TMDB"]), st.text(max_size=45)),
    mostly(st.sampled_from(["1", "2", 1]), odd_texts),
    max_size=3,
)
sources = st.one_of(
    st.sampled_from(["fuzz:declared", "fuzz:undeclared"]),
    st.fixed_dictionaries({"ref": words, "title": words}, optional={"url": words}),
)
seasons = st.fixed_dictionaries(
    {"number": numbers},
    optional={"episode_count": numbers, "premiere_date": dates, "ending": words},
)
credits = st.fixed_dictionaries(
    {"name": names},
    optional={
        "role": mostly(st.sampled_from(["actor", "director", "creator"]), st.just("villain")),
        "billing": numbers,
        "character": names,
        "source": sources,
    },
)
shows = st.fixed_dictionaries(
    {"title": titles},
    optional={
        "year": years,
        "kind": mostly(st.sampled_from(["series", "film"]), st.just("opera")),
        "genres": st.lists(words, max_size=3),
        "network": words,
        "status": statuses,
        "status_date": dates,
        "season_count": numbers,
        "episode_count": numbers,
        "logline": words,
        "external_ids": ids,
        "aliases": st.lists(names | st.fixed_dictionaries({"name": names}), max_size=3),
        "sources": st.lists(sources, max_size=2),
        "seasons": st.lists(seasons, max_size=3),
        "credits": st.lists(credits, max_size=4),
        "status_history": st.lists(
            st.fixed_dictionaries(
                {"to": statuses}, optional={"seasons_ordered": numbers, "date": dates}
            ),
            max_size=2,
        ),
        "charts": st.lists(
            st.fixed_dictionaries(
                {"chart": words},
                optional={"weeks": numbers, "peak_rank": numbers, "hours_viewed": numbers},
            ),
            max_size=2,
        ),
        "notes": st.lists(st.fixed_dictionaries({"topic": words, "text": words}), max_size=2),
    },
)
DECLARED = {"ref": "fuzz:declared", "title": "A declared source"}


@FUZZ
@given(records=st.lists(shows, min_size=1, max_size=4), shape=st.sampled_from(range(3)))
def test_any_records_import_or_are_refused_cleanly(
    migrated: Path | None, records: list[dict[str, Any]], shape: int
) -> None:
    if shape == 0:
        document = {"format": "showbot.records/1", "sources": [DECLARED], "shows": records}
        import_into_copy(migrated, "fuzz.json", written(document).encode())
    elif shape == 1:
        import_into_copy(migrated, "fuzz.json", written(records).encode())
    else:
        lines = [{"source": DECLARED}, *records]
        content = "".join(written(line) + "\n" for line in lines)
        import_into_copy(migrated, "fuzz.jsonl", content.encode())
