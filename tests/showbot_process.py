"""How the tests start `showbot` as a process: the installed command (or `python -m bot.cli`
where it is not installed), with the user's environment less any Discord or database setting
of theirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_INSTALLED = Path(sys.executable).with_name("showbot")
SHOWBOT_COMMAND = [str(_INSTALLED)] if _INSTALLED.exists() else [sys.executable, "-m", "bot.cli"]


def showbot_environment(database_url: str | None = None, **settings: str) -> dict[str, str]:
    """The environment for a showbot process: the database at `database_url` if given (else
    the default, showbot.db in its working folder), and these settings on top."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    if database_url is not None:
        kept["DATABASE_URL"] = database_url
    return {**kept, **settings}
