"""/show commands and questions that mention the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import Ambiguous, Answer, AnswerService, NotFound
from bot.questions import Intent
from bot.rendering import answer_card, clip, to_embed
from bot.replies import NO_MENTIONS, replace_message, send, within_deadline
from bot.title_index import TitleEntry

if TYPE_CHECKING:
    from bot.discord_bot import ShowBot

log = logging.getLogger(__name__)

CHOICE_LIMIT = 25
CHOICE_TEXT_LIMIT = 100
PICKER_TIMEOUT = 180.0
HELP_TEXT = (
    "Ask me about a TV show, for example: **is Partner Track cancelled?** or "
    "**imperfects season 2?** You can also use `/show status`, `/show cast`, "
    "`/show ending` and `/show ask`."
)


def choice_name(entry: TitleEntry) -> str:
    suffix = f" ({entry.year})" if entry.year else ""
    return clip(entry.title, CHOICE_TEXT_LIMIT - len(suffix)) + suffix


class TitleOption(app_commands.Transformer["ShowBot"]):
    """A show title with autocomplete; what comes back is checked, never trusted."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def max_value(self) -> int:
        return 200

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        entries = interaction.client.app.catalogue.index.complete(value, limit=CHOICE_LIMIT)
        return [
            app_commands.Choice(name=choice_name(entry), value=f"id:{entry.show_id}")
            for entry in entries
        ]

    async def transform(self, interaction: discord.Interaction[ShowBot], value: str) -> str:
        return value.strip()


class ShowPicker(discord.ui.View):
    """A select menu of the shows a question could mean; only the asker may pick."""

    def __init__(self, *, asker_id: int, question: Ambiguous, answers: AnswerService) -> None:
        super().__init__(timeout=PICKER_TIMEOUT)
        self.asker_id = asker_id
        self.question = question
        self.answers = answers
        self.message: discord.Message | None = None
        self.menu: discord.ui.Select[ShowPicker] = discord.ui.Select(
            placeholder="Pick the show you mean",
            options=[
                discord.SelectOption(
                    label=clip(choice.title, CHOICE_TEXT_LIMIT),
                    description=clip(choice.label(), CHOICE_TEXT_LIMIT),
                    value=str(choice.show_id),
                )
                for choice in question.choices[:CHOICE_LIMIT]
            ],
        )
        self.menu.callback = self.picked  # type: ignore[method-assign]
        self.add_item(self.menu)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.user.id == self.asker_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can pick from this menu. Ask your own question with "
            "`/show ask`.",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
        return False

    async def picked(self, interaction: discord.Interaction) -> None:
        show_id = int(self.menu.values[0])
        work = self.answers.answer_for(show_id, self.question.intent, self.question.asked_season)
        answer = await within_deadline(interaction, work)
        self.stop()
        await replace_message(interaction, embed=to_embed(answer_card(answer)), view=None)

    async def on_timeout(self) -> None:
        self.menu.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as error:
                log.info("could not disable an expired show picker: %s", error)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[ShowPicker]
    ) -> None:
        log.error("show picker failed", exc_info=error)
        await send(interaction, content="Something went wrong; please ask again.", ephemeral=True)


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
                await message.reply(HELP_TEXT, mention_author=False, allowed_mentions=NO_MENTIONS)
                return
            answer = await self.answers.ask(question)
            view = self.picker(answer, message.author.id)
            sent = await message.reply(
                embed=to_embed(answer_card(answer)),
                view=view if view is not None else discord.utils.MISSING,
                mention_author=False,
                allowed_mentions=NO_MENTIONS,
            )
            if view is not None:
                view.message = sent
        except discord.HTTPException as error:
            log.warning("could not answer a mention in channel %s: %s", message.channel.id, error)


async def setup(bot: ShowBot) -> None:
    await bot.add_cog(ShowsCog(bot))
