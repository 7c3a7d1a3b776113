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
  (uvicorn's own answer is plain text, and always 400).

Aborting (a TCP reset, no TLS close_notify) gives the descriptor back at once; a polite
close would keep it until the peer answers. RFC 9112 section 9.8 lets a server close an
idle or misbehaving connection.

How TLS is done: given ``ssl=``, ``loop.create_server`` runs the handshake inside the loop's
SSL protocol and calls the application protocol's ``connection_made`` only once it ended,
with its own timeout (60 s by default; uvicorn offers no setting for it): a client that
never sent a ClientHello was neither counted nor timed, so one address could hold any number
of descriptors for a minute each. Hence uvicorn's listener runs without ``ssl``, and its
protocol factory makes a :class:`GuardedTlsHandshake` per TCP connection: it counts the
connection at once, then runs the handshake itself with ``loop.start_tls`` (public asyncio
API, implemented by uvloop too) under the head timeout, and hands the TLS transport, still
counted, to uvicorn's protocol. Nothing else of uvicorn or asyncio is replaced; the SSL
context stays the one object the certificate reloader updates (:mod:`keys.tls_reload`).
(Only passing ``ssl_handshake_timeout`` would have needed a copy of uvicorn's ``startup``,
and would still not count handshakes per address.) Two seams are handled: uvloop starts
reading after ``connection_made`` even when it paused reading, so bytes read before
``start_tls`` took over are passed to its TLS protocol through the ``BufferedProtocol``
interface, before that protocol starts the handshake; and ``start_tls`` calls no
``connection_made``, so what the TLS layer delivers before the task resumes waits in
:class:`_Waiting`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
from collections.abc import Callable, Sequence
from typing import Any

import h11
from prometheus_client import Counter
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from operability.ratelimit import client_key, unmapped

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
        already holds ``max_per_address`` connections. True for one already counted."""
        if transport in self._address_of:
            return True
        key = self._key(transport)
        if key is None:
            return True
        if self._open.get(key, 0) >= self.max_per_address:
            return False
        self._open[key] = self._open.get(key, 0) + 1
        self._address_of[transport] = key
        return True

    def hand_over(self, tcp: asyncio.BaseTransport, tls: asyncio.BaseTransport) -> None:
        """Count ``tls`` in the place of ``tcp``, the connection it runs over."""
        key = self._address_of.pop(tcp, None)
        if key is not None:
            self._address_of[tls] = key

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
        address = unmapped(ipaddress.ip_address(peer[0]))
        if any(address in net for net in self._exempt):
            return None
        return client_key(address)


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


class _Waiting(asyncio.Protocol):
    """Stands in for uvicorn's protocol from the handshake's end until it is given the
    connection: ``start_tls`` does not call ``connection_made``, and the TLS layer may pass
    on a request (or the connection's end) before the handshake's task resumes."""

    def __init__(self) -> None:
        self.data: list[bytes] = []
        self.eof = False
        self.lost: tuple[Exception | None] | None = None

    def data_received(self, data: bytes) -> None:
        self.data.append(data)

    def eof_received(self) -> bool:
        self.eof = True
        return True  # uvicorn's protocol decides, once it has the connection

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = (exc,)

    def hand_to(self, http: asyncio.Protocol, tls: asyncio.Transport) -> None:
        """Give ``tls`` to ``http`` and replay what came meanwhile."""
        http.connection_made(tls)
        tls.set_protocol(http)
        # Each to the transport's protocol of the moment: a chunk may upgrade to WebSocket.
        for data in self.data:
            tls.get_protocol().data_received(data)  # type: ignore[attr-defined]
        if self.eof and not tls.get_protocol().eof_received():  # type: ignore[attr-defined]
            tls.close()
        if self.lost is not None:
            tls.get_protocol().connection_lost(self.lost[0])


class GuardedTlsHandshake(asyncio.Protocol):
    """One TCP connection of the HTTPS listener until its TLS handshake ends, then handed
    to uvicorn's protocol ``http_class`` (see the module)."""

    guard: ConnectionGuard
    tls: ssl.SSLContext
    http_class: type[GuardedH11Protocol]
    handshakes: set[asyncio.Task[None]]
    "The handshakes running (a reference each, as asyncio asks for tasks)."

    def __init__(self, **kwargs: Any) -> None:
        self._http = self.http_class(**kwargs)  # uvicorn's arguments (config, state, _loop)
        self._loop = kwargs.get("_loop") or asyncio.get_running_loop()
        self._early: list[bytes] = []
        self._tcp: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._tcp = transport
        transport.pause_reading()  # the ClientHello is for start_tls (uvloop reads anyway)
        if not self.guard.admit(transport):
            REFUSED.labels("per_address_cap").inc()
            transport.abort()
            return
        task = self._loop.create_task(self._handshake(transport))
        self.handshakes.add(task)
        task.add_done_callback(self.handshakes.discard)

    def data_received(self, data: bytes) -> None:
        # uvloop starts reading after connection_made whatever it asked: keep what came
        # before start_tls took the connection over, and read no more until then.
        self._early.append(data)
        assert self._tcp is not None
        self._tcp.pause_reading()

    async def _handshake(self, tcp: asyncio.Transport) -> None:
        timeout = self.guard.head_timeout
        waiting = _Waiting()
        tls: asyncio.Transport | None = None
        if self._early:
            self._loop.call_soon(self._give_early_bytes, tcp)
        try:
            async with asyncio.timeout(timeout):
                tls = await self._loop.start_tls(
                    tcp, waiting, self.tls, server_side=True,
                    ssl_handshake_timeout=timeout + 1)  # ours ends it first, and counts it
        except TimeoutError:
            REFUSED.labels("handshake_timeout").inc()
        except (OSError, RuntimeError):
            pass  # the client left or spoke no TLS (ssl.SSLError), as asyncio's listener saw
        finally:
            if tls is None:
                tcp.abort()
                self.guard.release(tcp)
        if tls is not None:
            self.guard.hand_over(tcp, tls)
            waiting.hand_to(self._http, tls)

    def _give_early_bytes(self, tcp: asyncio.Transport) -> None:
        """Pass the bytes read before ``start_tls`` to its TLS protocol, as the transport
        does (``asyncio.BufferedProtocol``), before that protocol starts the handshake:
        ``start_tls`` swapped the protocols at once and scheduled its start after this."""
        tls_protocol: Any = tcp.get_protocol()
        data = memoryview(b"".join(self._early))
        self._early.clear()
        if tcp.is_closing() or not hasattr(tls_protocol, "buffer_updated"):
            return  # start_tls refused the transport: its task ends the connection
        while data:
            buffer = tls_protocol.get_buffer(len(data))
            size = min(len(buffer), len(data))
            buffer[:size] = data[:size]
            tls_protocol.buffer_updated(size)
            data = data[size:]


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol, giving the connection's slot back when it ends (after
    an upgrade, the HTTP protocol never hears of the connection again)."""

    guard: ConnectionGuard

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.release(self.transport)
        super().connection_lost(exc)

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
    (:class:`GuardedTlsHandshake`): give uvicorn no ``ssl`` then."""
    http: type[asyncio.Protocol] = type("FjordH11Protocol", (GuardedH11Protocol,),
                                        {"guard": guard})
    if tls is not None:
        http = type("FjordTlsHandshake", (GuardedTlsHandshake,),
                    {"guard": guard, "tls": tls, "http_class": http, "handshakes": set()})
    ws = type("FjordWebSocketProtocol", (GuardedWebSocketProtocol,), {"guard": guard})
    return http, ws
