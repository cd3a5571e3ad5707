"""Answering questions about shows: from free text to one answer model, no Discord involved."""

from __future__ import annotations

import re

from bot.answering.answers import (
    Ambiguous,
    Answer,
    CastMember,
    CreatorCredit,
    NotFound,
    SeasonEnding,
    ShowAnswer,
    ShowChoice,
    SourceLink,
    count_words,
    long_date,
    ordinal,
)
from bot.matching.index import Resolution, TitleEntry, TitleIndex
from bot.matching.intents import Intent
from bot.matching.questions import parse_question, title_words
from db.engine import Database
from db.models import Show, Source, StatusChange
from db.queries import load_show
from db.vocabulary import CreditRole, ShowKind, ShowStatus

CHOICE_VALUE = re.compile(r"^id:(\d{1,18})$")
"""How autocomplete hands a picked show back: Discord shows the title, sends this value."""


def _choice(entry: TitleEntry) -> ShowChoice:
    return ShowChoice(
        show_id=entry.show_id, title=entry.title, year=entry.year, network=entry.network
    )


class AnswerService:
    """Finds the show a question means and says where it stands."""

    def __init__(self, database: Database, index: TitleIndex) -> None:
        self.database = database
        self.index = index

    async def ask(
        self, text: str, *, intent: Intent | None = None, season: int | None = None
    ) -> Answer:
        question = parse_question(text)
        intent = intent or question.intent
        season = season if season is not None else question.season
        chosen = CHOICE_VALUE.match(text.strip())
        if chosen and int(chosen.group(1)) in self.index:
            return await self.answer_for(int(chosen.group(1)), intent, season)
        return await self._from_resolution(self.index.resolve(text), intent, season)

    async def _from_resolution(
        self, resolution: Resolution, intent: Intent, season: int | None
    ) -> Answer:
        if resolution.ambiguous:
            choices = tuple(_choice(c.entry) for c in resolution.candidates)
            return Ambiguous(
                query=resolution.query, intent=intent, asked_season=season, choices=choices
            )
        if resolution.match is None:
            suggestions = tuple(_choice(c.entry) for c in resolution.candidates[:3])
            return NotFound(
                query=resolution.query,
                subject=title_words(resolution.query),
                suggestions=suggestions,
            )
        return await self.answer_for(resolution.match.entry.show_id, intent, season)

    async def answer_for(
        self, show_id: int, intent: Intent = Intent.OVERVIEW, season: int | None = None
    ) -> ShowAnswer | NotFound:
        async with self.database.session() as session:
            show = await load_show(session, show_id)
        if show is None:
            # Deleted since the index last heard of it.
            return NotFound(query=f"id:{show_id}", subject="that show")
        return build_answer(show, intent, season)


def build_answer(show: Show, intent: Intent, asked_season: int | None) -> ShowAnswer:
    assert show.id is not None
    decision = _latest_decision(show)
    return ShowAnswer(
        intent=intent,
        lead=status_line(show, decision),
        asked_season=asked_season,
        show_id=show.id,
        title=show.title,
        year=show.year,
        network=show.network,
        status=show.status,
        status_date=show.status_date,
        status_line=status_line(show, decision),
        season_line=_season_line(show, decision, asked_season),
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
            for c in sorted(
                (c for c in show.credits if c.role is CreditRole.ACTOR and c.person),
                key=lambda c: (c.billing_order is None, c.billing_order or 0, c.id or 0),
            )
            if c.person is not None
        ),
        ending=_ending(show, intent, asked_season),
        charts=tuple(_chart_line(run.chart, run.peak_rank, run.weeks, run.hours_viewed, run.note)
                     for run in show.chart_runs),
        notes=tuple(note.text for note in show.notes),
        sources=_sources(show),
    )  # fmt: skip


def _latest_decision(show: Show) -> StatusChange | None:
    matching = [c for c in show.status_changes if c.new_status == show.status]
    return matching[-1] if matching else None


def _seasons_phrase(show: Show) -> str:
    return f" after {count_words(show.season_count, 'season')}" if show.season_count else ""


def status_line(show: Show, decision: StatusChange | None = None) -> str:
    """One sentence on where the show stands."""
    by = f" by {show.network}" if show.network else ""
    on = f" on {show.network}" if show.network else ""
    when = f" on {long_date(show.status_date)}" if show.status_date else ""
    match show.status:
        case ShowStatus.CANCELLED:
            return f"Cancelled{by}{when}{_seasons_phrase(show)}."
        case ShowStatus.RENEWED:
            ordered = decision.seasons_ordered if decision else None
            if ordered and ordered > 1:
                what = f" for {count_words(ordered, 'more season')}"
            elif ordered == 1 and show.season_count:
                what = f" for a {ordinal(show.season_count + 1)} season"
            else:
                what = ""
            return f"Renewed{by}{what}{when}."
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


def _season_line(show: Show, decision: StatusChange | None, asked: int | None) -> str | None:
    if asked is None:
        return None
    aired = show.season_count or 0
    if asked <= aired and aired:
        season = next((s for s in show.seasons if s.number == asked), None)
        premiered = (
            f", premiering {long_date(season.premiere_date)}"
            if season and season.premiere_date
            else ""
        )
        return f"Season {asked} has already aired{premiered}."
    match show.status:
        case ShowStatus.CANCELLED | ShowStatus.ENDED | ShowStatus.LIMITED_SERIES:
            verb = {
                ShowStatus.CANCELLED: "was cancelled",
                ShowStatus.ENDED: "has ended",
                ShowStatus.LIMITED_SERIES: "is a limited series",
            }[show.status]
            return f"There will be no season {asked}: {show.title} {verb}{_seasons_phrase(show)}."
        case ShowStatus.RENEWED:
            ordered = decision.seasons_ordered if decision and decision.seasons_ordered else 1
            if aired and asked <= aired + ordered:
                return f"Season {asked} is on the way."
            return f"Season {asked} has not been ordered yet."
        case _:
            return f"Season {asked} has not been ordered yet."


def _creators(show: Show) -> tuple[CreatorCredit, ...]:
    grouped: dict[CreditRole, list[str]] = {}
    for credit in show.credits:
        if credit.role in (CreditRole.CREATOR, CreditRole.DEVELOPER) and credit.person:
            grouped.setdefault(credit.role, []).append(credit.person.name)
    return tuple(CreatorCredit(role.label, tuple(names)) for role, names in grouped.items())


def _ending(show: Show, intent: Intent, asked: int | None) -> SeasonEnding | None:
    if asked is not None and intent is Intent.ENDING:
        season = next((s for s in show.seasons if s.number == asked), None)
        if season is None:
            return SeasonEnding(season=asked, text=None, cliffhanger=None)
    else:
        told = [s for s in show.seasons if s.ending]
        season = told[-1] if told else (show.seasons[-1] if show.seasons else None)
    if season is None:
        return None
    return SeasonEnding(season=season.number, text=season.ending, cliffhanger=season.cliffhanger)


def _chart_line(
    chart: str, peak: int | None, weeks: int | None, hours: int | None, note: str | None
) -> str:
    facts = []
    if peak:
        facts.append(f"peaked at #{peak}")
    if weeks:
        facts.append(f"{count_words(weeks, 'week')} on the chart")
    if hours:
        facts.append(f"{hours / 1_000_000:,.0f} million hours viewed")
    line = f"{chart}: {', '.join(facts)}." if facts else f"{chart}."
    return f"{line} {note}" if note else line


def _sources(show: Show) -> tuple[SourceLink, ...]:
    found: dict[str, Source] = {s.ref: s for s in show.sources}
    cited = [
        *(c.source for c in show.status_changes),
        *(s.source for s in show.seasons),
        *(c.source for c in show.credits),
        *(r.source for r in show.chart_runs),
        *(n.source for n in show.notes),
    ]
    for source in cited:
        if source is not None:
            found.setdefault(source.ref, source)
    return tuple(SourceLink(title=s.title, url=s.url) for s in found.values())
