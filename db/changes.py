"""The catalogue's change log: one row for every write to a show or one of its names, deletions
included, appended by database triggers in the writing transaction itself (migration 0005).

Each process follows the log from where it last looked and brings its title index in line with
the shows it names. Following by id alone would lose changes on PostgreSQL, where ids are handed
out when a row is written, not when its transaction commits: a long import holds ids below
those of edits that commit meanwhile. So on PostgreSQL each row also carries the id of the
transaction that wrote it, and a follower's cursor is a horizon: every transaction older than
the oldest one still running (the snapshot's xmin) has finished, so the rows it wrote are all
visible and final. A follower takes every row at or after its horizon that it has not taken
yet, and remembers the ids it took at or after the new horizon. On SQLite writers hold the one
write lock from their first statement to their commit, so ids are in commit order and the last
id taken is cursor enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import BigInteger, Integer, func, text
from sqlalchemy import delete as sa_delete
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.types import UTCDateTime

NOTIFY_CHANNEL = "showbot_catalogue"
"""What the PostgreSQL triggers NOTIFY on when a transaction changes the catalogue."""
PAGE = 5000


class CatalogueChange(SQLModel, table=True):
    """A show changed (or was removed) in some transaction: written only by the triggers."""

    __tablename__ = "catalogue_change"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(
        default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer, "sqlite")
    )
    show_id: int = Field(nullable=False)
    txid: int | None = Field(default=None, sa_type=BigInteger, index=True)
    """The writing transaction's id (PostgreSQL only: see the module's docstring)."""
    changed_at: datetime = Field(
        sa_type=UTCDateTime,
        nullable=False,
        index=True,
        sa_column_kwargs={"server_default": text("CURRENT_TIMESTAMP")},
    )


@dataclass(slots=True)
class ChangeCursor:
    """Where a follower stands in the log."""

    last_id: int = 0
    """SQLite: the last row taken."""
    horizon: int | None = None
    """PostgreSQL: every row of a transaction older than this has been taken."""
    seen: dict[int, int] = field(default_factory=dict)
    """PostgreSQL: rows taken at or after the horizon (id -> transaction id)."""


_HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


async def current_cursor(session: AsyncSession) -> ChangeCursor:
    """A cursor from now on: a process takes it before it loads its index, so that what
    commits during the load is taken in again afterwards (at worst twice, never lost)."""
    if _is_sqlite(session):
        last = (
            await session.exec(
                select(CatalogueChange.id).order_by(col(CatalogueChange.id).desc()).limit(1)
            )
        ).first()
        return ChangeCursor(last_id=last or 0)
    horizon = (await session.exec(text(f"SELECT {_HORIZON}"))).scalar_one()  # type: ignore[call-overload]
    return ChangeCursor(horizon=int(horizon))


async def changes_after(
    session: AsyncSession, cursor: ChangeCursor
) -> tuple[set[int], ChangeCursor]:
    """The shows changed since the cursor, and the cursor past them."""
    if _is_sqlite(session):
        return await _sqlite_changes(session, cursor)
    return await _postgres_changes(session, cursor)


async def _sqlite_changes(
    session: AsyncSession, cursor: ChangeCursor
) -> tuple[set[int], ChangeCursor]:
    shows: set[int] = set()
    last = cursor.last_id
    while True:
        query = (
            select(CatalogueChange.id, CatalogueChange.show_id)
            .where(col(CatalogueChange.id) > last)
            .order_by(col(CatalogueChange.id))
            .limit(PAGE)
        )
        page = (await session.exec(query)).all()
        for change_id, show_id in page:
            shows.add(show_id)
            last = change_id or last
        if len(page) < PAGE:
            return shows, ChangeCursor(last_id=last)


_POSTGRES_PAGE = text(
    f"SELECT {_HORIZON} AS horizon, c.id, c.show_id, c.txid FROM (SELECT 1) AS one "
    "LEFT JOIN catalogue_change AS c ON c.txid >= :horizon AND c.id > :after "
    "ORDER BY c.id LIMIT :page"
)


async def _postgres_changes(
    session: AsyncSession, cursor: ChangeCursor
) -> tuple[set[int], ChangeCursor]:
    assert cursor.horizon is not None
    shows: set[int] = set()
    taken = dict(cursor.seen)
    new_horizon: int | None = None
    after = 0
    connection = await session.connection()
    while True:
        values = {"horizon": cursor.horizon, "after": after, "page": PAGE}
        page = (await connection.execute(_POSTGRES_PAGE, values)).all()
        # The first page's snapshot decides the new horizon: what finished before it is final.
        new_horizon = int(page[0].horizon) if new_horizon is None else new_horizon
        rows = [row for row in page if row.id is not None]
        for row in rows:
            if row.id not in taken:
                taken[row.id] = row.txid
                shows.add(row.show_id)
        if len(rows) < PAGE:
            break
        after = rows[-1].id
    seen = {change_id: txid for change_id, txid in taken.items() if txid >= new_horizon}
    return shows, ChangeCursor(horizon=new_horizon, seen=seen)


async def changes_behind(session: AsyncSession, cursor: ChangeCursor) -> int:
    """How many committed changes a follower at `cursor` has not taken yet."""
    count = select(func.count()).select_from(CatalogueChange)
    if _is_sqlite(session):
        return (await session.exec(count.where(col(CatalogueChange.id) > cursor.last_id))).one()
    assert cursor.horizon is not None
    query = count.where(
        col(CatalogueChange.txid) >= cursor.horizon,
        col(CatalogueChange.id).not_in(list(cursor.seen)),
    )
    return (await session.exec(query)).one()


async def prune_changes(session: AsyncSession, before: datetime) -> int:
    """Forgets the log older than `before`: a follower further behind than that reloads."""
    result = await session.exec(
        sa_delete(CatalogueChange).where(col(CatalogueChange.changed_at) < before)
    )
    return result.rowcount


def _is_sqlite(session: AsyncSession) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "sqlite"
