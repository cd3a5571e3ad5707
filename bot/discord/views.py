"""Message components: the show picker offered when a question could mean several shows."""

from __future__ import annotations

import logging

import discord

from bot.answering.answers import Ambiguous, ShowChoice
from bot.answering.cards import answer_card, clip
from bot.answering.markup import visible
from bot.answering.service import AnswerService
from bot.discord.embeds import to_embed
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT
from bot.discord.replies import replace_message, send, within_deadline

log = logging.getLogger(__name__)

PICKER_TIMEOUT = 180.0
NOT_OFFERED = "That isn't one of the shows on offer: pick one from the menu."
ALREADY_PICKED = "You already picked a show; the answer is on its way."
NOT_YOURS = (
    "Only the person who asked can pick from this menu. Ask your own question with `/show ask`."
)


def _option(choice: ShowChoice) -> discord.SelectOption:
    # Option labels are plain text (no markdown), so only control characters are neutralised.
    return discord.SelectOption(
        label=clip(visible(choice.title), CHOICE_TEXT_LIMIT),
        description=clip(visible(choice.label()), CHOICE_TEXT_LIMIT),
        value=str(choice.show_id),
    )


class ShowPicker(discord.ui.View):
    """A select menu of the shows a question could mean; only the asker may pick, once.

    Discord delivers whatever values a client sends: a pick is honoured only when it is
    exactly one of the values offered.
    """

    def __init__(self, *, asker_id: int, question: Ambiguous, answers: AnswerService) -> None:
        super().__init__(timeout=PICKER_TIMEOUT)
        self.asker_id = asker_id
        self.question = question
        self.answers = answers
        self.message: discord.Message | None = None
        self.offered = [choice.show_id for choice in question.choices[:CHOICE_LIMIT]]
        self.picking = False
        self.menu: discord.ui.Select[ShowPicker] = discord.ui.Select(
            placeholder="Pick the show you mean",
            options=[_option(choice) for choice in question.choices[:CHOICE_LIMIT]],
        )
        self.menu.callback = self.picked  # type: ignore[method-assign]
        self.add_item(self.menu)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.user.id == self.asker_id:
            return True
        await send(interaction, content=NOT_YOURS, ephemeral=True)
        return False

    def chosen(self, values: list[str]) -> int | None:
        """The show picked, if `values` is exactly one value that was offered."""
        if len(values) != 1:
            return None
        return next((show for show in self.offered if str(show) == values[0]), None)

    async def picked(self, interaction: discord.Interaction) -> None:
        show_id = self.chosen(self.menu.values)
        if show_id is None:
            await send(interaction, content=NOT_OFFERED, ephemeral=True)
            return
        if self.picking:
            await send(interaction, content=ALREADY_PICKED, ephemeral=True)
            return
        # Set before the first await: a second click dispatched meanwhile sees it.
        self.picking = True
        try:
            work = self.answers.answer_for(
                show_id, self.question.intent, self.question.asked_season
            )
            answer = await within_deadline(interaction, work)
        except BaseException:
            self.picking = False  # nothing was shown: the asker may pick again
            raise
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
        try:
            await send(
                interaction, content="Something went wrong; please ask again.", ephemeral=True
            )
        except discord.HTTPException as failure:
            log.warning("could not tell the user about a picker error: %s", failure)
