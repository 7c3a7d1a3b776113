"""A channel binding: a 16-bit number standing for one peer address (RFC 8656 section 12)."""

from __future__ import annotations

import socket

from .permission import Permission
from .stun.attributes import Address


class ChannelBinding:
    """Channel ``number`` (0x4000-0x4FFF) bound to ``peer`` until ``expires`` (monotonic s).

    ``permission`` is the permission of the peer's IP, refreshed by traffic on the channel;
    ``sock`` the relay socket of the peer's address family.
    """

    __slots__ = ("number", "peer", "expires", "permission", "sock")

    def __init__(
        self,
        number: int,
        peer: Address,
        expires: float,
        permission: Permission,
        sock: socket.socket,
    ) -> None:
        self.number = number
        self.peer = peer
        self.expires = expires
        self.permission = permission
        self.sock = sock
