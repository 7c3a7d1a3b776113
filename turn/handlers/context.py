"""What a request handler sees: the request, its 5-tuple, credentials and server services."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

from ..allocation import Allocation
from ..allocations import AllocationTable
from ..auth import Authenticated
from ..config import TurnConfig
from ..five_tuple import FiveTuple
from ..peer_policy import PeerPolicy
from ..relay import Relay
from ..stun.attributes import encode_error_code
from ..stun.constants import AddressFamily, Attr, MessageClass
from ..stun.message import Message


@dataclass(slots=True)
class ClientLink:
    """How to reach the client: the UDP listener socket and address, or a stream transport.

    ``on_allocation`` is called when an allocation is created on this link (streams keep a
    reference to it for ChannelData and for deletion when the connection closes).
    """

    sock: socket.socket | None = None
    addr: tuple[str, int] | None = None
    transport: asyncio.Transport | None = None
    on_allocation: object = None


@dataclass(slots=True)
class Services:
    """Server-wide objects handlers use; ``now`` is monotonic seconds for this request."""

    config: TurnConfig
    table: AllocationTable
    relay: Relay
    policy: PeerPolicy
    now: float = 0.0


@dataclass(slots=True)
class RequestContext:
    message: Message
    five_tuple: FiveTuple
    auth: Authenticated
    allocation: Allocation | None
    link: ClientLink
    services: Services


IP_VERSION = {AddressFamily.IPV4: 4, AddressFamily.IPV6: 6}
"""IP version (the keys of ``Allocation.sockets``) of a REQUESTED-ADDRESS-FAMILY value."""


def error(request: Message, code: int, reason: str | None = None) -> Message:
    """An error response to ``request`` with ERROR-CODE ``code`` and a short ``reason``
    (None: the code's recommended phrase, RFC 8489 section 14.8)."""
    response = request.reply(MessageClass.ERROR)
    response.add(Attr.ERROR_CODE, encode_error_code(code, reason))
    return response


def desired_lifetime(requested: int | None, config: TurnConfig) -> int:
    """RFC 8656 sections 7.2 and 8.2: min(requested, max), raised to the default."""
    if requested is None:
        return config.default_lifetime
    return max(config.default_lifetime, min(requested, config.max_lifetime))
