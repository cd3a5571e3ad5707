"""`showbot export FILE`: the catalogue written whole or not at all, and a path that cannot be
written refused in a sentence."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import pytest

from bot.catalogue.service import Importer
from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from bot.cli.export import add_export_parser, export_command, export_to_file
from bot.settings import Settings
from db.engine import Database
from tests.db.test_catalogue_export import export_text

ROOT = Path(__file__).resolve().parents[3]


async def _seed(settings: Settings) -> str:
    """Loads the built-in records; the catalogue as an export would write it."""
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        await Importer(database).seed_if_empty()
        return await export_text(database)
    finally:
        await database.dispose()


async def _export(settings: Settings, path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await export_to_file(settings, path, out, err)
    return code, out.getvalue(), err.getvalue()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own for the export, so that whatever else lands in it shows."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


def test_the_command_line_names_the_file() -> None:
    parser = argparse.ArgumentParser(prog="showbot")
    add_export_parser(parser.add_subparsers(dest="command"))
    arguments = parser.parse_args(["export", "out.json"])
    assert (arguments.command, arguments.file) == ("export", Path("out.json"))


def test_the_command_writes_the_catalogue(settings: Settings, folder: Path) -> None:
    expected = asyncio.run(_seed(settings))
    path = folder / "catalogue.json"
    assert export_command(settings, argparse.Namespace(file=path)) == EXIT_OK
    assert path.read_text(encoding="utf-8") == expected
    assert _listing(folder) == ["catalogue.json"]


@pytest.mark.asyncio
async def test_says_how_many_shows_it_wrote(settings: Settings, folder: Path) -> None:
    await _seed(settings)
    path = folder / "catalogue.json"
    assert await _export(settings, path) == (EXIT_OK, f"Exported 4 shows to {path}\n", "")


@pytest.mark.asyncio
async def test_a_file_already_there_is_replaced_keeping_its_permissions(
    settings: Settings, folder: Path
) -> None:
    expected = await _seed(settings)
    path = folder / "catalogue.json"
    path.write_text("an older export", encoding="utf-8")
    path.chmod(0o640)
    assert (await _export(settings, path))[0] == EXIT_OK
    assert path.read_text(encoding="utf-8") == expected
    assert path.stat().st_mode & 0o777 == 0o640
    fresh = folder / "fresh.json"
    assert (await _export(settings, fresh))[0] == EXIT_OK
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.asyncio
async def test_a_file_in_a_missing_folder_is_refused(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "catalogue.json"
    code, out, err = await _export(settings, path)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"showbot export: {path}: no such folder {path.parent}\n"
    assert not path.parent.exists()


@pytest.mark.asyncio
async def test_a_name_too_long_for_the_file_system_is_a_sentence(
    settings: Settings, folder: Path
) -> None:
    path = folder / ("c" * 300 + ".json")
    code, out, err = await _export(settings, path)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"showbot export: {path}: not a path this system can write (File name too long)\n"
    assert _listing(folder) == []


@pytest.mark.asyncio
async def test_a_folder_is_refused(settings: Settings, folder: Path) -> None:
    code, out, err = await _export(settings, folder)
    assert (code, out, err) == (EXIT_USAGE, "", f"showbot export: {folder}: a folder, not a file\n")
    assert _listing(folder) == []


@pytest.mark.asyncio
async def test_a_failure_midway_leaves_the_file_as_it_was(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(settings)
    path = folder / "catalogue.json"
    path.write_text("the last good export", encoding="utf-8")

    async def half_then_fail(session: Any, out: TextIO, **_: Any) -> int:
        out.write('{\n  "format": "showbot.records/1",\n  "sources": [')
        raise RuntimeError("the export broke off")

    monkeypatch.setattr("db.catalogue.export.export_catalogue", half_then_fail)
    with pytest.raises(RuntimeError, match="broke off"):
        await _export(settings, path)
    assert path.read_text(encoding="utf-8") == "the last good export"
    assert _listing(folder) == ["catalogue.json"]


@pytest.mark.asyncio
async def test_a_file_that_cannot_be_put_in_place_is_a_sentence(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(settings)
    path = folder / "catalogue.json"
    path.write_text("the last good export", encoding="utf-8")

    def refuse(source: Any, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = await _export(settings, path)
    assert (code, out) == (EXIT_FAILURE, "")
    assert err == f"showbot export: cannot write {path} (Permission denied); it is unchanged\n"
    assert path.read_text(encoding="utf-8") == "the last good export"
    assert _listing(folder) == ["catalogue.json"]


@pytest.mark.asyncio
async def test_the_data_is_on_disk_before_it_takes_the_file_s_name(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(settings)
    calls: list[str] = []

    def recording(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            calls.append(name)
            return real(*args)

        return call

    monkeypatch.setattr(os, "fsync", recording("fsync", os.fsync))
    monkeypatch.setattr(os, "replace", recording("replace", os.replace))
    assert (await _export(settings, folder / "catalogue.json"))[0] == EXIT_OK
    assert calls[:2] == ["fsync", "replace"]


def test_the_export_does_not_load_discord(tmp_path: Path, database_url: str) -> None:
    """Run for real in a process of its own, then asked which modules it loaded."""
    path = tmp_path / "catalogue.json"
    script = (
        "import argparse, sys\n"
        "from bot.cli.export import add_export_parser, export_command\n"
        "from bot.settings import Settings\n"
        "parser = argparse.ArgumentParser()\n"
        "add_export_parser(parser.add_subparsers(dest='command'))\n"
        f"arguments = parser.parse_args(['export', {str(path)!r}])\n"
        f"settings = Settings(database_url={database_url!r}, _env_file=None)\n"
        "code = export_command(settings, arguments)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'discord')\n"
        "print('exit', code, 'discord modules', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.stderr.strip().splitlines()[-1:] == ["exit 0 discord modules []"], result.stderr
    # A new database is exported as it is, empty: an export does not load the built-in records.
    assert result.stdout == f"Exported 0 shows to {path}\n"
    assert '"shows": []' in path.read_text(encoding="utf-8")
