"""The command tree, and the one place where a failed app command becomes a message."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.checks import NOT_AN_EDITOR, NotAnEditorError
from bot.discord.replies import first_response, rate_limited, send
from bot.ops.metrics import COMMANDS

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

RATE_LIMITED = (
    "Discord is holding back my messages right now, so I couldn't answer. "
    "Please ask again in a minute."
)


class ShowBotTree(app_commands.CommandTree["ShowBot"]):
    """The one place where a failed app command turns into a message for the user."""

    async def on_error(
        self, interaction: discord.Interaction[ShowBot], error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if interaction.type is discord.InteractionType.autocomplete:
            await _no_choices(interaction, command, error)
            return
        COMMANDS.labels(command=command, outcome="error").inc()
        message = friendly_error(error)
        if message is None:
            log.error("command /%s failed", command, exc_info=error)
            message = "Something went wrong while answering that. It has been logged."
        elif message == RATE_LIMITED:
            log.error("the answer to /%s was lost to rate limits: %s", command, error)
        try:
            await send(interaction, content=message, ephemeral=True)
        except discord.HTTPException as failure:
            log.warning("could not tell the user about an error: %s", failure)


async def _no_choices(
    interaction: discord.Interaction[ShowBot], command: str, error: app_commands.AppCommandError
) -> None:
    """Autocomplete can only be answered with choices: none, rather than a message."""
    # discord.py raises here for an autocomplete with no focused option; nothing to suggest.
    log.warning("autocomplete for /%s failed: %s", command, error)
    if interaction.response.is_done():
        return
    try:
        await first_response(interaction, lambda: interaction.response.autocomplete([]))
    except discord.HTTPException as failure:
        log.warning("could not answer an autocomplete: %s", failure)


def friendly_error(error: app_commands.AppCommandError) -> str | None:
    """What to tell the user about an expected failure; None for a bug."""
    if isinstance(error, NotAnEditorError):
        return NOT_AN_EDITOR
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return "You don't have permission to use this command here."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't understand {error.value!r} for that option."
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else None
    if isinstance(cause, discord.HTTPException) and rate_limited(cause):
        return RATE_LIMITED
    return None
