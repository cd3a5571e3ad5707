"""The real `showbot` entry point, run as a user would run it."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest

from db.engine import SCHEMA_HEAD
from tests.backends import ON_POSTGRES, Template
from tests.showbot_process import SHOWBOT_COMMAND


@pytest.fixture(autouse=True)
def _database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every showbot here works on the default database, showbot.db in its working folder;
    in the PostgreSQL run, on a PostgreSQL database of the test's own."""
    if ON_POSTGRES and request.node.get_closest_marker("sqlite_only") is None:
        monkeypatch.setenv("DATABASE_URL", request.getfixturevalue("database_url"))


@pytest.fixture
def postgres_template() -> Template:
    """Made by a first start (as on SQLite) it would cost each test a migration."""
    return Template.SEEDED


def showbot(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = SHOWBOT_COMMAND
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
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
                "Partner Track was cancelled by Netflix on 8 November 2022, after one season.",
                "Status: Cancelled.",
                "Arden Cho",
            ],
        ),
        ("imperfects season 2?", ["Status: Cancelled.", "so there will be no season 2"]),
        ("is the watcher renewed", ["renewed by Netflix for a second season"]),
        ("dahmer renewed?", ["renewed by Netflix for two more seasons", "anthology"]),
    ],
)
def test_ask(tmp_path: Path, question: str, expected: list[str]) -> None:
    result = showbot("ask", question, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout


@pytest.mark.sqlite_only("where the default database, a SQLite file, is made")
def test_the_default_database_is_a_file_in_the_working_folder(tmp_path: Path) -> None:
    assert showbot("ask", "is the watcher renewed", cwd=tmp_path).returncode == 0
    assert (tmp_path / "showbot.db").is_file()


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


@pytest.mark.sqlite_only("a SQLite path in .env (the environment's DATABASE_URL would win)")
def test_database_url_from_a_dot_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///elsewhere.db\n", encoding="utf-8")
    result = showbot("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"is at revision {SCHEMA_HEAD}" in result.stdout
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


# -- the console ---------------------------------------------------------------------------

REMAKE = '{"title": "The Watcher", "year": 1999, "network": "ABC", "status": "cancelled"}\n'


def _with_a_remake(tmp_path: Path) -> None:
    """A second "The Watcher", so that "the watcher" fits two shows."""
    (tmp_path / "remake.jsonl").write_text(REMAKE, encoding="utf-8")
    assert showbot("import", "remake.jsonl", cwd=tmp_path).returncode == 0


def _numbered(output: str) -> dict[str, int]:
    """The numbered choices in console output: label -> number."""
    found = {}
    for line in output.splitlines():
        number, dot, label = line.strip().partition(". ")
        if dot and number.isdecimal():
            found[label] = int(number)
    return found


def test_console_numbers_the_shows_of_an_ambiguous_question_and_a_number_answers_one(
    tmp_path: Path,
) -> None:
    _with_a_remake(tmp_path)
    result = showbot("console", cwd=tmp_path, stdin="is the watcher renewed?\n1\n2\n")
    assert result.returncode == 0, result.stderr
    menu, first, second = result.stdout.strip().split("\n\n")
    choices = _numbered(menu)
    assert sorted(choices.values()) == [1, 2], menu
    abc = choices["The Watcher (1999, ABC)"]
    answers = {abc: "Status: Cancelled.", 3 - abc: "renewed by Netflix for a second season"}
    assert answers[1] in first and answers[2] not in first
    assert answers[2] in second and answers[1] not in second


def test_console_offers_a_did_you_mean_by_number(tmp_path: Path) -> None:
    result = showbot("console", cwd=tmp_path, stdin="is partnr trak doom cancelled\n1\n")
    assert result.returncode == 0, result.stderr
    suggestion, answer = result.stdout.strip().split("\n\n")
    assert _numbered(suggestion)["Partner Track (2022, Netflix)"] == 1
    assert answer.startswith("Partner Track (2022)")
    assert "cancelled by Netflix on 8 November 2022" in answer


def test_a_number_with_nothing_on_offer_is_a_question(tmp_path: Path) -> None:
    result = showbot("console", cwd=tmp_path, stdin="1\n")
    assert result.returncode == 0, result.stderr
    assert "Type a number" not in result.stdout and "Partner Track (2022)" not in result.stdout


def test_console_leaves_at_quit_and_not_at_an_empty_line(tmp_path: Path) -> None:
    stdin = "is the watcher renewed\n\n   \nexit\ndahmer renewed?\n"
    result = showbot("console", cwd=tmp_path, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "for a second season" in result.stdout
    assert "two more seasons" not in result.stdout  # asked after the exit
    assert "showbot>" not in result.stdout  # no prompt when the input is not a terminal


def _pipeline(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A shell pipeline, as a person types it; `pipefail` makes showbot's exit code count."""
    showbot_command = " ".join(f"'{part}'" for part in SHOWBOT_COMMAND)
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command.replace('showbot', showbot_command, 1)}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_console_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    # Far more answers than a pipe holds: showbot is still writing when head leaves.
    (tmp_path / "questions.txt").write_text("is partner track cancelled?\n" * 300)
    result = _pipeline("showbot console < questions.txt | head -1", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Partner Track (2022) — Netflix\n"
    assert result.stderr == ""


def test_ask_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    result = _pipeline("showbot ask is partner track cancelled | head -1", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Partner Track (2022) — Netflix\n"
    assert result.stderr == ""


class Terminal:
    """showbot on a pseudo-terminal of its own (its controlling terminal, so that Ctrl-C is
    a SIGINT): what a person at a keyboard sees and types."""

    def __init__(self, tmp_path: Path, state: Path) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
        environment.update(XDG_STATE_HOME=str(state), TERM="dumb")
        self.pid, self.main = pty.fork()
        if self.pid == 0:  # the child: becomes showbot, or ends at once
            try:
                os.chdir(tmp_path)
                os.execve(SHOWBOT_COMMAND[0], [*SHOWBOT_COMMAND, "console"], environment)
            finally:
                os._exit(127)
        self.seen = ""

    def type(self, keys: str) -> None:
        os.write(self.main, keys.encode())

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Reads until `text` appears after what was read before; returns what was read."""
        deadline = time.monotonic() + timeout
        start = len(self.seen)
        while text not in self.seen[start:]:
            left = deadline - time.monotonic()
            assert left > 0, f"no {text!r} within {timeout}s; the terminal shows {self.seen!r}"
            ready, _, _ = select.select([self.main], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.main, 4096)
                except OSError:  # the other end closed: showbot is gone
                    chunk = b""
                assert chunk, f"showbot ended before {text!r}; it showed {self.seen!r}"
                self.seen += chunk.decode(errors="replace").replace("\r\n", "\n")
        return self.seen[start:]

    def close(self) -> int:
        """Waits for showbot to end; its exit code."""
        deadline = time.monotonic() + 30
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            assert time.monotonic() < deadline, f"showbot did not end; it showed {self.seen!r}"
            with contextlib.suppress(OSError):  # keep its output flowing
                if select.select([self.main], [], [], 0.1)[0]:
                    self.seen += os.read(self.main, 4096).decode(errors="replace")
        os.close(self.main)
        return os.waitstatus_to_exitcode(status)


def test_console_on_a_terminal_edits_lines_keeps_history_and_leaves_at_ctrl_d(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    first = Terminal(tmp_path, state)
    first.wait_for("showbot> ")
    first.type("\r")  # an empty line: the prompt again, not the end
    first.wait_for("showbot> ")
    first.type("is partner track canc")
    first.wait_for("canc")
    first.type("\x03")  # Ctrl-C drops the line, not the console
    first.wait_for("showbot> ")
    first.type("is the watcher renewd\x7fed?\r")  # a typo, rubbed out
    assert "for a second season" in first.wait_for("showbot> ")
    first.type("\x1b[A\r")  # the up arrow brings the last question back
    assert "for a second season" in first.wait_for("showbot> ")
    first.type("\x04")  # Ctrl-D
    assert first.close() == 0
    history = (state / "showbot" / "history").read_text()
    assert "is the watcher renewed?" in history and "canc" not in history

    second = Terminal(tmp_path, state)  # the history is there the next time
    second.wait_for("showbot> ")
    second.type("\x1b[A\r")
    assert "for a second season" in second.wait_for("showbot> ")
    second.type("quit\r")
    assert second.close() == 0


def _blocked_in(terminal: Terminal, other_than: str = "running", timeout: float = 30) -> str:
    """Waits until showbot is blocked in a system call other than `other_than` (Linux tells,
    by number, in /proc); the call's number."""
    calls = Path(f"/proc/{terminal.pid}/syscall")
    if not calls.exists():
        pytest.skip("needs Linux's /proc/PID/syscall")
    deadline = time.monotonic() + timeout
    while (call := calls.read_text().split()[0]) in ("running", other_than):
        assert time.monotonic() < deadline, f"showbot stayed in {call} for {timeout}s"
        time.sleep(0.01)
    return call


def test_a_ctrl_c_that_comes_while_the_console_is_busy_is_not_lost(tmp_path: Path) -> None:
    """Readline acts on a Ctrl-C when it interrupts its wait for a key; one that lands while
    the console is busy (on a loaded machine: just after echoing a key) must not wait for
    the next key. Here the console is held busy for sure: Ctrl-S stops the terminal's
    output, so echoing a key blocks the console in a write until the Ctrl-C."""
    terminal = Terminal(tmp_path, tmp_path / "state")
    terminal.wait_for("showbot> ")
    waiting_for_a_key = _blocked_in(terminal)
    terminal.type("\x13")  # Ctrl-S
    terminal.type("x")
    _blocked_in(terminal, other_than=waiting_for_a_key)  # writing the echo
    terminal.type("\x03")  # Ctrl-C (which lets output flow again)
    terminal.wait_for("showbot> ", timeout=10)
    terminal.type("quit\r")
    assert terminal.close() == 0


def test_a_history_that_cannot_be_kept_is_no_error(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.write_text("a file where the history folder would be")
    terminal = Terminal(tmp_path, state)
    terminal.wait_for("showbot> ")
    terminal.type("dahmer renewed?\r")
    assert "two more seasons" in terminal.wait_for("showbot> ")
    terminal.type("exit\r")
    assert terminal.close() == 0
    assert "Traceback" not in terminal.seen and "rror" not in terminal.seen
