"""Slash-command options that read more than a plain value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.answering.cards import clip
from bot.answering.markup import visible
from bot.matching.index import TitleEntry

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

CHOICE_LIMIT = 25
"""Discord shows at most this many autocomplete choices or select options."""
CHOICE_TEXT_LIMIT = 100
"""Discord's limit on a choice's name and on a select option's label and description."""


def choice_name(entry: TitleEntry) -> str:
    """The title as the autocomplete list shows it, with what it is: 'Title (2019 film)'.

    Plain text (Discord reads no markdown there), no control characters; remakes and a film
    beside its series are told apart by the year and the kind.
    """
    kind = "film" if entry.film else "series"
    suffix = f" ({entry.year} {kind})" if entry.year else f" ({kind})"
    return clip(visible(entry.title), CHOICE_TEXT_LIMIT - len(suffix)) + suffix


def series_first(entries: list[TitleEntry]) -> list[TitleEntry]:
    """Series before films, each in the order given: for commands only a series can answer."""
    return sorted(entries, key=lambda entry: entry.film)


class TitleOption(app_commands.Transformer["ShowBot"]):
    """A show title with autocomplete; what comes back is checked, never trusted."""

    prefer_series = False

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def max_value(self) -> int:
        return 200

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        index = interaction.client.app.catalogue.index
        if self.prefer_series:
            # Look further than one screen, so that series behind many films still show.
            entries = series_first(index.complete(value, limit=2 * CHOICE_LIMIT))
        else:
            entries = index.complete(value, limit=CHOICE_LIMIT)
        return [
            app_commands.Choice(name=choice_name(entry), value=f"id:{entry.show_id}")
            for entry in entries[:CHOICE_LIMIT]
        ]

    async def transform(self, interaction: discord.Interaction[ShowBot], value: str) -> str:
        return value.strip()


class SeriesTitleOption(TitleOption):
    """A title for a command about seasons and renewals: series are listed before films."""

    prefer_series = True
