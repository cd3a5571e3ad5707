"""The card for one show: the lead first, then a compact rest chosen by what was asked.

- /show cast (CAST, CHARACTER…): the cast only, and nothing that could spoil (no ending,
  no notes: a note may tell a season's plot).
- /show ending (ENDING): the ending only, behind a spoiler tag, with its source.
- Everything else: the lead, the status line, then a few key fields (seasons or runtime,
  premiere, creators, stars, the sources), with the asked fact's details where it has more to show.
"""

from __future__ import annotations

from bot.answering.answers import CastMember, ShowAnswer, count_words
from bot.answering.layout import (
    BADGES,
    DESCRIPTION_PART_LIMIT,
    FIELD_VALUE_LIMIT,
    Card,
    CardField,
    clip,
    discord_time,
    fit_lines,
    lead_text,
    listed,
    spoiler,
)
from bot.answering.leads import LEADS_WITH_STATUS
from bot.answering.markup import safe, source_link, wrapped
from bot.matching.intents import Intent

CAST_LINES = 25
STARS = 4
SOURCES = 3
FOOTER = "showbot · facts as reported by the sources listed"

CAST_CARDS = frozenset({Intent.CAST, Intent.CHARACTER, Intent.FILMOGRAPHY})
"""Questions about who is in a show: their card is the cast and nothing that could spoil."""


def heading(answer: ShowAnswer) -> str:
    return f"{answer.title} ({answer.year})" if answer.year else answer.title


def show_card(answer: ShowAnswer) -> Card:
    if answer.intent in CAST_CARDS:
        return cast_card(answer)
    if answer.intent is Intent.ENDING:
        return ending_card(answer)
    return fact_card(answer)


def _badge_line(answer: ShowAnswer) -> str:
    badge, _ = BADGES[answer.status]
    label = answer.status.label if answer.status else "No decision on record"
    if answer.status is None and answer.film:
        label = "Film"
    line = f"{badge} **{label}**"
    if answer.network:
        line += f" · {safe(answer.network)}"
    if answer.status_date:
        stamp = answer.status_date
        line += f" · decided {discord_time(stamp)} ({discord_time(stamp, 'R')})"
    return line


def fact_card(answer: ShowAnswer) -> Card:
    """A show's card for every question but the cast and the ending."""
    lines = [lead_text(answer.lead), "", _badge_line(answer)]
    if answer.intent not in LEADS_WITH_STATUS:
        lines.append(safe(clip(answer.status_line, DESCRIPTION_PART_LIMIT)))
    if answer.season_line and answer.intent is Intent.SEASON:
        lines.append(safe(clip(answer.season_line, DESCRIPTION_PART_LIMIT)))
    note = answer.status_note
    if note and answer.intent in (Intent.STATUS, Intent.WHY) and note not in answer.lead:
        lines.append(safe(clip(note, DESCRIPTION_PART_LIMIT)))
    if answer.logline and answer.intent is Intent.OVERVIEW:
        lines.append(wrapped(safe(clip(answer.logline, DESCRIPTION_PART_LIMIT)), "*"))
    fields = [*_detail_fields(answer), *_key_fields(answer), *_source_fields(answer)]
    badge_color = BADGES[answer.status][1]
    return Card(
        title=safe(heading(answer)),
        description="\n".join(lines),
        color=badge_color,
        fields=tuple(fields),
        footer=FOOTER,
    )


def _detail_fields(answer: ShowAnswer) -> list[CardField]:
    """What the asked fact has beyond its lead."""
    if answer.intent is Intent.CHARTS and answer.charts:
        return [CardField("Top 10", fit_lines([safe(c) for c in answer.charts]))]
    if answer.intent is Intent.WHY and len(answer.why) > 1:
        reasons = fit_lines([f"• {safe(reason)}" for reason in answer.why[1:]])
        return [CardField("Also on record", reasons)]
    return []


def _key_fields(answer: ShowAnswer) -> list[CardField]:
    fields: list[CardField] = []
    seasons = seasons_text(answer)
    if seasons:
        fields.append(CardField("Seasons", seasons, inline=True))
    if answer.runtime_minutes:
        fields.append(CardField("Runtime", f"{answer.runtime_minutes} min", inline=True))
    if answer.premiere_date:
        label = "Released" if answer.film else "Premiered"
        fields.append(CardField(label, discord_time(answer.premiere_date), inline=True))
    elif answer.year:
        fields.append(CardField("Year", str(answer.year), inline=True))
    for credit in answer.creators[:2]:
        fields.append(CardField(credit.label, safe(", ".join(credit.names)), inline=True))
    if answer.intent in (Intent.OVERVIEW, Intent.ABOUT) and answer.genres:
        fields.append(CardField("Genre", safe(", ".join(answer.genres)), inline=True))
    if answer.intent in (Intent.OVERVIEW, Intent.BASED_ON) and answer.based_on:
        fields.append(CardField("Based on", safe(answer.based_on), inline=True))
    if answer.cast and answer.intent in (Intent.OVERVIEW, Intent.STATUS):
        stars = [safe(member.actor) for member in answer.cast[:STARS]]
        more = f" and {len(answer.cast) - STARS} more" if len(answer.cast) > STARS else ""
        fields.append(CardField("Starring", ", ".join(stars) + more))
    return fields


def _source_fields(answer: ShowAnswer) -> list[CardField]:
    if not answer.sources:
        return []
    links = [source_link(source.title, source.url) for source in answer.sources]
    return [CardField("Sources", fit_lines(listed(links, SOURCES)))]


def seasons_text(answer: ShowAnswer) -> str | None:
    if not answer.season_count:
        return None
    text = count_words(answer.season_count, "season")
    if answer.episode_count:
        text += f" · {count_words(answer.episode_count, 'episode')}"
    return text


def cast_line(member: CastMember) -> str:
    """One cast line for Discord: the actor and the character escaped each on their own."""
    if member.character:
        return f"{safe(member.actor)} as {safe(member.character)}"
    return safe(member.actor)


def cast_card(answer: ShowAnswer) -> Card:
    """/show cast: the lead and the cast, nothing else (no ending, no notes: no spoilers)."""
    fields = []
    if answer.cast:
        lines = listed([cast_line(member) for member in answer.cast], CAST_LINES)
        fields.append(CardField("Cast", fit_lines(lines)))
    return Card(
        title=safe(heading(answer)),
        description=lead_text(answer.lead),
        color=BADGES[answer.status][1],
        fields=tuple(fields),
        footer=FOOTER,
    )


def ending_card(answer: ShowAnswer) -> Card:
    """/show ending: the lead and the ending behind a spoiler tag, with where it is from."""
    fields = []
    ending = answer.ending
    if ending is not None and ending.text:
        told = ending.text
        if ending.cliffhanger and "cliffhanger" not in told.casefold():
            told += " (It ends on a cliffhanger.)"
        value = spoiler(told, FIELD_VALUE_LIMIT - 40)
        fields.append(CardField(f"How season {ending.season} ended (spoiler)", value))
        if ending.source is not None:
            link = source_link(ending.source.title, ending.source.url)
            fields.append(CardField("Source", link))
    return Card(
        title=safe(heading(answer)),
        description=lead_text(answer.lead),
        color=BADGES[answer.status][1],
        fields=tuple(fields),
        footer=FOOTER,
    )
