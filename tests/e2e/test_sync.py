"""What the bot registers with Discord, and when."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from db.queries import get_state, set_state
from tests.e2e.conftest import Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, FakeDiscord

pytestmark = pytest.mark.asyncio

COMMANDS = r"/applications/\d+/commands"
GUILD_COMMANDS = r"/applications/\d+/guilds/\d+/commands"


async def test_the_exact_command_set_and_permissions(showbot: Showbot) -> None:
    [put] = showbot.fake.requests_to("PUT", COMMANDS)
    assert put.status == 200
    registered = {c["name"]: c for c in showbot.fake.registered_commands[None]}
    assert sorted(registered) == [
        "follow",
        "following",
        "schedule",
        "show",
        "subscribe",
        "subscriptions",
        "unfollow",
        "unsubscribe",
    ]
    manage_channels = 1 << 4
    for name in ("subscribe", "unsubscribe", "schedule"):
        # A hint to Discord; the command checks the permission again itself.
        assert int(registered[name]["default_member_permissions"]) == manage_channels, name
        assert registered[name]["contexts"] == [0], name  # servers only
    for name in ("follow", "unfollow", "following", "subscriptions"):
        assert registered[name].get("default_member_permissions") is None, name
    show = registered["show"]
    assert show["type"] == 1
    assert show.get("default_member_permissions") is None  # everyone may ask
    subcommands = {o["name"]: o for o in show["options"]}
    assert sorted(subcommands) == ["ask", "cast", "ending", "help", "scorecard", "status"]
    assert all(o["type"] == 1 for o in subcommands.values())
    [network] = subcommands["scorecard"]["options"]
    assert network["name"] == "network" and network["autocomplete"] and network["required"]
    titles = [subcommands[n]["options"][0] for n in ("status", "cast", "ending")]
    assert all(t["name"] == "title" and t["autocomplete"] and t["required"] for t in titles)
    assert [o["name"] for o in subcommands["ending"]["options"]] == ["title", "season"]
    assert not subcommands["ask"]["options"][0].get("autocomplete")


async def test_a_restart_with_unchanged_commands_does_not_sync(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    for _ in range(2):
        app, bot, task = await start_showbot(fake, e2e_settings)
        await stop_showbot(app, bot, task)
    assert len(fake.requests_to("PUT", COMMANDS)) == 1
    assert fake.identify_count == 2


async def test_changed_commands_are_synced_on_the_next_start(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    app, bot, task = await start_showbot(fake, e2e_settings)
    key = f"commands:{bot.application_id}:global"
    async with app.database.transaction() as session:
        # What an older release with other command definitions would have left behind.
        await set_state(session, key, "digest-of-older-definitions")
    await stop_showbot(app, bot, task)
    app, bot, task = await start_showbot(fake, e2e_settings)
    async with app.database.session() as session:
        assert await get_state(session, key) == bot.command_digest(None)
    await stop_showbot(app, bot, task)
    assert len(fake.requests_to("PUT", COMMANDS)) == 2


async def test_a_development_guild_gets_the_commands_instead(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    settings = e2e_settings.model_copy(update={"dev_guild_id": DEFAULT_GUILD_ID})
    app, bot, task = await start_showbot(fake, settings)
    await stop_showbot(app, bot, task)
    assert fake.requests_to("PUT", COMMANDS) == []
    assert len(fake.requests_to("PUT", GUILD_COMMANDS)) == 1
    names = [c["name"] for c in fake.registered_commands[DEFAULT_GUILD_ID]]
    assert "show" in names and "subscribe" in names
