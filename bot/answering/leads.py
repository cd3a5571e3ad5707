"""The sentence or two that answer a question about one show, from its record only.

Each intent has its writer. A writer says what the record holds and no more: when the record
lacks the fact it says so in one line ("The record doesn't say who created Kota Factory."),
and a question about a season is answered yes, no, or "nothing on record says", never with a
guess ("has not been ordered yet") that no source made. Where the show stands is in `asked`;
who is in it and what the record says of it, in `fact_leads`.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answering.answers import count_words, runtime_text
from bot.answering.asked import (
    Asked,
    no_status,
    on_day,
    overview,
    status_clause,
    today,
)
from bot.answering.fact_leads import (
    about_lead,
    based_on_lead,
    cast_lead,
    character_lead,
    charts_lead,
    creators_lead,
    filmography_lead,
    why_lead,
)
from bot.answering.record import (
    decided_on,
    ending_season,
    latest_decision,
    season_of,
    total_episodes,
)
from bot.matching.intents import Intent
from db.models import Show
from db.vocabulary import ShowStatus

SOURCE_TITLE_LIMIT = 160
_FINISHED = frozenset({ShowStatus.CANCELLED, ShowStatus.ENDED})
LEADS_WITH_STATUS = frozenset(
    {Intent.OVERVIEW, Intent.STATUS, Intent.SEASON, Intent.WHY, Intent.FINALE}
)
"""Questions whose lead already says where the show stands."""


def lead(
    show: Show,
    intent: Intent,
    season: int | None = None,
    *,
    character: str | None = None,
    person: str | None = None,
) -> str:
    asked = Asked(show, latest_decision(show), season, character, person)
    return _WRITERS[intent](asked)


def _status(asked: Asked) -> str:
    clause = status_clause(asked)
    if clause is None:
        return no_status(asked)
    sentence = f"{asked.title} {clause}."
    source = asked.decision.source if asked.decision else None
    if source is not None:
        title = source.title
        if len(title) > SOURCE_TITLE_LIMIT:
            title = title[: SOURCE_TITLE_LIMIT - 1].rstrip() + "…"
        sentence += f" Source: “{title}”."
    return sentence


# -- seasons ---------------------------------------------------------------------------------


def _season(asked: Asked) -> str:
    show, title = asked.show, asked.title
    if asked.film:
        return f"{title} is a film, so it has no seasons."
    aired = show.season_count
    number = asked.season if asked.season is not None else (aired + 1 if aired else None)
    which = f"a season {number}" if number is not None else "another season"
    name = f"season {number}" if number is not None else "another season"
    if number is not None and aired and number <= aired:
        return _aired_season(asked, number)
    clause = status_clause(asked)
    match show.status:
        case ShowStatus.CANCELLED | ShowStatus.ENDED | ShowStatus.LIMITED_SERIES:
            if aired or show.status is ShowStatus.LIMITED_SERIES:
                return f"No: {title} {clause}, so there will be no {name}."
            return (
                f"No new season is coming: {title} {clause}. "
                "The record doesn't say how many seasons aired."
            )
        case ShowStatus.RENEWED:
            return _renewed_season(asked, number, clause or "was renewed")
        case ShowStatus.AWAITING_DECISION | ShowStatus.IN_DEVELOPMENT:
            return f"Nothing on record says whether there will be {which} of {title}: it {clause}."
        case ShowStatus.RETURNING:
            return (
                f"Nothing on record says whether there will be {which} of {title}, "
                f"though it {clause}."
            )
        case None:
            return f"Nothing on record says whether there will be {which} of {title}."


def _aired_season(asked: Asked, number: int) -> str:
    season = season_of(asked.show, number)
    if season is not None and season.premiere_date:
        verb = "premieres" if season.premiere_date > today() else "premiered"
        return f"Season {number} of {asked.title} {verb}{on_day(season.premiere_date)}."
    return f"Season {number} of {asked.title} has already aired."


def _renewed_season(asked: Asked, number: int | None, clause: str) -> str:
    aired = asked.show.season_count
    decision = asked.decision
    ordered = decision.seasons_ordered if decision and decision.seasons_ordered else 1
    if number is None:
        return f"Yes: {asked.title} {clause}, so another season is on the way."
    if not aired:
        return (
            f"{asked.title} {clause}, but the record doesn't say how many seasons have aired, "
            f"so it can't tell whether that means season {number}."
        )
    if number <= aired + ordered:
        return f"Yes: {asked.title} {clause}, so season {number} is on the way."
    day = decided_on(asked.show, decision)
    when = on_day(day) if day else ""
    unknown = f"Nothing on record says whether there will be a season {number} of {asked.title}"
    if decision is None or not decision.seasons_ordered:
        # A renewal vouches for the next season; how many more it ordered is not on record.
        return f"{unknown}: the record doesn't say how many seasons its renewal{when} ordered."
    return f"{unknown}: its renewal{when} was for {count_words(ordered, 'more season')}."


def _counts(asked: Asked) -> str:
    show, title = asked.show, asked.title
    if asked.film:
        return _runtime(asked)
    if asked.season is not None:
        season = season_of(show, asked.season)
        if season is not None and season.episode_count:
            in_season = count_words(season.episode_count, "episode")
            return f"Season {asked.season} of {title} has {in_season}."
        return f"The record doesn't say how many episodes season {asked.season} of {title} has."
    seasons, episodes = show.season_count, total_episodes(show)
    if seasons and episodes:
        if seasons == 1:
            return f"{title} has one season of {count_words(episodes, 'episode')}."
        both = f"{count_words(seasons, 'season')} and {count_words(episodes, 'episode')}"
        return f"{title} has {both} in all."
    if seasons:
        return (
            f"{title} has {count_words(seasons, 'season')}; "
            "the record doesn't say how many episodes."
        )
    if episodes:
        return (
            f"{title} has {count_words(episodes, 'episode')}; "
            "the record doesn't say over how many seasons."
        )
    return f"The record doesn't say how many seasons {title} has."


def _runtime(asked: Asked) -> str:
    """How long a film is: "how long", "runtime" and "how many episodes" are one question
    (COUNTS), and of a film only its length can be told."""
    minutes, title = asked.show.runtime_minutes, asked.title
    if asked.season is not None:
        # "season 2 of a film" is a mistake worth saying, before what there is to say.
        runs = f"; it runs {runtime_text(minutes)}" if minutes else ""
        return f"{title} is a film, so it has no seasons{runs}."
    if minutes:
        return f"{title} runs {runtime_text(minutes)}."
    return f"The record doesn't give the running time of {title}."


# -- dates -----------------------------------------------------------------------------------


def _premiere(asked: Asked) -> str:
    show, title = asked.show, asked.title
    if asked.season is not None and not asked.film:
        season = season_of(show, asked.season)
        if season is not None and season.premiere_date:
            return _aired_season(asked, asked.season)
        return f"The record doesn't give a premiere date for season {asked.season} of {title}."
    day = show.premiere_date or (show.seasons[0].premiere_date if show.seasons else None)
    if day is not None:
        future = day > today()
        if asked.film:
            verb = "is released" if future else "was released"
        else:
            verb = "premieres" if future else "premiered"
        return f"{title} {verb}{on_day(day)}."
    if show.year:
        return f"{title} first came out in {show.year}; the record doesn't give the exact date."
    return f"The record doesn't say when {title} {'came out' if asked.film else 'premiered'}."


def _finale(asked: Asked) -> str:
    """When the last (or the asked) season's finale aired; for a show that is over, when it
    was cancelled or ended, which is what "when did it end" often means."""
    show, title = asked.show, asked.title
    if asked.season is not None:
        season = season_of(show, asked.season)
    else:
        season = show.seasons[-1] if show.seasons else None
    sentences = []
    dated = season is not None and season.finale_date is not None
    if season is not None and season.finale_date is not None:
        verb = "airs" if season.finale_date > today() else "aired"
        sentences.append(
            f"The season {season.number} finale of {title} {verb}{on_day(season.finale_date)}."
        )
    clause = status_clause(asked)
    if show.status in _FINISHED and clause:
        sentences.append(f"{title} {clause}.")
        if not dated:
            sentences.append("The record doesn't give the date of its last episode.")
    if sentences:
        return " ".join(sentences[:2])
    if asked.season is not None:
        return f"The record doesn't give a finale date for season {asked.season} of {title}."
    return f"The record doesn't give a finale date for {title}."


def _ending(asked: Asked) -> str:
    """Never the ending itself: a lead is shown unhidden, the ending only behind a spoiler."""
    show, title = asked.show, asked.title
    found = ending_season(show, asked.season)
    if found is None:
        return f"The record doesn't say how {title} ended. {overview(asked)}"
    number, season = found
    if season is None and not (show.season_count and number <= show.season_count):
        # "how does season 2 end" of a season not on record: whether it will come answers it
        return _season(asked)
    if season is None or not season.ending:
        # "How did it end" often means "is it over": where the show stands answers that.
        return f"The record doesn't say how season {number} of {title} ended. {overview(asked)}"
    return f"Spoiler ahead: how season {number} of {title} ended."


_WRITERS: dict[Intent, Callable[[Asked], str]] = {
    Intent.OVERVIEW: overview,
    Intent.STATUS: _status,
    Intent.SEASON: _season,
    Intent.CAST: cast_lead,
    Intent.CHARACTER: character_lead,
    Intent.FILMOGRAPHY: filmography_lead,
    Intent.CREATORS: creators_lead,
    Intent.PREMIERE: _premiere,
    Intent.FINALE: _finale,
    Intent.COUNTS: _counts,
    Intent.ABOUT: about_lead,
    Intent.BASED_ON: based_on_lead,
    Intent.CHARTS: charts_lead,
    Intent.WHY: why_lead,
    Intent.ENDING: _ending,
}
