"""Finding a record's stored show again: by any of its external ids, else by title and year.

A record and a stored show with the same title are still two shows when they carry
different ids in the same catalogue: they are two entries there, and stay two shows here.

What is stored is looked up in the database a batch of records at a time and kept only for
that batch (`forget` drops it), so that an import holds no more of the catalogue than one
batch names, however many shows the catalogue or the file holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.lookups import external_ids_of, shows_by_external_id
from db.catalogue.title_keys import KnownShow, TitleKeys, title_key
from db.models import Show
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
        self._titles = TitleKeys(session)
        self._by_external: dict[tuple[str, str], int | None] = {}
        """Looked-up external ids: the show carrying each, None for nobody's."""
        self._by_title: dict[str, list[KnownShow]] = {}
        """Looked-up title keys: the shows under each, [] for none."""
        self._ids_of: dict[int, dict[str, str]] = {}
        """The external ids of the shows in `_by_title`, by scheme."""
        self._new_keys: list[tuple[str, int]] = []

    def forget(self) -> None:
        """Drops what was looked up: the next batch reads afresh what it needs."""
        self._by_external.clear()
        self._by_title.clear()
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
            shows = await self._titles.shows(sorted(keys))
            self._by_title.update((key, shows.get(key, [])) for key in keys)
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
        """Takes in a show just written, so that later records find it; `store_new_keys`
        then stores the title keys this adds."""
        assert show.id is not None
        # As merging left them: a new show has the record's, a stored one (loaded with its
        # ids) has the record's in place of any stored one of the same scheme.
        ids = (
            dict(record.external_ids) if created else {e.scheme: e.value for e in show.external_ids}
        )
        self._by_external.update((pair, show.id) for pair in ids.items())
        self._ids_of[show.id] = ids
        key = title_key(show.title)
        entries = self._by_title.get(key)
        if entries is None or all(e.show_id != show.id for e in entries):
            self._new_keys.append((key, show.id))
        if entries is not None:
            entries[:] = [e for e in entries if e.show_id != show.id]
            entries.append(KnownShow(show.id, show.year, show.network))

    async def close(self) -> None:
        await self._titles.drop()

    async def store_new_keys(self) -> None:
        keys, self._new_keys = self._new_keys, []
        await self._titles.add(keys)

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
