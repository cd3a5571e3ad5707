""" "Did you mean …?" buttons: each answers one show for the person who asked, even after a
restart.

Everything a button needs is in its `custom_id`: the show, the asker and what was asked
(`showbot:answer:SHOW:ASKER:INTENT[:SEASON]`). The class is registered with the client as a
dynamic item, so a click is understood by whichever process receives it, however long after
the message was sent. Discord delivers any custom_id a client cares to send: the template
takes every id with the prefix, so that a damaged one is answered with a sentence (privately)
instead of silence, and nothing in it is trusted beyond what it names.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.answering.answers import NotFound, ShowChoice
from bot.answering.cards import answer_card, clip
from bot.answering.markup import visible
from bot.discord.embeds import to_embed
from bot.discord.replies import send, within_deadline
from bot.matching.intents import Intent

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

PREFIX = "showbot:answer:"
BUTTON_LABEL_LIMIT = 80
"""Discord's limit on a button's label."""

NOT_YOURS = (
    "Only the person who asked can use these buttons. Ask your own question with `/show ask`."
)
DAMAGED = (
    "That button doesn't name a show and a question I know, so I can't answer it. "
    "Please ask again with `/show ask`."
)
GONE = "That show is no longer in the catalogue. Please ask again with `/show ask`."
FAILED = "Something went wrong; please ask again."

_STATE = re.compile(
    r"(?P<show>[1-9][0-9]{0,17}):(?P<asker>[1-9][0-9]{0,19}):(?P<intent>[a-z_]{1,20})"
    r"(?::(?P<season>[1-9][0-9]{0,2}))?"
)


@dataclass(frozen=True)
class AnswerRequest:
    """What a button asks for: one show, for one person, with the question's intent."""

    show_id: int
    asker_id: int
    intent: Intent
    season: int | None = None

    def custom_id(self) -> str:
        season = f":{self.season}" if self.season is not None else ""
        return f"{PREFIX}{self.show_id}:{self.asker_id}:{self.intent.value}{season}"

    @classmethod
    def parse(cls, custom_id: str) -> AnswerRequest | None:
        """The request a custom_id holds; None when it is not one this bot could have made."""
        if not custom_id.startswith(PREFIX):
            return None
        state = _STATE.fullmatch(custom_id.removeprefix(PREFIX))
        if state is None:
            return None
        try:
            intent = Intent(state["intent"])
        except ValueError:
            return None
        season = int(state["season"]) if state["season"] else None
        return cls(int(state["show"]), int(state["asker"]), intent, season)


def button_label(choice: ShowChoice) -> str:
    """'Partner Track (2022)': plain text, like every label Discord shows."""
    suffix = f" ({choice.year})" if choice.year else ""
    return clip(visible(choice.title), BUTTON_LABEL_LIMIT - len(suffix)) + suffix


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(re.escape(PREFIX) + r"(?P<state>.*)", re.DOTALL),
):
    """One suggested show; a click answers it for the asker, and only for the asker."""

    def __init__(self, custom_id: str, label: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "?", style=discord.ButtonStyle.secondary, custom_id=custom_id
            ),
            row=row,
        )
        self.request = AnswerRequest.parse(custom_id)

    @classmethod
    def offering(
        cls,
        choice: ShowChoice,
        *,
        asker_id: int,
        intent: Intent,
        season: int | None = None,
        row: int | None = None,
    ) -> AnswerButton:
        request = AnswerRequest(choice.show_id, asker_id, intent, season)
        return cls(request.custom_id(), button_label(choice), row=row)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AnswerButton:
        # Never raises: discord.py would drop the click in silence.
        label = getattr(item, "label", None)
        return cls(match.string, label if isinstance(label, str) else "?")

    async def callback(self, interaction: discord.Interaction[ShowBot]) -> None:  # type: ignore[override]
        try:
            await self.answer(interaction)
        except Exception as error:  # discord.py would only log it: the asker is told
            log.error("a suggestion button failed", exc_info=error)
            await _tell(interaction, FAILED)

    async def answer(self, interaction: discord.Interaction[ShowBot]) -> None:
        request = self.request
        if request is None:
            log.warning("a click with a damaged custom_id: %r", self.custom_id[:100])
            await _tell(interaction, DAMAGED)
            return
        if interaction.user.id != request.asker_id:
            await _tell(interaction, NOT_YOURS)
            return
        if request.show_id not in interaction.client.app.catalogue.index:
            await _tell(interaction, GONE)
            return
        service = interaction.client.app.answers
        work = service.answer_for(request.show_id, request.intent, request.season)
        answer = await within_deadline(interaction, work)
        if isinstance(answer, NotFound):  # deleted since the index last heard of it
            await _tell(interaction, GONE)
            return
        # The answer is as private as the suggestion was: a private "not found" stays private.
        message = interaction.message
        private = message is not None and message.flags.ephemeral
        await send(interaction, embed=to_embed(answer_card(answer)), ephemeral=private)


async def _tell(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        await send(interaction, content=text, ephemeral=True)
    except discord.HTTPException as failure:
        log.warning("could not answer a suggestion button: %s", failure)
