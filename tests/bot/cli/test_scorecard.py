"""`showbot scorecard NETWORK [--png FILE]` run through `main` on a real database: the
table and list on stdout, the chart written whole, and every problem a sentence with its
exit code, never a traceback."""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from bot.cli.main import main
from tests.bot.answering.test_scorecard import PNG_SIGNATURE, SHOWS, write_records


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)


def showbot(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_sentence(err: str) -> None:
    assert "Traceback" not in err and 'File "' not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("showbot scorecard: "), err
    assert lines[0].rstrip().endswith((".", "?")), err


NETFLIX_SEEDS = """\
Netflix: 2 renewed, 2 cancelled (4 decision(s) on record, 2022)

Year  Renewed  Cancelled
2022        2          2

Decisions, newest first:
2022-11-08    cancelled              The Imperfects
2022-11-08    cancelled              Partner Track
2022-11-07    renewed for 2 seasons  Dahmer – Monster: The Jeffrey Dahmer Story
2022-11-07    renewed                The Watcher
"""


def test_the_built_in_records_as_a_table_and_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert showbot(capsys, "scorecard", "netflix") == (EXIT_OK, NETFLIX_SEEDS, "")


def test_the_chart_is_written_where_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    charts = tmp_path / "charts"
    charts.mkdir()
    path = charts / "netflix.png"
    code, out, err = showbot(capsys, "scorecard", "Netflix", "--png", str(path))
    assert (code, out, err) == (EXIT_OK, NETFLIX_SEEDS, f"Chart written to {path}\n")
    png = path.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    assert sorted(p.name for p in charts.iterdir()) == ["netflix.png"]  # no temporary left


def test_an_older_file_is_replaced_whole_keeping_its_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(b"an older chart")
    path.chmod(0o640)
    assert showbot(capsys, "scorecard", "Netflix", "--png", str(path))[0] == EXIT_OK
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert path.stat().st_mode & 0o777 == 0o640


def test_decisions_imported_from_a_file_count_in_their_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = write_records(tmp_path / "shows.json", SHOWS)
    assert showbot(capsys, "import", str(records))[0] == EXIT_OK
    code, out, err = showbot(capsys, "scorecard", "Northgat", "TV")  # two words, one typo
    assert (code, err) == (EXIT_OK, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Northgate TV: 3 renewed, 2 cancelled, 2 ended (7 decision(s) on record, 2019–2023)"
    )
    assert lines[2:8] == [
        "Year  Renewed  Cancelled  Ended",
        "2019        1          0      0",
        "2020        1          0      0",
        "2021        0          0      2",
        "2022        0          1      0",
        "2023        1          1      0",
    ]
    assert "2021-02-01    ended (limited series)  One Winter" in lines
    assert "2023-01-10    renewed                 Lantern Bay" in lines


def test_a_network_without_decisions_draws_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = write_records(tmp_path / "shows.json", SHOWS)
    assert showbot(capsys, "import", str(records))[0] == EXIT_OK
    path = tmp_path / "riverside.png"
    code, out, err = showbot(capsys, "scorecard", "Riverside One", "--png", str(path))
    assert code == EXIT_OK
    assert out == "Riverside One has no renewals, cancellations or endings on record yet.\n"
    assert err == f"showbot scorecard: nothing to draw, so {path} was not written.\n"
    assert not path.exists()


def test_an_unknown_network_is_a_sentence_naming_networks_on_record(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = showbot(capsys, "scorecard", "HBO")
    assert (code, out) == (EXIT_USAGE, "")
    assert_one_sentence(err)
    assert 'No network called "HBO" is on record. Networks on record include Netflix.' in err


@pytest.mark.parametrize(
    ("where", "code", "sentence"),
    [
        (lambda tmp: tmp, EXIT_USAGE, "a folder, not a file"),
        (lambda tmp: tmp / "missing" / "chart.png", EXIT_USAGE, "no such folder"),
        (lambda tmp: tmp / "file.txt" / "chart.png", EXIT_USAGE, "is not a folder"),
        # No file system takes a name this long.
        (lambda tmp: tmp / ("c" * 300 + ".png"), EXIT_USAGE, "File name too long"),
        # This one fits, but the temporary file beside it (".NAME.xxxxxxxx.partial") does
        # not: the write itself fails, after the table was printed.
        (lambda tmp: tmp / ("c" * 236 + ".png"), EXIT_FAILURE, "it is unchanged"),
    ],
    ids=["folder", "no-folder", "file-as-folder", "name-too-long", "write-fails"],
)
def test_a_path_that_cannot_be_written_is_a_sentence(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    where: Callable[[Path], Path],
    code: int,
    sentence: str,
) -> None:
    folder = tmp_path / "charts"  # of its own: the database lies in tmp_path
    folder.mkdir()
    (folder / "file.txt").write_text("not a folder", encoding="utf-8")
    before = sorted(os.listdir(folder))
    got, out, err = showbot(capsys, "scorecard", "Netflix", "--png", str(where(folder)))
    assert got == code
    assert_one_sentence(err)
    assert sentence in err
    assert sorted(os.listdir(folder)) == before  # nothing written, no temporary left
    if code == EXIT_FAILURE:
        assert out == NETFLIX_SEEDS  # the table was printed before the chart failed
