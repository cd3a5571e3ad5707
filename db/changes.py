"""The catalogue's change log: one row for every write to a show or one of its names, deletions
included, appended by database triggers in the writing transaction itself (migration 0005).

Each process follows the log from where it last looked and brings its title index in line with
the shows it names. Following by id alone would lose changes on PostgreSQL, where ids are handed
out when a row is written, not when its transaction commits: a long import holds ids below
those of edits that commit meanwhile. So on PostgreSQL each row also carries the id of the
transaction that wrote it, and a follower remembers, besides the last id it took, the
transactions still running when it looked (the snapshot's in-progress list): the next look
takes the rows after that id and the rows those transactions wrote, whatever their ids. A
transaction that starts writing after a look draws ids above every id that look saw, so
nothing else can appear below. On SQLite writers hold the one write lock from their first
statement to their commit, so ids are in commit order and the last id taken is cursor enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ARRAY, BigInteger, Integer, bindparam, func, text
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


@dataclass(frozen=True, slots=True)
class ChangeCursor:
    """Where a follower stands in the log."""

    last_id: int = 0
    """The last row taken."""
    running: tuple[int, ...] = ()
    """PostgreSQL: the transactions running when the follower last looked, whose rows may
    yet appear below `last_id`."""


_RUNNING = (
    "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS running"
)
_POSTGRES_START = text(
    f"SELECT (SELECT coalesce(max(id), 0) FROM catalogue_change) AS last_id, {_RUNNING}"
)
_POSTGRES_PAGE = text(
    f"SELECT {_RUNNING}, c.id, c.show_id FROM (SELECT 1) AS one "
    "LEFT JOIN catalogue_change AS c "
    "ON (c.id > :last_id OR c.txid = ANY(:running)) AND c.id > :after "
    "ORDER BY c.id LIMIT :page"
).bindparams(bindparam("running", type_=ARRAY(BigInteger)))


async def current_cursor(session: AsyncSession) -> ChangeCursor:
    """A cursor from now on: a process takes it before it loads its index, so that what
    commits during the load is taken in again afterwards (at worst twice, never lost)."""
    if _is_sqlite(session):
        query = select(func.max(CatalogueChange.id))
        return ChangeCursor(last_id=(await session.exec(query)).one() or 0)
    connection = await session.connection()
    row = (await connection.execute(_POSTGRES_START)).one()
    return ChangeCursor(last_id=row.last_id, running=tuple(row.running))


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


async def _postgres_changes(
    session: AsyncSession, cursor: ChangeCursor
) -> tuple[set[int], ChangeCursor]:
    shows: set[int] = set()
    running: tuple[int, ...] | None = None
    last = cursor.last_id
    after = 0
    connection = await session.connection()
    while True:
        values = {"last_id": cursor.last_id, "running": list(cursor.running), "after": after}
        page = (await connection.execute(_POSTGRES_PAGE, {**values, "page": PAGE})).all()
        # The first page's snapshot says what was still running: a transaction that commits
        # while later pages are read is looked at again next time (its rows taken twice at
        # worst, never lost).
        running = tuple(page[0].running) if running is None else running
        rows = [row for row in page if row.id is not None]
        for row in rows:
            shows.add(row.show_id)
            last = max(last, row.id)
        if len(rows) < PAGE:
            return shows, ChangeCursor(last_id=last, running=running)
        after = rows[-1].id


async def changes_behind(session: AsyncSession, cursor: ChangeCursor) -> int:
    """How many committed changes a follower at `cursor` has not taken yet (on PostgreSQL,
    give or take the rows of transactions it was waiting on, counted again)."""
    newer = col(CatalogueChange.id) > cursor.last_id
    if cursor.running:
        newer = newer | col(CatalogueChange.txid).in_(cursor.running)
    query = select(func.count()).select_from(CatalogueChange).where(newer)
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
