"""Sources as records cite them: a ref resolved to its stored row, created or updated.

A record may cite a source by a bare ref, declared earlier in the same import, or by a full
`SourceRecord`; either way every citation of one ref ends up on one `Source` row. Sources are
shared by every show, so a new one is stored with ON CONFLICT DO NOTHING and read back: a
writer that stores the same new source as another (on PostgreSQL) waits for it and takes its
row, instead of failing on the unique ref.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Source
from db.queries import dialect_insert
from db.records import SourceRecord, SourceRef

_DESCRIPTIVE_FIELDS = ("title", "url", "publisher", "published_on")


class UnknownSourceError(ValueError):
    """A record names a source by a ref that is neither declared nor stored."""


class SourceResolver:
    """Resolves source refs to rows in the caller's session, each ref read at most once."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._declared: dict[str, SourceRecord] = {}
        self._resolved: dict[str, Source] = {}

    def declare(self, sources: Iterable[SourceRecord]) -> None:
        for source in sources:
            self._declared[source.ref] = source

    async def resolve(self, ref: SourceRef) -> Source:
        record = ref if isinstance(ref, SourceRecord) else self._declared.get(ref)
        key = ref.ref if isinstance(ref, SourceRecord) else ref
        source = self._resolved.get(key)
        if source is None:
            source = await _stored(self._session, key)
        if source is None:
            if record is None:
                raise UnknownSourceError(f"source {key!r} is neither declared nor stored")
            fields = {name: getattr(record, name) for name in _DESCRIPTIVE_FIELDS}
            source = await _inserted(self._session, key, fields)
        if record is not None:
            _describe(source, record)
        self._resolved[key] = source
        return source


async def stored_source(session: AsyncSession, ref: str, **fields: Any) -> Source:
    """The source of this ref, stored first with these fields (a title at least) unless it is
    stored already, or stored meanwhile by another writer."""
    source = await _stored(session, ref)
    return source if source is not None else await _inserted(session, ref, fields)


async def _inserted(session: AsyncSession, ref: str, fields: dict[str, Any]) -> Source:
    statement = dialect_insert(session)(Source).values(ref=ref, **fields)
    connection = await session.connection()
    await connection.execute(statement.on_conflict_do_nothing(index_elements=["ref"]))
    source = await _stored(session, ref)
    assert source is not None  # stored now, by this writer or by the one that got there first
    return source


async def _stored(session: AsyncSession, ref: str) -> Source | None:
    source: Source | None = (await session.exec(select(Source).where(Source.ref == ref))).first()
    return source


def _describe(source: Source, record: SourceRecord) -> None:
    """Takes what the record tells of the source; a field it leaves out keeps its value."""
    for name in _DESCRIPTIVE_FIELDS:
        value = getattr(record, name)
        if value is not None and getattr(source, name) != value:
            setattr(source, name, value)
