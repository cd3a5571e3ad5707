"""The catalogue's reads by key: whole shows by id, person ids by name, show ids by external
id or by title key, external ids by show, and the show count.

Every read but the count goes through an index, so that what a batch of records costs to
look up does not grow with the catalogue. Lists of keys go to the database in chunks, so
that a batch of any size stays within the drivers' limits on bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ExternalId, Person, Show
from db.queries import full_show_query

IN_LIST_LIMIT = 500
"""Values per IN (...) list: well under SQLite's and asyncpg's limits on bound parameters."""

_Key = TypeVar("_Key")


def in_lists(keys: Sequence[_Key]) -> Iterator[Sequence[_Key]]:
    for start in range(0, len(keys), IN_LIST_LIMIT):
        yield keys[start : start + IN_LIST_LIMIT]


async def load_show(session: AsyncSession, show_id: int) -> Show:
    """One stored show, with the children a writer merges into."""
    query = full_show_query(credit_details=False).where(Show.id == show_id)
    show: Show = (await session.exec(query)).one()
    return show


async def load_shows(session: AsyncSession, show_ids: Sequence[int]) -> list[Show]:
    """The stored shows among these ids, with the children a writer merges into."""
    shows: list[Show] = []
    for chunk in in_lists(show_ids):
        query = full_show_query(credit_details=False).where(col(Show.id).in_(chunk))
        shows += await session.exec(query)
    return shows


async def person_ids(session: AsyncSession, names: Sequence[str]) -> dict[str, int]:
    """The ids of the stored people among these names, by name."""
    found: dict[str, int] = {}
    for chunk in in_lists(names):
        query = select(Person.id, Person.name).where(col(Person.name).in_(chunk))
        for person_id, name in await session.exec(query):
            assert person_id is not None
            found[name] = person_id
    return found


async def shows_by_external_id(
    session: AsyncSession, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """The ids of the stored shows that carry these (scheme, value) external ids."""
    by_scheme: dict[str, list[str]] = {}
    for scheme, value in pairs:
        by_scheme.setdefault(scheme, []).append(value)
    found: dict[tuple[str, str], int] = {}
    for scheme, values in sorted(by_scheme.items()):
        # One scheme at a time, so that the lookup runs on the (scheme, value) unique index.
        for chunk in in_lists(values):
            query = select(ExternalId.value, ExternalId.show_id).where(
                ExternalId.scheme == scheme, col(ExternalId.value).in_(chunk)
            )
            for value, show_id in await session.exec(query):
                assert show_id is not None
                found[(scheme, value)] = show_id
    return found


@dataclass(frozen=True, slots=True)
class KnownShow:
    """A stored show, as far as finding it again by title needs."""

    show_id: int
    year: int | None
    network: str | None


async def shows_by_title_key(
    session: AsyncSession, keys: Sequence[str]
) -> dict[str, list[KnownShow]]:
    """The stored shows under each of these title keys (`db.models.title_key`), in order of
    id; a key without any is left out."""
    connection = await session.connection()  # not `session.exec`: no autoflush of staged shows
    found: dict[str, list[KnownShow]] = {}
    for chunk in in_lists(keys):
        query = (
            select(Show.title_key, Show.id, Show.year, Show.network)
            .where(col(Show.title_key).in_(chunk))
            .order_by(col(Show.id))
        )
        for key, show_id, year, network in await connection.execute(query):
            found.setdefault(key, []).append(KnownShow(show_id, year, network))
    return found


async def external_ids_of(
    session: AsyncSession, show_ids: Sequence[int]
) -> dict[int, dict[str, str]]:
    """Each of these shows' external ids by scheme; a show without any maps to {}."""
    found: dict[int, dict[str, str]] = {show_id: {} for show_id in show_ids}
    for chunk in in_lists(show_ids):
        query = select(ExternalId.show_id, ExternalId.scheme, ExternalId.value).where(
            col(ExternalId.show_id).in_(chunk)
        )
        for show_id, scheme, value in await session.exec(query):
            assert show_id is not None
            found[show_id][scheme] = value
    return found


async def count_shows(session: AsyncSession) -> int:
    return (await session.exec(select(func.count()).select_from(Show))).one()
