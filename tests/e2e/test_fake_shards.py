"""Self-test of the fake Discord's shard routing: with several gateway sessions live (one
client running two shards, or two clients running one each), every event of a guild goes to
the session whose shard owns the guild, events outside any guild to shard 0, and an
unsharded session gets everything. Real discord.py clients (``AutoShardedClient``) connect.
"""

# The wait helpers take explicit ``timeout`` arguments on purpose.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import yarl
from discord import app_commands

from tests.e2e.fake_discord import FakeDiscord, FakeInteraction, FakeUser, while_running
from tests.e2e.fake_discord.entities import FakeGuild, guilds_over_shards

pytestmark = pytest.mark.asyncio

TOKEN = "fake-shard-token"
ALICE = FakeUser(id=1200000000000000200, username="alice")
SHARDED = guilds_over_shards(2, 1)
GUILD_0, GUILD_1 = SHARDED[0][0].id, SHARDED[1][0].id
DM_CHANNEL = 1200000000000000300


def channel_of(guild_id: int) -> int:
    return guild_id + 1


def guilds() -> list[FakeGuild]:
    return [*SHARDED[0], *SHARDED[1]]


class NamedClient(discord.Client):
    """A client that answers `/where` with its name and records the messages it sees (a plain
    `Client` is unsharded: its IDENTIFY names no shard)."""

    def __init__(self, name: str, **options: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, guild_ready_timeout=0.05, **options)
        self.name = name
        self.seen_messages: list[int] = []
        self.tree: app_commands.CommandTree[NamedClient] = app_commands.CommandTree(self)

        @self.tree.command(description="Says which client answers")
        async def where(interaction: discord.Interaction[NamedClient]) -> None:
            await interaction.response.send_message(
                self.name, allowed_mentions=discord.AllowedMentions.none()
            )

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No 5 s pause between a process's shards: the fake has no identify rate limit."""

    async def on_message(self, message: discord.Message) -> None:
        self.seen_messages.append(message.id)


class NamedShardedClient(NamedClient, discord.AutoShardedClient):
    """The same, running the shards `shard_ids` of `shard_count` (all of them by default)."""


@contextlib.asynccontextmanager
async def running(fake: FakeDiscord, *clients: NamedClient) -> AsyncIterator[None]:
    """The clients connected to the fake and ready; closed cleanly on the way out."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    tasks = [asyncio.create_task(client.start(TOKEN)) for client in clients]
    try:
        for client, task in zip(clients, tasks, strict=True):
            await while_running(task, client.wait_until_ready(), timeout=10)
        yield
    finally:
        for client in clients:
            await client.close()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway
    assert [r for r in results if r is not None] == [], results
    assert fake.internal_errors == []


async def where(fake: FakeDiscord, guild_id: int | None, timeout: float = 5) -> FakeInteraction:
    """`/where` in the guild (None: in a DM); returns it once answered."""
    channel = channel_of(guild_id) if guild_id is not None else DM_CHANNEL
    interaction = await fake.send_command(
        "where", user=ALICE, guild_id=guild_id, channel_id=channel, timeout=timeout
    )
    await interaction.wait_for_callback()
    return interaction


def answered_by(interaction: FakeInteraction) -> str:
    assert interaction.callback_statuses == [200], interaction
    content: str = interaction.callbacks[0]["data"]["content"]
    return content


def interactions_on(fake: FakeDiscord, shard: list[int] | None) -> list[int]:
    """Ids of the interactions sent on the connections of this shard."""
    return [
        int(data["id"])
        for info in fake.gateway_connections
        if info.shard == shard
        for event, data in info.dispatched
        if event == "INTERACTION_CREATE"
    ]


async def test_two_clients_each_get_their_own_shards_guilds_and_events() -> None:
    first = NamedShardedClient("first", shard_count=2, shard_ids=[0])
    second = NamedShardedClient("second", shard_count=2, shard_ids=[1])
    async with FakeDiscord(token=TOKEN, guilds=guilds()) as fake, running(fake, first, second):
        assert sorted(p["shard"] for p in fake.identify_payloads) == [[0, 2], [1, 2]]
        assert [g.id for g in first.guilds] == [GUILD_0]
        assert [g.id for g in second.guilds] == [GUILD_1]

        in_0, in_1, in_dm = [await where(fake, guild) for guild in (GUILD_0, GUILD_1, None)]
        assert [answered_by(i) for i in (in_0, in_1, in_dm)] == ["first", "second", "first"]
        assert [in_0.shard, in_1.shard, in_dm.shard] == [[0, 2], [1, 2], [0, 2]]
        assert interactions_on(fake, [0, 2]) == [in_0.id, in_dm.id]
        assert interactions_on(fake, [1, 2]) == [in_1.id]

        sent = await fake.send_message(
            content="hello", author=ALICE, channel_id=channel_of(GUILD_1), guild_id=GUILD_1
        )
        await fake.wait_for(lambda: int(sent["id"]) in second.seen_messages, what="the message")
        assert first.seen_messages == []


async def test_one_client_running_both_shards_gets_each_guilds_events_on_its_shard() -> None:
    client = NamedShardedClient("both", shard_count=2)
    async with FakeDiscord(token=TOKEN, guilds=guilds()) as fake, running(fake, client):
        assert sorted(p["shard"] for p in fake.identify_payloads) == [[0, 2], [1, 2]]
        assert sorted(g.id for g in client.guilds) == [GUILD_0, GUILD_1]
        assert {g.id: g.shard_id for g in client.guilds} == {GUILD_0: 0, GUILD_1: 1}
        in_1, in_0 = await where(fake, GUILD_1), await where(fake, GUILD_0)
        assert (answered_by(in_0), answered_by(in_1)) == ("both", "both")
        assert interactions_on(fake, [0, 2]) == [in_0.id]
        assert interactions_on(fake, [1, 2]) == [in_1.id]


async def test_an_event_waits_for_the_session_of_its_shard() -> None:
    first = NamedShardedClient("first", shard_count=2, shard_ids=[0])
    second = NamedShardedClient("second", shard_count=2, shard_ids=[1])
    async with FakeDiscord(token=TOKEN, guilds=guilds()) as fake, running(fake, first):
        with pytest.raises(TimeoutError, match=f"guild {GUILD_1}"):
            await fake.send_command("where", user=ALICE, guild_id=GUILD_1, timeout=0.3)
        assert [e for e, _ in fake.dispatched if e == "INTERACTION_CREATE"] == []

        waiting = asyncio.create_task(where(fake, GUILD_1, timeout=10))
        await asyncio.sleep(0.1)
        assert not waiting.done()
        async with running(fake, second):
            assert answered_by(await waiting) == "second"


async def test_dropping_one_shard_leaves_the_other_and_its_events_follow_the_resume() -> None:
    first = NamedShardedClient("first", shard_count=2, shard_ids=[0])
    second = NamedShardedClient("second", shard_count=2, shard_ids=[1])
    async with FakeDiscord(token=TOKEN, guilds=guilds()) as fake, running(fake, first, second):
        await fake.drop_gateway(code=4000, shard_id=1)
        await fake.wait_until_resumed()
        open_shards = sorted(
            (info.shard, info.resumed)
            for info in fake.gateway_connections
            if info.closed_at is None
        )
        assert open_shards == [([0, 2], False), ([1, 2], True)]
        assert answered_by(await where(fake, GUILD_1)) == "second"
        resumed = next(info for info in fake.gateway_connections if info.resumed)
        assert [e for e, _ in resumed.dispatched] == ["RESUMED", "INTERACTION_CREATE"]
        assert answered_by(await where(fake, GUILD_0)) == "first"


async def test_an_unsharded_session_gets_every_guilds_events_unless_a_newer_one_owns_it() -> None:
    older = NamedClient("older")
    newer = NamedShardedClient("newer", shard_count=2, shard_ids=[1])
    async with FakeDiscord(token=TOKEN, guilds=guilds()) as fake, running(fake, older):
        assert "shard" not in fake.identify_payloads[0]
        assert sorted(g.id for g in older.guilds) == [GUILD_0, GUILD_1]
        answers = [answered_by(await where(fake, g)) for g in (GUILD_0, GUILD_1, None)]
        assert answers == ["older"] * 3
        async with running(fake, newer):
            answers = [answered_by(await where(fake, g)) for g in (GUILD_0, GUILD_1, None)]
            assert answers == ["older", "newer", "older"]
        assert answered_by(await where(fake, GUILD_1)) == "older"
