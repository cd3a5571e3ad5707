"""/subscribe, /subscriptions, /follow and the Follow button through the fake Discord: the
permission is checked in code, the bot checks it can post before saving, a ping role is the
one mention an announcement may make, and a click on Follow follows."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.announcements.desk import StatusRequest
from db.vocabulary import ShowStatus
from tests.e2e.conftest import ASKER, TOKEN, Showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, FakeDiscord, FakeInteraction, JSONDict
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild, FakeRole
from tests.e2e.fake_discord.payloads import interaction_channel_payload
from tests.e2e.fake_discord.protocol import (
    DEFAULT_BOT_ROLE_PERMISSIONS,
    DEFAULT_CHANNEL_ID,
    DEFAULT_EVERYONE_PERMISSIONS,
    DEFAULT_OWNER_ID,
    PERM_EMBED_LINKS,
)

pytestmark = pytest.mark.asyncio

NEWS = 1200000000000000200
NO_EMBEDS_GUILD = 1200000000000000300
NO_EMBEDS_NEWS = 1200000000000000301
ROLE = FakeRole(id=1200000000000000400, name="tv-news", mentionable=True)
MANAGE_CHANNELS = 1 << 4


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    home = FakeGuild(
        id=DEFAULT_GUILD_ID,
        name="Test Guild",
        channels=[
            FakeChannel(id=DEFAULT_CHANNEL_ID, name="general"),
            FakeChannel(id=NEWS, name="news"),
        ],
        owner_id=DEFAULT_OWNER_ID,
        roles=[ROLE],
    )
    no_embeds = FakeGuild(
        id=NO_EMBEDS_GUILD,
        name="Strict Guild",
        channels=[FakeChannel(id=NO_EMBEDS_NEWS, name="news")],
        owner_id=DEFAULT_OWNER_ID,
        everyone_permissions=DEFAULT_EVERYONE_PERMISSIONS & ~PERM_EMBED_LINKS,
        bot_permissions=DEFAULT_BOT_ROLE_PERMISSIONS & ~PERM_EMBED_LINKS,
    )
    async with FakeDiscord(token=TOKEN, guilds=[home, no_embeds]) as fake:
        yield fake


async def subscribe(
    showbot: Showbot,
    channel: int,
    *,
    guild_id: int = DEFAULT_GUILD_ID,
    may_manage: bool = True,
    extra: list[JSONDict] | None = None,
    resolved_roles: dict[str, JSONDict] | None = None,
) -> JSONDict:
    fake = showbot.fake
    guild = fake.guild(guild_id)
    permissions = DEFAULT_EVERYONE_PERMISSIONS | (MANAGE_CHANNELS if may_manage else 0)
    resolved: JSONDict = {
        "channels": {str(channel): interaction_channel_payload(guild, channel, permissions)}
    }
    if resolved_roles:
        resolved["roles"] = resolved_roles
    data = {
        "name": "subscribe",
        "options": [{"type": 7, "name": "channel", "value": str(channel)}, *(extra or [])],
        "resolved": resolved,
    }
    interaction = await fake.send_interaction(
        type=2,
        data=data,
        user=ASKER,
        guild_id=guild_id,
        channel_id=guild.channels[0].id,
        permissions=permissions,
    )
    return await showbot.guard(interaction.wait_for_message(timeout=8))


async def command(showbot: Showbot, name: str, options: list[JSONDict] | None = None) -> JSONDict:
    interaction: FakeInteraction = await showbot.fake.send_command(
        name, user=ASKER, options=options or []
    )
    return await showbot.guard(interaction.wait_for_message(timeout=8))


def dms_to_asker(fake: FakeDiscord) -> list[JSONDict]:
    channel = fake.dm_channel_by_user.get(ASKER.id)
    return fake.messages_in(channel) if channel is not None else []


def private(message: JSONDict) -> bool:
    return bool(message.get("flags", 0) & 64)


async def test_only_members_who_manage_channels_can_subscribe(showbot: Showbot) -> None:
    refused = await subscribe(showbot, NEWS, may_manage=False)
    assert private(refused) and "permission" in refused["content"]
    assert await showbot.app.subscriptions.listing(guild_id=DEFAULT_GUILD_ID) == []

    done = await subscribe(
        showbot, NEWS, extra=[{"type": 3, "name": "kinds", "value": "cancellations"}]
    )
    assert private(done) and f"<#{NEWS}>" in done["content"] and "cancellations" in done["content"]
    listed = await command(showbot, "subscriptions")
    assert private(listed) and f"<#{NEWS}>" in listed["content"]
    assert "nothing delivered yet" in listed["content"]


async def test_a_channel_the_bot_cannot_post_embeds_in_is_refused(showbot: Showbot) -> None:
    refused = await subscribe(showbot, NO_EMBEDS_NEWS, guild_id=NO_EMBEDS_GUILD)
    assert private(refused) and "Embed Links" in refused["content"]
    assert await showbot.app.subscriptions.listing(guild_id=NO_EMBEDS_GUILD) == []


async def test_bad_kinds_are_refused_with_the_kinds_there_are(showbot: Showbot) -> None:
    refused = await subscribe(
        showbot, NEWS, extra=[{"type": 3, "name": "kinds", "value": "gossip"}]
    )
    assert private(refused) and "renewals, cancellations" in refused["content"]
    assert await showbot.app.subscriptions.listing(guild_id=DEFAULT_GUILD_ID) == []


async def test_an_announcement_pings_its_role_and_its_follow_button_follows(
    showbot: Showbot,
) -> None:
    app, fake = showbot.app, showbot.fake
    showbot.ping_roles.add(ROLE.id)
    role_payload = ROLE.to_payload()
    await subscribe(
        showbot,
        NEWS,
        extra=[{"type": 8, "name": "ping_role", "value": str(ROLE.id)}],
        resolved_roles={str(ROLE.id): role_payload},
    )
    match = app.catalogue.index.resolve("the watcher").match
    assert match is not None
    await app.status.set_status(
        StatusRequest(show_id=match.entry.show_id, status=ShowStatus.CANCELLED)
    )
    posted = await showbot.guard(fake.wait_for_message_in(NEWS, timeout=10))
    assert posted["content"] == f"<@&{ROLE.id}>"
    request = fake.requests_to("POST", rf"/channels/{NEWS}/messages")[0]
    assert isinstance(request.json, dict)
    assert [int(r) for r in request.json["allowed_mentions"]["roles"]] == [ROLE.id]
    assert request.json["allowed_mentions"]["parse"] == []

    button = posted["components"][0]["components"][0]
    click = await fake.click(posted, button["custom_id"], user=ASKER)
    reply = await showbot.guard(click.wait_for_message(timeout=8))
    assert private(reply) and "You now follow **The Watcher**" in reply["content"]
    following = await command(showbot, "following")
    assert "The Watcher" in following["content"]


async def test_the_schedule_takes_a_time_zone_and_a_digest(showbot: Showbot) -> None:
    options: list[JSONDict] = [
        {"type": 3, "name": "timezone", "value": "Europe/Paris"},
        {"type": 3, "name": "digest_day", "value": "sunday"},
        {"type": 3, "name": "digest_time", "value": "18:30"},
    ]
    manage = DEFAULT_EVERYONE_PERMISSIONS | MANAGE_CHANNELS
    interaction = await showbot.fake.send_command(
        "schedule", user=ASKER, options=options, permissions=manage
    )
    done = await showbot.guard(interaction.wait_for_message(timeout=8))
    assert (
        private(done) and "Europe/Paris" in done["content"] and "Sunday at 18:30" in done["content"]
    )
    bad = await showbot.fake.send_command(
        "schedule",
        user=ASKER,
        options=[{"type": 3, "name": "timezone", "value": "Mars/Olympus"}],
        permissions=manage,
    )
    refused = await showbot.guard(bad.wait_for_message(timeout=8))
    assert private(refused) and "not a time zone I know" in refused["content"]
    schedule = await showbot.app.subscriptions.schedule(DEFAULT_GUILD_ID)
    assert (schedule.time_zone, schedule.digest_weekday, schedule.digest_time) == (
        "Europe/Paris",
        6,
        "18:30",
    )


async def test_a_paused_channel_resumes_as_it_was_set_up(showbot: Showbot) -> None:
    app, fake = showbot.app, showbot.fake
    showbot.ping_roles.add(ROLE.id)
    await subscribe(
        showbot,
        NEWS,
        extra=[
            {"type": 3, "name": "kinds", "value": "cancellations"},
            {"type": 3, "name": "network", "value": "netflix"},
            {"type": 8, "name": "ping_role", "value": str(ROLE.id)},
        ],
        resolved_roles={str(ROLE.id): ROLE.to_payload()},
    )
    fake.faults.forbidden(method="POST", path=rf"/channels/{NEWS}/messages", times=None)
    match = app.catalogue.index.resolve("the watcher").match
    assert match is not None
    await app.status.set_status(
        StatusRequest(show_id=match.entry.show_id, status=ShowStatus.CANCELLED)
    )
    await showbot.guard(
        fake.wait_for(lambda: fake.requests_to("POST", rf"/channels/{NEWS}/messages") or None)
    )
    await showbot.guard(fake.wait_for(lambda: dms_to_asker(fake) or None, timeout=10))
    listed = await command(showbot, "subscriptions")
    assert "⏸️ paused" in listed["content"] and "not allowed" in listed["content"]
    fake.faults.clear()

    resumed = await subscribe(showbot, NEWS)  # the channel alone, as the notice says
    assert "Resumed" in resumed["content"] and "cancellations on Netflix" in resumed["content"]
    posted = await showbot.guard(fake.wait_for_message_in(NEWS, timeout=10))
    assert posted["content"] == f"<@&{ROLE.id}>"  # the ping role kept
    assert "Netflix cancels The Watcher" in posted["embeds"][0]["title"]
    listed = await command(showbot, "subscriptions")
    assert "cancellations on Netflix" in listed["content"] and "✅" in listed["content"]
    assert len(await app.subscriptions.listing(guild_id=DEFAULT_GUILD_ID)) == 1


async def test_a_network_no_show_is_on_or_a_show_on_another_is_refused(showbot: Showbot) -> None:
    typo = await subscribe(showbot, NEWS, extra=[{"type": 3, "name": "network", "value": "Netflx"}])
    assert private(typo) and "Did you mean Netflix?" in typo["content"]
    other = await subscribe(
        showbot,
        NEWS,
        extra=[
            {"type": 3, "name": "network", "value": "Netflix"},
            {"type": 3, "name": "show", "value": "Kettle Street"},
        ],
    )
    assert private(other)
    assert await showbot.app.subscriptions.listing(guild_id=DEFAULT_GUILD_ID) == []
