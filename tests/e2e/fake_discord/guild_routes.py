"""REST routes of guilds and the people in them: a guild, its channels, its roles, one member
(the bot's own included), and any user the fake knows. Their bodies come from ``payloads``,
built from the same state as GUILD_CREATE, so the REST view of a guild matches the
gateway's.
"""

from __future__ import annotations

from aiohttp import web

from tests.e2e.fake_discord.entities import FakeGuild
from tests.e2e.fake_discord.payloads import (
    bot_member_payload,
    channel_payload,
    guild_payload,
    member_payload,
    roles_payload,
)
from tests.e2e.fake_discord.responses import error_response, json_response
from tests.e2e.fake_discord.routing import Route, RouteContext, route
from tests.e2e.fake_discord.state import FakeDiscordState


async def _get_user(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    user = state.users.get(int(ctx.match["uid"]))
    if user is None:
        return error_response(404, 10013, "Unknown User")
    return json_response(user.to_payload())


def _guild_or_none(state: FakeDiscordState, ctx: RouteContext) -> FakeGuild | None:
    try:
        return state.guild(int(ctx.match["gid"]))
    except KeyError:
        return None


async def _get_guild(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    guild = _guild_or_none(state, ctx)
    if guild is None:
        return error_response(404, 10004, "Unknown Guild")
    return json_response(guild_payload(state, guild))


async def _get_guild_channels(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    guild = _guild_or_none(state, ctx)
    if guild is None:
        return error_response(404, 10004, "Unknown Guild")
    return json_response(
        [channel_payload(guild, c, i, with_guild_id=True) for i, c in enumerate(guild.channels)]
    )


async def _get_guild_roles(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    guild = _guild_or_none(state, ctx)
    if guild is None:
        return error_response(404, 10004, "Unknown Guild")
    return json_response(roles_payload(state, guild))


async def _get_member(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    guild = _guild_or_none(state, ctx)
    if guild is None:
        return error_response(404, 10004, "Unknown Guild")
    user_id = int(ctx.match["uid"])
    if user_id == state.bot_user_id:
        return json_response(bot_member_payload(state, guild))
    user = state.users.get(user_id)
    if user is None:
        return error_response(404, 10007, "Unknown Member")
    return json_response(member_payload(user, (), guild))


ROUTES: list[Route] = [
    route("GET", r"/users/(?P<uid>\d+)", _get_user),
    route("GET", r"/guilds/(?P<gid>\d+)", _get_guild),
    route("GET", r"/guilds/(?P<gid>\d+)/channels", _get_guild_channels),
    route("GET", r"/guilds/(?P<gid>\d+)/roles", _get_guild_roles),
    route("GET", r"/guilds/(?P<gid>\d+)/members/(?P<uid>\d+)", _get_member),
]
