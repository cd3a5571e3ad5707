"""Finding a record's stored show again: by any of its external ids, else by title and year.

A record and a stored show with the same title are still two shows when they carry
different ids in the same catalogue: they are two entries there, and stay two shows here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ExternalId, Show
from db.records import ShowRecord


def title_key(title: str) -> str:
    """A title as shows are matched by: case and spacing do not tell two shows apart."""
    return " ".join(title.casefold().split())


@dataclass(frozen=True)
class _Known:
    """A stored show, as far as finding it again by title needs."""

    show_id: int
    year: int | None
    network: str | None


def _disagree(stored: Mapping[str, str], record: ShowRecord) -> bool:
    """Whether a record and a stored show carry different ids in the same catalogue."""
    return any(stored.get(scheme, value) != value for scheme, value in record.external_ids.items())


class ShowIndex:
    """The stored shows' external ids and titles, read once and kept up to date by the writer."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._by_external: dict[tuple[str, str], int] | None = None
        self._by_title: dict[str, list[_Known]] = {}
        self._ids_of: dict[int, dict[str, str]] = {}

    async def find(self, record: ShowRecord) -> int | None:
        """The id of the stored show the record is about, if there is one."""
        by_external = await self._load()
        for scheme, value in record.external_ids.items():
            found = by_external.get((scheme, value))
            if found is not None:
                return found
        return self._find_by_title(record)

    def remember(self, show: Show, record: ShowRecord) -> None:
        """Takes in a show just written, so that later records find it."""
        assert show.id is not None and self._by_external is not None
        for scheme, value in record.external_ids.items():
            self._by_external[(scheme, value)] = show.id
        # As merging left them: the record's id replaces one of the same scheme.
        self._ids_of.setdefault(show.id, {}).update(record.external_ids)
        entries = self._by_title.setdefault(title_key(show.title), [])
        entries[:] = [e for e in entries if e.show_id != show.id]
        entries.append(_Known(show.id, show.year, show.network))

    def _find_by_title(self, record: ShowRecord) -> int | None:
        same_title = [
            k
            for k in self._by_title.get(title_key(record.title), [])
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

    async def _load(self) -> dict[tuple[str, str], int]:
        if self._by_external is None:
            self._by_external = {}
            await self._load_external_ids(self._by_external)
            await self._load_titles()
        return self._by_external

    async def _load_external_ids(self, by_external: dict[tuple[str, str], int]) -> None:
        rows = await self._session.exec(
            select(ExternalId.scheme, ExternalId.value, ExternalId.show_id)
        )
        for scheme, value, show_id in rows:
            if show_id is not None:
                by_external[(scheme, value)] = show_id
                self._ids_of.setdefault(show_id, {})[scheme] = value

    async def _load_titles(self) -> None:
        rows = await self._session.exec(select(Show.id, Show.title, Show.year, Show.network))
        for show_id, title, year, network in rows:
            assert show_id is not None
            self._by_title.setdefault(title_key(title), []).append(_Known(show_id, year, network))
