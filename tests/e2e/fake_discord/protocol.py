"""Discord's wire vocabulary as the fake speaks it: snowflake ids, permission bits, gateway
intents, message flags, size limits, and the fixed ids a fake uses unless told otherwise.
Plain values and pure functions only, so every other module can build on it without knowing
about the server, the gateway or the recordings.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

JSONDict = dict[str, Any]

API_PREFIX = "/api/v10"
CDN_PATH_PREFIXES = ("/attachments/", "/ephemeral-attachments/")
"""Paths (outside ``API_PREFIX``) of Discord's CDN for message and interaction attachments."""
DISCORD_EPOCH_MS = 1420070400000

# Fixed, plausible (2024-era) ids so tests can refer to them without plumbing.
DEFAULT_APPLICATION_ID = 1200000000000000001
DEFAULT_BOT_USER_ID = 1200000000000000002
DEFAULT_OWNER_ID = 1200000000000000003
DEFAULT_GUILD_ID = 1200000000000000010
DEFAULT_CHANNEL_ID = 1200000000000000011
DEFAULT_TEAM_ID = 1200000000000000004

# A team-owned application's ``owner`` is a pseudo-user carrying this flag (TEAM_USER).
USER_FLAG_TEAM_PSEUDO_USER = 1 << 10

# Permission bits used to build realistic member/app permission strings.
PERM_CREATE_INSTANT_INVITE = 1 << 0
PERM_ADMINISTRATOR = 1 << 3
PERM_ADD_REACTIONS = 1 << 6
PERM_VIEW_CHANNEL = 1 << 10
PERM_SEND_MESSAGES = 1 << 11
PERM_MANAGE_MESSAGES = 1 << 13
PERM_EMBED_LINKS = 1 << 14
PERM_ATTACH_FILES = 1 << 15
PERM_READ_MESSAGE_HISTORY = 1 << 16
PERM_MENTION_EVERYONE = 1 << 17
PERM_USE_EXTERNAL_EMOJIS = 1 << 18
PERM_CONNECT = 1 << 20
PERM_SPEAK = 1 << 21
PERM_CHANGE_NICKNAME = 1 << 26
PERM_USE_APPLICATION_COMMANDS = 1 << 31
PERM_SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1
DEFAULT_EVERYONE_PERMISSIONS = (
    PERM_CREATE_INSTANT_INVITE
    | PERM_ADD_REACTIONS
    | PERM_VIEW_CHANNEL
    | PERM_SEND_MESSAGES
    | PERM_EMBED_LINKS
    | PERM_ATTACH_FILES
    | PERM_READ_MESSAGE_HISTORY
    | PERM_USE_EXTERNAL_EMOJIS
    | PERM_CONNECT
    | PERM_SPEAK
    | PERM_CHANGE_NICKNAME
    | PERM_USE_APPLICATION_COMMANDS
    | PERM_SEND_MESSAGES_IN_THREADS
)
DEFAULT_BOT_ROLE_PERMISSIONS = (
    DEFAULT_EVERYONE_PERMISSIONS | PERM_MANAGE_MESSAGES | PERM_MENTION_EVERYONE
)

# Gateway intents the fake honours when deciding what to dispatch.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Close codes after which discord.py gives up instead of reconnecting.
FATAL_CLOSE_CODES = frozenset({4004, 4010, 4011, 4012, 4013, 4014})


class _SnowflakeFactory:
    """Makes process-wide unique, increasing snowflakes.

    Ids embed the current time so ``discord.utils.snowflake_time`` and
    ``created_at`` give sane values, and they never repeat across fakes in one
    test run (a repeated id could make one test's cache lookups hit another's).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0

    def __call__(self) -> int:
        candidate = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        with self._lock:
            if candidate <= self._last:
                candidate = self._last + 1
            self._last = candidate
            return candidate


new_snowflake = _SnowflakeFactory()
"""Return a new snowflake, strictly greater than every one made before in this process."""


def snowflake_time(snowflake: int) -> datetime:
    """Decode the creation time of a snowflake (mirrors ``discord.utils.snowflake_time``)."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard whose session gets a guild's events, by Discord's rule."""
    return (guild_id >> 22) % shard_count


def guild_ids_on_shard(shard_id: int, shard_count: int, count: int, after: int) -> list[int]:
    """``count`` guild ids above ``after`` that shard ``shard_id`` of ``shard_count`` owns, for
    tests that spread guilds over shards (ids step by one millisecond, 1 << 22)."""
    ids: list[int] = []
    candidate = after + (1 << 22)
    while len(ids) < count:
        if shard_of(candidate, shard_count) == shard_id:
            ids.append(candidate)
        candidate += 1 << 22
    return ids


def iso_now() -> str:
    return datetime.now(UTC).isoformat()
