"""/show commands and questions that mention the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering.answers import Ambiguous, Answer, NotFound
from bot.answering.cards import answer_card
from bot.discord.embeds import to_embed
from bot.discord.options import TitleOption
from bot.discord.replies import reply_to, send, within_deadline
from bot.discord.views import ShowPicker
from bot.matching.intents import Intent

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

HELP_TEXT = (
    "Ask me about a TV show, for example: **is Partner Track cancelled?** or "
    "**imperfects season 2?** You can also use `/show status`, `/show cast`, "
    "`/show ending` and `/show ask`."
)


class ShowsCog(commands.Cog):
    """Where shows stand: slash commands and mentions."""

    show = app_commands.Group(name="show", description="Where TV shows stand")

    def __init__(self, bot: ShowBot) -> None:
        self.bot = bot
        self.answers = bot.app.answers

    @show.command(name="status", description="Is a show renewed, cancelled or ended?")
    @app_commands.describe(title="The show's title")
    async def status(
        self,
        interaction: discord.Interaction[ShowBot],
        title: app_commands.Transform[str, TitleOption],
    ) -> None:
        await self.reply(interaction, title, Intent.STATUS)

    @show.command(name="cast", description="Who plays whom in a show")
    @app_commands.describe(title="The show's title")
    async def cast(
        self,
        interaction: discord.Interaction[ShowBot],
        title: app_commands.Transform[str, TitleOption],
    ) -> None:
        await self.reply(interaction, title, Intent.CAST)

    @show.command(name="ending", description="How a season ended (behind a spoiler tag)")
    @app_commands.describe(title="The show's title", season="Which season (default: the last)")
    async def ending(
        self,
        interaction: discord.Interaction[ShowBot],
        title: app_commands.Transform[str, TitleOption],
        season: app_commands.Range[int, 1, 100] | None = None,
    ) -> None:
        await self.reply(interaction, title, Intent.ENDING, season)

    @show.command(name="ask", description="Ask anything: 'is Partner Track cancelled?'")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(
        self,
        interaction: discord.Interaction[ShowBot],
        question: app_commands.Range[str, 1, 300],
    ) -> None:
        await self.reply(interaction, question, None)

    async def reply(
        self,
        interaction: discord.Interaction[ShowBot],
        text: str,
        intent: Intent | None,
        season: int | None = None,
    ) -> None:
        answer = await within_deadline(
            interaction, self.answers.ask(text, intent=intent, season=season)
        )
        view = self.picker(answer, interaction.user.id)
        message = await send(
            interaction,
            embed=to_embed(answer_card(answer)),
            view=view,
            ephemeral=isinstance(answer, NotFound),
        )
        if view is not None:
            view.message = message

    def picker(self, answer: Answer, asker_id: int) -> ShowPicker | None:
        if not isinstance(answer, Ambiguous):
            return None
        return ShowPicker(asker_id=asker_id, question=answer, answers=self.answers)

    @commands.Cog.listener("on_message")
    async def answer_mention(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or me is None or me.id not in message.raw_mentions:
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        try:
            if not question:
                await reply_to(message, content=HELP_TEXT)
                return
            answer = await self.answers.ask(question)
            view = self.picker(answer, message.author.id)
            sent = await reply_to(message, embed=to_embed(answer_card(answer)), view=view)
            if view is not None:
                view.message = sent
        except discord.HTTPException as error:
            log.warning("could not answer a mention in channel %s: %s", message.channel.id, error)


async def setup(bot: ShowBot) -> None:
    await bot.add_cog(ShowsCog(bot))
