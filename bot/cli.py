"""The `showbot` command: run the bot, or ask questions offline."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from bot.application import Application
from bot.importers import UnreadableFileError
from bot.logs import configure_logging
from bot.rendering import answer_text
from bot.settings import Settings
from bot.title_index import Resolution
from db.engine import Database

NO_TOKEN_HELP = """\
No DISCORD_TOKEN is set, so showbot cannot connect to Discord.

To get one: open https://discord.com/developers/applications, create an application,
add a Bot to it and copy its token. Put it in a .env file next to where you run showbot
(see .env.example) as DISCORD_TOKEN=..., or export it in your shell. Then invite the bot
with the applications.commands and bot scopes.

Meanwhile the offline console answers the same questions from the local database:
    showbot console
    showbot ask "is partner track cancelled?"
"""

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

QUIET_COMMANDS = frozenset({"ask", "console", "resolve", "import", None})
CONSOLE_PROMPT = "showbot> "
CONSOLE_EXIT_WORDS = frozenset({"exit", "quit", ":q"})


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="showbot",
        description="A Discord bot that tells people where their TV shows stand. "
        "Without a command: runs the bot if DISCORD_TOKEN is set, else the offline console.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="connect to Discord and answer questions")
    ask = commands.add_parser("ask", help="answer one question from the local database")
    ask.add_argument("question", nargs="+", help='e.g. "is partner track cancelled?"')
    commands.add_parser("console", help="answer questions typed at a prompt, offline")
    resolve = commands.add_parser(
        "resolve",
        help="print which show each query means, as JSON lines (queries from stdin if none given)",
    )
    resolve.add_argument("queries", nargs="*", metavar="QUERY")
    sync = commands.add_parser("sync", help="register the slash commands with Discord now")
    sync.add_argument("--guild", type=int, help="sync to this guild only (default: DEV_GUILD_ID)")
    imports = commands.add_parser(
        "import",
        help="import catalogue files: CSV with a title column (the Netflix titles dataset "
        "among them), TVMaze or TMDB JSON, showbot JSON/JSONL; each file all or nothing",
    )
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")
    database = commands.add_parser("db", help="database maintenance")
    database_commands = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    database_commands.add_parser("upgrade", help="bring the schema to the newest migration")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"showbot: bad settings:\n{error}", file=sys.stderr)
        return EXIT_USAGE
    command = arguments.command
    level = settings.log_level
    if command in QUIET_COMMANDS and "log_level" not in settings.model_fields_set:
        level = "WARNING"  # offline answers are for reading, not for watching logs scroll
    configure_logging(level, secrets=[settings.token or ""])
    if command is None:
        if settings.token is None:
            print("No DISCORD_TOKEN set: starting the offline console.\n", file=sys.stderr)
            return console(settings)
        command = "run"
    handlers: dict[str, Callable[[], int]] = {
        "run": lambda: run(settings),
        "ask": lambda: _run_async(ask(settings, " ".join(arguments.question))),
        "console": lambda: console(settings),
        "resolve": lambda: resolve(settings, arguments.queries),
        "sync": lambda: sync(settings, arguments.guild),
        "import": lambda: _run_async(import_files(settings, arguments.files)),
        "db": lambda: _run_async(upgrade(settings)),
    }
    return handlers[command]()


def _run_async(work: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(work)
    except KeyboardInterrupt:
        return EXIT_FAILURE


async def ask(settings: Settings, question: str, out: TextIO | None = None) -> int:
    app = await Application.open(settings)
    try:
        answer = await app.answers.ask(question)
        print(answer_text(answer), file=out or sys.stdout)
    finally:
        await app.close()
    return EXIT_OK


def console(settings: Settings, lines: TextIO | None = None, out: TextIO | None = None) -> int:
    """A prompt that answers question after question, on one open database."""
    lines = lines or sys.stdin
    out = out or sys.stdout
    interactive = lines.isatty()
    with asyncio.Runner() as runner:
        app = runner.run(Application.open(settings))
        try:
            if interactive:
                print("Ask about a TV show (empty line or 'quit' to leave).", file=out)
            while True:
                if interactive:
                    print(CONSOLE_PROMPT, end="", file=out, flush=True)
                line = lines.readline()
                question = line.strip()
                if not line or question.lower() in CONSOLE_EXIT_WORDS:
                    break
                if not question:
                    if interactive:
                        break
                    continue
                answer = runner.run(app.answers.ask(question))
                print(answer_text(answer) + "\n", file=out, flush=True)
        except KeyboardInterrupt:
            print(file=out)
        finally:
            runner.run(app.close())
    return EXIT_OK


def resolve(
    settings: Settings,
    queries: Sequence[str],
    lines: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """One JSON object per query, each written as soon as its query is read: a pipe."""
    out = out or sys.stdout
    with asyncio.Runner() as runner:
        app = runner.run(Application.open(settings))
        try:
            index = app.catalogue.index
            source = queries or (line.rstrip("\r\n") for line in (lines or sys.stdin))
            for query in source:
                answer = json.dumps(resolution_json(index.resolve(query)), ensure_ascii=False)
                print(answer, file=out, flush=True)
        except (KeyboardInterrupt, BrokenPipeError):
            pass
        finally:
            runner.run(app.close())
    return EXIT_OK


def resolution_json(resolution: Resolution) -> dict[str, object]:
    best = resolution.candidates[0].score if resolution.candidates else 0.0
    return {
        "query": resolution.query,
        "title": resolution.match.entry.title if resolution.match else None,
        "score": resolution.match.score if resolution.match else best,
        "candidates": [{"title": c.entry.title, "score": c.score} for c in resolution.candidates],
    }


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
        print(f"showbot import: {path}: no such file", file=err)
    if missing:
        return EXIT_USAGE
    app = await Application.open(settings)
    worst = EXIT_OK
    try:
        for path in paths:
            progress = ImportProgress(path, err)
            try:
                report = await app.catalogue.import_file(path, progress)
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
    finally:
        await app.close()
    return worst


async def upgrade(settings: Settings) -> int:
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        print(f"{database!r} is at revision {await database.current_revision()}")
    finally:
        await database.dispose()
    return EXIT_OK


def run(settings: Settings) -> int:
    if settings.token is None:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return EXIT_USAGE
    return _run_async(_serve(settings, settings.token))


async def _serve(settings: Settings, token: str) -> int:
    from bot.discord_bot import create_bot

    app = await Application.open(settings)
    bot = create_bot(app)
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        # Close cleanly on SIGTERM (service managers) as well as Ctrl-C.
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(stop_signal, lambda: asyncio.ensure_future(bot.close()))
    try:
        async with bot:
            await bot.start(token)
    finally:
        await app.close()
    return EXIT_OK


def sync(settings: Settings, guild_id: int | None) -> int:
    token = settings.token
    if token is None:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return EXIT_USAGE
    if guild_id is not None:
        settings = settings.model_copy(update={"dev_guild_id": guild_id})
    return _run_async(_sync(settings, token))


async def _sync(settings: Settings, token: str) -> int:
    from bot.discord_bot import create_bot

    app = await Application.open(settings)
    bot = create_bot(app, sync_on_start=False)
    try:
        async with bot:
            await bot.login(token)
            await bot.sync_commands(force=True)
    finally:
        await app.close()
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
