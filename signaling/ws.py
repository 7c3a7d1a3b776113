"""The WebSocket signaling endpoint ``/v1/rooms/{roomName}/ws`` (protocol: docs/signaling.md)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from prometheus_client import Gauge

from operability.ratelimit import MessageRateLimit
from signaling import messages as m
from signaling.context import SignalingContext
from signaling.session import Session

log = logging.getLogger("fjord.signaling.ws")

JOIN_TIMEOUT_S = 10.0
OUTBOX_LIMIT = 256
"""Messages queued for a slow client before it is disconnected (bounded memory)."""

CONNECTIONS = Gauge("fjord_signaling_connections", "Open signaling WebSocket connections")


class WsConnection:
    """A WebSocket with a bounded outbox drained by one writer task."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[dict[str, Any] | tuple[int, str]] = asyncio.Queue(OUTBOX_LIMIT)
        self.closed = False

    def send(self, message: dict[str, Any]) -> None:
        if self.closed:
            return
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            log.warning("closing slow signaling client: outbox full")
            self.closed = True
            with contextlib.suppress(asyncio.QueueFull):
                self.outbox.get_nowait()
                self.outbox.put_nowait((1013, "too slow"))

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
            await self.ws.send_json(item)


async def room_socket(ws: WebSocket, room_name: str, ctx: SignalingContext) -> None:
    """Serve one signaling WebSocket until the client leaves or misbehaves past the limits."""
    await ws.accept()
    CONNECTIONS.inc()
    conn = WsConnection(ws)
    writer = asyncio.create_task(conn.run_writer())
    session = Session(ctx, conn, room_name)
    limit = MessageRateLimit(ctx.settings.ws_messages_per_second)
    try:
        while not conn.closed:
            timeout = JOIN_TIMEOUT_S if not session.joined else None
            try:
                frame = await asyncio.wait_for(ws.receive(), timeout)
            except TimeoutError:
                conn.close(4408, "join timeout")
                break
            if frame["type"] == "websocket.disconnect":
                break
            data = frame.get("text") if frame.get("text") is not None else frame.get("bytes")
            verdict = limit.check()
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
    finally:
        await session.close()
        CONNECTIONS.dec()
        if not conn.closed:
            conn.close(1000, "bye")
        try:
            await asyncio.wait_for(writer, 2.0)
        except Exception:  # the socket is already gone; nothing left to deliver
            writer.cancel()
