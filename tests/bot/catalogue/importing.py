"""Importing a file the way `showbot import` does, and telling how it ended.

An import may end three ways only: committed, refused row by row (`report.errors`), or refused
whole (`UnreadableFileError`). Anything else escaping is the bug these tests look for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.catalogue.importers import UnreadableFileError
from bot.catalogue.service import Catalogue, ImportReport
from db.catalogue import count_shows
from db.engine import Database


@dataclass(frozen=True)
class Outcome:
    report: ImportReport | None
    unreadable: str | None
    shows_after: int

    @property
    def errors(self) -> list[tuple[int, str]]:
        return [(e.line, e.message) for e in self.report.errors] if self.report else []

    @property
    def refused(self) -> bool:
        """Refused cleanly: row errors or an unreadable file, and nothing committed."""
        if self.unreadable is not None:
            return True
        return self.report is not None and bool(self.report.errors) and not self.report.committed


async def shows_in(database: Database) -> int:
    async with database.session() as session:
        return await count_shows(session)


async def attempt(catalogue: Catalogue, path: Path) -> Outcome:
    """Imports `path`; any exception but `UnreadableFileError` propagates and fails the test."""
    try:
        report = await catalogue.import_file(path)
    except UnreadableFileError as error:
        return Outcome(None, str(error), await shows_in(catalogue.database))
    return Outcome(report, None, await shows_in(catalogue.database))


async def refused(catalogue: Catalogue, path: Path) -> Outcome:
    """Imports `path`, expecting it refused with nothing stored."""
    before = await shows_in(catalogue.database)
    outcome = await attempt(catalogue, path)
    assert outcome.refused, outcome
    assert outcome.shows_after == before, "a refused file stored shows"
    return outcome
