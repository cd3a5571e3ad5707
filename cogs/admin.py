"""/admin: the editors' commands, registered in the home guild only (HOME_GUILD_ID; without
it there are none). Here: import and export of the catalogue, a show's history, and undo;
the record and status groups live beside it (`admin_catalogue`, `admin_status`).
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.answering.markup import safe
from bot.catalogue.importers import UnreadableFileError
from bot.catalogue.service import ImportReport
from bot.discord.checks import EditorGroup, actor_of
from bot.discord.editing_views import ConfirmationView, answer_edit, shown
from bot.discord.options import TitleOption
from bot.discord.replies import first_response, followup, send, within_deadline
from bot.editing.history import history_lines
from bot.editing.imports import import_as, preview_import
from bot.editing.shows import show_named
from bot.editing.undo import undo
from cogs.admin_catalogue import catalogue_groups
from cogs.admin_news import news_commands
from cogs.admin_status import StatusCommands
from db.catalogue.export import export_catalogue

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

IMPORT_SUFFIXES = (".json", ".jsonl", ".csv")
PROGRESS_SECONDS = 2.0
ERRORS_SHOWN = 5
DEFAULT_FILE_LIMIT = 10 * 1024 * 1024
IMPORT_SIZE_LIMIT = 50 * 1024 * 1024
"""A file is read into memory to be saved: a bigger one is for `showbot import`."""


def _bad_rows(report: ImportReport) -> str:
    shown = "\n".join(f"line {e.line}: {e.message}" for e in report.errors[:ERRORS_SHOWN])
    more = len(report.errors) - ERRORS_SHOWN
    tail = f"\n… and {more} more" if more > 0 else ""
    return (
        f"Nothing imported: {len(report.errors)} bad row(s) in {report.path.name}. Fix them "
        f"and try again.\n{shown}{tail}"
    )


class ImportProgressNotes:
    """How far an import has got, written over its confirmation every few seconds."""

    def __init__(self, interaction: discord.Interaction[ShowBot], name: str) -> None:
        self.interaction = interaction
        self.name = name
        self.done = 0
        self.total: int | None = None
        self.shown = 0

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total

    async def keep_telling(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_SECONDS)
            if not self.total or self.done == self.shown:
                continue
            self.shown = self.done
            text = (
                f"Importing {self.name}: {self.done * 100 // self.total}% "
                f"({self.done:,} of {self.total:,} rows)…"
            )
            try:
                await self.interaction.edit_original_response(content=shown(text))
            except discord.HTTPException as error:  # a missed note, not a failed import
                log.info("could not show an import's progress: %s", error)


class AdminCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(
            name="admin",
            description="Editors: change the shared catalogue",
            guild_only=True,
            # A default for the home guild's admins to widen; the check is in code.
            default_permissions=discord.Permissions(manage_guild=True),
        )
        children: list[app_commands.Group | app_commands.Command[Any, ..., Any]] = [
            *catalogue_groups(),
            StatusCommands(),
            *news_commands(),
        ]
        for child in children:
            self.add_command(child)

    @app_commands.command(name="import", description="Import a catalogue file (a preview first)")
    @app_commands.describe(file="A file `showbot import` reads: JSON, JSON Lines or CSV")
    async def import_(
        self, interaction: discord.Interaction[ShowBot], file: discord.Attachment
    ) -> None:
        suffix = Path(file.filename).suffix.lower()
        if suffix not in IMPORT_SUFFIXES:
            await send(
                interaction,
                content=f"{safe(file.filename)} is not a catalogue file: give a "
                f"{', '.join(IMPORT_SUFFIXES)} file. Nothing was changed.",
                ephemeral=True,
            )
            return
        if file.size > IMPORT_SIZE_LIMIT:
            await send(
                interaction,
                content=f"{safe(file.filename)} is {file.size / 1e6:.0f} MB: over "
                f"{IMPORT_SIZE_LIMIT / 1e6:.0f} MB, import it with `showbot import` on the "
                "server. Nothing was changed.",
                ephemeral=True,
            )
            return
        folder = tempfile.TemporaryDirectory(prefix="showbot-import-")
        # Its own name, so that what the import says names the editor's file.
        path = Path(folder.name) / (Path(file.filename).name or f"upload{suffix}")
        try:
            report = await within_deadline(interaction, self._preview(interaction, file, path))
        except (UnreadableFileError, discord.HTTPException) as problem:
            folder.cleanup()
            await send(
                interaction,
                content=shown(
                    f"I couldn't read {file.filename} as a catalogue: "
                    f"{str(problem).replace(str(path), file.filename)} Nothing was changed."
                ),
                ephemeral=True,
            )
            return
        except BaseException:
            folder.cleanup()
            raise
        if report.errors or not report.rows:
            folder.cleanup()
            empty = f"{file.filename} holds no shows: nothing to import."
            text = _bad_rows(report) if report.errors else empty
            await send(interaction, content=shown(text), ephemeral=True)
            return
        actor = actor_of(interaction)
        catalogue = interaction.client.app.catalogue

        async def import_it(confirmed: discord.Interaction[ShowBot]) -> str:
            progress = ImportProgressNotes(confirmed, file.filename)
            telling = asyncio.create_task(progress.keep_telling())
            try:
                done = await import_as(catalogue, actor, path, file.filename, progress)
            finally:
                telling.cancel()
                # Stopped before the summary is written: no late note may cover it.
                await asyncio.gather(telling, return_exceptions=True)
                folder.cleanup()
            said = done.summary() if done.committed else _bad_rows(done)
            return said.replace(str(path), file.filename)  # not the server's temporary path

        view = ConfirmationView(
            interaction.user.id, import_it, confirm_label="Import", on_close=folder.cleanup
        )
        text = f"{report.summary()}\nImport it?"
        view.message = await send(interaction, content=shown(text), view=view, ephemeral=True)

    async def _preview(
        self, interaction: discord.Interaction[ShowBot], file: discord.Attachment, path: Path
    ) -> ImportReport:
        await file.save(path)
        return await preview_import(interaction.client.app.catalogue, path)

    @app_commands.command(name="export", description="The whole catalogue as a JSON file")
    async def export(self, interaction: discord.Interaction[ShowBot]) -> None:
        # Always slow enough to defer, and privately: the file is for the editor.
        await first_response(
            interaction, lambda: interaction.response.defer(ephemeral=True, thinking=True)
        )
        database = interaction.client.app.database
        with tempfile.TemporaryDirectory(prefix="showbot-export-") as folder:
            path = Path(folder) / "showbot-catalogue.json"
            async with database.session() as session:
                with path.open("w", encoding="utf-8") as out:
                    shows = await export_catalogue(session, out)
            size = path.stat().st_size
            limit = getattr(interaction, "attachment_size_limit", None) or DEFAULT_FILE_LIMIT
            if size > limit:
                text = (
                    f"The export ({size / 1e6:.1f} MB) is over Discord's {limit / 1e6:.0f} MB "
                    "for a file: run `showbot export FILE` on the server."
                )
                await send(interaction, content=text, ephemeral=True)
                return
            await followup(
                interaction,
                lambda: interaction.followup.send(
                    content=f"The catalogue: {shows:,} show(s).",
                    file=discord.File(path),  # a fresh one each try: a sent one is closed
                    ephemeral=True,
                    wait=True,
                ),
            )

    @app_commands.command(name="history", description="A show's changes, newest first")
    async def history(
        self,
        interaction: discord.Interaction[ShowBot],
        show: app_commands.Transform[str, TitleOption],
    ) -> None:
        async def work() -> str:
            app = interaction.client.app
            show_id = show_named(app.catalogue.index, show, exactly=True)
            return "\n".join(history_lines(await app.edits.history(show_id)))

        await answer_edit(interaction, work())

    @app_commands.command(name="undo", description="Undo your last change, or one by number")
    @app_commands.describe(
        change="The change's number in /admin history (default: your last change)",
        reason="Why, for the corrected announcements",
        source="An article that says so (https://…)",
    )
    async def undo(
        self,
        interaction: discord.Interaction[ShowBot],
        change: app_commands.Range[int, 1, 2**31 - 1] | None = None,
        reason: app_commands.Range[str, 1, 6000] | None = None,
        source: app_commands.Range[str, 1, 6000] | None = None,
    ) -> None:
        app = interaction.client.app

        async def work() -> str:
            outcome = await undo(
                app.edits,
                app.status,
                actor_of(interaction),
                change,
                reason=reason,
                source_url=source.strip() if source else None,
            )
            return outcome.describe()

        await answer_edit(interaction, work())


async def setup(bot: ShowBot) -> None:
    guild_id = bot.app.settings.home_guild_id
    if guild_id is None:
        log.info("no HOME_GUILD_ID: the editing commands (/admin) are off")
        return
    bot.tree.add_command(AdminCommands(), guild=discord.Object(id=guild_id))
