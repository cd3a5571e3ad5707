"""/follow, /unfollow and /following: a person's own shows, told by direct message.

When a person's DMs turned out closed, their follows were paused; the next command they use
ends with a private word about it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.announcements.subscribing import (
    Followed,
    SubscriptionDesk,
    SubscriptionRefusedError,
    show_for_option,
)
from bot.answering.cards import clip
from bot.answering.markup import safe, visible
from bot.discord.follow_button import followed_text
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT, TitleOption
from bot.discord.replies import send

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)


def pause_text(titles: list[str]) -> str:
    shows = ", ".join(f"**{safe(title)}**" for title in titles[:10])
    more = f" and {len(titles) - 10} more" if len(titles) > 10 else ""
    return (
        f"I couldn't send you news of {shows}{more}: your direct messages are closed to me, so "
        "I paused your follows. Allow direct messages from this server (its Privacy Settings), "
        "then use `/follow` on any show to turn them all back on."
    )


def _followed_show(followed: list[Followed], typed: str, desk: SubscriptionDesk) -> Followed | None:
    """Which followed show the words mean: the autocomplete's id, the title, the show the
    words name in the catalogue, or the one followed title that holds them."""
    by_id = {f"id:{f.show_id}": f for f in followed}
    folded = typed.casefold()
    found = by_id.get(typed) or next((f for f in followed if f.title.casefold() == folded), None)
    if found is not None:
        return found
    try:
        show_id = show_for_option(desk.index, typed)
    except SubscriptionRefusedError:
        show_id = None
    found = by_id.get(f"id:{show_id}")
    if found is not None:
        return found
    holding = [f for f in followed if folded and folded in f.title.casefold()]
    return holding[0] if len(holding) == 1 else None


class FollowsCog(commands.Cog):
    def __init__(self, bot: ShowBot) -> None:
        self.bot = bot
        self.desk = bot.app.subscriptions

    @app_commands.command(
        name="follow", description="Get a DM when a show is renewed, cancelled or ends"
    )
    @app_commands.describe(show="The show's title")
    async def follow(
        self,
        interaction: discord.Interaction[ShowBot],
        show: app_commands.Transform[str, TitleOption],
    ) -> None:
        try:
            show_id = show_for_option(self.desk.index, show)
            title, created = await self.desk.follow(interaction.user.id, show_id)
        except SubscriptionRefusedError as refusal:
            await send(interaction, content=str(refusal), ephemeral=True)
            return
        await send(interaction, content=followed_text(title, created), ephemeral=True)

    @app_commands.command(name="unfollow", description="Stop the DMs about a show")
    @app_commands.describe(show="A show you follow")
    async def unfollow(
        self, interaction: discord.Interaction[ShowBot], show: app_commands.Range[str, 1, 200]
    ) -> None:
        followed = await self.desk.following(interaction.user.id)
        match = _followed_show(followed, show.strip(), self.desk)
        if match is None:
            typed = safe(clip(show.strip(), 100))
            text = f"You don't follow **{typed}**. `/following` lists what you do."
        else:
            await self.desk.unfollow(interaction.user.id, match.show_id)
            text = f"You no longer follow **{safe(match.title)}**."
        await send(interaction, content=text, ephemeral=True)

    @unfollow.autocomplete("show")
    async def _followed(
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        followed = await self.desk.following(interaction.user.id)
        typed = value.casefold()
        return [
            app_commands.Choice(
                name=clip(visible(f.title), CHOICE_TEXT_LIMIT), value=f"id:{f.show_id}"
            )
            for f in followed
            if typed in f.title.casefold()
        ][:CHOICE_LIMIT]

    @app_commands.command(name="following", description="The shows you follow")
    async def following(self, interaction: discord.Interaction[ShowBot]) -> None:
        followed = await self.desk.following(interaction.user.id)
        if not followed:
            text = "You don't follow any show yet. `/follow` a show, or press Follow on an answer."
        else:
            lines = [
                f"• **{safe(f.title)}**" + (" (paused: your DMs were closed)" if f.paused else "")
                for f in followed
            ]
            text = clip("You follow:\n" + "\n".join(lines), 1900)
        await send(interaction, content=text, ephemeral=True)

    @commands.Cog.listener("on_app_command_completion")
    async def tell_of_paused_follows(
        self, interaction: discord.Interaction[ShowBot], command: object
    ) -> None:
        try:
            titles = await self.desk.untold_pause(interaction.user.id)
            if titles:
                await interaction.followup.send(pause_text(titles), ephemeral=True)
        except discord.HTTPException as error:
            log.warning("could not tell %s of their paused follows: %s", interaction.user.id, error)
        except Exception as error:  # a listener's failure would only be logged by discord.py
            log.error("telling of paused follows failed", exc_info=error)


async def setup(bot: ShowBot) -> None:
    await bot.add_cog(FollowsCog(bot))
