"""TMDB TV details: TMDB's JSON for a TV show, with its credits and external ids appended.

TMDB's words for a show's status belong here too: they are its vocabulary, not ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.catalogue.importers.fields import (
    cast_credits,
    credits_for,
    distinct,
    iso_date,
    json_array,
    json_count,
    json_object,
    json_text,
    names_in,
    person_names,
    required_text,
    year_of,
)
from db.records import SeasonRecord, ShowRecord, SourceRecord
from db.vocabulary import CreditRole, ShowKind, ShowStatus

TMDB_FORMAT = "TMDB TV details"

_STATUSES: dict[str, ShowStatus] = {
    "returning series": ShowStatus.RETURNING,
    "planned": ShowStatus.IN_DEVELOPMENT,
    "in production": ShowStatus.IN_DEVELOPMENT,
    "pilot": ShowStatus.IN_DEVELOPMENT,
    "ended": ShowStatus.ENDED,
    "canceled": ShowStatus.CANCELLED,
    "cancelled": ShowStatus.CANCELLED,
}


def tmdb_status(status: str, show_type: str | None = None) -> ShowStatus | None:
    """Maps TMDB's TV `status` (and `type`, which marks miniseries) to ours."""
    if show_type and show_type.strip().lower() == "miniseries":
        return ShowStatus.LIMITED_SERIES
    return _STATUSES.get(status.strip().lower())


def is_tmdb_details(payload: Mapping[str, Any]) -> bool:
    """Whether an object is TMDB TV details, by the keys only TMDB's have."""
    return "first_air_date" in payload or "number_of_seasons" in payload


def _tmdb_seasons(details: Mapping[str, Any], source: SourceRecord) -> list[SeasonRecord]:
    seasons = []
    for entry in json_array(details.get("seasons"), "seasons"):
        season = json_object(entry, "a season")
        number = json_count(season.get("season_number"), "season_number")
        # Season 0 is TMDB's shelf of specials, not a season: the season count leaves it out
        # too, and nobody asks how "season 0" ended.
        if number is None or number < 1:
            continue
        seasons.append(
            SeasonRecord(
                number=number,
                premiere_date=iso_date(season.get("air_date"), "season air_date"),
                # TMDB lists an announced season with 0 episodes: unknown, not none.
                episode_count=json_count(season.get("episode_count"), "episode_count") or None,
                source=source,
            )
        )
    return seasons


def _tmdb_cast(details: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    """(name, characters) in billing order, from `aggregate_credits` (every season) or, when
    only `credits` was appended, from those (the latest season)."""
    aggregate = "aggregate_credits" in details
    credits = json_object(details.get("aggregate_credits" if aggregate else "credits"), "credits")
    people = [json_object(p, "a cast entry") for p in json_array(credits.get("cast"), "cast")]
    people.sort(key=lambda p: json_count(p.get("order"), "order") or 0)
    cast = []
    for person in people:
        if aggregate:
            roles = [json_object(r, "a role") for r in json_array(person.get("roles"), "roles")]
            characters = distinct(json_text(r.get("character"), "character") for r in roles)
            character = " / ".join(characters) or None
        else:
            character = json_text(person.get("character"), "character")
        cast.append((json_text(person.get("name"), "cast name"), character))
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
    details = json_object(payload, "the show")
    tmdb_id = required_text(details, "id")
    name = required_text(details, "name")
    source = SourceRecord(
        ref=f"tmdb:tv:{tmdb_id}",
        title=f"TMDB: {name}",
        url=f"https://www.themoviedb.org/tv/{tmdb_id}",
        publisher="TMDB",
    )
    first_aired = iso_date(details.get("first_air_date"), "first_air_date")
    status = json_text(details.get("status"), "status")
    original = json_text(details.get("original_name"), "original_name")
    ids = json_object(details.get("external_ids"), "external_ids")
    countries = distinct(
        json_text(c, "origin_country")
        for c in json_array(details.get("origin_country"), "origin_country")
    )
    creators = person_names(names_in(details.get("created_by"), "created_by"))
    return ShowRecord.model_validate(
        {
            "title": name,
            "original_title": original if original != name else None,
            "kind": ShowKind.SERIES,
            "year": year_of(first_aired),
            "genres": names_in(details.get("genres"), "genres") or None,
            "network": next(iter(names_in(details.get("networks"), "networks")), None),
            "country": ", ".join(countries) or None,
            "status": (
                tmdb_status(status, json_text(details.get("type"), "type")) if status else None
            ),
            "premiere_date": first_aired,
            "season_count": json_count(details.get("number_of_seasons"), "number_of_seasons"),
            "episode_count": json_count(details.get("number_of_episodes"), "number_of_episodes"),
            "logline": json_text(details.get("overview"), "overview"),
            "production_company": _joined(
                names_in(details.get("production_companies"), "production_companies"), 500
            ),
            "external_ids": {
                "tmdb": tmdb_id,
                "imdb": json_text(ids.get("imdb_id"), "imdb_id"),
                "thetvdb": json_text(ids.get("tvdb_id"), "tvdb_id"),
            },
            "sources": [source],
            "seasons": _tmdb_seasons(details, source),
            "credits": credits_for(creators, CreditRole.CREATOR, source)
            + cast_credits(_tmdb_cast(details), source),
        }
    )
