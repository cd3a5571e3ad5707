"""A stored show turned into a `ShowAnswer`: the lead for the question, then the record."""

from __future__ import annotations

from bot.answering.answers import (
    CastMember,
    CreatorCredit,
    SeasonEnding,
    ShowAnswer,
    SourceLink,
    count_words,
    long_date,
)
from bot.answering.fact_leads import hours_text
from bot.answering.leads import lead
from bot.answering.people import acting_credits
from bot.answering.record import (
    ending_season,
    latest_decision,
    renewal_scope,
    season_of,
    why_notes,
)
from bot.matching.intents import Intent
from db.models import ChartRun, Show, Source, StatusChange
from db.vocabulary import CreditRole, ShowKind, ShowStatus


def build_answer(
    show: Show,
    intent: Intent,
    asked_season: int | None,
    *,
    character: str | None = None,
    person: str | None = None,
    also: tuple[Intent, ...] = (),
) -> ShowAnswer:
    """The answer about one show: the lead answers `intent`, then each of `also` in turn."""
    assert show.id is not None
    decision = latest_decision(show)
    leads = [lead(show, intent, asked_season, character=character, person=person)]
    leads += [lead(show, other) for other in also if other is not intent]
    return ShowAnswer(
        intent=intent,
        lead=" ".join(leads),
        asked_season=asked_season,
        show_id=show.id,
        title=show.title,
        year=show.year,
        network=show.network,
        status=show.status,
        status_date=show.status_date,
        status_line=status_line(show, decision),
        season_line=_season_line(show, asked_season),
        status_note=decision.note if decision else None,
        genres=tuple(show.genres),
        logline=show.logline,
        premiere_date=show.premiere_date,
        season_count=show.season_count,
        episode_count=show.episode_count,
        based_on=show.based_on,
        production_company=show.production_company,
        creators=_creators(show),
        cast=tuple(
            CastMember(actor=c.person.name, character=c.character)
            for c in acting_credits(show)
            if c.person is not None
        ),
        ending=_ending(show, intent, asked_season),
        charts=tuple(_chart_line(run) for run in show.chart_runs),
        notes=tuple(note.text for note in show.notes),
        sources=_sources(show),
        film=show.kind is ShowKind.FILM,
        runtime_minutes=show.runtime_minutes,
        decision_source=_link(decision.source) if decision and decision.source else None,
        why=tuple(why_notes(show)),
    )


def _seasons_phrase(show: Show) -> str:
    return f" after {count_words(show.season_count, 'season')}" if show.season_count else ""


def status_line(show: Show, decision: StatusChange | None = None) -> str:
    """One sentence on where the show stands, without its title."""
    by = f" by {show.network}" if show.network else ""
    on = f" on {show.network}" if show.network else ""
    when = f" on {long_date(show.status_date)}" if show.status_date else ""
    match show.status:
        case ShowStatus.CANCELLED:
            return f"Cancelled{by}{when}{_seasons_phrase(show)}."
        case ShowStatus.RENEWED:
            return f"Renewed{by}{renewal_scope(show, decision)}{when}."
        case ShowStatus.ENDED:
            return f"Ended{on}{_seasons_phrase(show)}{when}."
        case ShowStatus.RETURNING:
            return f"Returning{on}{when}."
        case ShowStatus.AWAITING_DECISION:
            return f"Awaiting a decision{by}{_seasons_phrase(show)}."
        case ShowStatus.IN_DEVELOPMENT:
            return f"In development{on.replace(' on ', ' at ', 1)}{when}."
        case ShowStatus.LIMITED_SERIES:
            return f"A limited series{on}: no more seasons are planned."
        case None if show.kind is ShowKind.FILM:
            return f"A film{on}: films are not renewed or cancelled."
        case None:
            return "No renewal or cancellation is on record yet."


def _season_line(show: Show, asked: int | None) -> str | None:
    """What the record says of the season asked about, when it has aired (else the lead
    says what there is to say)."""
    if asked is None or not show.season_count or asked > show.season_count:
        return None
    season = season_of(show, asked)
    if season is not None and season.premiere_date:
        return f"Season {asked} premiered on {long_date(season.premiere_date)}."
    return f"Season {asked} has aired."


def _creators(show: Show) -> tuple[CreatorCredit, ...]:
    """Creators and developers; for a show with neither (films), its directors."""
    grouped: dict[CreditRole, list[str]] = {}
    for credit in show.credits:
        if credit.person is not None:
            grouped.setdefault(credit.role, []).append(credit.person.name)
    roles: list[CreditRole] = [
        r for r in (CreditRole.CREATOR, CreditRole.DEVELOPER) if r in grouped
    ]
    if not roles and CreditRole.DIRECTOR in grouped:
        roles = [CreditRole.DIRECTOR]
    return tuple(CreatorCredit(role.label, tuple(grouped[role])) for role in roles)


def _ending(show: Show, intent: Intent, asked: int | None) -> SeasonEnding | None:
    found = ending_season(show, asked if intent is Intent.ENDING else None)
    if found is None:
        return None
    number, season = found
    if season is None:
        return SeasonEnding(season=number, text=None, cliffhanger=None)
    return SeasonEnding(
        season=number,
        text=season.ending,
        cliffhanger=season.cliffhanger,
        source=_link(season.source) if season.source else None,
    )


def _chart_line(run: ChartRun) -> str:
    facts = []
    if run.peak_rank:
        facts.append(f"peaked at #{run.peak_rank}")
    if run.weeks:
        facts.append(f"{count_words(run.weeks, 'week')} on the chart")
    if run.hours_viewed:
        facts.append(f"{hours_text(run.hours_viewed)} hours viewed")
    line = f"{run.chart}: {', '.join(facts)}." if facts else f"{run.chart}."
    return f"{line} {run.note}" if run.note else line


def _link(source: Source) -> SourceLink:
    return SourceLink(title=source.title, url=source.url)


def _sources(show: Show) -> tuple[SourceLink, ...]:
    """Every source the record cites, the one behind the latest decision first."""
    decision = latest_decision(show)
    found: dict[str, Source] = {}
    if decision is not None and decision.source is not None:
        found[decision.source.ref] = decision.source
    for source in show.sources:
        found.setdefault(source.ref, source)
    cited = [
        *(c.source for c in show.status_changes),
        *(s.source for s in show.seasons),
        *(c.source for c in show.credits),
        *(r.source for r in show.chart_runs),
        *(n.source for n in show.notes),
    ]
    for cited_source in cited:
        if cited_source is not None:
            found.setdefault(cited_source.ref, cited_source)
    return tuple(_link(s) for s in found.values())
