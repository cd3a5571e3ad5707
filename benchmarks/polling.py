"""Waiting for a condition by looking now and then, where being woken on every change would
cost more than it measures (counting 5,000 channels on each request the fake answers would
take CPU from the bots being measured)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def poll_until(condition: Callable[[], bool], *, every: float, within: float) -> bool:
    """Whether `condition` came true within `within` seconds, looked at every `every`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(every)
    return True
