"""Message components: the show picker offered when a question could mean several shows,
the "did you mean" buttons of a reply, and the Follow button of each show answered."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord

from bot.answering.answers import Ambiguous, Answer, NotFound, ShowAnswer, ShowChoice
from bot.answering.cards import answer_card, clip
from bot.answering.markup import visible
from bot.answering.service import AnswerService
from bot.discord.buttons import BUTTON_LABEL_LIMIT, AnswerButton
from bot.discord.embeds import to_embed
from bot.discord.follow_button import FollowButton
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT
from bot.discord.replies import replace_message, send, within_deadline
from bot.matching.reading import MAX_SUBJECTS

log = logging.getLogger(__name__)

PICKER_TIMEOUT = 180.0
BUTTONS_PER_ROW = 5
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
            question = self.question
            work = self.answers.answer_for(
                show_id,
                question.intent,
                question.asked_season,
                character=question.character,
                person=question.person,
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


def reply_view(
    answers: Sequence[Answer], *, asker_id: int, service: AnswerService
) -> discord.ui.View | None:
    """The components of a reply: what lets the asker settle what the bot was unsure of.

    A reply that is one ambiguous question gets the show picker (a menu, as before). Anything
    else gets a row of buttons per answer that offers shows: the suggestions of a "not found",
    the choices of an ambiguous question beside other answers; each answers with what was
    asked of the show (the answer's intent and season). The buttons live in a view of their
    own that never stops: discord.py forgets a dynamic item's template when a view holding
    one stops, which would leave every such button dead until the next start.
    """
    if len(answers) == 1 and isinstance(answers[0], Ambiguous):
        return ShowPicker(asker_id=asker_id, question=answers[0], answers=service)
    view = discord.ui.View(timeout=None)
    offered: set[str] = set()
    _add_follow_buttons(view, answers[:MAX_SUBJECTS])
    for answer in answers[:MAX_SUBJECTS]:  # the answers the message shows
        if not isinstance(answer, Ambiguous | NotFound):
            continue
        row = len({item.row for item in view.children})
        choices = answer.choices if isinstance(answer, Ambiguous) else answer.suggestions
        for choice in choices[:BUTTONS_PER_ROW]:
            button = AnswerButton.offering(
                choice,
                asker_id=asker_id,
                intent=answer.intent,
                season=answer.asked_season,
                row=row,
            )
            if button.custom_id not in offered:  # custom_ids must be unique in a message
                offered.add(button.custom_id)
                view.add_item(button)
    return view if view.children else None


def _add_follow_buttons(view: discord.ui.View, answers: Sequence[Answer]) -> None:
    """A Follow button per show answered, on the first row, for whoever presses it; named
    after its show when the reply has more than one answer."""
    shows = [answer for answer in answers if isinstance(answer, ShowAnswer)]
    for answer in shows:
        label = "Follow" if len(answers) == 1 else f"Follow {visible(answer.title)}"
        view.add_item(FollowButton.for_show(answer.show_id, clip(label, BUTTON_LABEL_LIMIT)))
