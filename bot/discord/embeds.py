"""Cards as Discord embeds."""

from __future__ import annotations

import discord

from bot.answering.cards import Card, fit


def to_embed(card: Card) -> discord.Embed:
    card = fit(card)
    embed = discord.Embed(title=card.title, description=card.description or None, color=card.color)
    for item in card.fields:
        embed.add_field(name=item.name, value=item.value, inline=item.inline)
    if card.footer:
        embed.set_footer(text=card.footer)
    return embed
