"""Dual allocations (RFC 8656 sections 7.2 and 8): an IPv4 and an IPv6 relayed address of
one client, refreshed, deleted and expiring one family at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from turn_test_support import (
    allocate,
    error_code,
    lifetime_of,
    open_peer,
    peer_request,
    refresh_request,
    relayed_of,
    rest_session,
    signed,
)

from turn import stun
from turn.stun import Attr, MessageClass, Method


async def test_a_dual_allocation_refreshes_and_deletes_each_family(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """RFC 8656 section 8.1: REQUESTED-ADDRESS-FAMILY in a Refresh names the family of a
    dual allocation it refreshes or deletes; without it, all of them. Deleting the IPv6
    relayed address closed the whole allocation, and an IPv6-only refresh kept IPv4 alive."""
    server = await start_server(relay_ip6="::1", allowed_peer_ips=["127.0.0.1/32", "::1/128"])
    transport, peer = await open_peer()
    peer_address = transport.get_extra_info("sockname")
    try:
        client = await raw_client(server.udp_address)
        session = rest_session()
        answer = await allocate(
            client, session, (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
        )
        relayed = relayed_of(answer)
        assert [ip for ip, _ in relayed] == ["127.0.0.1", "::1"]
        for permitted in (peer_address, ("::1", 9)):
            request = signed(peer_request(Method.CREATE_PERMISSION, permitted), session)
            assert error_code(await client.exchange(request)) is None
        allocation = next(iter(server.table.by_five_tuple.values()))
        v6_socket = allocation.sockets[6]

        def refresh(lifetime: int, family: int) -> stun.Message:
            request = refresh_request(lifetime)
            request.add(Attr.REQUESTED_ADDRESS_FAMILY, stun.encode_address_family(family))
            return request

        v4_deadline = allocation.expires[4]
        answer = stun.Message.parse(await client.exchange(signed(refresh(1200, 2), session)))
        assert lifetime_of(answer) == 1200
        assert allocation.expires[6] > v4_deadline + 500 and allocation.expires[4] == v4_deadline

        answer = stun.Message.parse(await client.exchange(signed(refresh(0, 2), session)))
        assert error_code(answer.encode()) is None and lifetime_of(answer) == 0
        assert list(allocation.sockets) == [4] and v6_socket.fileno() == -1
        assert list(allocation.permissions) == ["127.0.0.1"] and len(server.table) == 1
        v6_peer = signed(peer_request(Method.CREATE_PERMISSION, ("::1", 9)), session)
        assert error_code(await client.exchange(v6_peer)) == 443
        assert error_code(await client.exchange(signed(refresh(600, 2), session))) == 443
        # The IPv4 relayed address still relays, on either path.
        server.sweep()
        send = peer_request(Method.SEND, peer_address)
        send.message_class = MessageClass.INDICATION
        send.add(Attr.DATA, b"still here")
        client.send(send.encode())
        assert await asyncio.wait_for(peer.queue.get(), 2) == (b"still here", relayed[0])
        transport.sendto(b"reply", relayed[0])
        assert stun.Message.parse(await client.receive()).get(Attr.DATA) == b"reply"

        assert error_code(await client.exchange(signed(refresh_request(0), session))) is None
        assert len(server.table) == 0
    finally:
        transport.close()


async def test_a_dual_allocation_family_expires_alone(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """Each relayed address of a dual allocation has its own time-to-expiry: the family
    the client stopped refreshing goes; the allocation stays until its last one does."""
    server = await start_server(relay_ip6="::1")
    client = await raw_client(server.udp_address)
    await allocate(
        client, rest_session(), (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
    )
    allocation = next(iter(server.table.by_five_tuple.values()))
    allocation.expires[6] = 0.0  # as if its lifetime had passed unrefreshed
    server.sweep()
    assert list(allocation.sockets) == [4] and len(server.table) == 1
    allocation.expires[4] = 0.0
    server.sweep()
    assert len(server.table) == 0 and allocation.closed
