"""Absolute-form request targets (RFC 9112 section 3.2.2): ``GET https://host/v1/meetings
HTTP/1.1``, which a server MUST accept although most clients send it only to a proxy.

uvicorn hands such a target to the app as the path (``https://host/v1/meetings``), which no
route has, so the request was a 404. :class:`AbsoluteFormTarget` turns it into the
origin-form the routes know (``/v1/meetings``, the query kept) and, as RFC 9112 section 3.2.2
says an origin server must, takes the target's authority as ``Host`` in place of the
header's. The scheme is not checked against the connection's: the listener serves one
origin whichever scheme a client writes. A target whose authority is empty or carries user
information (``https://user@host/``, which RFC 9110 section 4.2.4 forbids) is a 400.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

ABSOLUTE_FORM = re.compile(rb"(?i:https?)://([^/]*)(/.*)?", re.DOTALL)
"""A raw path (the target before its ``?``, as uvicorn splits it) in absolute-form: the
authority, then the path (none: ``/``)."""
BAD_AUTHORITY = "request target: an absolute-form target needs a host and no user information"


class AbsoluteFormTarget:
    """ASGI middleware: HTTP and WebSocket requests with an absolute-form target reach the
    app in origin-form (see the module)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = (ABSOLUTE_FORM.fullmatch(scope.get("raw_path") or b"")
                 if scope["type"] in ("http", "websocket") else None)
        if match is None:
            await self.app(scope, receive, send)
            return
        authority, raw_path = match.group(1), match.group(2) or b"/"
        if not authority or b"@" in authority:
            await _refuse(scope, receive, send)
            return
        headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
        await self.app({**scope, "raw_path": raw_path,
                        "path": unquote(raw_path.decode("latin-1")),
                        "headers": [(b"host", authority), *headers]}, receive, send)


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    """A 400 with the API's JSON body (a WebSocket: as its denial response, where the server
    has that extension, else a close before accepting)."""
    response = JSONResponse({"error": BAD_AUTHORITY}, 400)
    if scope["type"] == "http":
        await response(scope, receive, send)
        return
    ws = WebSocket(scope, receive, send)
    if "websocket.http.response" in scope.get("extensions", {}):
        await ws.send_denial_response(response)
    else:
        await ws.close(code=1008, reason="bad request target")
