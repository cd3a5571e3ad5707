"""Parses the `showbot` command line and runs one command.

Each command's module is imported only when that command runs: the offline ones answer
without paying for discord.py, and none of them pays for the others.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from bot.cli.exit_codes import EXIT_FAILURE, EXIT_UNAVAILABLE, EXIT_USAGE, run_to_exit_code
from bot.cli.export import add_export_parser, export_command
from bot.cli.ingest import add_ingest_parser
from bot.cli.scorecard import add_scorecard_parser, scorecard_command
from bot.logs import SecretRedactor, configure_logging
from bot.settings import Settings
from db.errors import DatabaseUnavailableError

log = logging.getLogger("showbot")

QUIET_COMMANDS = frozenset(
    {
        "ask",
        "console",
        "resolve",
        "import",
        "export",
        "status",
        "subscriptions",
        "ingest",
        "scorecard",
        None,
    }
)

BOT_PICKS_UP = (
    "A running bot picks up the announcements this queues by itself: it looks for due ones "
    "every ANNOUNCE_POLL_SECONDS."
)
NO_PERMISSION_CHECK = (
    "The command line cannot check the bot's permissions in a channel: a channel the bot "
    "cannot post in is paused at its first delivery, and `subscriptions list` shows it."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="showbot",
        description="A Discord bot that tells people where their TV shows stand. "
        "Without a command: runs the bot if DISCORD_TOKEN is set, else the offline console.",
    )
    parser.add_argument(
        "--debug", action="store_true", help="log everything, and show where a failure happened"
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
    _status_parser(commands)
    _subscriptions_parser(commands)
    add_export_parser(commands)
    add_scorecard_parser(commands)
    add_ingest_parser(commands)
    return parser


def _status_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    status = commands.add_parser("status", help="change a show's status by hand")
    actions = status.add_subparsers(dest="status_command", metavar="ACTION", required=True)
    what = "record a show's new status and announce it to the channels and people who want it"
    change = actions.add_parser(
        "set", help=what, description=f"{what.capitalize()}. {BOT_PICKS_UP}"
    )
    change.add_argument("title", metavar="TITLE", help="the show's title, or id:123")
    change.add_argument("status", metavar="STATUS", help="renewed, cancelled, ended, returning, …")
    change.add_argument("--date", help="when it was decided, YYYY-MM-DD")
    change.add_argument(
        "--seasons",
        type=int,
        help="for a renewal, how many seasons it orders; otherwise, how many seasons the show ran",
    )
    change.add_argument("--source", metavar="URL", help="where the news was read")
    change.add_argument("--note", metavar="TEXT", help="a line shown with the announcement")
    change.add_argument(
        "--announce-at",
        metavar="TIME",
        help="hold the announcements until then: YYYY-MM-DDTHH:MM[+HH:MM], UTC without offset",
    )
    change.add_argument("--silent", action="store_true", help="record it, announce nothing")


def _subscriptions_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    what = "the Discord channels that are told about status changes"
    subscriptions = commands.add_parser(
        "subscriptions", help=what, description=f"{what.capitalize()}. {NO_PERMISSION_CHECK}"
    )
    actions = subscriptions.add_subparsers(
        dest="subscriptions_command", metavar="ACTION", required=True
    )
    add = actions.add_parser(
        "add",
        help="subscribe a channel, or update its subscription to the same news",
        description=f"Subscribe a channel to news of status changes. {NO_PERMISSION_CHECK}",
    )
    add.add_argument("--guild", type=int, required=True, metavar="ID", help="the server's id")
    add.add_argument("--channel", type=int, required=True, metavar="ID", help="the channel's id")
    add.add_argument("--kinds", help='e.g. "renewals,cancellations" (default: all)')
    add.add_argument("--network", metavar="NAME", help="only shows on this network")
    add.add_argument("--show", metavar="TITLE", help="only this show (a title, or id:123)")
    add.add_argument("--role", type=int, metavar="ID", help="a role to ping with each announcement")
    listing = actions.add_parser("list", help="the subscriptions, with how each is doing")
    listing.add_argument("--guild", type=int, metavar="ID", help="only this server's")
    remove = actions.add_parser("remove", help="delete a subscription")
    remove.add_argument(
        "id",
        type=subscription_number,
        metavar="ID",
        help="its number, as `list` shows it (#3 or 3)",
    )
    remove.add_argument("--guild", type=int, metavar="ID", help="only if it is this server's")


def subscription_number(text: str) -> int:
    """A subscription's number as `list` shows it, with or without its #."""
    number = text.strip().removeprefix("#")
    if not number.isdecimal():
        raise argparse.ArgumentTypeError(f"{text!r} is not a subscription number, like #3")
    return int(number)


def run_and_exit() -> NoReturn:
    """The `showbot` command: runs `main`, then ends the process at once.

    Everything is closed by the time `main` returns; what is left is the interpreter tearing
    down thousands of SQLAlchemy and pydantic objects, about 0.2 s: a third of a one-shot
    `showbot ask`. Output and logs are flushed first, so nothing is lost by skipping it.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe has nothing left to flush into
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; every failure a person can fix ends as a sentence on stderr and a
    documented exit code, with the traceback only under --debug (or LOG_LEVEL=DEBUG)."""
    arguments = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"showbot: {settings_problem(error)}", file=sys.stderr)
        return EXIT_USAGE
    command = arguments.command
    level = "DEBUG" if arguments.debug else settings.log_level
    if (
        command in QUIET_COMMANDS
        and not arguments.debug
        and "log_level" not in settings.model_fields_set
    ):
        level = "WARNING"  # offline answers are for reading, not for watching logs scroll
    configure_logging(level, secrets=[settings.token or ""])
    if command is None:
        if settings.token is None:
            print("No DISCORD_TOKEN set: starting the offline console.\n", file=sys.stderr)
            command = "console"
        else:
            command = "run"
    debug = level == "DEBUG"
    try:
        return _run(command, arguments, settings)
    except DatabaseUnavailableError as error:
        log.debug("the database cannot be used", exc_info=error)
        print(f"showbot: {error}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except Exception as error:  # a bug: say so in a sentence; the traceback is for --debug
        if debug:
            raise
        what = SecretRedactor([settings.token or ""]).clean(f"{type(error).__name__}: {error}")
        print(
            f"showbot: failed unexpectedly ({what}). This is a bug: "
            "run the same command with --debug to see where, and report it.",
            file=sys.stderr,
        )
        return EXIT_FAILURE


def settings_problem(error: ValidationError) -> str:
    """Which settings are wrong and why, without echoing their values (one may be the token)."""
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}"
        for problem in error.errors()
    )
    return (
        f"a setting is wrong ({problems}). Fix it in the environment or in .env "
        "(.env.example explains each one)."
    )


def _run(command: str, arguments: argparse.Namespace, settings: Settings) -> int:
    if command in ("ask", "console", "resolve"):
        from bot.cli import offline

        if command == "ask":
            return run_to_exit_code(offline.ask(settings, " ".join(arguments.question)))
        if command == "console":
            return offline.console(settings)
        return offline.resolve(settings, arguments.queries)
    if command == "import":
        from bot.cli.imports import import_files

        return run_to_exit_code(import_files(settings, arguments.files))
    if command == "status":
        from bot.cli.announcements import status_command

        return status_command(settings, arguments)
    if command == "subscriptions":
        from bot.cli.announcements import subscriptions_command

        return subscriptions_command(settings, arguments)
    if command == "export":
        return export_command(settings, arguments)
    if command == "ingest":
        from bot.cli.ingest import ingest

        return run_to_exit_code(
            ingest(settings, arguments.files, as_json=arguments.json, apply=arguments.apply)
        )
    if command == "scorecard":
        return scorecard_command(settings, arguments)
    if command == "db":
        from bot.cli.database import upgrade

        return run_to_exit_code(upgrade(settings))
    from bot.cli import gateway

    if command == "sync":
        return gateway.sync(settings, arguments.guild)
    return gateway.run(settings)
