"""The commands that talk to Discord: `run` and `sync`, through the Discord adapter. The only
part of the CLI that loads discord.py, and only once one of them runs."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from bot.application import Application
from bot.cli.exit_codes import EXIT_OK, EXIT_USAGE, run_to_exit_code
from bot.discord.client import TokenRefusedError, create_bot
from bot.ops.endpoint import OpsEndpointError
from bot.ops.leases import SecondDelivererError
from bot.settings import Settings

NO_TOKEN_HELP = """\
No DISCORD_TOKEN is set, so showbot cannot connect to Discord.

To get one: open https://discord.com/developers/applications, create an application,
add a Bot to it and copy its token. Put it in a .env file next to where you run showbot
(see .env.example) as DISCORD_TOKEN=..., or export it in your shell. Then invite the bot
with the applications.commands and bot scopes.

Meanwhile the offline console answers the same questions from the local database:
    showbot console
    showbot ask "is partner track cancelled?"
"""


TOKEN_REFUSED = (
    "showbot: Discord refused the token in DISCORD_TOKEN. Copy it again from "
    "https://discord.com/developers/applications (your app > Bot > Reset Token)."
)


def run(settings: Settings) -> int:
    if settings.token is None:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return EXIT_USAGE
    return _connected(_serve(settings, settings.token))


def _connected(work: Coroutine[Any, Any, int]) -> int:
    """Runs a command that logs in to Discord; a refused token, a second process set to
    deliver from one SQLite file, or a metrics port taken, is the user's to fix."""
    try:
        return run_to_exit_code(work)
    except TokenRefusedError:
        print(TOKEN_REFUSED, file=sys.stderr)
        return EXIT_USAGE
    except (SecondDelivererError, OpsEndpointError) as error:
        print(f"showbot: {error}", file=sys.stderr)
        return EXIT_USAGE


async def _serve(settings: Settings, token: str) -> int:
    app = await Application.open(settings)
    # The title index lives as long as the bot: keep the collector from walking its millions
    # of objects again and again (a pause of 100 ms and more at a million titles). Only here:
    # a short CLI command or a test gains nothing from it.
    gc.freeze()
    bot = create_bot(app)
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        # Close cleanly on SIGTERM (service managers) as well as Ctrl-C.
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(stop_signal, lambda: asyncio.ensure_future(bot.close()))
    try:
        async with bot:
            await bot.start(token)
    finally:
        await app.close()
    return EXIT_OK


def sync(settings: Settings, guild_id: int | None) -> int:
    token = settings.token
    if token is None:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return EXIT_USAGE
    if guild_id is not None:
        settings = settings.model_copy(update={"dev_guild_id": guild_id})
    return _connected(_sync(settings, token))


async def _sync(settings: Settings, token: str) -> int:
    app = await Application.open(settings)
    bot = create_bot(app, sync_on_start=False, deliver=False)
    try:
        async with bot:
            await bot.login(token)
            await bot.sync_commands(force=True)
    finally:
        await app.close()
    return EXIT_OK
