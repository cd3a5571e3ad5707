"""A Ctrl-C while the console looks an answer up: the answer stops, the console goes on.

The Ctrl-C is a real SIGINT, sent by the test process to itself at a chosen step of the
answer's event loop, so that where it lands is certain."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterator
from types import SimpleNamespace
from typing import cast

import pytest

from bot.answering.answers import Reply
from bot.application import Application
from bot.cli.console import Console


def _ctrl_c_at_the_loops_next_step() -> None:
    asyncio.get_running_loop().call_soon(os.kill, os.getpid(), signal.SIGINT)


class Answers:
    """Answers nothing, a step of the loop later (as a database would). The question
    `interrupted` gets a Ctrl-C while it is looked up ("looking": the looking up would take
    30 s) or just as it is found ("found")."""

    def __init__(self, interrupted: str, when: str) -> None:
        self.interrupted = interrupted
        self.when = when
        self.asked: list[str] = []
        self.stopped: list[str] = []

    async def ask(self, question: str) -> Reply:
        self.asked.append(question)
        looking = question == self.interrupted and self.when == "looking"
        if looking:
            _ctrl_c_at_the_loops_next_step()
        try:
            await asyncio.sleep(30 if looking else 0)
        except asyncio.CancelledError:
            self.stopped.append(question)
            raise
        if question == self.interrupted and self.when == "found":
            _ctrl_c_at_the_loops_next_step()
        return Reply(question=question, answers=())


@pytest.fixture
def runner() -> Iterator[asyncio.Runner]:
    handler = signal.getsignal(signal.SIGINT)
    with asyncio.Runner() as runner:
        yield runner
    assert signal.getsignal(signal.SIGINT) is handler  # the console put it back


def _console(answers: Answers, runner: asyncio.Runner) -> Console:
    return Console(cast(Application, SimpleNamespace(answers=answers)), runner)


def test_a_ctrl_c_just_as_the_answer_is_found_leaves_the_console_working(
    runner: asyncio.Runner,
) -> None:
    """The answer is done, the loop not yet stopped: asyncio.Runner's own Ctrl-C handling
    would raise inside the loop there and leave it to stop the next run at once ("Event
    loop stopped before Future completed")."""
    answers = Answers(interrupted="first", when="found")
    session = _console(answers, runner)
    with contextlib.suppress(KeyboardInterrupt):  # stopped or not: both are fair, so late
        session.answer("first")
    assert session.answer("second") == ""
    assert answers.asked == ["first", "second"]


def test_a_ctrl_c_while_the_answer_is_looked_up_stops_it(runner: asyncio.Runner) -> None:
    answers = Answers(interrupted="slow", when="looking")
    session = _console(answers, runner)
    with pytest.raises(KeyboardInterrupt):
        session.answer("slow")
    assert answers.stopped == ["slow"]
    assert session.answer("next") == ""
