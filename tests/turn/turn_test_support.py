"""Helpers to build and run authenticated TURN transactions in tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from turn import stun
from turn.credentials import rest_credentials
from turn.stun import Attr, MessageClass, Method


@dataclass
class Session:
    """Long-term credentials learnt from a 401: realm, nonce and the MD5 key."""

    username: str
    password: str
    realm: str = ""
    nonce: str = ""
    key: bytes = b""


def error_code(data: bytes) -> int | None:
    return (error_of(data) or (None, ""))[0]


def error_of(data: bytes) -> tuple[int, str] | None:
    """The ERROR-CODE of a response: (code, reason phrase), or None."""
    value = stun.Message.parse(data).get(Attr.ERROR_CODE)
    return None if value is None else stun.decode_error_code(value)


def signed(message: stun.Message, session: Session, **encode: Any) -> bytes:
    message.add(Attr.USERNAME, session.username.encode())
    message.add(Attr.REALM, session.realm.encode())
    message.add(Attr.NONCE, session.nonce.encode())
    encode.setdefault("fingerprint", True)
    return message.encode(session.key, **encode)


async def login(client: Any, session: Session) -> None:
    """Send an unauthenticated Allocate-less Refresh to learn realm and nonce."""
    probe = stun.Message(Method.ALLOCATE, MessageClass.REQUEST)
    probe.add(Attr.REQUESTED_TRANSPORT, stun.encode_requested_transport(17))
    answer = await client.exchange(probe.encode())
    assert answer is not None
    message = stun.Message.parse(answer)
    assert error_code(answer) == 401
    session.realm = stun.decode_text(message.get(Attr.REALM))
    session.nonce = stun.decode_text(message.get(Attr.NONCE))
    session.key = stun.long_term_key(session.username, session.realm, session.password)


def allocate_request(*extra: tuple[int, bytes]) -> stun.Message:
    request = stun.Message(Method.ALLOCATE, MessageClass.REQUEST)
    request.add(Attr.REQUESTED_TRANSPORT, stun.encode_requested_transport(17))
    for attr_type, value in extra:
        request.add(attr_type, value)
    return request


async def allocate(client: Any, session: Session, *extra: tuple[int, bytes]) -> stun.Message:
    """Log in if needed, then Allocate; returns the parsed answer."""
    if not session.nonce:
        await login(client, session)
    answer = await client.exchange(signed(allocate_request(*extra), session))
    assert answer is not None
    return stun.Message.parse(answer)


def peer_request(method: int, peer: tuple[str, int], channel: int | None = None) -> stun.Message:
    request = stun.Message(method, MessageClass.REQUEST)
    if channel is not None:
        request.add(Attr.CHANNEL_NUMBER, stun.encode_channel_number(channel))
    request.add(Attr.XOR_PEER_ADDRESS, stun.encode_xor_address(peer, request.transaction_id))
    return request


def rest_session(user: str = "alice") -> Session:
    """TURN REST API credentials of ``user`` under the test servers' current secret."""
    return Session(*rest_credentials(b"test-secret-current", user, 600))


def lifetime_of(message: stun.Message) -> int:
    return stun.decode_u32(message.get(Attr.LIFETIME))


def relayed_of(message: stun.Message) -> list[tuple[str, int]]:
    """The XOR-RELAYED-ADDRESS values of an Allocate answer, in order."""
    return [
        stun.decode_xor_address(v, message.transaction_id)
        for v in message.get_all(Attr.XOR_RELAYED_ADDRESS)
    ]


def refresh_request(lifetime: int | None) -> stun.Message:
    request = stun.Message(Method.REFRESH, MessageClass.REQUEST)
    if lifetime is not None:
        request.add(Attr.LIFETIME, stun.encode_u32(lifetime))
    return request


class Peer(asyncio.DatagramProtocol):
    """A UDP peer queueing what it receives as ``(data, source)``."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[tuple[bytes, tuple[str, int]]] = asyncio.Queue()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.queue.put_nowait((data, addr))


async def open_peer(host: str = "127.0.0.1") -> tuple[asyncio.DatagramTransport, Peer]:
    loop = asyncio.get_running_loop()
    return await loop.create_datagram_endpoint(Peer, local_addr=(host, 0))


class PeerAllocation(NamedTuple):
    """A client's UDP allocation (made with :func:`rest_session` credentials) and a peer
    beside it, not yet permitted: what :func:`allocation_beside_a_peer` gives."""

    client: Any
    session: Session
    relayed: tuple[str, int]
    peer: Peer
    peer_address: tuple[str, int]
    transport: asyncio.DatagramTransport


@asynccontextmanager
async def allocation_beside_a_peer(
    udp_address: tuple[str, int], raw_client: Callable[[tuple[str, int]], Awaitable[Any]]
) -> AsyncIterator[PeerAllocation]:
    """Open a peer on loopback, then allocate from a new raw client of the server at
    ``udp_address``; the peer's socket is closed on the way out."""
    transport, peer = await open_peer()
    try:
        client = await raw_client(udp_address)
        session = rest_session()
        relayed = relayed_of(await allocate(client, session))[0]
        yield PeerAllocation(client, session, relayed, peer,
                             transport.get_extra_info("sockname"), transport)
    finally:
        transport.close()
