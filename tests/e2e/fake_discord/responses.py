"""How the fake answers HTTP: JSON bodies with the exact content type discord.py expects, and
Discord's error bodies (``{"message", "code"}``, plus the nested ``errors`` object of a
50035 Invalid Form Body). Every REST answer the fake gives, normal or injected, is built
with these.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from tests.e2e.fake_discord.protocol import JSONDict

FormProblem = tuple[str, str, str]
"""``(dotted.path, CODE, message)``: one entry of a 50035 ``errors`` object."""


def json_response(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    # exactly "application/json": with a charset discord.py reads the body as text and breaks
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    return web.Response(body=json.dumps(payload).encode(), status=status, headers=all_headers)


def error_response(
    status: int, code: int, message: str, errors: JSONDict | None = None
) -> web.Response:
    body: JSONDict = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return json_response(body, status)


def no_content() -> web.Response:
    return web.Response(status=204)


def form_errors(problems: Sequence[FormProblem]) -> JSONDict:
    """Nest ``(dotted.path, CODE, message)`` problems like Discord's 50035 ``errors`` object."""
    root: JSONDict = {}
    for path, code, message in problems:
        node = root
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return root


def invalid_form(problems: Sequence[FormProblem]) -> web.Response:
    return error_response(400, 50035, "Invalid Form Body", form_errors(problems))
