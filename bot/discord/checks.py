"""Who may use the editing commands, checked in code on every call.

The commands are registered only in the home guild, with `default_permissions` asking for
Manage Server there; a guild's admins can open any command to anyone, so that is a default,
never the check. The check is `EditorGroup.interaction_check`, which every `/admin` group
inherits: discord.py runs the check of the group a command is defined in (not its parent's),
so each group carries it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.editing.editors import Actor, EditorPolicy

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

NOT_AN_EDITOR = (
    "Only showbot's editors can change the catalogue. Ask the bot's owner to add you "
    "(EDITOR_USER_IDS, or the editor role in the home server)."
)


class NotAnEditorError(app_commands.CheckFailure):
    """Someone who is not an editor used an editing command."""


def actor_of(interaction: discord.Interaction[ShowBot]) -> Actor:
    user = interaction.user
    return Actor(id=user.id, name=f"{user.name} ({user.id})")


async def is_editor(interaction: discord.Interaction[ShowBot]) -> bool:
    bot = interaction.client
    settings = bot.app.settings
    policy = EditorPolicy(
        user_ids=frozenset(settings.editor_user_ids),
        role_id=settings.editor_role_id,
        home_guild_id=settings.home_guild_id,
    )
    user = interaction.user
    roles = [role.id for role in user.roles] if isinstance(user, discord.Member) else []
    if policy.allows(user.id, interaction.guild_id, roles):
        return True
    # The owner, or any member of the owning team (discord.py reads and caches them).
    return await bot.is_owner(user)


class EditorGroup(app_commands.Group):
    """A group of editing commands: editors only, whoever the guild opened it to."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if await is_editor(cast("discord.Interaction[ShowBot]", interaction)):
            return True
        command = interaction.command.qualified_name if interaction.command else "?"
        log.warning(
            "refused /%s to %s (%s) in guild %s: not an editor",
            command,
            interaction.user.name,
            interaction.user.id,
            interaction.guild_id,
        )
        raise NotAnEditorError(NOT_AN_EDITOR)
