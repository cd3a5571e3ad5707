"""Answers as plain text for a terminal: the lead first, no markdown, the ending marked but
not hidden.

Control characters from records (escape sequences, bidi overrides…) come out as visible
escapes: every text passes through `visible` last, so no record string can slip past.
"""

from __future__ import annotations

from bot.answering.answers import (
    Ambiguous,
    Answer,
    CastMember,
    HelpAnswer,
    NotFound,
    PersonAnswer,
    Reply,
    ShowAnswer,
    count_words,
    long_date,
)
from bot.answering.help import COMMANDS
from bot.answering.leads import LEADS_WITH_STATUS
from bot.answering.markup import visible
from bot.matching.intents import Intent
from bot.matching.reading import MAX_SUBJECTS
from db.vocabulary import CreditRole

CAST_LINES = 25
STARS = 4
SOURCES = 3
PERSON_LINES = 20
CAST_INTENTS = frozenset({Intent.CAST, Intent.CHARACTER, Intent.FILMOGRAPHY})


def answer_text(answer: Answer) -> str:
    """One answer for a terminal."""
    return visible(_plain_text(answer))


def reply_text(reply: Reply) -> str:
    """A whole reply: its answers (at most three), a blank line between them."""
    return "\n\n".join(answer_text(answer) for answer in reply.answers[:MAX_SUBJECTS])


def _plain_text(answer: Answer) -> str:
    if isinstance(answer, ShowAnswer):
        return _show_text(answer)
    if isinstance(answer, NotFound):
        text = f'No show called "{answer.subject}" is in the catalogue.'
        if answer.suggestions:
            text += " Did you mean: " + "; ".join(s.label() for s in answer.suggestions) + "?"
        return text
    if isinstance(answer, Ambiguous):
        lines = [f'More than one show matches "{answer.query}":']
        lines += [f"  - {choice.label()}" for choice in answer.choices]
        lines.append("Ask again with the year or the network to pick one.")
        return "\n".join(lines)
    if isinstance(answer, PersonAnswer):
        return _person_text(answer)
    return _help_text(answer)


def _heading(answer: ShowAnswer) -> str:
    heading = f"{answer.title} ({answer.year})" if answer.year else answer.title
    return heading + (f" — {answer.network}" if answer.network else "")


def _shown(lines: list[str], limit: int) -> list[str]:
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"…and {len(lines) - limit} more"]


def _show_text(answer: ShowAnswer) -> str:
    lines = [_heading(answer), answer.lead]
    if answer.intent in CAST_INTENTS:
        cast = [f"  {member.line()}" for member in answer.cast]
        if cast:
            lines += ["Cast:", *_shown(cast, CAST_LINES)]
        return "\n".join(lines)
    if answer.intent is Intent.ENDING:
        return "\n".join(lines + _ending_lines(answer))
    return "\n".join(lines + _fact_lines(answer))


def _ending_lines(answer: ShowAnswer) -> list[str]:
    ending = answer.ending
    if ending is None or not ending.text:
        return []
    cliff = " (a cliffhanger)" if ending.cliffhanger else ""
    lines = [f"How season {ending.season} ended{cliff} [spoiler]: {ending.text}"]
    if ending.source is not None:
        lines.append(f"Source: {ending.source.url or ending.source.title}")
    return lines


def _fact_lines(answer: ShowAnswer) -> list[str]:
    label = answer.status.label if answer.status else "No decision on record"
    # Where the lead already says where the show stands, the label is enough.
    said = answer.intent in LEADS_WITH_STATUS
    lines = [f"Status: {label}." if said else f"Status: {label}. {answer.status_line}"]
    if answer.intent is Intent.STATUS and answer.status_note:
        lines.append(f"Decision: {answer.status_note}")
    facts = []
    if answer.premiere_date:
        verb = "released" if answer.film else "premiered"
        facts.append(f"{verb} {long_date(answer.premiere_date)}")
    if answer.season_count:
        seasons = count_words(answer.season_count, "season")
        if answer.episode_count:
            seasons += f", {count_words(answer.episode_count, 'episode')}"
        facts.append(seasons)
    if facts:
        lines.append("Aired: " + "; ".join(facts))
    if answer.runtime_minutes:
        lines.append(f"Runtime: {answer.runtime_minutes} min")
    for credit in answer.creators[:2]:
        lines.append(f"{credit.label}: {', '.join(credit.names)}")
    if answer.intent in (Intent.OVERVIEW, Intent.ABOUT) and answer.genres:
        lines.append("Genre: " + ", ".join(answer.genres))
    if answer.intent is Intent.OVERVIEW and answer.logline:
        lines.append(f"About: {answer.logline}")
    if answer.intent in (Intent.OVERVIEW, Intent.BASED_ON) and answer.based_on:
        lines.append(f"Based on: {answer.based_on}")
    if answer.intent in (Intent.OVERVIEW, Intent.STATUS) and answer.cast:
        stars = _stars(answer.cast)
        lines.append(f"Starring: {stars}")
    if answer.intent is Intent.CHARTS:
        lines += [f"Top 10: {chart}" for chart in answer.charts]
    if answer.intent is Intent.WHY:
        lines += [f"Also on record: {reason}" for reason in answer.why[1:]]
    if answer.sources:
        sources = [s.url or f'"{s.title}"' for s in answer.sources]
        lines.append("Sources: " + "; ".join(_shown(sources, SOURCES)))
    return lines


def _stars(cast: tuple[CastMember, ...]) -> str:
    names = ", ".join(member.actor for member in cast[:STARS])
    return names + (f" and {len(cast) - STARS} more" if len(cast) > STARS else "")


def _person_text(answer: PersonAnswer) -> str:
    lines = [answer.lead]
    for credit in answer.credits:
        kind = "film" if credit.film else "series"
        titled = f"{credit.title} ({credit.year}, {kind})" if credit.year else credit.title
        if answer.intent is Intent.CHARACTER:
            lines.append(f"  - {credit.person} as {credit.character} in {titled}")
        elif credit.character:
            lines.append(f"  - {titled} as {credit.character}")
        elif credit.role is not CreditRole.ACTOR:
            lines.append(f"  - {titled}: {credit.role.value}")
        else:
            lines.append(f"  - {titled}")
    return "\n".join(_shown(lines, PERSON_LINES + 1))


def _help_text(answer: HelpAnswer) -> str:
    lines = [answer.lead]
    if answer.examples:
        lines.append("Ask me, for example:")
        lines += [f"  - {example}" for example in answer.examples]
    if len(answer.examples) > 2:
        lines.append("Commands in Discord: " + ", ".join(name for name, _ in COMMANDS))
    return "\n".join(lines)
