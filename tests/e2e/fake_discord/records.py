"""What the fake remembers of the traffic for tests to assert on: every HTTP request with the
answer it got, every uploaded file, every request about an interaction, every gateway
websocket connection, and the files its CDN serves. Passive records, filled in by the REST
and gateway modules; the fake decides nothing by reading them back except in its waits and
its CDN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tests.e2e.fake_discord.protocol import JSONDict


@dataclass
class RecordedFile:
    """One ``files[N]`` part of a multipart upload."""

    part_name: str
    filename: str | None
    size: int
    content_type: str | None
    content: bytes = field(repr=False, default=b"")


@dataclass
class StoredFile:
    """A file the fake's CDN serves: one a test attached for a user, or one the bot uploaded.

    ``signature`` is the ``ex``/``is``/``hm`` query Discord signs attachment URLs with; the
    CDN refuses a request without it, as Discord's does for unsigned links.
    """

    attachment_id: int
    path: str
    """The URL's path, unquoted (``/ephemeral-attachments/{app}/{id}/{filename}``)."""
    content: bytes = field(repr=False)
    content_type: str | None
    signature: dict[str, str]
    attachment: JSONDict
    """The attachment object Discord shows for it (``id``, ``filename``, ``size``, ``url``...)."""


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
    shard: list[int] | None = None
    """``[shard_id, shard_count]`` of the session identified or resumed on it (None: unsharded,
    or no session yet)."""
    dispatched: list[tuple[str, JSONDict]] = field(default_factory=list)
    """Every event sent on this connection, in order (the fake's ``dispatched`` holds all)."""
