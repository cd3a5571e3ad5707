"""How a REST handler is declared and what it is handed: a ``Route`` (methods, path pattern,
whether the bot's ``Authorization`` is required, whether it belongs to the CDN) and a
``RouteContext`` (the request, its record, the path's named groups). Each routes module
exports a ``ROUTES`` list built with ``route``, and its handlers receive the fake's state,
never the server.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.e2e.fake_discord.protocol import JSONDict
from tests.e2e.fake_discord.records import RecordedRequest
from tests.e2e.fake_discord.state import FakeDiscordState


@dataclass
class RouteContext:
    request: web.Request
    rec: RecordedRequest
    match: dict[str, str]
    """The path pattern's named groups (``cid``, ``mid``, ``token``, ...)."""

    @property
    def body(self) -> Any:
        return self.rec.json

    @property
    def body_dict(self) -> JSONDict:
        return self.rec.json if isinstance(self.rec.json, dict) else {}


Handler = Callable[[FakeDiscordState, RouteContext], Awaitable[web.Response]]


@dataclass
class Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    """Matched with ``fullmatch`` against the path without ``/api/v10``."""
    handler: Handler
    auth: bool
    cdn: bool = False
    """A CDN route: served outside ``/api/v10`` only, and outside the API's global limit."""


def route(
    methods: str, pattern: str, handler: Handler, *, auth: bool = True, cdn: bool = False
) -> Route:
    """A route for ``methods`` separated by ``|`` (``"GET|PATCH"``)."""
    return Route(frozenset(methods.split("|")), re.compile(pattern), handler, auth, cdn)
