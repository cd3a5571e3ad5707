"""/show commands and questions that mention the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering.answers import NotFound, Reply
from bot.answering.cards import reply_cards
from bot.answering.scorecard import NETWORK_LIMIT, Scorecards
from bot.discord.embeds import to_embeds
from bot.discord.options import SeriesTitleOption, TitleOption
from bot.discord.replies import reply_to, send, within_deadline
from bot.discord.scorecard import answer_scorecard, network_choices
from bot.discord.views import ShowPicker, reply_view
from bot.matching.intents import Intent

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)


def private(reply: Reply) -> bool:
    """Only "not found" is answered privately: an answer anyone may see is answered openly."""
    return bool(reply.answers) and all(isinstance(a, NotFound) for a in reply.answers)


class ShowsCog(commands.Cog):
    """Where shows stand: slash commands and mentions."""

    show = app_commands.Group(name="show", description="Where TV shows stand")

    def __init__(self, bot: ShowBot) -> None:
        self.bot = bot
        self.answers = bot.app.answers
        self.scorecards = Scorecards(bot.app.database)

    @show.command(name="status", description="Is a show renewed, cancelled or ended?")
    @app_commands.describe(title="The show's title")
    async def status(
        self,
        interaction: discord.Interaction[ShowBot],
        title: app_commands.Transform[str, SeriesTitleOption],
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
        title: app_commands.Transform[str, SeriesTitleOption],
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

    @show.command(name="help", description="What I can tell you, with examples to try")
    async def show_help(self, interaction: discord.Interaction[ShowBot]) -> None:
        await send(interaction, embeds=to_embeds(reply_cards(self.answers.help())))

    @show.command(name="scorecard", description="A network's renewals and cancellations by year")
    @app_commands.describe(network="The network, as the catalogue names it (e.g. Netflix)")
    async def scorecard(
        self,
        interaction: discord.Interaction[ShowBot],
        network: app_commands.Range[str, 1, NETWORK_LIMIT],
    ) -> None:
        await answer_scorecard(interaction, self.scorecards, network)

    @scorecard.autocomplete("network")
    async def scorecard_networks(
        self, interaction: discord.Interaction[ShowBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return await network_choices(self.scorecards, current)

    async def reply(
        self,
        interaction: discord.Interaction[ShowBot],
        text: str,
        intent: Intent | None,
        season: int | None = None,
    ) -> None:
        reply = await within_deadline(
            interaction, self.answers.ask(text, intent=intent, season=season)
        )
        if intent is not None:
            # A command about one show answers one show, whatever else the title box held.
            reply = Reply(question=reply.question, answers=reply.answers[:1])
        view = reply_view(reply.answers, asker_id=interaction.user.id, service=self.answers)
        message = await send(
            interaction,
            embeds=to_embeds(reply_cards(reply)),
            view=view,
            ephemeral=private(reply),
        )
        if isinstance(view, ShowPicker):
            view.message = message

    @commands.Cog.listener("on_message")
    async def answer_mention(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or me is None or me.id not in message.raw_mentions:
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        try:
            # A bare mention is a call for help.
            reply = await self.answers.ask(question) if question else self.answers.help()
            view = reply_view(reply.answers, asker_id=message.author.id, service=self.answers)
            sent = await reply_to(message, embeds=to_embeds(reply_cards(reply)), view=view)
            if isinstance(view, ShowPicker):
                view.message = sent
        except discord.HTTPException as error:
            log.warning("could not answer a mention in channel %s: %s", message.channel.id, error)


async def setup(bot: ShowBot) -> None:
    await bot.add_cog(ShowsCog(bot))
