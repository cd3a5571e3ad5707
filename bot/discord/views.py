"""Message components: the show picker offered when a question could mean several shows."""

from __future__ import annotations

import logging

import discord

from bot.answering.cards import answer_card, clip
from bot.answering.service import Ambiguous, AnswerService
from bot.discord.embeds import to_embed
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT
from bot.discord.replies import NO_MENTIONS, replace_message, send, within_deadline

log = logging.getLogger(__name__)

PICKER_TIMEOUT = 180.0


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
