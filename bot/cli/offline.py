"""Questions answered from the local database, no Discord: `ask`, `console` and `resolve`."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.answering.cards import reply_text
from bot.application import Application
from bot.cli.console import console, drop_output
from bot.cli.exit_codes import EXIT_OK
from bot.matching.index import Resolution
from bot.settings import Settings

__all__ = ["ask", "console", "resolve"]


async def ask(settings: Settings, question: str, out: TextIO | None = None) -> int:
    """Prints the answer; a reader that leaves early (`| head -1`) is not a failure."""
    out = out or sys.stdout
    app = await Application.open(settings)
    try:
        reply = await app.answers.ask(question)
        try:
            print(reply_text(reply), file=out, flush=True)
        except BrokenPipeError:
            drop_output(out)
    finally:
        await app.close()
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
        except BrokenPipeError:
            drop_output(out)
        except KeyboardInterrupt:
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
