"""The command tree, and the one place where a failed app command becomes a message."""

from __future__ import annotations

import logging
import math
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

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


STALE_AFTER_SECONDS = 2.5
"""An interaction that waited longer than this before the bot got to it is dropped: Discord
refuses an answer after 3 s, so working on it only delays the ones behind it."""
CLOCK_WINDOW_SECONDS = 600.0


class ArrivalClock:
    """How old interactions are when the bot gets to them, net of the difference between this
    host's clock and Discord's: the smallest age seen in the last ten to twenty minutes is
    taken as that difference (a fresh interaction arrives within milliseconds), so a host
    clock a few seconds off never makes every command look stale."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._least = math.inf
        self._least_before = math.inf

    def waited(self, created_at: datetime) -> float:
        age = (discord.utils.utcnow() - created_at).total_seconds()
        now = time.monotonic()
        if now - self._started > CLOCK_WINDOW_SECONDS:
            self._started, self._least_before, self._least = now, self._least, math.inf
        self._least = min(self._least, age)
        return age - min(self._least, self._least_before)


class ShowBotTree(app_commands.CommandTree["ShowBot"]):
    """The one place where a failed app command turns into a message for the user."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arrivals = ArrivalClock()

    async def interaction_check(self, interaction: discord.Interaction[ShowBot], /) -> bool:
        """Sheds what is too late to answer: under a burst the bot answers the fresh
        interactions in time instead of all of them late."""
        waited = self.arrivals.waited(interaction.created_at)
        if waited <= STALE_AFTER_SECONDS:
            return True
        command = interaction.command.qualified_name if interaction.command else "?"
        COMMANDS.labels(command=command, outcome="dropped").inc()
        log.warning("dropped /%s: it waited %.1f s, too late for Discord to take an answer",
                    command, waited)  # fmt: skip
        return False

    async def on_error(
        self, interaction: discord.Interaction[ShowBot], error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if interaction.type is discord.InteractionType.autocomplete:
            await _no_choices(interaction, command, error)
            return
        if _too_late(error):
            # Discord forgot the interaction (3 s for the first answer): no one to tell.
            COMMANDS.labels(command=command, outcome="dropped").inc()
            log.warning("too late to answer /%s: Discord no longer knows the interaction", command)
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


UNKNOWN_INTERACTION = 10062


def _too_late(error: app_commands.AppCommandError) -> bool:
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else None
    return isinstance(cause, discord.NotFound) and cause.code == UNKNOWN_INTERACTION


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
