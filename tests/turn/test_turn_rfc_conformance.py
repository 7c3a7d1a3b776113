"""RFC rules a protocol test found broken or unchecked (RFC 8489, RFC 8656): the answer to an
Allocate on a 5-tuple in use, MESSAGE-INTEGRITY-SHA256 truncation, the DF bit, IPv4 clients
of a dual-stack listener, and what does not refresh a permission."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import socket
import struct
from collections.abc import Callable
from typing import Any

from turn_test_support import (
    Session,
    allocate,
    allocate_request,
    allocation_beside_a_peer,
    error_code,
    login,
    open_peer,
    peer_request,
    relayed_of,
    rest_session,
    signed,
)

from turn import stun
from turn.server import TurnServer
from turn.stun import Attr, MessageClass, Method


async def test_an_ipv4_client_of_a_dual_stack_listener_is_mapped_as_ipv4(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """RFC 8489 section 14.2: XOR-MAPPED-ADDRESS is the client's reflexive address. On a
    ``::`` listener the kernel shows an IPv4 client as ::ffff:a.b.c.d, and the answer must
    still say family IPv4 and a.b.c.d (not an IPv6 address no peer can reach)."""
    server = await start_server(listen_ip="::", announced_ip="127.0.0.1", tcp_port=None,
                                tls_port=None)  # fmt: skip
    client = await raw_client(("127.0.0.1", server.udp_address[1]))
    request = stun.Message(Method.BINDING, MessageClass.REQUEST)
    answer = stun.Message.parse(await client.exchange(request.encode()))
    value = answer.get(Attr.XOR_MAPPED_ADDRESS)
    assert value[1] == stun.AddressFamily.IPV4
    assert stun.decode_xor_address(value, request.transaction_id) == client.address
    allocated = await allocate(client, rest_session())
    value = allocated.get(Attr.XOR_MAPPED_ADDRESS)
    assert value[1] == stun.AddressFamily.IPV4
    assert stun.decode_xor_address(value, allocated.transaction_id) == client.address


def _truncated_sha256(message: stun.Message, session: Session, length: int) -> bytes:
    """``message`` signed like :func:`signed`, with MESSAGE-INTEGRITY-SHA256 cut to
    ``length`` bytes (the header length and the HMAC input counting the shorter value)."""
    message.add(Attr.USERNAME, session.username.encode())
    message.add(Attr.REALM, session.realm.encode())
    message.add(Attr.NONCE, session.nonce.encode())
    body = message.encode()
    prefix = body[:2] + (len(body) - 20 + 4 + length).to_bytes(2, "big") + body[4:]
    mac = hmac.new(session.key, prefix, hashlib.sha256).digest()[:length]
    return prefix + struct.pack("!HH", Attr.MESSAGE_INTEGRITY_SHA256, length) + mac


async def test_truncated_message_integrity_sha256_is_refused(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """RFC 8489 section 14.6: MESSAGE-INTEGRITY-SHA256 is the full 32 bytes unless the usage
    allows truncation, and TURN (RFC 8656) does not: a 16-byte one fails the check, 401."""
    client = await raw_client(server.udp_address)
    session = rest_session()
    await login(client, session)
    answer = await client.exchange(_truncated_sha256(allocate_request(), session, 16))
    assert answer is not None and error_code(answer) == 401
    answer = await client.exchange(_truncated_sha256(allocate_request(), session, 32))
    assert answer is not None and error_code(answer) is None
    assert stun.verify_message_integrity_sha256(answer, session.key)


async def test_allocate_on_a_five_tuple_in_use_is_437_under_any_username(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """RFC 8656 section 7.2: an Allocate from a 5-tuple that holds an allocation gets 437;
    441 (section 5, and its definition in section 18) is for the non-Allocate requests."""
    client = await raw_client(server.udp_address)
    assert (await allocate(client, rest_session("alice"))).message_class == MessageClass.SUCCESS
    answer = await allocate(client, rest_session("bob"))
    assert error_code(answer.encode()) == 437
    assert error_code((await allocate(client, rest_session("alice"))).encode()) == 437


def _path_mtu_discovery(sock: socket.socket) -> int:
    """IP_MTU_DISCOVER of an IPv4 socket: 0 never sets DF, 1 (Linux's default) and 2 set it."""
    return sock.getsockopt(socket.IPPROTO_IP, 10)


async def test_df_bit_is_set_only_as_dont_fragment_asks(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """RFC 8656 section 14: DF is set on what a Send indication with DONT-FRAGMENT relays;
    other application data goes with the DF bit the relay assumes it came with, 0 (its
    alternate behaviour), not Linux's default of 1, and a Send with DONT-FRAGMENT leaves
    the allocation as it found it. An Allocate with DONT-FRAGMENT sets it on everything."""
    transport, peer = await open_peer()
    peer_address = transport.get_extra_info("sockname")
    try:
        for asked in (False, True):
            client = await raw_client(server.udp_address)
            session = rest_session()
            extra = [(Attr.DONT_FRAGMENT, b"")] if asked else []
            relayed = relayed_of(await allocate(client, session, *extra))[0]
            (allocation,) = [a for a in server.table.by_five_tuple.values()
                             if a.relayed[4] == relayed]  # fmt: skip
            sock = allocation.sockets[4]
            expected = 2 if asked else 0
            assert _path_mtu_discovery(sock) == expected
            request = signed(peer_request(Method.CREATE_PERMISSION, peer_address), session)
            assert error_code(await client.exchange(request)) is None
            send = peer_request(Method.SEND, peer_address)
            send.message_class = MessageClass.INDICATION
            send.add(Attr.DATA, b"df").add(Attr.DONT_FRAGMENT, b"")
            client.send(send.encode())
            assert await asyncio.wait_for(peer.queue.get(), 2) == (b"df", relayed)
            assert _path_mtu_discovery(sock) == expected
    finally:
        transport.close()


async def test_send_indications_and_peer_data_do_not_refresh_the_permission(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """RFC 8656 section 11.2: a Send indication never refreshes the permission, nor does what
    the peer sends (section 9: only CreatePermission and ChannelBind do)."""
    server = await start_server(permission_lifetime=1, sweep_interval=0.1)
    async with allocation_beside_a_peer(server.udp_address, raw_client) as (
            client, session, relayed, peer, peer_address, transport):
        loop = asyncio.get_running_loop()
        request = signed(peer_request(Method.CREATE_PERMISSION, peer_address), session)
        assert error_code(await client.exchange(request)) is None
        granted = loop.time()
        send = peer_request(Method.SEND, peer_address)
        send.message_class = MessageClass.INDICATION
        send.add(Attr.DATA, b"ping")
        delivered = []
        while loop.time() < granted + 2.5:
            client.send(send.encode())
            transport.sendto(b"pong", relayed)
            try:
                await asyncio.wait_for(peer.queue.get(), 0.1)
                delivered.append(loop.time() - granted)
            except TimeoutError:
                pass
            await asyncio.sleep(0.1)
        assert delivered and max(delivered) < 1.5
        assert server.counters.drops.get("no_permission", 0) > 0
