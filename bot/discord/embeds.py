"""Cards as Discord embeds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import discord

from bot.answering.cards import EMBED_TOTAL_LIMIT, Card, clip, fit

EMBEDS_PER_MESSAGE = 10
"""Discord's limit; a reply holds at most three answers, far below it."""


def to_embed(card: Card) -> discord.Embed:
    card = fit(card)
    embed = discord.Embed(title=card.title, description=card.description or None, color=card.color)
    for item in card.fields:
        embed.add_field(name=item.name, value=item.value, inline=item.inline)
    if card.footer:
        embed.set_footer(text=card.footer)
    return embed


def to_embeds(cards: Sequence[Card]) -> list[discord.Embed]:
    """One embed per card, cut down together: Discord's 6000 characters are per message."""
    return [to_embed(card) for card in fit_together(cards[:EMBEDS_PER_MESSAGE])]


def fit_together(cards: Sequence[Card], total: int = EMBED_TOTAL_LIMIT) -> list[Card]:
    """The cards within `total` characters in all, each cut to an equal share at most: a
    short answer is never cut for a long one, and the room it leaves goes to the others."""
    fitted = [fit(card) for card in cards]
    sizes = [card.size() for card in fitted]
    if sum(sizes) <= total:
        return fitted
    share = _fair_share(sizes, total)
    return [_shrunk(card, share) for card in fitted]


def _fair_share(sizes: list[int], total: int) -> int:
    """The largest size cap under which all the cards together fit in `total`."""
    left = total
    for position, size in enumerate(sorted(sizes)):
        share = left // (len(sizes) - position)
        if size > share:
            return share
        left -= size
    return max(sizes)


def _shrunk(card: Card, limit: int) -> Card:
    """The card within `limit`: its last fields go first, then the end of its description."""
    while card.size() > limit and card.fields:
        card = replace(card, fields=card.fields[:-1])
    if card.size() > limit:
        room = max(len(card.description) - (card.size() - limit), 1)
        card = replace(card, description=clip(card.description, room))
    return card
