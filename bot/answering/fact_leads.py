"""Leads about who is in a show and who made it, and about what the record says of it: what
it is about, what it is based on, how it charted, why it was renewed or cancelled."""

from __future__ import annotations

import re

from bot.answering.answers import count_words
from bot.answering.asked import Asked, no_status, sentence, status_clause
from bot.answering.people import ROLE_VERBS, acting_credits, as_typed, credited, joined, playing
from bot.answering.record import reception_notes, why_notes
from db.models import ChartRun
from db.vocabulary import CreditRole, ShowStatus

CAST_IN_LEAD = 3


# -- people ----------------------------------------------------------------------------------


def cast_lead(asked: Asked) -> str:
    if asked.character:
        return character_lead(asked)
    if asked.person:
        return person_in_show_lead(asked)
    cast = acting_credits(asked.show)
    if not cast:
        return f"The record doesn't say who is in {asked.title}."
    names = [
        f"{c.person.name} as {c.character}" if c.character else c.person.name
        for c in cast[:CAST_IN_LEAD]
        if c.person is not None
    ]
    stars = f"{asked.title} stars {joined(names)}."
    if len(cast) > CAST_IN_LEAD:
        more = count_words(len(cast) - CAST_IN_LEAD, "more actor")
        stars += f" The cast on record lists {more}."
    return stars


def character_lead(asked: Asked) -> str:
    if not asked.character:
        return person_in_show_lead(asked) if asked.person else cast_lead(asked)
    found = playing(asked.show, asked.character)
    if not found:
        return f"The record doesn't say who plays {as_typed(asked.character)} in {asked.title}."
    parts = [f"{c.person.name} plays {c.character}" for c in found[:3] if c.person is not None]
    return f"{joined(parts)} in {asked.title}."


def person_in_show_lead(asked: Asked) -> str:
    assert asked.person is not None
    found = credited(asked.show, asked.person)
    if not found:
        return f"The record doesn't list {as_typed(asked.person)} in {asked.title}."
    sentences = []
    for credit in found[:2]:
        name = credit.person.name if credit.person else as_typed(asked.person)
        if credit.role is CreditRole.ACTOR and credit.character:
            sentences.append(f"{name} plays {credit.character} in {asked.title}.")
        elif credit.role is CreditRole.ACTOR:
            sentences.append(
                f"{name} is in the cast of {asked.title}; the record doesn't name the character."
            )
        else:
            sentences.append(f"{name} {ROLE_VERBS[credit.role]} {asked.title}.")
    return " ".join(sentences)


def filmography_lead(asked: Asked) -> str:
    return person_in_show_lead(asked) if asked.person else cast_lead(asked)


def creators_lead(asked: Asked) -> str:
    by_role: dict[CreditRole, list[str]] = {}
    for credit in asked.show.credits:
        if credit.person is not None:
            by_role.setdefault(credit.role, []).append(credit.person.name)
    made = [
        f"{ROLE_VERBS[role]} by {joined(by_role[role])}"
        for role in (CreditRole.CREATOR, CreditRole.DEVELOPER)
        if role in by_role
    ]
    if not made and CreditRole.DIRECTOR in by_role:
        made = [f"directed by {joined(by_role[CreditRole.DIRECTOR])}"]
    company = (asked.show.production_company or "").strip()
    if company:
        made.append(f"produced by {company}")
    if made:
        return f"{asked.title} was {joined(made)}."
    return f"The record doesn't say who {'directed' if asked.film else 'created'} {asked.title}."


# -- what it is ------------------------------------------------------------------------------


def about_lead(asked: Asked) -> str:
    """The description, and where the show is from ("where is it set" is often answered by
    the description; "what country" by the record's country)."""
    logline = (asked.show.logline or "").strip()
    told = logline or f"The record doesn't say what {asked.title} is about."
    country = (asked.show.country or "").strip()
    genres = ", ".join(asked.show.genres)
    if not country and not genres:
        return told
    kind = "film" if asked.film else "series"
    made = f" from {country}" if country else ""
    filed = f", filed under {genres}" if genres else ""
    return f"{told} It is a {kind}{made}{filed}."


_ADAPTED = re.compile(
    r"[^.!?]*\b(?:based on|inspired by|adapted from|adaptation of|sequel to|prequel to|"
    r"spin-?off of|remake of|from the "
    r"(?:best-?selling )?(?:novel|book|memoir|comic|manga)s?)\b[^.!?]*[.!?]?",
    re.IGNORECASE,
)
"""A sentence of a description that tells what the show is drawn from."""


def based_on_lead(asked: Asked) -> str:
    source = (asked.show.based_on or "").strip().rstrip(".")
    if source:
        return f"{asked.title} is based on {source}."
    told = _ADAPTED.search(asked.show.logline or "")
    if told:
        quoted = told.group().strip()
        return f"The record names no source for {asked.title}, but its description says: “{quoted}”"
    lacking = f"The record doesn't say whether {asked.title} is based on anything."
    logline = (asked.show.logline or "").strip()
    return f"{lacking} Its description: {logline}" if logline else lacking


def charts_lead(asked: Asked) -> str:
    """How it did: its charts, then what the record says of its reception ("what are critics
    saying")."""
    runs = asked.show.chart_runs
    reception = reception_notes(asked.show)
    received = f" {sentence(reception[0])}" if reception else ""
    if not runs:
        return f"The record doesn't say how {asked.title} did on the charts.{received}"
    ranked = [run for run in runs if run.peak_rank or run.weeks]
    first = ranked[0] if ranked else runs[0]
    sentences = [_chart_sentence(asked.title, first)]
    watched = next((r for r in runs if r.hours_viewed and r is not first), None)
    if watched is not None and watched.hours_viewed and not first.hours_viewed:
        hours = hours_text(watched.hours_viewed)
        sentences.append(f"It was watched for {hours} hours ({watched.chart}).")
    return " ".join(sentences) + received


def _chart_sentence(subject: str, run: ChartRun) -> str:
    facts = []
    if run.peak_rank:
        facts.append(f"peaked at #{run.peak_rank}")
    if run.weeks:
        facts.append(f"spent {count_words(run.weeks, 'week')} in the chart")
    if run.hours_viewed:
        facts.append(f"was watched for {hours_text(run.hours_viewed)} hours")
    if not facts:
        return f"{subject} made the {run.chart}." + (f" {run.note}" if run.note else "")
    return f"{subject} {joined(facts)} ({run.chart})."


def hours_text(hours: int) -> str:
    if hours >= 1_000_000:
        return f"{hours / 1_000_000:,.0f} million"
    return f"{hours:,}"


_WHY_VERBS: dict[ShowStatus, str] = {
    ShowStatus.CANCELLED: "was cancelled",
    ShowStatus.RENEWED: "was renewed",
    ShowStatus.ENDED: "ended",
    ShowStatus.RETURNING: "is returning",
    ShowStatus.AWAITING_DECISION: "is still awaiting a decision",
    ShowStatus.IN_DEVELOPMENT: "is in development",
    ShowStatus.LIMITED_SERIES: "is a limited series",
}


def why_lead(asked: Asked) -> str:
    """The record's reason (notes on "why"), after what became of the show."""
    status = asked.show.status
    clause = status_clause(asked)
    if status is None or clause is None:
        return no_status(asked)
    reasons = why_notes(asked.show) or reception_notes(asked.show)
    if reasons:
        return f"{asked.title} {clause}. {sentence(reasons[0])}"
    unknown = f"The record doesn't say why {asked.title} {_WHY_VERBS[status]}."
    note = asked.decision.note if asked.decision else None
    return f"{unknown} Its note on the decision: {sentence(note)}" if note else unknown
