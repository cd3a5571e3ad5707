"""The edit desk: every change an editor makes to a show, checked, written with its audit
entry in one transaction, and taken into the title index once it commits.

A change is made to the show's whole record (see `records`): the record before and after is
what the audit trail keeps, and what undo puts back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalogue.service import Catalogue
from bot.editing import records
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError
from bot.editing.records import Record
from db.audit import CatalogueEdit, add_edit, born_at_of, dependents_of_show, edits_of_show
from db.catalogue.export import show_record
from db.catalogue.restore import create_show, recreate_show, replace_show
from db.engine import Database
from db.models import Show
from db.queries import delete_show, load_show, reload_show, shows_titled
from db.records import ShowRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EditOutcome:
    """What an editor is told: the audit entry, the show, and what changed."""

    edit_id: int | None
    show_id: int | None
    show_title: str
    summary: str

    def describe(self) -> str:
        if self.edit_id is None:
            return f"{self.show_title}: nothing to change, it already says that."
        return f"#{self.edit_id} · {self.show_title}: {self.summary}"


def validated(record: Record) -> ShowRecord:
    """The record as the catalogue's format reads it; what it refuses, in a sentence."""
    try:
        return ShowRecord.model_validate(record)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise EditRefusedError(f"That would make {where} wrong: {problem['msg']}.") from None


class EditDesk:
    """Editors' changes to shows, with their audit entries."""

    def __init__(self, database: Database, catalogue: Catalogue) -> None:
        self.database = database
        self.catalogue = catalogue

    async def add_show(self, actor: Actor, fields: dict[str, Any]) -> EditOutcome:
        """A new show. One with the same title and year is refused: that show is there."""
        record = validated({k: v for k, v in fields.items() if v is not None})
        async with self.database.transaction() as session:
            await _refuse_same_title(session, record.title, record.year, None)
            show = await create_show(session, record)
            assert show.id is not None
            after = await record_of(session, show.id)
            edit = await add_edit(
                session,
                _entry(actor, "show.add", show, after, None, {"record": after}),
            )
        await self.catalogue.refresh([show.id])
        return _outcome(edit)

    async def edit_show(self, actor: Actor, show_id: int, fields: dict[str, Any]) -> EditOutcome:
        """Sets the given fields (None clears one)."""

        def change(record: Record) -> Record:
            return records.with_fields(record, fields)

        return await self.change(actor, show_id, "show.edit", change)

    async def remove_show(self, actor: Actor, show_id: int) -> EditOutcome:
        """Removes a show, keeping in the audit entry all undo needs to bring it back: its
        record, and the follows and channel subscriptions that named it."""
        async with self.database.transaction() as session:
            show = await reload_show(session, show_id)
            if show is None:
                raise EditRefusedError("That show is no longer in the catalogue.")
            before = show_record(show)
            dependents = await dependents_of_show(session, show_id)
            edit = await add_edit(
                session,
                _entry(actor, "show.remove", show, before, {"record": before, **dependents}, None),
            )
            await delete_show(session, show_id)
            session.expunge_all()
        await self.catalogue.refresh([show_id])
        return _outcome(edit)

    async def add_alias(self, actor: Actor, show_id: int, name: str) -> EditOutcome:
        return await self.change(actor, show_id, "alias.add", lambda r: records.with_alias(r, name))

    async def remove_alias(self, actor: Actor, show_id: int, name: str) -> EditOutcome:
        name = " ".join(name.split())  # as it was added

        def change(record: Record) -> Record:
            names = records.alias_names(record)
            if name.casefold() not in {a.casefold() for a in names}:
                listed = ", ".join(names[:10]) + (" …" if len(names) > 10 else "") or "none"
                raise EditRefusedError(
                    f"{record['title']} has no alias {name!r} (its aliases: {listed})."
                )
            return records.without_alias(record, name)

        return await self.change(actor, show_id, "alias.remove", change)

    async def add_credit(self, actor: Actor, show_id: int, credit: dict[str, Any]) -> EditOutcome:
        return await self.change(
            actor, show_id, "cast.add", lambda r: records.with_credit(r, credit)
        )

    async def remove_credit(self, actor: Actor, show_id: int, name: str, role: str) -> EditOutcome:
        def change(record: Record) -> Record:
            if records.find_credit(record, name, role) is None:
                raise EditRefusedError(f"{record['title']} has no {role} credit for {name!r}.")
            return records.without_credit(record, name, role)

        return await self.change(actor, show_id, "cast.remove", change)

    async def set_season(
        self, actor: Actor, show_id: int, number: int, values: dict[str, Any]
    ) -> EditOutcome:
        return await self.change(
            actor, show_id, "season.set", lambda r: records.with_season(r, number, values)
        )

    async def change(
        self,
        actor: Actor,
        show_id: int,
        action: str,
        transform: Callable[[Record], Record],
    ) -> EditOutcome:
        """Applies a change to the show's record: checked, written with its audit entry."""
        async with self.database.transaction() as session:
            show = await load_show(session, show_id)
            if show is None:
                raise EditRefusedError("That show is no longer in the catalogue.")
            before = show_record(show)
            wanted = transform(before)
            if wanted == before:
                return EditOutcome(None, show_id, show.title, "no change")
            record = validated(wanted)
            if record.title != show.title or record.year != show.year:
                await _refuse_same_title(session, record.title, record.year, show_id)
            await replace_show(session, show, record)
            after = await record_of(session, show_id)
            edit = await add_edit(
                session,
                _entry(actor, action, show, after, {"record": before}, {"record": after}),
            )
        await self.catalogue.refresh([show_id])
        return _outcome(edit)

    async def current_record(self, show_id: int) -> Record:
        async with self.database.session() as session:
            return await record_of(session, show_id)

    async def removal_preview(self, show_id: int) -> tuple[str, int, int]:
        """The show's title, and how many follows and channel subscriptions name it."""
        async with self.database.session() as session:
            show = await session.get(Show, show_id)  # its title is all this needs of it
            if show is None:
                raise EditRefusedError("That show is no longer in the catalogue.")
            dependents = await dependents_of_show(session, show_id)
        return show.title, len(dependents["follows"]), len(dependents["subscriptions"])

    async def history(self, show_id: int, limit: int = 15) -> list[CatalogueEdit]:
        async with self.database.session() as session:
            born_at = await born_at_of(session, show_id)
            if born_at is None:
                return []
            return await edits_of_show(session, show_id, born_at, limit)

    async def recreate(
        self, session: AsyncSession, show_id: int, record: Record, born_at: datetime | None
    ) -> None:
        """Brings back a removed show under its old id (undo of a removal), as the show its
        history is about."""
        show = await recreate_show(session, validated(record), show_id)
        if born_at is not None:
            show.created_at = born_at
            session.add(show)
            await session.flush()


async def record_of(session: AsyncSession, show_id: int) -> Record:
    """The show's record as stored now."""
    show = await reload_show(session, show_id)
    if show is None:
        raise EditRefusedError("That show is no longer in the catalogue.")
    return show_record(show)


async def put_back(session: AsyncSession, show_id: int, record: Record) -> None:
    """Makes the stored show say exactly what the record says (its decisions aside)."""
    show = await reload_show(session, show_id)
    if show is None:
        raise EditRefusedError("That show is no longer in the catalogue.")
    await replace_show(session, show, validated(record))


async def _refuse_same_title(
    session: AsyncSession, title: str, year: int | None, show_id: int | None
) -> None:
    for other in await shows_titled(session, title):
        if other.id != show_id and other.year == year:
            when = f" ({year})" if year else ""
            raise EditRefusedError(
                f"{other.title}{when} is already in the catalogue (id:{other.id}): edit it, or "
                "give the year to tell the two apart."
            )


def _entry(
    actor: Actor,
    action: str,
    show: Show,
    shown: Record,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    **values: Any,
) -> CatalogueEdit:
    return CatalogueEdit(
        actor_id=actor.id,
        actor_name=actor.name[:200],
        action=action,
        show_id=show.id,
        show_born_at=show.created_at,
        show_title=str(shown["title"])[:500],
        summary=records.describe_change(
            before["record"] if before else None, after["record"] if after else None
        ),
        before=before,
        after=after,
        **values,
    )


def _outcome(edit: CatalogueEdit) -> EditOutcome:
    return EditOutcome(edit.id, edit.show_id, edit.show_title, edit.summary)
