"""The catalogue written out as a records document ("showbot.records/1"), the format it is
imported from: imported into an empty catalogue, the document gives the same catalogue back.

The output is a function of what is stored, not of how it was stored: keys in a fixed order,
child rows in a stable order, no ids and no timestamps. Equal catalogues give byte-identical
files, so that two exports can be compared with `diff` or `cmp`.

Where the importer would fold two stored rows into one (two decisions with the same status
and date, two aliases that differ only in case, two notes saying the same), the export holds
the first of them only: it says what an import of it reproduces.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import date
from enum import Enum
from typing import Any, TextIO, TypeVar, cast

from sqlalchemy import ColumnElement, CompoundSelect, union
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.catalogue.merge import SCALAR_FIELDS
from db.models import (
    ChartRun,
    Credit,
    Season,
    Show,
    ShowNote,
    ShowSourceLink,
    Source,
    StatusChange,
)
from db.queries import full_show_query
from db.records import RECORDS_FORMAT

__all__ = ["EXPORT_BATCH", "export_catalogue", "show_record", "source_record"]

EXPORT_BATCH = 500
"""Shows read, written and let go together: the export holds one batch, never the catalogue."""

_Row = TypeVar("_Row")


# -- one show ------------------------------------------------------------------------------------


def show_record(show: Show) -> dict[str, Any]:
    """A fully loaded show (as `db.queries.load_show` gives it) as a JSON-ready record that
    `ShowRecord.model_validate` accepts; fields without a value are left out."""
    record = _compact({name: getattr(show, name) for name in SCALAR_FIELDS})
    external_ids = _first_of_each(
        sorted(show.external_ids, key=lambda e: (e.scheme, e.value)), lambda e: e.scheme
    )
    parts: dict[str, Any] = {
        "external_ids": {e.scheme: e.value for e in external_ids},
        "aliases": _aliases(show),
        "sources": sorted(s.ref for s in show.sources),
        "seasons": [_season(s) for s in show.seasons],
        "credits": [_credit(c) for c in sorted(show.credits, key=_credit_order)],
        "status_history": _status_history(show.status_changes),
        "charts": [_chart(run) for run in _charts(show.chart_runs)],
        "notes": [_note(note) for note in _notes(show.notes)],
    }
    record.update(_compact(parts))
    return record


def source_record(source: Source) -> dict[str, Any]:
    """A source as a document declares it."""
    return _compact(
        {
            "ref": source.ref,
            "title": source.title,
            "url": source.url,
            "publisher": source.publisher,
            "published_on": source.published_on,
        }
    )


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with a value, as JSON values. Empty text is a value (it is stored, and
    imported, as such); False and 0 are values; None and empty lists are not."""
    return {name: _json_value(value) for name, value in fields.items() if _has_value(value)}


def _has_value(value: Any) -> bool:
    return value is not None and not (isinstance(value, list | dict) and not value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def _ref(source: Source | None) -> str | None:
    return source.ref if source is not None else None


def _first_of_each(rows: Iterable[_Row], key: Callable[[_Row], object]) -> list[_Row]:
    """The rows in order, less any whose key an earlier one had: what the importer keeps."""
    seen: set[object] = set()
    kept = []
    for row in rows:
        if key(row) not in seen:
            seen.add(key(row))
            kept.append(row)
    return kept


def _aliases(show: Show) -> list[str | dict[str, str]]:
    # The importer takes no alias that is the title itself, nor one differing from an alias
    # before it only in case.
    kept = _first_of_each(
        (a for a in sorted(show.aliases, key=lambda a: a.name) if a.name != show.title),
        lambda a: a.name.casefold(),
    )
    return [a.name if a.note is None else {"name": a.name, "note": a.note} for a in kept]


def _season(season: Season) -> dict[str, Any]:
    return _compact(
        {
            "number": season.number,
            "premiere_date": season.premiere_date,
            "finale_date": season.finale_date,
            "episode_count": season.episode_count,
            "ending": season.ending,
            "cliffhanger": season.cliffhanger,
            "source": _ref(season.source),
        }
    )


def _credit_order(credit: Credit) -> tuple[str, bool, int, str]:
    assert credit.person is not None, "credits must be loaded with their people"
    billing = credit.billing_order
    return (credit.role.value, billing is None, billing or 0, credit.person.name)


def _credit(credit: Credit) -> dict[str, Any]:
    assert credit.person is not None
    return _compact(
        {
            "name": credit.person.name,
            "role": credit.role,
            "character": credit.character,
            "billing": credit.billing_order,
            "source": _ref(credit.source),
        }
    )


def _decision_order(change: StatusChange) -> tuple[bool, date, int]:
    # Undated decisions first, as SQLite orders them (PostgreSQL puts NULL last): the export
    # must not depend on the database it was read from.
    effective = change.effective_date
    return (effective is not None, effective or date.min, change.id or 0)


def _status_history(changes: Iterable[StatusChange]) -> list[dict[str, Any]]:
    # An import records one decision per (status, date): a second is taken as the first again.
    kept = _first_of_each(
        sorted(changes, key=_decision_order), lambda c: (c.new_status, c.effective_date)
    )
    return [
        _compact(
            {
                "from": change.old_status,
                "to": change.new_status,
                "date": change.effective_date,
                "seasons_ordered": change.seasons_ordered,
                "note": change.note,
                "source": _ref(change.source),
            }
        )
        for change in kept
    ]


def _charts(runs: Iterable[ChartRun]) -> list[ChartRun]:
    # An import keeps one run per chart.
    return _first_of_each(sorted(runs, key=lambda r: (r.chart, r.id or 0)), lambda r: r.chart)


def _chart(run: ChartRun) -> dict[str, Any]:
    return _compact(
        {
            "chart": run.chart,
            "weeks": run.weeks,
            "peak_rank": run.peak_rank,
            "hours_viewed": run.hours_viewed,
            "note": run.note,
            "source": _ref(run.source),
        }
    )


def _notes(notes: Iterable[ShowNote]) -> list[ShowNote]:
    ordered = sorted(notes, key=lambda n: (n.topic, n.text, n.id or 0))
    return _first_of_each(ordered, lambda n: (n.topic, n.text))


def _note(note: ShowNote) -> dict[str, Any]:
    return _compact({"topic": note.topic, "text": note.text, "source": _ref(note.source)})


# -- the whole catalogue -------------------------------------------------------------------------


async def export_catalogue(session: AsyncSession, out: TextIO, *, batch: int = EXPORT_BATCH) -> int:
    """Writes the catalogue to `out` as one records document; how many shows it holds.

    Its sources are those some show, season, credit, decision, chart run or note cites, in
    order of ref; its shows are in order of id. Everything is read in one transaction (on
    PostgreSQL a repeatable-read one, if the session has not begun one yet), so that a write
    meanwhile cannot leave a source out or a show half-changed. The shows read are expunged
    from the session batch by batch.
    """
    await _begin_snapshot(session)
    out.write(f'{{\n  "format": {json.dumps(RECORDS_FORMAT)},\n  "sources": ')
    await _write_list(out, _sources(session, batch))
    out.write(',\n  "shows": ')
    counted = _Counted(_shows(session, batch))
    await _write_list(out, counted)
    out.write("\n}\n")
    return counted.count


async def _begin_snapshot(session: AsyncSession) -> None:
    if session.in_transaction():
        return
    bind = session.bind
    postgresql = bind is not None and bind.dialect.name == "postgresql"
    options = {"isolation_level": "REPEATABLE READ"} if postgresql else {}
    await session.connection(execution_options=options)


class _Counted:
    """The items of an iterator, counted as they go by."""

    def __init__(self, items: AsyncIterator[dict[str, Any]]) -> None:
        self._items = items
        self.count = 0

    def __aiter__(self) -> _Counted:
        return self

    async def __anext__(self) -> dict[str, Any]:
        item = await self._items.__anext__()
        self.count += 1
        return item


async def _write_list(out: TextIO, items: AsyncIterator[dict[str, Any]]) -> None:
    """A list two levels down, laid out exactly as `json.dumps(document, indent=2)` would."""
    empty = True
    async for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        # Only the layout's line breaks are real ones: those inside strings are escaped.
        out.write(("[\n    " if empty else ",\n    ") + text.replace("\n", "\n    "))
        empty = False
    out.write("[]" if empty else "\n  ]")


async def _sources(session: AsyncSession, batch: int) -> AsyncIterator[dict[str, Any]]:
    cited: CompoundSelect[int | None] = union(
        select(ShowSourceLink.source_id),
        select(Season.source_id),
        select(Credit.source_id),
        select(StatusChange.source_id),
        select(ChartRun.source_id),
        select(ShowNote.source_id),
    )
    # By code point on either database, as Python sorts: PostgreSQL's default collation
    # would order refs by the rules of a language.
    ref = cast("ColumnElement[str]", col(Source.ref))
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        ref = ref.collate("C")
    last: str | None = None
    while True:
        query = select(Source).where(col(Source.id).in_(cited)).order_by(ref).limit(batch)
        if last is not None:
            query = query.where(ref > last)
        page = list(await session.exec(query))
        if not page:
            return
        for source in page:
            yield source_record(source)
            session.expunge(source)
        last = page[-1].ref


async def _shows(session: AsyncSession, batch: int) -> AsyncIterator[dict[str, Any]]:
    last_id = 0
    while True:
        query = full_show_query().where(col(Show.id) > last_id).order_by(col(Show.id)).limit(batch)
        shows: list[Show] = list(await session.exec(query))
        if not shows:
            return
        for show in shows:
            yield show_record(show)
        _let_go(session, shows)
        assert shows[-1].id is not None
        last_id = shows[-1].id


def _let_go(session: AsyncSession, shows: list[Show]) -> None:
    """Expunges a batch of shows with all they loaded: people and sources do not go with a
    show by cascade, and would otherwise pile up in the session for the whole export."""
    # By identity: table models are not hashable.
    shared: dict[int, object] = {}
    for show in shows:
        rows: list[object] = [*show.sources]
        for credit in show.credits:
            rows += [credit.person, credit.source]
        children: list[Season | StatusChange | ChartRun | ShowNote] = [
            *show.seasons,
            *show.status_changes,
            *show.chart_runs,
            *show.notes,
        ]
        rows += [child.source for child in children]
        shared.update((id(row), row) for row in rows if row is not None)
        session.expunge(show)
    for row in shared.values():
        if row in session:
            session.expunge(row)
