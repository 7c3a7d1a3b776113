"""Signaling over HTTPS long-polling, for networks that block WebSockets.

The same messages, limits and authentication as the WebSocket (the ``join`` message carries
the room key); only the carriage differs (docs/signaling.md, "Long-polling"):

- ``POST /v1/rooms/{roomName}/poll`` opens a session: ``{"sessionId", "cursor": 0}``. The
  session id is a 256-bit bearer secret; the first message must be ``join`` within 10 s.
- ``POST /v1/rooms/{roomName}/poll/{sessionId}/send`` with ``{"messages": [...]}`` (at most
  20, each at most ``ws_max_message_bytes``) as ``application/json``: handled in order, as
  WebSocket frames are; answers and errors come back through the receive side. 202, 404
  for an unknown or closed session, or 415 for a body of another Content-Type.
- ``GET /v1/rooms/{roomName}/poll/{sessionId}?cursor=N`` returns the messages after ``N``
  as soon as there is one, or an empty list after 25 s: ``{"messages", "cursor",
  "closed"}`` where ``closed`` is null or ``{"code", "reason"}``. Asking again with the
  returned cursor acknowledges (frees) what was received; asking with the old cursor after
  a lost response gets the same messages again (resume). At most 256 unacknowledged
  messages are kept: a client that falls further behind is closed, like a slow WebSocket.
- A session nobody polls for 30 s is closed (the participant leaves).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import secrets
import time
from collections import Counter, deque
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from prometheus_client import Gauge

from operability.ratelimit import MessageRateLimit, rate_limit_key
from signaling import messages as m
from signaling.api import HAND_READ_BODY, IntegerQuery, get_ctx, refuse_unknown_input
from signaling.context import SignalingContext
from signaling.errors import ApiError, json_body
from signaling.room_names import room_name_in_path
from signaling.session import Session
from signaling.ws import OUTBOX_MAX_CHARS, relayed_overflow

log = logging.getLogger("fjord.signaling.polling")

POLL_WAIT_S = 25.0
IDLE_TIMEOUT_S = 30.0
JOIN_TIMEOUT_S = 10.0
STALL_S = 5.0
"""A sweep of the reaper this much later than due: the process was paused (SIGSTOP, a VM
pause) or its loop blocked, and no client could reach it meanwhile."""
BUFFER_LIMIT = 256
MAX_BATCH = 20
MAX_SESSIONS = 5000

POLL_SESSIONS = Gauge("fjord_signaling_poll_sessions", "Open long-polling signaling sessions")

router = APIRouter(prefix="/v1/rooms/{room_name}/poll",
                   # a misspelt cursor (?curser=3) would read as 0: every message again;
                   # a body sent to open a session, or to a poll, would be dropped
                   dependencies=[Depends(refuse_unknown_input)])
Ctx = Annotated[SignalingContext, Depends(get_ctx)]


class PollConnection:
    """A :class:`signaling.room_model.Connection` whose messages wait in a numbered buffer,
    bounded in messages (BUFFER_LIMIT) and in characters (``max_chars``, their compact
    JSON form)."""

    def __init__(self, max_chars: int) -> None:
        self.buffer: deque[tuple[int, dict[str, Any], int]] = deque()
        "``(sequence number, message, its size in characters)``"
        self.max_chars = max_chars
        self.buffered_chars = 0
        self.next_seq = 1
        self.closed: dict[str, Any] | None = None
        self.changed = asyncio.Event()

    def send(self, message: dict[str, Any]) -> None:
        if self.closed is not None:
            return
        size = len(json.dumps(message, ensure_ascii=False, separators=(",", ":")))
        if relayed_overflow(message, size, len(self.buffer), self.buffered_chars,
                            BUFFER_LIMIT, self.max_chars):
            return
        if len(self.buffer) >= BUFFER_LIMIT or self.buffered_chars + size > self.max_chars:
            log.warning("closing slow polling client: buffer full")
            self.close(1013, "too slow")
            return
        self.buffer.append((self.next_seq, message, size))
        self.buffered_chars += size
        self.next_seq += 1
        self.changed.set()

    def close(self, code: int, reason: str) -> None:
        if self.closed is None:
            self.closed = {"code": code, "reason": reason}
            self.changed.set()

    def acknowledge(self, cursor: int) -> None:
        """Forget the messages up to ``cursor`` (the client has them)."""
        while self.buffer and self.buffer[0][0] <= cursor:
            self.buffered_chars -= self.buffer.popleft()[2]

    def after(self, cursor: int) -> list[dict[str, Any]]:
        return [msg for seq, msg, _ in self.buffer if seq > cursor]


class PollSession:
    """A session plus its connection, limits and idle timer."""

    def __init__(self, ctx: SignalingContext, room_name: str, client: str) -> None:
        self.id = secrets.token_urlsafe(32)
        self.room_name = room_name
        self.client = client
        self.conn = PollConnection(OUTBOX_MAX_CHARS)
        self.session = Session(ctx, self.conn, room_name, client)
        self.limit = MessageRateLimit(ctx.settings.ws_messages_per_second)
        self.max_bytes = ctx.settings.ws_max_message_bytes
        self.lock = asyncio.Lock()
        self.last_seen = time.monotonic()
        self.opened = time.monotonic()
        self.finished = False

    async def receive(self, raw: list[Any]) -> None:
        async with self.lock:
            for item in raw:
                if self.conn.closed is not None:
                    return
                # Sized as its compact JSON text, as a WebSocket text frame is counted
                # (characters, not the \uXXXX escapes of json.dumps's default). A string
                # is taken as a frame's text; null, a number or a list is JSON too, and is
                # told it is not an object (Python's str() of None is not JSON).
                data = (item if isinstance(item, str)
                        else json.dumps(item, ensure_ascii=False, separators=(",", ":")))
                verdict = self.limit.check(len(data))
                if verdict == "close":
                    self.conn.close(1008, "flooding")
                    await self.finish()
                    return
                if verdict != "allow":
                    if verdict == "notify":
                        self.session.error("rate_limited", "too many messages; slow down")
                    continue
                if len(data) > self.max_bytes:
                    self.session.error("too_large", "message too large")
                    continue
                try:
                    msg = m.parse_client_message(data)
                except m.ProtocolError as exc:
                    self.session.error(exc.code, exc.message)
                    continue
                if not await self.session.handle(msg):
                    await self.finish()
                elif self.finished:
                    # finished while the message was handled (the join timeout, while a
                    # join waited for a crashed node's places): leave what it joined
                    await self.session.close()
                    return

    async def finish(self) -> None:
        if not self.finished:
            self.finished = True
            self.conn.close(1000, "bye")
            await self.session.close()


class PollRegistry:
    """Open polling sessions of this node, and the reaper that closes idle ones.

    ``max_per_client``: sessions one client address (:func:`rate_limit_key`) may hold, as
    many as its HTTPS connections (``http_max_connections_per_ip``): a polling session
    holds no connection, so that cap alone would let one address take them all."""

    def __init__(self, max_per_client: int) -> None:
        self.sessions: dict[str, PollSession] = {}
        self.max_per_client = max_per_client
        self._per_client: Counter[str] = Counter()
        self._reaper: asyncio.Task[None] | None = None

    def add(self, session: PollSession) -> None:
        """Raises ApiError: 503 when the node holds :data:`MAX_SESSIONS`, 429 when the
        session's client address holds ``max_per_client``."""
        if len(self.sessions) >= MAX_SESSIONS:
            raise ApiError(503, "too many polling sessions", {"Retry-After": "5"})
        if self._per_client[session.client] >= self.max_per_client:
            raise ApiError(429, f"this address has {self.max_per_client} polling sessions "
                           "open, as many as it may: close one (or let it time out) first",
                           {"Retry-After": str(int(IDLE_TIMEOUT_S))})
        self._per_client[session.client] += 1
        self.sessions[session.id] = session
        POLL_SESSIONS.set(len(self.sessions))
        if self._reaper is None or self._reaper.done():
            # A fresh context: no request's log ids follow the reaper.
            self._reaper = asyncio.get_running_loop().create_task(
                self._reap(), context=contextvars.Context()
            )

    def get(self, room_name: str, session_id: str, finished_ok: bool = False) -> PollSession:
        """The open session (or, with ``finished_ok``, one whose last messages are still
        waiting to be fetched). Raises ApiError 404 otherwise."""
        session = self.sessions.get(session_id)
        if (session is None or session.room_name != room_name
                or (session.finished and not finished_ok)):
            raise ApiError(404, "no such polling session")
        return session

    async def _reap(self) -> None:
        last = time.monotonic()
        while self.sessions:
            await asyncio.sleep(1.0)
            now = time.monotonic()
            stalled, last = now - last - 1.0, now
            if stalled > STALL_S:
                # nobody could poll meanwhile: not idle for that time (a node paused past
                # its TTL tells its reaped people to join again, once, through the room bus)
                for s in self.sessions.values():
                    s.last_seen += stalled
                    s.opened += stalled
            for sid, s in list(self.sessions.items()):
                idle = now - s.last_seen > IDLE_TIMEOUT_S
                if not s.session.joined and now - s.opened > JOIN_TIMEOUT_S:
                    s.conn.close(4408, "join timeout")
                if s.conn.closed is not None or idle:
                    await s.finish()  # leaves the room at once; the last messages stay
                drained = not s.conn.buffer and now - s.last_seen > 2.0
                if idle or (s.finished and drained):
                    if self.sessions.pop(sid, None) is not None:
                        self._per_client[s.client] -= 1
                        if not self._per_client[s.client]:
                            del self._per_client[s.client]
            POLL_SESSIONS.set(len(self.sessions))


def _registry(ctx: SignalingContext) -> PollRegistry:
    registry = getattr(ctx, "_poll_registry", None)
    if registry is None:
        registry = PollRegistry(ctx.settings.http_max_connections_per_ip)
        ctx._poll_registry = registry  # type: ignore[attr-defined]
    return registry


@router.post("", status_code=201)
async def open_session(room_name: str, request: Request, ctx: Ctx) -> dict[str, Any]:
    """Open a polling session; send ``join`` next. 404 when no meeting has this room name,
    as for the room page: no session (and no memory) for a room that does not exist."""
    room_name = room_name_in_path(room_name)
    if await ctx.store.meetings.by_room_name(room_name) is None:
        raise ApiError(404, "no meeting with this room name")
    session = PollSession(ctx, room_name,
                          rate_limit_key(request.client.host if request.client else None))
    _registry(ctx).add(session)
    return {"sessionId": session.id, "cursor": 0}


@router.post("/{session_id}/send", status_code=202)
async def send(room_name: str, session_id: str, request: Request, ctx: Ctx) -> Response:
    session = _registry(ctx).get(room_name_in_path(room_name), session_id)
    session.last_seen = time.monotonic()
    body = json_body(await request.body(), request.headers.get("content-type"))
    if isinstance(body, dict) and set(body) - {"messages"}:
        raise ApiError(400, f"invalid field {sorted(set(body) - {'messages'})[0]}: "
                            "extra inputs are not permitted")
    batch = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(batch, list) or not 1 <= len(batch) <= MAX_BATCH:
        raise ApiError(400, f"messages must be a list of 1 to {MAX_BATCH} messages")
    await session.receive(batch)
    return Response(status_code=202)


HAND_READ_BODY.add(send)


@router.get("/{session_id}")
async def receive(
    room_name: str, session_id: str, ctx: Ctx,
    cursor: Annotated[int, IntegerQuery, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Messages after ``cursor`` (long-poll up to 25 s)."""
    session = _registry(ctx).get(room_name_in_path(room_name), session_id, finished_ok=True)
    conn = session.conn
    session.last_seen = time.monotonic()
    if cursor >= conn.next_seq:
        raise ApiError(400, "cursor is ahead of the stream")
    conn.acknowledge(cursor)
    if cursor + 1 < conn.next_seq and (not conn.buffer or conn.buffer[0][0] > cursor + 1):
        raise ApiError(410, "cursor expired; open a new session")
    if not conn.after(cursor) and conn.closed is None:
        conn.changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(conn.changed.wait(), POLL_WAIT_S)
    session.last_seen = time.monotonic()
    messages = conn.after(cursor)
    last = conn.buffer[-1][0] if messages else cursor
    return {"messages": messages, "cursor": last, "closed": conn.closed}
