"""Writing to the catalogue: merge show records into what is stored.

Merging is idempotent: writing the same record twice changes nothing the second time, and
`updated_at` moves only when a stored value really changed. A show is found again by any of
its external ids, else by its title and year, unless the two carry different ids in the same
catalogue: then they are two entries there, and stay two shows here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, insert
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
from db.vocabulary import CreditRole

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


_IN_LIST_LIMIT = 500
"""Values per IN (...) list: well under SQLite's and asyncpg's limits on bound parameters."""


class UnknownSourceError(ValueError):
    """A record names a source by a ref that is neither declared nor stored."""


@dataclass(frozen=True)
class _Known:
    """A stored show, as far as finding it again by title needs."""

    show_id: int
    year: int | None
    network: str | None


def _disagree(stored: Mapping[str, str], record: ShowRecord) -> bool:
    """Whether a record and a stored show carry different ids in the same catalogue."""
    return any(stored.get(scheme, value) != value for scheme, value in record.external_ids.items())


@dataclass
class _NewCredit:
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


def _cites(credit: Credit | _NewCredit, source: Source) -> bool:
    if isinstance(credit, _NewCredit):
        return credit.source is source
    # By id: the writer loads stored credits without their sources.
    return source.id is not None and credit.source_id == source.id


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
    new_credits: list[_NewCredit] = field(default_factory=list)


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


class CatalogueWriter:
    """Merges records into the catalogue within the caller's session and transaction.

    The lookup tables (titles, external ids, sources) are read once per writer. For a large
    import, `prefetch` loads the stored shows and people a batch of records names in a few
    queries, and `stage` + `write_staged` write the batch with one flush, so that the import
    does not cost queries per row or per person.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._declared: dict[str, SourceRecord] = {}
        self._sources: dict[str, Source] = {}
        self._people: dict[str, int] = {}
        """Person ids by name: the writer needs no more of a person than that."""
        self._people_looked_up: set[str] = set()
        self._prefetched: dict[int, Show] = {}
        self._by_external: dict[tuple[str, str], int] | None = None
        self._by_title: dict[str, list[_Known]] = {}
        self._ids_of: dict[int, dict[str, str]] = {}
        self._staged: list[_Staged] = []
        self._staged_keys: set[str | tuple[str, str]] = set()
        self._staged_shows: set[int] = set()
        self._outcomes: list[UpsertOutcome] = []

    def declare_sources(self, sources: Iterable[SourceRecord]) -> None:
        for source in sources:
            self._declared[source.ref] = source

    async def upsert(self, record: ShowRecord) -> UpsertOutcome:
        await self.stage(record)
        return (await self.write_staged())[-1]

    async def stage(self, record: ShowRecord) -> None:
        """Merges a record into its show in the session, to be written by `write_staged`.

        Staging a batch and writing it once costs one flush instead of one per record. When a
        record could be the same show as one staged before it, what is staged is written
        first, so that shows are found exactly as if each record had been written at once.
        """
        keys: set[str | tuple[str, str]] = {_title_key(record.title)}
        keys.update(record.external_ids.items())
        if keys & self._staged_keys:
            await self._write_staged()  # `_find` knows staged shows only once they are written
        show_id = await self._find(record)
        if show_id is not None and show_id in self._staged_shows:
            await self._write_staged()
            show_id = await self._find(record)
        if show_id is None:
            now = utc_now()
            # Explicit values: pydantic's default factories inspect their signature on every
            # call, which costs more than the rest of creating the show.
            show = Show(title=record.title, genres=[], created_at=now, updated_at=now)
            created = True
        else:
            prefetched = self._prefetched.pop(show_id, None)
            show = prefetched if prefetched is not None else await self._load_show(show_id)
            self._staged_shows.add(show_id)
            created = False
        staged = _Staged(show=show, record=record, created=created, changed=created)
        # Lookups of people and sources must not flush a half-merged show.
        with self.session.no_autoflush:
            staged.changed |= self._merge_scalars(show, record)
            staged.changed |= await self._merge_children(show, record, staged.new_credits)
        if staged.changed and not created:
            show.updated_at = utc_now()
        self.session.add(show)
        self._staged.append(staged)
        self._staged_keys |= keys

    async def write_staged(self) -> list[UpsertOutcome]:
        """Writes what was staged; the outcome of each record staged since the last call."""
        await self._write_staged()
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    async def _write_staged(self) -> None:
        if not self._staged:
            return
        await self.session.flush()
        credit_rows = []
        for staged in self._staged:
            assert staged.show.id is not None
            credit_rows += [credit.row(staged.show.id) for credit in staged.new_credits]
        if credit_rows:
            connection = await self.session.connection()
            await connection.execute(insert(Credit), credit_rows)
        for staged in self._staged:
            show = staged.show
            assert show.id is not None  # for mypy: flushed above
            if staged.new_credits:
                # Those rows went in past the ORM: the collection is read again when needed.
                self.session.expire(show, ["credits"])
            self._remember(show, staged.record)
            self._outcomes.append(UpsertOutcome(show.id, staged.created, staged.changed))
        self._staged.clear()
        self._staged_keys.clear()
        self._staged_shows.clear()

    async def prefetch(self, records: Sequence[ShowRecord]) -> None:
        """Loads, in a few queries, the stored shows and people a batch of records names.

        Only a speed-up: `stage` finds whatever was not prefetched by itself. People not
        stored yet are created here, in one statement.
        """
        wanted: set[int] = set()
        for record in records:
            show_id = await self._find(record)
            if show_id is not None and show_id not in self._prefetched:
                wanted.add(show_id)
        ids = sorted(wanted)
        for start in range(0, len(ids), _IN_LIST_LIMIT):
            chunk = ids[start : start + _IN_LIST_LIMIT]
            query = full_show_query(credit_details=False).where(col(Show.id).in_(chunk))
            for show in await self.session.exec(query):
                assert show.id is not None
                self._prefetched[show.id] = show
        names = {c.name for r in records for c in r.credits}
        await self.prefetch_people(names)
        await self._create_people(names - self._people.keys())

    # -- finding the stored show ---------------------------------------------------------

    async def _load_show(self, show_id: int) -> Show:
        query = full_show_query(credit_details=False).where(Show.id == show_id)
        show: Show = (await self.session.exec(query)).one()
        return show

    async def _load_keys(self) -> dict[tuple[str, str], int]:
        if self._by_external is None:
            rows = await self.session.exec(
                select(ExternalId.scheme, ExternalId.value, ExternalId.show_id)
            )
            self._by_external = {}
            for scheme, value, show_id in rows:
                if show_id is not None:
                    self._by_external[(scheme, value)] = show_id
                    self._ids_of.setdefault(show_id, {})[scheme] = value
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
        same_title = [
            k
            for k in self._by_title.get(_title_key(record.title), [])
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

    def _remember(self, show: Show, record: ShowRecord) -> None:
        assert show.id is not None and self._by_external is not None
        for scheme, value in record.external_ids.items():
            self._by_external[(scheme, value)] = show.id
        # As `_merge_children` left them: the record's id replaces one of the same scheme.
        self._ids_of.setdefault(show.id, {}).update(record.external_ids)
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

    async def _merge_children(
        self, show: Show, record: ShowRecord, new_credits: list[_NewCredit]
    ) -> bool:
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
        changed |= await self._merge_credits(show, record.credits, new_credits)
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

    async def _merge_credits(
        self, show: Show, records: Sequence[CreditRecord], new_credits: list[_NewCredit]
    ) -> bool:
        changed = False
        stored = {(c.person_id, c.role): c for c in show.credits}
        queued: dict[tuple[str, CreditRole], _NewCredit] = {}
        for record in records:
            person_id = await self._person_id(record.name)
            credit: Credit | _NewCredit | None = stored.get((person_id, record.role)) or queued.get(
                (record.name, record.role)
            )
            if credit is None:
                credit = queued[(record.name, record.role)] = _NewCredit(person_id, record.role)
                new_credits.append(credit)
                changed = True
            for name, value in (("character", record.character), ("billing_order", record.billing)):
                if value is not None and getattr(credit, name) != value:
                    setattr(credit, name, value)
                    changed = True
            if record.source is not None:
                source = await self._source(record.source)
                if not _cites(credit, source):
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

    async def _person_id(self, name: str) -> int:
        if name not in self._people and name not in self._people_looked_up:
            await self.prefetch_people([name])
        if name not in self._people:
            await self._create_people([name])
        return self._people[name]

    async def _create_people(self, names: Iterable[str]) -> None:
        """Stores these new people in one statement, rather than one each as the ORM would."""
        wanted = sorted(names)
        if wanted:
            connection = await self.session.connection()
            await connection.execute(insert(Person), [{"name": name} for name in wanted])
            await self._load_people(wanted)

    async def prefetch_people(self, names: Iterable[str]) -> None:
        """Looks the named people up in a few queries, ahead of a batch of upserts."""
        wanted = sorted(
            {n for n in names if n not in self._people and n not in self._people_looked_up}
        )
        await self._load_people(wanted)
        # Whoever was not found is new, and is created without being looked up again.
        self._people_looked_up.update(wanted)

    async def _load_people(self, names: Sequence[str]) -> None:
        for start in range(0, len(names), _IN_LIST_LIMIT):
            chunk = names[start : start + _IN_LIST_LIMIT]
            query = select(Person.id, Person.name).where(col(Person.name).in_(chunk))
            for person_id, name in await self.session.exec(query):
                assert person_id is not None
                self._people[name] = person_id


async def count_shows(session: AsyncSession) -> int:
    return (await session.exec(select(func.count()).select_from(Show))).one()
