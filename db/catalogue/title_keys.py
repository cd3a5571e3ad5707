"""Stored shows by title key, looked up in the database instead of held in memory.

A show is found again by its title with case and spacing folded (`title_key`), which no index
of the show table can look up: holding every stored title in memory instead cost an import
of a million rows some 300 MB. So the writer copies the stored shows' title keys into a
temporary table, indexed by key, at its first lookup, and adds the key of every show it
writes after that. The table belongs to the writer's transaction: the writer drops it when
done (PostgreSQL would at commit anyway; SQLite keeps it with the connection, and the next
writer there empties it), and a rollback takes back whatever a failed import put in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Integer, MetaData, Table, Text, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.lookups import in_lists
from db.models import Show

TABLE_NAME = "showbot_title_keys"
COPY_PAGE = 5000
"""Stored shows copied a page at a time, so that the copy holds one page in memory."""

# Its own metadata: the table is no part of the schema that migrations and tests compare.
_keys = Table(
    TABLE_NAME,
    MetaData(),
    Column("title_key", Text, nullable=False),
    Column("show_id", Integer, nullable=False),
)


def title_key(title: str) -> str:
    """A title as shows are matched by: case and spacing do not tell two shows apart."""
    return " ".join(title.casefold().split())


@dataclass(frozen=True, slots=True)
class KnownShow:
    """A stored show, as far as finding it again by title needs."""

    show_id: int
    year: int | None
    network: str | None


class TitleKeys:
    """The stored shows' title keys, in a temporary table of the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._ready = False

    async def shows(self, keys: Sequence[str]) -> dict[str, list[KnownShow]]:
        """The stored shows under each of these keys, in order of id; a key without any is
        left out."""
        connection = await self._prepared()
        found: dict[str, list[KnownShow]] = {}
        for chunk in in_lists(keys):
            query = (
                select(
                    _keys.c.title_key,
                    col(Show.id),
                    col(Show.title),
                    col(Show.year),
                    col(Show.network),
                )
                .join(Show, col(Show.id) == _keys.c.show_id)
                .where(_keys.c.title_key.in_(chunk))
                .order_by(col(Show.id))
            )
            for key, show_id, title, year, network in await connection.execute(query):
                # A key left behind by a show renamed since is no longer the show's.
                if title_key(title) != key or any(k.show_id == show_id for k in found.get(key, ())):
                    continue
                found.setdefault(key, []).append(KnownShow(show_id, year, network))
        return found

    async def add(self, rows: Sequence[tuple[str, int]]) -> None:
        """Adds the (key, show id) of shows just written."""
        if not self._ready:
            await self._prepared()  # the copy takes in the shows just written
            return
        if rows:
            connection = await self._session.connection()
            await connection.execute(
                insert(_keys), [{"title_key": key, "show_id": show_id} for key, show_id in rows]
            )

    async def drop(self) -> None:
        """Drops the table, which SQLite would otherwise keep with the connection."""
        if self._ready:
            connection = await self._session.connection()
            await connection.execute(text(f"DROP TABLE IF EXISTS {TABLE_NAME}"))
            self._ready = False

    async def _prepared(self) -> AsyncConnection:
        connection = await self._session.connection()
        if not self._ready:
            await _create(connection)
            await _copy_stored_shows(connection)
            self._ready = True
        return connection


async def _create(connection: AsyncConnection) -> None:
    on_commit = "" if connection.dialect.name == "sqlite" else " ON COMMIT DROP"
    await connection.execute(
        text(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {TABLE_NAME} "
            f"(title_key TEXT NOT NULL, show_id INTEGER NOT NULL){on_commit}"
        )
    )
    await connection.execute(
        text(f"CREATE INDEX IF NOT EXISTS ix_{TABLE_NAME} ON {TABLE_NAME} (title_key)")
    )
    # What an earlier writer on this SQLite connection left.
    await connection.execute(_keys.delete())


async def _copy_stored_shows(connection: AsyncConnection) -> None:
    last_id: int | None = 0
    while True:
        query = (
            select(col(Show.id), col(Show.title))
            .where(col(Show.id) > last_id)
            .order_by(col(Show.id))
            .limit(COPY_PAGE)
        )
        page = (await connection.execute(query)).all()
        if not page:
            return
        rows = [{"title_key": title_key(title), "show_id": show_id} for show_id, title in page]
        await connection.execute(insert(_keys), rows)
        last_id = page[-1][0]
        assert last_id is not None  # the primary key
