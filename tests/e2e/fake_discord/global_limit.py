"""Discord's global rate limit (50 requests per second per bot) for the fake, off unless a test
asks for it with ``FakeDiscord(global_rate_limit=50)``.

Why: a benchmark must be able to show that the bot stays within the limit and honours
every global 429, and a fake that never says no cannot show either. The limit is a sliding
one-second window over the requests it accepted; the request that would be one too many
is answered 429 the way Discord does (JSON body with ``retry_after`` and ``global: true``,
``Via``, ``X-RateLimit-Global``, ``X-RateLimit-Scope: global``), which discord.py waits out.
Rejected requests do not fill the window, and interaction callbacks are not limited at all.

Everything the limit decided is kept (``requests``, ``rejections``) so a check can ask what
the client did with it: :meth:`GlobalRateLimit.ignored_429s` lists the requests that came
before a 429's ``retry_after`` had passed, and :meth:`GlobalRateLimit.peak_per_second` the
busiest second.
"""

from __future__ import annotations

import bisect
import math
import re
import time
from collections import deque
from dataclasses import dataclass

from aiohttp import web

from tests.e2e.fake_discord.responses import json_response

WINDOW = 1.0
"""Seconds the limit counts over (Discord's is per second)."""

DEFAULT_IN_FLIGHT = 0.1
"""Seconds after a 429 during which another connection's first request counts as already
sent before the client could have read that 429 (see :meth:`GlobalRateLimit.ignored_429s`)."""

_CALLBACK = re.compile(r"/interactions/\d+/[^/]+/callback")


@dataclass(frozen=True)
class LimitedRequest:
    """One request the global limit judged (interaction callbacks are never judged)."""

    method: str
    path: str
    at: float
    """``time.monotonic()`` when the limit judged it."""
    connection: str
    """The client's end of the TCP connection (``host:port``; empty when unknown)."""
    accepted: bool


@dataclass(frozen=True)
class GlobalRejection:
    """One global 429 the fake sent."""

    at: float
    """``time.monotonic()`` when it was sent."""
    retry_after: float
    """Seconds, exactly as sent in the body."""
    request: LimitedRequest
    """The request it answered."""

    @property
    def until(self) -> float:
        """When waiting was over: the first moment a request may come again."""
        return self.at + self.retry_after


@dataclass(frozen=True)
class Ignored429:
    """A request that came while a global 429 still told the client to wait."""

    request: LimitedRequest
    rejection: GlobalRejection

    def __str__(self) -> str:
        early = self.rejection.until - self.request.at
        return (
            f"{self.request.method} {self.request.path} came {early:.3f} s before the global "
            f"429 sent {self.request.at - self.rejection.at:.3f} s earlier had run out "
            f"(retry_after {self.rejection.retry_after:.3f} s)"
        )


class GlobalRateLimit:
    """At most ``per_second`` accepted requests in any sliding second (see the module doc)."""

    def __init__(self, per_second: int, *, in_flight: float = DEFAULT_IN_FLIGHT) -> None:
        if per_second < 1:
            raise ValueError(
                f"a global rate limit needs at least 1 request a second, not {per_second}"
            )
        self.per_second: int = per_second
        self.in_flight: float = in_flight
        self.requests: list[LimitedRequest] = []
        """Every judged request, in arrival order (accepted and rejected)."""
        self.rejections: list[GlobalRejection] = []
        """Every global 429 sent, oldest first."""
        self._window: deque[float] = deque()

    @property
    def accepted(self) -> list[float]:
        """When each accepted request came (``time.monotonic()``), oldest first."""
        return [r.at for r in self.requests if r.accepted]

    @staticmethod
    def exempt(method: str, path: str) -> bool:
        """Interaction callbacks do not count against Discord's global limit."""
        return method.upper() == "POST" and _CALLBACK.fullmatch(path) is not None

    def admit(self, method: str, path: str, connection: str = "") -> GlobalRejection | None:
        """Count one request, or return the 429 it gets because the last second is full."""
        now = time.monotonic()
        while self._window and self._window[0] <= now - WINDOW:
            self._window.popleft()
        full = len(self._window) >= self.per_second
        request = LimitedRequest(method.upper(), path, now, connection, accepted=not full)
        self.requests.append(request)
        if not full:
            self._window.append(now)
            return None
        # a slot frees when the request that keeps the window full leaves it
        frees_at = self._window[len(self._window) - self.per_second] + WINDOW
        rejection = GlobalRejection(now, _round_up(frees_at - now), request)
        self.rejections.append(rejection)
        return rejection

    def ignored_429s(self) -> list[Ignored429]:
        """The requests that came after a global 429 but before its ``retry_after`` had passed.

        A request that was already on its way when the 429 went out is not the client's
        fault, yet the fake only sees when requests arrive. So the first request on each
        *other* connection within ``in_flight`` seconds of the 429 is taken as sent before
        the client could read it; a later one, or any on the 429's own connection (HTTP/1.1
        sends nothing there before the answer is read), ignored it.
        """
        times = [r.at for r in self.requests]
        found: dict[int, Ignored429] = {}
        for rejection in self.rejections:
            seen: set[str] = set()
            start = bisect.bisect_right(times, rejection.at)
            end = bisect.bisect_left(times, rejection.until)
            for index in range(start, end):
                request = self.requests[index]
                first_on_its_connection = request.connection not in seen
                seen.add(request.connection)
                if (
                    first_on_its_connection
                    and request.connection != rejection.request.connection
                    and request.at - rejection.at <= self.in_flight
                ):
                    continue
                found.setdefault(index, Ignored429(request, rejection))
        return [found[index] for index in sorted(found)]

    def peak_per_second(self) -> int:
        """The most accepted requests within any one second (at most ``per_second``)."""
        accepted = self.accepted
        peak = 0
        first = 0
        for last, at in enumerate(accepted):
            while accepted[first] <= at - WINDOW:
                first += 1
            peak = max(peak, last - first + 1)
        return peak


def _round_up(seconds: float) -> float:
    """Milliseconds, rounded up: a client that waits what it was told must find a free slot."""
    return max(0.001, math.ceil((seconds + 1e-9) * 1000) / 1000)


def connection_of(request: web.Request) -> str:
    """The client's end of the request's connection, to tell concurrent clients apart."""
    peer = request.transport.get_extra_info("peername") if request.transport else None
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return ""


def global_429_response(rejection: GlobalRejection) -> web.Response:
    """Discord's global 429: with ``Via`` and a JSON body, so discord.py waits and retries."""
    body = {
        "message": "You are being rate limited.",
        "retry_after": rejection.retry_after,
        "global": True,
    }
    headers = {
        "Via": "1.1 google",
        "X-RateLimit-Global": "true",
        "X-RateLimit-Scope": "global",
        "Retry-After": str(max(1, math.ceil(rejection.retry_after))),
    }
    return json_response(body, 429, headers)
