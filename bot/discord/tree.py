"""The command tree, and the one place where a failed app command becomes a message."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.replies import send

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)


class ShowBotTree(app_commands.CommandTree["ShowBot"]):
    """The one place where a failed app command turns into a message for the user."""

    async def on_error(
        self, interaction: discord.Interaction[ShowBot], error: app_commands.AppCommandError
    ) -> None:
        message = friendly_error(error)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            message = "Something went wrong while answering that. It has been logged."
        try:
            await send(interaction, content=message, ephemeral=True)
        except discord.HTTPException as failure:
            log.warning("could not tell the user about an error: %s", failure)


def friendly_error(error: app_commands.AppCommandError) -> str | None:
    """What to tell the user about an expected failure; None for a bug."""
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return "You don't have permission to use this command here."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't understand {error.value!r} for that option."
    return None
