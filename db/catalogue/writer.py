"""The catalogue writer: records staged into their shows in the session, written in batches.

Writing the same record twice changes nothing the second time, and `updated_at` moves only
when a stored value really changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.credits import PendingCredit, PersonIds, insert_credits
from db.catalogue.lookups import load_show, load_shows
from db.catalogue.merge import merge_record
from db.catalogue.show_index import ShowIndex, title_key
from db.catalogue.sources import SourceResolver
from db.models import Show, utc_now
from db.records import ShowRecord, SourceRecord

_StagingKey = str | tuple[str, str]
"""A record's title key, or one of its (scheme, value) external ids."""


@dataclass(frozen=True)
class UpsertOutcome:
    show_id: int
    created: bool
    changed: bool


@dataclass
class _Staged:
    """A record merged into its show in the session, not yet written."""

    show: Show
    record: ShowRecord
    created: bool
    changed: bool
    new_credits: list[PendingCredit] = field(default_factory=list)


class CatalogueWriter:
    """Merges records into the catalogue within the caller's session and transaction.

    For a large import, `prefetch` looks up the stored shows and people a batch of records
    names in a few queries, and `stage` + `write_staged` write the batch with one flush, so
    that the import does not cost queries per row or per person. A writer keeps one batch's
    worth of the catalogue (and the sources it resolved), never the whole of it: memory stays
    the same however big the catalogue or the file. Every read is a lookup by key on an
    index, so that a batch costs the same however big the catalogue. Rows that other shows
    share (people, sources) are inserted unless another writer stored them meanwhile, then
    read back: two processes writing the same new person both commit.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._index = ShowIndex(session)
        self._sources = SourceResolver(session)
        self._people = PersonIds(session)
        self._prefetched: dict[int, Show] = {}
        self._staged: list[_Staged] = []
        self._staged_keys: set[_StagingKey] = set()
        self._staged_shows: set[int] = set()
        self._outcomes: list[UpsertOutcome] = []

    def declare_sources(self, sources: Iterable[SourceRecord]) -> None:
        self._sources.declare(sources)

    async def upsert(self, record: ShowRecord) -> UpsertOutcome:
        await self.stage(record)
        return (await self.write_staged())[-1]

    async def prefetch(self, records: Sequence[ShowRecord]) -> None:
        """Loads, in a few queries, the stored shows and people a batch of records names.

        Only a speed-up: `stage` finds whatever was not prefetched by itself. People not
        stored yet are created here, in one statement. What the batch before read is dropped
        first, so that a writer holds one batch's worth of the catalogue at most.
        """
        self._forget_batch()
        await self._index.look_up(records)
        wanted: set[int] = set()
        for record in records:
            show_id = await self._index.find(record)
            if show_id is not None and show_id not in self._prefetched:
                wanted.add(show_id)
        for show in await load_shows(self.session, sorted(wanted)):
            assert show.id is not None
            self._prefetched[show.id] = show
        names = {c.name for r in records for c in r.credits}
        await self._people.prefetch(names)
        await self._people.create_missing(names)

    async def stage(self, record: ShowRecord) -> None:
        """Merges a record into its show in the session, to be written by `write_staged`.

        Staging a batch and writing it once costs one flush instead of one per record. When a
        record could be the same show as one staged before it, what is staged is written
        first, so that shows are found exactly as if each record had been written at once.
        """
        keys: set[_StagingKey] = {title_key(record.title)}
        keys.update(record.external_ids.items())
        show_id = await self._find_past_staged(record, keys)
        show, created = await self._show_to_merge(record, show_id)
        new_credits: list[PendingCredit] = []
        # Lookups of people and sources must not flush a half-merged show.
        with self.session.no_autoflush:
            changed = await merge_record(show, record, self._people, self._sources, new_credits)
        if changed and not created:
            show.updated_at = utc_now()
        self.session.add(show)
        self._staged.append(_Staged(show, record, created, changed or created, new_credits))
        self._staged_keys |= keys

    async def write_staged(self) -> list[UpsertOutcome]:
        """Writes what was staged; the outcome of each record staged since the last call."""
        await self._write_staged()
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    async def close(self) -> None:
        """Drops what the writer holds of the last batch; call it once the records are
        written. (The writer keeps nothing in the database: it may be called or not.)"""
        self._forget_batch()

    async def _find_past_staged(self, record: ShowRecord, keys: set[_StagingKey]) -> int | None:
        """Finds the record's stored show, first writing what is staged if it may be that show."""
        if keys & self._staged_keys:
            await self._write_staged()  # the index knows staged shows only once they are written
        show_id = await self._index.find(record)
        if show_id is not None and show_id in self._staged_shows:
            await self._write_staged()
            show_id = await self._index.find(record)
        return show_id

    async def _show_to_merge(self, record: ShowRecord, show_id: int | None) -> tuple[Show, bool]:
        """The stored show to merge the record into, or a new one; and whether it is new."""
        if show_id is None:
            now = utc_now()
            # Explicit values: pydantic's default factories inspect their signature on every
            # call, which costs more than the rest of creating the show.
            return Show(title=record.title, genres=[], created_at=now, updated_at=now), True
        prefetched = self._prefetched.pop(show_id, None)
        show = prefetched if prefetched is not None else await load_show(self.session, show_id)
        self._staged_shows.add(show_id)
        return show, False

    async def _write_staged(self) -> None:
        if not self._staged:
            return
        await self.session.flush()
        credit_rows = []
        for staged in self._staged:
            assert staged.show.id is not None
            credit_rows += [credit.row(staged.show.id) for credit in staged.new_credits]
        await insert_credits(self.session, credit_rows)
        for staged in self._staged:
            show = staged.show
            assert show.id is not None  # for mypy: flushed above
            self._index.remember(show, staged.record, staged.created)
            self._outcomes.append(UpsertOutcome(show.id, staged.created, staged.changed))
            # Written: the session need not keep the show and its children for the rest of
            # the transaction (a record about it again loads it afresh), and a session that
            # keeps every object an import writes grows with the file.
            self.session.expunge(show)
        self._staged.clear()
        self._staged_keys.clear()
        self._staged_shows.clear()

    def _forget_batch(self) -> None:
        self._index.forget()
        self._people.forget()
        for show in self._prefetched.values():
            self.session.expunge(show)  # prefetched for a record that turned out another show's
        self._prefetched.clear()
