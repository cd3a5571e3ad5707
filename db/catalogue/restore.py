"""Putting a show back as a record says it was: over what is stored (`replace_show`), or in
place of a show that was removed (`recreate_show`).

Unlike the writer, which merges a record into what is stored, these make the show say
exactly what the record says, no more: a field the record leaves out is cleared, and a
child row it does not list is removed. They keep the writer's rules for what one row is (one
alias per spelling regardless of case, one credit per person and role, one season per
number, one run per chart, one note per topic and text), so that a show restored from a
record is the show an import of that record into an empty catalogue would make.

Nothing besides the show table and its children needs to be kept in step: the show's title
key (`Show.title_key`, by which writers find it) follows its title on every flush. `updated_at`
moves when the show changed, which is how the bot's title index (and other processes) hear of
a new title or alias.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.credits import insert_people
from db.catalogue.export import show_record
from db.catalogue.lookups import in_lists
from db.catalogue.merge import (
    SCALAR_FIELDS,
    merge_aliases,
    merge_chart,
    merge_external_ids,
    merge_note,
    merge_season,
    merge_sources,
)
from db.catalogue.sources import SourceResolver
from db.models import Credit, Person, Show, Source, StatusChange, utc_now
from db.queries import reload_show
from db.records import CreditRecord, ShowRecord, SourceRecord, SourceRef
from db.vocabulary import CreditRole, ShowKind

__all__ = ["create_show", "recreate_show", "replace_show"]


async def replace_show(
    session: AsyncSession,
    show: Show,
    record: ShowRecord,
    sources: Sequence[SourceRecord] = (),
) -> None:
    """Makes a stored show, fully loaded (as `db.queries.load_show` gives it), say exactly
    what the record says, and flushes.

    Its status and status date are the record's like any other field, but its history of
    decisions is left as it is: announcements refer to those rows by id, so whoever restores
    a show decides what becomes of them. People are found by name or created, and never
    removed (other shows may credit them). The record's sources must be stored already or be
    among `sources`, else `UnknownSourceError`.
    """
    before = show_record(show)
    for children in (
        show.aliases,
        show.external_ids,
        show.sources,
        show.seasons,
        show.credits,
        show.chart_runs,
        show.notes,
    ):
        children.clear()
    # The old rows go first: the new may equal them, which the unique constraints forbid
    # while both are there.
    await session.flush()
    await _fill(session, show, record, _resolver(session, sources))
    if show_record(show) != before:
        show.updated_at = utc_now()
    session.add(show)
    await session.flush()


async def create_show(
    session: AsyncSession, record: ShowRecord, sources: Sequence[SourceRecord] = ()
) -> Show:
    """Stores a new show holding exactly the record (as an editor adds one), flushes, and
    returns it with its children."""
    show = Show(title=record.title, genres=[])
    session.add(show)
    await session.flush()
    assert show.id is not None
    loaded = await reload_show(session, show.id)
    assert loaded is not None
    await replace_show(session, loaded, record, sources)
    return loaded


async def recreate_show(
    session: AsyncSession,
    record: ShowRecord,
    show_id: int,
    sources: Sequence[SourceRecord] = (),
) -> Show:
    """Stores a show that was removed again, under its old id, holding exactly the record,
    its history of decisions included (each entry's `from` as the old status, as given);
    flushes and returns it with its children. The id must be free."""
    now = utc_now()
    show = Show(id=show_id, title=record.title, genres=[], created_at=now, updated_at=now)
    session.add(show)
    resolver = _resolver(session, sources)
    await _fill(session, show, record, resolver)
    with session.no_autoflush:
        for entry in record.status_history:
            show.status_changes.append(
                StatusChange(
                    old_status=entry.from_,
                    new_status=entry.to,
                    effective_date=entry.date,
                    seasons_ordered=entry.seasons_ordered,
                    note=entry.note,
                    source=await _source(resolver, entry.source),
                )
            )
    await session.flush()
    await _keep_new_ids_above(session, show_id)
    return show


def _resolver(session: AsyncSession, sources: Iterable[SourceRecord]) -> SourceResolver:
    resolver = SourceResolver(session)
    resolver.declare(sources)
    return resolver


async def _source(resolver: SourceResolver, ref: SourceRef | None) -> Source | None:
    return await resolver.resolve(ref) if ref is not None else None


async def _fill(
    session: AsyncSession, show: Show, record: ShowRecord, sources: SourceResolver
) -> None:
    """Gives a show without children the record's fields and children."""
    # Lookups of people and sources must not flush a half-built show (nor one just added,
    # whose collections would then be loaded from the database, which async cannot do).
    with session.no_autoflush:
        people = await _people(session, {c.name for c in record.credits})
        _set_scalars(show, record)
        merge_external_ids(show, record)
        merge_aliases(show, record)
        await merge_sources(show, record, sources)
        for season in record.seasons:
            await merge_season(show, season, sources)
        for credit in _credits(record.credits):
            show.credits.append(
                Credit(
                    person=people[credit.name],
                    role=credit.role,
                    character=credit.character,
                    billing_order=credit.billing,
                    source=await _source(sources, credit.source),
                )
            )
        for chart in record.charts:
            await merge_chart(show, chart, sources)
        for note in record.notes:
            await merge_note(show, note, sources)


def _set_scalars(show: Show, record: ShowRecord) -> None:
    for name in SCALAR_FIELDS:
        value = getattr(record, name)
        if name == "genres":
            value = list(value or [])
        elif name == "kind" and value is None:
            value = ShowKind.SERIES  # a show is one kind or the other: the column's default
        if getattr(show, name) != value:
            setattr(show, name, value)


@dataclass
class _CreditFields:
    name: str
    role: CreditRole
    character: str | None = None
    billing: int | None = None
    source: SourceRef | None = None


def _credits(records: Iterable[CreditRecord]) -> list[_CreditFields]:
    """One credit a person and role, as the writer makes them: what a later record of the
    same credit says is taken over what an earlier one said."""
    credits: dict[tuple[str, CreditRole], _CreditFields] = {}
    for record in records:
        credit = credits.setdefault(
            (record.name, record.role), _CreditFields(record.name, record.role)
        )
        credit.character = record.character if record.character is not None else credit.character
        credit.billing = record.billing if record.billing is not None else credit.billing
        credit.source = record.source if record.source is not None else credit.source
    return list(credits.values())


async def _people(session: AsyncSession, names: set[str]) -> dict[str, Person]:
    """The named people, those not stored yet stored first (`insert_people`: another writer
    may be storing the same new person)."""
    found = await _stored_people(session, names)
    missing = names - found.keys()
    if missing:
        await insert_people(session, missing)
        found.update(await _stored_people(session, missing))
    return found


async def _stored_people(session: AsyncSession, names: set[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for chunk in in_lists(sorted(names)):
        query = select(Person).where(col(Person.name).in_(chunk))
        found.update((person.name, person) for person in await session.exec(query))
    return found


async def _keep_new_ids_above(session: AsyncSession, show_id: int) -> None:
    """An id given explicitly does not move PostgreSQL's sequence: if it is beyond what the
    sequence has handed out, the sequence is moved past it, so that the next new show does not
    collide with it. (SQLite takes the next id from the largest stored.)"""
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return
    await connection.execute(
        text(
            "SELECT setval(pg_get_serial_sequence('show', 'id'), CAST(:id AS bigint)) "
            "WHERE CAST(:id AS bigint) > COALESCE(pg_sequence_last_value("
            "CAST(pg_get_serial_sequence('show', 'id') AS regclass)), 0)"
        ),
        {"id": show_id},
    )
