"""Finding a record's stored show again: by any of its external ids, else by title and year.

A record and a stored show with the same title are still two shows when they carry
different ids in the same catalogue: they are two entries there, and stay two shows here.

What is stored is looked up in the database a batch of records at a time, through the
indexes on external ids and on title keys (`Show.title_key`), and kept only for that batch
(`forget` drops it): a batch reads only the shows its records could be, so that neither what
it costs nor what it holds grows with the catalogue or the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.lookups import (
    KnownShow,
    external_ids_of,
    shows_by_external_id,
    shows_by_title_key,
)
from db.models import Show, title_key
from db.records import ShowRecord

__all__ = ["ShowIndex", "title_key"]


def _disagree(stored: Mapping[str, str], record: ShowRecord) -> bool:
    """Whether a record and a stored show carry different ids in the same catalogue."""
    return any(stored.get(scheme, value) != value for scheme, value in record.external_ids.items())


class ShowIndex:
    """The stored shows that the records of a batch may be, looked up once per batch and kept
    up to date by the writer."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._by_external: dict[tuple[str, str], int | None] = {}
        """Looked-up external ids: the show carrying each, None for nobody's."""
        self._by_title: dict[str, list[KnownShow]] = {}
        """Looked-up title keys: the shows under each, [] for none."""
        self._key_of: dict[int, str] = {}
        """The key each show in `_by_title` is listed under."""
        self._ids_of: dict[int, dict[str, str]] = {}
        """The external ids of the shows in `_by_title`, by scheme."""

    def forget(self) -> None:
        """Drops what was looked up: the next batch reads afresh what it needs."""
        self._by_external.clear()
        self._by_title.clear()
        self._key_of.clear()
        self._ids_of.clear()

    async def look_up(self, records: Iterable[ShowRecord]) -> None:
        """Reads, in a few queries, the stored shows these records may be."""
        records = list(records)
        pairs = {pair for r in records for pair in r.external_ids.items()}
        pairs -= self._by_external.keys()
        keys = {title_key(r.title) for r in records} - self._by_title.keys()
        if pairs:
            found = await shows_by_external_id(self._session, sorted(pairs))
            self._by_external.update((pair, found.get(pair)) for pair in pairs)
        if keys:
            shows = await shows_by_title_key(self._session, sorted(keys))
            for key in keys:
                self._by_title[key] = shows.get(key, [])
                self._key_of.update((known.show_id, key) for known in self._by_title[key])
            ids = {k.show_id for key in keys for k in self._by_title[key]} - self._ids_of.keys()
            self._ids_of.update(await external_ids_of(self._session, sorted(ids)))

    async def find(self, record: ShowRecord) -> int | None:
        """The id of the stored show the record is about, if there is one."""
        await self.look_up([record])
        for pair in record.external_ids.items():
            found = self._by_external[pair]
            if found is not None:
                return found
        return self._find_by_title(record)

    def remember(self, show: Show, record: ShowRecord, created: bool) -> None:
        """Takes in a show just written (and flushed), so that later records of the batch
        find it as the database now would."""
        assert show.id is not None
        # As merging left them: a new show has the record's, a stored one (loaded with its
        # ids) has the record's in place of any stored one of the same scheme.
        ids = (
            dict(record.external_ids) if created else {e.scheme: e.value for e in show.external_ids}
        )
        self._by_external.update((pair, show.id) for pair in ids.items())
        self._ids_of[show.id] = ids
        key = title_key(show.title)
        old_key = self._key_of.pop(show.id, None)
        if old_key is not None:  # renamed, or its year or network changed
            self._by_title[old_key] = [e for e in self._by_title[old_key] if e.show_id != show.id]
        entries = self._by_title.get(key)
        if entries is not None:  # else the database says, when the key is looked up
            entries.append(KnownShow(show.id, show.year, show.network))
            entries.sort(key=lambda known: known.show_id)  # as the database lists them
            self._key_of[show.id] = key

    def _find_by_title(self, record: ShowRecord) -> int | None:
        same_title = [
            k
            for k in self._by_title[title_key(record.title)]
            if not _disagree(self._ids_of.get(k.show_id, {}), record)
        ]
        exact = [k.show_id for k in same_title if k.year == record.year]
        if exact:
            return exact[0]
        # One side not knowing the year is no reason to split a show in two, unless the
        # networks say they are different shows.
        loose = [
            k.show_id
            for k in same_title
            if (k.year is None or record.year is None)
            and (k.network is None or record.network is None or k.network == record.network)
        ]
        return loose[0] if len(loose) == 1 else None
