"""The card model and Discord's limits: what an embed will show, free of discord.py.

A `Card` is laid out by the card builders and turned into an embed by the Discord adapter, so
Discord's size limits are enforced in one place (`fit`) whatever the record holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from bot.answering.markup import safe, wrapped
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
LEAD_LIMIT = 700
"""The lead: two sentences, one of which may quote a source's title."""
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
GREY = 0x95A5A6
YELLOW = 0xF1C40F
BLUE = 0x3498DB


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
    color: int = GREY
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


def fit_lines(lines: list[str], limit: int = FIELD_VALUE_LIMIT) -> str:
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


def listed(lines: list[str], shown: int) -> list[str]:
    """The first `shown` lines, then how many more there are."""
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"…and {len(lines) - shown} more"]


def lead_text(lead: str) -> str:
    """A lead as card text: escaped, clipped, never markup of its own."""
    return safe(clip(lead, LEAD_LIMIT))
