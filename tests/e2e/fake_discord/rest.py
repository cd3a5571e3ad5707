"""The REST half of the fake: every request under ``/api/v10``, and to its CDN, is recorded
(body, files, headers), then answered by an injected fault if one matches, else by its route
after the bot-token check, the global rate limit (when configured; the CDN is outside it)
and the route's rate-limit bucket, else 404 and kept in ``unknown_requests``. A request
the fake itself fails on is answered 500 and kept in ``internal_errors``, so a bug in the
fake shows up in the test instead of hanging the client.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import BodyPartReader, web

from tests.e2e.fake_discord import (
    application_routes,
    attachments,
    channel_routes,
    guild_routes,
    interaction_routes,
)
from tests.e2e.fake_discord.faults import bucket_exhausted_response, fault_response
from tests.e2e.fake_discord.global_limit import connection_of, global_429_response
from tests.e2e.fake_discord.protocol import API_PREFIX
from tests.e2e.fake_discord.records import RecordedFile, RecordedRequest
from tests.e2e.fake_discord.responses import error_response
from tests.e2e.fake_discord.routing import Route, RouteContext
from tests.e2e.fake_discord.state import FakeDiscordState

_log = logging.getLogger(__name__)

ROUTES: list[Route] = [
    *application_routes.ROUTES,
    *interaction_routes.ROUTES,
    *channel_routes.ROUTES,
    *guild_routes.ROUTES,
    *attachments.ROUTES,
]
"""Discord's routes the fake knows; none overlap, so their order does not matter."""


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile], bytes]:
    """The JSON body (for multipart: ``payload_json``), the uploaded files, the raw bytes."""
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


async def serve_rest(state: FakeDiscordState, request: web.Request) -> web.StreamResponse:
    """Record one request, answer it (fault, route or 404), and record the status."""
    raw_path = request.path
    path = raw_path[len(API_PREFIX) :] if raw_path.startswith(API_PREFIX + "/") else raw_path
    try:
        body, files, raw = await read_body(request)
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
    state.requests.append(rec)
    state.changes.notify()
    try:
        response = await _answer(state, request, rec)
    except Exception as exc:  # noqa: BLE001 - answered 500, kept in internal_errors
        _log.exception("fake discord failed answering %s %s", request.method, path)
        state.internal_errors.append(exc)
        response = error_response(500, 0, f"fake discord internal error: {exc!r}")
    rec.status = response.status
    state.changes.notify()
    return response


async def _answer(
    state: FakeDiscordState, request: web.Request, rec: RecordedRequest
) -> web.StreamResponse:
    rule = state.faults.take_rule(rec.method, rec.path)
    if rule is not None:
        rec.fault = rule.fault.kind
        if rule.fault.wait:
            await asyncio.sleep(rule.fault.wait)
        if rule.fault.status:
            return fault_response(rule.fault)

    matched: Route | None = None
    groups: dict[str, str] = {}
    under_api = request.path.startswith(API_PREFIX + "/")
    for candidate in ROUTES:
        if candidate.cdn and under_api:
            continue
        match = candidate.pattern.fullmatch(rec.path)
        if match is not None and rec.method in candidate.methods:
            matched, groups = candidate, match.groupdict()
            break
    if matched is None:
        state.unknown_requests.append(rec)
        return error_response(404, 0, "404: Not Found")

    if matched.auth:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bot ") or not state.token_ok(auth[4:]):
            return error_response(401, 0, "401: Unauthorized")

    limit = state.global_limit
    if limit is not None and not matched.cdn and not limit.exempt(rec.method, rec.path):
        rejection = limit.admit(rec.method, rec.path, connection_of(request))
        if rejection is not None:
            rec.fault = "global_rate_limited"
            return global_429_response(rejection)

    bucket = state.faults.bucket_for(rec.method, rec.path)
    bucket_headers: dict[str, str] = {}
    if bucket is not None:
        allowed, bucket_headers = bucket.take()
        if not allowed:
            rec.fault = "bucket_exhausted"
            return bucket_exhausted_response(bucket, bucket_headers)

    response = await matched.handler(state, RouteContext(request, rec, groups))
    if bucket_headers and 200 <= response.status < 300:
        response.headers.update(bucket_headers)
    return response
