"""The gateway events a test makes happen as a user: an interaction (INTERACTION_CREATE with
the member, channel and permissions Discord attaches, and the files its attachment options
name resolved) and a message (MESSAGE_CREATE, as each session's intents let it see it).
Building one also puts it into the fake's world (the user becomes known, a DM channel opens,
the message can be fetched, the interaction is registered) so the bot's answers find what
they refer to; sending it is the business of ``gateway``.
"""

from __future__ import annotations

import copy
import re
import secrets
from collections.abc import Sequence

from tests.e2e.fake_discord.attachments import attachment_option_values, resolve_attachments
from tests.e2e.fake_discord.entities import FakeUser
from tests.e2e.fake_discord.gateway_connection import Session
from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.messages import ensure_dm_channel
from tests.e2e.fake_discord.payloads import (
    bot_permissions,
    interaction_channel_payload,
    member_payload,
    member_permissions,
)
from tests.e2e.fake_discord.protocol import (
    ALL_PERMISSIONS,
    ATTACHMENT_SIZE_LIMIT,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    JSONDict,
    iso_now,
    new_snowflake,
)
from tests.e2e.fake_discord.state import FakeDiscordState


def new_interaction(
    state: FakeDiscordState,
    *,
    type: int,
    data: JSONDict,
    user: FakeUser,
    guild_id: int | None,
    channel_id: int,
    message: JSONDict | None,
    locale: str,
    roles: Sequence[int],
    permissions: int | None,
    app_permissions: int | None,
) -> FakeInteraction:
    """A complete INTERACTION_CREATE, registered with its recorder but not yet dispatched."""
    state.add_user(user)
    guild = state.guild(guild_id) if guild_id is not None else None
    data = copy.deepcopy(data)
    if type in (2, 4):
        _complete_command_data(state, data, guild_id)
    if type == 2:
        resolve_attachments(state, data, list(attachment_option_values(data.get("options"))))

    payload: JSONDict = {
        "id": str(new_snowflake()),
        "application_id": str(state.application_id),
        "type": type,
        "token": "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
        "version": 1,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "data": data,
        "channel_id": str(channel_id),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
    }
    if guild is not None:
        member_perms = (
            permissions if permissions is not None else member_permissions(guild, user, roles)
        )
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {"id": str(guild.id), "locale": "en-US", "features": []}
        payload["guild_locale"] = "en-US"
        payload["channel"] = interaction_channel_payload(guild, channel_id, member_perms)
        payload["member"] = {
            **member_payload(user, roles, guild),
            "permissions": str(member_perms),
        }
        payload["app_permissions"] = str(
            app_permissions if app_permissions is not None else bot_permissions(guild)
        )
        payload["authorizing_integration_owners"] = {"0": str(guild.id)}
        payload["context"] = 0
    else:
        dm = ensure_dm_channel(state, channel_id, user)
        payload["user"] = user.to_payload()
        payload["channel"] = dm
        payload["app_permissions"] = str(
            app_permissions if app_permissions is not None else ALL_PERMISSIONS
        )
        payload["authorizing_integration_owners"] = {"0": "0"}
        payload["context"] = 1
    if message is not None:
        # a snapshot: the stored message may be edited later by the bot's answer
        payload["message"] = copy.deepcopy(message)

    interaction = FakeInteraction(changes=state.changes, payload=payload)
    state.interactions[interaction.id] = interaction
    state.interactions_by_token[interaction.token] = interaction
    return interaction


def _complete_command_data(state: FakeDiscordState, data: JSONDict, guild_id: int | None) -> None:
    # discord.py's tree only finds a guild command through data.guild_id, and matches by id
    data.setdefault("type", 1)
    name = data.get("name")
    ctype = data.get("type", 1)
    if guild_id is not None and "guild_id" not in data:
        for cmd in state.registered_commands.get(guild_id, []):
            if cmd.get("name") == name and cmd.get("type", 1) == ctype:
                data["guild_id"] = str(guild_id)
                data.setdefault("id", cmd["id"])
                return
    for cmd in state.registered_commands.get(None, []):
        if cmd.get("name") == name and cmd.get("type", 1) == ctype:
            data.setdefault("id", cmd["id"])
            return
    data.setdefault("id", str(new_snowflake()))


def new_user_message(
    state: FakeDiscordState,
    *,
    content: str,
    author: FakeUser,
    channel_id: int,
    guild_id: int | None,
    mentions: Sequence[FakeUser],
    roles: Sequence[int],
) -> JSONDict:
    """A user's MESSAGE_CREATE payload in full, already stored as a message the fake knows."""
    state.add_user(author)
    for user in mentions:
        state.add_user(user)
    guild = state.guild(guild_id) if guild_id is not None else None
    if guild is None:
        ensure_dm_channel(state, channel_id, author)
    mentioned: dict[int, FakeUser] = {u.id: u for u in mentions}
    for match in re.findall(r"<@!?(\d+)>", content):
        uid = int(match)
        if uid in state.users:
            mentioned.setdefault(uid, state.users[uid])
    mention_payloads: list[JSONDict] = []
    for user in mentioned.values():
        mp = user.to_payload()
        if guild is not None:
            mp["member"] = member_payload(user, (), guild, with_user=False)
        mention_payloads.append(mp)
    role_mentions = [
        r
        for r in re.findall(r"<@&(\d+)>", content)
        if guild is not None and guild.role(int(r)) is not None
    ]
    payload: JSONDict = {
        "id": str(new_snowflake()),
        "channel_id": str(channel_id),
        "author": author.to_payload(),
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": "@everyone" in content or "@here" in content,
        "mentions": mention_payloads,
        "mention_roles": role_mentions,
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
    }
    if guild is not None:
        payload["guild_id"] = str(guild.id)
        payload["member"] = member_payload(author, roles, guild, with_user=False)
    state.messages_by_id[int(payload["id"])] = payload
    return payload


def message_as_seen_by(session: Session, message: JSONDict, bot_user_id: int) -> JSONDict | None:
    """MESSAGE_CREATE as the session's intents let it see it; None when not delivered at all.

    Without GUILD_MESSAGES / DIRECT_MESSAGES Discord does not send the event; without
    MESSAGE_CONTENT a guild message arrives emptied unless it mentions the bot.
    """
    intents = session.intents
    if intents is None:
        return message
    in_guild = "guild_id" in message
    needed = INTENT_GUILD_MESSAGES if in_guild else INTENT_DIRECT_MESSAGES
    if not intents & needed:
        return None
    bot_mentioned = any(m["id"] == str(bot_user_id) for m in message["mentions"])
    if not intents & INTENT_MESSAGE_CONTENT and in_guild and not bot_mentioned:
        return {**message, "content": "", "embeds": [], "attachments": [], "components": []}
    return message
