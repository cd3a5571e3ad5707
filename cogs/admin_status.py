"""/admin status set: an editor records a decision, announced now, at a set time, or not at
all; or corrects the last one, whose posted announcements are then edited in place.

An unusual change (renewing a cancelled show, a decision dated before the one on record)
asks the editor to confirm first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.announcements.desk import StatusRefusedError, StatusRequest
from bot.discord.checks import EditorGroup, actor_of
from bot.discord.editing_views import ConfirmationView, shown
from bot.discord.options import SeriesTitleOption
from bot.discord.replies import send, within_deadline
from bot.editing.decisions import set_status
from bot.editing.fields import EditRefusedError, NeedsConfirmationError, parse_day
from bot.editing.shows import show_named
from db.vocabulary import ShowStatus

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

STATUS_CHOICES = [app_commands.Choice(name=s.label, value=s.value) for s in ShowStatus]
AT_FORMAT = "%Y-%m-%d %H:%M"


def announce_time(text: str) -> datetime:
    """'2026-12-01 14:00', in UTC."""
    try:
        return datetime.strptime(text.strip(), AT_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise EditRefusedError(
            "Give the announcement time as YYYY-MM-DD HH:MM in UTC, such as 2026-12-01 14:00."
        ) from None


class StatusCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(name="status", description="Record a decision about a show")

    @app_commands.command(name="set", description="Record a show's new status and announce it")
    @app_commands.describe(
        show="The show",
        status="Its new status",
        date="When it was decided, YYYY-MM-DD (default: unknown)",
        seasons="Renewed: seasons ordered; otherwise: seasons it ran",
        source="The article that says so (https://…)",
        note="A line for the announcement",
        announce_at="Hold the announcement until YYYY-MM-DD HH:MM (UTC)",
        silent="Record it without announcing it",
        correcting="The last decision was wrong: withdraw it and correct its announcements",
    )
    @app_commands.choices(status=STATUS_CHOICES)
    async def set(
        self,
        interaction: discord.Interaction[ShowBot],
        show: app_commands.Transform[str, SeriesTitleOption],
        status: str,
        date: app_commands.Range[str, 1, 20] | None = None,
        seasons: app_commands.Range[int, 1, 100] | None = None,
        source: app_commands.Range[str, 1, 6000] | None = None,
        note: app_commands.Range[str, 1, 6000] | None = None,
        announce_at: app_commands.Range[str, 1, 30] | None = None,
        silent: bool = False,
        correcting: bool = False,
    ) -> None:
        app = interaction.client.app
        try:
            if silent and announce_at:
                raise EditRefusedError("Either announce it at a time or silently, not both.")
            request = StatusRequest(
                show_id=show_named(app.catalogue.index, show, exactly=True),
                status=ShowStatus(status),
                effective_date=parse_day(date, "date") if date else None,
                seasons=seasons,
                source_url=source.strip() if source else None,
                note=note.strip() if note else None,
                announce_at=announce_time(announce_at) if announce_at else None,
                silent=silent,
            )
        except (EditRefusedError, ValueError) as refusal:
            await send(
                interaction, content=shown(f"{refusal} Nothing was changed."), ephemeral=True
            )
            return
        actor = actor_of(interaction)

        async def record(confirmed: bool) -> str:
            outcome = await set_status(
                app.edits, app.status, actor, request, confirmed=confirmed, correcting=correcting
            )
            return outcome.describe()

        try:
            text = await within_deadline(interaction, record(False))
        except NeedsConfirmationError as warning:

            async def confirm(_: discord.Interaction[ShowBot]) -> str:
                return await record(True)

            view = ConfirmationView(interaction.user.id, confirm, confirm_label="Record it")
            text = f"{warning} Record it anyway?"
            view.message = await send(interaction, content=shown(text), view=view, ephemeral=True)
            return
        except (EditRefusedError, StatusRefusedError) as refusal:
            text = f"{refusal} Nothing was changed."
        await send(interaction, content=shown(text), ephemeral=True)
