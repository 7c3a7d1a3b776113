"""Connection limits of the internet-facing HTTPS listener (uvicorn's h11 protocol).

- A TLS handshake must end within ``head_timeout`` seconds of the TCP accept, or the
  connection is aborted (``handshake_timeout``); then a request head (request line and
  headers) must arrive within ``head_timeout`` seconds of the handshake's end, or of the
  first byte of the next request on a keep-alive connection; a slower one (slowloris) is
  aborted (``head_timeout``). A request body that stops arriving for ``head_timeout``
  seconds before its end (a ``Content-Length`` never met) is aborted too (``body_timeout``);
  a slow one that keeps sending is not, nor one that waits because the application has not
  read what came yet.
- At most ``max_per_address`` connections per client address (IPv6: per /64, which one
  subscriber holds) are open at once, unfinished TLS handshakes and WebSockets included; one
  more is aborted as soon as it is accepted (``per_address_cap``). Trusted proxies are
  exempt: they carry many clients.
- A WebSocket client that sends a ping while more than :data:`MAX_UNREAD_BYTES` of what
  the server sent it are still unread is aborted (``unread_pongs``): uvicorn answers every
  ping with a pong written past any backpressure, so a client that sent pings and read
  nothing made the server buffer its pongs without bound (300 MiB in 15 s from one
  connection that never joined).
- At shutdown, idle keep-alive connections are aborted at once, instead of waiting (up to
  30 s) for a TLS close_notify the client may never send; requests in flight drain.
- A request h11 cannot parse gets a JSON error like every other refusal: 431 for a head
  still unfinished past h11's bound (``h11_max_incomplete_event_size``), 400 otherwise
  (uvicorn's own answer is plain text, and always 400). So does a WebSocket request the
  websockets parser refuses after h11 took it: 414 for a request line longer than that
  parser reads (``MAX_LINE_LENGTH``, 8 KiB, where h11 takes a head of up to 16 KiB), 431
  for a header line too long or too many headers, 400 otherwise (uvicorn's answer is plain
  text: "Failed to open a WebSocket connection: invalid request."). And so does one the
  websockets handshake refuses once parsed (no ``Sec-WebSocket-Key``: 400), with its status;
  a ``Sec-WebSocket-Version`` other than 13 is a 426 with ``Sec-WebSocket-Version: 13``, as
  RFC 6455 section 4.4 has it (websockets answers a plain-text 400).

Aborting (a TCP reset, no TLS close_notify) gives the descriptor back at once; a polite
close would keep it until the peer answers. RFC 9112 section 9.8 lets a server close an
idle or misbehaving connection.

How TLS is done: uvicorn's listener runs without ``ssl``, and its protocol factory makes a
:class:`~operability.connection_guard.GuardedTlsHandshake` per TCP connection, which counts
it at once, runs the handshake under the head timeout and hands the TLS transport, still
counted, to uvicorn's protocol (given ``ssl=``, the loop ran the handshake before any
protocol of ours heard of the connection: see :mod:`operability.connection_guard`). Nothing
else of uvicorn or asyncio is replaced. (Only passing ``ssl_handshake_timeout`` would have
needed a copy of uvicorn's ``startup``, and would still not count handshakes per address.)
"""

from __future__ import annotations

import asyncio
import json
import ssl
from http import HTTPStatus
from typing import Any

import h11
from prometheus_client import Counter
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.datastructures import Headers
from websockets.exceptions import InvalidHeaderValue, SecurityError
from websockets.http11 import MAX_LINE_LENGTH, Response
from websockets.typing import StatusLike

from operability.connection_guard import ConnectionGuard, GuardedTlsHandshake, TlsAcceptor

REFUSED = Counter(
    "fjord_http_connections_refused_total",
    "HTTPS connections aborted by the listener's limits, by reason "
    "(per_address_cap, handshake_timeout, head_timeout, body_timeout, unread_pongs)",
    ["reason"],
)
MAX_UNREAD_BYTES = 4 * 1024 * 1024
"""Bytes a WebSocket client may leave unread when it sends a ping. The server's own
messages wait for the client to read (uvicorn's write high-water mark, 64 KiB) before the
next is written, so a client that reads holds at most that plus one message (a full group
room's subscribe-offer, about 1 MiB); browsers send no pings at all."""


def json_refusal(status: int, error: str) -> bytes:
    """An HTTP/1.1 response of ``status`` with the API's ``{"error": ...}`` body, closing the
    connection: the answer to a request refused before the application saw it."""
    body = json.dumps({"error": error}).encode()
    return (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
            "content-type: application/json\r\nconnection: close\r\n"
            f"content-length: {len(body)}\r\n\r\n").encode() + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with :class:`ConnectionGuard`'s limits (see the module)."""

    guard: ConnectionGuard

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._admitted = False
        self._upgraded = False  # the connection is a WebSocket's now: no timer of ours

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if not self.guard.admit(transport):
            REFUSED.labels("per_address_cap").inc()
            transport.abort()
            return
        self._admitted = True
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._admitted:
            return
        self._cancel_head_timer()
        self._watch_body(False)
        self.guard.release(self.transport)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # the first bytes of the next request on a keep-alive
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_timer()  # the head is in (or the connection is done)
        # Each piece of a body restarts its clock; its end (or no body) stops it, and so
        # does a client rightly waiting for "100 Continue" (sent when the app reads).
        cycle = self.cycle
        self._watch_body(not self._upgraded and self.conn.their_state is h11.SEND_BODY
                         and not (cycle is not None and cycle.waiting_for_100_continue))

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        # h11 still says SEND_BODY here; the WebSocket protocol owns the transport from now.
        self._upgraded = True
        self._cancel_head_timer()
        self._watch_body(False)
        # uvicorn hands the head to the websockets parser again, which reads shorter lines.
        if len(event.method) + len(event.target) + len(b"  HTTP/1.1\r\n") > MAX_LINE_LENGTH:
            self.transport.write(json_refusal(414, "request target too long"))
            self.transport.close()
            return
        super().handle_websocket_upgrade(event)

    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self._cancel_head_timer()
            self.transport.abort()
        else:
            super().shutdown()

    def send_400_response(self, msg: str) -> None:
        """Answer a request h11 refused (``msg`` is uvicorn's, for its log) and close."""
        too_long = len(self.conn.trailing_data[0]) > self.config.h11_max_incomplete_event_size
        self.transport.write(json_refusal(431, "request header fields too large") if too_long
                             else json_refusal(400, "invalid HTTP request"))
        self.transport.close()

    def _arm_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(self.guard.head_timeout, self._head_timeout)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            REFUSED.labels("head_timeout").inc()
            self.transport.abort()

    def _watch_body(self, expecting: bool) -> None:
        """(Re)start the body's clock while ``expecting`` more of it, else stop it."""
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None
        if expecting:
            self._body_timer = self.loop.call_later(self.guard.head_timeout,
                                                    self._body_timeout)

    def _body_timeout(self) -> None:
        self._body_timer = None
        if (self._upgraded or self.conn.their_state is not h11.SEND_BODY
                or self.transport.is_closing()):
            return
        if self.flow.read_paused:  # the application has not read what came: not the client
            self._watch_body(True)
            return
        REFUSED.labels("body_timeout").inc()
        self.transport.abort()


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol, giving the connection's slot back when it ends (after
    an upgrade, the HTTP protocol never hears of the connection again)."""

    guard: ConnectionGuard

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.release(self.transport)
        super().connection_lost(exc)

    def handle_handshake_exception(self) -> None:
        """Answer a request the websockets parser refused (a request line too long for it
        never gets here: :meth:`GuardedH11Protocol.handle_websocket_upgrade`) in JSON."""
        self.handshake_complete = True
        self.close_sent = True
        too_large = isinstance(self.conn.handshake_exc.__cause__, SecurityError)
        self.transport.write(json_refusal(431, "request header fields too large") if too_large
                             else json_refusal(400, "invalid WebSocket request"))
        self.transport.close()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # websockets' ServerProtocol.accept builds each refusal with its reject(), an
        # instance's method to replace as its select_subprotocol is (websockets does so).
        self.conn.reject = self._json_rejection  # type: ignore[method-assign]

    def _json_rejection(self, status: StatusLike, text: str) -> Response:
        """The refusal of a handshake ``accept`` turned down (``text``, websockets' plain
        text, is not sent): the API's ``{"error": ...}`` naming the cause, with ``status``
        (a wrong ``Sec-WebSocket-Version``: 426 and the version spoken, RFC 6455 section
        4.4). ``accept`` may add headers to it (``Allow``, ``Upgrade``)."""
        cause = self.conn.handshake_exc
        headers = Headers([("Connection", "close"), ("Content-Type", "application/json")])
        if isinstance(cause, InvalidHeaderValue) and cause.name == "Sec-WebSocket-Version":
            status = HTTPStatus.UPGRADE_REQUIRED
            error = (f"invalid WebSocket request: Sec-WebSocket-Version {cause.value} (this "
                     "server speaks 13, RFC 6455)")
            headers["Sec-WebSocket-Version"] = "13"
        elif HTTPStatus(status) >= 500 or cause is None:
            error = "internal server error"
        else:
            error = f"invalid WebSocket request: {cause}"
        body = json.dumps({"error": error}).encode()
        headers["Content-Length"] = str(len(body))
        status = HTTPStatus(status)
        return Response(status.value, status.phrase, headers, body)

    def handle_ping(self) -> None:
        if self.transport.get_write_buffer_size() > MAX_UNREAD_BYTES:
            REFUSED.labels("unread_pongs").inc()
            self.transport.abort()
            return
        super().handle_ping()


def guarded_protocols(guard: ConnectionGuard, tls: ssl.SSLContext | None = None,
                      ) -> tuple[type[asyncio.Protocol], type[WebSocketsSansIOProtocol]]:
    """The HTTP and WebSocket protocol classes for uvicorn's ``http`` and ``ws`` settings,
    bound to ``guard``. With ``tls`` the HTTP one does the TLS handshake itself
    (:class:`~operability.connection_guard.GuardedTlsHandshake`): give uvicorn no ``ssl``
    then."""
    h11_class = type("FjordH11Protocol", (GuardedH11Protocol,), {"guard": guard})
    http: type[asyncio.Protocol] = h11_class
    if tls is not None:
        acceptor = TlsAcceptor(guard, tls, guard.head_timeout,
                               lambda reason: REFUSED.labels(reason).inc())

        class FjordTlsHandshake(GuardedTlsHandshake):
            def __init__(self, **kwargs: Any) -> None:  # uvicorn's (config, state, _loop)
                super().__init__(acceptor, h11_class(**kwargs),
                                 kwargs.get("_loop") or asyncio.get_running_loop())

        http = FjordTlsHandshake
    ws = type("FjordWebSocketProtocol", (GuardedWebSocketProtocol,), {"guard": guard})
    return http, ws
