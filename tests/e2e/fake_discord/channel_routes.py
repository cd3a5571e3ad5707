"""REST routes of channels and their messages: fetching a channel and its history, posting
(with ``enforce_nonce`` deduplication), fetching, editing and deleting messages, typing,
reactions, and opening a DM channel. Posted messages are recorded per channel
(``channel_messages``) for tests, and stored with every other message so later requests
about them find them.
"""

from __future__ import annotations

import time

from aiohttp import web

from tests.e2e.fake_discord.entities import FakeUser
from tests.e2e.fake_discord.messages import (
    apply_edit,
    build_message,
    ensure_dm_channel,
    find_channel,
)
from tests.e2e.fake_discord.protocol import new_snowflake
from tests.e2e.fake_discord.responses import error_response, invalid_form, json_response, no_content
from tests.e2e.fake_discord.routing import Route, RouteContext, route
from tests.e2e.fake_discord.state import FakeDiscordState
from tests.e2e.fake_discord.validation import validate_message_body


async def _get_channel(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    found = find_channel(state, int(ctx.match["cid"]))
    if found is None:
        return error_response(404, 10003, "Unknown Channel")
    return json_response(found[1])


async def _get_channel_messages(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    channel_id = int(ctx.match["cid"])
    if find_channel(state, channel_id) is None:
        return error_response(404, 10003, "Unknown Channel")
    try:
        limit = max(1, min(100, int(ctx.rec.query.get("limit", "50"))))
    except ValueError:
        limit = 50
    messages = list(reversed(state.all_messages_in(channel_id)))
    if "before" in ctx.rec.query:
        messages = [m for m in messages if int(m["id"]) < int(ctx.rec.query["before"])]
    if "after" in ctx.rec.query:
        messages = [m for m in messages if int(m["id"]) > int(ctx.rec.query["after"])]
    return json_response(messages[:limit])


async def _create_message(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    channel_id = int(ctx.match["cid"])
    if find_channel(state, channel_id) is None:
        return error_response(404, 10003, "Unknown Channel")
    body = ctx.body_dict
    if state.validate:
        problem = validate_message_body(body, creating=True, has_files=bool(ctx.rec.files))
        if problem is not None:
            return problem
    nonce = body.get("nonce")
    key = (channel_id, str(nonce)) if nonce is not None and body.get("enforce_nonce") else None
    if key is not None:
        seen = state.sent_nonces.get(key)
        if seen is not None and time.monotonic() - seen[0] <= state.nonce_window:
            return json_response(seen[1])
    message = build_message(state, channel_id=channel_id, body=body, files=ctx.rec.files)
    state.channel_messages.setdefault(channel_id, []).append(message)
    if key is not None:
        state.sent_nonces[key] = (time.monotonic(), message)
    return json_response(message)


async def _channel_message(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    channel_id = int(ctx.match["cid"])
    if find_channel(state, channel_id) is None:
        return error_response(404, 10003, "Unknown Channel")
    message = state.messages_by_id.get(int(ctx.match["mid"]))
    if message is None or int(message["channel_id"]) != channel_id:
        return error_response(404, 10008, "Unknown Message")
    if ctx.rec.method == "GET":
        return json_response(message)
    if ctx.rec.method == "DELETE":
        state.messages_by_id.pop(int(message["id"]), None)
        bucket = state.channel_messages.get(channel_id, [])
        if message in bucket:
            bucket.remove(message)
        state.deleted_messages.append(message)
        return no_content()
    if int(message["author"]["id"]) != state.bot_user_id:
        return error_response(403, 50005, "Cannot edit a message authored by another user")
    body = ctx.body_dict
    if state.validate:
        problem = validate_message_body(body, creating=False, has_files=bool(ctx.rec.files))
        if problem is not None:
            return problem
    apply_edit(state, message, body, ctx.rec.files)
    state.message_edits.append(
        {"channel_id": channel_id, "message_id": int(message["id"]), "body": body}
    )
    return json_response(message)


async def _typing(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    channel_id = int(ctx.match["cid"])
    if find_channel(state, channel_id) is None:
        return error_response(404, 10003, "Unknown Channel")
    state.typing.append(channel_id)
    return no_content()


async def _reaction(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    channel_id = int(ctx.match["cid"])
    if find_channel(state, channel_id) is None:
        return error_response(404, 10003, "Unknown Channel")
    message_id = int(ctx.match["mid"])
    if message_id not in state.messages_by_id:
        return error_response(404, 10008, "Unknown Message")
    entry = (channel_id, message_id, ctx.match["emoji"])
    if ctx.rec.method == "PUT":
        state.reactions.append(entry)
    elif entry in state.reactions:
        state.reactions.remove(entry)
    return no_content()


async def _create_dm(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    recipient = ctx.body_dict.get("recipient_id")
    try:
        user_id = int(recipient)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return invalid_form([("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")])
    existing = state.dm_channel_by_user.get(user_id)
    if existing is not None:
        return json_response(state.dm_channels[existing])
    user = state.users.get(user_id) or FakeUser(id=user_id, username=f"user{user_id}")
    channel_id = new_snowflake()
    return json_response(ensure_dm_channel(state, channel_id, user))


ROUTES: list[Route] = [
    route("GET", r"/channels/(?P<cid>\d+)", _get_channel),
    route("GET", r"/channels/(?P<cid>\d+)/messages", _get_channel_messages),
    route("POST", r"/channels/(?P<cid>\d+)/messages", _create_message),
    route("GET|PATCH|DELETE", r"/channels/(?P<cid>\d+)/messages/(?P<mid>\d+)", _channel_message),
    route("POST", r"/channels/(?P<cid>\d+)/typing", _typing),
    route(
        "PUT|DELETE",
        r"/channels/(?P<cid>\d+)/messages/(?P<mid>\d+)/reactions/(?P<emoji>[^/]+)/@me",
        _reaction,
    ),
    route("POST", r"/users/@me/channels", _create_dm),
]
