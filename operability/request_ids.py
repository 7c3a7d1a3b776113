"""ASGI middleware giving every HTTP request and WebSocket a request id for the logs.

The id comes from a well-formed ``X-Request-Id`` header (a load balancer's) or is random; it
is bound to the log context (:func:`operability.logs.bind`) with the room name when the path names
one (``/v1/rooms/<room>/ws``), and echoed in the ``X-Request-Id`` response header.

Each HTTP request is logged once, after its response: method, the matched route's template
(``/v1/meetings/{meeting_id}``; never the raw path or query, which are client-chosen and
may carry room keys or names), status and duration. Probes and scrapes log at debug level.
Being the outermost layer, it also refuses a request head over ``MAX_REQUEST_HEAD`` (431,
or WebSocket close 1009) before the app sees it.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from operability.logs import bind, unbind

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_ROOM_PATH = re.compile(r"^/v1/rooms/([a-z0-9][a-z0-9-]{0,79})/ws$")
_QUIET = frozenset({"/healthz", "/readyz", "/metrics"})
MAX_REQUEST_HEAD = 16 * 1024
"""Bytes of request target and header fields accepted (431 beyond). uvicorn's h11 stops
buffering a head at this size when it arrives in pieces; this check also covers a head that
arrived in one read."""
logger = logging.getLogger("fjord.http")


def route_template(scope: Scope) -> str:
    """The matched route's path with its parameters as ``{name}``; ``<unmatched>`` when no
    route matched (the path is then whatever the client sent)."""
    path = scope.get("path", "")
    if scope.get("endpoint") is None:
        return "<unmatched>"
    for name, value in (scope.get("path_params") or {}).items():
        path = path.replace(f"/{value}", f"/{{{name}}}", 1)
    return path


def request_id_of(headers: list[tuple[bytes, bytes]]) -> str:
    """The client-supplied request id when well-formed, else a new random one (16 chars)."""
    for name, value in headers:
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if _REQUEST_ID.fullmatch(text):
                return text
    return secrets.token_hex(8)


class RequestIds:
    """Wraps an ASGI app; binds ``request_id`` (and ``room``) for the request's lifetime."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if head_size(scope) > MAX_REQUEST_HEAD:
            await _refuse_large_head(scope, send)
            return
        request_id = request_id_of(scope.get("headers", []))
        fields = {"request_id": request_id}
        room = _ROOM_PATH.match(scope.get("path", ""))
        if room:
            fields["room"] = room.group(1)
        token = bind(**fields)

        status = 0
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if scope["type"] == "http":
                template = route_template(scope)
                level = logging.DEBUG if template in _QUIET else logging.INFO
                logger.log(level, "%s %s %d %.1f ms", scope.get("method", "?"), template,
                           status, (time.perf_counter() - started) * 1000)
            unbind(token)


def head_size(scope: Scope) -> int:
    """Bytes of the request target and header fields (as on the wire, roughly)."""
    size = len(scope.get("raw_path") or scope.get("path", "").encode())
    size += len(scope.get("query_string", b""))
    return size + sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))


async def _refuse_large_head(scope: Scope, send: Send) -> None:
    logger.info("request head over %d bytes refused", MAX_REQUEST_HEAD)
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1009})
        return
    body = b'{"error": "request header fields too large"}'
    await send({"type": "http.response.start", "status": 431,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
