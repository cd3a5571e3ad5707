"""`showbot console`: question after question at a prompt, like a shell people know.

On a terminal (standard input and output both): line editing and history through readline,
the history kept in `$XDG_STATE_HOME/showbot/history` (`~/.local/state/showbot/history`)
when that file can be read and written, and quietly not kept when it cannot. `quit`, `exit`
or Ctrl-D leave; an empty line does not. Ctrl-C abandons the line being typed, or the answer
being looked up, and the prompt comes back.

Elsewhere (a file or a pipe on standard input): no prompt, no banner, no history; one
question a line, empty lines skipped, to the end of the input or a `quit`.

When an answer offers shows (the question fits several, or "did you mean …?"), they are
numbered, and a line that is just one of those numbers answers that show with what was asked.

When the reader of the output goes away (`showbot console < questions.txt | head -1`), the
console stops at once without a word and exits 0, as `showbot resolve` does: the reader had
all it wanted, which is not a failure (and a `set -o pipefail` script keeps going).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any, TextIO, TypeVar

from bot.answering.answers import Ambiguous, Answer, NotFound, Reply, ShowChoice
from bot.answering.cards import answer_text
from bot.answering.markup import visible
from bot.application import Application
from bot.cli.exit_codes import EXIT_OK
from bot.matching.intents import Intent
from bot.matching.reading import MAX_SUBJECTS
from bot.settings import Settings

T = TypeVar("T")

PROMPT = "showbot> "
EXIT_WORDS = frozenset({"exit", "quit", ":q"})
BANNER = (
    "Ask about a TV show, e.g. 'is partner track cancelled?' ('help' for more; "
    "'quit' or Ctrl-D to leave)."
)
HISTORY_LENGTH = 1000
INTERRUPT_LOOK_SECONDS = 0.1
"""How often the prompt looks for a Ctrl-C that came while it was not waiting for a key."""


@dataclass(frozen=True)
class Offer:
    """A show the last answer offered, and what answering it means."""

    choice: ShowChoice
    intent: Intent
    season: int | None


def offered_by(answer: Answer) -> list[Offer]:
    """The shows an answer offers to pick from, each with what was asked of it."""
    if isinstance(answer, Ambiguous):
        return [Offer(c, answer.intent, answer.asked_season) for c in answer.choices]
    if isinstance(answer, NotFound):
        return [Offer(c, answer.intent, answer.asked_season) for c in answer.suggestions]
    return []


def numbered(found: list[Offer], first: int = 1) -> str:
    lines = ["Type a number to answer it:"]
    lines += [f"  {n}. {visible(o.choice.label())}" for n, o in enumerate(found, first)]
    return "\n".join(lines)


class Console:
    """Answers lines on one open application; remembers what the last answer offered."""

    def __init__(self, app: Application, runner: asyncio.Runner) -> None:
        self.app = app
        self.runner = runner
        self.offered: list[Offer] = []

    def answer(self, line: str) -> str:
        """The answer to a line; KeyboardInterrupt when a Ctrl-C stops the looking up."""
        picked = self._picked(line)
        if picked is not None:
            service = self.app.answers
            work = service.answer_for(picked.choice.show_id, picked.intent, picked.season)
            return answer_text(stoppable(self.runner, work))
        return self.show(stoppable(self.runner, self.app.answers.ask(line)))

    def show(self, reply: Reply) -> str:
        """The reply as text, each offer of shows numbered under its answer."""
        self.offered = []
        parts = []
        for answer in reply.answers[:MAX_SUBJECTS]:
            offered = offered_by(answer)
            if isinstance(answer, Ambiguous):  # the numbers are the console's way to pick
                text = visible(f'More than one show matches "{answer.query}".')
            else:
                text = answer_text(answer)
            if offered:
                text += "\n" + numbered(offered, first=len(self.offered) + 1)
                self.offered += offered
            parts.append(text)
        return "\n\n".join(parts)

    def _picked(self, line: str) -> Offer | None:
        # A number outside the list is a question ("1899" is a show).
        if not (self.offered and line.isdecimal() and len(line) <= 3):
            return None
        if 1 <= int(line) <= len(self.offered):
            return self.offered[int(line) - 1]
        return None


def stoppable(runner: asyncio.Runner, work: Coroutine[Any, Any, T]) -> T:
    """`work` run on the runner's loop; a Ctrl-C meanwhile cancels it: KeyboardInterrupt.

    Not asyncio.Runner's own Ctrl-C handling: when the Ctrl-C lands after the work is done
    but before the loop has stopped, that raises KeyboardInterrupt from inside the loop and
    leaves the loop's stop callback queued, so the next run stops at once ("Event loop
    stopped before Future completed") and the console dies. Here a Ctrl-C only queues the
    cancelling on the loop, which stops cleanly either way; too late, it cancels nothing.
    """
    loop = runner.get_loop()
    task = loop.create_task(work)  # it starts when the loop runs, below

    def on_ctrl_c(signum: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(task.cancel)

    try:
        previous = signal.signal(signal.SIGINT, on_ctrl_c)  # Runner then leaves SIGINT be
    except KeyboardInterrupt:  # a Ctrl-C just before: the work ends before it starts
        task.cancel()
        raise
    try:
        return runner.run(_finished(task))
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None
    finally:
        signal.signal(signal.SIGINT, previous)


async def _finished(task: asyncio.Task[T]) -> T:
    return await task


def console(settings: Settings, lines: TextIO | None = None, out: TextIO | None = None) -> int:
    lines = lines or sys.stdin
    out = out or sys.stdout
    on_terminal = lines is sys.stdin and out is sys.stdout and lines.isatty() and out.isatty()
    with asyncio.Runner() as runner:
        app = runner.run(Application.open(settings))
        try:
            session = Console(app, runner)
            if on_terminal:
                with terminal_history(), interrupts_looked_for():
                    print(BANNER, file=out, flush=True)
                    _converse(session, _typed_lines(out), out, interactive=True)
            else:
                _converse(session, _piped_lines(lines), out, interactive=False)
        except BrokenPipeError:
            drop_output(out)
        except KeyboardInterrupt:  # Ctrl-C with input from a pipe: the end
            with contextlib.suppress(BrokenPipeError):
                print(file=out)
        finally:
            runner.run(app.close())
    return EXIT_OK


def _converse(session: Console, source: Iterator[str], out: TextIO, *, interactive: bool) -> None:
    for line in source:
        question = line.strip()
        if question.lower() in EXIT_WORDS:
            return
        if not question:
            continue
        try:  # the printing too: a Ctrl-C landing there stops the answer, not the console
            print(session.answer(question) + "\n", file=out, flush=True)
        except KeyboardInterrupt:
            if not interactive:
                raise
            print("(stopped)", file=out, flush=True)


def _typed_lines(out: TextIO) -> Iterator[str]:
    """Lines typed at the prompt, with readline's editing; Ctrl-C drops the line.
    Only inside `interrupts_looked_for()`, which handles the timer's signal."""
    while True:
        try:
            yield _typed_line(PROMPT)
        except KeyboardInterrupt:
            print(file=out, flush=True)
        except EOFError:  # Ctrl-D
            print(file=out, flush=True)
            return


def _typed_line(prompt: str) -> str:
    # The timer runs only while a line is typed: an answer's database work is not disturbed.
    signal.setitimer(signal.ITIMER_REAL, INTERRUPT_LOOK_SECONDS, INTERRUPT_LOOK_SECONDS)
    try:
        return input(prompt)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextlib.contextmanager
def interrupts_looked_for() -> Iterator[None]:
    """A Ctrl-C at the prompt is acted on whenever it comes, not at the next Enter.

    Python's readline waits for a key in select() and acts on a signal only when the signal
    interrupts that select(). A SIGINT landing while readline is busy (echoing a key, as when
    a loaded machine holds the console there) is noted by Python's C-level handler, but
    select() then waits for the next key and the Ctrl-C seems ignored. So while a line is
    typed a timer signal interrupts select() every INTERRUPT_LOOK_SECONDS, and Python then
    runs the SIGINT handler it owes: KeyboardInterrupt, at most that late.
    """
    previous = signal.signal(signal.SIGALRM, _look_for_interrupts)
    # Readline's writes to the terminal go on after the timer (select() is interrupted all
    # the same); input() without readline waits in read(), which must be interrupted.
    signal.siginterrupt(signal.SIGALRM, _readline() is None)
    try:
        yield
    finally:  # the timer off first (a Ctrl-C can cut _typed_line's short): SIGALRM kills
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _look_for_interrupts(signum: int, frame: FrameType | None) -> None:
    """Nothing to do here: the timer is there to interrupt readline's select()."""


def _piped_lines(lines: TextIO) -> Iterator[str]:
    while line := lines.readline():
        yield line


def drop_output(out: TextIO) -> None:
    """After the reader left: what is still buffered goes nowhere, instead of failing again
    when the interpreter flushes it on the way out."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
            os.close(devnull)


def history_file() -> Path | None:
    """Where the console keeps what was typed: the user's state folder, if there is one."""
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        return Path(state) / "showbot" / "history"
    try:
        return Path.home() / ".local" / "state" / "showbot" / "history"
    except RuntimeError:  # no home folder to be found
        return None


def _readline() -> ModuleType | None:
    try:
        import readline
    except ImportError:  # a Python built without it: input() still works, unedited
        return None
    return readline


@contextlib.contextmanager
def terminal_history() -> Iterator[None]:
    """Readline editing, with the history read before and written after, if it can be."""
    readline = _readline()
    path = history_file()
    if readline is None or path is None:
        yield
        return
    _quietly(lambda: readline.read_history_file(path))
    readline.set_history_length(HISTORY_LENGTH)
    try:
        yield
    finally:
        _quietly(lambda: path.parent.mkdir(parents=True, exist_ok=True))
        _quietly(lambda: readline.write_history_file(path))


def _quietly(action: Callable[[], object]) -> None:
    # History is a convenience: a file that cannot be read or written is not an error.
    with contextlib.suppress(OSError):
        action()
