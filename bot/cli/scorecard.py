"""`showbot scorecard NETWORK [--png FILE]`: a network's renewals, cancellations and endings
by year, and every decision behind them, from the local database; with `--png`, the chart.

FILE is written whole or not at all: to a temporary file beside it, synced, then renamed
over it. A path that cannot be written is a sentence, and FILE is left as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, run_to_exit_code

# `showbot export`'s checks, shared: its `atomic_file` writes text, a chart is bytes.
from bot.cli.export import unwritable, write_atomically
from bot.settings import Settings

__all__ = ["add_scorecard_parser", "print_scorecard", "scorecard_command"]

PNG_HINT = "Give the path of a file in a folder you can write to, such as ./scorecard.png."

# This module is imported to build the command line, whatever the command: the database,
# the scorecard and matplotlib are imported only when a scorecard is asked for.


def add_scorecard_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scorecard = commands.add_parser(
        "scorecard",
        help="a network's renewals, cancellations and endings by year, and the decisions "
        "behind them; --png FILE also draws the chart",
    )
    scorecard.add_argument("network", nargs="+", metavar="NETWORK", help="e.g. Netflix")
    scorecard.add_argument(
        "--png", type=Path, metavar="FILE", help="write the chart there (replaced whole)"
    )


def scorecard_command(settings: Settings, arguments: argparse.Namespace) -> int:
    network = " ".join(arguments.network)
    return run_to_exit_code(print_scorecard(settings, network, arguments.png))


async def print_scorecard(
    settings: Settings,
    network: str,
    png: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Prints the scorecard on `out`; writes the chart to `png` when given. An unknown
    network, or a path that cannot be written, is a sentence on `err`."""
    out = out or sys.stdout
    err = err or sys.stderr
    if png is not None:
        try:
            problem = unwritable(png)
        except OSError as error:  # a name too long for the file system, say
            problem = error.strerror or str(error)
        if problem is not None:
            print(
                f"showbot scorecard: cannot write the chart to {png}: {problem}. {PNG_HINT}",
                file=err,
            )
            return EXIT_USAGE
    from bot.answering.scorecard import Scorecards, UnknownNetwork, chart_png
    from bot.answering.scorecard_text import scorecard_text, unknown_network_text
    from bot.catalogue.service import Importer
    from db.engine import Database

    database = Database(settings.database_url)
    try:
        await database.upgrade()
        await Importer(database).seed_if_empty()
        found = await Scorecards(database).find(network)
    finally:
        await database.dispose()
    if isinstance(found, UnknownNetwork):
        print(f"showbot scorecard: {unknown_network_text(found)}", file=err)
        return EXIT_USAGE
    print(scorecard_text(found), file=out)
    if png is None:
        return EXIT_OK
    if not found.decisions:
        print(f"showbot scorecard: nothing to draw, so {png} was not written.", file=err)
        return EXIT_OK
    try:
        write_atomically(png, await chart_png(found))
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            f"showbot scorecard: cannot write the chart to {png} ({reason}); it is unchanged. "
            f"{PNG_HINT}",
            file=err,
        )
        return EXIT_FAILURE
    print(f"Chart written to {png}", file=err)
    return EXIT_OK
