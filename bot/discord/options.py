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
    """The title as the autocomplete list shows it: plain text (no markdown), no controls."""
    suffix = f" ({entry.year})" if entry.year else ""
    return clip(visible(entry.title), CHOICE_TEXT_LIMIT - len(suffix)) + suffix


class TitleOption(app_commands.Transformer["ShowBot"]):
    """A show title with autocomplete; what comes back is checked, never trusted."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def max_value(self) -> int:
        return 200

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        entries = interaction.client.app.catalogue.index.complete(value, limit=CHOICE_LIMIT)
        return [
            app_commands.Choice(name=choice_name(entry), value=f"id:{entry.show_id}")
            for entry in entries
        ]

    async def transform(self, interaction: discord.Interaction[ShowBot], value: str) -> str:
        return value.strip()
