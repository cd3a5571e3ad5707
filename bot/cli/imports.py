"""`showbot import`: catalogue files into the database, each file all or nothing."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.application import open_importer
from bot.catalogue.importers import UnreadableFileError
from bot.cli.announcements import command_line_actor
from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from bot.editing.imports import import_audit
from bot.settings import Settings

PROGRESS_MIN_ROWS = 1000
"""Files with more rows than this show their progress while they import."""


class ImportProgress:
    """How far a file's import has got, on stderr: a line redrawn in place on a terminal,
    elsewhere (pipes, CI logs) a line at every tenth."""

    def __init__(self, path: Path, stream: TextIO) -> None:
        self.path = path
        self.stream = stream
        self.redraw = stream.isatty()
        self.shown = -1 if self.redraw else 0
        """The percentage last written: every one on a terminal, tens elsewhere (0% is not
        worth a line in a log)."""

    def __call__(self, done: int, total: int | None) -> None:
        if total is None or total <= PROGRESS_MIN_ROWS:
            return
        done = min(done, total)
        percent = done * 100 // total
        step = percent if self.redraw else percent // 10 * 10
        if step <= self.shown:
            return
        self.shown = step
        text = f"{self.path.name}: {step}% ({done:,} of {total:,} rows)"
        if self.redraw:
            print(f"\r{text}", end="", file=self.stream, flush=True)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.redraw and self.shown >= 0:
            print(file=self.stream, flush=True)  # keep the last figure, start a new line


async def import_files(
    settings: Settings, paths: Sequence[Path], out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Imports each file in a transaction of its own; the worst outcome is the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    missing = [path for path in paths if not path.is_file()]
    for path in missing:
        problem = "a folder, not a file" if path.is_dir() else "no such file"
        print(f"showbot import: {path}: {problem}", file=err)
    if missing:
        return EXIT_USAGE
    worst = EXIT_OK
    async with open_importer(settings) as importer:
        for path in paths:
            progress = ImportProgress(path, err)
            try:
                audit = import_audit(command_line_actor(), path.name)
                report = await importer.import_file(path, progress, audit=audit)
            except UnreadableFileError as error:
                print(f"showbot import: {error}", file=err)
                worst = max(worst, EXIT_USAGE)
                continue
            finally:
                progress.close()
            print(report.summary(), file=out, flush=True)
            for row_error in report.errors:
                print(f"{path}: {row_error}", file=err)
            if not report.committed:
                worst = max(worst, EXIT_FAILURE)
    return worst
