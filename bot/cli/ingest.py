"""`showbot ingest FILE...`: news articles (plain text or web pages) read into proposed
updates, printed for reading or as JSON lines; with --apply, applied as an editor would
confirm them (each with its audit entry and announcements)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli.console import drop_output
from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from bot.news.article import MAX_ARTICLE_CHARS, ArticleUnreadableError, read_article
from bot.news.proposals import Proposal
from bot.settings import Settings

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from bot.application import Application

# The parser is built for every command: the application is imported only by the reading.

MAX_FILE_BYTES = 4 * MAX_ARTICLE_CHARS


def add_ingest_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="read news articles (.txt or .html; - for standard input) into proposed updates; "
        "changes nothing unless --apply",
    )
    ingest.add_argument("files", nargs="+", metavar="FILE")
    how = ingest.add_mutually_exclusive_group()
    how.add_argument(
        "--json", action="store_true", help="one JSON object per proposal, nothing else"
    )
    how.add_argument(
        "--apply", action="store_true", help="apply every proposal (audited, announced)"
    )


def article_text(name: str, stdin: TextIO | None = None) -> str:
    """A file's text, or a sentence saying why it cannot be read."""
    if name == "-":
        return (stdin or sys.stdin).read(MAX_FILE_BYTES)
    path = Path(name)
    try:
        if path.is_dir():
            raise ArticleUnreadableError("that is a folder: give the article's file.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ArticleUnreadableError("too large for a news article (over 1.6 MB).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleUnreadableError("no such file.") from None
    except OSError as error:
        raise ArticleUnreadableError(f"cannot be read ({error.strerror or error}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleUnreadableError(
            "not UTF-8 text: save the article as a .txt or .html file in UTF-8."
        ) from None


async def ingest(
    settings: Settings,
    files: list[str],
    *,
    as_json: bool = False,
    apply: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    from bot.application import Application

    shown = LeavableOutput(out or sys.stdout)
    err = err or sys.stderr
    app = await Application.open(settings)
    code = EXIT_OK
    try:
        for name in files:
            try:
                raw = article_text(name)
                if apply:
                    code = max(code, await _apply(app, name, raw, shown))
                else:
                    _print_reading(app, name, raw, as_json, shown)
            except ArticleUnreadableError as error:
                print(f"showbot ingest: {name}: {error}", file=err)
                code = EXIT_USAGE
    finally:
        await app.close()
    return code


class LeavableOutput:
    """Standard output its reader may leave (`| head`): what comes after goes nowhere, and
    the work goes on (an --apply is not cut off halfway by a closed pipe)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.out.write(text)
                self.out.flush()
            except BrokenPipeError:
                self.gone = True
                drop_output(self.out)
        return len(text)


def _print_reading(
    app: Application, name: str, raw: str, as_json: bool, out: SupportsWrite[str]
) -> None:
    reading = app.news.read(read_article(raw))
    if as_json:
        for proposal in reading.proposals:
            print(json.dumps(proposal.as_json(), ensure_ascii=False), file=out)
        return
    print(f"{name}: {reading.headline or '(no headline)'}", file=out)
    if not reading.proposals:
        print("  No news about a show found.", file=out)
    for proposal in reading.proposals:
        _print_proposal(proposal, out)
    if reading.named:
        print(f"  Named without news: {', '.join(reading.named)}", file=out)


def _print_proposal(proposal: Proposal, out: SupportsWrite[str]) -> None:
    print(f"  - {proposal.describe()}", file=out)
    print(f'      "{proposal.evidence}"', file=out)


async def _apply(app: Application, name: str, raw: str, out: SupportsWrite[str]) -> int:
    from bot.cli.announcements import command_line_actor
    from bot.editing.fields import EditRefusedError, NeedsConfirmationError

    actor = command_line_actor()
    intake = await app.news.take_in(raw, submitted_by=actor.name)
    print(f"{name}: {intake.title}", file=out)
    if intake.again:
        print("  Read before: its proposals still to decide are applied now.", file=out)
    if intake.repeated:
        print(f"  {intake.repeated} proposal(s) left out: the catalogue already says so.", file=out)
    failed = 0
    for proposal in intake.proposals:
        assert proposal.id is not None
        if proposal.state != "pending":
            continue
        try:
            said = await app.news.confirm(proposal.id, actor)
            print("  - " + said.replace("\n", "\n    "), file=out)
        except NeedsConfirmationError as error:  # scripted use does not revive a show
            failed += 1
            print(f"  - {error} Record it with `showbot status set` if it is right.", file=out)
        except EditRefusedError as error:
            failed += 1
            print(f"  - {error}", file=out)
    return EXIT_FAILURE if failed else EXIT_OK
