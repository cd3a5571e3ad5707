"""What the `showbot` command returns to the shell, and how a command's coroutine becomes one."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def run_to_exit_code(work: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(work)
    except KeyboardInterrupt:
        return EXIT_FAILURE
