"""The things a fake Discord pretends exist, as tests declare them: users, the team owning the
application, roles, channels and guilds (who asks, where, with which roles and permissions).
Plain values that each know only their own JSON shape; how they combine into members,
GUILD_CREATE and the like is the business of ``payloads``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.e2e.fake_discord.protocol import (
    DEFAULT_BOT_ROLE_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    DEFAULT_GUILD_ID,
    DEFAULT_OWNER_ID,
    JSONDict,
    guild_ids_on_shard,
)


@dataclass(frozen=True)
class FakeUser:
    """A Discord user as the fake shows it to the bot (author, member, mention)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    def to_payload(self) -> JSONDict:
        """The user object discord.py's ``User`` needs (``discriminator``, ``avatar`` mandatory)."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "avatar_decoration_data": None,
            "banner": None,
            "accent_color": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(frozen=True)
class FakeTeamMember:
    """A member of the team that owns the application (``role``: admin, developer, read_only).

    discord.py's ``Bot.is_owner`` counts only admins and developers; ``membership_state``
    2 is an accepted invitation (1: still invited).
    """

    user: FakeUser
    role: str = "developer"
    membership_state: int = 2

    def to_payload(self, team_id: int) -> JSONDict:
        return {
            "membership_state": self.membership_state,
            "team_id": str(team_id),
            "user": self.user.to_payload(),
            "role": self.role,
            "permissions": ["*"],
        }


@dataclass(frozen=True)
class FakeRole:
    """An extra guild role, so tests can exercise role mentions and role-based permissions."""

    id: int
    name: str
    permissions: int = 0
    mentionable: bool = False
    position: int = 1
    color: int = 0
    hoist: bool = False

    def to_payload(self) -> JSONDict:
        return role_payload(
            self.id,
            self.name,
            permissions=self.permissions,
            position=self.position,
            color=self.color,
            hoist=self.hoist,
            mentionable=self.mentionable,
        )

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"


@dataclass(frozen=True)
class FakeChannel:
    """A guild channel. ``type`` 0 is a text channel (2 voice, 4 category, 5 announcement)."""

    id: int
    name: str
    type: int = 0
    topic: str | None = None
    parent_id: int | None = None
    nsfw: bool = False

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


@dataclass
class FakeGuild:
    """A guild the bot is in; delivered to the client as one GUILD_CREATE after READY."""

    id: int
    name: str
    channels: list[FakeChannel]
    owner_id: int
    roles: list[FakeRole] = field(default_factory=list)
    everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS
    bot_permissions: int = DEFAULT_BOT_ROLE_PERMISSIONS
    """Permissions of the bot's managed integration role (what it was invited with)."""

    def channel(self, channel_id: int) -> FakeChannel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def role(self, role_id: int) -> FakeRole | None:
        return next((r for r in self.roles if r.id == role_id), None)


def guilds_over_shards(
    shard_count: int, per_shard: int, channels: int = 1, *, after: int = DEFAULT_GUILD_ID
) -> dict[int, list[FakeGuild]]:
    """``per_shard`` guilds owned by each of ``shard_count`` shards, by shard, each with
    ``channels`` text channels numbered from the guild's id + 1 (guild ids are 1 << 22 apart,
    so no two guilds' channels meet)."""
    return {
        shard: [
            FakeGuild(
                id=guild_id,
                name=f"Shard {shard} guild {n}",
                channels=[
                    FakeChannel(id=guild_id + 1 + c, name=f"news-{c}") for c in range(channels)
                ],
                owner_id=DEFAULT_OWNER_ID,
            )
            for n, guild_id in enumerate(guild_ids_on_shard(shard, shard_count, per_shard, after))
        ]
        for shard in range(shard_count)
    }


def role_payload(
    role_id: int,
    name: str,
    *,
    permissions: int,
    position: int = 0,
    color: int = 0,
    hoist: bool = False,
    mentionable: bool = False,
    managed: bool = False,
    tags: JSONDict | None = None,
) -> JSONDict:
    """A role object; also used for the roles no test declares (@everyone, the bot's own)."""
    payload: JSONDict = {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": color,
        "colors": {"primary_color": color, "secondary_color": None, "tertiary_color": None},
        "hoist": hoist,
        "icon": None,
        "unicode_emoji": None,
        "managed": managed,
        "mentionable": mentionable,
        "flags": 0,
    }
    if tags is not None:
        payload["tags"] = tags
    return payload
