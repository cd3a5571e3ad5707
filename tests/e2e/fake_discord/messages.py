"""The fake's messages and the channels they live in: building a message object as Discord
returns it (mentions resolved against ``allowed_mentions``, attachments, replies), applying
edits, and finding or opening the channel a request names. Every message the fake knows is
kept in ``state.messages_by_id`` whoever wrote it, so fetching, editing, replying to and
deleting it work across REST and interactions alike.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from tests.e2e.fake_discord.attachments import store_file
from tests.e2e.fake_discord.entities import FakeGuild, FakeUser
from tests.e2e.fake_discord.payloads import channel_payload
from tests.e2e.fake_discord.protocol import (
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    JSONDict,
    iso_now,
    new_snowflake,
)
from tests.e2e.fake_discord.records import RecordedFile
from tests.e2e.fake_discord.state import FakeDiscordState


def ensure_dm_channel(state: FakeDiscordState, channel_id: int, user: FakeUser) -> JSONDict:
    """The DM channel with ``user`` under ``channel_id``, made on first use."""
    existing = state.dm_channels.get(channel_id)
    if existing is not None:
        return existing
    payload: JSONDict = {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "flags": 0,
        "recipients": [user.to_payload()],
    }
    state.dm_channels[channel_id] = payload
    state.dm_channel_by_user.setdefault(user.id, channel_id)
    return payload


def find_channel(
    state: FakeDiscordState, channel_id: int
) -> tuple[FakeGuild | None, JSONDict] | None:
    """The guild (None for a DM) and channel object of a known channel; None if unknown."""
    for guild in state.guilds:
        for position, channel in enumerate(guild.channels):
            if channel.id == channel_id:
                return guild, channel_payload(guild, channel, position, with_guild_id=True)
    dm = state.dm_channels.get(channel_id)
    if dm is not None:
        return None, dm
    return None


def _resolve_mentions(
    state: FakeDiscordState,
    content: str,
    allowed: Any,
    guild: FakeGuild | None,
    replied_author: str | None,
) -> tuple[list[JSONDict], list[str], bool]:
    """Which mentions Discord would actually ping, given ``allowed_mentions``."""
    if isinstance(allowed, dict):
        parse = set(allowed.get("parse") or [])
        allowed_users = {str(u) for u in allowed.get("users") or []}
        allowed_roles = {str(r) for r in allowed.get("roles") or []}
        replied = bool(allowed.get("replied_user", False))
    else:
        parse = {"users", "roles", "everyone"}
        allowed_users = set()
        allowed_roles = set()
        replied = True
    user_ids: list[str] = []
    for uid in re.findall(r"<@!?(\d+)>", content):
        if uid not in user_ids and ("users" in parse or uid in allowed_users):
            user_ids.append(uid)
    if replied_author is not None and replied and replied_author not in user_ids:
        user_ids.append(replied_author)
    role_ids: list[str] = []
    for rid in re.findall(r"<@&(\d+)>", content):
        if rid in role_ids or guild is None or guild.role(int(rid)) is None:
            continue
        if "roles" in parse or rid in allowed_roles:
            role_ids.append(rid)
    everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse
    return [state.user_payload(int(u)) for u in user_ids], role_ids, everyone


def _attachments_for(
    state: FakeDiscordState, channel_id: int, files: Sequence[RecordedFile], body: JSONDict
) -> list[JSONDict]:
    described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
    attachments: list[JSONDict] = []
    for index, f in enumerate(files):
        stored = store_file(
            state,
            kind="attachments",
            scope=channel_id,
            filename=f.filename or f"file{index}",
            content=f.content,
            content_type=f.content_type,
        )
        meta = described.get(str(index), {})
        attachments.append(
            {
                **copy.deepcopy(stored.attachment),
                "content_type": f.content_type,
                "description": meta.get("description"),
                "ephemeral": False,
            }
        )
    return attachments


def build_message(
    state: FakeDiscordState,
    *,
    channel_id: int,
    body: JSONDict,
    files: Sequence[RecordedFile],
    msg_type: int = 0,
    webhook_id: int | None = None,
    extra: JSONDict | None = None,
) -> JSONDict:
    """A message complete enough for discord.py's Message/WebhookMessage constructors.

    Besides Discord's fields it keeps the request's ``allowed_mentions`` and a
    ``files`` list (fake-only keys; discord.py ignores unknown keys).
    """
    found = find_channel(state, channel_id)
    guild = found[0] if found else None
    content = body.get("content") or ""
    reference = body.get("message_reference")
    replied_author: str | None = None
    if isinstance(reference, dict) and reference.get("message_id"):
        referenced = state.messages_by_id.get(int(reference["message_id"]))
        if referenced is not None:
            replied_author = str(referenced["author"]["id"])
    mentions, mention_roles, everyone = _resolve_mentions(
        state, content, body.get("allowed_mentions"), guild, replied_author
    )
    message: JSONDict = {
        "id": str(new_snowflake()),
        "channel_id": str(channel_id),
        "author": state.bot_user.to_payload(),
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": everyone,
        "mentions": mentions,
        "mention_roles": mention_roles,
        "attachments": _attachments_for(state, channel_id, files, body),
        "embeds": copy.deepcopy(body.get("embeds") or []),
        "components": copy.deepcopy(body.get("components") or []),
        "reactions": [],
        "pinned": False,
        "type": 19 if reference else msg_type,
        "flags": int(body.get("flags") or 0),
        # fake-only bookkeeping, see docstring
        "allowed_mentions": copy.deepcopy(body.get("allowed_mentions")),
        "files": [
            {"filename": f.filename, "size": f.size, "content_type": f.content_type} for f in files
        ],
    }
    if guild is not None:
        message["guild_id"] = str(guild.id)
    if body.get("nonce") is not None:
        message["nonce"] = body["nonce"]
    if reference:
        message["message_reference"] = {
            "type": 0,
            "channel_id": str(channel_id),
            **{
                k: str(v) if k.endswith("_id") and v is not None else v
                for k, v in reference.items()
            },
        }
    if webhook_id is not None:
        message["webhook_id"] = str(webhook_id)
        message["application_id"] = str(state.application_id)
    if extra:
        message.update(extra)
    state.messages_by_id[int(message["id"])] = message
    return message


def apply_edit(
    state: FakeDiscordState, message: JSONDict, body: JSONDict, files: Sequence[RecordedFile]
) -> None:
    """Change a stored message in place the way a PATCH (or a type 7 callback) does."""
    for key in ("content", "embeds", "components", "flags", "allowed_mentions"):
        if key in body:
            value = body[key]
            if key == "flags":
                # ephemeral/loading are not editable; keep them
                keep = message.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL
                message["flags"] = int(value or 0) | keep
            elif value is None and key in ("content",):
                message[key] = ""
            elif value is None and key in ("embeds", "components"):
                message[key] = []
            else:
                message[key] = copy.deepcopy(value)
    if "attachments" in body:
        keep_ids = {str(a.get("id")) for a in body["attachments"] or [] if isinstance(a, dict)}
        message["attachments"] = [a for a in message.get("attachments", []) if a["id"] in keep_ids]
    if files:
        message["attachments"] = message.get("attachments", []) + _attachments_for(
            state, int(message["channel_id"]), files, body
        )
        message["files"] = message.get("files", []) + [
            {"filename": f.filename, "size": f.size, "content_type": f.content_type} for f in files
        ]
    if "content" in body or "allowed_mentions" in body:
        found = find_channel(state, int(message["channel_id"]))
        mentions, roles, everyone = _resolve_mentions(
            state,
            message.get("content", ""),
            message.get("allowed_mentions"),
            found[0] if found else None,
            None,
        )
        message.update(mentions=mentions, mention_roles=roles, mention_everyone=everyone)
    message["flags"] = message.get("flags", 0) & ~MESSAGE_FLAG_LOADING
    message["edited_timestamp"] = iso_now()
