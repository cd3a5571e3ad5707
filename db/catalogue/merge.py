"""Diffing a record against its stored show: what the record adds or changes, merged in.

Merging is idempotent: merging the same record twice changes nothing the second time. Each
function reports whether it changed anything, so that `updated_at` moves only when a stored
value really changed. A value the record leaves out keeps what is stored.
"""

from __future__ import annotations

from db.catalogue.credits import PendingCredit, PersonIds, merge_credits
from db.catalogue.sources import SourceResolver
from db.models import Alias, ChartRun, ExternalId, Season, Show, ShowNote, StatusChange
from db.records import ChartRunRecord, NoteRecord, SeasonRecord, ShowRecord, StatusChangeRecord

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
    "runtime_minutes",
    "logline",
    "based_on",
    "production_company",
)


async def merge_record(
    show: Show,
    record: ShowRecord,
    people: PersonIds,
    sources: SourceResolver,
    pending_credits: list[PendingCredit],
) -> bool:
    """Merges the record into the show; its new credits are appended to `pending_credits`."""
    changed = merge_scalars(show, record)
    changed |= merge_external_ids(show, record)
    changed |= merge_aliases(show, record)
    changed |= await merge_sources(show, record, sources)
    for season in record.seasons:
        changed |= await merge_season(show, season, sources)
    changed |= await merge_credits(show, record.credits, people, sources, pending_credits)
    changed |= await merge_status(show, record, sources)
    for chart in record.charts:
        changed |= await merge_chart(show, chart, sources)
    for note in record.notes:
        changed |= await merge_note(show, note, sources)
    return changed


def merge_scalars(show: Show, record: ShowRecord) -> bool:
    changed = False
    for name in SCALAR_FIELDS:
        value = getattr(record, name)
        if value is None or getattr(show, name) == value:
            continue
        setattr(show, name, list(value) if name == "genres" else value)
        changed = True
    return changed


def merge_external_ids(show: Show, record: ShowRecord) -> bool:
    """A show has one id per catalogue: the record's replaces a stored one of its scheme."""
    changed = False
    for scheme, value in record.external_ids.items():
        if not any(e.scheme == scheme and e.value == value for e in show.external_ids):
            stale = [e for e in show.external_ids if e.scheme == scheme]
            for old in stale:
                show.external_ids.remove(old)
            show.external_ids.append(ExternalId(scheme=scheme, value=value))
            changed = True
    return changed


def merge_aliases(show: Show, record: ShowRecord) -> bool:
    changed = False
    known_aliases = {a.name.casefold() for a in show.aliases}
    for alias in record.alias_records():
        if alias.name.casefold() not in known_aliases and alias.name != show.title:
            show.aliases.append(Alias(name=alias.name, note=alias.note))
            known_aliases.add(alias.name.casefold())
            changed = True
    return changed


async def merge_sources(show: Show, record: ShowRecord, sources: SourceResolver) -> bool:
    changed = False
    for ref in record.sources:
        source = await sources.resolve(ref)
        if all(s.ref != source.ref for s in show.sources):
            show.sources.append(source)
            changed = True
    return changed


async def merge_season(show: Show, record: SeasonRecord, sources: SourceResolver) -> bool:
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
        source = await sources.resolve(record.source)
        if season.source is not source:
            season.source = source
            changed = True
    return changed


async def merge_status(show: Show, record: ShowRecord, sources: SourceResolver) -> bool:
    changed = False
    for entry in _status_history(show, record):
        if any(
            c.new_status == entry.to and c.effective_date == entry.date for c in show.status_changes
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
                source=await sources.resolve(entry.source) if entry.source else None,
            )
        )
        changed = True
    return changed


def _status_history(show: Show, record: ShowRecord) -> list[StatusChangeRecord]:
    history = list(record.status_history)
    if (
        not history
        and record.status is not None
        and (not show.status_changes or show.status_changes[-1].new_status != record.status)
    ):
        # A status with no history of its own still leaves a trace of the decision.
        source = record.sources[0] if record.sources else None
        history = [StatusChangeRecord(to=record.status, date=record.status_date, source=source)]
    return history


async def merge_chart(show: Show, record: ChartRunRecord, sources: SourceResolver) -> bool:
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
        source = await sources.resolve(record.source)
        if run.source is not source:
            run.source = source
            changed = True
    return changed


async def merge_note(show: Show, record: NoteRecord, sources: SourceResolver) -> bool:
    if any(n.topic == record.topic and n.text == record.text for n in show.notes):
        return False
    source = await sources.resolve(record.source) if record.source else None
    show.notes.append(ShowNote(topic=record.topic, text=record.text, source=source))
    return True
