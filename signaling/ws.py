"""The WebSocket signaling endpoint ``/v1/rooms/{roomName}/ws`` (protocol: docs/signaling.md)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from prometheus_client import Counter, Gauge

from fjord.ratelimit import TokenBucket
from keys.room_keys import RoomKeyError
from signaling import messages as m
from signaling.context import MEETING_GRACE, SignalingContext
from signaling.media import MediaError
from signaling.rooms import Participant, Room, RoomFull

log = logging.getLogger("fjord.signaling.ws")

JOIN_TIMEOUT_S = 10.0
OUTBOX_LIMIT = 256
"""Messages queued for a slow client before it is disconnected (bounded memory)."""
FLOOD_FACTOR = 10
"""A connection dropping this many seconds' worth of messages in a row is closed."""

MESSAGES = Counter(
    "fjord_signaling_messages_total", "Signaling messages received, by type", ["type"]
)
ERRORS = Counter("fjord_signaling_errors_total", "Signaling error replies, by code", ["code"])
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


class Session:
    """One client's signaling session: join, then relay (P2P) or SFU calls (group)."""

    def __init__(self, ctx: SignalingContext, conn: WsConnection, room_name: str) -> None:
        self.ctx = ctx
        self.conn = conn
        self.room_name = room_name
        self.room: Room | None = None
        self.me: Participant | None = None

    def error(self, code: str, message: str) -> None:
        ERRORS.labels(code).inc()
        self.conn.send(m.error(code, message))

    async def handle(self, msg: Any) -> bool:
        """Handle one parsed message; returns False when the session should end."""
        if isinstance(msg, m.Ping):
            self.conn.send({"type": "pong"})
            return True
        if isinstance(msg, m.Join):
            if self.me is not None:
                self.error("already_joined", "already joined")
                return True
            return await self.join(msg)
        if self.me is None or self.room is None:
            self.error("not_joined", "send join first")
            return True
        if isinstance(msg, m.Leave):
            return False
        if isinstance(msg, m.Offer | m.Answer | m.Candidate):
            self.relay(msg)
        elif isinstance(msg, m.Publish | m.SubscribeAnswer):
            await self.media(msg)
        return True

    async def join(self, msg: m.Join) -> bool:
        meeting = await self.ctx.store.meeting_by_room_name(self.room_name)
        if meeting is None:
            self.error("room_not_found", "no meeting with this room name")
            return False
        if dt.datetime.now(dt.UTC) > meeting.end_date + MEETING_GRACE:
            self.error("meeting_ended", "this meeting has ended")
            return False
        role = "participant"
        if msg.roomKey:
            try:
                role = self.ctx.signer.verify(msg.roomKey, self.room_name).role
            except RoomKeyError as exc:
                self.error("invalid_room_key", str(exc))
                return False
        try:
            room, me = self.ctx.rooms.join(meeting, msg.displayName, role, self.conn)
        except RoomFull:
            self.error("room_full", "this room is full")
            return False
        self.room, self.me = room, me
        others = [p.view() for p in room.participants.values() if p.id != me.id]
        self.conn.send(
            {
                "type": "joined",
                "protocolVersion": m.PROTOCOL_VERSION,
                "selfId": me.id,
                "role": role,
                "roomName": self.room_name,
                "topology": room.topology,
                "participants": others,
                "iceServers": self.ctx.ice_servers_for(me.id),
                "iceTransportPolicy": (
                    "relay" if self.ctx.settings.relay_only and room.topology == "p2p" else "all"
                ),
            }
        )
        if room.topology == "sfu" and self.ctx.media is not None:
            try:
                await self.ctx.media.join(self.room_name, me.id)
            except MediaError as exc:
                self.error("sfu_error", str(exc))
                return False
        return True

    def relay(self, msg: m.Offer | m.Answer | m.Candidate) -> None:
        assert self.room is not None and self.me is not None
        if self.room.topology != "p2p":
            self.error("wrong_topology", f"{msg.type} is only used in normal rooms")
            return
        peer = self.room.participants.get(msg.to)
        if peer is None or peer.id == self.me.id:
            self.error("unknown_peer", "no such participant in this room")
            return
        out = msg.model_dump(exclude={"to"}, exclude_none=False)
        out["from"] = self.me.id
        peer.conn.send(out)

    async def media(self, msg: m.Publish | m.SubscribeAnswer) -> None:
        assert self.room is not None and self.me is not None
        if self.room.topology != "sfu":
            self.error("wrong_topology", f"{msg.type} is only used in group rooms")
            return
        if self.ctx.media is None:
            self.error("sfu_error", "no media server available")
            return
        try:
            if isinstance(msg, m.Publish):
                answer = await self.ctx.media.publish(self.room_name, self.me.id, msg.sdp)
                self.conn.send({"type": "publish-answer", "sdp": answer})
            else:
                await self.ctx.media.subscribe_answer(self.room_name, self.me.id, msg.sdp)
        except MediaError as exc:
            self.error("sfu_error", str(exc))

    async def close(self) -> None:
        if self.room is not None and self.me is not None:
            self.ctx.rooms.leave(self.room, self.me.id)
            if self.room.topology == "sfu" and self.ctx.media is not None:
                with contextlib.suppress(MediaError):
                    await self.ctx.media.leave(self.room_name, self.me.id)
            self.me = None


async def room_socket(ws: WebSocket, room_name: str, ctx: SignalingContext) -> None:
    """Serve one signaling WebSocket until the client leaves or misbehaves past the limits."""
    await ws.accept()
    CONNECTIONS.inc()
    conn = WsConnection(ws)
    writer = asyncio.create_task(conn.run_writer())
    session = Session(ctx, conn, room_name)
    rate = ctx.settings.ws_messages_per_second
    bucket = TokenBucket(rate, 2 * rate)
    dropped_in_a_row = 0
    try:
        while not conn.closed:
            timeout = JOIN_TIMEOUT_S if session.me is None else None
            try:
                frame = await asyncio.wait_for(ws.receive(), timeout)
            except TimeoutError:
                conn.close(4408, "join timeout")
                break
            if frame["type"] == "websocket.disconnect":
                break
            data = frame.get("text") if frame.get("text") is not None else frame.get("bytes")
            if not bucket.allow():
                dropped_in_a_row += 1
                if dropped_in_a_row == 1:
                    session.error("rate_limited", "too many messages; slow down")
                if dropped_in_a_row > FLOOD_FACTOR * rate:
                    conn.close(1008, "flooding")
                continue
            dropped_in_a_row = 0
            if data is None or len(data) > ctx.settings.ws_max_message_bytes:
                session.error("too_large", "message too large")
                continue
            try:
                msg = m.parse_client_message(data)
            except m.ProtocolError as exc:
                session.error(exc.code, exc.message)
                continue
            MESSAGES.labels(msg.type).inc()
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
