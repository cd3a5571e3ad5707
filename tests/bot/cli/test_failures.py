"""Every failure a person can fix is a sentence and an exit code; a traceback only on
request (--debug)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.showbot_process import SHOWBOT_COMMAND, showbot_environment


def _showbot(tmp_path: Path, *arguments: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SHOWBOT_COMMAND, *arguments],
        cwd=tmp_path,
        env=showbot_environment(f"sqlite:///{tmp_path / 'showbot.db'}", **settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("settings", "code", "sentence"),
    [
        ({"DATABASE_URL": "mysql://db.example/shows"}, 3, "showbot cannot use"),
        ({"DATABASE_URL": "::::"}, 3, "not a database URL"),
        ({"DATABASE_URL": "sqlite:////no/such/folder/x.db"}, 3, "check that its folder exists"),
        ({"LOG_LEVEL": "loud"}, 2, "LOG_LEVEL: Value error, unknown log level"),
    ],
)
def test_a_bad_setting_is_one_sentence(
    tmp_path: Path, settings: dict[str, str], code: int, sentence: str
) -> None:
    result = _showbot(tmp_path, "ask", "is partner track cancelled", **settings)
    assert result.returncode == code
    assert sentence in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.sqlite_only("a file that is not a SQLite database")
def test_a_damaged_database_file_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "showbot.db").write_bytes(b"\x00\x01 not sqlite at all " * 200)
    result = _showbot(tmp_path, "ask", "is partner track cancelled")
    assert result.returncode == 3
    assert "is not a SQLite database, or it is damaged: move it aside" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_setting_s_value_is_never_echoed(tmp_path: Path) -> None:
    """A bad value may be a secret pasted in the wrong place."""
    result = _showbot(tmp_path, "ask", "x", CATALOGUE_REFRESH_SECONDS="hunter2-secret")
    assert result.returncode == 2
    assert "CATALOGUE_REFRESH_SECONDS" in result.stderr
    assert "hunter2" not in result.stderr


def test_debug_shows_where_it_failed(tmp_path: Path) -> None:
    result = _showbot(
        tmp_path, "--debug", "ask", "x", DATABASE_URL="sqlite:////no/such/folder/x.db"
    )
    assert result.returncode == 3
    assert "Traceback" in result.stderr
    assert "check that its folder exists" in result.stderr
