"""Credits and the people they name: person ids by name, and a record's credits merged in.

New credits and new people are inserted in one statement per batch, past the ORM, which
would otherwise insert them one row at a time. People are shared by every show, so two writers
(an import and an editor, or two processes) may both store the same new person: each inserts
with ON CONFLICT DO NOTHING and reads the ids back. On PostgreSQL the second waits for the
first to commit and then takes its row, where a plain INSERT would fail on the unique name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.lookups import person_ids
from db.catalogue.sources import SourceResolver
from db.models import Credit, Person, Show, Source
from db.queries import dialect_insert
from db.records import CreditRecord
from db.vocabulary import CreditRole


class PersonIds:
    """Person ids by name, in the caller's session: the writer needs no more of a person."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._ids: dict[str, int] = {}
        self._looked_up: set[str] = set()

    def forget(self) -> None:
        """Drops the ids looked up so far: a batch's people, not every person of an import."""
        self._ids.clear()
        self._looked_up.clear()

    async def prefetch(self, names: Iterable[str]) -> None:
        """Looks the named people up in a few queries, ahead of a batch of upserts."""
        wanted = sorted({n for n in names if n not in self._ids and n not in self._looked_up})
        self._ids.update(await person_ids(self._session, wanted))
        # Whoever was not found is new, and is created without being looked up again.
        self._looked_up.update(wanted)

    async def create_missing(self, names: Iterable[str]) -> None:
        """Stores the people not known yet in one statement, rather than one each."""
        # Not `set(names) - self._ids.keys()`: that walks every known id, for every credit.
        wanted = sorted({name for name in names if name not in self._ids})
        if wanted:
            await insert_people(self._session, wanted)
            self._ids.update(await person_ids(self._session, wanted))

    async def id_of(self, name: str) -> int:
        await self.prefetch([name])
        await self.create_missing([name])
        return self._ids[name]


async def insert_people(session: AsyncSession, names: Iterable[str]) -> None:
    """Stores these people, in one statement, but for those stored already or meanwhile by
    another writer: read them back by name."""
    # In order of name, so that two writers storing the same people take their locks in the
    # same order instead of each waiting on the other.
    rows = [{"name": name} for name in sorted(set(names))]
    if rows:
        statement = dialect_insert(session)(Person).on_conflict_do_nothing(index_elements=["name"])
        connection = await session.connection()
        await connection.execute(statement, rows)


@dataclass
class PendingCredit:
    """A credit still to be inserted: shows get theirs in one statement, not one each."""

    person_id: int
    role: CreditRole
    character: str | None = None
    billing_order: int | None = None
    source: Source | None = None

    def row(self, show_id: int) -> dict[str, object]:
        return {
            "show_id": show_id,
            "person_id": self.person_id,
            "role": self.role,
            "character": self.character,
            "billing_order": self.billing_order,
            "source_id": self.source.id if self.source else None,
        }


async def insert_credits(session: AsyncSession, rows: Sequence[dict[str, object]]) -> None:
    if rows:
        connection = await session.connection()
        await connection.execute(insert(Credit), rows)


def _cites(credit: Credit | PendingCredit, source: Source) -> bool:
    if isinstance(credit, PendingCredit):
        return credit.source is source
    # By id: the writer loads stored credits without their sources.
    return source.id is not None and credit.source_id == source.id


async def merge_credits(
    show: Show,
    records: Sequence[CreditRecord],
    people: PersonIds,
    sources: SourceResolver,
    pending: list[PendingCredit],
) -> bool:
    """Merges credits into the show's; those it lacks are appended to `pending`."""
    changed = False
    stored = {(c.person_id, c.role): c for c in show.credits}
    queued: dict[tuple[str, CreditRole], PendingCredit] = {}
    for record in records:
        person_id = await people.id_of(record.name)
        credit: Credit | PendingCredit | None = stored.get((person_id, record.role)) or queued.get(
            (record.name, record.role)
        )
        if credit is None:
            credit = queued[(record.name, record.role)] = PendingCredit(person_id, record.role)
            pending.append(credit)
            changed = True
        for name, value in (("character", record.character), ("billing_order", record.billing)):
            if value is not None and getattr(credit, name) != value:
                setattr(credit, name, value)
                changed = True
        if record.source is not None:
            source = await sources.resolve(record.source)
            if not _cites(credit, source):
                credit.source = source
                changed = True
    return changed
