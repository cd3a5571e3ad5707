"""A film's running time, read from a CSV's "N min" (or its `runtime_minutes` column); a series
gets none."""

from __future__ import annotations

from pathlib import Path

from bot.catalogue.importers import ParsedRow, RowError, read_file
from db.records import ShowRecord
from db.vocabulary import ShowKind

NETFLIX_HEADER = (
    "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,"
    "listed_in,description\n"
)


def _parsed(path: Path) -> list[ShowRecord]:
    items = list(read_file(path).items)
    errors = [i for i in items if isinstance(i, RowError)]
    assert not errors, errors
    return [i.record for i in items if isinstance(i, ParsedRow)]


def _by_title(path: Path) -> dict[str, ShowRecord]:
    return {record.title: record for record in _parsed(path)}


def test_a_netflix_film_runs_its_minutes_and_a_series_has_no_runtime(tmp_path: Path) -> None:
    path = tmp_path / "netflix_titles.csv"
    path.write_text(
        NETFLIX_HEADER
        + "s1,Movie,Long Harbour,,,,1-Jan-21,2020,PG-13,125 min,Dramas,A film.\n"
        + "s2,TV Show,Short Tide,,,,1-Jan-21,2021,TV-MA,1 Season,TV Dramas,A series.\n"
        # The dataset's own slip: the minutes in `rating`, `duration` empty.
        + "s3,Movie,Stand Up 2017,,,,4-Apr-17,2017,74 min,,Movies,A special.\n"
        + "s4,Movie,Unknown Length,,,,1-Jan-21,2020,PG,,Dramas,No duration.\n",
        encoding="utf-8",
    )
    rows = _by_title(path)
    film, series = rows["Long Harbour"], rows["Short Tide"]
    assert (film.kind, film.runtime_minutes, film.season_count) == (ShowKind.FILM, 125, None)
    assert (series.kind, series.runtime_minutes, series.season_count) == (ShowKind.SERIES, None, 1)
    assert rows["Stand Up 2017"].runtime_minutes == 74
    assert rows["Unknown Length"].runtime_minutes is None


def test_a_plain_csv_gives_a_runtime_by_column_or_duration(tmp_path: Path) -> None:
    path = tmp_path / "shows.csv"
    path.write_text(
        "title,type,runtime_minutes,duration\n"
        "By Column,Movie,98,\n"
        "By Duration,film,,102 minutes\n"
        "A Series,TV Show,,45 min\n",  # an episode's length is no runtime of the series
        encoding="utf-8",
    )
    assert [record.runtime_minutes for record in _parsed(path)] == [98, 102, None]


def test_every_film_of_the_netflix_catalogue_has_its_runtime(netflix_csv: Path) -> None:
    records = _parsed(netflix_csv)
    films = [record for record in records if record.kind is ShowKind.FILM]
    series = [record for record in records if record.kind is ShowKind.SERIES]
    assert len(films) > 6000 and all(film.runtime_minutes for film in films)
    assert not any(show.runtime_minutes for show in series)
    irishman = next(film for film in films if film.title == "The Irishman")
    assert irishman.runtime_minutes == 209
