"""Writing to the catalogue: merge show records into what is stored.

Merging is idempotent: writing the same record twice changes nothing the second time, and
`updated_at` moves only when a stored value really changed. A show is found again by any of
its external ids, else by its title and year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import (
    Alias,
    ChartRun,
    Credit,
    ExternalId,
    Person,
    Season,
    Show,
    ShowNote,
    Source,
    StatusChange,
    utc_now,
)
from db.queries import full_show_query
from db.records import (
    ChartRunRecord,
    CreditRecord,
    NoteRecord,
    SeasonRecord,
    ShowRecord,
    SourceRecord,
    SourceRef,
    StatusChangeRecord,
)

SCALAR_FIELDS = (
    "title",
    "original_title",
    "kind",
    "year",
    "genres",
    "network",
    "country",
    "status",
    "status_date",
    "premiere_date",
    "season_count",
    "episode_count",
    "logline",
    "based_on",
    "production_company",
)


class UnknownSourceError(ValueError):
    """A record names a source by a ref that is neither declared nor stored."""


@dataclass(frozen=True)
class _Known:
    """A stored show, as far as finding it again by title needs."""

    show_id: int
    year: int | None
    network: str | None


@dataclass(frozen=True)
class UpsertOutcome:
    show_id: int
    created: bool
    changed: bool


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


class CatalogueWriter:
    """Merges records into the catalogue within the caller's session and transaction.

    The lookup tables (titles, external ids, people, sources) are read once per writer, so a
    large import costs one query per stored show it touches rather than several per row.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._declared: dict[str, SourceRecord] = {}
        self._sources: dict[str, Source] = {}
        self._people: dict[str, Person] = {}
        self._by_external: dict[tuple[str, str], int] | None = None
        self._by_title: dict[str, list[_Known]] = {}

    def declare_sources(self, sources: Iterable[SourceRecord]) -> None:
        for source in sources:
            self._declared[source.ref] = source

    async def upsert(self, record: ShowRecord) -> UpsertOutcome:
        show_id = await self._find(record)
        if show_id is None:
            show = Show(title=record.title)
            created = True
        else:
            show = (await self.session.exec(full_show_query().where(Show.id == show_id))).one()
            created = False
        # Lookups of people and sources must not flush a half-merged show.
        with self.session.no_autoflush:
            changed = self._merge_scalars(show, record)
            changed |= await self._merge_children(show, record)
        if changed or created:
            show.updated_at = utc_now()
        self.session.add(show)
        await self.session.flush()
        assert show.id is not None
        self._remember(show, record)
        return UpsertOutcome(show_id=show.id, created=created, changed=changed or created)

    # -- finding the stored show ---------------------------------------------------------

    async def _load_keys(self) -> dict[tuple[str, str], int]:
        if self._by_external is None:
            rows = await self.session.exec(
                select(ExternalId.scheme, ExternalId.value, ExternalId.show_id)
            )
            self._by_external = {(s, v): i for s, v, i in rows if i is not None}
            for show_id, title, year, network in await self.session.exec(
                select(Show.id, Show.title, Show.year, Show.network)
            ):
                assert show_id is not None
                known = _Known(show_id, year, network)
                self._by_title.setdefault(_title_key(title), []).append(known)
        return self._by_external

    async def _find(self, record: ShowRecord) -> int | None:
        by_external = await self._load_keys()
        for scheme, value in record.external_ids.items():
            found = by_external.get((scheme, value))
            if found is not None:
                return found
        same_title = self._by_title.get(_title_key(record.title), [])
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

    def _remember(self, show: Show, record: ShowRecord) -> None:
        assert show.id is not None and self._by_external is not None
        for scheme, value in record.external_ids.items():
            self._by_external[(scheme, value)] = show.id
        entries = self._by_title.setdefault(_title_key(show.title), [])
        entries[:] = [e for e in entries if e.show_id != show.id]
        entries.append(_Known(show.id, show.year, show.network))

    # -- merging ---------------------------------------------------------------------------

    @staticmethod
    def _merge_scalars(show: Show, record: ShowRecord) -> bool:
        changed = False
        for name in SCALAR_FIELDS:
            value = getattr(record, name)
            if value is None or getattr(show, name) == value:
                continue
            setattr(show, name, list(value) if name == "genres" else value)
            changed = True
        return changed

    async def _merge_children(self, show: Show, record: ShowRecord) -> bool:
        changed = False
        for scheme, value in record.external_ids.items():
            if not any(e.scheme == scheme and e.value == value for e in show.external_ids):
                stale = [e for e in show.external_ids if e.scheme == scheme]
                for old in stale:
                    show.external_ids.remove(old)
                show.external_ids.append(ExternalId(scheme=scheme, value=value))
                changed = True
        known_aliases = {a.name.casefold() for a in show.aliases}
        for alias in record.alias_records():
            if alias.name.casefold() not in known_aliases and alias.name != show.title:
                show.aliases.append(Alias(name=alias.name, note=alias.note))
                known_aliases.add(alias.name.casefold())
                changed = True
        for ref in record.sources:
            source = await self._source(ref)
            if all(s.ref != source.ref for s in show.sources):
                show.sources.append(source)
                changed = True
        for season in record.seasons:
            changed |= await self._merge_season(show, season)
        changed |= await self._merge_credits(show, record.credits)
        changed |= await self._merge_status(show, record)
        for chart in record.charts:
            changed |= await self._merge_chart(show, chart)
        for note in record.notes:
            changed |= await self._merge_note(show, note)
        return changed

    async def _merge_season(self, show: Show, record: SeasonRecord) -> bool:
        season = next((s for s in show.seasons if s.number == record.number), None)
        if season is None:
            season = Season(number=record.number)
            show.seasons.append(season)
            changed = True
        else:
            changed = False
        values = record.model_dump(exclude={"number", "source"}, exclude_none=True)
        for name, value in values.items():
            if getattr(season, name) != value:
                setattr(season, name, value)
                changed = True
        if record.source is not None:
            source = await self._source(record.source)
            if season.source is not source:
                season.source = source
                changed = True
        return changed

    async def _merge_credits(self, show: Show, records: Sequence[CreditRecord]) -> bool:
        changed = False
        existing = {(c.person.name if c.person else "", c.role): c for c in show.credits}
        for record in records:
            credit = existing.get((record.name, record.role))
            if credit is None:
                credit = Credit(person=await self._person(record.name), role=record.role)
                show.credits.append(credit)
                existing[(record.name, record.role)] = credit
                changed = True
            for name, value in (("character", record.character), ("billing_order", record.billing)):
                if value is not None and getattr(credit, name) != value:
                    setattr(credit, name, value)
                    changed = True
            if record.source is not None:
                source = await self._source(record.source)
                if credit.source is not source:
                    credit.source = source
                    changed = True
        return changed

    async def _merge_status(self, show: Show, record: ShowRecord) -> bool:
        history = list(record.status_history)
        if (
            not history
            and record.status is not None
            and (not show.status_changes or show.status_changes[-1].new_status != record.status)
        ):
            # A status with no history of its own still leaves a trace of the decision.
            source = record.sources[0] if record.sources else None
            history = [StatusChangeRecord(to=record.status, date=record.status_date, source=source)]
        changed = False
        for entry in history:
            if any(
                c.new_status == entry.to and c.effective_date == entry.date
                for c in show.status_changes
            ):
                continue
            previous = show.status_changes[-1].new_status if show.status_changes else None
            show.status_changes.append(
                StatusChange(
                    old_status=entry.from_ or previous,
                    new_status=entry.to,
                    effective_date=entry.date,
                    seasons_ordered=entry.seasons_ordered,
                    note=entry.note,
                    source=await self._source(entry.source) if entry.source else None,
                )
            )
            changed = True
        return changed

    async def _merge_chart(self, show: Show, record: ChartRunRecord) -> bool:
        run = next((r for r in show.chart_runs if r.chart == record.chart), None)
        changed = False
        if run is None:
            run = ChartRun(chart=record.chart)
            show.chart_runs.append(run)
            changed = True
        for name, value in record.model_dump(exclude={"chart", "source"}).items():
            if value is not None and getattr(run, name) != value:
                setattr(run, name, value)
                changed = True
        if record.source is not None:
            source = await self._source(record.source)
            if run.source is not source:
                run.source = source
                changed = True
        return changed

    async def _merge_note(self, show: Show, record: NoteRecord) -> bool:
        if any(n.topic == record.topic and n.text == record.text for n in show.notes):
            return False
        source = await self._source(record.source) if record.source else None
        show.notes.append(ShowNote(topic=record.topic, text=record.text, source=source))
        return True

    # -- shared rows -----------------------------------------------------------------------

    async def _source(self, ref: SourceRef) -> Source:
        record = ref if isinstance(ref, SourceRecord) else self._declared.get(ref)
        key = ref.ref if isinstance(ref, SourceRecord) else ref
        source = self._sources.get(key)
        if source is None:
            source = (await self.session.exec(select(Source).where(Source.ref == key))).first()
        if source is None:
            if record is None:
                raise UnknownSourceError(f"source {key!r} is neither declared nor stored")
            source = Source(ref=key, title=record.title)
            self.session.add(source)
        if record is not None:
            for name in ("title", "url", "publisher", "published_on"):
                value = getattr(record, name)
                if value is not None and getattr(source, name) != value:
                    setattr(source, name, value)
        self._sources[key] = source
        return source

    async def _person(self, name: str) -> Person:
        person = self._people.get(name)
        if person is None:
            person = (await self.session.exec(select(Person).where(Person.name == name))).first()
        if person is None:
            person = Person(name=name)
            self.session.add(person)
        self._people[name] = person
        return person

    async def prefetch_people(self, names: Iterable[str]) -> None:
        """Loads the named people in one query, ahead of a batch of upserts."""
        wanted = sorted({n for n in names if n not in self._people})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for person in await self.session.exec(
                select(Person).where(col(Person.name).in_(chunk))
            ):
                self._people[person.name] = person


async def count_shows(session: AsyncSession) -> int:
    return (await session.exec(select(func.count()).select_from(Show))).one()
