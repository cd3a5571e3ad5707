"""Fault injection: the ``FaultPlan`` a test fills to make the fake misbehave the way Discord
does (429s with and without ``Via``, Cloudflare bans, 5xx, 403/404/400, slow answers, and
rate-limit buckets whose ``X-RateLimit-*`` headers make discord.py wait before it gets a
429), and the HTTP answer each fault stands for, so the REST layer only asks whether a
request has a fault and sends what it gets back.
"""

from __future__ import annotations

import math
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from aiohttp import web

from tests.e2e.fake_discord.protocol import JSONDict
from tests.e2e.fake_discord.responses import json_response


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

    def take_rule(self, method: str, path: str) -> FaultRule | None:
        """The first live rule for this request, counted as used (None: answer normally)."""
        for rule in self.rules:
            if not rule.exhausted and rule.matches(method, path):
                rule.hits += 1
                return rule
        return None

    def bucket_for(self, method: str, path: str) -> RouteBucket | None:
        return next((b for b in self.buckets if b.matches(method, path)), None)


def fault_response(fault: Fault) -> web.Response:
    """The answer a fault with a status stands for (a text body goes out as HTML, like a CDN's)."""
    body = fault.body
    headers = dict(fault.headers)
    if isinstance(body, dict) and "retry_after" in body:
        # the absolute reset time is relative to when the 429 is sent
        headers["X-RateLimit-Reset"] = f"{time.time() + body['retry_after']:.3f}"
    if isinstance(body, str) or body is None:
        return web.Response(
            text=body or "", status=fault.status, headers=headers, content_type="text/html"
        )
    return json_response(body, fault.status, headers)


def bucket_exhausted_response(bucket: RouteBucket, headers: Mapping[str, str]) -> web.Response:
    """The real 429 (with ``Via``) for a request beyond an enforced bucket's limit."""
    retry_after = float(headers["X-RateLimit-Reset-After"])
    fault = Fault.rate_limited(retry_after, bucket=bucket.bucket, limit=bucket.limit)
    assert isinstance(fault.body, dict)
    return json_response(fault.body, 429, fault.headers)
