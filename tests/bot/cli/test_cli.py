"""The real `showbot` entry point, run as a user would run it."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest

from tests.showbot_process import SHOWBOT_COMMAND


def showbot(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = SHOWBOT_COMMAND
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DATABASE_URL")
    }
    environment.update(env or {})
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is partner track cancelled?",
            [
                "Cancelled by Netflix on 8 November 2022 after one season.",
                "Arden Cho as Ingrid Yun",
                "How season 1 ended (a cliffhanger) [spoiler]:",
                "Jeff betrayed her to steal her job",
            ],
        ),
        ("imperfects season 2?", ["Status: Cancelled.", "There will be no season 2"]),
        ("is the watcher renewed", ["Renewed by Netflix for a second season"]),
        ("dahmer renewed?", ["Renewed by Netflix for two more seasons", "anthology"]),
    ],
)
def test_ask(tmp_path: Path, question: str, expected: list[str]) -> None:
    result = showbot("ask", question, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout
    assert (tmp_path / "showbot.db").exists()  # the default database is in the working folder


def test_ask_about_a_show_that_is_not_there(tmp_path: Path) -> None:
    result = showbot("ask", "is breaking bad renewed", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == 'No show called "breaking bad" is in the catalogue.'


def test_run_without_a_token_explains_and_fails(tmp_path: Path) -> None:
    result = showbot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "discord.com/developers/applications" in result.stderr
    assert "showbot console" in result.stderr


def test_without_a_command_or_token_it_is_the_console(tmp_path: Path) -> None:
    result = showbot(cwd=tmp_path, stdin="is the watcher renewed\n\ndahmer renewed?\n")
    assert result.returncode == 0, result.stderr
    assert "offline console" in result.stderr
    assert "for a second season" in result.stdout
    assert "two more seasons" in result.stdout


def test_database_url_from_a_dot_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///elsewhere.db\n", encoding="utf-8")
    result = showbot("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "is at revision 0001" in result.stdout
    assert (tmp_path / "elsewhere.db").exists() and not (tmp_path / "showbot.db").exists()


def test_resolve_arguments(tmp_path: Path) -> None:
    result = showbot(
        "resolve", "is partner track cancelled?", "is breaking bad renewed", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["query"] == "is partner track cancelled?"
    assert first["title"] == "Partner Track" and first["score"] >= 0.9
    assert first["candidates"][0] == {"title": "Partner Track", "score": first["score"]}
    assert second["title"] is None


def test_resolve_is_a_pipe_answering_each_line_as_it_comes(tmp_path: Path) -> None:
    command = SHOWBOT_COMMAND
    with subprocess.Popen(
        [*command, "resolve"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("imperfects season 2?\n")
        process.stdin.flush()
        # The answer comes before the input ends: nothing waits for end of file.
        assert json.loads(process.stdout.readline())["title"] == "The Imperfects"
        process.stdin.write("dahmer\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["title"].startswith("Dahmer")
        process.stdin.close()
        assert process.wait(timeout=30) == 0


FIXTURES = Path(__file__).parents[1] / "catalogue" / "fixtures"


def _generated_csv(path: Path, rows: int) -> Path:
    """A CSV of obviously made-up shows, big enough to show progress."""
    lines = [f"Generated test show {n},2000" for n in range(1, rows + 1)]
    path.write_text("title,year\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_prints_a_summary_per_file_and_the_shows_are_there(tmp_path: Path) -> None:
    csv_file, tmdb_file = FIXTURES / "catalogue.csv", FIXTURES / "tmdb_tv.json"
    result = showbot("import", str(csv_file), str(tmdb_file), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{csv_file} (CSV): 3 row(s), 3 new, 0 updated, 0 unchanged",
        f"{tmdb_file} (TMDB TV details): 1 row(s), 1 new, 0 updated, 0 unchanged",
    ]
    assert result.stderr == ""  # small files: no progress lines
    answer = showbot("ask", "is the lantern room cancelled?", cwd=tmp_path)
    assert "The Lantern Room" in answer.stdout and "Status: Cancelled." in answer.stdout
    again = showbot("import", str(csv_file), cwd=tmp_path)
    assert again.stdout.strip().endswith("3 row(s), 0 new, 0 updated, 3 unchanged")


def test_import_of_a_file_with_bad_rows_names_them_and_imports_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,year\nFine Show,2020\nBroken Show,soon\n,2021\n", encoding="utf-8")
    result = showbot("import", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}: line 3: year 'soon' is not a number",
        f"{bad}: line 4: no title",
    ]
    assert "nothing imported" in result.stdout
    resolved = showbot("resolve", "fine show", cwd=tmp_path)
    assert json.loads(resolved.stdout)["title"] is None


def test_import_of_a_file_it_cannot_read_exits_2(tmp_path: Path) -> None:
    missing = showbot("import", "no-such-file.csv", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no-such-file.csv: no such file" in missing.stderr
    (tmp_path / "notes.txt").write_text("title\nSomething\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"shows": [', encoding="utf-8")
    unreadable = showbot("import", "notes.txt", "broken.json", cwd=tmp_path)
    assert unreadable.returncode == 2
    assert "notes.txt: unknown file type .txt" in unreadable.stderr
    assert "broken.json: not JSON" in unreadable.stderr


def test_import_progress_in_a_pipe_is_a_line_at_every_tenth(tmp_path: Path) -> None:
    big = _generated_csv(tmp_path / "big.csv", 1500)
    result = showbot("import", str(big), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    assert result.stderr.splitlines() == [
        f"big.csv: {tenth}% ({tenth * 15:,} of 1,500 rows)" for tenth in range(10, 101, 10)
    ]
    assert "1500 row(s), 1500 new" in result.stdout


def test_import_progress_on_a_terminal_is_one_line_redrawn(tmp_path: Path) -> None:
    big = _generated_csv(tmp_path / "big.csv", 1500)
    command = SHOWBOT_COMMAND
    main_end, terminal_end = pty.openpty()
    with subprocess.Popen(
        [*command, "import", str(big)],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal_end,
    ) as process:
        os.close(terminal_end)
        written = b""
        while True:
            try:
                chunk = os.read(main_end, 4096)
            except OSError:  # the terminal's other end closed: the process is done
                break
            if not chunk:
                break
            written += chunk
        assert process.wait(timeout=60) == 0
    os.close(main_end)
    shown = written.decode().replace("\r\n", "\n")  # the terminal's own line ending
    redraws = shown.split("\r")[1:]
    assert len(redraws) == 101  # 0% to 100%, each written over the last
    assert redraws[0] == "big.csv: 0% (1 of 1,500 rows)"
    assert redraws[-1] == "big.csv: 100% (1,500 of 1,500 rows)\n"  # left in view at the end
    assert shown.count("\n") == 1
