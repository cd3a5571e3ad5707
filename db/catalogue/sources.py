"""Sources as records cite them: a ref resolved to its stored row, created or updated.

A record may cite a source by a bare ref, declared earlier in the same import, or by a full
`SourceRecord`; either way every citation of one ref ends up on one `Source` row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Source
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
            source = (await self._session.exec(select(Source).where(Source.ref == key))).first()
        if source is None:
            if record is None:
                raise UnknownSourceError(f"source {key!r} is neither declared nor stored")
            source = Source(ref=key, title=record.title)
            self._session.add(source)
        if record is not None:
            _describe(source, record)
        self._resolved[key] = source
        return source


def _describe(source: Source, record: SourceRecord) -> None:
    """Takes what the record tells of the source; a field it leaves out keeps its value."""
    for name in _DESCRIPTIVE_FIELDS:
        value = getattr(record, name)
        if value is not None and getattr(source, name) != value:
            setattr(source, name, value)
