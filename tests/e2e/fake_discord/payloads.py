"""JSON builders for what Discord says about its world: the bot's user and application, members
and their permissions, channels, roles, guilds, GUILD_CREATE and READY. They read the state
and change nothing, so REST answers and gateway events built from the same state agree (a
member fetched over REST equals the one in GUILD_CREATE); messages are built by
``messages``, user actions by ``events``.
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild, FakeUser, role_payload
from tests.e2e.fake_discord.gateway_connection import Session
from tests.e2e.fake_discord.protocol import (
    ALL_PERMISSIONS,
    PERM_ADMINISTRATOR,
    USER_FLAG_TEAM_PSEUDO_USER,
    JSONDict,
    new_snowflake,
    snowflake_time,
)
from tests.e2e.fake_discord.state import FakeDiscordState


def bot_user_payload(state: FakeDiscordState) -> JSONDict:
    return {
        **state.bot_user.to_payload(),
        "verified": True,
        "mfa_enabled": False,
        "email": None,
        "locale": "en-US",
        "premium_type": 0,
    }


def member_payload(
    user: FakeUser, roles: Sequence[int], guild: FakeGuild, *, with_user: bool = True
) -> JSONDict:
    member: JSONDict = {
        "roles": [str(r) for r in roles],
        "joined_at": snowflake_time(guild.id).isoformat(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "banner": None,
        "communication_disabled_until": None,
    }
    if with_user:
        member["user"] = user.to_payload()
    return member


def member_permissions(guild: FakeGuild, user: FakeUser, roles: Sequence[int]) -> int:
    if user.id == guild.owner_id:
        return ALL_PERMISSIONS
    perms = guild.everyone_permissions
    for role_id in roles:
        role = guild.role(role_id)
        if role is not None:
            perms |= role.permissions
    return ALL_PERMISSIONS if perms & PERM_ADMINISTRATOR else perms


def bot_permissions(guild: FakeGuild) -> int:
    perms = guild.everyone_permissions | guild.bot_permissions
    return ALL_PERMISSIONS if perms & PERM_ADMINISTRATOR else perms


def channel_payload(
    guild: FakeGuild, channel: FakeChannel, position: int, *, with_guild_id: bool
) -> JSONDict:
    payload: JSONDict = {
        "id": str(channel.id),
        "type": channel.type,
        "name": channel.name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "nsfw": channel.nsfw,
        "flags": 0,
    }
    if channel.type in (0, 5):
        payload.update(
            topic=channel.topic,
            last_message_id=None,
            rate_limit_per_user=0,
            default_auto_archive_duration=1440,
            default_thread_rate_limit_per_user=0,
        )
    elif channel.type in (2, 13):
        payload.update(
            bitrate=64000,
            user_limit=0,
            rtc_region=None,
            last_message_id=None,
            rate_limit_per_user=0,
        )
    if with_guild_id:
        payload["guild_id"] = str(guild.id)
    return payload


def interaction_channel_payload(guild: FakeGuild, channel_id: int, perms: int) -> JSONDict:
    for position, channel in enumerate(guild.channels):
        if channel.id == channel_id:
            payload = channel_payload(guild, channel, position, with_guild_id=True)
            break
    else:
        payload = channel_payload(
            guild,
            FakeChannel(id=channel_id, name=f"channel-{channel_id}"),
            0,
            with_guild_id=True,
        )
    payload["permissions"] = str(perms)
    return payload


def roles_payload(state: FakeDiscordState, guild: FakeGuild) -> list[JSONDict]:
    roles = [
        role_payload(guild.id, "@everyone", permissions=guild.everyone_permissions, position=0)
    ]
    roles.append(
        role_payload(
            state.bot_role_ids.setdefault(guild.id, new_snowflake()),
            state.bot_user.username,
            permissions=guild.bot_permissions,
            position=1,
            managed=True,
            tags={"bot_id": str(state.bot_user_id)},
        )
    )
    roles += [r.to_payload() for r in guild.roles]
    return roles


def guild_payload(state: FakeDiscordState, guild: FakeGuild) -> JSONDict:
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "icon_hash": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "widget_channel_id": None,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": roles_payload(state, guild),
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": str(guild.channels[0].id) if guild.channels else None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "max_presences": None,
        "max_members": 500000,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "incidents_data": None,
    }


def guild_create_payload(state: FakeDiscordState, guild: FakeGuild) -> JSONDict:
    """GUILD_CREATE as Discord sends it: channels without guild_id, the bot's own member.

    ``member_count`` equals the members sent so discord.py considers the guild
    chunked and does not request members (which would stall readiness ~5 s).
    """
    bot_member = bot_member_payload(state, guild)
    return {
        **guild_payload(state, guild),
        "joined_at": snowflake_time(guild.id).isoformat(),
        "large": False,
        "unavailable": False,
        "member_count": 1,
        "members": [bot_member],
        "channels": [
            channel_payload(guild, c, i, with_guild_id=False) for i, c in enumerate(guild.channels)
        ],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "embedded_activities": [],
        "lazy": True,
        "application_command_counts": {},
    }


def ready_payload(
    state: FakeDiscordState, session: Session, guilds: Sequence[FakeGuild]
) -> JSONDict:
    payload: JSONDict = {
        "v": 10,
        "user": bot_user_payload(state),
        "user_settings": {},
        "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
        "session_id": session.session_id,
        "session_type": "normal",
        "resume_gateway_url": state.gateway_url,
        "application": {"id": str(state.application_id), "flags": application_flags(state)},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["fake"],
        "auth": {},
        "_trace": ['["fake-discord-gateway",{"micros":0}]'],
    }
    if session.shard is not None:
        payload["shard"] = session.shard
    return payload


def application_flags(state: FakeDiscordState) -> int:
    # GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED
    return (1 << 13) | (1 << 15) | (1 << 19) if state.allow_privileged_intents else 0


def app_info_payload(state: FakeDiscordState) -> JSONDict:
    return {
        "id": str(state.application_id),
        "name": state.bot_user.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "bot": state.bot_user.to_payload(),
        "verify_key": "0" * 64,
        "flags": application_flags(state),
        **_ownership_payload(state),
        "hook": True,
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "tags": [],
        "install_params": None,
        "integration_types_config": {"0": {}},
        "approximate_guild_count": len(state.guilds),
    }


def _ownership_payload(state: FakeDiscordState) -> JSONDict:
    """``owner`` and ``team``: for a team-owned application the owner is the team's pseudo-user."""
    if state.team_members is None:
        return {"owner": state.owner.to_payload(), "team": None}
    pseudo_user = FakeUser(id=state.team_id, username=f"team{state.team_id}").to_payload()
    pseudo_user.update(
        discriminator="0000",
        flags=USER_FLAG_TEAM_PSEUDO_USER,
        public_flags=USER_FLAG_TEAM_PSEUDO_USER,
    )
    return {
        "owner": pseudo_user,
        "team": {
            "id": str(state.team_id),
            "name": f"{state.bot_user.username} team",
            "icon": None,
            "owner_user_id": str(state.owner.id),
            "members": [m.to_payload(state.team_id) for m in state.team_members],
        },
    }


def bot_member_payload(state: FakeDiscordState, guild: FakeGuild) -> JSONDict:
    """The bot's own member, with its managed integration role."""
    return member_payload(state.bot_user, [state.bot_role_ids[guild.id]], guild)
