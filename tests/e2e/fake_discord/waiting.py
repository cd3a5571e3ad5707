"""How tests wait on the fake: until a condition on its state holds (woken on every change, so
no sleeping and no flakiness on a loaded machine), or until the client under test dies,
whichever comes first. Every wait here ends either with what was waited for or with an
exception that names it; none returns quietly at its deadline.
"""

# The waits take explicit ``timeout`` arguments on purpose: they are the tests' API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Changes:
    """Wakes waiters whenever the fake's recorded state changes."""

    poll_interval = 0.05

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        """The first truthy ``predicate()``; TimeoutError naming ``what`` after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                # Wake on a change, but also re-check now and then: predicates may look at
                # state outside the fake (the bot's own), which never notifies.
                await asyncio.wait({waiter}, timeout=min(remaining, self.poll_interval))
            finally:
                self._waiters.discard(waiter)


async def while_running(
    client_task: asyncio.Task[Any], awaitable: Awaitable[T], timeout: float
) -> T:
    """Awaits something; fails at once with the client's own error if the client dies first."""
    future = asyncio.ensure_future(awaitable)
    done, _ = await asyncio.wait(
        {future, client_task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    if future in done:
        return future.result()
    future.cancel()
    await asyncio.gather(future, return_exceptions=True)
    if client_task in done:
        client_task.result()
        raise AssertionError("the client stopped while the test was waiting")
    what = getattr(awaitable, "__qualname__", None) or repr(awaitable)
    raise TimeoutError(f"nothing after {timeout} s from {what} (the client is still running)")
