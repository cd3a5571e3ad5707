"""Files as Discord's CDN holds them: the ones a user attaches to a slash command's attachment
option (``resolved.attachments`` of the interaction, under ``/ephemeral-attachments/``) and
the ones the bot uploads with its messages (under ``/attachments/``). Each gets a signed URL
on the fake itself, which the CDN route serves without any ``Authorization``, as
``Attachment.read()`` fetches it; a link stripped of its signature is refused like Discord's.
"""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote

from aiohttp import web

from tests.e2e.fake_discord.protocol import ATTACHMENT_SIZE_LIMIT, JSONDict, new_snowflake
from tests.e2e.fake_discord.records import StoredFile
from tests.e2e.fake_discord.routing import Route, RouteContext, route
from tests.e2e.fake_discord.state import FakeDiscordState

# Discord signs attachment links for 24 hours.
_SIGNATURE_LIFETIME_S = 24 * 3600


def store_file(
    state: FakeDiscordState,
    *,
    kind: str,
    scope: int,
    filename: str,
    content: bytes,
    content_type: str | None,
) -> StoredFile:
    """Keep a file for the CDN under ``/{kind}/{scope}/{id}/{filename}`` with a signed link."""
    attachment_id = new_snowflake()
    issued = int(time.time())
    signature = {
        "ex": f"{issued + _SIGNATURE_LIFETIME_S:x}",
        "is": f"{issued:x}",
        "hm": secrets.token_hex(32),
    }
    path = f"/{kind}/{scope}/{attachment_id}/{filename}"
    query = "&".join(f"{key}={value}" for key, value in signature.items())
    url = f"http://127.0.0.1:{state.port}{quote(path)}?{query}"
    attachment: JSONDict = {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(content),
        "url": url,
        "proxy_url": url,
        "flags": 0,
    }
    if content_type is not None:
        attachment["content_type"] = content_type
    stored = StoredFile(
        attachment_id=attachment_id,
        path=path,
        content=content,
        content_type=content_type,
        signature=signature,
        attachment=attachment,
    )
    state.cdn_files[attachment_id] = stored
    return stored


def user_attachment(
    state: FakeDiscordState, data: bytes, filename: str, content_type: str | None
) -> JSONDict:
    """A file a user attached to a command option, as ``resolved.attachments[id]`` shows it."""
    if len(data) > ATTACHMENT_SIZE_LIMIT:
        # the interaction's attachment_size_limit: Discord's client refuses bigger uploads
        raise ValueError(
            f"{filename}: {len(data)} bytes is over the {ATTACHMENT_SIZE_LIMIT} bytes a user"
            " may upload"
        )
    stored = store_file(
        state,
        kind="ephemeral-attachments",
        scope=state.application_id,
        filename=filename,
        content=data,
        content_type=content_type,
    )
    # Discord drops a command option's upload after a while: it is ephemeral
    stored.attachment["ephemeral"] = True
    return copy.deepcopy(stored.attachment)


def resolve_attachments(state: FakeDiscordState, data: JSONDict, ids: Sequence[str]) -> None:
    """Add the known attachments among ``ids`` to ``data.resolved.attachments``.

    Unknown ids are left unresolved, so a test can still forge an interaction that refers
    to a file nobody uploaded.
    """
    for attachment_id in ids:
        stored = state.cdn_files.get(int(attachment_id)) if attachment_id.isdigit() else None
        if stored is None:
            continue
        resolved = data.setdefault("resolved", {}).setdefault("attachments", {})
        resolved.setdefault(attachment_id, copy.deepcopy(stored.attachment))


def attachment_option_values(options: Any) -> Iterator[str]:
    """Values of the ATTACHMENT (type 11) options, through subcommands and groups."""
    if not isinstance(options, list):
        return
    for option in options:
        if not isinstance(option, dict):
            continue
        if option.get("type") == 11 and option.get("value") is not None:
            yield str(option["value"])
        yield from attachment_option_values(option.get("options"))


async def _serve_file(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    stored = state.cdn_files.get(int(ctx.match["aid"]))
    query = ctx.rec.query
    signed = stored is not None and all(
        query.get(key) == value for key, value in stored.signature.items()
    )
    if stored is None or stored.path != ctx.rec.path or not signed:
        return web.Response(status=404, text="This content is no longer available.")
    return web.Response(
        body=stored.content,
        headers={"Content-Type": stored.content_type or "application/octet-stream"},
    )


ROUTES: list[Route] = [
    route(
        "GET",
        r"/(?:attachments|ephemeral-attachments)/\d+/(?P<aid>\d+)/.+",
        _serve_file,
        auth=False,
        cdn=True,
    ),
]
