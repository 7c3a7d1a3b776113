"""The relay data path: ChannelData and Send from clients, datagrams from peers.

RFC 8656 sections 11 (Send and Data indications) and 12 (channels). Everything here is
synchronous and runs inside socket readiness callbacks: no coroutine, no logging, no
payload inspection, one shared receive buffer, plain-integer counters (flushed to
Prometheus by the server's sweep). Payload bytes are never parsed, logged or stored.
"""

from __future__ import annotations

import asyncio
import os
import socket
import struct
import time

from .allocation import Allocation
from .peer_policy import PeerPolicy
from .stun.attributes import encode_xor_address
from .stun.constants import MAGIC_COOKIE, Attr, MessageClass, Method
from .stun.message import encode_type

_DATA_INDICATION_TYPE = encode_type(Method.DATA, MessageClass.INDICATION)
_BATCH = 64
"""Datagrams read per readiness callback before yielding to the loop."""
_MIN_BURST = 8192
_MAX_PAYLOAD = 0xFFFF - 40
STREAM_BACKLOG = 512 * 1024
"""Bytes a TCP/TLS client may leave unread in its transport's write buffer: beyond them,
what its peers send is dropped (``stream_backlog``), as a congested UDP path would lose
it, instead of being buffered without bound for a client that stopped reading."""
_MAX_UDP = {False: 65507, True: 65527}
"""The largest UDP payload to an IPv4 (False) or IPv6 (True) client: 65535 less the IP and
UDP headers. A Data indication (36-48 bytes around the payload) can exceed it where a
ChannelData message (4 bytes) does not."""


class RelayCounters:
    """Monotonic counts since start; the server exports deltas to :mod:`turn.metrics`."""

    __slots__ = (
        "to_peer_packets",
        "to_peer_bytes",
        "to_client_packets",
        "to_client_bytes",
        "drops",
    )

    def __init__(self) -> None:
        self.to_peer_packets = 0
        self.to_peer_bytes = 0
        self.to_client_packets = 0
        self.to_client_bytes = 0
        self.drops: dict[str, int] = {}


class Relay:
    """Moves payloads between clients and peers.

    ``refresh_until`` (monotonic s) is the permission deadline that client traffic on a
    channel sets; the server updates it every sweep, so the hot path reads no clock.
    """

    def __init__(self, policy: PeerPolicy, counters: RelayCounters | None = None) -> None:
        self.policy = policy
        self.counters = counters if counters is not None else RelayCounters()
        self.refresh_until = 0.0
        self._buffer = bytearray(4 + 0xFFFF)
        self._view = memoryview(self._buffer)
        self._payload_view = self._view[4:]

    def drop(self, reason: str) -> None:
        """Count one dropped packet under ``reason``."""
        drops = self.counters.drops
        drops[reason] = drops.get(reason, 0) + 1

    @staticmethod
    def _take(allocation: Allocation, size: int) -> bool:
        """Token bucket of ``allocation.bandwidth`` bytes/s (burst one second, >= 8 KiB)."""
        now = time.monotonic()
        rate = allocation.bandwidth
        burst = rate if rate > _MIN_BURST else _MIN_BURST
        tokens = allocation.tokens + (now - allocation.tokens_at) * rate
        if tokens > burst:
            tokens = burst
        allocation.tokens_at = now
        if tokens < size:
            allocation.tokens = tokens
            return False
        allocation.tokens = tokens - size
        return True

    def watch(self, loop: asyncio.AbstractEventLoop, allocation: Allocation) -> None:
        """Start reading ``allocation``'s relay sockets (called once it is in the table)."""
        for sock in allocation.sockets.values():
            loop.add_reader(sock.fileno(), self.relay_readable, allocation, sock)

    def unwatch(self, loop: asyncio.AbstractEventLoop, allocation: Allocation) -> None:
        """Stop reading ``allocation``'s relay sockets (called before they are closed)."""
        for sock in allocation.sockets.values():
            loop.remove_reader(sock.fileno())

    def forget_socket(
        self, loop: asyncio.AbstractEventLoop, allocation: Allocation, sock: socket.socket
    ) -> None:
        """Stop reading ``sock``, a relay socket ``allocation`` no longer holds (one family
        of a dual allocation deleted or expired), before it is closed."""
        loop.remove_reader(sock.fileno())

    # --- client -> peer ------------------------------------------------------------------

    def client_channel_data(
        self, allocation: Allocation, frame: bytes | memoryview, size: int
    ) -> None:
        """Relay one ChannelData frame (``frame[:size]``, header included) to its peer."""
        length = (frame[2] << 8) | frame[3]
        if length > size - 4:
            self.drop("malformed")
            return
        binding = allocation.channels.get((frame[0] << 8) | frame[1])
        if binding is None:
            self.drop("no_channel")
            return
        if allocation.bandwidth and not self._take(allocation, length):
            self.drop("bandwidth")
            return
        binding.permission.expires = self.refresh_until
        try:
            binding.sock.sendto(frame[4 : 4 + length], binding.peer)
        except OSError:
            self.drop("send_failed")
            return
        counters = self.counters
        counters.to_peer_packets += 1
        counters.to_peer_bytes += length

    def send_to_peer(
        self, allocation: Allocation, payload: bytes, peer: tuple[str, int], dont_fragment: bool
    ) -> None:
        """Relay the DATA of a Send indication (RFC 8656 section 11.2); drops are counted."""
        if peer[0] not in allocation.permissions:
            self.drop("no_permission")
            return
        if self.policy.is_own_listener(peer[0], peer[1]):
            self.drop("peer_denied")
            return
        sock = allocation.sockets.get(allocation.family_of(peer[0]))
        if sock is None:
            self.drop("family_mismatch")
            return
        if allocation.bandwidth and not self._take(allocation, len(payload)):
            self.drop("bandwidth")
            return
        toggled = dont_fragment and not allocation.dont_fragment
        try:
            if toggled:
                set_dont_fragment(sock, True)
            sock.sendto(payload, peer)
        except OSError:
            self.drop("send_failed")
            return
        finally:
            if toggled:
                set_dont_fragment(sock, False)
        self.counters.to_peer_packets += 1
        self.counters.to_peer_bytes += len(payload)

    # --- peer -> client ------------------------------------------------------------------

    def relay_readable(self, allocation: Allocation, sock: socket.socket) -> None:
        """Readiness callback of a relay socket: forward up to 64 datagrams to the client."""
        view = self._view
        payload_view = self._payload_view
        permissions = allocation.permissions
        peer_channels = allocation.peer_channels
        counters = self.counters
        for _ in range(_BATCH):
            try:
                size, addr = sock.recvfrom_into(payload_view)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                # An ICMP error reported on the socket (e.g. port unreachable): skip it.
                continue
            if allocation.closed:
                return
            if addr[0] not in permissions:
                self.drop("no_permission")
                continue
            if size > _MAX_PAYLOAD:
                self.drop("oversize")
                continue
            transport = allocation.client_transport
            if transport is not None and transport.get_write_buffer_size() > STREAM_BACKLOG:
                self.drop("stream_backlog")
                continue
            if allocation.bandwidth and not self._take(allocation, size):
                self.drop("bandwidth")
                continue
            binding = peer_channels.get(addr if len(addr) == 2 else addr[:2])
            try:
                if binding is not None:
                    struct.pack_into("!HH", view, 0, binding.number, size)
                    if transport is None:
                        allocation.client_sock.sendto(view[: 4 + size], allocation.client_addr)
                    else:
                        pad = -size % 4
                        if pad:
                            view[4 + size : 4 + size + pad] = b"\x00\x00\x00"[:pad]
                        transport.write(bytes(view[: 4 + size + pad]))
                else:
                    message = data_indication(bytes(payload_view[:size]), addr[:2])
                    if transport is None:
                        if len(message) > _MAX_UDP[":" in allocation.client_addr[0]]:
                            self.drop("oversize")
                            continue
                        allocation.client_sock.sendto(message, allocation.client_addr)
                    else:
                        transport.write(message)
            except OSError:
                self.drop("send_failed")
                continue
            counters.to_client_packets += 1
            counters.to_client_bytes += size


def data_indication(payload: bytes, peer: tuple[str, int]) -> bytes:
    """A Data indication carrying ``payload`` from ``peer`` (RFC 8656 section 11.4), padded."""
    tid = os.urandom(12)
    address = encode_xor_address(peer, tid)
    pad = -len(payload) % 4
    body = (
        struct.pack("!HH", Attr.XOR_PEER_ADDRESS, len(address))
        + address
        + struct.pack("!HH", Attr.DATA, len(payload))
        + payload
        + b"\x00" * pad
    )
    return struct.pack("!HHI", _DATA_INDICATION_TYPE, len(body), MAGIC_COOKIE) + tid + body


_IP_MTU_DISCOVER = getattr(socket, "IP_MTU_DISCOVER", 10)
_IPV6_MTU_DISCOVER = getattr(socket, "IPV6_MTU_DISCOVER", 23)
_PMTUDISC_DONT = 0
_PMTUDISC_DO = 2


def set_dont_fragment(sock: socket.socket, enabled: bool) -> None:
    """Set or clear the DF bit on a relay socket (DONT-FRAGMENT, RFC 8656 section 18.8)."""
    value = _PMTUDISC_DO if enabled else _PMTUDISC_DONT
    if sock.family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_MTU_DISCOVER, value)
    else:
        sock.setsockopt(socket.IPPROTO_IP, _IP_MTU_DISCOVER, value)
