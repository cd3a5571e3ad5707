"""REST routes about the bot itself: who it is (``/users/@me``, the application), where the
gateway is, and its application commands, the global and per-guild lists a tree sync PUTs,
with ids kept stable across syncs as Discord keeps them.
"""

from __future__ import annotations

import copy

from aiohttp import web

from tests.e2e.fake_discord.payloads import app_info_payload, bot_user_payload
from tests.e2e.fake_discord.protocol import JSONDict, new_snowflake
from tests.e2e.fake_discord.responses import error_response, json_response
from tests.e2e.fake_discord.routing import Route, RouteContext, route
from tests.e2e.fake_discord.state import FakeDiscordState
from tests.e2e.fake_discord.validation import validate_commands


async def _get_me(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    return json_response(bot_user_payload(state))


async def _get_app_info(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    return json_response(app_info_payload(state))


async def _get_gateway(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    return json_response({"url": state.gateway_url})


async def _get_gateway_bot(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    return json_response(
        {
            "url": state.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000 - state.identify_count,
                "reset_after": 86_400_000,
                "max_concurrency": 1,
            },
        }
    )


async def _commands(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    if int(ctx.match["app"]) != state.application_id:
        return error_response(403, 50001, "Missing Access")
    scope: int | None = int(ctx.match["guild"]) if ctx.match.get("guild") else None
    if scope is not None and not any(g.id == scope for g in state.guilds):
        return error_response(403, 50001, "Missing Access")
    if ctx.rec.method == "GET":
        return json_response(state.registered_commands.get(scope, []))
    commands = ctx.body
    if state.validate:
        problem = validate_commands(commands)
        if problem is not None:
            return problem
    previous = {
        (c.get("name"), c.get("type", 1)): c for c in state.registered_commands.get(scope, [])
    }
    stored: list[JSONDict] = []
    for cmd in commands or []:
        ctype = cmd.get("type", 1)
        old = previous.get((cmd.get("name"), ctype))
        entry: JSONDict = {
            "type": ctype,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "name_localizations": None,
            "description_localizations": None,
            **copy.deepcopy(cmd),
        }
        entry["id"] = old["id"] if old else str(new_snowflake())
        entry["application_id"] = str(state.application_id)
        entry["version"] = str(new_snowflake())
        if scope is not None:
            entry["guild_id"] = str(scope)
        else:
            entry.setdefault("dm_permission", True)
            entry.setdefault("contexts", None)
            entry.setdefault("integration_types", [0])
        stored.append(entry)
    state.registered_commands[scope] = stored
    return json_response(stored)


ROUTES: list[Route] = [
    route("GET", r"/users/@me", _get_me),
    route("GET", r"/oauth2/applications/@me", _get_app_info),
    route("GET", r"/applications/@me", _get_app_info),
    route("GET", r"/gateway", _get_gateway, auth=False),
    route("GET", r"/gateway/bot", _get_gateway_bot),
    route("GET|PUT", r"/applications/(?P<app>\d+)/commands", _commands),
    route("GET|PUT", r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands", _commands),
]
