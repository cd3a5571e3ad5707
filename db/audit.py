"""The catalogue's audit trail: every change an editor makes, who made it, and the record
before and after, written in the same transaction as the change (and its deliveries).

An entry outlives its show (a removed show's entry is how it comes back), so it names the
show by id and title without a foreign key.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, update
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.announcement_tables import Follow, Subscription
from db.models import Show, _timestamp
from db.types import UTCDateTime


class CatalogueEdit(SQLModel, table=True):
    """One change to the catalogue, as the history and undo read it."""

    __tablename__ = "catalogue_edit"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _timestamp()
    actor_id: int | None = Field(default=None, sa_type=BigInteger, description="Discord user")
    actor_name: str = Field(max_length=200)
    action: str = Field(max_length=40, description="what was done, such as status.set")
    show_id: int | None = Field(default=None, index=True)
    show_born_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the show was created: SQLite gives a removed show's id to the next one, and an
    entry is about the show, not whichever holds its id now."""
    show_title: str = Field(max_length=500)
    summary: str = Field(max_length=2000)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    """The show as it was (its record, and what else undo needs); None: it did not exist."""
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    status_change_id: int | None = Field(default=None, description="the decision it recorded")
    undoes_id: int | None = Field(default=None, description="the entry this one undid")
    undone_by_id: int | None = Field(default=None, description="the entry that undid this one")
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


async def add_edit(session: AsyncSession, edit: CatalogueEdit) -> CatalogueEdit:
    session.add(edit)
    await session.flush()
    return edit


async def edit_by_id(session: AsyncSession, edit_id: int) -> CatalogueEdit | None:
    return await session.get(CatalogueEdit, edit_id)


async def edits_of_show(
    session: AsyncSession, show_id: int, born_at: datetime, limit: int = 25
) -> list[CatalogueEdit]:
    """The show's latest entries, newest first."""
    query = (
        select(CatalogueEdit)
        .where(CatalogueEdit.show_id == show_id, CatalogueEdit.show_born_at == born_at)
        .order_by(col(CatalogueEdit.id).desc())
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def born_at_of(session: AsyncSession, show_id: int) -> datetime | None:
    """When the show holding this id was created; for a removed show, when the last show
    the audit trail knows under this id was."""
    show = await session.get(Show, show_id)
    if show is not None:
        return show.created_at
    query = (
        select(CatalogueEdit.show_born_at)
        .where(CatalogueEdit.show_id == show_id)
        .order_by(col(CatalogueEdit.id).desc())
        .limit(1)
    )
    born: datetime | None = (await session.exec(query)).first()
    return born


async def latest_edit(session: AsyncSession, actor_id: int | None = None) -> CatalogueEdit | None:
    """The newest change to a show that is not an undo and was not undone (of one actor, if
    given). Imports are left out: undo cannot take them back."""
    query = select(CatalogueEdit).where(
        col(CatalogueEdit.undone_at).is_(None),
        col(CatalogueEdit.undoes_id).is_(None),
        col(CatalogueEdit.show_id).is_not(None),
    )
    if actor_id is not None:
        query = query.where(CatalogueEdit.actor_id == actor_id)
    query = query.order_by(col(CatalogueEdit.id).desc()).limit(1)
    return (await session.exec(query)).first()


async def latest_show_edit(
    session: AsyncSession, show_id: int, born_at: datetime, before_id: int | None = None
) -> CatalogueEdit | None:
    """The show's newest entry still standing (not an undo, not undone), older than
    `before_id` if given."""
    query = select(CatalogueEdit).where(
        CatalogueEdit.show_id == show_id,
        CatalogueEdit.show_born_at == born_at,
        col(CatalogueEdit.undone_at).is_(None),
        col(CatalogueEdit.undoes_id).is_(None),
    )
    if before_id is not None:
        query = query.where(col(CatalogueEdit.id) < before_id)
    return (await session.exec(query.order_by(col(CatalogueEdit.id).desc()).limit(1))).first()


async def later_edits(session: AsyncSession, edit: CatalogueEdit) -> list[CatalogueEdit]:
    """Entries about the same show made after this one and still standing."""
    query = (
        select(CatalogueEdit)
        .where(
            CatalogueEdit.show_id == edit.show_id,
            CatalogueEdit.show_born_at == edit.show_born_at,
            col(CatalogueEdit.id) > (edit.id or 0),
            col(CatalogueEdit.undone_at).is_(None),
            col(CatalogueEdit.undoes_id).is_(None),
        )
        .order_by(col(CatalogueEdit.id))
    )
    return list((await session.exec(query)).all())


async def mark_undone(
    session: AsyncSession, edit_id: int, undone_by_id: int, undone_at: datetime
) -> bool:
    """Marks an entry undone, unless it already is (by another editor, a moment before)."""
    result = await session.exec(
        update(CatalogueEdit)
        .where(col(CatalogueEdit.id) == edit_id, col(CatalogueEdit.undone_at).is_(None))
        .values(undone_by_id=undone_by_id, undone_at=undone_at)
    )
    return bool(result.rowcount)


# -- what a removed show takes with it, for undo to bring back ----------------------------------


async def dependents_of_show(
    session: AsyncSession, show_id: int
) -> dict[str, list[dict[str, Any]]]:
    """The follows and channel subscriptions that name the show (removing it removes them)."""
    follows = await session.exec(select(Follow).where(Follow.show_id == show_id))
    subscriptions = await session.exec(select(Subscription).where(Subscription.show_id == show_id))
    return {
        "follows": [_plain(f.model_dump(exclude={"id", "show_id"})) for f in follows.all()],
        "subscriptions": [
            _plain(s.model_dump(exclude={"id", "show_id"})) for s in subscriptions.all()
        ],
    }


async def restore_dependents(
    session: AsyncSession, show_id: int, dependents: dict[str, list[dict[str, Any]]]
) -> None:
    for values in dependents.get("follows", []):
        session.add(Follow.model_validate({**values, "show_id": show_id}))
    for values in dependents.get("subscriptions", []):
        session.add(Subscription.model_validate({**values, "show_id": show_id}))
    await session.flush()


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready: datetimes as ISO text (model_validate reads them back)."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}
