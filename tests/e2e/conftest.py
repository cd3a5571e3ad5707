"""The real showbot, built by its own factory, running against a local fake Discord.

Each test gets its own fake on 127.0.0.1 and its own database (copied from a template made
once per session; SQLite, or PostgreSQL in the PostgreSQL run). The fixture fails with the
bot's own start-up error rather than a timeout, and on the way out checks what every
end-to-end test must hold: nothing called that the fake does not know, no interaction
answered twice, and no message that could ping.
"""

# The wait helpers take explicit ``timeout`` arguments on purpose.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import discord
import pytest
import pytest_asyncio
import yarl
from discord import app_commands
from sqlalchemy.engine import make_url

from bot.application import Application
from bot.discord.client import ShowBot, create_bot
from bot.settings import Settings
from db.announcement_tables import DeliveryState
from db.outbox import delivery_counts
from tests.backends import ON_POSTGRES
from tests.e2e.fake_discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeDiscord,
    FakeInteraction,
    FakeUser,
    JSONDict,
    while_running,
)

T = TypeVar("T")
TOKEN = "MTE3.fake-e2e-token.do-not-log"
ASKER = FakeUser(id=1300000000000000001, username="asker", global_name="Asker")
OTHER = FakeUser(id=1300000000000000002, username="other", global_name="Other")


@pytest.fixture(scope="session")
def seeded_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated and loaded with the built-in records, once per session."""
    path = tmp_path_factory.mktemp("template") / "showbot.db"

    async def build() -> None:
        settings = Settings(database_url=f"sqlite:///{path}", _env_file=None)
        app = await Application.open(settings)
        await app.close()

    asyncio.run(build())
    return path


@pytest.fixture
def e2e_settings(request: pytest.FixtureRequest, database_url: str) -> Settings:
    """Settings for a bot on its own database, the built-in records loaded: a copy of the
    session's template (on PostgreSQL, `database_url` copies it already)."""
    if not ON_POSTGRES:
        template: Path = request.getfixturevalue("seeded_sqlite_file")
        shutil.copyfile(template, make_url(database_url).database or "")
    return Settings(database_url=database_url, discord_token=TOKEN, _env_file=None)


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    """discord.py keeps its endpoints on classes: put them back after each test."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@dataclass
class Showbot:
    """A running showbot and the fake it talks to, with helpers to use it like a person."""

    fake: FakeDiscord
    app: Application
    bot: ShowBot
    task: asyncio.Task[None]
    checks: list[Callable[[], None]] = field(default_factory=list)
    """Run after the bot has stopped; each raises AssertionError for what the test missed."""
    ended_commands: set[int] = field(default_factory=set)
    """Interactions whose app command has ended in the bot (completed, or failed and handled)."""
    ping_roles: set[int] = field(default_factory=set)
    """Roles a test's subscriptions asked to ping: the only mentions a message may allow."""

    def __post_init__(self) -> None:
        self.bot.add_listener(self._command_completed, "on_app_command_completion")
        handle_error = self.bot.tree.on_error

        async def on_error(
            interaction: discord.Interaction[ShowBot], error: app_commands.AppCommandError
        ) -> None:
            try:
                await handle_error(interaction, error)
            finally:
                self.ended_commands.add(interaction.id)

        # A failed command ends in the tree's error handler, with no event to wait for.
        self.bot.tree.on_error = on_error  # type: ignore[method-assign]

    async def _command_completed(
        self, interaction: discord.Interaction[ShowBot], command: object
    ) -> None:
        self.ended_commands.add(interaction.id)

    async def guard(self, awaitable: Awaitable[T], timeout: float = 8) -> T:
        """Awaits something, failing at once with the bot's own error if the bot dies."""
        return await while_running(self.task, awaitable, timeout)

    async def settled(self) -> None:
        """Waits until the outbox holds nothing due: every delivery sent, paused or given up."""

        async def drained() -> None:
            while True:
                await self.bot.relay.run_due()
                async with self.app.database.session() as session:
                    counts = await delivery_counts(session)
                if not counts.get(DeliveryState.PENDING):
                    return
                await asyncio.sleep(0.05)

        await self.guard(drained(), timeout=15)

    async def slash(
        self, sub: str, user: FakeUser = ASKER, wait: bool = True, **options: Any
    ) -> FakeInteraction:
        """Runs `/show <sub>` with the options given, as `user`; waits for the command to end.

        The command must answer and then end in the bot (completed, or failed and handled)
        within the timeouts, or the test fails saying which. With `wait=False` it returns
        once the command is sent, and the test fails at teardown if it never ended.
        """
        command_options: list[JSONDict] = [
            {"type": 4 if isinstance(v, int) else 3, "name": k, "value": v}
            for k, v in options.items()
        ]
        interaction = await self.fake.send_command(
            "show", user=user, options=[{"type": 1, "name": sub, "options": command_options}]
        )
        what = f"/show {sub} (interaction {interaction.id})"
        if wait:
            await self.guard(interaction.wait_for_message(timeout=8), timeout=10)
            await self.guard(
                self.fake.wait_for(
                    lambda: interaction.id in self.ended_commands,
                    timeout=10,
                    what=f"{what} to end in the bot",
                ),
                timeout=12,
            )
        else:

            def ended() -> None:
                assert interaction.id in self.ended_commands, f"{what} never ended in the bot"

            self.checks.append(ended)
        return interaction

    async def _settled(self, interaction: FakeInteraction, timeout: float = 1.0) -> None:
        """Waits until the bot has stopped working on an interaction: 20 ms without a request.

        Components have no event for "done", so a quiet spell stands for it; requests still
        arriving after `timeout` fail the test.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            before = len(interaction.events)
            await asyncio.sleep(0.02)
            if len(interaction.events) == before:
                return
        recent = [(e.kind, e.status) for e in interaction.events[-5:]]
        pytest.fail(
            f"requests about interaction {interaction.id} were still arriving after {timeout}s"
            f" (the last: {recent})"
        )

    async def autocomplete(self, sub: str, value: str) -> list[JSONDict]:
        interaction = await self.fake.send_interaction(
            type=4,
            data={
                "name": "show",
                "options": [
                    {
                        "type": 1,
                        "name": sub,
                        "options": [{"type": 3, "name": "title", "value": value, "focused": True}],
                    }
                ],
            },
            user=ASKER,
            guild_id=DEFAULT_GUILD_ID,
            channel_id=DEFAULT_CHANNEL_ID,
        )
        callback = await self.guard(interaction.wait_for_callback())
        assert callback["type"] == 8, callback
        assert interaction.rejected_callbacks == []
        choices: list[JSONDict] = callback["data"]["choices"]
        return choices

    async def pick(
        self, message: JSONDict, value: str | list[str], user: FakeUser
    ) -> FakeInteraction:
        """Picks `value` in the select menu on a message the bot sent (a list: sent as is)."""
        select = message["components"][0]["components"][0]
        values = [value] if isinstance(value, str) else value
        interaction = await self.fake.click(
            message, select["custom_id"], user=user, component_type=3, values=values
        )
        await self.guard(interaction.wait_for_callback())
        await self.guard(self._settled(interaction))
        return interaction

    async def mention(self, text: str, user: FakeUser = ASKER) -> JSONDict:
        """Posts `@showbot text` in the channel; returns the bot's reply."""
        before = len(self.fake.messages_in(DEFAULT_CHANNEL_ID))
        await self.fake.send_message(
            content=f"<@{self.fake.bot_user_id}> {text}",
            author=user,
            channel_id=DEFAULT_CHANNEL_ID,
            guild_id=DEFAULT_GUILD_ID,
        )
        return await self.guard(self.next_channel_message(before))

    async def next_channel_message(self, before: int) -> JSONDict:
        return await self.fake.wait_for_message_in(DEFAULT_CHANNEL_ID, count=before + 1)

    def every_message_sent(self) -> list[JSONDict]:
        """The body of every message-creating or -editing request the bot made."""
        bodies = []
        for request in self.fake.requests:
            creates = request.method == "POST" and (
                request.path.endswith("/messages") or request.path.startswith("/webhooks/")
            )
            edits = request.method == "PATCH" and "/messages/" in request.path
            callback = request.path.endswith("/callback")
            body = request.json if isinstance(request.json, dict) else None
            if body is None:
                continue
            if callback and body.get("type") in (4, 7):
                bodies.append(body.get("data") or {})
            elif creates or edits:
                bodies.append(body)
        return bodies


def assert_no_pings(message: JSONDict, ping_roles: set[int] | None = None) -> None:
    """Nothing in the message can ping, but a role a subscription asked to ping."""
    mentions = message.get("allowed_mentions")
    assert mentions is not None, f"no allowed_mentions on {message}"
    assert mentions.get("parse") == [], mentions
    roles = {int(role) for role in mentions.get("roles") or []}
    assert not mentions.get("users") and roles <= (ping_roles or set()), mentions
    assert not mentions.get("replied_user"), mentions


async def start_showbot(
    fake: FakeDiscord, settings: Settings, **options: Any
) -> tuple[Application, ShowBot, asyncio.Task[None]]:
    """Opens the application and starts the bot through its factory; returns once ready."""
    settings = settings.model_copy(
        update={"discord_api_base_url": fake.api_base, "discord_gateway_url": fake.gateway_url}
    )
    app = await Application.open(settings)
    options.setdefault("guild_ready_timeout", 0.05)
    bot = create_bot(app, **options)
    assert yarl.URL(fake.gateway_url) == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    task = asyncio.create_task(bot.start(TOKEN), name="showbot")
    ready = asyncio.ensure_future(bot.wait_until_ready())
    done, _ = await asyncio.wait({ready, task}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        await stop_showbot(app, bot, task)
        if task in done and task.exception() is not None:
            raise AssertionError("the bot failed to start") from task.exception()
        raise AssertionError("the bot did not become ready within 10 s")
    return app, bot, task


async def stop_showbot(app: Application, bot: ShowBot, task: asyncio.Task[None]) -> None:
    """Closes the bot, then the application; fails if the bot is still running 10 s later."""
    try:
        await bot.close()
        done, _ = await asyncio.wait({task}, timeout=10)
        if not done:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            pytest.fail("the bot was still running 10 s after close()")
        # how the bot ended is for the caller to judge (a start-up failure is expected)
        await asyncio.gather(task, return_exceptions=True)
    finally:
        await app.close()


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(token=TOKEN) as fake:
        yield fake


@pytest_asyncio.fixture
async def showbot(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> AsyncIterator[Showbot]:
    app, bot, task = await start_showbot(fake, e2e_settings)
    running = Showbot(fake=fake, app=app, bot=bot, task=task)
    try:
        yield running
    finally:
        died = task.done()
        await stop_showbot(app, bot, task)
    assert not died, f"the bot stopped during the test: {task}"
    assert fake.internal_errors == []
    assert fake.unknown_requests == [], "the bot called something Discord does not have"
    for interaction in fake.interactions.values():
        assert interaction.rejected_callbacks == [], f"answered twice: {interaction}"
        assert len(interaction.accepted_callbacks) <= 1, f"answered twice: {interaction}"
    for message in running.every_message_sent():
        assert_no_pings(message, running.ping_roles)
    for check in running.checks:
        check()
