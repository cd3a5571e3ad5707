"""One gateway websocket and the session it carries: the resumable ``Session`` (id, sequence
number, intents, shard, and so which guilds' events it gets) and the ``GatewayConnection``
that puts its payloads on the wire, optionally as one zlib stream per connection split into
binary frames like Discord's. What the frames mean (HELLO, IDENTIFY, RESUME, dispatches) is
the business of ``gateway``.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.e2e.fake_discord.protocol import JSONDict, shard_of
from tests.e2e.fake_discord.records import GatewayConnectionInfo


@dataclass
class Session:
    """A gateway session: it outlives its connection, so the client can RESUME it."""

    session_id: str
    shard: list[int] | None
    """``[shard_id, shard_count]`` as IDENTIFY sent it; None for an unsharded session."""
    intents: int | None
    token: str | None
    seq: int = 0
    conn: GatewayConnection | None = None

    @property
    def shard_id(self) -> int:
        """This session's shard (an unsharded session is shard 0 of 1)."""
        return self.shard[0] if self.shard is not None else 0

    def owns(self, guild_id: int | None) -> bool:
        """Whether Discord sends this guild's events on this session: an unsharded session
        gets every guild's, and events outside any guild (DMs) go to shard 0."""
        if self.shard is None:
            return True
        shard_id, count = self.shard
        return shard_id == (0 if guild_id is None else shard_of(guild_id, count))


class GatewayConnection:
    """One open websocket to the client, and the session IDENTIFY or RESUME bound to it."""

    def __init__(
        self, ws: web.WebSocketResponse, info: GatewayConnectionInfo, frame_size: int | None
    ) -> None:
        self.ws = ws
        self.info = info
        self.session: Session | None = None
        self.lock = asyncio.Lock()
        self.compressor: Any = zlib.compressobj() if info.compressed else None
        self.frame_size = frame_size

    async def send(self, frame: JSONDict) -> None:
        """Send one gateway payload; compressed payloads share ONE zlib stream per connection."""
        text = json.dumps(frame)
        # one payload at a time: interleaved chunks would corrupt the shared zlib stream
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
