"""The real `showbot` entry point, run as a user would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHOWBOT = Path(sys.executable).with_name("showbot")


def showbot(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [str(SHOWBOT)] if SHOWBOT.exists() else [sys.executable, "-m", "bot.cli"]
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
    command = [str(SHOWBOT)] if SHOWBOT.exists() else [sys.executable, "-m", "bot.cli"]
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
