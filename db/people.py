"""People and characters across the catalogue: who plays Tyler, what Arden Cho is in.

Names are matched in memory (`NameDirectory`: folded, by first name, through typos), over a
directory of every person's name and every credited character, loaded at the first question
about a person and loaded again once the catalogue has changed (any show's `updated_at`
moves when its credits change). The credits themselves are read by key, on the indexes of
`credit.person_id` and `credit.id`: a question never scans the credit table.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.lookups import in_lists
from db.models import Credit, Person, Show
from db.names import NameDirectory, NameMatch
from db.queries import latest_update
from db.vocabulary import CreditRole, ShowKind

LOAD_PAGE = 10_000
"""Names read a page at a time, by key, so that loading never holds one huge result."""


@dataclass(frozen=True, slots=True)
class CreditRow:
    """One credit with the names an answer shows: who, in what, as whom."""

    credit_id: int
    person: str
    show_id: int
    title: str
    year: int | None
    film: bool
    role: CreditRole
    character: str | None
    billing_order: int | None


class PeopleDirectory:
    """Every person's name and every credited character, matched in memory."""

    def __init__(self) -> None:
        self._people = NameDirectory()
        self._characters = NameDirectory()
        self._loaded_for: datetime | None = None
        self._loaded = False
        self._lock = asyncio.Lock()

    async def people(self, session: AsyncSession, name: str) -> list[NameMatch]:
        """The people whose name fits `name` best (several when it is only a first name)."""
        await self._fresh(session)
        return self._people.best(name)

    async def characters(self, session: AsyncSession, name: str) -> list[NameMatch]:
        """The credits (by id) of the characters whose name fits `name` best."""
        await self._fresh(session)
        return self._characters.best(name)

    async def _fresh(self, session: AsyncSession) -> None:
        """Loads the directory, again when the catalogue changed since the last load."""
        async with self._lock:
            stamp = await latest_update(session)
            if self._loaded and stamp == self._loaded_for:
                return
            names = await _pages(session, _int(Person.id), _str(Person.name))
            characters_column = _str(Credit.character)
            characters = await _pages(
                session, _int(Credit.id), characters_column, characters_column.is_not(None)
            )
            # Tens of thousands of names: indexed in a thread, not on the event loop.
            self._people, self._characters = await asyncio.gather(
                asyncio.to_thread(NameDirectory, names),
                asyncio.to_thread(NameDirectory, characters),
            )
            self._loaded_for, self._loaded = stamp, True


async def _pages(
    session: AsyncSession,
    key: ColumnElement[int],
    value: ColumnElement[str],
    *where: ColumnElement[bool],
) -> list[tuple[int, str]]:
    """(key, text) of every row, read a page at a time in key order."""
    connection = await session.connection()
    rows: list[tuple[int, str]] = []
    last = 0
    while True:
        query = sa_select(key, value).where(key > last, *where).order_by(key).limit(LOAD_PAGE)
        page = (await connection.execute(query)).all()
        if not page:
            return rows
        rows += [(row[0], row[1]) for row in page if row[1] is not None]
        last = page[-1][0]


def _int(attribute: int | None) -> ColumnElement[int]:
    return cast("ColumnElement[int]", col(attribute))


def _str(attribute: str | None) -> ColumnElement[str]:
    return cast("ColumnElement[str]", col(attribute))


async def _credit_rows(
    session: AsyncSession, column: ColumnElement[int], keys: Sequence[int]
) -> list[CreditRow]:
    connection = await session.connection()
    credits = (
        sa_select(
            _int(Credit.id),
            col(Person.name),
            _int(Show.id),
            col(Show.title),
            col(Show.year),
            col(Show.kind),
            col(Credit.role),
            col(Credit.character),
            col(Credit.billing_order),
        )
        .join(Person, col(Person.id) == col(Credit.person_id))
        .join(Show, col(Show.id) == col(Credit.show_id))
    )
    rows: list[CreditRow] = []
    for chunk in in_lists(sorted(set(keys))):
        query = credits.where(column.in_(chunk))
        for (
            credit_id,
            person,
            show_id,
            title,
            year,
            kind,
            role,
            character,
            billing,
        ) in await connection.execute(query):
            rows.append(
                CreditRow(
                    credit_id=credit_id,
                    person=person,
                    show_id=show_id,
                    title=title,
                    year=year,
                    film=kind is ShowKind.FILM,
                    role=role,
                    character=character,
                    billing_order=billing,
                )
            )
    # Newest first, as a filmography reads; titles without a year last.
    rows.sort(key=lambda r: (r.year is None, -(r.year or 0), r.title.casefold(), r.credit_id))
    return rows


async def credits_of_people(session: AsyncSession, person_ids: Sequence[int]) -> list[CreditRow]:
    """Every credit of these people (through the index on `credit.person_id`)."""
    return await _credit_rows(session, _int(Credit.person_id), person_ids)


async def credits_by_id(session: AsyncSession, credit_ids: Sequence[int]) -> list[CreditRow]:
    """These credits, those still stored (a show deleted since takes its credits along)."""
    return await _credit_rows(session, _int(Credit.id), credit_ids)
