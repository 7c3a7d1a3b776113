"""The TURN server: UDP, TCP and TLS listeners around the dispatcher and the relay.

``TurnServer(config)``; ``await start()`` binds the listeners (port 0 picks free ports,
readable afterwards as ``udp_address``, ``tcp_address``, ``tls_address``); ``await
close()`` deletes every allocation and closes everything. UDP sockets are read with
``loop.add_reader`` in batches, synchronously: no per-packet coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
import time
from collections.abc import Iterator

from operability.connection_guard import ConnectionGuard, GuardedTlsHandshake, TlsAcceptor
from operability.ratelimit import KeyedRateLimiter
from operability.socket_buffers import ReceiveDrops, size_buffers
from operability.tls_policy import server_ssl_context

from . import metrics
from .allocations import AllocationTable
from .auth import Authenticator
from .config import TurnConfig
from .dispatcher import Dispatcher
from .errors import ListenError
from .five_tuple import FiveTuple
from .handlers.context import ClientLink, Services
from .peer_policy import PeerPolicy
from .relay import Relay, RelayCounters
from .stream import StreamConnection
from .stun import MessageClass, Method, encode_type

logger = logging.getLogger(__name__)

_UDP_BATCH = 64
_SEND_INDICATION = encode_type(Method.SEND, MessageClass.INDICATION).to_bytes(2, "big")
"The first two bytes of a Send indication (RFC 8656 section 11.1): media, not a request."
_REFUSALS = {"per_address_cap": "address_connection_limit",
             "handshake_cap": "tls_handshake_limit",
             "handshake_timeout": "tls_handshake_timeout"}
"The drop reason of each connection refusal of :class:`TlsAcceptor`."


@contextlib.contextmanager
def _listening(listener: str, ip: str, port: int) -> Iterator[None]:
    """Bind the ``listener`` (udp, tcp, tls) inside: its OSError becomes a
    :class:`ListenError` naming it, so that the operator learns which port to change."""
    try:
        yield
    except OSError as exc:
        raise ListenError(listener, (ip, port), exc) from exc


def _stream_socket(ip: str, port: int, reuse_port: bool) -> socket.socket:
    """A bound TCP socket for a stream listener. An IPv6 one also takes IPv4 (``::`` then
    listens on every address of both families, as the UDP listener does by the kernel's
    default; asyncio's own sockets would be IPv6 only)."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((ip, port))
    except OSError:
        sock.close()
        raise
    return sock


class TurnServer:
    """A TURN relay (RFC 8656) with STUN Binding (RFC 8489) on UDP, TCP and TLS."""

    relay_class: type[Relay] = Relay
    """The data path; :mod:`turn.native_server` substitutes the native one."""

    def __init__(self, config: TurnConfig) -> None:
        config.validate()
        self.config = config
        self.policy = PeerPolicy(config.allowed_peer_ips)
        self.counters = RelayCounters()
        self.relay = self.relay_class(self.policy, self.counters)
        self.table = AllocationTable(config, self.relay)
        self.services = Services(config, self.table, self.relay, self.policy)
        self.authenticator = Authenticator(config)
        self.dispatcher = Dispatcher(self.services, self.authenticator)
        self._request_limiter: KeyedRateLimiter | None = (
            KeyedRateLimiter(config.request_rate, config.request_burst, max_keys=65536)
            if config.request_rate > 0 else None)
        "Per source IP, the UDP listener's STUN messages (``TurnConfig.request_rate``)."
        self.udp_address: tuple[str, int] | None = None
        self.tcp_address: tuple[str, int] | None = None
        self.tls_address: tuple[str, int] | None = None
        self.tls_context: ssl.SSLContext | None = None
        """The TLS listener's context once started (None without one): a certificate loaded
        into it serves the next handshakes (:class:`keys.tls_reload.TlsReloader`)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._udp_sock: socket.socket | None = None
        self._receive_drops = ReceiveDrops()
        self._udp_buffer = bytearray(0x10000)
        self._udp_view = memoryview(self._udp_buffer)
        self._udp_six = False
        self._servers: list[asyncio.Server] = []
        self._connections: set[StreamConnection] = set()
        self.guard = ConnectionGuard(config.tls_handshake_timeout,
                                     config.max_connections_per_address)
        """Open TCP/TLS connections per client address, TLS ones from their accept (their
        handshake: :attr:`tls_acceptor`)."""
        self.tls_acceptor: TlsAcceptor | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self._flushed = RelayCounters()

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Bind the listeners and start the expiry sweep.

        Raises:
            ListenError: a listener address cannot be bound (an OSError naming which).
        """
        loop = asyncio.get_running_loop()
        self._loop = loop
        self.table.attach(loop)
        config = self.config
        family = socket.AF_INET6 if ":" in config.listen_ip else socket.AF_INET
        if config.udp_port is not None:
            sock = socket.socket(family, socket.SOCK_DGRAM)
            size_buffers(sock, "TURN UDP listener", receive=1 << 21)
            if config.reuse_port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            with _listening("udp", config.listen_ip, config.udp_port):
                sock.bind((config.listen_ip, config.udp_port))
            sock.setblocking(False)
            self._udp_sock = sock
            self._udp_six = family == socket.AF_INET6
            self.udp_address = sock.getsockname()[:2]
            loop.add_reader(sock.fileno(), self._udp_readable)
        if config.tcp_port is not None:
            with _listening("tcp", config.listen_ip, config.tcp_port):
                server = await loop.create_server(
                    lambda: StreamConnection(self, "tcp"),
                    sock=_stream_socket(config.listen_ip, config.tcp_port, config.reuse_port),
                )
            self._servers.append(server)
            self.tcp_address = server.sockets[0].getsockname()[:2]
        if (
            config.tls_cert is not None
            and config.tls_key is not None
            and config.tls_port is not None
        ):
            context = server_ssl_context(config.tls_cert, config.tls_key)
            self.tls_context = context
            # The handshake runs after the accept, within the connection limits (given
            # ssl=, the loop ran it before the connection was counted anywhere).
            acceptor = TlsAcceptor(self.guard, context, config.tls_handshake_timeout,
                                   lambda reason: self.relay.drop(_REFUSALS[reason]),
                                   config.max_tls_handshakes)
            self.tls_acceptor = acceptor
            with _listening("tls", config.listen_ip, config.tls_port):
                server = await loop.create_server(
                    lambda: GuardedTlsHandshake(acceptor, StreamConnection(self, "tls"), loop),
                    sock=_stream_socket(config.listen_ip, config.tls_port, config.reuse_port),
                )
            self._servers.append(server)
            self.tls_address = server.sockets[0].getsockname()[:2]
        own = [a for a in (self.udp_address, self.tcp_address, self.tls_address) if a]
        self.policy.set_own_addresses(own)
        self.relay.refresh_until = time.monotonic() + config.permission_lifetime
        self._sweeper = asyncio.create_task(self._sweep_forever())
        logger.info(
            "TURN listening udp=%s tcp=%s tls=%s",
            self.udp_address and self.udp_address[1],
            self.tcp_address and self.tcp_address[1],
            self.tls_address and self.tls_address[1],
        )

    async def close(self) -> None:
        """Delete all allocations and close listeners and connections."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        if self.tls_acceptor is not None:
            await self.tls_acceptor.abort_all()
        for connection in list(self._connections):
            if connection.transport is not None:
                connection.transport.abort()
        self.table.close()
        self._count_receive_drops()  # the last ones, before the sockets are gone
        if self._udp_sock is not None:
            assert self._loop is not None
            self._loop.remove_reader(self._udp_sock.fileno())
            self._udp_sock.close()
            self._udp_sock = None
        for server in self._servers:
            server.close()
        for server in self._servers:
            await server.wait_closed()
        self._servers.clear()
        self._flush_metrics()

    async def __aenter__(self) -> TurnServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # --- UDP listener ----------------------------------------------------------------------

    def _udp_readable(self) -> None:
        sock = self._udp_sock
        if sock is None:
            return
        view = self._udp_view
        buffer = self._udp_buffer
        six = self._udp_six
        for _ in range(_UDP_BATCH):
            try:
                size, addr = sock.recvfrom_into(buffer)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                continue
            self._udp_datagram(sock, view, size, addr[:2] if six else addr)

    def _udp_datagram(
        self, sock: socket.socket, data: memoryview | bytes, size: int, addr: tuple[str, int]
    ) -> None:
        """Handle ``data[:size]`` received from ``addr`` on the UDP listener ``sock``."""
        relay = self.relay
        if size > self.config.max_message_size:
            relay.drop("oversize")
            return
        if size >= 4 and 0x40 <= data[0] <= 0x7F:
            allocation = self.table.udp_by_client.get(addr)
            if allocation is None:
                relay.drop("no_allocation")
            else:
                relay.client_channel_data(allocation, data, size)
            return
        limiter = self._request_limiter
        # Send indications are media (the native core relays them itself)
        if (limiter is not None and (size < 2 or data[:2] != _SEND_INDICATION)
                and not limiter.allow(addr[0])):
            relay.drop("request_rate_limited")
            return
        assert self.udp_address is not None
        five_tuple = FiveTuple("udp", addr, self.udp_address)
        link = ClientLink(sock=sock, addr=addr)
        answer = self.dispatcher.handle_stun(bytes(data[:size]), five_tuple, link)
        if answer is not None:
            self._udp_answer(sock, answer, addr)

    def _udp_answer(self, sock: socket.socket, answer: bytes, addr: tuple[str, int]) -> None:
        """Send the STUN ``answer`` to ``addr`` from the UDP listener (a counted drop if the
        kernel refuses it)."""
        try:
            sock.sendto(answer, addr)
        except OSError:
            self.relay.drop("send_failed")

    # --- streams ---------------------------------------------------------------------------

    def admit(self, connection: StreamConnection) -> bool:
        """Track a new TCP/TLS connection; False (counted) at ``max_connections``, or when its
        client address holds ``max_connections_per_address`` already (a TLS one was counted
        there from its accept)."""
        if len(self._connections) >= self.config.max_connections:
            self.relay.drop("connection_limit")
            return False
        assert connection.transport is not None
        if not self.guard.admit(connection.transport):
            self.relay.drop("address_connection_limit")
            return False
        self._connections.add(connection)
        return True

    def forget(self, connection: StreamConnection) -> None:
        """Stop tracking a closed connection, and give its address's place back (a TLS one
        refused by :meth:`admit` held one since its accept)."""
        self._connections.discard(connection)
        if connection.transport is not None:
            self.guard.release(connection.transport)

    # --- housekeeping ----------------------------------------------------------------------

    def sweep(self) -> None:
        """One expiry pass: allocations, permissions, channels, idle connections, metrics."""
        now = time.monotonic()
        self.relay.refresh_until = now + self.config.permission_lifetime
        self.table.sweep(now)
        self.dispatcher.cache.prune(now)
        timeout = self.config.stream_idle_timeout
        for connection in [c for c in self._connections if c.expired(now, timeout)]:
            connection.close("stream_timeout")
        self._count_receive_drops()
        self._flush_metrics()

    def _count_receive_drops(self) -> None:
        """Count what the kernel dropped before this server read it, on the UDP listener and
        on relay sockets, as ``receive_buffer`` drops: the relay's own counters cannot see
        them, and a listener or relay socket whose buffer overflows loses media."""
        dropped = self.table.take_receive_drops()
        if self._udp_sock is not None:
            dropped += self._receive_drops.take((self._udp_sock,))
        if dropped:
            drops = self.counters.drops
            drops["receive_buffer"] = drops.get("receive_buffer", 0) + dropped

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.config.sweep_interval)
            try:
                self.sweep()
            except Exception:  # a sweep bug must not stop future sweeps
                logger.exception("TURN sweep failed")

    def _flush_metrics(self) -> None:
        counters, flushed = self.counters, self._flushed
        for direction, packets, octets in (
            ("to_peer", counters.to_peer_packets, counters.to_peer_bytes),
            ("to_client", counters.to_client_packets, counters.to_client_bytes),
        ):
            old_packets = getattr(flushed, f"{direction}_packets")
            old_bytes = getattr(flushed, f"{direction}_bytes")
            if packets > old_packets:
                metrics.RELAYED_PACKETS.labels(direction).inc(packets - old_packets)
                metrics.RELAYED_BYTES.labels(direction).inc(octets - old_bytes)
            setattr(flushed, f"{direction}_packets", packets)
            setattr(flushed, f"{direction}_bytes", octets)
        for reason, count in counters.drops.items():
            old = flushed.drops.get(reason, 0)
            if count > old:
                metrics.DROPS.labels(reason).inc(count - old)
                flushed.drops[reason] = count
