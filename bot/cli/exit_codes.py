"""What the `showbot` command returns to the shell, and how a command's coroutine becomes one."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

EXIT_OK = 0
EXIT_FAILURE = 1
"""An import refused (bad rows), or a bug."""
EXIT_USAGE = 2
"""A wrong command line or setting, a missing or unreadable file, no token for `run`."""
EXIT_UNAVAILABLE = 3
"""The database cannot be used: unreachable, damaged, newer than this showbot, or busy."""


def run_to_exit_code(work: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(work)
    except KeyboardInterrupt:
        return EXIT_FAILURE
