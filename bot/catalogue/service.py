"""The catalogue as the application sees it: the database and the title index, kept in step.

`Importer` writes catalogue files into the database in bounded memory; `Catalogue` is the
importer with a title index, which it brings in line with whatever an import changed.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.desk import announce_news
from bot.catalogue.importers import Item, ParsedRow, RecordFile, RowError, read_file
from bot.matching.index import TitleEntry, TitleIndex
from db.catalogue import CatalogueWriter, UnknownSourceError, UpsertOutcome, count_shows
from db.changes import ChangeCursor, changes_after, current_cursor
from db.engine import Database
from db.models import utc_now
from db.outbox import last_status_change_id
from db.queries import TitleRow, show_ids, title_rows
from db.records import SourceRecord

log = logging.getLogger(__name__)

BUILTIN_RECORDS = Path(__file__).with_name("data") / "seed_records.json"
"""The records the bot ships with: the shows of the five seed articles."""

Progress = Callable[[int, int | None], None]
"""Told (rows done, rows in the file if known) after each row."""
AuditWriter = Callable[[AsyncSession, "ImportReport"], Awaitable[None]]
"""Writes an import's audit entry, in its transaction, before it commits."""

CHANGE_LOG_TRUSTED_SECONDS = 3 * 24 * 3600.0
"""A process that has not looked at the change log for this long reloads its index whole:
the log forgets changes after a week (see `bot.catalogue.following`), and half that is safe."""

IMPORT_WAIT_SECONDS = 3600.0
"""How long an import waits for another import (or any write) to finish."""
IMPORT_BATCH = 500
"""Rows looked up and written together: a few queries and one flush a batch, not a row."""


def title_entry(row: TitleRow) -> TitleEntry:
    return TitleEntry(
        show_id=row.show_id,
        title=row.title,
        year=row.year,
        network=row.network,
        aliases=row.aliases,
        original_title=row.original_title,
        status_date=row.status_date,
        film=row.film,
    )


@dataclass
class ImportReport:
    path: Path
    format: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    """Read and written, then rolled back: what the import would do."""
    announced: int = 0
    """Deliveries the import's news added (decisions it recorded for shows already known)."""

    def count(self, outcome: UpsertOutcome) -> None:
        if outcome.created:
            self.created += 1
        elif outcome.changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def summary(self) -> str:
        if self.dry_run and not self.errors:
            news = f"; {self.announced} announcement(s) to send" if self.announced else ""
            return (
                f"{self.path.name} ({self.format}) would import {self.rows} row(s): "
                f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged{news}"
            )
        if not self.committed:
            return (
                f"{self.path}: nothing imported, {len(self.errors)} bad row(s) of {self.rows}; "
                "fix them and import again"
            )
        news = f"; {self.announced} announcement(s) to send" if self.announced else ""
        return (
            f"{self.path} ({self.format}): {self.rows} row(s), {self.created} new, "
            f"{self.updated} updated, {self.unchanged} unchanged{news}"
        )


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


async def _import_items(
    writer: CatalogueWriter,
    record_file: RecordFile,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    """Stages the file's rows a batch at a time and writes each batch, up to the first bad
    row; after it, only reads on, to report every bad row at once."""
    for chunk in _chunks(record_file.items, IMPORT_BATCH):
        if not report.errors:
            await writer.prefetch([i.record for i in chunk if isinstance(i, ParsedRow)])
        staged: list[ParsedRow] = []
        for item in chunk:
            if isinstance(item, SourceRecord):
                writer.declare_sources([item])
                continue
            report.rows += 1
            if isinstance(item, RowError):
                report.errors.append(item)
            elif not report.errors:
                try:
                    await writer.stage(item.record)
                except UnknownSourceError as error:
                    report.errors.append(RowError(item.line, str(error)))
                except IntegrityError as error:
                    report.errors.append(_refused([*staged, item], error))
                    return
                else:
                    staged.append(item)
            if progress is not None:
                progress(report.rows, record_file.total_rows)
        if report.errors:
            continue
        try:
            outcomes = await writer.write_staged()
        except IntegrityError as error:
            report.errors.append(_refused(staged, error))
            return
        for outcome in outcomes:
            report.count(outcome)


def _refused(rows: list[ParsedRow], error: IntegrityError) -> RowError:
    """The database refused a write, which spoils the transaction. Rows are written a batch
    at a time, so the lines of the batch are as near as it can say."""
    first, last = rows[0].line, rows[-1].line
    lines = f"line {first}" if first == last else f"one of lines {first}-{last}"
    return RowError(first, f"the database refused {lines}: {error.orig}")


class Importer:
    """Imports catalogue files into the database, each in one transaction, keeping no more of
    a file or of the catalogue in memory than a batch of rows: what `showbot import` needs.
    It keeps no title index; `Catalogue` is the importer that does."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def is_empty(self) -> bool:
        async with self.database.session() as session:
            return await count_shows(session) == 0

    async def seed_if_empty(self) -> ImportReport | None:
        """Loads the built-in records into an empty catalogue, once, however many processes
        start together: emptiness is checked again once the write lock is held. A title index
        is left alone (`Catalogue.open` loads it afterwards)."""
        if not await self.is_empty():
            return None
        report, _ = await self._import(BUILTIN_RECORDS, None, into_empty_only=True)
        if not report.committed and not report.errors:
            return None  # another process seeded it while this one waited for the lock
        log.info("loaded the built-in records: %s", report.summary())
        return report

    async def import_file(
        self,
        path: Path,
        progress: Progress | None = None,
        *,
        audit: AuditWriter | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Imports a whole file in one transaction: every row, or (on any bad row) none.
        Imports take turns, waiting for one another however long a file takes. A dry run
        does all of it and rolls it back: its report says what the import would do."""
        report, _ = await self._import(path, progress, audit=audit, dry_run=dry_run)
        if report.committed:
            await self._imported()
        return report

    async def _import(
        self,
        path: Path,
        progress: Progress | None,
        *,
        into_empty_only: bool = False,
        audit: AuditWriter | None = None,
        dry_run: bool = False,
    ) -> tuple[ImportReport, datetime]:
        """The import itself, and when it started writing: the shows it changed are those
        changed since. With `into_empty_only`, nothing is imported unless the catalogue is
        still empty once this import holds the lock."""
        record_file = read_file(path)
        report = ImportReport(path=path, format=record_file.format)
        async with self.database.transaction(wait=IMPORT_WAIT_SECONDS, exclusive=True) as session:
            # Taken once the lock is held: what others wrote while this waited is not this
            # import's to take in (`catch_up` does).
            started = utc_now()
            if into_empty_only and await count_shows(session):
                return report, started
            last_change = await last_status_change_id(session)
            writer = CatalogueWriter(session)
            await _import_items(writer, record_file, report, progress)
            if report.errors:
                await session.rollback()
                return report, started
            await writer.close()
            if not into_empty_only:
                report.announced = await announce_news(session, last_change, started)
            if dry_run:
                report.dry_run = True
                await session.rollback()
                return report, started
            if audit is not None:
                await audit(session, report)
        report.committed = True
        return report, started

    async def _imported(self) -> None:
        """Told that an import committed changes to shows."""


class Catalogue(Importer):
    """Writes go through here so that the title index hears of every change."""

    def __init__(self, database: Database, index: TitleIndex) -> None:
        super().__init__(database)
        self.index = index
        self.cursor = ChangeCursor()
        """Where this process's index stands in the change log (see `db.changes`)."""
        self.looked_at = time.monotonic()
        self._following = asyncio.Lock()

    @classmethod
    async def open(cls, database: Database) -> Catalogue:
        """Loads the built-in records into an empty catalogue, then the title index from
        what the database holds (seeding first, so that a process starting beside another
        that seeds never loads an index of nothing)."""
        catalogue = cls(database, TitleIndex())
        await catalogue.seed_if_empty()
        async with database.session() as session:
            # Before the index: what commits while it loads is taken in again afterwards.
            catalogue.cursor = await current_cursor(session)
            async for rows in title_rows(session):
                catalogue.index.bulk_load(title_entry(row) for row in rows)
        log.info("title index holds %d shows", len(catalogue.index))
        return catalogue

    async def catch_up(self) -> int:
        """Takes in what every process (this one too) changed since the last look, from the
        change log; how many shows. A process that has not looked for longer than the log
        keeps changes takes in every show again."""
        async with self._following:
            async with self.database.session() as session:
                if time.monotonic() - self.looked_at > CHANGE_LOG_TRUSTED_SECONDS:
                    log.warning("the last look at catalogue changes is too old: taking in all")
                    cursor = await current_cursor(session)
                    shows = set(self.index.show_ids()) | set(await show_ids(session))
                else:
                    shows, cursor = await changes_after(session, self.cursor)
            if shows:
                await self.refresh(shows)
            self.cursor = cursor
            self.looked_at = time.monotonic()
            return len(shows)

    async def _imported(self) -> None:
        await self.catch_up()

    async def refresh(self, show_ids: Iterable[int]) -> None:
        """Brings the index's entries for these shows in line with the database."""
        wanted = sorted(set(show_ids))
        async with self.database.session() as session:
            for start in range(0, len(wanted), 1000):
                chunk = wanted[start : start + 1000]
                found = [
                    title_entry(row) async for rows in title_rows(session, chunk) for row in rows
                ]
                for show_id in set(chunk) - {entry.show_id for entry in found}:
                    self.index.remove(show_id)
                await self._take_in(found)

    async def _take_in(self, entries: list[TitleEntry]) -> None:
        # Each show costs the index only its own names, but thousands of changed shows take
        # it a while: a slice of a few milliseconds at a time, and the bot answers meanwhile.
        pending = iter(entries)
        while True:
            if not self.index.upsert_for(pending):
                return  # every show taken in
            await asyncio.sleep(0)
