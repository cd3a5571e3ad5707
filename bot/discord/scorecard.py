"""`/show scorecard`: a network's scorecard as an embed with its chart attached, the
networks on record as autocomplete choices, and the private sentence for an unknown one."""

from __future__ import annotations

import io
import re

import discord
from discord import app_commands

from bot.answering.layout import clip
from bot.answering.markup import visible
from bot.answering.scorecard import Scorecard, Scorecards, UnknownNetwork, chart_png
from bot.answering.scorecard_text import scorecard_card, unknown_network_markdown
from bot.discord.embeds import to_embed
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT
from bot.discord.replies import NO_MENTIONS, first_response, followup, send, within_deadline


async def network_choices(scorecards: Scorecards, typed: str) -> list[app_commands.Choice[str]]:
    """Networks on record for the autocomplete box; a name too long to be a choice's value
    (Discord refuses the whole list for one) is left out: it can still be typed."""
    names = await scorecards.complete(typed, 2 * CHOICE_LIMIT)
    choices = [
        app_commands.Choice(name=clip(visible(name), CHOICE_TEXT_LIMIT), value=name)
        for name in names
        if 1 <= len(name) <= CHOICE_TEXT_LIMIT and visible(name).strip()
    ]
    return choices[:CHOICE_LIMIT]


async def answer_scorecard(
    interaction: discord.Interaction, scorecards: Scorecards, network: str
) -> None:
    """Answers with the scorecard and its chart; an unknown network privately, in a sentence;
    a network without decisions with a sentence and no chart."""

    async def work() -> tuple[Scorecard | UnknownNetwork, bytes | None]:
        found = await scorecards.find(network)
        if isinstance(found, UnknownNetwork) or not found.decisions:
            return found, None
        return found, await chart_png(found)

    found, png = await within_deadline(interaction, work())
    if isinstance(found, UnknownNetwork):
        await send(interaction, content=unknown_network_markdown(found), ephemeral=True)
        return
    embed = to_embed(scorecard_card(found))
    if png is None:
        await send(interaction, embed=embed)
        return
    filename = chart_filename(found.network)
    embed.set_image(url=f"attachment://{filename}")
    await _send_with_chart(interaction, embed, png, filename)


def chart_filename(network: str) -> str:
    """A file name Discord keeps as it is, so that the embed's `attachment://` finds it."""
    slug = re.sub(r"[^a-z0-9]+", "-", network.lower()).strip("-")[:40].strip("-")
    return f"{slug}-scorecard.png" if slug else "scorecard.png"


async def _send_with_chart(
    interaction: discord.Interaction, embed: discord.Embed, png: bytes, filename: str
) -> None:
    # A fresh File for each try: discord.py closes the one it sent.
    def chart() -> discord.File:
        return discord.File(io.BytesIO(png), filename=filename)

    if not interaction.response.is_done():
        await first_response(
            interaction,
            lambda: interaction.response.send_message(
                embed=embed, file=chart(), allowed_mentions=NO_MENTIONS
            ),
        )
        return
    # Deferred (a slow first chart): the followup takes the public "thinking…" placeholder's
    # place, as `send` does.
    await followup(
        interaction,
        lambda: interaction.followup.send(
            embed=embed, file=chart(), allowed_mentions=NO_MENTIONS, wait=True
        ),
    )
