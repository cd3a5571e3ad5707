"""TVMaze shows: the show JSON of TVMaze's API, with its cast, seasons or episodes embedded.

TVMaze's words for a show's status belong here too: they are its vocabulary, not ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.catalogue.importers.fields import (
    cast_credits,
    distinct,
    iso_date,
    json_array,
    json_count,
    json_object,
    json_text,
    plain_text,
    required_text,
    year_of,
)
from db.records import SeasonRecord, ShowRecord, SourceRecord
from db.vocabulary import ShowKind, ShowStatus

TVMAZE_FORMAT = "TVMaze shows"

_STATUSES: dict[str, ShowStatus] = {
    "running": ShowStatus.RETURNING,
    "ended": ShowStatus.ENDED,
    "to be determined": ShowStatus.AWAITING_DECISION,
    "in development": ShowStatus.IN_DEVELOPMENT,
}


def tvmaze_status(status: str) -> ShowStatus | None:
    """Maps TVMaze's show `status` to ours.

    TVMaze says "Ended" for cancelled shows too; it cannot tell the two apart, so neither
    can we without a news source.
    """
    return _STATUSES.get(status.strip().lower())


def is_tvmaze_show(payload: Mapping[str, Any]) -> bool:
    """Whether an object is a TVMaze show, by the keys only TVMaze's shows have."""
    return "_embedded" in payload or "externals" in payload


def _tvmaze_seasons(
    embedded: Mapping[str, Any], source: SourceRecord
) -> tuple[list[SeasonRecord], int | None]:
    """The seasons, and how many of them have a premiere date: from the embedded seasons,
    else from the embedded episodes."""
    seasons: list[SeasonRecord] = []
    for entry in json_array(embedded.get("seasons"), "_embedded.seasons"):
        season = json_object(entry, "a season")
        number = json_count(season.get("number"), "season number")
        if number is None or number < 1:
            continue
        seasons.append(
            SeasonRecord(
                number=number,
                premiere_date=iso_date(season.get("premiereDate"), "premiereDate"),
                finale_date=iso_date(season.get("endDate"), "endDate"),
                episode_count=json_count(season.get("episodeOrder"), "episodeOrder"),
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
    for entry in json_array(embedded.get("episodes"), "_embedded.episodes"):
        episode = json_object(entry, "an episode")
        season = json_count(episode.get("season"), "episode season")
        if season is None or season < 1 or episode.get("type", "regular") != "regular":
            continue
        episodes.append((season, iso_date(episode.get("airdate"), "episode airdate")))
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


def _tvmaze_cast(embedded: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    """(actor, character) in TVMaze's order, which is the billing order."""
    cast = []
    for entry in json_array(embedded.get("cast"), "_embedded.cast"):
        role = json_object(entry, "a cast entry")
        person = json_object(role.get("person"), "cast person")
        character = json_object(role.get("character"), "cast character")
        cast.append(
            (
                json_text(person.get("name"), "person name"),
                json_text(character.get("name"), "character"),
            )
        )
    return cast


def tvmaze_record(payload: Any) -> ShowRecord:
    """A TVMaze show (https://api.tvmaze.com/shows/ID?embed[]=cast&embed[]=seasons)."""
    show = json_object(payload, "the show")
    show_id = required_text(show, "id")
    name = required_text(show, "name")
    source = SourceRecord(
        ref=f"tvmaze:show:{show_id}",
        title=f"TVMaze: {name}",
        url=json_text(show.get("url"), "url") or f"https://www.tvmaze.com/shows/{show_id}",
        publisher="TVMaze",
    )
    channel = json_object(show.get("network"), "network") or json_object(
        show.get("webChannel"), "webChannel"
    )
    externals = json_object(show.get("externals"), "externals")
    embedded = json_object(show.get("_embedded"), "_embedded")
    seasons, season_count = _tvmaze_seasons(embedded, source)
    episodes = _tvmaze_episodes(embedded)
    premiered = iso_date(show.get("premiered"), "premiered")
    status = json_text(show.get("status"), "status")
    return ShowRecord.model_validate(
        {
            "title": name,
            "kind": ShowKind.SERIES,
            "year": year_of(premiered),
            "genres": distinct(
                json_text(g, "genre") for g in json_array(show.get("genres"), "genres")
            )
            or None,
            "network": json_text(channel.get("name"), "network name"),
            "country": json_text(
                json_object(channel.get("country"), "country").get("name"), "country"
            ),
            "status": tvmaze_status(status) if status else None,
            "premiere_date": premiered,
            "season_count": season_count,
            "episode_count": len(episodes) if episodes else None,
            "logline": plain_text(json_text(show.get("summary"), "summary")),
            "external_ids": {
                "tvmaze": show_id,
                "imdb": json_text(externals.get("imdb"), "externals.imdb"),
                "thetvdb": json_text(externals.get("thetvdb"), "externals.thetvdb"),
            },
            "sources": [source],
            "seasons": seasons,
            "credits": cast_credits(_tvmaze_cast(embedded), source),
        }
    )
