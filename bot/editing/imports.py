"""An editor's import: the file's rows all or none, as `showbot import` does, with one audit
entry for the whole import written in its transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalogue.service import Catalogue, ImportReport, Progress
from bot.editing.editors import Actor
from db.audit import CatalogueEdit, add_edit

WHOLE_CATALOGUE = "(the catalogue)"


def import_audit(
    actor: Actor, name: str
) -> Callable[[AsyncSession, ImportReport], Awaitable[None]]:
    """The audit entry of an import of the file called `name`."""

    async def write(session: AsyncSession, report: ImportReport) -> None:
        await add_edit(
            session,
            CatalogueEdit(
                actor_id=actor.id,
                actor_name=actor.name[:200],
                action="import",
                show_id=None,
                show_title=WHOLE_CATALOGUE,
                summary=f"imported {name}: {report.created} new, {report.updated} updated, "
                f"{report.unchanged} unchanged, {report.announced} announcement(s)",
            ),
        )

    return write


async def preview_import(catalogue: Catalogue, path: Path) -> ImportReport:
    """What importing the file would do, changing nothing."""
    return await catalogue.import_file(path, dry_run=True)


async def import_as(
    catalogue: Catalogue, actor: Actor, path: Path, name: str, progress: Progress | None = None
) -> ImportReport:
    return await catalogue.import_file(path, progress, audit=import_audit(actor, name))
