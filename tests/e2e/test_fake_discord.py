"""Self-test of the fake Discord: a real discord.py client talks to it over 127.0.0.1.

These tests prove the fake is faithful enough that the project's e2e tests can
trust it: the unmodified client logs in, becomes ready, answers interactions,
survives rate limits, outages and dropped gateway sockets, and every request it
makes is recorded. The bot here is a tiny one defined in this file, not showbot.

Config assumed: none. pytest-asyncio runs in its default strict mode, so every
async test is marked explicitly (``pytestmark``) and the async fixture uses
``pytest_asyncio.fixture``.
"""

# The wait helpers take explicit ``timeout`` arguments on purpose (the brief's API).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import discord
import pytest
import pytest_asyncio
import yarl
from discord import app_commands

from tests.e2e.fake_discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeDiscord,
    FakeUser,
    Fault,
    while_running,
)

pytestmark = pytest.mark.asyncio

T = TypeVar("T")
TOKEN = "fake-bot-token"
ALICE = FakeUser(id=1200000000000000100, username="alice", global_name="Alice")
MESSAGES_PATH = r"/channels/\d+/messages"
FRUITS = ["apple", "apricot", "banana", "cherry"]

Configure = Callable[[discord.Client, app_commands.CommandTree[discord.Client], "Harness"], None]


@dataclass
class Harness:
    """A running client + fake, and the errors the bot hit (which the bot would only log)."""

    fake: FakeDiscord
    client: discord.Client
    tree: app_commands.CommandTree[discord.Client]
    task: asyncio.Task[None] | None = None
    errors: list[BaseException] = field(default_factory=list)

    @property
    def channel(self) -> discord.TextChannel:
        channel = self.client.get_channel(DEFAULT_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        return channel

    async def guard(self, awaitable: Awaitable[T], timeout: float = 5) -> T:
        """Await something, but fail fast with the client's own exception if it dies meanwhile."""
        assert self.task is not None
        return await while_running(self.task, awaitable, timeout)

    async def completion_of(self, send: Awaitable[T]) -> T:
        """Run ``send`` and wait until the app command it triggers has finished in the bot."""
        finished = asyncio.ensure_future(self.client.wait_for("app_command_completion", timeout=5))
        try:
            result = await send
            await self.guard(finished)
        finally:
            finished.cancel()
            await asyncio.gather(finished, return_exceptions=True)
        return result


class MenuView(discord.ui.View):
    """One button; clicking it edits the message (callback type 7)."""

    def __init__(self) -> None:
        super().__init__(timeout=30)

    @discord.ui.button(label="Go", custom_id="menu:go", style=discord.ButtonStyle.primary)
    async def go(
        self, interaction: discord.Interaction, button: discord.ui.Button[MenuView]
    ) -> None:
        await interaction.response.edit_message(
            content=f"clicked by {interaction.user.name}", view=None
        )
        self.stop()


def build_bot(
    harness_errors: list[BaseException],
) -> tuple[discord.Client, app_commands.CommandTree[discord.Client]]:
    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @tree.command(description="Answers pong")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "pong", allowed_mentions=discord.AllowedMentions.none()
        )

    @tree.command(description="Defers, then follows up")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send("done")

    @tree.command(description="Pick a fruit")
    async def fruit(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"you picked {name}")

    @fruit.autocomplete("name")
    async def fruit_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f, value=f) for f in FRUITS if f.startswith(current)]

    @tree.command(description="Shows a button")
    async def menu(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("choose", view=MenuView())

    @tree.command(description="Guild only", guild=discord.Object(DEFAULT_GUILD_ID))
    async def guildping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"guild pong from {interaction.guild_id}")

    @tree.error
    async def on_app_command_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        harness_errors.append(
            error.original if isinstance(error, app_commands.CommandInvokeError) else error
        )

    return client, tree


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], timeout: float = 5) -> None:
    """Wait for READY or for the start task to die (then raise its error), whichever is first."""
    deadline = time.monotonic() + timeout
    while not client.is_ready():
        if task.done():
            task.result()
            raise AssertionError("client.start() returned before the client became ready")
        if time.monotonic() > deadline:
            raise TimeoutError(f"client not ready after {timeout}s")
        await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def running_bot(
    configure: Configure | None = None, **fake_kwargs: Any
) -> AsyncIterator[Harness]:
    """Start a fake, point discord.py at it, run the client until ready; tear down cleanly."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(token=TOKEN, **fake_kwargs)
    await fake.start()
    errors: list[BaseException] = []
    client, tree = build_bot(errors)
    harness = Harness(fake=fake, client=client, tree=tree, errors=errors)
    if configure is not None:
        configure(client, tree, harness)
    client_error: BaseException | None = None
    try:
        discord.http.Route.BASE = fake.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
        harness.task = asyncio.create_task(client.start(TOKEN), name="discord-client")
        await _wait_ready(client, harness.task)
        yield harness
    finally:
        await client.close()
        if harness.task is not None:
            await asyncio.wait({harness.task}, timeout=5)
            if not harness.task.done():
                harness.task.cancel()
                await asyncio.gather(harness.task, return_exceptions=True)
                client_error = AssertionError("the client was still running 5 s after close()")
            elif not harness.task.cancelled():
                client_error = harness.task.exception()
        await fake.stop()
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
    # only reached when the test body passed: now fail on anything it could not see
    if client_error is not None:
        raise client_error
    assert not fake.internal_errors, fake.internal_errors
    assert not errors, f"the bot hit errors: {errors!r}"


@pytest_asyncio.fixture
async def bot() -> AsyncIterator[Harness]:
    async with running_bot() as harness:
        yield harness


# --------------------------------------------------------------------- login


async def test_login_ready_and_guild_create(bot: Harness) -> None:
    fake, client = bot.fake, bot.client
    assert client.user is not None and client.user.id == fake.bot_user_id
    assert client.application_id == fake.application_id
    guild = client.get_guild(DEFAULT_GUILD_ID)
    assert guild is not None and guild.name == "Test Guild" and not guild.unavailable
    assert isinstance(guild.get_channel(DEFAULT_CHANNEL_ID), discord.TextChannel)
    assert guild.me is not None and guild.me.guild_permissions.send_messages
    assert guild.default_role.id == guild.id
    assert fake.identify_count == 1 and fake.resume_count == 0
    assert fake.identify_payloads[0]["intents"] == client.intents.value
    paths = [r.path for r in fake.requests]
    assert paths[:2] == ["/users/@me", "/oauth2/applications/@me"]
    assert all(r.headers["Authorization"] == f"Bot {TOKEN}" for r in fake.requests)
    assert fake.unknown_requests == []


async def test_wrong_token_is_a_login_failure() -> None:
    old_base = discord.http.Route.BASE
    async with FakeDiscord(token="the-right-token") as fake:
        discord.http.Route.BASE = fake.api_base
        client = discord.Client(intents=discord.Intents.default())
        try:
            with pytest.raises(discord.LoginFailure):
                await client.login("the-wrong-token")
        finally:
            await client.close()
            discord.http.Route.BASE = old_base
    assert [(r.path, r.status) for r in fake.requests] == [("/users/@me", 401)]
    assert fake.gateway_connections == []


async def test_tree_sync_is_recorded_with_stable_ids(bot: Harness) -> None:
    fake, tree = bot.fake, bot.tree
    synced = await tree.sync()
    guild_synced = await tree.sync(guild=discord.Object(DEFAULT_GUILD_ID))
    assert sorted(c["name"] for c in fake.registered_commands[None]) == [
        "fruit",
        "menu",
        "ping",
        "slow",
    ]
    assert [c["name"] for c in fake.registered_commands[DEFAULT_GUILD_ID]] == ["guildping"]
    assert [str(c.id) for c in synced] == [c["id"] for c in fake.registered_commands[None]]
    assert guild_synced[0].guild_id == DEFAULT_GUILD_ID
    assert all(
        c["application_id"] == str(fake.application_id) for c in fake.registered_commands[None]
    )
    again = await tree.sync()
    assert [c.id for c in again] == [c.id for c in synced], (
        "re-sync keeps command ids like Discord does"
    )
    assert len(fake.requests_to("PUT", r"/applications/\d+/commands")) == 2


# -------------------------------------------------------------- interactions


async def test_slash_command_gets_exactly_one_message_callback(bot: Harness) -> None:
    await bot.tree.sync()
    interaction = await bot.completion_of(bot.fake.send_command("ping", user=ALICE))
    assert interaction.callbacks == [
        {"type": 4, "data": {"content": "pong", "tts": False, "allowed_mentions": {"parse": []}}}
    ]
    assert interaction.callback_statuses == [200]
    assert interaction.allowed_mentions == [{"parse": []}]
    assert interaction.payload["data"]["id"] == next(
        c["id"] for c in bot.fake.registered_commands[None] if c["name"] == "ping"
    )
    message = await interaction.wait_for_message()
    assert message["content"] == "pong" and message["author"]["id"] == str(bot.fake.bot_user_id)
    assert 0 <= interaction.callback_times[0] < 3


async def test_guild_command_is_routed_through_data_guild_id(bot: Harness) -> None:
    await bot.tree.sync(guild=discord.Object(DEFAULT_GUILD_ID))
    interaction = await bot.completion_of(bot.fake.send_command("guildping", user=ALICE))
    assert interaction.payload["data"]["guild_id"] == str(DEFAULT_GUILD_ID)
    assert (await interaction.wait_for_message())[
        "content"
    ] == f"guild pong from {DEFAULT_GUILD_ID}"


async def test_deferred_command_then_followup(bot: Harness) -> None:
    interaction = await bot.completion_of(bot.fake.send_command("slow", user=ALICE))
    assert [c["type"] for c in interaction.callbacks] == [5]
    assert [f["content"] for f in interaction.followups] == ["done"]
    assert interaction.followup_times[0] >= interaction.callback_times[0] + 0.04
    message = await interaction.wait_for_message()
    assert message["content"] == "done"
    # the first followup after a "thinking" deferral replaces the loading message
    assert interaction.original_message is not None
    assert message["id"] == interaction.original_message["id"]
    assert interaction.original_message["flags"] & 128 == 0


async def test_autocomplete_answers_with_choices(bot: Harness) -> None:
    interaction = await bot.fake.send_interaction(
        type=4,
        data={
            "name": "fruit",
            "options": [{"name": "name", "type": 3, "value": "ap", "focused": True}],
        },
        user=ALICE,
        guild_id=DEFAULT_GUILD_ID,
        channel_id=DEFAULT_CHANNEL_ID,
    )
    callback = await bot.guard(interaction.wait_for_callback())
    assert callback["type"] == 8
    assert interaction.autocomplete_choices == [
        {"name": "apple", "value": "apple"},
        {"name": "apricot", "value": "apricot"},
    ]


async def test_button_click_is_a_component_interaction(bot: Harness) -> None:
    command = await bot.completion_of(bot.fake.send_command("menu", user=ALICE))
    shown = await command.wait_for_message()
    button = shown["components"][0]["components"][0]
    assert button["custom_id"] == "menu:go"
    assert command.original_message is not None

    click = await bot.fake.click(command.original_message, "menu:go", user=ALICE)
    assert click.payload["type"] == 3 and click.payload["message"]["id"] == shown["id"]
    callback = await bot.guard(click.wait_for_callback())
    assert callback["type"] == 7 and callback["data"]["content"] == "clicked by alice"
    assert callback["data"]["components"] == []
    edited = bot.fake.all_messages_in(DEFAULT_CHANNEL_ID)[-1]
    assert edited["id"] == shown["id"] and edited["content"] == "clicked by alice"


async def test_original_and_followup_edits_and_deletes_are_recorded() -> None:
    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        @tree.command(description="Edits its answers")
        async def editor(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("draft")
            await interaction.edit_original_response(content="final")
            followup = await interaction.followup.send("extra", wait=True)
            await followup.edit(content="extra (edited)")
            await followup.delete()

    async with running_bot(configure) as bot:
        interaction = await bot.completion_of(bot.fake.send_command("editor", user=ALICE))
        assert [e.kind for e in interaction.events] == [
            "callback",
            "edit",
            "followup",
            "edit",
            "delete",
        ]
        assert [c["type"] for c in interaction.callbacks] == [4]
        assert [e["content"] for e in interaction.edits] == ["final", "extra (edited)"]
        followup_id = interaction.events[2].message["id"]  # type: ignore[index]
        assert interaction.edit_targets == ["@original", followup_id]
        assert interaction.deletes == [followup_id]
        assert interaction.edit_times == sorted(interaction.edit_times)
        original = interaction.original_message
        assert original is not None and original["content"] == "final"
        assert original["edited_timestamp"] is not None
        assert [m["content"] for m in bot.fake.all_messages_in(DEFAULT_CHANNEL_ID)] == ["final"]


async def test_second_response_is_rejected_like_discord() -> None:
    rejected: list[discord.HTTPException] = []

    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        # A classic bug: a global listener answers the same interaction the command answers.
        @client.event
        async def on_interaction(interaction: discord.Interaction) -> None:
            if interaction.data and interaction.data.get("name") == "ping":
                try:
                    await interaction.response.send_message("me too")
                except discord.HTTPException as exc:
                    rejected.append(exc)

    async with running_bot(configure) as bot:
        interaction = await bot.fake.send_command("ping", user=ALICE)
        await interaction.wait_until(lambda i: len(i.callbacks) == 2)
        await bot.guard(
            bot.fake.wait_for(
                lambda: len(rejected) + len(bot.errors) == 1, what="the bot to see the 400"
            )
        )
        assert interaction.callback_statuses == [200, 400]
        assert len(interaction.accepted_callbacks) == 1
        losers = rejected + bot.errors
        assert isinstance(losers[0], discord.HTTPException)
        assert losers[0].status == 400 and losers[0].code == 40060
        bot.errors.clear()  # expected


async def test_answer_after_the_deadline_is_unknown_interaction() -> None:
    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        @tree.command(description="Too slow")
        async def sluggish(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.3)
            await interaction.response.send_message("late")

    async with running_bot(configure, interaction_deadline=0.2) as bot:
        interaction = await bot.fake.send_command("sluggish", user=ALICE)
        await bot.guard(bot.fake.wait_for(lambda: bot.errors, what="the bot to hit the deadline"))
        assert interaction.callback_statuses == [404]
        error = bot.errors.pop()
        assert isinstance(error, discord.NotFound) and error.code == 10062


# ------------------------------------------------------------------- messages


async def test_user_message_is_dispatched_and_reply_recorded() -> None:
    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        @client.event
        async def on_message(message: discord.Message) -> None:
            if message.content == "!hello":
                await message.reply(f"hi {message.author.display_name}", mention_author=False)

    async with running_bot(configure) as bot:
        sent = await bot.fake.send_message(
            content="!hello", author=ALICE, channel_id=DEFAULT_CHANNEL_ID, guild_id=DEFAULT_GUILD_ID
        )
        reply = await bot.guard(bot.fake.wait_for_message_in(DEFAULT_CHANNEL_ID))
        assert reply["content"] == "hi Alice"
        assert reply["message_reference"]["message_id"] == sent["id"]
        assert reply["allowed_mentions"]["replied_user"] is False
        assert reply["mentions"] == [], "mention_author=False must not ping"


async def test_channel_send_nonce_is_recorded_and_deduplicated(bot: Harness) -> None:
    first = await bot.channel.send("hello", nonce="n-1")
    again = await bot.channel.send("hello", nonce="n-1")
    other = await bot.channel.send("hello", nonce="n-2")
    assert first.id == again.id != other.id
    assert [m["nonce"] for m in bot.fake.messages_in(DEFAULT_CHANNEL_ID)] == ["n-1", "n-2"]
    posts = bot.fake.requests_to("POST", MESSAGES_PATH)
    assert [(p.json["nonce"], p.json["enforce_nonce"], p.status) for p in posts] == [
        ("n-1", True, 200),
        ("n-1", True, 200),
        ("n-2", True, 200),
    ]


async def test_allowed_mentions_are_recorded_and_applied(bot: Harness) -> None:
    bot.fake.add_user(ALICE)
    content = f"hi {ALICE.mention} and @everyone"
    pinged = await bot.channel.send(
        content,
        allowed_mentions=discord.AllowedMentions(everyone=False, users=[discord.Object(ALICE.id)]),
    )
    silent = await bot.channel.send(content, allowed_mentions=discord.AllowedMentions.none())
    stored = bot.fake.messages_in(DEFAULT_CHANNEL_ID)
    assert stored[0]["allowed_mentions"]["users"] == [ALICE.id]
    assert [u["id"] for u in stored[0]["mentions"]] == [str(ALICE.id)]
    assert stored[0]["mention_everyone"] is False
    assert stored[1]["allowed_mentions"] == {"parse": []} and stored[1]["mentions"] == []
    assert [m.id for m in pinged.mentions] == [ALICE.id] and silent.mentions == []


async def test_files_are_parsed_from_multipart(bot: Harness) -> None:
    import io

    await bot.channel.send(
        "report", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), filename="report.csv")
    )
    request = bot.fake.requests_to("POST", MESSAGES_PATH)[-1]
    assert request.json["content"] == "report"
    assert [(f.part_name, f.filename, f.size, f.content) for f in request.files] == [
        ("files[0]", "report.csv", 8, b"a,b\n1,2\n")
    ]
    stored = bot.fake.messages_in(DEFAULT_CHANNEL_ID)[-1]
    assert stored["files"][0]["filename"] == "report.csv" and stored["attachments"][0]["size"] == 8


async def test_discord_limits_are_enforced(bot: Harness) -> None:
    with pytest.raises(discord.HTTPException) as too_long:
        await bot.channel.send("x" * 2001)
    assert too_long.value.status == 400 and too_long.value.code == 50035
    with pytest.raises(discord.HTTPException) as too_big:
        await bot.channel.send(embed=discord.Embed(title="t" * 257))
    assert too_big.value.code == 50035 and "embeds.0.title" in str(too_big.value)
    assert bot.fake.messages_in(DEFAULT_CHANNEL_ID) == []


# --------------------------------------------------------------------- faults


async def test_429_with_via_is_retried_and_succeeds(bot: Harness) -> None:
    bot.fake.faults.add(
        method="POST", path=MESSAGES_PATH, response=Fault.rate_limited(0.3), times=1
    )
    started = time.monotonic()
    message = await bot.channel.send("after the limit")
    assert time.monotonic() - started >= 0.3
    assert [r.status for r in bot.fake.requests_to("POST", MESSAGES_PATH)] == [429, 200]
    assert bot.fake.messages_in(DEFAULT_CHANNEL_ID)[0]["id"] == str(message.id)
    assert bot.fake.faults.pending == []


async def test_429_without_via_raises(bot: Harness) -> None:
    bot.fake.faults.add(
        method="POST", path=MESSAGES_PATH, response=Fault.rate_limited(0.3, via=False)
    )
    with pytest.raises(discord.HTTPException) as info:
        await bot.channel.send("banned?")
    assert info.value.status == 429
    assert [r.status for r in bot.fake.requests_to("POST", MESSAGES_PATH)] == [429]
    assert bot.fake.messages_in(DEFAULT_CHANNEL_ID) == []


async def test_500_then_success_is_retried(bot: Harness) -> None:
    bot.fake.faults.add(method="POST", path=MESSAGES_PATH, response=Fault.server_error(500))
    await bot.channel.send("eventually")
    assert [r.status for r in bot.fake.requests_to("POST", MESSAGES_PATH)] == [500, 200]
    assert len(bot.fake.messages_in(DEFAULT_CHANNEL_ID)) == 1


async def test_403_and_404_raise_at_once(bot: Harness) -> None:
    bot.fake.faults.add(method="POST", path=MESSAGES_PATH, response=Fault.forbidden())
    with pytest.raises(discord.Forbidden) as forbidden:
        await bot.channel.send("nope")
    assert forbidden.value.code == 50013

    bot.fake.faults.add(method="POST", path=MESSAGES_PATH, response=Fault.not_found())
    with pytest.raises(discord.NotFound) as injected:
        await bot.channel.send("gone")
    assert injected.value.code == 10003

    with pytest.raises(discord.NotFound) as real:
        await bot.client.get_partial_messageable(424242).send("nobody home")
    assert real.value.code == 10003
    assert [r.status for r in bot.fake.requests_to("POST", MESSAGES_PATH)] == [403, 404, 404]


async def test_delay_and_global_429(bot: Harness) -> None:
    bot.fake.faults.add(method="POST", path=MESSAGES_PATH, response=Fault.delay(0.2))
    bot.fake.faults.add(
        method="POST", path=MESSAGES_PATH, response=Fault.rate_limited(0.2, global_=True)
    )
    started = time.monotonic()
    await bot.channel.send("slow")
    await bot.channel.send("globally limited")
    assert time.monotonic() - started >= 0.4
    posts = bot.fake.requests_to("POST", MESSAGES_PATH)
    assert [(p.status, p.fault) for p in posts] == [
        (200, "delay"),
        (429, "rate_limited"),
        (200, None),
    ]
    assert len(bot.fake.messages_in(DEFAULT_CHANNEL_ID)) == 2


async def test_bucket_headers_make_the_client_wait(bot: Harness) -> None:
    bucket = bot.fake.faults.bucket(
        method="POST", path=MESSAGES_PATH, limit=2, reset_after=0.3, enforce=True
    )
    started = time.monotonic()
    for n in range(3):
        await bot.channel.send(f"burst {n}")
    assert time.monotonic() - started >= 0.2, "discord.py must pre-emptively wait at remaining 0"
    assert bucket.rejected == 0
    assert [r.status for r in bot.fake.requests_to("POST", MESSAGES_PATH)] == [200, 200, 200]


async def test_unknown_route_is_recorded(bot: Harness) -> None:
    with pytest.raises(discord.NotFound) as info:
        await bot.client.http.request(discord.http.Route("GET", "/nope/{thing_id}", thing_id=7))
    assert info.value.code == 0
    assert [(r.method, r.path, r.status) for r in bot.fake.unknown_requests] == [
        ("GET", "/nope/7", 404)
    ]


# -------------------------------------------------------------------- gateway


async def test_dropped_gateway_is_resumed(bot: Harness) -> None:
    resumed = asyncio.ensure_future(bot.client.wait_for("resumed", timeout=5))
    await bot.fake.drop_gateway(code=4000)
    await bot.guard(bot.fake.wait_until_resumed())
    await bot.guard(resumed)
    assert bot.fake.resume_count == 1 and bot.fake.identify_count == 1
    resume_frame = next(f for f in bot.fake.gateway_received if f["op"] == 6)
    assert resume_frame["d"]["session_id"] == bot.fake.dispatched[0][1]["session_id"]
    interaction = await bot.completion_of(bot.fake.send_command("ping", user=ALICE))
    assert [c["type"] for c in interaction.callbacks] == [4]


@pytest.mark.parametrize("notify_invalid_session", [True, False], ids=["op9", "close-4009"])
async def test_non_resumable_drop_reidentifies(notify_invalid_session: bool) -> None:
    identify_hook_calls: list[bool] = []

    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        # discord.py's default hook sleeps 5 s before every non-initial IDENTIFY
        async def before_identify_hook(shard_id: int | None, *, initial: bool = False) -> None:
            identify_hook_calls.append(initial)

        client.before_identify_hook = before_identify_hook  # type: ignore[method-assign]

    async with running_bot(configure) as bot:
        await bot.fake.drop_gateway(
            code=4009, resumable=False, notify_invalid_session=notify_invalid_session
        )
        await bot.guard(bot.fake.wait_until_identified(count=2))
        assert bot.fake.identify_count == 2 and bot.fake.resume_count == 0
        assert bot.fake.invalid_session_count == 1
        assert identify_hook_calls == [True, False]
        if not notify_invalid_session:
            assert [f["op"] for f in bot.fake.gateway_received if f["op"] in (2, 6)] == [2, 6, 2], (
                "the client first tries to RESUME, is refused with op 9, then IDENTIFYs"
            )
        first, second = (p for event, p in bot.fake.dispatched if event == "READY")
        assert first["session_id"] != second["session_id"]
        await bot.guard(bot.client.wait_until_ready())
        interaction = await bot.completion_of(bot.fake.send_command("ping", user=ALICE))
        assert [c["type"] for c in interaction.callbacks] == [4]


async def test_zlib_stream_compression() -> None:
    async with running_bot(compress=True, compressed_frame_size=200) as bot:
        connection = bot.fake.gateway_connections[0]
        assert connection.compressed and connection.query["compress"] == "zlib-stream"
        assert bot.client.get_guild(DEFAULT_GUILD_ID) is not None
        interaction = await bot.completion_of(bot.fake.send_command("ping", user=ALICE))
        assert [c["type"] for c in interaction.callbacks] == [4]


async def test_short_heartbeat_interval() -> None:
    async with running_bot(heartbeat_interval_ms=100) as bot:
        await bot.guard(
            bot.fake.wait_for(lambda: bot.fake.heartbeat_count >= 4, what="4 heartbeats")
        )
        assert bot.client.latency < 1.0
        assert bot.fake.gateway_connections[0].close_code is None, "still the first connection"
