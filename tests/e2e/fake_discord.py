"""A fake Discord (REST + gateway) for driving the real discord.py client in tests.

Why this exists: the bot's behaviour only matters as Discord sees it (which HTTP
calls, in which order, with which payloads, and how the client copes with
rate limits, outages and dropped sockets). Mocking discord.py's internals would
test our assumptions about discord.py; this fake instead speaks Discord's wire
protocol on 127.0.0.1 so the *real* client library runs unmodified, and records
everything the bot sent so tests can assert on it.

Point the client at it with::

    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)

Conventions:

* Every recorded REST path is stored WITHOUT the ``/api/v10`` prefix
  (``/channels/123/messages``); fault rules and buckets match against that same
  form with ``re.fullmatch``. Websocket upgrades to ``/gateway`` are not REST
  requests: they are listed in :attr:`FakeDiscord.gateway_connections`.
* JSON answers carry ``Content-Type: application/json`` exactly (with a charset
  discord.py reads the body as text and breaks).
* Answers follow Discord's own error codes (10003 Unknown Channel, 40060 already
  acknowledged, 50035 Invalid Form Body, ...), so the bot's error handling is
  exercised against realistic failures, and Discord's documented payload limits
  are enforced (``validate=True``) because discord.py does not check them.
"""

# The wait helpers take explicit ``timeout`` arguments on purpose (the brief's API).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import math
import re
import secrets
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal, TypeVar

from aiohttp import BodyPartReader, WSMsgType, web

__all__ = [
    "API_PREFIX",
    "DEFAULT_APPLICATION_ID",
    "DEFAULT_BOT_USER_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "DEFAULT_OWNER_ID",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "FakeRole",
    "FakeUser",
    "Fault",
    "FaultPlan",
    "FaultRule",
    "GatewayConnectionInfo",
    "InteractionEvent",
    "RecordedFile",
    "RecordedRequest",
    "RouteBucket",
    "new_snowflake",
    "snowflake_time",
]

_log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
T = TypeVar("T")

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1420070400000

# Fixed, plausible (2024-era) ids so tests can refer to them without plumbing.
DEFAULT_APPLICATION_ID = 1200000000000000001
DEFAULT_BOT_USER_ID = 1200000000000000002
DEFAULT_OWNER_ID = 1200000000000000003
DEFAULT_GUILD_ID = 1200000000000000010
DEFAULT_CHANNEL_ID = 1200000000000000011

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


# --------------------------------------------------------------------------- ids


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


async def while_running(
    client_task: asyncio.Task[Any], awaitable: Awaitable[T], timeout: float
) -> T:
    """Awaits something; fails at once with the client's own error if the client dies first."""
    future = asyncio.ensure_future(awaitable)
    done, _ = await asyncio.wait(
        {future, client_task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    if future in done:
        return future.result()
    future.cancel()
    await asyncio.gather(future, return_exceptions=True)
    if client_task in done:
        client_task.result()
        raise AssertionError("the client stopped while the test was waiting")
    raise TimeoutError(f"nothing after {timeout} s")


def snowflake_time(snowflake: int) -> datetime:
    """Decode the creation time of a snowflake (mirrors ``discord.utils.snowflake_time``)."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def _iso_now() -> str:
    return datetime.now(UTC).isoformat()


# ------------------------------------------------------------------ value objects


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
        return _role_payload(
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


def _role_payload(
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


# --------------------------------------------------------------------- recording


@dataclass
class RecordedFile:
    """One ``files[N]`` part of a multipart upload."""

    part_name: str
    filename: str | None
    size: int
    content_type: str | None
    content: bytes = field(repr=False, default=b"")


@dataclass
class RecordedRequest:
    """One HTTP request the client made, as the fake received and answered it.

    ``path`` has no ``/api/v10`` prefix. ``json`` is the parsed JSON body, or for
    multipart uploads the parsed ``payload_json`` part (files are in ``files``);
    None when there was no body.
    """

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    at: float
    """``time.monotonic()`` when the request arrived."""
    status: int = 0
    """The status the fake answered with (0 while still being answered)."""
    fault: str | None = None
    """Name of the injected fault that shaped the answer, if any."""
    body: bytes = field(repr=False, default=b"")


@dataclass
class InteractionEvent:
    """One request the bot made about an interaction, in arrival order."""

    kind: Literal["callback", "followup", "edit", "delete", "get"]
    body: JSONDict
    """The request body (callbacks: ``{"type", "data"}``; multipart parsed from payload_json)."""
    at: float
    """Seconds since the interaction was dispatched."""
    status: int
    target: str | None = None
    """``"@original"`` or a message id, for edits/deletes/gets."""
    message: JSONDict | None = None
    """Snapshot of the resulting message (None when the request created or changed no message)."""
    files: list[RecordedFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class _Changes:
    """Wakes waiters whenever the fake's recorded state changes.

    Tests wait on conditions ("a callback arrived", "the client resumed") rather
    than sleeping, so they are both fast and robust on a loaded machine.
    """

    poll_interval = 0.05

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                # also re-check now and then: predicates may look at state outside the fake
                await asyncio.wait_for(waiter, min(remaining, self.poll_interval))
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(waiter)


class FakeInteraction:
    """Everything the bot did with one interaction the fake dispatched.

    Parallel lists (``callbacks``/``callback_times``/``callback_statuses`` etc.)
    keep simple assertions simple; ``events`` keeps the full ordered story.
    Rejected attempts (e.g. a second callback answered 400/40060) are recorded
    too, so a test can assert the bot answered exactly once.
    """

    def __init__(self, *, fake: FakeDiscord, payload: JSONDict) -> None:
        self._fake = fake
        self.payload: JSONDict = payload
        self.id: int = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.guild_id: int | None = int(payload["guild_id"]) if payload.get("guild_id") else None
        self.channel_id: int = int(payload["channel_id"])
        self.dispatched_at: float = time.monotonic()
        self.events: list[InteractionEvent] = []
        self.callbacks: list[JSONDict] = []
        self.callback_times: list[float] = []
        self.callback_statuses: list[int] = []
        self.followups: list[JSONDict] = []
        self.followup_times: list[float] = []
        self.followup_statuses: list[int] = []
        self.edits: list[JSONDict] = []
        self.edit_times: list[float] = []
        self.edit_targets: list[str] = []
        self.deletes: list[str] = []
        self.delete_times: list[float] = []
        self.allowed_mentions: list[JSONDict | None] = []
        """``allowed_mentions`` of each message request (4/7 callbacks, followups, edits)."""
        self.acknowledged: bool = False
        self.response_type: int | None = None
        """Type of the accepted initial callback (4, 5, 6, 7, 8 or 9)."""
        self.original_message: JSONDict | None = None
        self.messages: dict[int, JSONDict] = {}
        """Messages this interaction's webhook created (original response and followups) by id."""

    # -- recording (called by the fake) -------------------------------------

    def _elapsed(self) -> float:
        return time.monotonic() - self.dispatched_at

    def _record(
        self,
        kind: Literal["callback", "followup", "edit", "delete", "get"],
        body: JSONDict,
        status: int,
        *,
        target: str | None = None,
        message: JSONDict | None = None,
        files: Sequence[RecordedFile] = (),
    ) -> InteractionEvent:
        at = self._elapsed()
        event = InteractionEvent(
            kind=kind,
            body=body,
            at=at,
            status=status,
            target=target,
            message=copy.deepcopy(message) if message is not None else None,
            files=list(files),
        )
        self.events.append(event)
        if kind == "callback":
            self.callbacks.append(body)
            self.callback_times.append(at)
            self.callback_statuses.append(status)
            if body.get("type") in (4, 7):
                self.allowed_mentions.append((body.get("data") or {}).get("allowed_mentions"))
        elif kind == "followup":
            self.followups.append(body)
            self.followup_times.append(at)
            self.followup_statuses.append(status)
            self.allowed_mentions.append(body.get("allowed_mentions"))
        elif kind == "edit":
            self.edits.append(body)
            self.edit_times.append(at)
            self.edit_targets.append(target or "")
            self.allowed_mentions.append(body.get("allowed_mentions"))
        elif kind == "delete":
            self.deletes.append(target or "")
            self.delete_times.append(at)
        self._fake._changes.notify()
        return event

    # -- convenience views ----------------------------------------------------

    @property
    def accepted_callbacks(self) -> list[JSONDict]:
        return [
            b for b, s in zip(self.callbacks, self.callback_statuses, strict=True) if 200 <= s < 300
        ]

    @property
    def rejected_callbacks(self) -> list[JSONDict]:
        return [
            b
            for b, s in zip(self.callbacks, self.callback_statuses, strict=True)
            if not 200 <= s < 300
        ]

    @property
    def is_deferred(self) -> bool:
        return self.response_type in (5, 6)

    @property
    def autocomplete_choices(self) -> list[JSONDict] | None:
        for body in self.accepted_callbacks:
            if body.get("type") == 8:
                choices: list[JSONDict] = (body.get("data") or {}).get("choices", [])
                return choices
        return None

    # -- waiting ----------------------------------------------------------------

    async def wait_until(
        self,
        predicate: Callable[[FakeInteraction], bool],
        timeout: float = 5,
    ) -> None:
        """Wait until ``predicate(self)`` holds (raises TimeoutError naming the interaction)."""
        await self._fake._changes.wait_for(
            lambda: True if predicate(self) else None,
            timeout,
            f"condition on interaction {self.id}",
        )

    async def wait_for_callback(self, timeout: float = 5) -> JSONDict:
        """The first callback request body (``{"type": N, "data": {...}}``), accepted or not."""
        return await self._fake._changes.wait_for(
            lambda: self.callbacks[0] if self.callbacks else None,
            timeout,
            f"a callback for interaction {self.id}",
        )

    async def wait_for_message(self, timeout: float = 5) -> JSONDict:
        """The first user-visible message the bot produced for this interaction.

        That is the first accepted type 4/7 callback, followup, or edit of the
        original carrying content/embeds/components/attachments — whichever came
        first (after a deferral the deferral itself is skipped). Returns a
        snapshot of the message as the fake stored it after that request, which
        includes the request's ``content``, ``embeds``, ``components``,
        ``flags``, ``allowed_mentions`` and ``files``.
        """

        def find() -> JSONDict | None:
            for event in self.events:
                if not event.ok or event.message is None:
                    continue
                if event.kind == "callback" and event.body.get("type") in (4, 7):
                    return event.message
                if event.kind == "followup":
                    return event.message
                if event.kind == "edit" and any(
                    event.body.get(k) for k in ("content", "embeds", "components", "attachments")
                ):
                    return event.message
            return None

        return await self._fake._changes.wait_for(
            find, timeout, f"a message for interaction {self.id}"
        )

    def __repr__(self) -> str:
        return (
            f"<FakeInteraction id={self.id} type={self.type} response_type={self.response_type}"
            f" callbacks={len(self.callbacks)} followups={len(self.followups)}"
            f" edits={len(self.edits)}>"
        )


# ------------------------------------------------------------------------ faults


@dataclass(frozen=True)
class Fault:
    """How to answer a request instead of (or before) answering it normally.

    Build with the class methods; ``status == 0`` means "answer normally" (used
    by :meth:`delay`).
    """

    kind: str
    status: int = 0
    body: JSONDict | str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    wait: float = 0.0

    @classmethod
    def rate_limited(
        cls,
        retry_after: float,
        *,
        via: bool = True,
        global_: bool = False,
        bucket: str = "fakebucket0000",
        limit: int = 5,
        scope: str | None = None,
    ) -> Fault:
        """A 429 as Discord sends it.

        discord.py retries only when ``Via`` is present and the body is JSON;
        without ``Via`` it assumes a Cloudflare ban and raises.
        """
        headers = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Bucket": bucket,
            "X-RateLimit-Scope": scope or ("global" if global_ else "user"),
            "Retry-After": str(max(1, math.ceil(retry_after))),
        }
        if global_:
            headers["X-RateLimit-Global"] = "true"
        if via:
            headers["Via"] = "1.1 google"
        body = {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": global_,
        }
        return cls(kind="rate_limited", status=429, body=body, headers=headers)

    @classmethod
    def cloudflare_ban(cls) -> Fault:
        """A 429 with an HTML body and no ``Via``: what an IP ban looks like."""
        return cls(kind="cloudflare_ban", status=429, body="<html>error code: 1015</html>")

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """5xx; discord.py retries 500/502/504/524 with a 1 s, 3 s, ... backoff."""
        return cls(
            kind="server_error",
            status=status,
            body={"message": f"{status}: Internal Server Error", "code": 0},
        )

    @classmethod
    def forbidden(cls, code: int = 50013, message: str = "Missing Permissions") -> Fault:
        return cls(kind="forbidden", status=403, body={"message": message, "code": code})

    @classmethod
    def not_found(cls, code: int = 10003, message: str = "Unknown Channel") -> Fault:
        return cls(kind="not_found", status=404, body={"message": message, "code": code})

    @classmethod
    def bad_request(cls, code: int = 50035, message: str = "Invalid Form Body") -> Fault:
        return cls(kind="bad_request", status=400, body={"message": message, "code": code})

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Answer normally, but only after ``seconds`` (a slow Discord, to test deadlines)."""
        return cls(kind="delay", wait=seconds)

    @classmethod
    def custom(
        cls,
        status: int,
        body: JSONDict | str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        return cls(kind="custom", status=status, body=body, headers=dict(headers or {}))


@dataclass
class FaultRule:
    """A fault for the next ``times`` requests matching method + path (``None``: forever)."""

    method: str | None
    path: re.Pattern[str]
    fault: Fault
    times: int | None = 1
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, path: str) -> bool:
        return (
            self.method is None or self.method.upper() == method.upper()
        ) and self.path.fullmatch(path) is not None


@dataclass
class RouteBucket:
    """Rate-limit headers on successful answers of one route, like a Discord bucket.

    Each success uses one of ``limit`` requests per ``reset_after`` window and is
    answered with matching ``X-RateLimit-*`` headers, so discord.py's bucket
    logic (pre-emptive waiting at remaining 0) runs for real. With ``enforce``,
    requests beyond the limit get a real 429 (with ``Via``).
    """

    method: str | None
    path: re.Pattern[str]
    limit: int
    reset_after: float
    bucket: str
    enforce: bool = False
    window_started: float = 0.0
    used: int = 0
    rejected: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            self.method is None or self.method.upper() == method.upper()
        ) and self.path.fullmatch(path) is not None

    def take(self) -> tuple[bool, dict[str, str]]:
        now = time.monotonic()
        if now - self.window_started >= self.reset_after:
            self.window_started = now
            self.used = 0
        self.used += 1
        allowed = not self.enforce or self.used <= self.limit
        if not allowed:
            self.rejected += 1
        reset_after = max(0.0, self.reset_after - (now - self.window_started))
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - self.used)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": self.bucket,
        }
        return allowed, headers


class FaultPlan:
    """Failure knobs, matched in order against (method, path) before normal routing.

    Example::

        messages = r"/channels/\\d+/messages"
        fake.faults.add(method="POST", path=messages, response=Fault.rate_limited(0.3))
        fake.faults.bucket(method="POST", path=messages, limit=5, reset_after=1.0)
    """

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self.buckets: list[RouteBucket] = []

    def add(
        self, *, path: str, response: Fault, method: str | None = None, times: int | None = 1
    ) -> FaultRule:
        rule = FaultRule(method=method, path=re.compile(path), fault=response, times=times)
        self.rules.append(rule)
        return rule

    def rate_limited(
        self,
        *,
        path: str,
        retry_after: float,
        method: str | None = None,
        times: int | None = 1,
        via: bool = True,
        global_: bool = False,
    ) -> FaultRule:
        return self.add(
            path=path,
            method=method,
            times=times,
            response=Fault.rate_limited(retry_after, via=via, global_=global_),
        )

    def server_error(
        self, *, path: str, status: int = 500, method: str | None = None, times: int | None = 1
    ) -> FaultRule:
        return self.add(path=path, method=method, times=times, response=Fault.server_error(status))

    def forbidden(
        self,
        *,
        path: str,
        method: str | None = None,
        times: int | None = 1,
        code: int = 50013,
        message: str = "Missing Permissions",
    ) -> FaultRule:
        return self.add(
            path=path, method=method, times=times, response=Fault.forbidden(code, message)
        )

    def not_found(
        self,
        *,
        path: str,
        method: str | None = None,
        times: int | None = 1,
        code: int = 10003,
        message: str = "Unknown Channel",
    ) -> FaultRule:
        return self.add(
            path=path, method=method, times=times, response=Fault.not_found(code, message)
        )

    def delay(
        self, *, path: str, seconds: float, method: str | None = None, times: int | None = 1
    ) -> FaultRule:
        return self.add(path=path, method=method, times=times, response=Fault.delay(seconds))

    def bucket(
        self,
        *,
        path: str,
        method: str | None = None,
        limit: int = 5,
        reset_after: float = 1.0,
        bucket: str | None = None,
        enforce: bool = False,
    ) -> RouteBucket:
        rb = RouteBucket(
            method=method,
            path=re.compile(path),
            limit=limit,
            reset_after=reset_after,
            bucket=bucket or secrets.token_hex(16),
            enforce=enforce,
        )
        self.buckets.append(rb)
        return rb

    def clear(self) -> None:
        self.rules.clear()
        self.buckets.clear()

    @property
    def pending(self) -> list[FaultRule]:
        """Rules that have not been used up (handy to assert a test's faults really fired)."""
        return [r for r in self.rules if not r.exhausted]

    def _take(self, method: str, path: str) -> FaultRule | None:
        for rule in self.rules:
            if not rule.exhausted and rule.matches(method, path):
                rule.hits += 1
                return rule
        return None

    def _bucket_for(self, method: str, path: str) -> RouteBucket | None:
        return next((b for b in self.buckets if b.matches(method, path)), None)


# ------------------------------------------------------------------ HTTP helpers


def _json_response(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    return web.Response(body=json.dumps(payload).encode(), status=status, headers=all_headers)


def _error(status: int, code: int, message: str, errors: JSONDict | None = None) -> web.Response:
    body: JSONDict = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return _json_response(body, status)


def _no_content() -> web.Response:
    return web.Response(status=204)


def _form_errors(problems: Sequence[tuple[str, str, str]]) -> JSONDict:
    """Nest ``(dotted.path, CODE, message)`` problems like Discord's 50035 ``errors`` object."""
    root: JSONDict = {}
    for path, code, message in problems:
        node = root
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return root


def _invalid_form(problems: Sequence[tuple[str, str, str]]) -> web.Response:
    return _error(400, 50035, "Invalid Form Body", _form_errors(problems))


def _too_long(path: str, limit: int) -> tuple[str, str, str]:
    return (path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _validate_embeds(embeds: Any, prefix: str = "embeds") -> list[tuple[str, str, str]]:
    problems: list[tuple[str, str, str]] = []
    if not isinstance(embeds, list):
        return problems
    if len(embeds) > 10:
        problems.append((prefix, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."))
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        p = f"{prefix}.{i}"
        for key, limit in (("title", 256), ("description", 4096)):
            value = embed.get(key) or ""
            total += len(value)
            if len(value) > limit:
                problems.append(_too_long(f"{p}.{key}", limit))
        footer = (embed.get("footer") or {}).get("text") or ""
        total += len(footer)
        if len(footer) > 2048:
            problems.append(_too_long(f"{p}.footer.text", 2048))
        author = (embed.get("author") or {}).get("name") or ""
        total += len(author)
        if len(author) > 256:
            problems.append(_too_long(f"{p}.author.name", 256))
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problems.append(
                (f"{p}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
        for j, fld in enumerate(fields):
            name = fld.get("name") or ""
            value = fld.get("value") or ""
            total += len(name) + len(value)
            if not name:
                problems.append(
                    (f"{p}.fields.{j}.name", "BASE_TYPE_REQUIRED", "This field is required")
                )
            if len(name) > 256:
                problems.append(_too_long(f"{p}.fields.{j}.name", 256))
            if not value:
                problems.append(
                    (f"{p}.fields.{j}.value", "BASE_TYPE_REQUIRED", "This field is required")
                )
            if len(value) > 1024:
                problems.append(_too_long(f"{p}.fields.{j}.value", 1024))
    if total > 6000:
        problems.append(
            (prefix, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
        )
    return problems


def _validate_components(components: Any, prefix: str = "components") -> list[tuple[str, str, str]]:
    problems: list[tuple[str, str, str]] = []
    if not isinstance(components, list):
        return problems
    if len(components) > 5:
        problems.append((prefix, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."))
    for i, row in enumerate(components):
        if not isinstance(row, dict) or row.get("type") != 1:
            continue
        children = row.get("components") or []
        if len(children) > 5:
            problems.append(
                (
                    f"{prefix}.{i}.components",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 5 or fewer in length.",
                )
            )
        for j, child in enumerate(children):
            cp = f"{prefix}.{i}.components.{j}"
            custom_id = child.get("custom_id")
            if custom_id is not None and len(custom_id) > 100:
                problems.append(_too_long(f"{cp}.custom_id", 100))
            label = child.get("label")
            if label is not None and len(label) > 80:
                problems.append(_too_long(f"{cp}.label", 80))
            options = child.get("options")
            if isinstance(options, list) and len(options) > 25:
                problems.append(
                    (f"{cp}.options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
                )
    return problems


def _validate_message_body(
    body: JSONDict, *, creating: bool, has_files: bool
) -> web.Response | None:
    """Apply Discord's message limits (discord.py itself checks none of them)."""
    problems: list[tuple[str, str, str]] = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > 2000:
        problems.append(_too_long("content", 2000))
    problems += _validate_embeds(body.get("embeds"))
    problems += _validate_components(body.get("components"))
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > 25:
        problems.append(_too_long("nonce", 25))
    if problems:
        return _invalid_form(problems)
    if creating and not (
        body.get("content")
        or body.get("embeds")
        or body.get("components")
        or body.get("sticker_ids")
        or body.get("poll")
        or has_files
    ):
        return _error(400, 50006, "Cannot send an empty message")
    return None


_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")


def _validate_commands(commands: Any) -> web.Response | None:
    if not isinstance(commands, list):
        return _invalid_form(
            [("_root", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")]
        )
    problems: list[tuple[str, str, str]] = []
    if len(commands) > 100:
        problems.append(("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
    seen: set[tuple[str, int]] = set()
    for i, cmd in enumerate(commands):
        name = cmd.get("name") or ""
        ctype = cmd.get("type", 1)
        if not _COMMAND_NAME.match(name) or (ctype == 1 and name != name.lower()):
            problems.append(
                (f"{i}.name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        if (name, ctype) in seen:
            problems.append(
                (
                    f"{i}.name",
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            )
        seen.add((name, ctype))
        if ctype == 1:
            description = cmd.get("description") or ""
            if not 1 <= len(description) <= 100:
                problems.append(
                    (
                        f"{i}.description",
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 100 in length.",
                    )
                )
        if len(cmd.get("options") or []) > 25:
            problems.append(
                (f"{i}.options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
    return _invalid_form(problems) if problems else None


def _validate_choices(data: JSONDict) -> web.Response | None:
    choices = data.get("choices")
    problems: list[tuple[str, str, str]] = []
    if not isinstance(choices, list):
        return _invalid_form([("data.choices", "BASE_TYPE_REQUIRED", "This field is required")])
    if len(choices) > 25:
        problems.append(("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            problems.append(
                (
                    f"data.choices.{i}.name",
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                )
            )
        value = choice.get("value")
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            problems.append(
                (
                    f"data.choices.{i}.value",
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                )
            )
    return _invalid_form(problems) if problems else None


def _validate_modal(data: JSONDict) -> web.Response | None:
    problems: list[tuple[str, str, str]] = []
    title = data.get("title") or ""
    if not 1 <= len(title) <= 45:
        problems.append(
            ("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.")
        )
    custom_id = data.get("custom_id") or ""
    if not 1 <= len(custom_id) <= 100:
        problems.append(
            ("data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        )
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        problems.append(
            ("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        )
    return _invalid_form(problems) if problems else None


# callback types valid for each interaction type (Discord rejects the rest)
_ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    1: frozenset({1}),
    2: frozenset({4, 5, 9}),
    3: frozenset({4, 5, 6, 7, 9}),
    4: frozenset({8}),
    5: frozenset({4, 5, 6, 7}),
}


# ----------------------------------------------------------------------- gateway


@dataclass
class GatewayConnectionInfo:
    """What the fake saw of one websocket connection (for assertions on reconnects/compression)."""

    query: dict[str, str]
    compressed: bool
    opened_at: float
    closed_at: float | None = None
    close_code: int | None = None
    identified: bool = False
    resumed: bool = False
    frames_received: int = 0


@dataclass
class _Session:
    session_id: str
    shard: list[int] | None
    intents: int | None
    token: str | None
    seq: int = 0
    conn: _GatewayConnection | None = None


class _GatewayConnection:
    def __init__(
        self, ws: web.WebSocketResponse, info: GatewayConnectionInfo, frame_size: int | None
    ) -> None:
        self.ws = ws
        self.info = info
        self.session: _Session | None = None
        self.lock = asyncio.Lock()
        self.compressor: Any = zlib.compressobj() if info.compressed else None
        self.frame_size = frame_size

    async def send(self, frame: JSONDict) -> None:
        """Send one gateway payload; compressed payloads share ONE zlib stream per connection."""
        text = json.dumps(frame)
        async with self.lock:
            if self.compressor is None:
                await self.ws.send_str(text)
                return
            data: bytes = self.compressor.compress(text.encode()) + self.compressor.flush(
                zlib.Z_SYNC_FLUSH
            )
            size = self.frame_size or len(data)
            chunks = [data[start : start + size] for start in range(0, len(data), size)]
            if len(chunks) > 1 and len(chunks[-1]) < 4:
                # the client recognises a message end by a frame ENDING in the 4-byte
                # sync-flush marker, so the last frame must hold all of it
                chunks[-2:] = [chunks[-2] + chunks[-1]]
            for chunk in chunks:
                await self.ws.send_bytes(chunk)


@dataclass
class _Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    handler: Callable[[_Ctx], Any]
    auth: bool


@dataclass
class _Ctx:
    request: web.Request
    rec: RecordedRequest
    match: dict[str, str]

    @property
    def body(self) -> Any:
        return self.rec.json

    @property
    def body_dict(self) -> JSONDict:
        return self.rec.json if isinstance(self.rec.json, dict) else {}


# -------------------------------------------------------------------- the fake


class FakeDiscord:
    """One fake Discord per test: REST under ``/api/v10`` and a gateway at ``/gateway``.

    Everything runs on the test's event loop, bound to 127.0.0.1 on an ephemeral
    port, so tests can run in parallel processes and never touch the network.
    """

    def __init__(
        self,
        *,
        application_id: int = DEFAULT_APPLICATION_ID,
        bot_user_id: int = DEFAULT_BOT_USER_ID,
        guilds: Sequence[FakeGuild] | None = None,
        compress: bool = False,
        heartbeat_interval_ms: int = 41250,
        token: str | None = None,
        bot_username: str = "showbot",
        owner: FakeUser | None = None,
        interaction_deadline: float | None = 3.0,
        validate: bool = True,
        allow_privileged_intents: bool = True,
        nonce_window: float = 300.0,
        compressed_frame_size: int | None = None,
    ) -> None:
        """
        ``token``: when set, REST ``Authorization`` and gateway IDENTIFY/RESUME must
        carry it (401 / close 4004 otherwise); when None any ``Bot <x>`` is accepted.
        ``interaction_deadline``: seconds within which the first callback must
        arrive, else 404/10062 like Discord's 3 s rule (None disables).
        ``validate``: enforce Discord's payload limits (400/50035, 50006).
        ``allow_privileged_intents``: False closes IDENTIFY asking for members,
        presences or message content with 4014, like an app without them enabled.
        ``compressed_frame_size``: split compressed payloads into binary frames of
        at most this many bytes (Discord does for large payloads).
        """
        self.application_id: int = application_id
        self.bot_user_id: int = bot_user_id
        self.owner: FakeUser = owner or FakeUser(
            id=DEFAULT_OWNER_ID, username="owner", global_name="Owner"
        )
        self.bot_user: FakeUser = FakeUser(id=bot_user_id, username=bot_username, bot=True)
        self.guilds: list[FakeGuild] = (
            list(guilds)
            if guilds is not None
            else [
                FakeGuild(
                    id=DEFAULT_GUILD_ID,
                    name="Test Guild",
                    channels=[FakeChannel(id=DEFAULT_CHANNEL_ID, name="general")],
                    owner_id=self.owner.id,
                )
            ]
        )
        self.compress: bool = compress
        self.heartbeat_interval_ms: int = heartbeat_interval_ms
        self.token: str | None = token
        self.interaction_deadline: float | None = interaction_deadline
        self.validate: bool = validate
        self.allow_privileged_intents: bool = allow_privileged_intents
        self.nonce_window: float = nonce_window
        self.compressed_frame_size: int | None = compressed_frame_size
        self.ack_heartbeats: bool = True
        """Set False to stop answering heartbeats (a zombie connection)."""
        self.faults: FaultPlan = FaultPlan()

        # REST recording
        self.requests: list[RecordedRequest] = []
        self.unknown_requests: list[RecordedRequest] = []
        self.registered_commands: dict[int | None, list[JSONDict]] = {}
        self.channel_messages: dict[int, list[JSONDict]] = {}
        self.deleted_messages: list[JSONDict] = []
        self.message_edits: list[JSONDict] = []
        """``{"channel_id", "message_id", "body"}`` for each PATCH /channels/{id}/messages/{id}."""
        self.reactions: list[tuple[int, int, str]] = []
        self.typing: list[int] = []
        self.interactions: dict[int, FakeInteraction] = {}
        self.internal_errors: list[BaseException] = []
        """Exceptions raised inside the fake itself (answered 500); healthy tests leave it empty."""

        # gateway recording
        self.identify_count: int = 0
        self.resume_count: int = 0
        self.ready_count: int = 0
        self.invalid_session_count: int = 0
        self.heartbeat_count: int = 0
        self.identify_payloads: list[JSONDict] = []
        self.gateway_received: list[JSONDict] = []
        self.gateway_connections: list[GatewayConnectionInfo] = []
        self.dispatched: list[tuple[str, JSONDict]] = []
        self.suppressed_events: list[tuple[str, JSONDict]] = []
        """Events not delivered because the session's intents exclude them (as Discord would)."""
        self.presence_updates: list[JSONDict] = []

        self.users: dict[int, FakeUser] = {}
        for user in (self.owner, self.bot_user):
            self.users[user.id] = user

        self._changes = _Changes()
        self._routes: list[_Route] = []
        self._sessions: dict[str, _Session] = {}
        self._conns: set[_GatewayConnection] = set()
        self._current: _GatewayConnection | None = None
        self._all_messages: dict[int, JSONDict] = {}
        self._nonces: dict[tuple[int, str], tuple[float, JSONDict]] = {}
        self._dm_channels: dict[int, JSONDict] = {}
        self._dm_by_user: dict[int, int] = {}
        self._bot_role_ids: dict[int, int] = {g.id: new_snowflake() for g in self.guilds}
        self._interactions_by_token: dict[str, FakeInteraction] = {}
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._port: int = 0
        self._install_routes()

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on an ephemeral port (never a fixed one: tests may run concurrently)."""
        if self._runner is not None:
            raise RuntimeError("FakeDiscord already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway_handler)
        app.router.add_route("*", "/{tail:.*}", self._http_handler)
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handle_signals=False
        )
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await self._site.start()
        self._port = self._site.port

    async def stop(self) -> None:
        """Close gateway sockets, then the server, so the test loop ends without warnings."""
        for conn in list(self._conns):
            with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
                await asyncio.wait_for(
                    conn.ws.close(code=1001, message=b"fake discord stopping"), 2
                )
        self._current = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if not self._port:
            raise RuntimeError("FakeDiscord not started")
        return self._port

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ------------------------------------------------------------- lookups

    def add_user(self, user: FakeUser) -> FakeUser:
        """Make a user known (so mentions and fetch_user resolve it)."""
        self.users[user.id] = user
        return user

    def guild(self, guild_id: int) -> FakeGuild:
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise KeyError(f"no fake guild {guild_id}")

    def messages_in(self, channel_id: int) -> list[JSONDict]:
        """Messages the bot created via POST /channels/{id}/messages (not deleted), oldest first."""
        return list(self.channel_messages.get(channel_id, []))

    def all_messages_in(self, channel_id: int) -> list[JSONDict]:
        """Every message the fake knows in a channel (users', the bot's, non-ephemeral replies)."""
        return sorted(
            (
                m
                for m in self._all_messages.values()
                if int(m["channel_id"]) == channel_id
                and not (m.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL)
            ),
            key=lambda m: int(m["id"]),
        )

    def interaction(self, interaction_id: int) -> FakeInteraction:
        return self.interactions[interaction_id]

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path fullmatches the regex ``path``."""
        pattern = re.compile(path)
        return [
            r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)
        ]

    # ---------------------------------------------------------------- waits

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5,
        what: str = "condition",
    ) -> T:
        """Wait until ``predicate()`` returns something truthy (re-checked on every change)."""
        return await self._changes.wait_for(predicate, timeout, what)

    async def wait_until_identified(self, timeout: float = 5, count: int = 1) -> None:
        """Wait until ``count`` IDENTIFYs have been answered with READY and all GUILD_CREATEs."""
        await self._changes.wait_for(
            lambda: True if self.ready_count >= count and self._current is not None else None,
            timeout,
            f"{count} identified gateway session(s)",
        )

    async def wait_until_resumed(self, timeout: float = 5, count: int = 1) -> None:
        await self._changes.wait_for(
            lambda: True if self.resume_count >= count and self._current is not None else None,
            timeout,
            f"{count} gateway resume(s)",
        )

    async def wait_for_request(
        self,
        method: str,
        path: str,
        timeout: float = 5,
        count: int = 1,
    ) -> RecordedRequest:
        """The ``count``-th answered request matching method + path regex."""

        def find() -> RecordedRequest | None:
            matching = [r for r in self.requests_to(method, path) if r.status]
            return matching[count - 1] if len(matching) >= count else None

        return await self._changes.wait_for(find, timeout, f"{method} {path} #{count}")

    async def wait_for_message_in(
        self,
        channel_id: int,
        timeout: float = 5,
        count: int = 1,
    ) -> JSONDict:
        """The ``count``-th message the bot created in a channel via REST."""
        return await self._changes.wait_for(
            lambda: (
                self.channel_messages.get(channel_id, [])[count - 1]
                if len(self.channel_messages.get(channel_id, [])) >= count
                else None
            ),
            timeout,
            f"message #{count} in channel {channel_id}",
        )

    # ------------------------------------------------------ driving the bot

    async def send_interaction(
        self,
        *,
        type: int,
        data: JSONDict,
        user: FakeUser,
        guild_id: int | None,
        channel_id: int,
        message: JSONDict | None = None,
        locale: str = "en-US",
        roles: Sequence[int] = (),
        permissions: int | None = None,
        app_permissions: int | None = None,
        timeout: float = 5,
    ) -> FakeInteraction:
        """Dispatch a complete INTERACTION_CREATE and return its recorder.

        For application commands and autocomplete (types 2/4) ``data`` may be just
        ``{"name": ..., "options": [...]}``: ``type``, ``id`` and, for commands
        registered to this guild, ``guild_id`` are filled in from the last sync,
        because discord.py's tree only finds guild commands through
        ``data.guild_id``. Waits (up to ``timeout``) for a live gateway session.
        """
        self.add_user(user)
        guild = self.guild(guild_id) if guild_id is not None else None
        data = copy.deepcopy(data)
        if type in (2, 4):
            self._complete_command_data(data, guild_id)

        payload: JSONDict = {
            "id": str(new_snowflake()),
            "application_id": str(self.application_id),
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
                permissions
                if permissions is not None
                else self._member_permissions(guild, user, roles)
            )
            payload["guild_id"] = str(guild.id)
            payload["guild"] = {"id": str(guild.id), "locale": "en-US", "features": []}
            payload["guild_locale"] = "en-US"
            payload["channel"] = self._interaction_channel_payload(guild, channel_id, member_perms)
            payload["member"] = {
                **self._member_payload(user, roles, guild),
                "permissions": str(member_perms),
            }
            payload["app_permissions"] = str(
                app_permissions if app_permissions is not None else self._bot_permissions(guild)
            )
            payload["authorizing_integration_owners"] = {"0": str(guild.id)}
            payload["context"] = 0
        else:
            dm = self._ensure_dm_channel(channel_id, user)
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

        interaction = FakeInteraction(fake=self, payload=payload)
        self.interactions[interaction.id] = interaction
        self._interactions_by_token[interaction.token] = interaction
        await self._dispatch_live("INTERACTION_CREATE", payload, timeout, on_send=interaction)
        return interaction

    async def send_command(
        self,
        name: str,
        *,
        user: FakeUser,
        options: Sequence[JSONDict] = (),
        guild_id: int | None = DEFAULT_GUILD_ID,
        channel_id: int = DEFAULT_CHANNEL_ID,
        **kwargs: Any,
    ) -> FakeInteraction:
        """Shorthand for a slash command invocation (type 2)."""
        return await self.send_interaction(
            type=2,
            data={"name": name, "options": list(options)},
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            **kwargs,
        )

    async def click(
        self,
        message: JSONDict,
        custom_id: str,
        *,
        user: FakeUser,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> FakeInteraction:
        """Simulate a component interaction (button: 2, string select: 3) on a known message."""
        data: JSONDict = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        return await self.send_interaction(
            type=3,
            data=data,
            user=user,
            guild_id=kwargs.pop("guild_id", guild_id),
            channel_id=int(message["channel_id"]),
            message=message,
            **kwargs,
        )

    async def send_message(
        self,
        *,
        content: str,
        author: FakeUser,
        channel_id: int,
        guild_id: int | None,
        mentions: Sequence[FakeUser] = (),
        roles: Sequence[int] = (),
        timeout: float = 5,
    ) -> JSONDict:
        """Dispatch a user's MESSAGE_CREATE and return the payload as dispatched.

        Honours intents like Discord: without GUILD_MESSAGES / DIRECT_MESSAGES the
        event is not delivered (see ``suppressed_events``); without MESSAGE_CONTENT
        content/embeds/attachments/components arrive empty unless it is a DM or
        mentions the bot.
        """
        self.add_user(author)
        for user in mentions:
            self.add_user(user)
        guild = self.guild(guild_id) if guild_id is not None else None
        if guild is None:
            self._ensure_dm_channel(channel_id, author)
        mentioned: dict[int, FakeUser] = {u.id: u for u in mentions}
        for match in re.findall(r"<@!?(\d+)>", content):
            uid = int(match)
            if uid in self.users:
                mentioned.setdefault(uid, self.users[uid])
        mention_payloads: list[JSONDict] = []
        for user in mentioned.values():
            mp = user.to_payload()
            if guild is not None:
                mp["member"] = self._member_payload(user, (), guild, with_user=False)
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
            "timestamp": _iso_now(),
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
            payload["member"] = self._member_payload(author, roles, guild, with_user=False)
        self._all_messages[int(payload["id"])] = payload
        bot_mentioned = self.bot_user_id in mentioned

        def shape(session: _Session) -> JSONDict | None:
            intents = session.intents
            if intents is None:
                return payload
            needed = INTENT_GUILD_MESSAGES if guild is not None else INTENT_DIRECT_MESSAGES
            if not intents & needed:
                return None
            if not intents & INTENT_MESSAGE_CONTENT and guild is not None and not bot_mentioned:
                return {**payload, "content": "", "embeds": [], "attachments": [], "components": []}
            return payload

        sent = await self._dispatch_live("MESSAGE_CREATE", payload, timeout, shape=shape)
        return sent if sent is not None else payload

    async def dispatch_event(self, event: str, data: JSONDict, timeout: float = 5) -> None:
        """Send any other gateway event (GUILD_MEMBER_ADD, ...) to the live session."""
        await self._dispatch_live(event, data, timeout)

    async def drop_gateway(
        self,
        *,
        code: int = 4000,
        resumable: bool = True,
        notify_invalid_session: bool = True,
        timeout: float = 5,
    ) -> None:
        """End the current gateway connection the way Discord does.

        ``resumable=True``: close with ``code``; the client must RESUME (op 6) on
        ``resume_gateway_url`` and gets RESUMED. ``resumable=False``: the session
        is forgotten first; with ``notify_invalid_session`` the fake sends op 9
        ``d=false`` (the client closes and re-IDENTIFYs), otherwise it just closes
        with ``code`` (e.g. 4009) and answers the client's RESUME attempt with
        op 9 ``d=false``. Codes 4004/4010-4014 make discord.py give up entirely.
        """
        conn = await self._changes.wait_for(
            lambda: (
                self._current if self._current is not None and not self._current.ws.closed else None
            ),
            timeout,
            "a live gateway connection to drop",
        )
        self._current = None
        if not resumable and conn.session is not None:
            self._sessions.pop(conn.session.session_id, None)
        if not resumable and notify_invalid_session:
            self.invalid_session_count += 1
            with contextlib.suppress(ConnectionError, RuntimeError):
                await conn.send({"op": 9, "d": False})
            try:
                await self._changes.wait_for(
                    lambda: True if conn.ws.closed else None, timeout, "client to close"
                )
            except TimeoutError:
                await conn.ws.close(code=code)
        else:
            await conn.ws.close(code=code)
        self._changes.notify()

    async def request_reconnect(self, timeout: float = 5) -> None:
        """Send op 7 RECONNECT: the client should close and RESUME."""
        conn = await self._live_connection(timeout)
        await conn.send({"op": 7, "d": None})

    # ----------------------------------------------------- payload builders

    def user_payload(self, user_id: int) -> JSONDict:
        user = self.users.get(user_id)
        if user is not None:
            return user.to_payload()
        return FakeUser(id=user_id, username=f"user{user_id}").to_payload()

    def _bot_user_payload(self) -> JSONDict:
        return {
            **self.bot_user.to_payload(),
            "verified": True,
            "mfa_enabled": False,
            "email": None,
            "locale": "en-US",
            "premium_type": 0,
        }

    def _member_payload(
        self, user: FakeUser, roles: Sequence[int], guild: FakeGuild, *, with_user: bool = True
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

    def _member_permissions(self, guild: FakeGuild, user: FakeUser, roles: Sequence[int]) -> int:
        if user.id == guild.owner_id:
            return ALL_PERMISSIONS
        perms = guild.everyone_permissions
        for role_id in roles:
            role = guild.role(role_id)
            if role is not None:
                perms |= role.permissions
        return ALL_PERMISSIONS if perms & PERM_ADMINISTRATOR else perms

    def _bot_permissions(self, guild: FakeGuild) -> int:
        perms = guild.everyone_permissions | guild.bot_permissions
        return ALL_PERMISSIONS if perms & PERM_ADMINISTRATOR else perms

    def _channel_payload(
        self, guild: FakeGuild, channel: FakeChannel, position: int, *, with_guild_id: bool
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

    def _interaction_channel_payload(
        self, guild: FakeGuild, channel_id: int, perms: int
    ) -> JSONDict:
        for position, channel in enumerate(guild.channels):
            if channel.id == channel_id:
                payload = self._channel_payload(guild, channel, position, with_guild_id=True)
                break
        else:
            payload = self._channel_payload(
                guild,
                FakeChannel(id=channel_id, name=f"channel-{channel_id}"),
                0,
                with_guild_id=True,
            )
        payload["permissions"] = str(perms)
        return payload

    def _roles_payload(self, guild: FakeGuild) -> list[JSONDict]:
        roles = [
            _role_payload(guild.id, "@everyone", permissions=guild.everyone_permissions, position=0)
        ]
        roles.append(
            _role_payload(
                self._bot_role_ids.setdefault(guild.id, new_snowflake()),
                self.bot_user.username,
                permissions=guild.bot_permissions,
                position=1,
                managed=True,
                tags={"bot_id": str(self.bot_user_id)},
            )
        )
        roles += [r.to_payload() for r in guild.roles]
        return roles

    def _guild_payload(self, guild: FakeGuild) -> JSONDict:
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
            "roles": self._roles_payload(guild),
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

    def _guild_create_payload(self, guild: FakeGuild) -> JSONDict:
        """GUILD_CREATE as Discord sends it: channels without guild_id, the bot's own member.

        ``member_count`` equals the members sent so discord.py considers the guild
        chunked and does not request members (which would stall readiness ~5 s).
        """
        bot_member = self._member_payload(self.bot_user, [self._bot_role_ids[guild.id]], guild)
        return {
            **self._guild_payload(guild),
            "joined_at": snowflake_time(guild.id).isoformat(),
            "large": False,
            "unavailable": False,
            "member_count": 1,
            "members": [bot_member],
            "channels": [
                self._channel_payload(guild, c, i, with_guild_id=False)
                for i, c in enumerate(guild.channels)
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

    def _ready_payload(self, session: _Session, guilds: Sequence[FakeGuild]) -> JSONDict:
        payload: JSONDict = {
            "v": 10,
            "user": self._bot_user_payload(),
            "user_settings": {},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": self._application_flags()},
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

    def _application_flags(self) -> int:
        # GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED
        return (1 << 13) | (1 << 15) | (1 << 19) if self.allow_privileged_intents else 0

    def _app_info_payload(self) -> JSONDict:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user.to_payload(),
            "verify_key": "0" * 64,
            "flags": self._application_flags(),
            "owner": self.owner.to_payload(),
            "team": None,
            "hook": True,
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "tags": [],
            "install_params": None,
            "integration_types_config": {"0": {}},
            "approximate_guild_count": len(self.guilds),
        }

    def _complete_command_data(self, data: JSONDict, guild_id: int | None) -> None:
        data.setdefault("type", 1)
        name = data.get("name")
        ctype = data.get("type", 1)
        if guild_id is not None and "guild_id" not in data:
            for cmd in self.registered_commands.get(guild_id, []):
                if cmd.get("name") == name and cmd.get("type", 1) == ctype:
                    data["guild_id"] = str(guild_id)
                    data.setdefault("id", cmd["id"])
                    return
        for cmd in self.registered_commands.get(None, []):
            if cmd.get("name") == name and cmd.get("type", 1) == ctype:
                data.setdefault("id", cmd["id"])
                return
        data.setdefault("id", str(new_snowflake()))

    def _ensure_dm_channel(self, channel_id: int, user: FakeUser) -> JSONDict:
        existing = self._dm_channels.get(channel_id)
        if existing is not None:
            return existing
        payload: JSONDict = {
            "id": str(channel_id),
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "recipients": [user.to_payload()],
        }
        self._dm_channels[channel_id] = payload
        self._dm_by_user.setdefault(user.id, channel_id)
        return payload

    def _find_channel(self, channel_id: int) -> tuple[FakeGuild | None, JSONDict] | None:
        for guild in self.guilds:
            for position, channel in enumerate(guild.channels):
                if channel.id == channel_id:
                    return guild, self._channel_payload(
                        guild, channel, position, with_guild_id=True
                    )
        dm = self._dm_channels.get(channel_id)
        if dm is not None:
            return None, dm
        return None

    def _resolve_mentions(
        self, content: str, allowed: Any, guild: FakeGuild | None, replied_author: str | None
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
        return [self.user_payload(int(u)) for u in user_ids], role_ids, everyone

    def _attachments_for(
        self, channel_id: int, files: Sequence[RecordedFile], body: JSONDict
    ) -> list[JSONDict]:
        described = {
            str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)
        }
        attachments: list[JSONDict] = []
        for index, f in enumerate(files):
            att_id = new_snowflake()
            filename = f.filename or f"file{index}"
            meta = described.get(str(index), {})
            attachments.append(
                {
                    "id": str(att_id),
                    "filename": filename,
                    "size": f.size,
                    "url": f"http://127.0.0.1:{self._port}/attachments/{channel_id}/{att_id}/{filename}",
                    "proxy_url": f"http://127.0.0.1:{self._port}/attachments/{channel_id}/{att_id}/{filename}",
                    "content_type": f.content_type,
                    "description": meta.get("description"),
                    "ephemeral": False,
                    "flags": 0,
                }
            )
        return attachments

    def _build_message(
        self,
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
        found = self._find_channel(channel_id)
        guild = found[0] if found else None
        content = body.get("content") or ""
        reference = body.get("message_reference")
        replied_author: str | None = None
        if isinstance(reference, dict) and reference.get("message_id"):
            referenced = self._all_messages.get(int(reference["message_id"]))
            if referenced is not None:
                replied_author = str(referenced["author"]["id"])
        mentions, mention_roles, everyone = self._resolve_mentions(
            content, body.get("allowed_mentions"), guild, replied_author
        )
        message: JSONDict = {
            "id": str(new_snowflake()),
            "channel_id": str(channel_id),
            "author": self.bot_user.to_payload(),
            "content": content,
            "timestamp": _iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": everyone,
            "mentions": mentions,
            "mention_roles": mention_roles,
            "attachments": self._attachments_for(channel_id, files, body),
            "embeds": copy.deepcopy(body.get("embeds") or []),
            "components": copy.deepcopy(body.get("components") or []),
            "reactions": [],
            "pinned": False,
            "type": 19 if reference else msg_type,
            "flags": int(body.get("flags") or 0),
            # fake-only bookkeeping, see docstring
            "allowed_mentions": copy.deepcopy(body.get("allowed_mentions")),
            "files": [
                {"filename": f.filename, "size": f.size, "content_type": f.content_type}
                for f in files
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
            message["application_id"] = str(self.application_id)
        if extra:
            message.update(extra)
        self._all_messages[int(message["id"])] = message
        return message

    def _apply_edit(self, message: JSONDict, body: JSONDict, files: Sequence[RecordedFile]) -> None:
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
            message["attachments"] = [
                a for a in message.get("attachments", []) if a["id"] in keep_ids
            ]
        if files:
            message["attachments"] = message.get("attachments", []) + self._attachments_for(
                int(message["channel_id"]), files, body
            )
            message["files"] = message.get("files", []) + [
                {"filename": f.filename, "size": f.size, "content_type": f.content_type}
                for f in files
            ]
        if "content" in body or "allowed_mentions" in body:
            found = self._find_channel(int(message["channel_id"]))
            mentions, roles, everyone = self._resolve_mentions(
                message.get("content", ""),
                message.get("allowed_mentions"),
                found[0] if found else None,
                None,
            )
            message.update(mentions=mentions, mention_roles=roles, mention_everyone=everyone)
        message["flags"] = message.get("flags", 0) & ~MESSAGE_FLAG_LOADING
        message["edited_timestamp"] = _iso_now()

    # ------------------------------------------------------------- gateway

    async def _live_connection(self, timeout: float) -> _GatewayConnection:
        return await self._changes.wait_for(
            lambda: (
                self._current if self._current is not None and not self._current.ws.closed else None
            ),
            timeout,
            "a live gateway session (did the client connect / finish resuming?)",
        )

    async def _send_dispatch(self, conn: _GatewayConnection, event: str, data: JSONDict) -> None:
        session = conn.session
        assert session is not None
        session.seq += 1
        await conn.send({"op": 0, "s": session.seq, "t": event, "d": data})
        self.dispatched.append((event, data))

    async def _dispatch_live(
        self,
        event: str,
        data: JSONDict,
        timeout: float,
        *,
        shape: Callable[[_Session], JSONDict | None] | None = None,
        on_send: FakeInteraction | None = None,
    ) -> JSONDict | None:
        """Deliver an event on the live session; retry on the next if the socket dies mid-send.

        Discord would replay such an event on RESUME; the fake replays nothing,
        so instead it never loses the event a test explicitly sends.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            conn = await self._live_connection(max(0.0, deadline - loop.time()))
            assert conn.session is not None
            payload = shape(conn.session) if shape is not None else data
            if payload is None:
                self.suppressed_events.append((event, data))
                self._changes.notify()
                return None
            if on_send is not None:
                on_send.dispatched_at = time.monotonic()
            try:
                await self._send_dispatch(conn, event, payload)
            except (ConnectionError, RuntimeError):
                if loop.time() >= deadline:
                    raise
                if self._current is conn:
                    self._current = None
                continue
            self._changes.notify()
            return payload

    async def _gateway_handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(timeout=2.0, max_msg_size=0, compress=False, autoping=True)
        await ws.prepare(request)
        query = dict(request.query)
        info = GatewayConnectionInfo(
            query=query,
            compressed=self.compress and query.get("compress") == "zlib-stream",
            opened_at=time.monotonic(),
        )
        if self.compress and not info.compressed:
            _log.warning(
                "compress=True but the client asked for compress=%r; sending text",
                query.get("compress"),
            )
        self.gateway_connections.append(info)
        conn = _GatewayConnection(ws, info, self.compressed_frame_size)
        self._conns.add(conn)
        self._changes.notify()
        try:
            await conn.send(
                {
                    "op": 10,
                    "s": None,
                    "t": None,
                    "d": {
                        "heartbeat_interval": self.heartbeat_interval_ms,
                        "_trace": ['["fake-discord-gateway"]'],
                    },
                }
            )
            async for msg in ws:
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    try:
                        frame = json.loads(msg.data)
                    except ValueError:
                        await ws.close(code=4002, message=b"Error while decoding payload.")
                        break
                    info.frames_received += 1
                    self.gateway_received.append(frame)
                    try:
                        await self._on_frame(conn, frame)
                    except (ConnectionError, RuntimeError):
                        break
                    self._changes.notify()
                else:
                    break
        except Exception as exc:  # noqa: BLE001 - surfaced through internal_errors
            _log.exception("fake gateway handler failed")
            self.internal_errors.append(exc)
        finally:
            info.closed_at = time.monotonic()
            info.close_code = ws.close_code
            self._conns.discard(conn)
            if self._current is conn:
                self._current = None
            if conn.session is not None and conn.session.conn is conn:
                conn.session.conn = None
            self._changes.notify()
        return ws

    def _token_ok(self, token: Any) -> bool:
        if not isinstance(token, str) or not token:
            return False
        return self.token is None or token == self.token

    async def _on_frame(self, conn: _GatewayConnection, frame: JSONDict) -> None:
        op = frame.get("op")
        d = frame.get("d")
        if op == 1:
            self.heartbeat_count += 1
            if self.ack_heartbeats:
                await conn.send({"op": 11, "s": None, "t": None, "d": None})
            return
        if op == 2:
            await self._on_identify(conn, d if isinstance(d, dict) else {})
            return
        if op == 6:
            await self._on_resume(conn, d if isinstance(d, dict) else {})
            return
        if conn.session is None:
            await conn.ws.close(code=4003, message=b"Not authenticated.")
            return
        if op == 3:
            self.presence_updates.append(d if isinstance(d, dict) else {})
        elif op == 4:
            pass  # voice state update: no voice in this fake
        elif op == 8:
            await self._on_request_members(conn, d if isinstance(d, dict) else {})
        else:
            await conn.ws.close(code=4001, message=b"Unknown opcode.")

    async def _on_identify(self, conn: _GatewayConnection, d: JSONDict) -> None:
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated.")
            return
        if not self._token_ok(d.get("token")):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = d.get("intents")
        if (
            isinstance(intents, int)
            and intents & PRIVILEGED_INTENTS
            and not self.allow_privileged_intents
        ):
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard = d.get("shard")
        if shard is not None and (
            not isinstance(shard, list) or len(shard) != 2 or not 0 <= shard[0] < shard[1]
        ):
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        self.identify_count += 1
        self.identify_payloads.append(d)
        session = _Session(
            session_id=secrets.token_hex(16),
            shard=list(shard) if shard is not None else None,
            intents=intents if isinstance(intents, int) else None,
            token=d.get("token"),
        )
        self._sessions[session.session_id] = session
        session.conn = conn
        conn.session = session
        conn.info.identified = True
        guilds = [
            g
            for g in self.guilds
            if session.shard is None or (g.id >> 22) % session.shard[1] == session.shard[0]
        ]
        await self._send_dispatch(conn, "READY", self._ready_payload(session, guilds))
        if session.intents is None or session.intents & INTENT_GUILDS:
            for guild in guilds:
                await self._send_dispatch(conn, "GUILD_CREATE", self._guild_create_payload(guild))
        self.ready_count += 1
        self._current = conn
        self._changes.notify()

    async def _on_resume(self, conn: _GatewayConnection, d: JSONDict) -> None:
        session = self._sessions.get(str(d.get("session_id")))
        if (
            session is None
            or not self._token_ok(d.get("token"))
            or (self.token is None and d.get("token") != session.token)
        ):
            self.invalid_session_count += 1
            await conn.send({"op": 9, "s": None, "t": None, "d": False})
            return
        old = session.conn
        if old is not None and old is not conn and not old.ws.closed:
            await old.ws.close(code=4000)
        session.conn = conn
        conn.session = session
        conn.info.resumed = True
        self.resume_count += 1
        await self._send_dispatch(conn, "RESUMED", {"_trace": ['["fake-discord-gateway"]']})
        self._current = conn
        self._changes.notify()

    async def _on_request_members(self, conn: _GatewayConnection, d: JSONDict) -> None:
        """Answer op 8 with the members the fake knows, so guild.chunk() never hangs."""
        try:
            guild = self.guild(int(d.get("guild_id", 0)))
        except (KeyError, ValueError, TypeError):
            return
        members = [self._member_payload(self.bot_user, [self._bot_role_ids[guild.id]], guild)]
        query = d.get("query")
        user_ids = {str(u) for u in d.get("user_ids") or []}
        for user in self.users.values():
            if user.id == self.bot_user_id:
                continue
            if user_ids and str(user.id) not in user_ids:
                continue
            if query and not user.username.lower().startswith(str(query).lower()):
                continue
            members.append(self._member_payload(user, (), guild))
        payload: JSONDict = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce") is not None:
            payload["nonce"] = d["nonce"]
        await self._send_dispatch(conn, "GUILD_MEMBERS_CHUNK", payload)

    # ---------------------------------------------------------------- REST

    def _route(
        self, methods: str, pattern: str, handler: Callable[[_Ctx], Any], *, auth: bool = True
    ) -> None:
        self._routes.append(
            _Route(frozenset(methods.split("|")), re.compile(pattern), handler, auth)
        )

    def _install_routes(self) -> None:
        r = self._route
        r("GET", r"/users/@me", self._get_me)
        r("GET", r"/oauth2/applications/@me", self._get_app_info)
        r("GET", r"/applications/@me", self._get_app_info)
        r("GET", r"/gateway", self._get_gateway, auth=False)
        r("GET", r"/gateway/bot", self._get_gateway_bot)
        r("GET|PUT", r"/applications/(?P<app>\d+)/commands", self._commands)
        r("GET|PUT", r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands", self._commands)
        r(
            "POST",
            r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback",
            self._interaction_callback,
            auth=False,
        )
        r("POST", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)", self._webhook_execute, auth=False)
        r(
            "GET|PATCH|DELETE",
            r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<mid>@original|\d+)",
            self._webhook_message,
            auth=False,
        )
        r("GET", r"/channels/(?P<cid>\d+)", self._get_channel)
        r("GET", r"/channels/(?P<cid>\d+)/messages", self._get_channel_messages)
        r("POST", r"/channels/(?P<cid>\d+)/messages", self._create_message)
        r(
            "GET|PATCH|DELETE",
            r"/channels/(?P<cid>\d+)/messages/(?P<mid>\d+)",
            self._channel_message,
        )
        r("POST", r"/channels/(?P<cid>\d+)/typing", self._typing)
        r(
            "PUT|DELETE",
            r"/channels/(?P<cid>\d+)/messages/(?P<mid>\d+)/reactions/(?P<emoji>[^/]+)/@me",
            self._reaction,
        )
        r("POST", r"/users/@me/channels", self._create_dm)
        r("GET", r"/users/(?P<uid>\d+)", self._get_user)
        r("GET", r"/guilds/(?P<gid>\d+)", self._get_guild)
        r("GET", r"/guilds/(?P<gid>\d+)/channels", self._get_guild_channels)
        r("GET", r"/guilds/(?P<gid>\d+)/roles", self._get_guild_roles)
        r("GET", r"/guilds/(?P<gid>\d+)/members/(?P<uid>\d+)", self._get_member)

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile], bytes]:
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            files: list[RecordedFile] = []
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read(decode=False)
                if part.name == "payload_json":
                    payload = json.loads(data)
                else:
                    files.append(
                        RecordedFile(
                            part_name=part.name or "",
                            filename=part.filename,
                            size=len(data),
                            content_type=part.headers.get("Content-Type"),
                            content=bytes(data),
                        )
                    )
            return payload, files, b""
        raw = await request.read()
        if not raw:
            return None, [], raw
        try:
            return json.loads(raw), [], raw
        except ValueError:
            return raw.decode(errors="replace"), [], raw

    async def _http_handler(self, request: web.Request) -> web.StreamResponse:
        raw_path = request.path
        path = raw_path[len(API_PREFIX) :] if raw_path.startswith(API_PREFIX + "/") else raw_path
        try:
            body, files, raw = await self._read_body(request)
        except Exception:  # noqa: BLE001 - a malformed body is recorded as absent
            body, files, raw = None, [], b""
        rec = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            headers=dict(request.headers),
            at=time.monotonic(),
            body=raw,
        )
        self.requests.append(rec)
        self._changes.notify()
        try:
            response = await self._answer(request, rec)
        except Exception as exc:  # noqa: BLE001 - answered 500, kept in internal_errors
            _log.exception("fake discord failed answering %s %s", request.method, path)
            self.internal_errors.append(exc)
            response = _error(500, 0, f"fake discord internal error: {exc!r}")
        rec.status = response.status
        self._changes.notify()
        return response

    async def _answer(self, request: web.Request, rec: RecordedRequest) -> web.StreamResponse:
        rule = self.faults._take(rec.method, rec.path)
        if rule is not None:
            rec.fault = rule.fault.kind
            if rule.fault.wait:
                await asyncio.sleep(rule.fault.wait)
            if rule.fault.status:
                body = rule.fault.body
                headers = dict(rule.fault.headers)
                if isinstance(body, dict) and "retry_after" in body:
                    # the absolute reset time is relative to when the 429 is sent
                    headers["X-RateLimit-Reset"] = f"{time.time() + body['retry_after']:.3f}"
                if isinstance(body, str) or body is None:
                    return web.Response(
                        text=body or "",
                        status=rule.fault.status,
                        headers=headers,
                        content_type="text/html",
                    )
                return _json_response(body, rule.fault.status, headers)

        route: _Route | None = None
        groups: dict[str, str] = {}
        for candidate in self._routes:
            match = candidate.pattern.fullmatch(rec.path)
            if match is not None and rec.method in candidate.methods:
                route, groups = candidate, match.groupdict()
                break
        if route is None:
            self.unknown_requests.append(rec)
            return _error(404, 0, "404: Not Found")

        if route.auth:
            auth = request.headers.get("Authorization", "")
            if not auth.startswith("Bot ") or not self._token_ok(auth[4:]):
                return _error(401, 0, "401: Unauthorized")

        bucket = self.faults._bucket_for(rec.method, rec.path)
        bucket_headers: dict[str, str] = {}
        if bucket is not None:
            allowed, bucket_headers = bucket.take()
            if not allowed:
                rec.fault = "bucket_exhausted"
                retry_after = float(bucket_headers["X-RateLimit-Reset-After"])
                fault = Fault.rate_limited(retry_after, bucket=bucket.bucket, limit=bucket.limit)
                assert isinstance(fault.body, dict)
                return _json_response(fault.body, 429, fault.headers)

        response: web.StreamResponse = await route.handler(_Ctx(request, rec, groups))
        if bucket_headers and 200 <= response.status < 300:
            response.headers.update(bucket_headers)
        return response

    # -- identity / gateway info

    async def _get_me(self, ctx: _Ctx) -> web.Response:
        return _json_response(self._bot_user_payload())

    async def _get_app_info(self, ctx: _Ctx) -> web.Response:
        return _json_response(self._app_info_payload())

    async def _get_gateway(self, ctx: _Ctx) -> web.Response:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, ctx: _Ctx) -> web.Response:
        return _json_response(
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 1000 - self.identify_count,
                    "reset_after": 86_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    # -- application commands

    async def _commands(self, ctx: _Ctx) -> web.Response:
        if int(ctx.match["app"]) != self.application_id:
            return _error(403, 50001, "Missing Access")
        scope: int | None = int(ctx.match["guild"]) if ctx.match.get("guild") else None
        if scope is not None and not any(g.id == scope for g in self.guilds):
            return _error(403, 50001, "Missing Access")
        if ctx.rec.method == "GET":
            return _json_response(self.registered_commands.get(scope, []))
        commands = ctx.body
        if self.validate:
            problem = _validate_commands(commands)
            if problem is not None:
                return problem
        previous = {
            (c.get("name"), c.get("type", 1)): c for c in self.registered_commands.get(scope, [])
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
            entry["application_id"] = str(self.application_id)
            entry["version"] = str(new_snowflake())
            if scope is not None:
                entry["guild_id"] = str(scope)
            else:
                entry.setdefault("dm_permission", True)
                entry.setdefault("contexts", None)
                entry.setdefault("integration_types", [0])
            stored.append(entry)
        self.registered_commands[scope] = stored
        return _json_response(stored)

    # -- interactions

    async def _interaction_callback(self, ctx: _Ctx) -> web.Response:
        interaction = self.interactions.get(int(ctx.match["iid"]))
        if interaction is None or interaction.token != ctx.match["token"]:
            return _error(404, 10062, "Unknown interaction")
        body = ctx.body_dict
        files = ctx.rec.files

        def reject(response: web.Response) -> web.Response:
            interaction._record("callback", body, response.status, files=files)
            return response

        if interaction.acknowledged:
            return reject(_error(400, 40060, "Interaction has already been acknowledged."))
        if (
            self.interaction_deadline is not None
            and interaction._elapsed() > self.interaction_deadline
        ):
            return reject(_error(404, 10062, "Unknown interaction"))
        cb_type = body.get("type")
        data: JSONDict = body.get("data") or {}
        if not isinstance(cb_type, int) or cb_type not in _ALLOWED_CALLBACKS.get(
            interaction.type, frozenset()
        ):
            return reject(
                _invalid_form(
                    [
                        (
                            "type",
                            "INTERACTION_RESPONSE_TYPE_INVALID",
                            f"Callback type {cb_type!r} is not valid for interaction type "
                            f"{interaction.type}",
                        )
                    ]
                )
            )
        if self.validate:
            problem: web.Response | None = None
            if cb_type == 4:
                problem = _validate_message_body(data, creating=True, has_files=bool(files))
            elif cb_type == 7:
                problem = _validate_message_body(data, creating=False, has_files=bool(files))
            elif cb_type == 8:
                problem = _validate_choices(data)
            elif cb_type == 9:
                problem = _validate_modal(data)
            if problem is not None:
                return reject(problem)

        ephemeral = bool(int(data.get("flags") or 0) & MESSAGE_FLAG_EPHEMERAL)
        message: JSONDict | None = None
        if cb_type == 4:
            message = self._interaction_message(interaction, data, files, original=True)
        elif cb_type == 5:
            message = self._interaction_message(
                interaction,
                {
                    "content": "",
                    "flags": MESSAGE_FLAG_LOADING | (MESSAGE_FLAG_EPHEMERAL if ephemeral else 0),
                },
                (),
                original=True,
            )
        elif cb_type in (6, 7):
            message = self._component_message(interaction)
            if message is not None:
                interaction.original_message = message
                if cb_type == 7:
                    self._apply_edit(message, data, files)
        interaction.acknowledged = True
        interaction.response_type = cb_type
        interaction._record(
            "callback", body, 200, message=message if cb_type in (4, 5, 7) else None, files=files
        )

        resource: JSONDict = {"type": cb_type}
        if message is not None and cb_type in (4, 5, 7):
            resource["message"] = message
        return _json_response(
            {
                "interaction": {
                    "id": str(interaction.id),
                    "type": interaction.type,
                    "activity_instance_id": None,
                    "response_message_id": message["id"] if message is not None else None,
                    "response_message_loading": cb_type == 5,
                    "response_message_ephemeral": ephemeral
                    or bool(message and message.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL),
                },
                "resource": resource,
            }
        )

    def _interaction_message(
        self,
        interaction: FakeInteraction,
        data: JSONDict,
        files: Sequence[RecordedFile],
        *,
        original: bool,
    ) -> JSONDict:
        payload = interaction.payload
        invoker = payload.get("member", {}).get("user") or payload.get("user") or {}
        msg_type = 20 if original and interaction.type == 2 else 0
        extra: JSONDict = {
            "interaction_metadata": {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": invoker,
                "authorizing_integration_owners": payload.get("authorizing_integration_owners", {}),
                **({"name": payload["data"].get("name")} if interaction.type == 2 else {}),
            }
        }
        message = self._build_message(
            channel_id=interaction.channel_id,
            body=data,
            files=files,
            msg_type=msg_type,
            webhook_id=self.application_id,
            extra=extra,
        )
        interaction.messages[int(message["id"])] = message
        if original:
            interaction.original_message = message
        return message

    def _component_message(self, interaction: FakeInteraction) -> JSONDict | None:
        raw = interaction.payload.get("message")
        if not isinstance(raw, dict) or "id" not in raw:
            return None
        stored = self._all_messages.get(int(raw["id"]))
        if stored is None:
            stored = copy.deepcopy(raw)
            self._all_messages[int(raw["id"])] = stored
        return stored

    def _interaction_for_webhook(self, ctx: _Ctx) -> FakeInteraction | None:
        interaction = self._interactions_by_token.get(ctx.match["token"])
        if interaction is None or int(ctx.match["app"]) != self.application_id:
            return None
        return interaction

    async def _webhook_execute(self, ctx: _Ctx) -> web.Response:
        interaction = self._interaction_for_webhook(ctx)
        if interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        body = ctx.body_dict
        files = ctx.rec.files
        if not interaction.acknowledged:
            # Discord: the webhook only exists once the interaction was responded to
            interaction._record("followup", body, 404, files=files)
            return _error(404, 10015, "Unknown Webhook")
        if self.validate:
            problem = _validate_message_body(body, creating=True, has_files=bool(files))
            if problem is not None:
                interaction._record("followup", body, problem.status, files=files)
                return problem
        original = interaction.original_message
        if (
            interaction.response_type == 5
            and original is not None
            and original.get("flags", 0) & MESSAGE_FLAG_LOADING
        ):
            # Discord: the first followup after a "thinking" deferral replaces the loading message
            self._apply_edit(original, {k: v for k, v in body.items() if k != "flags"}, files)
            message = original
        else:
            message = self._interaction_message(interaction, body, files, original=False)
        interaction._record("followup", body, 200, message=message, files=files)
        if ctx.rec.query.get("wait") in ("1", "true", "True"):
            return _json_response(message)
        return _no_content()

    async def _webhook_message(self, ctx: _Ctx) -> web.Response:
        interaction = self._interaction_for_webhook(ctx)
        if interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        target = ctx.match["mid"]
        message = (
            interaction.original_message
            if target == "@original"
            else interaction.messages.get(int(target))
        )
        method = ctx.rec.method
        body = ctx.body_dict
        kind: Literal["edit", "delete", "get"] = (
            "edit" if method == "PATCH" else "delete" if method == "DELETE" else "get"
        )
        if message is None:
            interaction._record(kind, body, 404, target=target)
            return _error(404, 10008, "Unknown Message")
        if method == "GET":
            interaction._record("get", {}, 200, target=target, message=message)
            return _json_response(message)
        if method == "DELETE":
            interaction.messages.pop(int(message["id"]), None)
            self._all_messages.pop(int(message["id"]), None)
            if message is interaction.original_message:
                interaction.original_message = None
            interaction._record("delete", {}, 204, target=target)
            return _no_content()
        if self.validate:
            problem = _validate_message_body(body, creating=False, has_files=bool(ctx.rec.files))
            if problem is not None:
                interaction._record(
                    "edit", body, problem.status, target=target, files=ctx.rec.files
                )
                return problem
        self._apply_edit(message, body, ctx.rec.files)
        interaction._record("edit", body, 200, target=target, message=message, files=ctx.rec.files)
        return _json_response(message)

    # -- channels and messages

    async def _get_channel(self, ctx: _Ctx) -> web.Response:
        found = self._find_channel(int(ctx.match["cid"]))
        if found is None:
            return _error(404, 10003, "Unknown Channel")
        return _json_response(found[1])

    async def _get_channel_messages(self, ctx: _Ctx) -> web.Response:
        channel_id = int(ctx.match["cid"])
        if self._find_channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        try:
            limit = max(1, min(100, int(ctx.rec.query.get("limit", "50"))))
        except ValueError:
            limit = 50
        messages = list(reversed(self.all_messages_in(channel_id)))
        if "before" in ctx.rec.query:
            messages = [m for m in messages if int(m["id"]) < int(ctx.rec.query["before"])]
        if "after" in ctx.rec.query:
            messages = [m for m in messages if int(m["id"]) > int(ctx.rec.query["after"])]
        return _json_response(messages[:limit])

    async def _create_message(self, ctx: _Ctx) -> web.Response:
        channel_id = int(ctx.match["cid"])
        if self._find_channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        body = ctx.body_dict
        if self.validate:
            problem = _validate_message_body(body, creating=True, has_files=bool(ctx.rec.files))
            if problem is not None:
                return problem
        nonce = body.get("nonce")
        key = (channel_id, str(nonce)) if nonce is not None and body.get("enforce_nonce") else None
        if key is not None:
            seen = self._nonces.get(key)
            if seen is not None and time.monotonic() - seen[0] <= self.nonce_window:
                return _json_response(seen[1])
        message = self._build_message(channel_id=channel_id, body=body, files=ctx.rec.files)
        self.channel_messages.setdefault(channel_id, []).append(message)
        if key is not None:
            self._nonces[key] = (time.monotonic(), message)
        return _json_response(message)

    async def _channel_message(self, ctx: _Ctx) -> web.Response:
        channel_id = int(ctx.match["cid"])
        if self._find_channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        message = self._all_messages.get(int(ctx.match["mid"]))
        if message is None or int(message["channel_id"]) != channel_id:
            return _error(404, 10008, "Unknown Message")
        if ctx.rec.method == "GET":
            return _json_response(message)
        if ctx.rec.method == "DELETE":
            self._all_messages.pop(int(message["id"]), None)
            bucket = self.channel_messages.get(channel_id, [])
            if message in bucket:
                bucket.remove(message)
            self.deleted_messages.append(message)
            return _no_content()
        if int(message["author"]["id"]) != self.bot_user_id:
            return _error(403, 50005, "Cannot edit a message authored by another user")
        body = ctx.body_dict
        if self.validate:
            problem = _validate_message_body(body, creating=False, has_files=bool(ctx.rec.files))
            if problem is not None:
                return problem
        self._apply_edit(message, body, ctx.rec.files)
        self.message_edits.append(
            {"channel_id": channel_id, "message_id": int(message["id"]), "body": body}
        )
        return _json_response(message)

    async def _typing(self, ctx: _Ctx) -> web.Response:
        channel_id = int(ctx.match["cid"])
        if self._find_channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        self.typing.append(channel_id)
        return _no_content()

    async def _reaction(self, ctx: _Ctx) -> web.Response:
        channel_id = int(ctx.match["cid"])
        if self._find_channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        message_id = int(ctx.match["mid"])
        if message_id not in self._all_messages:
            return _error(404, 10008, "Unknown Message")
        entry = (channel_id, message_id, ctx.match["emoji"])
        if ctx.rec.method == "PUT":
            self.reactions.append(entry)
        elif entry in self.reactions:
            self.reactions.remove(entry)
        return _no_content()

    async def _create_dm(self, ctx: _Ctx) -> web.Response:
        recipient = ctx.body_dict.get("recipient_id")
        try:
            user_id = int(recipient)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return _invalid_form([("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")])
        existing = self._dm_by_user.get(user_id)
        if existing is not None:
            return _json_response(self._dm_channels[existing])
        user = self.users.get(user_id) or FakeUser(id=user_id, username=f"user{user_id}")
        channel_id = new_snowflake()
        return _json_response(self._ensure_dm_channel(channel_id, user))

    async def _get_user(self, ctx: _Ctx) -> web.Response:
        user = self.users.get(int(ctx.match["uid"]))
        if user is None:
            return _error(404, 10013, "Unknown User")
        return _json_response(user.to_payload())

    def _guild_or_none(self, ctx: _Ctx) -> FakeGuild | None:
        try:
            return self.guild(int(ctx.match["gid"]))
        except KeyError:
            return None

    async def _get_guild(self, ctx: _Ctx) -> web.Response:
        guild = self._guild_or_none(ctx)
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        return _json_response(self._guild_payload(guild))

    async def _get_guild_channels(self, ctx: _Ctx) -> web.Response:
        guild = self._guild_or_none(ctx)
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        return _json_response(
            [
                self._channel_payload(guild, c, i, with_guild_id=True)
                for i, c in enumerate(guild.channels)
            ]
        )

    async def _get_guild_roles(self, ctx: _Ctx) -> web.Response:
        guild = self._guild_or_none(ctx)
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        return _json_response(self._roles_payload(guild))

    async def _get_member(self, ctx: _Ctx) -> web.Response:
        guild = self._guild_or_none(ctx)
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        user_id = int(ctx.match["uid"])
        if user_id == self.bot_user_id:
            return _json_response(
                self._member_payload(self.bot_user, [self._bot_role_ids[guild.id]], guild)
            )
        user = self.users.get(user_id)
        if user is None:
            return _error(404, 10007, "Unknown Member")
        return _json_response(self._member_payload(user, (), guild))
