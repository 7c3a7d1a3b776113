"""Limits of a TCP listener at accept: open connections per client address, and TLS
handshakes done after the accept, so that they count from it (the HTTPS listener,
:mod:`fjord.http_guard`, and TURN over TCP and TLS, :mod:`turn.server`).

- :class:`ConnectionGuard` counts the open connections of each client address (IPv6: per
  /64, which one subscriber holds), unfinished TLS handshakes included, and refuses one
  more past ``max_per_address``. Trusted proxies may be exempt: they carry many clients.
- :class:`TlsAcceptor` runs the TLS handshake of each accepted TCP connection
  (:class:`GuardedTlsHandshake`) within ``timeout`` seconds of the accept, at most
  ``max_handshakes`` at once, and hands the TLS transport, still counted, to the
  listener's protocol. A refused or timed-out connection is aborted (a TCP reset, no TLS
  close_notify: the descriptor is given back at once) and counted under its reason
  (``per_address_cap``, ``handshake_cap``, ``handshake_timeout``).

Why not ``ssl=``: given it, ``loop.create_server`` runs the handshake inside the loop's SSL
protocol and calls the application protocol's ``connection_made`` only once it ended: a
client that never sent a ClientHello was not counted, so one address could hold any number
of descriptors for the handshake timeout each (15,200 from one address on the TURN TLS
port, past a process's limit of 1024). Hence the listener runs without ``ssl``, and the
handshake is done with ``loop.start_tls`` (public asyncio API, implemented by uvloop too).
The SSL context stays the one object a certificate reloader updates
(:mod:`keys.tls_reload`). Two seams are handled: uvloop starts reading after
``connection_made`` even when it paused reading, so bytes read before ``start_tls`` took
over are passed to its TLS protocol through the ``BufferedProtocol`` interface, before that
protocol starts the handshake; and ``start_tls`` calls no ``connection_made``, so what the
TLS layer delivers before the task resumes waits in :class:`_Waiting`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
from collections.abc import Callable, Sequence
from typing import Any

from .ratelimit import client_key, unmapped


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


class TlsAcceptor:
    """The TLS handshakes of one listener that accepts plain TCP (see the module)."""

    def __init__(self, guard: ConnectionGuard, context: ssl.SSLContext, timeout: float,
                 refused: Callable[[str], None], max_handshakes: int | None = None) -> None:
        self.guard = guard
        self.context = context
        self.timeout = timeout
        "Seconds from the accept to the handshake's end."
        self.refused = refused
        "Called with the reason of each connection aborted by these limits."
        self.max_handshakes = max_handshakes
        "Handshakes running at once; None: no bound but the per-address one."
        self.running: set[asyncio.Task[None]] = set()
        "The handshakes running (a reference each, as asyncio asks for tasks)."

    async def abort_all(self) -> None:
        """Abort every connection still in its handshake (at shutdown), and return once
        they are."""
        tasks = list(self.running)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class _Waiting(asyncio.Protocol):
    """Stands in for the listener's protocol from the handshake's end until it is given the
    connection: ``start_tls`` does not call ``connection_made``, and the TLS layer may pass
    on data (or the connection's end) before the handshake's task resumes."""

    def __init__(self) -> None:
        self.data: list[bytes] = []
        self.eof = False
        self.lost: tuple[Exception | None] | None = None

    def data_received(self, data: bytes) -> None:
        self.data.append(data)

    def eof_received(self) -> bool:
        self.eof = True
        return True  # the listener's protocol decides, once it has the connection

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = (exc,)

    def hand_to(self, protocol: asyncio.Protocol, tls: asyncio.Transport) -> None:
        """Give ``tls`` to ``protocol`` and replay what came meanwhile."""
        protocol.connection_made(tls)
        tls.set_protocol(protocol)
        # Each to the transport's protocol of the moment: a chunk may upgrade to WebSocket.
        for data in self.data:
            tls.get_protocol().data_received(data)  # type: ignore[attr-defined]
        if self.eof and not tls.get_protocol().eof_received():  # type: ignore[attr-defined]
            tls.close()
        if self.lost is not None:
            tls.get_protocol().connection_lost(self.lost[0])


class GuardedTlsHandshake(asyncio.Protocol):
    """One TCP connection of a :class:`TlsAcceptor`'s listener until its TLS handshake
    ends, then handed to ``protocol``."""

    def __init__(self, acceptor: TlsAcceptor, protocol: asyncio.Protocol,
                 loop: asyncio.AbstractEventLoop) -> None:
        self._acceptor = acceptor
        self._protocol = protocol
        self._loop = loop
        self._early: list[bytes] = []
        self._tcp: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport; uvloop's do not subclass asyncio.Transport, so no isinstance.
        tcp: asyncio.Transport = transport  # type: ignore[assignment]
        self._tcp = tcp
        tcp.pause_reading()  # the ClientHello is for start_tls (uvloop reads anyway)
        acceptor = self._acceptor
        limit = acceptor.max_handshakes
        if limit is not None and len(acceptor.running) >= limit:
            refusal: str | None = "handshake_cap"
        elif not acceptor.guard.admit(tcp):
            refusal = "per_address_cap"
        else:
            refusal = None
        if refusal is not None:
            acceptor.refused(refusal)
            tcp.abort()
            return
        task = self._loop.create_task(self._handshake(tcp))
        acceptor.running.add(task)
        task.add_done_callback(acceptor.running.discard)

    def data_received(self, data: bytes) -> None:
        # uvloop starts reading after connection_made whatever it asked: keep what came
        # before start_tls took the connection over, and read no more until then.
        self._early.append(data)
        assert self._tcp is not None
        self._tcp.pause_reading()

    async def _handshake(self, tcp: asyncio.Transport) -> None:
        acceptor = self._acceptor
        waiting = _Waiting()
        tls: asyncio.Transport | None = None
        if self._early:
            self._loop.call_soon(self._give_early_bytes, tcp)
        try:
            async with asyncio.timeout(acceptor.timeout):
                tls = await self._loop.start_tls(
                    tcp, waiting, acceptor.context, server_side=True,
                    ssl_handshake_timeout=acceptor.timeout + 1)  # ours ends it first, counted
        except TimeoutError:
            acceptor.refused("handshake_timeout")
        except (OSError, RuntimeError):
            pass  # the client left or spoke no TLS (ssl.SSLError), as asyncio's listener saw
        finally:
            if tls is None:
                tcp.abort()
                acceptor.guard.release(tcp)
        if tls is not None:
            acceptor.guard.hand_over(tcp, tls)
            waiting.hand_to(self._protocol, tls)

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
