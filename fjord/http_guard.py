"""Connection limits of the internet-facing HTTPS listener (uvicorn's h11 protocol).

- A request head (request line and headers) must arrive within ``head_timeout`` seconds of
  the connection's start, or of the first byte of the next request on a keep-alive
  connection; a slower one (slowloris) is aborted.
- At most ``max_per_address`` connections per client address (IPv6: per /64, which one
  subscriber holds) are open at once, WebSockets included; one more is aborted as soon as
  its TLS handshake ends. Trusted proxies are exempt: they carry many clients.
- At shutdown, idle keep-alive connections are aborted at once, instead of waiting (up to
  30 s) for a TLS close_notify the client may never send; requests in flight drain.
- A request h11 cannot parse gets a JSON error like every other refusal: 431 for a head
  still unfinished past h11's bound (``h11_max_incomplete_event_size``), 400 otherwise
  (uvicorn's own answer is plain text, and always 400).

Aborting (a TCP reset, no TLS close_notify) gives the descriptor back at once; a polite
close would keep it until the peer answers. RFC 9112 section 9.8 lets a server close an
idle or misbehaving connection.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Sequence
from typing import Any

import h11
from prometheus_client import Counter
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

REFUSED = Counter(
    "fjord_http_connections_refused_total",
    "HTTPS connections aborted by the listener's limits, by reason "
    "(per_address_cap, head_timeout)",
    ["reason"],
)


class ConnectionGuard:
    """Open connections per client address, bounded by ``max_per_address``.

    Memory is bounded by the open connections: an address is forgotten with its last one.
    """

    def __init__(self, head_timeout: float, max_per_address: int,
                 exempt: Sequence[str] = (),
                 on_release: Callable[[], None] | None = None) -> None:
        self.head_timeout = head_timeout
        self.on_release = on_release
        "Called whenever a connection ends (the memory trimmer listens)."
        self.max_per_address = max_per_address
        self._exempt = [ipaddress.ip_network(net, strict=False) for net in exempt]
        self._open: dict[str, int] = {}
        self._address_of: dict[asyncio.BaseTransport, str] = {}

    def admit(self, transport: asyncio.BaseTransport) -> bool:
        """Count ``transport`` against its address; False (not counted) when the address
        already holds ``max_per_address`` connections."""
        key = self._key(transport)
        if key is None:
            return True
        if self._open.get(key, 0) >= self.max_per_address:
            return False
        self._open[key] = self._open.get(key, 0) + 1
        self._address_of[transport] = key
        return True

    def release(self, transport: asyncio.BaseTransport) -> None:
        """Forget ``transport`` (idempotent: HTTP and WebSocket protocols both call it)."""
        if self.on_release is not None:
            self.on_release()
        key = self._address_of.pop(transport, None)
        if key is None:
            return
        left = self._open[key] - 1
        if left:
            self._open[key] = left
        else:
            del self._open[key]

    @property
    def addresses(self) -> int:
        """Client addresses with an open connection."""
        return len(self._open)

    def _key(self, transport: asyncio.BaseTransport) -> str | None:
        peer = transport.get_extra_info("peername")
        if not isinstance(peer, tuple):
            return None  # a Unix socket: no address to count
        address = ipaddress.ip_address(peer[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if any(address in net for net in self._exempt):
            return None
        if isinstance(address, ipaddress.IPv6Address):
            return str(ipaddress.IPv6Network((address, 64), strict=False))
        return str(address)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with :class:`ConnectionGuard`'s limits (see the module)."""

    guard: ConnectionGuard

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._admitted = False

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
        self.guard.release(self.transport)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # the first bytes of the next request on a keep-alive
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_timer()  # the head is in (or the connection is done)

    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self._cancel_head_timer()
            self.transport.abort()
        else:
            super().shutdown()

    def send_400_response(self, msg: str) -> None:
        """Answer a request h11 refused (``msg`` is uvicorn's, for its log) and close."""
        too_long = len(self.conn.trailing_data[0]) > self.config.h11_max_incomplete_event_size
        status = 431 if too_long else 400
        body = (b'{"error": "request header fields too large"}' if too_long
                else b'{"error": "invalid HTTP request"}')
        headers = [(b"content-type", b"application/json"), (b"connection", b"close"),
                   (b"content-length", str(len(body)).encode())]
        for event in (h11.Response(status_code=status, headers=headers), h11.Data(data=body),
                      h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
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


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol, giving the connection's slot back when it ends (after
    an upgrade, the HTTP protocol never hears of the connection again)."""

    guard: ConnectionGuard

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.release(self.transport)
        super().connection_lost(exc)


def guarded_protocols(guard: ConnectionGuard) -> tuple[type[H11Protocol],
                                                       type[WebSocketsSansIOProtocol]]:
    """The HTTP and WebSocket protocol classes for uvicorn's ``http`` and ``ws`` settings,
    bound to ``guard``."""
    http = type("FjordH11Protocol", (GuardedH11Protocol,), {"guard": guard})
    ws = type("FjordWebSocketProtocol", (GuardedWebSocketProtocol,), {"guard": guard})
    return http, ws
