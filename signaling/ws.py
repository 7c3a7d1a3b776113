"""The WebSocket signaling endpoint ``/v1/rooms/{roomName}/ws`` (protocol: docs/signaling.md)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse
from prometheus_client import Counter, Gauge

from operability.ratelimit import MessageRateLimit
from sfu.sdp.limits import MAX_SDP_LENGTH
from signaling import messages as m
from signaling.context import SignalingContext
from signaling.session import ERRORS, Session

log = logging.getLogger("fjord.signaling.ws")

JOIN_TIMEOUT_S = 10.0
"""Seconds from the connection's opening within which it must have joined (pings do not
extend it)."""
OUTBOX_LIMIT = 256
"""Messages queued for a slow client before it is disconnected (bounded memory)."""
OUTBOX_MAX_CHARS = 8 * MAX_SDP_LENGTH
"""A slow client is also disconnected once its queue holds this many characters (8 MiB):
256 queued SDPs of 1 MiB would be 256 MiB. Eight of the largest messages the server sends
(a full group room's subscribe-offer) fit, whatever ``ws_max_message_bytes`` (which bounds
what clients send) is set to."""

RELAYED_TYPES = frozenset({"offer", "answer", "candidate", "e2ee-key"})
"""Messages a client gets from another participant through the server (normal rooms' P2P
negotiation, end-to-end encryption keys), as opposed to the server's own."""
RELAYED_SHARE = 0.5
"""Share of a client's queue bounds (messages, characters) that relayed messages may fill: past
it they are dropped and counted, so that other participants, however many connections they
open, can never get a client closed as too slow; the server's own messages still can."""

CONNECTIONS = Gauge("fjord_signaling_connections", "Open signaling WebSocket connections")
RELAYED_DROPPED = Counter(
    "fjord_signaling_relayed_dropped_total",
    "Messages from other participants dropped for a client whose queue was half full "
    "(RELAYED_SHARE)")


def relayed_overflow(message: dict[str, Any], size: int, queued: int, queued_chars: int,
                     max_queued: int, max_chars: int) -> bool:
    """Whether ``message`` (``size`` characters) is relayed from another participant and
    would take a queue of ``queued`` messages and ``queued_chars`` characters past
    :data:`RELAYED_SHARE` of its bounds; counted in ``RELAYED_DROPPED`` when it does."""
    if message.get("type") not in RELAYED_TYPES:
        return False
    if (queued + 1 <= max_queued * RELAYED_SHARE
            and queued_chars + size <= max_chars * RELAYED_SHARE):
        return False
    RELAYED_DROPPED.inc()
    return True


class WsConnection:
    """A WebSocket with a bounded outbox (messages and characters) drained by one writer
    task. Messages are serialized when queued, so their size is known."""

    def __init__(self, ws: WebSocket, max_queued_chars: int) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[str | tuple[int, str]] = asyncio.Queue(OUTBOX_LIMIT)
        self.max_queued_chars = max_queued_chars
        self.queued_chars = 0
        self.closed = False

    def send(self, message: dict[str, Any]) -> None:
        if self.closed:
            return
        # The form Starlette's send_json writes.
        text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
        if relayed_overflow(message, len(text), self.outbox.qsize(), self.queued_chars,
                            OUTBOX_LIMIT, self.max_queued_chars):
            return
        if self.queued_chars + len(text) > self.max_queued_chars:
            self._too_slow()
            return
        try:
            self.outbox.put_nowait(text)
        except asyncio.QueueFull:
            self._too_slow()
            return
        self.queued_chars += len(text)

    def _too_slow(self) -> None:
        log.warning("closing slow signaling client: outbox full")
        self.closed = True
        with contextlib.suppress(asyncio.QueueFull):
            if self.outbox.full():
                self._forget(self.outbox.get_nowait())
            self.outbox.put_nowait((1013, "too slow"))

    def _forget(self, item: str | tuple[int, str]) -> None:
        if isinstance(item, str):
            self.queued_chars -= len(item)

    def close(self, code: int, reason: str) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(asyncio.QueueFull):
                self.outbox.put_nowait((code, reason))

    async def run_writer(self) -> None:
        while True:
            item = await self.outbox.get()
            if isinstance(item, tuple):
                await self.ws.close(code=item[0], reason=item[1])
                return
            try:
                await self.ws.send_text(item)
            finally:
                self._forget(item)


SLASH_IN_ROOM_NAME = ('roomName: has a "/" (perhaps sent as %2F); the WebSocket URL is '
                      '/v1/rooms/{roomName without "/"}/ws')
NO_SOCKET_HERE = "no WebSocket at this path (signaling: /v1/rooms/{roomName}/ws)"


async def refuse_room_path(ws: WebSocket, room_path: str) -> None:
    """Refuse a signaling WebSocket whose room name has a ``/`` (``/v1/rooms/%2Froom/ws``:
    Whereby's ``roomName`` with its leading ``/``, encoded whole), as a query parameter on
    the URL is refused (:func:`room_socket`): an ``error`` naming ``roomName``, then close
    1008 with a reason. No room name has a ``/``, and no route matched the decoded path, so
    the client got a bare 403 before."""
    await ws.accept()
    ERRORS.labels("bad_message").inc()
    message = SLASH_IN_ROOM_NAME if room_path else SLASH_IN_ROOM_NAME.replace(
        'has a "/" (perhaps sent as %2F)', "empty")
    await ws.send_text(json.dumps(m.error("bad_message", message), separators=(",", ":")))
    await ws.close(code=1008, reason="bad room name")


async def refuse_unknown_path(ws: WebSocket) -> None:
    """Refuse a WebSocket to a path that has none with a 404 and a JSON body, as an HTTP
    request to an unknown path is answered (the server's WebSocket denial response), rather
    than Starlette's bare 403; a server without that extension closes with 1008 and a
    reason."""
    if "websocket.http.response" in ws.scope.get("extensions", {}):
        await ws.send_denial_response(JSONResponse({"error": NO_SOCKET_HERE}, 404))
    else:
        await ws.close(code=1008, reason="no WebSocket at this path")


async def room_socket(ws: WebSocket, room_name: str, ctx: SignalingContext,
                      client: str) -> None:
    """Serve one signaling WebSocket of ``client`` (its address as per-client limits count
    it) until the client leaves or misbehaves past the limits."""
    await ws.accept()
    CONNECTIONS.inc()
    conn = WsConnection(ws, OUTBOX_MAX_CHARS)
    writer = asyncio.create_task(conn.run_writer())
    session = Session(ctx, conn, room_name, client)
    limit = MessageRateLimit(ctx.settings.ws_messages_per_second)
    join_deadline = asyncio.get_running_loop().time() + JOIN_TIMEOUT_S
    unknown = next(iter(ws.query_params), None)
    if unknown is not None:
        # The URL takes no parameter: a room key put there (?roomKey=, as hostRoomUrl
        # carries it) would be ignored, and its holder would join without its role.
        session.error("bad_message", f"{unknown[:40]}: unknown query parameter (the "
                      "WebSocket URL takes none; a room key goes in join)")
        conn.close(1008, "unknown query parameter")
    try:
        while not conn.closed:
            timeout = (None if session.joined
                       else max(0.0, join_deadline - asyncio.get_running_loop().time()))
            try:
                frame = await asyncio.wait_for(ws.receive(), timeout)
            except TimeoutError:
                conn.close(4408, "join timeout")
                break
            if frame["type"] == "websocket.disconnect":
                break
            data = frame.get("text") if frame.get("text") is not None else frame.get("bytes")
            verdict = limit.check(len(data) if data is not None else 0)
            if verdict == "close":
                conn.close(1008, "flooding")
                break
            if verdict != "allow":
                if verdict == "notify":
                    session.error("rate_limited", "too many messages; slow down")
                continue
            if data is None or len(data) > ctx.settings.ws_max_message_bytes:
                session.error("too_large", "message too large")
                continue
            try:
                msg = m.parse_client_message(data)
            except m.ProtocolError as exc:
                session.error(exc.code, exc.message)
                continue
            if not await session.handle(msg):
                conn.close(1000, "bye")
                break
    except WebSocketDisconnect:
        pass
    except Exception:
        # A bug while handling a message: the client learns it was the server's fault
        # (1011, RFC 6455 section 7.4.1) rather than a normal close; the traceback is logged.
        conn.close(1011, "internal error")
        raise
    finally:
        await session.close()
        CONNECTIONS.dec()
        if not conn.closed:
            conn.close(1000, "bye")
        try:
            await asyncio.wait_for(writer, 2.0)
        except Exception:  # the socket is already gone; nothing left to deliver
            writer.cancel()
