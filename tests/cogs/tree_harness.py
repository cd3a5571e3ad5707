"""Drives the real discord.py CommandTree without sockets.

Interactions are built from raw payloads and dispatched through the bot's real tree;
what the bot answers is captured where discord.py hands it to the webhook adapter, and
answered the way Discord would. Everything above the HTTP transport is the real thing.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import discord
from discord.http import Route
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.application import Application
from bot.discord.client import ShowBot

APPLICATION_ID = 900000000000000001
BOT_USER_ID = 900000000000000002
GUILD_ID = 900000000000000003
CHANNEL_ID = 900000000000000004
ASKER_ID = 900000000000000005
OTHER_USER_ID = 900000000000000006

_ids = itertools.count(910000000000000000)


@dataclass
class Call:
    method: str
    path: str
    body: dict[str, Any] | None
    params: dict[str, Any] | None


def user_payload(user_id: int, name: str = "asker") -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
    }


def message_payload(body: dict[str, Any], flags: int = 0) -> dict[str, Any]:
    return {
        "id": str(next(_ids)),
        "channel_id": str(CHANNEL_ID),
        "author": {**user_payload(BOT_USER_ID, "showbot"), "bot": True},
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": "2026-11-22T00:00:00+00:00",
        "edited_timestamp": None,
        "type": 0,
        "flags": body.get("flags", flags),
    }


class RecordingAdapter(AsyncWebhookAdapter):
    """Stands where discord.py sends interaction callbacks and followups."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.calls: list[Call] = []
        self.sent: list[dict[str, Any]] = []
        """The messages the bot created or edited, as Discord returned them (ids included)."""

    async def request(
        self,
        route: Route,
        session: Any,
        *,
        payload: dict[str, Any] | None = None,
        multipart: list[dict[str, Any]] | None = None,
        params: dict[str, Any] | None = None,
        **_: Any,
    ) -> Any:
        body = payload
        if multipart:
            body = json.loads(next(p["value"] for p in multipart if p["name"] == "payload_json"))
        self.calls.append(Call(route.method, route.path, body, params))
        if route.path.endswith("/callback"):
            return self._callback_answer(body or {})
        if route.method in ("DELETE", "GET"):
            return None if route.method == "DELETE" else message_payload({})
        message = message_payload(body or {})
        self.sent.append(message)
        return message

    def _callback_answer(self, body: dict[str, Any]) -> dict[str, Any]:
        kind = body.get("type")
        data = body.get("data") or {}
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5, 7):
            resource["message"] = message_payload(data)
            if kind != 5:
                self.sent.append(resource["message"])
        return {
            "interaction": {
                "id": str(next(_ids)),
                "type": 2,
                "response_message_id": resource.get("message", {}).get("id"),
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(data.get("flags", 0) & 64),
            },
            "resource": resource,
        }

    def callbacks(self) -> list[dict[str, Any]]:
        return [c.body or {} for c in self.calls if c.path.endswith("/callback")]


class TreeDriver:
    """Builds interactions for the bot's tree and dispatches them."""

    def __init__(self, bot: ShowBot, adapter: RecordingAdapter) -> None:
        self.bot = bot
        self.adapter = adapter

    def _base(self, kind: int, data: dict[str, Any], user_id: int) -> dict[str, Any]:
        return {
            "id": str(next(_ids)),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": f"token-{next(_ids)}",
            "version": 1,
            "attachment_size_limit": 8 * 1024 * 1024,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "general",
                "position": 0,
                "permissions": "2147483647",
            },
            "member": {
                "user": user_payload(user_id),
                "roles": [],
                "permissions": "2147483647",
                "joined_at": "2022-01-01T00:00:00+00:00",
                "flags": 0,
            },
            "app_permissions": "2147483647",
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "data": data,
        }

    async def dispatch(self, payload: dict[str, Any]) -> None:
        interaction: discord.Interaction[ShowBot] = discord.Interaction(
            data=payload,  # type: ignore[arg-type]
            state=self.bot._connection,
        )
        if payload["type"] == 3:
            self.bot._connection._view_store.dispatch_view(
                payload["data"]["component_type"], payload["data"]["custom_id"], interaction
            )
            # discord.py runs view callbacks as tasks of their own: wait for them.
            await asyncio.sleep(0)
            running = [
                task
                for task in asyncio.all_tasks()
                if task.get_name().startswith("discord-ui-view-dispatch")
            ]
            await asyncio.gather(*running)
        else:
            await self.bot.tree._call(interaction)

    @staticmethod
    def _show_command(sub: str, options: list[dict[str, Any]]) -> dict[str, Any]:
        """The data of `/show <sub>` with its options, as Discord sends it."""
        return {
            "id": str(next(_ids)),
            "name": "show",
            "type": 1,
            "options": [{"name": sub, "type": 1, "options": options}],
        }

    async def command(self, sub: str, options: dict[str, Any], *, user_id: int = ASKER_ID) -> None:
        data = self._show_command(
            sub,
            [
                {"name": k, "type": 4 if isinstance(v, int) else 3, "value": v}
                for k, v in options.items()
            ],
        )
        await self.dispatch(self._base(2, data, user_id))

    async def autocomplete(self, sub: str, value: str) -> list[dict[str, Any]]:
        data = self._show_command(
            sub, [{"name": "title", "type": 3, "value": value, "focused": True}]
        )
        before = len(self.adapter.calls)
        await self.dispatch(self._base(4, data, ASKER_ID))
        [answer] = [c.body for c in self.adapter.calls[before:]]
        assert answer is not None and answer["type"] == 8
        choices: list[dict[str, Any]] = answer["data"]["choices"]
        return choices

    async def pick(self, message: dict[str, Any], value: str, *, user_id: int) -> None:
        """Picks `value` from the select menu on a message the bot sent."""
        select = message["components"][0]["components"][0]
        payload = self._base(
            3,
            {"custom_id": select["custom_id"], "component_type": 3, "values": [value]},
            user_id,
        )
        payload["message"] = message
        await self.dispatch(payload)


@asynccontextmanager
async def driven_bot(app: Application) -> AsyncIterator[TreeDriver]:
    """The real bot with its real cogs, logged in to nothing."""
    # Entered as logging in would: the bot takes the running loop, which its events need.
    async with ShowBot(app) as bot:
        bot._connection.application_id = APPLICATION_ID
        me: Any = {**user_payload(BOT_USER_ID, "showbot"), "bot": True}
        bot._connection.user = discord.ClientUser(state=bot._connection, data=me)
        for extension in ("cogs.shows",):
            await bot.load_extension(extension)
        adapter = RecordingAdapter()
        token = async_context.set(adapter)
        try:
            yield TreeDriver(bot, adapter)
        finally:
            async_context.reset(token)
            for view in list(bot._connection._view_store.persistent_views):
                view.stop()
