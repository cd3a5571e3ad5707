"""`showbot export FILE`: the whole catalogue written to a records file (showbot.records/1),
which `showbot import` reads back into the same catalogue.

FILE is written whole or not at all: the export goes to a temporary file beside it, synced
to disk, then renamed over FILE, so that a crash or a failure midway leaves FILE as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, run_to_exit_code
from bot.settings import Settings

__all__ = [
    "add_export_parser",
    "atomic_file",
    "export_command",
    "export_to_file",
    "unwritable",
    "write_atomically",
]

# This module is imported to build the command line, whatever the command: the database
# modules are imported only by the export itself.


def add_export_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write the whole catalogue to FILE as showbot JSON, which `showbot import` "
        "reads back; FILE is replaced whole or left as it was",
    )
    export.add_argument("file", type=Path, metavar="FILE")


def export_command(settings: Settings, arguments: argparse.Namespace) -> int:
    return run_to_exit_code(export_to_file(settings, arguments.file))


async def export_to_file(
    settings: Settings, path: Path, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Exports the catalogue to `path`; says how many shows on `out`, or what is wrong with
    `path` on `err`."""
    out = out or sys.stdout
    err = err or sys.stderr
    problem = unwritable(path)
    if problem is not None:
        print(f"showbot export: {path}: {problem}", file=err)
        return EXIT_USAGE
    from db.catalogue.export import export_catalogue
    from db.engine import Database

    database = Database(settings.database_url)
    try:
        await database.upgrade()
        async with database.session() as session:
            try:
                with atomic_file(path) as handle:
                    count = await export_catalogue(session, handle)
            except OSError as error:
                reason = error.strerror or str(error)
                print(f"showbot export: cannot write {path} ({reason}); it is unchanged", file=err)
                return EXIT_FAILURE
    finally:
        await database.dispose()
    print(f"Exported {count} shows to {path}", file=out)
    return EXIT_OK


def unwritable(path: Path) -> str | None:
    """Why a file cannot be written at `path`, when that can be told beforehand."""
    try:
        if path.is_dir():
            return "a folder, not a file"
        folder = path.parent
        if not folder.is_dir():
            missing = not folder.exists()
            return f"no such folder {folder}" if missing else f"{folder} is not a folder"
    except OSError as error:  # a name too long for the file system, say
        return f"not a path this system can write ({error.strerror or error})"
    return None


@contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A text file to write that takes the place of `path` in one step once the block ends
    well, synced to disk first. On any failure it is removed and `path` left as it was."""
    with (
        _replacing(path) as temporary,
        open(temporary, "w", encoding="utf-8", newline="\n") as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_atomically(path: Path, data: bytes) -> None:
    """Puts `data` at `path` in one step, as `atomic_file` does for text."""
    with _replacing(path) as temporary, open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` (a rename is atomic within one file system only, so
    not in /tmp), renamed over it once the block ends well; removed on any failure."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions FILE had, or those a new file gets: a temporary file is made readable
    by its owner only."""
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself survive a crash, where the system allows syncing a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
