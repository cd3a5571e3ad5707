"""The editing commands' views: a confirmation (a dry run's summary, an unusual change, a
removal) that only the editor who asked can answer, and the show form, a modal for a show's
long text.

A confirmation lives as long as the process (five minutes at most): one left over from
before a restart is refused by Discord as "This interaction failed", and nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.announcements.desk import StatusRefusedError
from bot.answering.markup import safe
from bot.discord.replies import NO_MENTIONS, first_response, followup, send, within_deadline
from bot.editing.fields import (
    LOGLINE_LIMIT,
    NAME_LIMIT,
    TITLE_LIMIT,
    EditRefusedError,
    NeedsConfirmationError,
)
from bot.editing.forms import show_fields

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

TEXT_INPUT_LIMIT = 4000
"""Discord's longest text input in a form."""
MESSAGE_LIMIT = 2000
"""Discord's limit on a message's text."""


def shown(text: str) -> str:
    """Text as an editor is shown it: record text escaped, then cut to fit one message
    (escaping can double a text's length)."""
    escaped = safe(text)
    if len(escaped) <= MESSAGE_LIMIT:
        return escaped
    # An escape cut in half would escape the ellipsis instead.
    return escaped[: MESSAGE_LIMIT - 1].rstrip("\\") + "…"


Refusals = (EditRefusedError, StatusRefusedError, NeedsConfirmationError)
"""What the editing services say instead of doing: shown to the editor as it is."""
CONFIRM_SECONDS = 300.0
FAILED = "Something went wrong; nothing was changed. It has been logged."

Work = Callable[[discord.Interaction["ShowBot"]], Awaitable[str]]
"""What a confirmation does: the work, given the button's interaction; returns what to say."""


class ConfirmationView(discord.ui.View):
    """Confirm or cancel, for the editor who asked only."""

    def __init__(
        self,
        editor_id: int,
        work: Work,
        *,
        confirm_label: str = "Confirm",
        on_close: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(timeout=CONFIRM_SECONDS)
        self.editor_id = editor_id
        self.work = work
        self.on_close = on_close
        """Frees what the work would have used (a downloaded file), however it ends."""
        self.message: discord.Message | discord.InteractionMessage | None = None
        self.confirm.label = confirm_label

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.user.id == self.editor_id:
            return True
        await first_response(
            interaction,
            lambda: interaction.response.send_message(
                "This confirmation belongs to the editor who asked.", ephemeral=True
            ),
        )
        return False

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        # The buttons go at once: a second click has nothing to press.
        await first_response(
            interaction,
            lambda: interaction.response.edit_message(
                content="Working on it…", view=None, allowed_mentions=NO_MENTIONS
            ),
        )
        try:
            text = await self.work(cast("discord.Interaction[ShowBot]", interaction))
        except Refusals as refusal:
            text = f"{refusal} Nothing was changed."
        await _settle(interaction, shown(text))

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await _settle(interaction, "Cancelled: nothing changed.")

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit(content="Not confirmed in time: nothing changed.", view=None)
        except discord.HTTPException as error:
            log.info("could not close a confirmation: %s", error)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        log.error("a confirmation failed", exc_info=error)
        await _settle(interaction, FAILED)


async def _settle(interaction: discord.Interaction, text: str) -> None:
    """The confirmation's message becomes the outcome, without its buttons."""
    if not interaction.response.is_done():
        await first_response(
            interaction,
            lambda: interaction.response.edit_message(
                content=text, view=None, allowed_mentions=NO_MENTIONS
            ),
        )
        return
    await followup(
        interaction,
        lambda: interaction.edit_original_response(
            content=text, view=None, allowed_mentions=NO_MENTIONS
        ),
    )


ShowSaver = Callable[[discord.Interaction["ShowBot"], dict[str, Any]], Awaitable[str]]


class ShowForm(discord.ui.Modal):
    """A show's title, year, network, premiere and logline: a new show's, or one's to edit
    (filled in with what the record says)."""

    def __init__(self, heading: str, save: ShowSaver, current: dict[str, Any] | None = None):
        super().__init__(title=heading, timeout=900)
        self.save = save
        current = current or {}
        self.show_title: discord.ui.TextInput[ShowForm] = discord.ui.TextInput(
            label="Title",
            custom_id="title",
            max_length=_room(TITLE_LIMIT, current.get("title")),
            default=current.get("title"),
        )
        self.year: discord.ui.TextInput[ShowForm] = discord.ui.TextInput(
            label="Year of the first release",
            custom_id="year",
            required=False,
            max_length=4,
            default=_text(current.get("year")),
        )
        self.network: discord.ui.TextInput[ShowForm] = discord.ui.TextInput(
            label="Network",
            custom_id="network",
            required=False,
            max_length=_room(NAME_LIMIT, current.get("network")),
            default=current.get("network"),
        )
        self.premiere: discord.ui.TextInput[ShowForm] = discord.ui.TextInput(
            label="Premiere date (YYYY-MM-DD)",
            custom_id="premiere",
            required=False,
            max_length=10,
            default=current.get("premiere_date"),
        )
        self.logline: discord.ui.TextInput[ShowForm] = discord.ui.TextInput(
            label="What it is about",
            custom_id="logline",
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=_room(LOGLINE_LIMIT, current.get("logline")),
            default=current.get("logline"),
        )
        for field in (self.show_title, self.year, self.network, self.premiere, self.logline):
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        try:
            fields = show_fields(
                title=self.show_title.value,
                year=self.year.value,
                network=self.network.value,
                premiere=self.premiere.value,
                logline=self.logline.value,
            )
            bot_interaction = cast("discord.Interaction[ShowBot]", interaction)
            text = await within_deadline(interaction, self.save(bot_interaction, fields))
        except Refusals as refusal:
            text = f"{refusal} Nothing was changed."
        await send(interaction, content=shown(text), ephemeral=True)

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        log.error("the show form failed", exc_info=error)
        await send(interaction, content=FAILED, ephemeral=True)


def _room(limit: int, current: object) -> int:
    """A field's length in the form: room for what is stored, even when an import stored more
    than an editor may type (Discord refuses a form whose default is over its limit); saving
    it is then refused with a sentence saying how long it may be."""
    return min(max(limit, len(str(current or ""))), TEXT_INPUT_LIMIT)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


async def answer_edit(interaction: discord.Interaction[ShowBot], work: Awaitable[str]) -> None:
    """Runs an editing service call and tells the editor, privately, what it did or why it
    did not; record text in it is escaped."""
    try:
        text = await within_deadline(interaction, work)
    except (EditRefusedError, StatusRefusedError) as refusal:
        text = f"{refusal} Nothing was changed."
    await send(interaction, content=shown(text), ephemeral=True)
