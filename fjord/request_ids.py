"""ASGI middleware giving every HTTP request and WebSocket a request id for the logs.

The id comes from a well-formed ``X-Request-Id`` header (a load balancer's) or is random; it
is bound to the log context (:func:`fjord.logs.bind`) with the room name when the path names
one (``/v1/rooms/<room>/ws``), and echoed in the ``X-Request-Id`` response header.
"""

from __future__ import annotations

import re
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fjord.logs import bind, unbind

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_ROOM_PATH = re.compile(r"^/v1/rooms/([a-z0-9][a-z0-9-]{0,79})/ws$")


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
        request_id = request_id_of(scope.get("headers", []))
        fields = {"request_id": request_id}
        room = _ROOM_PATH.match(scope.get("path", ""))
        if room:
            fields["room"] = room.group(1)
        token = bind(**fields)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            unbind(token)
