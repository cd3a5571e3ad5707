"""The catalogue as the application sees it: the database and the title index, kept in step."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from bot.importers import RowError, read_file
from bot.title_index import TitleEntry, TitleIndex
from db.catalogue import CatalogueWriter, UnknownSourceError, UpsertOutcome, count_shows
from db.engine import Database
from db.queries import TitleRow, title_rows
from db.records import SourceRecord

log = logging.getLogger(__name__)

BUILTIN_RECORDS = Path(__file__).with_name("data") / "seed_records.json"
"""The records the bot ships with: the shows of the five seed articles."""

Progress = Callable[[int, int | None], None]


def title_entry(row: TitleRow) -> TitleEntry:
    return TitleEntry(
        show_id=row.show_id,
        title=row.title,
        year=row.year,
        network=row.network,
        aliases=row.aliases,
        original_title=row.original_title,
        status_date=row.status_date,
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

    def count(self, outcome: UpsertOutcome) -> None:
        if outcome.created:
            self.created += 1
        elif outcome.changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def summary(self) -> str:
        if not self.committed:
            return (
                f"{self.path}: nothing imported, {len(self.errors)} bad row(s) of {self.rows}; "
                "fix them and import again"
            )
        return (
            f"{self.path} ({self.format}): {self.rows} row(s), {self.created} new, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )


class Catalogue:
    """Writes go through here so that the title index hears of every change."""

    def __init__(self, database: Database, index: TitleIndex) -> None:
        self.database = database
        self.index = index

    @classmethod
    async def open(cls, database: Database) -> Catalogue:
        """Loads the title index from what the database holds."""
        index = TitleIndex()
        async with database.session() as session:
            async for rows in title_rows(session):
                index.bulk_load(title_entry(row) for row in rows)
        log.info("title index holds %d shows", len(index))
        return cls(database, index)

    async def is_empty(self) -> bool:
        async with self.database.session() as session:
            return await count_shows(session) == 0

    async def seed_if_empty(self) -> ImportReport | None:
        """Loads the built-in records into an empty catalogue, once."""
        if not await self.is_empty():
            return None
        report = await self.import_file(BUILTIN_RECORDS)
        log.info("loaded the built-in records: %s", report.summary())
        return report

    async def import_file(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Imports a whole file in one transaction: every row, or (on any bad row) none."""
        record_file = read_file(path)
        report = ImportReport(path=path, format=record_file.format)
        touched: set[int] = set()
        async with self.database.session() as session:
            async with session.begin():
                writer = CatalogueWriter(session)
                for item in record_file.items:
                    if isinstance(item, SourceRecord):
                        writer.declare_sources([item])
                        continue
                    report.rows += 1
                    if isinstance(item, RowError):
                        report.errors.append(item)
                    elif not report.errors:
                        try:
                            outcome = await writer.upsert(item.record)
                        except UnknownSourceError as error:
                            report.errors.append(RowError(item.line, str(error)))
                        except IntegrityError as error:
                            # The transaction is spoilt: stop writing, report the row.
                            message = f"the database refused it: {error.orig}"
                            report.errors.append(RowError(item.line, message))
                            break
                        else:
                            report.count(outcome)
                            if outcome.changed:
                                touched.add(outcome.show_id)
                    if progress is not None:
                        progress(report.rows, record_file.total_rows)
                if report.errors:
                    await session.rollback()
                    return report
            report.committed = True
        await self.refresh(touched)
        return report

    async def refresh(self, show_ids: Iterable[int]) -> None:
        """Brings the index's entries for these shows in line with the database."""
        wanted = sorted(set(show_ids))
        found: list[TitleEntry] = []
        async with self.database.session() as session:
            for start in range(0, len(wanted), 1000):
                async for rows in title_rows(session, wanted[start : start + 1000]):
                    found.extend(title_entry(row) for row in rows)
        for show_id in set(wanted) - {entry.show_id for entry in found}:
            self.index.remove(show_id)
        if len(found) > 50:
            self.index.bulk_load(found)
        else:
            for entry in found:
                self.index.upsert(entry)
