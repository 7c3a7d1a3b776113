"""The allocation table: quotas, relay port selection, reservations, expiry (RFC 8656 section 7).

Owns the relay sockets and registers them with the event loop; the data path in
:mod:`turn.relay` reads them.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import os
import random
import socket

from operability.ratelimit import client_key
from operability.socket_buffers import ReceiveDrops, size_buffers

from . import metrics
from .allocation import Allocation
from .config import TurnConfig
from .five_tuple import FiveTuple
from .relay import Relay, set_dont_fragment

logger = logging.getLogger(__name__)

_PORT_ATTEMPTS = 64
RESERVATION_LIFETIME = 30.0
"""Seconds a port reserved by EVEN-PORT(R) is kept for its RESERVATION-TOKEN."""
_RCVBUF = 1 << 20
RECEIVE_DROPS_PER_CALL = 1000
"""Allocations whose relay sockets one :meth:`AllocationTable.take_receive_drops` reads."""


def _count(counts: dict[str, int], key: str, delta: int) -> None:
    """Add ``delta`` to ``counts[key]``, forgetting the key at zero."""
    held = counts.get(key, 0) + delta
    if held > 0:
        counts[key] = held
    else:
        counts.pop(key, None)


def address_key(five_tuple: FiveTuple) -> str:
    """The client address of ``five_tuple`` as per-address quotas count it (IPv6: its /64,
    ``client_key``)."""
    return client_key(ipaddress.ip_address(five_tuple.client[0]))


class RelayUnavailable(Exception):
    """No relay address could be bound (family not configured, or ports exhausted)."""

    def __init__(self, family_supported: bool) -> None:
        super().__init__("relay address unavailable")
        self.family_supported = family_supported


class AllocationTable:
    """All allocations of one server, by 5-tuple (and by client address for UDP)."""

    def __init__(self, config: TurnConfig, relay: Relay) -> None:
        self.config = config
        self.relay = relay
        self.by_five_tuple: dict[FiveTuple, Allocation] = {}
        self.udp_by_client: dict[tuple[str, int], Allocation] = {}
        self.per_user: dict[str, int] = {}
        self._bind_warned_until = float("-inf")
        """Loop time before which a relay address that cannot be bound is not logged again."""
        self.reservations: dict[bytes, tuple[socket.socket, float, str, str]] = {}
        """RESERVATION-TOKEN -> reserved socket, expiry (loop time), and the username and
        client address (:func:`address_key`) that reserved it, whose quotas it counts
        against until taken or expired."""
        self.reserved_per_user: dict[str, int] = {}
        self.per_address: dict[str, int] = {}
        """Allocations and port reservations per client address (:func:`address_key`)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._receive_drops = ReceiveDrops()
        self._closed_drops = 0  # dropped on relay sockets since closed, not yet taken
        self._drops_round = 0  # which slice of the allocations take_receive_drops reads

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def __len__(self) -> int:
        return len(self.by_five_tuple)

    def get(self, five_tuple: FiveTuple) -> Allocation | None:
        return self.by_five_tuple.get(five_tuple)

    def full(self) -> bool:
        """The server holds ``max_allocations``: its capacity (508, RFC 8656 section 7.2)."""
        return len(self.by_five_tuple) >= self.config.max_allocations

    def quota_reached(self, username: str) -> bool:
        """``username`` holds ``max_allocations_per_user`` allocations and port reservations
        (EVEN-PORT with the R bit) together: a per-username quota, which is what RFC 8656
        section 7.2 reserves 486 (Allocation Quota Reached) for. Reservations count, or a
        client deleting and making allocations would hold relay ports without bound."""
        held = self.per_user.get(username, 0) + self.reserved_per_user.get(username, 0)
        return held >= self.config.max_allocations_per_user

    def address_quota_reached(self, address: str) -> bool:
        """Client address ``address`` (:func:`address_key`) holds
        ``max_allocations_per_address`` allocations and port reservations together. Every
        participant who joins a room gets a username of its own, so the per-username quota
        alone does not stop one client from taking the whole server's capacity."""
        return self.per_address.get(address, 0) >= self.config.max_allocations_per_address

    # --- relay sockets -------------------------------------------------------------------

    def _relay_ip(self, version: int) -> str | None:
        return self.config.relay_ip if version == 4 else self.config.relay_ip6

    def announced(self, version: int, port: int) -> tuple[str, int]:
        """The relayed address to announce for a socket bound to ``port``."""
        if version == 4:
            return (self.config.announced_ip or self.config.relay_ip, port)
        assert self.config.relay_ip6 is not None
        return (self.config.announced_ip6 or self.config.relay_ip6, port)

    @staticmethod
    def _bind(ip: str, version: int, port: int) -> socket.socket | None:
        sock = socket.socket(socket.AF_INET if version == 4 else socket.AF_INET6, socket.SOCK_DGRAM)
        try:
            if version == 6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            size_buffers(sock, "TURN relay sockets", receive=_RCVBUF)
            # RFC 8656 section 14: DF is 0 unless DONT-FRAGMENT asks for it (Linux would set
            # it on every datagram), as after a Send indication that asked
            set_dont_fragment(sock, False)
            sock.bind((ip, port))
            sock.setblocking(False)
        except OSError as exc:
            sock.close()
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return None
            raise
        return sock

    def _bind_or_refuse(self, ip: str, version: int, port: int) -> socket.socket | None:
        """:meth:`_bind`, with a failure other than a port taken (the relay address gone
        from the host) as :class:`RelayUnavailable` and one warning a minute: it escaped
        the STUN handler as a traceback, and the client got no answer.

        Raises:
            RelayUnavailable: the address cannot be bound at all.
        """
        try:
            return self._bind(ip, version, port)
        except OSError as exc:
            now = asyncio.get_running_loop().time()
            if now >= self._bind_warned_until:
                self._bind_warned_until = now + 60.0
                logger.warning("TURN relay cannot bind UDP %s: %s (the relay address is no "
                               "longer one of this host's?): allocations are refused with 508",
                               ip, os.strerror(exc.errno) if exc.errno else exc)
            raise RelayUnavailable(family_supported=True) from exc

    def open_relay_socket(
        self, version: int, even: bool = False, reserve: bool = False, owner: str = "",
        owner_address: str = "",
    ) -> tuple[socket.socket, bytes | None]:
        """Bind a relay socket of IP ``version`` in the configured port range.

        ``even`` asks for an even port; ``reserve`` also binds port + 1 and returns a
        RESERVATION-TOKEN for it (RFC 8656 section 7.2), counted in the quotas of username
        ``owner`` and client address ``owner_address`` until taken or expired.

        Raises:
            RelayUnavailable: family not configured, or no free port after 64 attempts.
        """
        ip = self._relay_ip(version)
        if ip is None:
            raise RelayUnavailable(family_supported=False)
        low, high = self.config.relay_port_min, self.config.relay_port_max
        for _ in range(_PORT_ATTEMPTS):
            port = random.randint(low, high)
            if even or reserve:
                port &= ~1
                if port < low or (reserve and port + 1 > high):
                    continue
            sock = self._bind_or_refuse(ip, version, port)
            if sock is None:
                continue
            if not reserve:
                return sock, None
            try:
                partner = self._bind_or_refuse(ip, version, port + 1)
            except RelayUnavailable:
                sock.close()
                raise
            if partner is None:
                sock.close()
                continue
            token = os.urandom(8)
            expires = asyncio.get_running_loop().time() + RESERVATION_LIFETIME
            self.reservations[token] = (partner, expires, owner, owner_address)
            _count(self.reserved_per_user, owner, 1)
            _count(self.per_address, owner_address, 1)
            return sock, token
        raise RelayUnavailable(family_supported=True)

    def take_reservation(self, token: bytes) -> socket.socket | None:
        """The socket reserved under ``token``, removed from the reservations, or None."""
        entry = self.reservations.pop(token, None)
        if entry is None:
            return None
        sock, _, owner, owner_address = entry
        _count(self.reserved_per_user, owner, -1)
        _count(self.per_address, owner_address, -1)
        return sock

    # --- lifecycle -----------------------------------------------------------------------

    def add(self, allocation: Allocation) -> None:
        """Register ``allocation`` and start reading its relay sockets."""
        assert self._loop is not None
        self.by_five_tuple[allocation.five_tuple] = allocation
        if allocation.five_tuple.transport == "udp":
            self.udp_by_client[allocation.five_tuple.client] = allocation
        _count(self.per_user, allocation.username, 1)
        _count(self.per_address, address_key(allocation.five_tuple), 1)
        if allocation.dont_fragment:
            for sock in allocation.sockets.values():
                try:
                    set_dont_fragment(sock, True)
                except OSError:
                    pass
        self.relay.watch(self._loop, allocation)
        metrics.ALLOCATIONS.inc()
        logger.info(
            "allocation %s created for %s (%d relayed)",
            allocation.id,
            allocation.five_tuple.log_label(),
            len(allocation.sockets),
        )

    def remove(self, allocation: Allocation, reason: str = "deleted") -> None:
        """Delete ``allocation``: stop reading, close its sockets, update gauges."""
        if allocation.closed:
            return
        allocation.closed = True
        self.by_five_tuple.pop(allocation.five_tuple, None)
        if allocation.five_tuple.transport == "udp":
            self.udp_by_client.pop(allocation.five_tuple.client, None)
        _count(self.per_user, allocation.username, -1)
        _count(self.per_address, address_key(allocation.five_tuple), -1)
        if self._loop is not None and not self._loop.is_closed():
            self.relay.unwatch(self._loop, allocation)
        self._closed_drops += self._receive_drops.take(allocation.sockets.values())
        for sock in allocation.sockets.values():
            sock.close()
        metrics.ALLOCATIONS.dec()
        metrics.PERMISSIONS.dec(len(allocation.permissions))
        metrics.CHANNELS.dec(len(allocation.channels))
        allocation.permissions.clear()
        allocation.channels.clear()
        allocation.peer_channels.clear()
        logger.info("allocation %s %s", allocation.id, reason)

    def remove_family(self, allocation: Allocation, version: int, reason: str) -> None:
        """Delete the relayed address of IP ``version`` of ``allocation`` with the
        permissions and channels of its peers (RFC 8656 section 8: a dual allocation's
        families are refreshed and deleted one by one); the whole allocation when that was
        its last relayed address."""
        if len(allocation.sockets) <= 1:
            self.remove(allocation, reason)
            return
        sock, permissions, channels = allocation.drop_family(version)
        if self._loop is not None and not self._loop.is_closed():
            self.relay.forget_socket(self._loop, allocation, sock)
        self._closed_drops += self._receive_drops.take([sock])
        sock.close()
        metrics.PERMISSIONS.dec(permissions)
        metrics.CHANNELS.dec(channels)
        logger.info("allocation %s: relayed IPv%d address %s", allocation.id, version, reason)

    def sweep(self, now: float) -> None:
        """Remove expired allocations (or one family of a dual one), permissions, channels
        and reservations."""
        for allocation in list(self.by_five_tuple.values()):
            for version in [v for v, deadline in allocation.expires.items() if deadline <= now]:
                self.remove_family(allocation, version, "expired")
        permissions = channels = 0
        for allocation in self.by_five_tuple.values():
            p, c = allocation.expire(now)
            permissions += p
            channels += c
        if permissions:
            metrics.PERMISSIONS.inc(permissions)
        if channels:
            metrics.CHANNELS.inc(channels)
        if self.reservations:
            loop_now = asyncio.get_running_loop().time()
            for token in [t for t, (_, exp, _, _) in self.reservations.items()
                          if exp <= loop_now]:
                sock = self.take_reservation(token)
                assert sock is not None
                sock.close()

    def take_receive_drops(self) -> int:
        """Peer datagrams the kernel dropped on relay sockets (receive buffer full) since
        they were last read, those of allocations deleted meanwhile included. Each call reads
        the sockets of at most :data:`RECEIVE_DROPS_PER_CALL` allocations, the next ones
        each time (a system call each: 10,000 allocations every second would hold the event
        loop about 15 ms), so a live allocation's drops are counted within
        ``len / RECEIVE_DROPS_PER_CALL`` calls and a deleted one's at its deletion."""
        dropped, self._closed_drops = self._closed_drops, 0
        allocations = list(self.by_five_tuple.values())
        stride = -(-len(allocations) // RECEIVE_DROPS_PER_CALL)
        if stride:
            self._drops_round = (self._drops_round + 1) % stride
            dropped += self._receive_drops.take(
                sock for allocation in allocations[self._drops_round::stride]
                for sock in allocation.sockets.values())
        return dropped

    def close(self) -> None:
        """Delete every allocation and release reserved ports."""
        for allocation in list(self.by_five_tuple.values()):
            self.remove(allocation, "closed")
        for sock, *_ in self.reservations.values():
            sock.close()
        self.reservations.clear()
        self.reserved_per_user.clear()
        self.per_address.clear()
