"""The gateway half of the fake: HELLO and heartbeats, IDENTIFY (READY and one GUILD_CREATE per
guild, honouring token, intents and shards), RESUME, member requests, delivering the events
a test sends, and ending connections the way Discord does (close codes, op 7 RECONNECT, op 9
INVALID_SESSION). Every frame received and every event dispatched is recorded on the state.

Several sessions may be live at once (a client running shards, or several clients): a guild's
events go to the session whose shard owns the guild (``(guild_id >> 22) % shard_count``), DMs
to shard 0, as Discord routes them; an unsharded session owns every guild. When more than one
live session owns a guild (two unsharded clients), the newest gets its events.
"""

# The waits take explicit ``timeout`` arguments on purpose: they are the tests' API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Callable

from aiohttp import WSMsgType, web

from tests.e2e.fake_discord.gateway_connection import GatewayConnection, Session
from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.payloads import (
    bot_member_payload,
    guild_create_payload,
    member_payload,
    ready_payload,
)
from tests.e2e.fake_discord.protocol import INTENT_GUILDS, PRIVILEGED_INTENTS, JSONDict
from tests.e2e.fake_discord.records import GatewayConnectionInfo
from tests.e2e.fake_discord.state import FakeDiscordState

_log = logging.getLogger(__name__)


def newest_live(
    state: FakeDiscordState, accepts: Callable[[Session], bool]
) -> GatewayConnection | None:
    """The newest live connection whose session ``accepts``, if any is live."""
    for conn in reversed(state.live_connections):
        if conn.session is not None and not conn.ws.closed and accepts(conn.session):
            return conn
    return None


def owning_connection(state: FakeDiscordState, guild_id: int | None) -> GatewayConnection | None:
    """Where Discord would send an event of this guild (None: no guild, shard 0's) now."""
    return newest_live(state, lambda session: session.owns(guild_id))


async def live_connection(
    state: FakeDiscordState, timeout: float, guild_id: int | None
) -> GatewayConnection:
    """The connection a guild's events go to, once a session owning it is identified or
    resumed (None: an event outside any guild, for shard 0)."""
    where = "outside any guild" if guild_id is None else f"of guild {guild_id}"
    return await state.changes.wait_for(
        lambda: owning_connection(state, guild_id),
        timeout,
        f"a live gateway session for events {where} (did the client connect / finish"
        " resuming, and does it run the shard owning it?)",
    )


async def shard_connection(
    state: FakeDiscordState, timeout: float, shard_id: int | None, what: str
) -> GatewayConnection:
    """The newest live connection, or with ``shard_id`` the newest of that shard."""
    return await state.changes.wait_for(
        lambda: newest_live(state, lambda s: shard_id is None or s.shard_id == shard_id),
        timeout,
        what if shard_id is None else f"{what} of shard {shard_id}",
    )


def _go_dark(state: FakeDiscordState, conn: GatewayConnection) -> None:
    """No more events go to this connection."""
    if conn in state.live_connections:
        state.live_connections.remove(conn)


async def send_dispatch(
    state: FakeDiscordState, conn: GatewayConnection, event: str, data: JSONDict
) -> None:
    session = conn.session
    assert session is not None
    session.seq += 1
    await conn.send({"op": 0, "s": session.seq, "t": event, "d": data})
    state.dispatched.append((event, data))
    conn.info.dispatched.append((event, data))


async def dispatch_live(
    state: FakeDiscordState,
    event: str,
    data: JSONDict,
    timeout: float,
    *,
    guild_id: int | None,
    shape: Callable[[Session], JSONDict | None] | None = None,
    on_send: FakeInteraction | None = None,
) -> JSONDict | None:
    """Deliver an event of ``guild_id`` (None: outside any guild) on the live session owning
    it; retry on the next if the socket dies mid-send.

    Discord would replay such an event on RESUME; the fake replays nothing,
    so instead it never loses the event a test explicitly sends.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        conn = await live_connection(state, max(0.0, deadline - loop.time()), guild_id)
        assert conn.session is not None
        payload = shape(conn.session) if shape is not None else data
        if payload is None:
            state.suppressed_events.append((event, data))
            state.changes.notify()
            return None
        if on_send is not None:
            on_send.dispatched_at = time.monotonic()
            on_send.shard = conn.session.shard
        try:
            await send_dispatch(state, conn, event, payload)
        except (ConnectionError, RuntimeError):
            if loop.time() >= deadline:
                raise
            _go_dark(state, conn)
            continue
        state.changes.notify()
        return payload


async def serve_gateway(state: FakeDiscordState, request: web.Request) -> web.StreamResponse:
    """One websocket from HELLO to close: every frame recorded, then answered."""
    ws = web.WebSocketResponse(timeout=2.0, max_msg_size=0, compress=False, autoping=True)
    await ws.prepare(request)
    query = dict(request.query)
    info = GatewayConnectionInfo(
        query=query,
        compressed=state.compress and query.get("compress") == "zlib-stream",
        opened_at=time.monotonic(),
    )
    if state.compress and not info.compressed:
        _log.warning(
            "compress=True but the client asked for compress=%r; sending text",
            query.get("compress"),
        )
    state.gateway_connections.append(info)
    conn = GatewayConnection(ws, info, state.compressed_frame_size)
    state.open_connections.add(conn)
    state.changes.notify()
    try:
        await conn.send(
            {
                "op": 10,
                "s": None,
                "t": None,
                "d": {
                    "heartbeat_interval": state.heartbeat_interval_ms,
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
                state.gateway_received.append(frame)
                try:
                    await _on_frame(state, conn, frame)
                except (ConnectionError, RuntimeError):
                    break
                state.changes.notify()
            else:
                break
    except Exception as exc:  # noqa: BLE001 - surfaced through internal_errors
        _log.exception("fake gateway handler failed")
        state.internal_errors.append(exc)
    finally:
        info.closed_at = time.monotonic()
        info.close_code = ws.close_code
        state.open_connections.discard(conn)
        _go_dark(state, conn)
        if conn.session is not None and conn.session.conn is conn:
            conn.session.conn = None
        state.changes.notify()
    return ws


async def _on_frame(state: FakeDiscordState, conn: GatewayConnection, frame: JSONDict) -> None:
    op = frame.get("op")
    d = frame.get("d")
    if op == 1:
        state.heartbeat_count += 1
        if state.ack_heartbeats:
            await conn.send({"op": 11, "s": None, "t": None, "d": None})
        return
    if op == 2:
        await _on_identify(state, conn, d if isinstance(d, dict) else {})
        return
    if op == 6:
        await _on_resume(state, conn, d if isinstance(d, dict) else {})
        return
    if conn.session is None:
        await conn.ws.close(code=4003, message=b"Not authenticated.")
        return
    if op == 3:
        state.presence_updates.append(d if isinstance(d, dict) else {})
    elif op == 4:
        pass  # voice state update: no voice in this fake
    elif op == 8:
        await _on_request_members(state, conn, d if isinstance(d, dict) else {})
    else:
        await conn.ws.close(code=4001, message=b"Unknown opcode.")


async def _on_identify(state: FakeDiscordState, conn: GatewayConnection, d: JSONDict) -> None:
    if conn.session is not None:
        await conn.ws.close(code=4005, message=b"Already authenticated.")
        return
    if not state.token_ok(d.get("token")):
        await conn.ws.close(code=4004, message=b"Authentication failed.")
        return
    intents = d.get("intents")
    if (
        isinstance(intents, int)
        and intents & PRIVILEGED_INTENTS
        and not state.allow_privileged_intents
    ):
        await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
        return
    shard = d.get("shard")
    if shard is not None and (
        not isinstance(shard, list) or len(shard) != 2 or not 0 <= shard[0] < shard[1]
    ):
        await conn.ws.close(code=4010, message=b"Invalid shard.")
        return
    state.identify_count += 1
    state.identify_payloads.append(d)
    session = Session(
        session_id=secrets.token_hex(16),
        shard=list(shard) if shard is not None else None,
        intents=intents if isinstance(intents, int) else None,
        token=d.get("token"),
    )
    state.sessions[session.session_id] = session
    session.conn = conn
    conn.session = session
    conn.info.identified = True
    conn.info.shard = session.shard
    guilds = [g for g in state.guilds if session.shard is None or session.owns(g.id)]
    await send_dispatch(state, conn, "READY", ready_payload(state, session, guilds))
    if session.intents is None or session.intents & INTENT_GUILDS:
        for guild in guilds:
            await send_dispatch(state, conn, "GUILD_CREATE", guild_create_payload(state, guild))
    state.ready_count += 1
    state.live_connections.append(conn)
    state.changes.notify()


async def _on_resume(state: FakeDiscordState, conn: GatewayConnection, d: JSONDict) -> None:
    session = state.sessions.get(str(d.get("session_id")))
    if (
        session is None
        or not state.token_ok(d.get("token"))
        or (state.token is None and d.get("token") != session.token)
    ):
        state.invalid_session_count += 1
        await conn.send({"op": 9, "s": None, "t": None, "d": False})
        return
    old = session.conn
    if old is not None and old is not conn:
        _go_dark(state, old)
        if not old.ws.closed:
            await old.ws.close(code=4000)
    session.conn = conn
    conn.session = session
    conn.info.resumed = True
    conn.info.shard = session.shard
    state.resume_count += 1
    await send_dispatch(state, conn, "RESUMED", {"_trace": ['["fake-discord-gateway"]']})
    state.live_connections.append(conn)
    state.changes.notify()


async def _on_request_members(
    state: FakeDiscordState, conn: GatewayConnection, d: JSONDict
) -> None:
    """Answer op 8 with the members the fake knows, so guild.chunk() never hangs."""
    try:
        guild = state.guild(int(d.get("guild_id", 0)))
    except (KeyError, ValueError, TypeError):
        return
    members = [bot_member_payload(state, guild)]
    query = d.get("query")
    user_ids = {str(u) for u in d.get("user_ids") or []}
    for user in state.users.values():
        if user.id == state.bot_user_id:
            continue
        if user_ids and str(user.id) not in user_ids:
            continue
        if query and not user.username.lower().startswith(str(query).lower()):
            continue
        members.append(member_payload(user, (), guild))
    payload: JSONDict = {
        "guild_id": str(guild.id),
        "members": members,
        "chunk_index": 0,
        "chunk_count": 1,
        "not_found": [],
    }
    if d.get("nonce") is not None:
        payload["nonce"] = d["nonce"]
    await send_dispatch(state, conn, "GUILD_MEMBERS_CHUNK", payload)


async def drop(
    state: FakeDiscordState,
    *,
    code: int,
    resumable: bool,
    notify_invalid_session: bool,
    timeout: float,
    shard_id: int | None,
) -> None:
    """End a live connection like Discord (see ``FakeDiscord.drop_gateway``)."""
    conn = await shard_connection(state, timeout, shard_id, "a live gateway connection to drop")
    _go_dark(state, conn)
    if not resumable and conn.session is not None:
        state.sessions.pop(conn.session.session_id, None)
    if not resumable and notify_invalid_session:
        state.invalid_session_count += 1
        with contextlib.suppress(ConnectionError, RuntimeError):
            await conn.send({"op": 9, "d": False})
        try:
            await state.changes.wait_for(
                lambda: True if conn.ws.closed else None,
                timeout,
                "the client to close its connection after op 9 INVALID_SESSION",
            )
        except TimeoutError:
            # Closing it for the client would let it RESUME, be refused and IDENTIFY, and
            # the test would pass although the client ignored op 9: end it, then fail.
            await conn.ws.close(code=code)
            raise AssertionError(
                f"the client did not close its gateway connection within {timeout}s"
                " of op 9 INVALID_SESSION (d=false)"
            ) from None
    else:
        await conn.ws.close(code=code)
    state.changes.notify()


async def request_reconnect(state: FakeDiscordState, timeout: float, shard_id: int | None) -> None:
    conn = await shard_connection(state, timeout, shard_id, "a live gateway connection")
    await conn.send({"op": 7, "d": None})


async def close_all(state: FakeDiscordState) -> None:
    """Close every socket with 1001, as the server is going away."""
    for conn in list(state.open_connections):
        # A client that does not finish the closing handshake is no test's concern here:
        # the server's own cleanup drops the socket right after.
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(conn.ws.close(code=1001, message=b"fake discord stopping"), 2)
    state.live_connections.clear()
