"""Reading catalogue files into show records, each tagged with the line it came from.

Every format is translated into the project's own `ShowRecord`; nothing is written here.
The formats: the project's own JSON and JSONL, CSV with a `title` column (the Netflix titles
dataset among them), TVMaze show JSON with embedded cast, and TMDB TV details JSON with
aggregate credits.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from db.records import RECORDS_FORMAT, CreditRecord, SeasonRecord, ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowKind, ShowStatus


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ParsedRow:
    line: int
    record: ShowRecord


Item = SourceRecord | ParsedRow | RowError
"""What a file yields: a source declared for the rows after it, a show record, or a bad row."""


@dataclass
class RecordFile:
    """A file's items, read lazily so that big files stream."""

    path: Path
    format: str
    items: Iterator[Item]
    total_rows: int | None = None
    """How many rows there are, when known up front (for progress)."""


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read (not a row of it: the whole thing)."""


class _BadRowError(ValueError):
    """One row or object cannot be translated into a show record; the message says why."""


Translate = Callable[[Any], ShowRecord]


def _explain(error: ValidationError) -> str:
    problems = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        problems.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - 3
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _translated(items: Iterable[tuple[int, Any]], translate: Translate) -> Iterator[Item]:
    """Each (line, value) as a show record, or as the reason it cannot be one."""
    for line, value in items:
        try:
            record = translate(value)
        except ValidationError as error:
            yield RowError(line=line, message=_explain(error))
        except _BadRowError as error:
            yield RowError(line=line, message=str(error))
        else:
            yield ParsedRow(line=line, record=record)


# -- values shared by the formats -------------------------------------------------------------


def _clean(text: str) -> str:
    """Whitespace (non-breaking spaces included) trimmed and runs of it made one space."""
    return " ".join(text.split())


def _distinct(texts: Iterable[str | None]) -> list[str]:
    """The texts cleaned, in order, once each, without blanks."""
    found: list[str] = []
    for text in texts:
        cleaned = _clean(text or "")
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return found


def _names(texts: Iterable[str | None]) -> list[str]:
    """People's names, in order, once each, without blanks."""
    # A "name" with no letter in it is a spreadsheet slip, such as the director "104" of one
    # row of the Netflix dataset, not a person.
    return [name for name in _distinct(texts) if any(c.isalpha() for c in name)]


def _credits(
    names: Iterable[str], role: CreditRole, source: str | SourceRecord
) -> list[CreditRecord]:
    return [
        CreditRecord(name=name, role=role, billing=billing, source=source)
        for billing, name in enumerate(names, start=1)
    ]


def _cast(
    entries: Iterable[tuple[str | None, str | None]], source: str | SourceRecord
) -> list[CreditRecord]:
    """Actor credits in billing order; one person playing several parts is one credit."""
    characters: dict[str, list[str]] = {}
    for name, character in entries:
        for person in _names([name]):
            parts = characters.setdefault(person, [])
            parts[:] = _distinct([*parts, character])
    return [
        CreditRecord(
            name=name,
            role=CreditRole.ACTOR,
            character=" / ".join(parts) or None,
            billing=billing,
            source=source,
        )
        for billing, (name, parts) in enumerate(characters.items(), start=1)
    ]


def _iso_date(value: Any, what: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _BadRowError(f"{what} {value!r} is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _BadRowError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


# -- CSV ----------------------------------------------------------------------------------------

NETFLIX_TITLES_SCHEME = "netflix-titles"
"""External id scheme of the Netflix titles dataset: its `show_id` (s1, s2, ...)."""

NETFLIX_COLUMNS = frozenset(
    "show_id type title director cast country date_added release_year rating duration "
    "listed_in description".split()
)
"""The header of the public "Netflix Movies and TV Shows" dataset (netflix_titles.csv)."""

CSV_FORMAT = "CSV"
NETFLIX_FORMAT = "Netflix titles CSV"

_CSV_KINDS: dict[str, ShowKind] = {
    "tv show": ShowKind.SERIES,
    "tv series": ShowKind.SERIES,
    "series": ShowKind.SERIES,
    "movie": ShowKind.FILM,
    "film": ShowKind.FILM,
}
_CSV_EXTERNAL_IDS = {"tmdb_id": "tmdb", "tvmaze_id": "tvmaze", "imdb_id": "imdb"}
_SEASONS = re.compile(r"(\d+)\s+seasons?", re.IGNORECASE)


@dataclass(frozen=True)
class _CsvLayout:
    columns: tuple[str, ...]
    rows: int
    netflix: bool


def _survey_csv(path: Path) -> _CsvLayout:
    """The header and the number of rows, read once up front (for progress, and so that a
    file that is not CSV at all fails before anything is imported)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            rows = sum(1 for cells in reader if any(c.strip() for c in cells))
        except csv.Error as error:
            raise UnreadableFileError(f"{path}: line {reader.line_num}: {error}") from error
    columns = tuple(c.strip().lower() for c in header or ())
    if "title" not in columns:
        found = ", ".join(c for c in columns if c) or "nothing"
        raise UnreadableFileError(f"{path}: no 'title' column in the header (it has {found})")
    return _CsvLayout(columns=columns, rows=rows, netflix=NETFLIX_COLUMNS.issubset(columns))


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each row's cells, with the line it starts on (quoted fields can span lines)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        read_up_to = reader.line_num
        for cells in reader:
            line, read_up_to = read_up_to + 1, reader.line_num
            if any(c.strip() for c in cells):
                yield line, cells


def _by_column(cells: list[str], columns: tuple[str, ...]) -> dict[str, str]:
    if len(cells) > len(columns):
        raise _BadRowError(f"{len(cells)} fields, but the header names {len(columns)}")
    row: dict[str, str] = {}
    for name, cell in zip(columns, cells, strict=False):
        row.setdefault(name, cell)  # a repeated column name: the first one counts
    return row


def _cell(row: Mapping[str, str], *columns: str) -> str | None:
    """The first of these columns that holds something, cleaned."""
    for column in columns:
        value = _clean(row.get(column) or "")
        if value:
            return value
    return None


def _csv_number(row: Mapping[str, str], *columns: str) -> int | None:
    text = _cell(row, *columns)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        name = next(c for c in columns if _clean(row.get(c) or ""))
        raise _BadRowError(f"{name} {text!r} is not a number") from None


def _csv_kind(row: Mapping[str, str]) -> ShowKind | None:
    text = _cell(row, "type", "kind")
    if text is None:
        return None
    kind = _CSV_KINDS.get(text.lower())
    if kind is None:
        raise _BadRowError(f"unknown type {text!r}; expected 'TV Show' or 'Movie'")
    return kind


def _csv_status(row: Mapping[str, str]) -> ShowStatus | None:
    text = _cell(row, "status")
    if text is None:
        return None
    try:
        return ShowStatus.parse(text)
    except ValueError as error:
        raise _BadRowError(str(error)) from None


def _season_count(row: Mapping[str, str], kind: ShowKind | None) -> int | None:
    count = _csv_number(row, "season_count")
    if count is not None or kind is not ShowKind.SERIES:
        return count
    found = _SEASONS.fullmatch(_cell(row, "duration") or "")
    return int(found.group(1)) if found else None


def _csv_record(cells: list[str], layout: _CsvLayout, source: str) -> ShowRecord:
    row = _by_column(cells, layout.columns)
    netflix = layout.netflix
    title = _cell(row, "title")
    if title is None:
        raise _BadRowError("no title")
    kind = _csv_kind(row)
    season_count = _season_count(row, kind)
    year = _csv_number(row, "year", "release_year")
    if netflix and season_count is not None and season_count > 1:
        # The dataset's release_year of a series is the year of its latest season (Friends:
        # 2003, Stranger Things: 2019), not of its first, which is what `year` means here and
        # what tells remakes apart. Unknown is better than wrong.
        year = None
    external_ids = {
        scheme: value
        for column, scheme in _CSV_EXTERNAL_IDS.items()
        if (value := _cell(row, column))
    }
    if netflix and (show_id := _cell(row, "show_id")):
        external_ids[NETFLIX_TITLES_SCHEME] = show_id
    credits = _credits(_names((row.get("cast") or "").split(",")), CreditRole.ACTOR, source)
    credits += _credits(_names((row.get("director") or "").split(",")), CreditRole.DIRECTOR, source)
    return ShowRecord.model_validate(
        {
            "title": title,
            "kind": kind,
            "year": year,
            "genres": _distinct((_cell(row, "genres", "listed_in") or "").split(",")) or None,
            "network": _cell(row, "network"),
            "country": _cell(row, "country"),
            "status": _csv_status(row),
            "status_date": _iso_date(_cell(row, "status_date"), "status_date"),
            "premiere_date": _iso_date(_cell(row, "premiere_date"), "premiere_date"),
            "season_count": season_count,
            "episode_count": _csv_number(row, "episode_count"),
            "logline": _cell(row, "logline", "description", "overview"),
            "external_ids": external_ids,
            "sources": [source],
            "credits": credits,
        }
    )


def read_csv(path: Path) -> RecordFile:
    """A CSV file with a header naming a `title` column (any case), one show per row.

    The Netflix titles dataset is recognised by its header and read as it is: `listed_in`
    are the genres, `description` the logline, `cast` and `director` the credits, "N Seasons"
    in `duration` the season count, `show_id` its external id.
    """
    layout = _survey_csv(path)
    if layout.netflix:
        title = f"Netflix Movies and TV Shows catalogue ({path.name})"
    else:
        title = f"Catalogue file {path.name}"
    source = SourceRecord(ref=f"import:{path.name}", title=title)

    def items() -> Iterator[Item]:
        yield source
        yield from _translated(
            _csv_rows(path), lambda cells: _csv_record(cells, layout, source.ref)
        )

    return RecordFile(
        path=path,
        format=NETFLIX_FORMAT if layout.netflix else CSV_FORMAT,
        items=items(),
        total_rows=layout.rows,
    )


# -- API payloads: shared helpers -----------------------------------------------------------


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _BadRowError(f"{what} is not an object")
    return value


def _array(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _BadRowError(f"{what} is not a list")
    return value


def _text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _BadRowError(f"{what} is not text")
    return _clean(str(value)) or None


def _required(payload: Mapping[str, Any], key: str) -> str:
    value = _text(payload.get(key), key)
    if value is None:
        raise _BadRowError(f"no {key}")
    return value


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadRowError(f"{what} is not a whole number")
    return value


def _names_of(entries: Any, what: str) -> list[str]:
    """The `name` of each object in a list such as TMDB's genres or networks."""
    return _distinct(
        _text(_object(e, what).get("name"), f"{what}.name") for e in _array(entries, what)
    )


class _TextOfHtml(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.parts.append(" ")


def plain_text(html: str | None) -> str | None:
    """The words of an HTML fragment (TVMaze summaries), tags gone, entities decoded."""
    if not html:
        return None
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return _clean("".join(parser.parts)) or None


def _year_of(date: dt.date | None) -> int | None:
    return date.year if date else None


# -- TVMaze -------------------------------------------------------------------------------------

TVMAZE_FORMAT = "TVMaze shows"


def _tvmaze_seasons(
    embedded: Mapping[str, Any], source: SourceRecord
) -> tuple[list[SeasonRecord], int | None]:
    """The seasons, and how many of them have a premiere date: from the embedded seasons,
    else from the embedded episodes."""
    seasons: list[SeasonRecord] = []
    for entry in _array(embedded.get("seasons"), "_embedded.seasons"):
        season = _object(entry, "a season")
        number = _count(season.get("number"), "season number")
        if number is None or number < 1:
            continue
        seasons.append(
            SeasonRecord(
                number=number,
                premiere_date=_iso_date(season.get("premiereDate"), "premiereDate"),
                finale_date=_iso_date(season.get("endDate"), "endDate"),
                episode_count=_count(season.get("episodeOrder"), "episodeOrder"),
                source=source,
            )
        )
    if not seasons:
        seasons = _seasons_from_episodes(_tvmaze_episodes(embedded), source)
    # An announced season with no date yet has not aired: it does not count.
    dated = [s for s in seasons if s.premiere_date is not None]
    return seasons, (len(dated) if seasons else None)


def _tvmaze_episodes(embedded: Mapping[str, Any]) -> list[tuple[int, dt.date | None]]:
    """(season, air date) of each regular episode; specials are not part of a season."""
    episodes = []
    for entry in _array(embedded.get("episodes"), "_embedded.episodes"):
        episode = _object(entry, "an episode")
        season = _count(episode.get("season"), "episode season")
        if season is None or season < 1 or episode.get("type", "regular") != "regular":
            continue
        episodes.append((season, _iso_date(episode.get("airdate"), "episode airdate")))
    return episodes


def _seasons_from_episodes(
    episodes: list[tuple[int, dt.date | None]], source: SourceRecord
) -> list[SeasonRecord]:
    seasons = []
    for number in sorted({season for season, _ in episodes}):
        dates = sorted(d for season, d in episodes if season == number and d is not None)
        seasons.append(
            SeasonRecord(
                number=number,
                premiere_date=dates[0] if dates else None,
                finale_date=dates[-1] if dates else None,
                episode_count=sum(1 for season, _ in episodes if season == number),
                source=source,
            )
        )
    return seasons


def tvmaze_record(payload: Any) -> ShowRecord:
    """A TVMaze show (https://api.tvmaze.com/shows/ID?embed[]=cast&embed[]=seasons)."""
    show = _object(payload, "the show")
    show_id = _required(show, "id")
    name = _required(show, "name")
    source = SourceRecord(
        ref=f"tvmaze:show:{show_id}",
        title=f"TVMaze: {name}",
        url=_text(show.get("url"), "url") or f"https://www.tvmaze.com/shows/{show_id}",
        publisher="TVMaze",
    )
    channel = _object(show.get("network"), "network") or _object(
        show.get("webChannel"), "webChannel"
    )
    externals = _object(show.get("externals"), "externals")
    embedded = _object(show.get("_embedded"), "_embedded")
    seasons, season_count = _tvmaze_seasons(embedded, source)
    episodes = _tvmaze_episodes(embedded)
    premiered = _iso_date(show.get("premiered"), "premiered")
    status = _text(show.get("status"), "status")
    return ShowRecord.model_validate(
        {
            "title": name,
            "kind": ShowKind.SERIES,
            "year": _year_of(premiered),
            "genres": _distinct(_text(g, "genre") for g in _array(show.get("genres"), "genres"))
            or None,
            "network": _text(channel.get("name"), "network name"),
            "country": _text(_object(channel.get("country"), "country").get("name"), "country"),
            "status": ShowStatus.from_tvmaze(status) if status else None,
            "premiere_date": premiered,
            "season_count": season_count,
            "episode_count": len(episodes) if episodes else None,
            "logline": plain_text(_text(show.get("summary"), "summary")),
            "external_ids": {
                "tvmaze": show_id,
                "imdb": _text(externals.get("imdb"), "externals.imdb"),
                "thetvdb": _text(externals.get("thetvdb"), "externals.thetvdb"),
            },
            "sources": [source],
            "seasons": seasons,
            "credits": _cast(_tvmaze_cast(embedded), source),
        }
    )


def _tvmaze_cast(embedded: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    """(actor, character) in TVMaze's order, which is the billing order."""
    cast = []
    for entry in _array(embedded.get("cast"), "_embedded.cast"):
        person = _object(_object(entry, "a cast entry").get("person"), "cast person")
        character = _object(entry.get("character"), "cast character")
        cast.append(
            (_text(person.get("name"), "person name"), _text(character.get("name"), "character"))
        )
    return cast


# -- TMDB ---------------------------------------------------------------------------------------

TMDB_FORMAT = "TMDB TV details"


def _tmdb_seasons(details: Mapping[str, Any], source: SourceRecord) -> list[SeasonRecord]:
    seasons = []
    for entry in _array(details.get("seasons"), "seasons"):
        season = _object(entry, "a season")
        number = _count(season.get("season_number"), "season_number")
        # Season 0 is TMDB's shelf of specials, not a season: the season count leaves it out
        # too, and nobody asks how "season 0" ended.
        if number is None or number < 1:
            continue
        seasons.append(
            SeasonRecord(
                number=number,
                premiere_date=_iso_date(season.get("air_date"), "season air_date"),
                # TMDB lists an announced season with 0 episodes: unknown, not none.
                episode_count=_count(season.get("episode_count"), "episode_count") or None,
                source=source,
            )
        )
    return seasons


def _tmdb_cast(details: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    """(name, characters) in billing order, from `aggregate_credits` (every season) or, when
    only `credits` was appended, from those (the latest season)."""
    aggregate = "aggregate_credits" in details
    credits = _object(details.get("aggregate_credits" if aggregate else "credits"), "credits")
    people = [_object(p, "a cast entry") for p in _array(credits.get("cast"), "cast")]
    people.sort(key=lambda p: _count(p.get("order"), "order") or 0)
    cast = []
    for person in people:
        if aggregate:
            roles = [_object(r, "a role") for r in _array(person.get("roles"), "roles")]
            characters = _distinct(_text(r.get("character"), "character") for r in roles)
            character = " / ".join(characters) or None
        else:
            character = _text(person.get("character"), "character")
        cast.append((_text(person.get("name"), "cast name"), character))
    return cast


def _joined(names: list[str], limit: int) -> str | None:
    """Names joined by commas, as many whole ones as fit in `limit` characters."""
    text = ""
    for name in names:
        longer = f"{text}, {name}" if text else name
        if len(longer) > limit:
            break
        text = longer
    return text or None


def tmdb_record(payload: Any) -> ShowRecord:
    """TMDB TV details (/3/tv/ID?append_to_response=aggregate_credits,external_ids)."""
    details = _object(payload, "the show")
    tmdb_id = _required(details, "id")
    name = _required(details, "name")
    source = SourceRecord(
        ref=f"tmdb:tv:{tmdb_id}",
        title=f"TMDB: {name}",
        url=f"https://www.themoviedb.org/tv/{tmdb_id}",
        publisher="TMDB",
    )
    first_aired = _iso_date(details.get("first_air_date"), "first_air_date")
    status = _text(details.get("status"), "status")
    original = _text(details.get("original_name"), "original_name")
    ids = _object(details.get("external_ids"), "external_ids")
    countries = _distinct(
        _text(c, "origin_country") for c in _array(details.get("origin_country"), "origin_country")
    )
    creators = _names(_names_of(details.get("created_by"), "created_by"))
    return ShowRecord.model_validate(
        {
            "title": name,
            "original_title": original if original != name else None,
            "kind": ShowKind.SERIES,
            "year": _year_of(first_aired),
            "genres": _names_of(details.get("genres"), "genres") or None,
            "network": next(iter(_names_of(details.get("networks"), "networks")), None),
            "country": ", ".join(countries) or None,
            "status": (
                ShowStatus.from_tmdb(status, _text(details.get("type"), "type")) if status else None
            ),
            "premiere_date": first_aired,
            "season_count": _count(details.get("number_of_seasons"), "number_of_seasons"),
            "episode_count": _count(details.get("number_of_episodes"), "number_of_episodes"),
            "logline": _text(details.get("overview"), "overview"),
            "production_company": _joined(
                _names_of(details.get("production_companies"), "production_companies"), 500
            ),
            "external_ids": {
                "tmdb": tmdb_id,
                "imdb": _text(ids.get("imdb_id"), "imdb_id"),
                "thetvdb": _text(ids.get("tvdb_id"), "tvdb_id"),
            },
            "sources": [source],
            "seasons": _tmdb_seasons(details, source),
            "credits": _credits(creators, CreditRole.CREATOR, source)
            + _cast(_tmdb_cast(details), source),
        }
    )


# -- JSON and JSONL -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _JsonFlavour:
    format: str
    translate: Translate


_OWN = _JsonFlavour(RECORDS_FORMAT, ShowRecord.model_validate)
_TVMAZE = _JsonFlavour(TVMAZE_FORMAT, tvmaze_record)
_TMDB = _JsonFlavour(TMDB_FORMAT, tmdb_record)


def _flavour_of(value: Any) -> _JsonFlavour:
    """Which format one object is in, by the keys only that format has."""
    if isinstance(value, dict):
        if "_embedded" in value or "externals" in value:
            return _TVMAZE
        if "first_air_date" in value or "number_of_seasons" in value:
            return _TMDB
    return _OWN


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _array_items(text: str, position: int) -> Iterator[tuple[int, Any]]:
    """The items of the JSON array that starts at `position`, with each one's offset."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, position + 1)
    while position < len(text) and text[position] != "]":
        value, end = decoder.raw_decode(text, position)
        yield position, value
        position = _skip_space(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)


def _top_level_members(text: str) -> Iterator[tuple[str, int]]:
    """The keys of the JSON object that makes up the document, with each value's offset."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0) + 1
    while True:
        position = _skip_space(text, position)
        if position >= len(text) or text[position] == "}":
            return
        key, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position) + 1  # the colon
        position = _skip_space(text, position)
        yield str(key), position
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _with_lines(items: Iterator[tuple[int, Any]], text: str) -> Iterator[tuple[int, Any]]:
    """(offset, value) as (line, value), counting newlines once through the text, not from
    the start for every item (which is quadratic on big arrays)."""
    line, counted_to = 1, 0
    for offset, value in items:
        line += text.count("\n", counted_to, offset)
        counted_to = offset
        yield line, value


def _records_document(path: Path, text: str, document: dict[str, Any]) -> RecordFile:
    """The project's own JSON document: {"format", "sources": [...], "shows": [...]}."""
    if document.get("format", RECORDS_FORMAT) != RECORDS_FORMAT:
        raise UnreadableFileError(f"{path}: unknown format {document.get('format')!r}")
    try:
        sources = [SourceRecord.model_validate(s) for s in document.get("sources", [])]
    except ValidationError as error:
        raise UnreadableFileError(f"{path}: sources: {_explain(error)}") from error
    shows_at = dict(_top_level_members(text))["shows"]

    def items() -> Iterator[Item]:
        yield from sources
        yield from _translated(
            _with_lines(_array_items(text, shows_at), text), ShowRecord.model_validate
        )

    return RecordFile(
        path=path, format=RECORDS_FORMAT, items=items(), total_rows=len(document["shows"])
    )


def read_json(path: Path) -> RecordFile:
    """A JSON file: the project's own records document or array, or TVMaze shows or TMDB TV
    details, one object or an array of them."""
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFileError(f"{path}: not JSON ({error})") from error
    start = _skip_space(text, 0)
    if isinstance(document, list):
        flavour = _flavour_of(next((v for v in document if isinstance(v, dict)), None))
        return RecordFile(
            path=path,
            format=flavour.format,
            items=_translated(_with_lines(_array_items(text, start), text), flavour.translate),
            total_rows=len(document),
        )
    if isinstance(document, dict) and "shows" in document:
        return _records_document(path, text, document)
    flavour = _flavour_of(document)
    if flavour is _OWN and not (isinstance(document, dict) and "title" in document):
        raise UnreadableFileError(
            f"{path}: expected a showbot records document with 'shows', a TVMaze show or "
            "TMDB TV details"
        )
    line = text.count("\n", 0, start) + 1
    return RecordFile(
        path=path,
        format=flavour.format,
        items=_translated([(line, document)], flavour.translate),
        total_rows=1,
    )


_SOURCE_LINE = re.compile(r'\s*\{\s*"source"\s*:')


def _survey_jsonl(path: Path) -> tuple[_JsonFlavour, int]:
    """The format (by the first object that is not a source) and the number of rows."""
    flavour: _JsonFlavour | None = None
    rows = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip() or _SOURCE_LINE.match(line):
                continue
            rows += 1
            if flavour is None:
                try:
                    flavour = _flavour_of(json.loads(line))
                except json.JSONDecodeError:
                    continue
    return flavour or _OWN, rows


def read_jsonl(path: Path) -> RecordFile:
    """One object per line: show records of the project's own format (where a line holding
    {"source": {...}} declares a source), TVMaze shows, or TMDB TV details."""
    flavour, rows = _survey_jsonl(path)

    def items() -> Iterator[Item]:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    yield RowError(line=number, message=f"not JSON: {error.msg}")
                    continue
                if flavour is _OWN and isinstance(value, dict) and set(value) == {"source"}:
                    try:
                        yield SourceRecord.model_validate(value["source"])
                    except ValidationError as error:
                        yield RowError(line=number, message=_explain(error))
                    continue
                yield from _translated([(number, value)], flavour.translate)

    return RecordFile(path=path, format=f"{flavour.format} lines", items=items(), total_rows=rows)


# -- choosing the reader --------------------------------------------------------------------------

_READERS: dict[str, Callable[[Path], RecordFile]] = {
    ".csv": read_csv,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def read_file(path: Path) -> RecordFile:
    """Picks the reader by the file's name and, for JSON, by what the document holds."""
    if not path.is_file():
        raise UnreadableFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnreadableFileError(
            f"{path}: unknown file type {suffix or '(none)'}; expected .csv, .json or .jsonl"
        )
    try:
        return reader(path)
    except UnicodeDecodeError as error:
        raise UnreadableFileError(
            f"{path}: not UTF-8 text (byte {error.start}: {error.reason})"
        ) from error
    except OSError as error:
        raise UnreadableFileError(f"{path}: cannot read it ({error.strerror})") from error
