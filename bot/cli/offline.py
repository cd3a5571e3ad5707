"""Questions answered from the local database, no Discord: `ask`, `console` and `resolve`."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.answering.cards import answer_text
from bot.application import Application
from bot.cli.exit_codes import EXIT_OK
from bot.matching.index import Resolution
from bot.settings import Settings

CONSOLE_PROMPT = "showbot> "
CONSOLE_EXIT_WORDS = frozenset({"exit", "quit", ":q"})


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
