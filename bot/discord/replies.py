"""Answering interactions on time, once, and without pings.

Discord wants a first response within 3 seconds and exactly one. Work that may be slow
starts at once; if it is not done within `DEFER_AFTER`, the interaction is deferred and
the answer follows when it is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from typing import TypeVar

import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFER_AFTER = 2.0
"""Seconds to wait for an answer before deferring; the rest of Discord's 3 s is for the trip."""

NO_MENTIONS = discord.AllowedMentions.none()


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T]) -> T:
    """Waits for `work`, deferring the interaction if it takes longer than `DEFER_AFTER`."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done and not interaction.response.is_done():
            if interaction.type is discord.InteractionType.component:
                await interaction.response.defer()
            else:
                await interaction.response.defer(thinking=True)
        return await task
    finally:
        if not task.done():
            task.cancel()


async def send(
    interaction: discord.Interaction,
    *,
    embed: discord.Embed | None = None,
    content: str | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> discord.Message | None:
    """Sends the one answer to an interaction, whether or not it was deferred."""
    missing = discord.utils.MISSING
    if not interaction.response.is_done():
        await interaction.response.send_message(
            content=content,
            embed=embed if embed is not None else missing,
            view=view if view is not None else missing,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
        )
        return await interaction.original_response() if view is not None else None
    if ephemeral and interaction.type is discord.InteractionType.application_command:
        # A deferred command shows a public "thinking…" message that cannot turn private:
        # remove it, and answer privately.
        with contextlib.suppress(discord.NotFound):
            await interaction.delete_original_response()
    message: discord.WebhookMessage = await interaction.followup.send(
        content=content or missing,
        embed=embed if embed is not None else missing,
        view=view if view is not None else missing,
        ephemeral=ephemeral,
        allowed_mentions=NO_MENTIONS,
        wait=True,
    )
    return message


async def replace_message(
    interaction: discord.Interaction,
    *,
    embed: discord.Embed,
    view: discord.ui.View | None = None,
) -> None:
    """Replaces the message a component belongs to (a select menu's answer)."""
    if not interaction.response.is_done():
        await interaction.response.edit_message(embed=embed, view=view)
    else:
        await interaction.edit_original_response(
            embed=embed, view=view, allowed_mentions=NO_MENTIONS
        )
