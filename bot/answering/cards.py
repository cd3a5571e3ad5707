"""Answers as Discord-free cards (what an embed will show) and as plain text.

A `Card` is laid out here and turned into an embed by the Discord adapter, so Discord's size
limits are enforced in one place (`fit`) whatever the record holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from bot.answering.answers import (
    Ambiguous,
    Answer,
    CastMember,
    NotFound,
    ShowAnswer,
    count_words,
    long_date,
)
from bot.answering.markup import safe, source_link, visible, wrapped
from bot.matching.intents import Intent
from db.vocabulary import ShowStatus

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
MESSAGE_LIMIT = 2000

DESCRIPTION_PART_LIMIT = 400
"""Each sentence of the card's description, so that the fields keep room in the 6000."""
CAST_LINES = 8
CAST_LINES_WHEN_ASKED = 25
ELLIPSIS = "…"

BADGES: dict[ShowStatus | None, tuple[str, int]] = {
    ShowStatus.RENEWED: ("🟢", 0x2ECC71),
    ShowStatus.RETURNING: ("🟢", 0x27AE60),
    ShowStatus.CANCELLED: ("🔴", 0xE74C3C),
    ShowStatus.ENDED: ("⚫", 0x7F8C8D),
    ShowStatus.AWAITING_DECISION: ("🟡", 0xF1C40F),
    ShowStatus.IN_DEVELOPMENT: ("🔵", 0x3498DB),
    ShowStatus.LIMITED_SERIES: ("🟣", 0x9B59B6),
    None: ("⚪", 0x95A5A6),
}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def spoiler(text: str, limit: int) -> str:
    # Clip inside the tags so that a long ending never leaks past its closing bars.
    return wrapped(clip(safe(text.replace("|", "¦")), limit - 5), "||")


def discord_time(day: date, style: str = "D") -> str:
    """A Discord timestamp that every reader sees in their own locale."""
    stamp = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    return f"<t:{stamp}:{style}>"


@dataclass(frozen=True)
class CardField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Card:
    title: str
    description: str = ""
    color: int = 0x95A5A6
    fields: tuple[CardField, ...] = ()
    footer: str = ""

    def size(self) -> int:
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer)
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )


def fit(card: Card) -> Card:
    """The card cut down to Discord's limits, dropping the last fields first."""
    fields = tuple(
        CardField(clip(f.name, FIELD_NAME_LIMIT), clip(f.value, FIELD_VALUE_LIMIT), f.inline)
        for f in card.fields
        if f.name.strip() and f.value.strip()
    )[:FIELD_COUNT_LIMIT]
    fitted = replace(
        card,
        title=clip(card.title, TITLE_LIMIT),
        description=clip(card.description, DESCRIPTION_LIMIT),
        footer=clip(card.footer, FOOTER_LIMIT),
        fields=fields,
    )
    while fitted.size() > EMBED_TOTAL_LIMIT and fitted.fields:
        fitted = replace(fitted, fields=fitted.fields[:-1])
    if fitted.size() > EMBED_TOTAL_LIMIT:
        room = EMBED_TOTAL_LIMIT - fitted.size() + len(fitted.description)
        fitted = replace(fitted, description=clip(fitted.description, max(room, 1)))
    return fitted


# -- cards ---------------------------------------------------------------------------------


def _heading(answer: ShowAnswer) -> str:
    return f"{answer.title} ({answer.year})" if answer.year else answer.title


def _cast_line(member: CastMember) -> str:
    """One cast line for Discord: the actor and the character escaped each on their own."""
    if member.character:
        return f"{safe(member.actor)} as {safe(member.character)}"
    return safe(member.actor)


def _cast_lines(
    cast: tuple[CastMember, ...], limit: int, line: Callable[[CastMember], str]
) -> list[str]:
    lines = [line(member) for member in cast[:limit]]
    if len(cast) > limit:
        lines.append(f"…and {len(cast) - limit} more")
    return lines


def _seasons_text(answer: ShowAnswer) -> str | None:
    if not answer.season_count:
        return None
    text = count_words(answer.season_count, "season")
    if answer.episode_count:
        text += f" · {count_words(answer.episode_count, 'episode')}"
    return text


def _ending_heading(answer: ShowAnswer) -> str:
    assert answer.ending is not None
    return f"How season {answer.ending.season} ended"


def _ending_unknown(answer: ShowAnswer) -> str:
    assert answer.ending is not None
    return f"The sources on record don't say how season {answer.ending.season} ended."


def show_card(answer: ShowAnswer) -> Card:
    badge, color = BADGES[answer.status]
    label = answer.status.label if answer.status else "No decision on record"
    lines = [f"{badge} **{label}**" + (f" · {safe(answer.network)}" if answer.network else "")]
    lines.append(safe(clip(answer.status_line, DESCRIPTION_PART_LIMIT)))
    if answer.status_date:
        lines.append(
            f"Decided {discord_time(answer.status_date)} ({discord_time(answer.status_date, 'R')})"
        )
    if answer.season_line:
        lines.append(wrapped(safe(clip(answer.season_line, DESCRIPTION_PART_LIMIT)), "**"))
    if answer.status_note:
        lines.append(safe(clip(answer.status_note, DESCRIPTION_PART_LIMIT)))
    if answer.logline and answer.intent in (Intent.OVERVIEW, Intent.STATUS):
        lines.append("")
        lines.append(wrapped(safe(clip(answer.logline, DESCRIPTION_PART_LIMIT)), "*"))

    fields: list[CardField] = []
    ending_field = _ending_field(answer)
    if answer.intent is Intent.ENDING and ending_field:
        fields.append(ending_field)
    if answer.network:
        fields.append(CardField("Network", safe(answer.network), inline=True))
    seasons = _seasons_text(answer)
    if seasons:
        fields.append(CardField("Seasons", seasons, inline=True))
    if answer.premiere_date:
        fields.append(CardField("Premiered", discord_time(answer.premiere_date), inline=True))
    for credit in answer.creators:
        fields.append(CardField(credit.label, safe(", ".join(credit.names)), inline=True))
    if answer.based_on:
        fields.append(CardField("Based on", safe(answer.based_on), inline=True))
    if answer.production_company:
        fields.append(CardField("Produced by", safe(answer.production_company), inline=True))
    if answer.genres:
        fields.append(CardField("Genre", safe(", ".join(answer.genres)), inline=True))
    if answer.cast:
        limit = CAST_LINES_WHEN_ASKED if answer.intent is Intent.CAST else CAST_LINES
        cast_lines = _cast_lines(answer.cast, limit, _cast_line)
        fields.append(CardField("Cast", _fit_lines(cast_lines)))
    if answer.intent is not Intent.ENDING and ending_field:
        fields.append(ending_field)
    if answer.charts and answer.intent is not Intent.CAST:
        fields.append(CardField("Top 10", _fit_lines([safe(c) for c in answer.charts])))
    if answer.notes and answer.intent in (Intent.OVERVIEW, Intent.STATUS):
        fields.append(CardField("Notes", _fit_lines([f"• {safe(n)}" for n in answer.notes])))
    if answer.sources:
        links = [source_link(source.title, source.url) for source in answer.sources]
        fields.append(CardField("Sources", _fit_lines(links)))
    return Card(
        title=safe(_heading(answer)),
        description="\n".join(lines),
        color=color,
        fields=tuple(fields),
        footer="showbot · facts as reported by the sources listed",
    )


def _ending_field(answer: ShowAnswer) -> CardField | None:
    if answer.ending is None:
        return None
    if not answer.ending.text:
        return CardField(_ending_heading(answer), _ending_unknown(answer))
    value = spoiler(answer.ending.text, FIELD_VALUE_LIMIT - 40)
    if answer.ending.cliffhanger:
        value += "\n(ended on a cliffhanger)"
    return CardField(_ending_heading(answer) + " (spoiler)", value)


def _fit_lines(lines: list[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """Whole lines up to the field limit, then a count of what did not fit."""
    kept: list[str] = []
    used = 0
    for position, line in enumerate(lines):
        line = clip(line, limit - 20)
        if used + len(line) + 1 > limit - 20:
            kept.append(f"…and {len(lines) - position} more")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def not_found_card(answer: NotFound) -> Card:
    subject = wrapped(safe(clip(answer.subject, 200)), "**")
    lines = [f"I couldn't find {subject} in the catalogue."]
    if answer.suggestions:
        names = (wrapped(safe(s.title), "**") for s in answer.suggestions)
        lines.append("Did you mean: " + ", ".join(names))
    else:
        lines.append("Try the show's full title, or pick one from the autocomplete list.")
    return Card(title="No such show", description="\n".join(lines), color=0x95A5A6)


def ambiguous_card(answer: Ambiguous) -> Card:
    query = wrapped(safe(clip(answer.query, 200)), "**")
    lines = [f"More than one show matches {query}. Which one?"]
    lines += [f"• {safe(choice.label())}" for choice in answer.choices]
    return Card(title="Which show?", description="\n".join(lines), color=0xF1C40F)


def answer_card(answer: Answer) -> Card:
    if isinstance(answer, ShowAnswer):
        return show_card(answer)
    if isinstance(answer, Ambiguous):
        return ambiguous_card(answer)
    return not_found_card(answer)


# -- plain text ----------------------------------------------------------------------------


def answer_text(answer: Answer) -> str:
    """The same answer for a terminal: no markdown, the ending marked but not hidden.

    Control characters from records (escape sequences, bidi overrides…) come out as visible
    escapes: the whole text passes through `visible`, so no record string can slip past.
    """
    return visible(_plain_text(answer))


def _plain_text(answer: Answer) -> str:
    if isinstance(answer, NotFound):
        text = f'No show called "{answer.subject}" is in the catalogue.'
        if answer.suggestions:
            text += " Did you mean: " + "; ".join(s.title for s in answer.suggestions) + "?"
        return text
    if isinstance(answer, Ambiguous):
        lines = [f'More than one show matches "{answer.query}":']
        lines += [f"  - {choice.label()}" for choice in answer.choices]
        lines.append("Ask again with the year or the network to pick one.")
        return "\n".join(lines)
    return _show_text(answer)


def _show_text(answer: ShowAnswer) -> str:
    heading = _heading(answer) + (f" — {answer.network}" if answer.network else "")
    label = answer.status.label if answer.status else "No decision on record"
    lines = [heading, f"Status: {label}. {answer.status_line}"]
    if answer.season_line:
        lines.append(answer.season_line)
    if answer.status_note and answer.status_note not in answer.status_line:
        lines.append(f"Decision: {answer.status_note}")
    facts = []
    if answer.premiere_date:
        facts.append(f"premiered {long_date(answer.premiere_date)}")
    seasons = _seasons_text(answer)
    if seasons:
        facts.append(seasons)
    if facts:
        lines.append("Aired: " + ", ".join(facts))
    if answer.genres:
        lines.append("Genre: " + ", ".join(answer.genres))
    if answer.logline:
        lines.append(f"About: {answer.logline}")
    for credit in answer.creators:
        lines.append(f"{credit.label}: {', '.join(credit.names)}")
    if answer.based_on:
        lines.append(f"Based on: {answer.based_on}")
    if answer.production_company:
        lines.append(f"Produced by: {answer.production_company}")
    if answer.cast:
        limit = CAST_LINES_WHEN_ASKED if answer.intent is Intent.CAST else CAST_LINES
        lines.append("Cast: " + "; ".join(_cast_lines(answer.cast, limit, CastMember.line)))
    if answer.ending:
        if answer.ending.text:
            cliff = " (a cliffhanger)" if answer.ending.cliffhanger else ""
            lines.append(f"{_ending_heading(answer)}{cliff} [spoiler]: {answer.ending.text}")
        else:
            lines.append(_ending_unknown(answer))
    for chart in answer.charts:
        lines.append(f"Top 10: {chart}")
    if answer.intent in (Intent.OVERVIEW, Intent.STATUS):
        lines += [f"Note: {note}" for note in answer.notes]
    if answer.sources:
        lines.append("Sources: " + "; ".join(s.url or f'"{s.title}"' for s in answer.sources))
    return "\n".join(lines)
