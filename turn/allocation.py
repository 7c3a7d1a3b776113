"""An allocation: relayed transport addresses owned by one client 5-tuple (RFC 8656 section 5).

Plain state plus the small mutations the handlers need; the packet path lives in
:mod:`turn.relay`, the table of allocations in :mod:`turn.allocations`.
"""

from __future__ import annotations

import asyncio
import os
import socket

from .channel import ChannelBinding
from .five_tuple import FiveTuple
from .permission import Permission
from .stun.attributes import Address


def new_allocation_id() -> str:
    """Random 8-hex-digit id used in logs instead of addresses."""
    return os.urandom(4).hex()


class Allocation:
    """State of one allocation.

    Attributes:
        id: log id.
        five_tuple: the client's 5-tuple.
        username: the authenticated username (quota accounting).
        integrity_key / sha256: long-term key and MAC kind the allocation was created with.
        sockets: relay sockets by IP version (4 and/or 6), non-blocking, bound.
        relayed: announced relayed addresses by IP version (XOR-RELAYED-ADDRESS).
        expires: each relayed address's time-to-expiry deadline by IP version (monotonic
            s): a dual allocation's families are refreshed and deleted one by one
            (RFC 8656 section 8).
        permissions: peer IP -> :class:`Permission`.
        channels: channel number -> :class:`ChannelBinding`; ``peer_channels`` the reverse.
        client_sock / client_addr: UDP listener socket and the client's address, or
        client_transport: the TCP/TLS transport (frames are padded there).
        bandwidth: bytes/s allowed (0 = unlimited) with a token bucket
            (``tokens``, ``tokens_at``).
        allocate_tid / allocate_response: the Allocate transaction answered, for
            retransmissions.
    """

    __slots__ = (
        "id",
        "five_tuple",
        "username",
        "integrity_key",
        "sha256",
        "sockets",
        "relayed",
        "expires",
        "permissions",
        "channels",
        "peer_channels",
        "client_sock",
        "client_addr",
        "client_transport",
        "bandwidth",
        "tokens",
        "tokens_at",
        "allocate_tid",
        "allocate_response",
        "dont_fragment",
        "closed",
    )

    def __init__(
        self,
        five_tuple: FiveTuple,
        username: str,
        sockets: dict[int, socket.socket],
        relayed: dict[int, Address],
        expires: float,
        bandwidth: int = 0,
    ) -> None:
        self.id = new_allocation_id()
        self.five_tuple = five_tuple
        self.username = username
        self.integrity_key = b""
        self.sha256 = False
        self.sockets = sockets
        self.relayed = relayed
        self.expires = dict.fromkeys(sockets, expires)
        self.permissions: dict[str, Permission] = {}
        self.channels: dict[int, ChannelBinding] = {}
        self.peer_channels: dict[Address, ChannelBinding] = {}
        self.client_sock: socket.socket | None = None
        self.client_addr: Address | None = None
        self.client_transport: asyncio.Transport | None = None
        self.bandwidth = bandwidth
        self.tokens = float(bandwidth)
        self.tokens_at = 0.0
        self.allocate_tid = b""
        self.allocate_response = b""
        self.dont_fragment = False
        self.closed = False

    def drop_family(self, version: int) -> tuple[socket.socket, int, int]:
        """Forget the relayed address of IP ``version`` (one family of a dual allocation;
        the caller stops reading the socket and closes it) with the permissions and
        channels of its peers; returns the socket and how many permissions and channels
        went."""
        sock = self.sockets.pop(version)
        del self.relayed[version], self.expires[version]
        channels = [n for n, b in self.channels.items() if self.family_of(b.peer[0]) == version]
        for number in channels:
            binding = self.channels.pop(number)
            self.peer_channels.pop(binding.peer, None)
        permissions = [ip for ip in self.permissions if self.family_of(ip) == version]
        for ip in permissions:
            del self.permissions[ip]
        return sock, len(permissions), len(channels)

    def family_of(self, ip: str) -> int:
        """IP version of a peer address text (6 if it contains a colon)."""
        return 6 if ":" in ip else 4

    def install_permission(self, peer_ip: str, expires: float) -> tuple[Permission, bool]:
        """Create or refresh the permission for ``peer_ip``; returns it and whether it is new."""
        permission = self.permissions.get(peer_ip)
        if permission is None:
            # Reuse the object a channel of this IP still holds, so that channel traffic
            # keeps refreshing the installed permission.
            for binding in self.channels.values():
                if binding.peer[0] == peer_ip:
                    permission = binding.permission
                    permission.expires = max(permission.expires, expires)
                    break
            else:
                permission = Permission(peer_ip, expires)
            self.permissions[peer_ip] = permission
            return permission, True
        permission.expires = max(permission.expires, expires)
        return permission, False

    def bind_channel(
        self, number: int, peer: Address, expires: float, permission: Permission
    ) -> bool:
        """Bind or refresh ``number`` to ``peer``; returns True when the binding is new.

        The caller has checked that neither the number nor the peer is bound elsewhere.
        """
        binding = self.channels.get(number)
        if binding is not None:
            binding.expires = expires
            binding.permission = permission
            return False
        sock = self.sockets[self.family_of(peer[0])]
        binding = ChannelBinding(number, peer, expires, permission, sock)
        self.channels[number] = binding
        self.peer_channels[peer] = binding
        return True

    def expire(self, now: float) -> tuple[int, int]:
        """Drop expired permissions and channels; returns the net change of each (<= 0 mostly).

        Client traffic on a channel refreshes its permission object (as coturn does); a
        permission that expired and was then revived by such traffic is installed again.
        """
        gone_channels = [n for n, b in self.channels.items() if b.expires <= now]
        for number in gone_channels:
            binding = self.channels.pop(number)
            self.peer_channels.pop(binding.peer, None)
        gone_permissions = [ip for ip, p in self.permissions.items() if p.expires <= now]
        for ip in gone_permissions:
            del self.permissions[ip]
        revived = 0
        for binding in self.channels.values():
            permission = binding.permission
            if permission.expires > now and permission.peer_ip not in self.permissions:
                self.permissions[permission.peer_ip] = permission
                revived += 1
        return revived - len(gone_permissions), -len(gone_channels)
