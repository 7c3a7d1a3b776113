"""TURN methods over UDP with hand-built messages: lifetimes, families, EVEN-PORT, channels."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from typing import Any

import pytest
from turn_test_support import (
    Session,
    allocate,
    allocate_request,
    allocation_beside_a_peer,
    error_code,
    error_of,
    lifetime_of,
    login,
    open_peer,
    peer_request,
    refresh_request,
    relayed_of,
    rest_session,
    signed,
)

from tests.conftest import wait_until
from turn import metrics, stun
from turn.server import TurnServer
from turn.stun import Attr, MessageClass, Method


async def test_binding_reflects_the_client_address(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    request = stun.Message(Method.BINDING, MessageClass.REQUEST)
    answer = await client.exchange(request.encode(fingerprint=True))
    assert answer is not None and stun.verify_fingerprint(answer)
    message = stun.Message.parse(answer)
    assert message.message_class == MessageClass.SUCCESS
    assert message.transaction_id == request.transaction_id
    mapped = stun.decode_xor_address(message.get(Attr.XOR_MAPPED_ADDRESS), request.transaction_id)
    assert mapped == client.address


async def test_allocate_success_is_signed_and_complete(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = rest_session()
    answer = await allocate(client, session, (Attr.LIFETIME, stun.encode_u32(99999)))
    raw = answer.encode(session.key, fingerprint=True)
    assert stun.verify_message_integrity(raw, session.key)
    assert lifetime_of(answer) == 3600
    (relayed,) = relayed_of(answer)
    assert relayed[0] == "127.0.0.1" and 20000 <= relayed[1] <= 28000
    mapped = stun.decode_xor_address(answer.get(Attr.XOR_MAPPED_ADDRESS), answer.transaction_id)
    assert mapped == client.address
    assert stun.decode_text(answer.get(Attr.SOFTWARE)) == "fjord-turn"


async def test_announced_address_is_used_in_xor_relayed_address(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(announced_ip="203.0.113.7")
    client = await raw_client(server.udp_address)
    answer = await allocate(client, rest_session())
    (relayed,) = relayed_of(answer)
    assert relayed[0] == "203.0.113.7"
    allocation = next(iter(server.table.by_five_tuple.values()))
    assert allocation.sockets[4].getsockname() == ("127.0.0.1", relayed[1])


async def test_refresh_lifetimes_and_deletion(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = rest_session()
    assert lifetime_of(await allocate(client, session, (Attr.LIFETIME, stun.encode_u32(30)))) == 600
    answer = stun.Message.parse(await client.exchange(signed(refresh_request(1200), session)))
    assert lifetime_of(answer) == 1200
    answer = stun.Message.parse(await client.exchange(signed(refresh_request(None), session)))
    assert lifetime_of(answer) == 600
    family = refresh_request(700).add(Attr.REQUESTED_ADDRESS_FAMILY, stun.encode_address_family(2))
    assert error_code(await client.exchange(signed(family, session))) == 443
    request = signed(refresh_request(0), session)
    answer_bytes = await client.exchange(request)
    assert error_code(answer_bytes) is None and lifetime_of(stun.Message.parse(answer_bytes)) == 0
    assert len(server.table) == 0
    assert await client.exchange(request) == answer_bytes  # retransmission: same answer
    assert error_code(await client.exchange(signed(refresh_request(0), session))) == 437


async def test_bad_allocate_requests(server: TurnServer, raw_client: Callable[..., Any]) -> None:
    client = await raw_client(server.udp_address)
    session = rest_session()
    await login(client, session)
    tcp = stun.Message(Method.ALLOCATE, MessageClass.REQUEST)
    tcp.add(Attr.REQUESTED_TRANSPORT, stun.encode_requested_transport(6))
    assert error_code(await client.exchange(signed(tcp, session))) == 442
    missing = stun.Message(Method.ALLOCATE, MessageClass.REQUEST)
    assert error_code(await client.exchange(signed(missing, session))) == 400
    v6 = allocate_request((Attr.REQUESTED_ADDRESS_FAMILY, stun.encode_address_family(2)))
    assert error_code(await client.exchange(signed(v6, session))) == 440
    both = allocate_request(
        (Attr.REQUESTED_ADDRESS_FAMILY, stun.encode_address_family(1)),
        (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2)),
    )
    assert error_code(await client.exchange(signed(both, session))) == 400
    token_and_even = allocate_request(
        (Attr.EVEN_PORT, stun.encode_even_port(False)), (Attr.RESERVATION_TOKEN, b"12345678")
    )
    assert error_code(await client.exchange(signed(token_and_even, session))) == 400
    unknown_token = allocate_request((Attr.RESERVATION_TOKEN, b"12345678"))
    assert error_code(await client.exchange(signed(unknown_token, session))) == 508
    assert len(server.table) == 0


async def test_even_port_reservation(server: TurnServer, raw_client: Callable[..., Any]) -> None:
    first = await raw_client(server.udp_address)
    answer = await allocate(first, rest_session(), (Attr.EVEN_PORT, stun.encode_even_port(True)))
    (relayed,) = relayed_of(answer)
    assert relayed[1] % 2 == 0
    token = answer.get(Attr.RESERVATION_TOKEN)
    assert token is not None and len(token) == 8
    second = await raw_client(server.udp_address)
    answer = await allocate(second, rest_session(), (Attr.RESERVATION_TOKEN, token))
    assert relayed_of(answer) == [("127.0.0.1", relayed[1] + 1)]
    third = await raw_client(server.udp_address)
    answer = await allocate(third, rest_session(), (Attr.RESERVATION_TOKEN, token))
    assert error_code(answer.encode()) == 508


async def test_additional_family_without_ipv6_relay_reports_address_error(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    answer = await allocate(
        client, rest_session(), (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
    )
    assert answer.message_class == MessageClass.SUCCESS
    assert [ip for ip, _ in relayed_of(answer)] == ["127.0.0.1"]
    assert answer.get(Attr.ADDRESS_ERROR_CODE) == (bytes([2, 0, 4, 40])
                                                   + b"Address Family not Supported")


async def test_port_reservations_count_in_the_user_quota(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """A reservation (EVEN-PORT with R) holds a relay port for 30 s after its allocation is
    gone: it counts in the user's quota until taken or expired. Without that, a client
    allocating and deleting (Refresh LIFETIME 0) in a loop held a port and a descriptor per
    round, until the relay port range was exhausted for everyone."""
    server = await start_server(max_allocations_per_user=2)
    client = await raw_client(server.udp_address)
    session = rest_session()
    reserve = (Attr.EVEN_PORT, stun.encode_even_port(True))
    tokens = []
    for _ in range(2):
        answer = await allocate(client, session, reserve)
        assert answer.message_class == MessageClass.SUCCESS
        tokens.append(answer.get(Attr.RESERVATION_TOKEN))
        assert error_code(await client.exchange(signed(refresh_request(0), session))) is None
    assert len(server.table) == 0 and len(server.table.reservations) == 2
    assert error_of((await allocate(client, session, reserve)).encode())[0] == 486
    # Taken by another user, a reservation leaves alice's quota.
    other = await raw_client(server.udp_address)
    taken = await allocate(other, rest_session("bob"), (Attr.RESERVATION_TOKEN, tokens[0]))
    assert taken.message_class == MessageClass.SUCCESS
    assert (await allocate(client, session)).message_class == MessageClass.SUCCESS
    reservations = server.table.reservations
    for token, (sock, _, owner, address) in list(reservations.items()):
        reservations[token] = (sock, 0.0, owner, address)  # as if their 30 s had passed
    server.sweep()  # expired: closed and forgotten, quota included
    assert reservations == {} and server.table.reserved_per_user == {}


async def test_even_port_without_reservation_takes_two_families(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """RFC 8656 section 7.2 refuses (400) EVEN-PORT with ADDITIONAL-ADDRESS-FAMILY only when
    its R bit asks for a reservation: without it both relayed ports are even. It answered
    400 to any EVEN-PORT."""
    server = await start_server(relay_ip6="::1")
    client = await raw_client(server.udp_address)
    session = rest_session()
    family = (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
    await login(client, session)
    reserve = allocate_request((Attr.EVEN_PORT, stun.encode_even_port(True)), family)
    assert error_code(await client.exchange(signed(reserve, session))) == 400
    answer = await allocate(client, session, (Attr.EVEN_PORT, stun.encode_even_port(False)),
                            family)
    assert answer.message_class == MessageClass.SUCCESS
    relayed = relayed_of(answer)
    assert [ip for ip, _ in relayed] == ["127.0.0.1", "::1"]
    assert all(port % 2 == 0 for _, port in relayed)
    assert answer.get(Attr.RESERVATION_TOKEN) is None


async def test_additional_family_out_of_ports_reports_508(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """IPv6 relays configured but none of their ports free: the IPv4 allocation stands and
    ADDRESS-ERROR-CODE says 508 (Insufficient Capacity), not 440, which says the family is
    not supported (RFC 8656 section 7.2)."""
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as taken:
        taken.bind(("::1", 0))
        port = taken.getsockname()[1]
        server = await start_server(relay_ip6="::1", relay_port_min=port, relay_port_max=port)
        client = await raw_client(server.udp_address)
        answer = await allocate(
            client, rest_session(), (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
        )
    assert answer.message_class == MessageClass.SUCCESS
    assert relayed_of(answer) == [("127.0.0.1", port)]
    assert answer.get(Attr.ADDRESS_ERROR_CODE) == bytes([2, 0, 5, 8]) + b"Insufficient Capacity"


async def test_sha256_password_algorithm_negotiation(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = rest_session()
    probe = await client.exchange(allocate_request().encode())
    challenge = stun.Message.parse(probe)
    offered = challenge.get(Attr.PASSWORD_ALGORITHMS)
    assert stun.decode_password_algorithms(offered) == [2, 1]
    nonce = stun.decode_text(challenge.get(Attr.NONCE))
    assert stun.decode_nonce_features(nonce) & 0x800000
    session.realm, session.nonce = "fjord", nonce
    session.key = stun.long_term_key(session.username, "fjord", session.password, 2)

    downgraded = allocate_request(
        (Attr.PASSWORD_ALGORITHMS, stun.encode_password_algorithms([1])),
        (Attr.PASSWORD_ALGORITHM, stun.encode_password_algorithm(1)),
    )
    assert error_code(await client.exchange(signed(downgraded, session, sha256=True))) == 400

    request = allocate_request(
        (Attr.PASSWORD_ALGORITHMS, offered),
        (Attr.PASSWORD_ALGORITHM, stun.encode_password_algorithm(2)),
    )
    answer = await client.exchange(signed(request, session, sha256=True))
    assert answer is not None and error_code(answer) is None
    assert stun.verify_message_integrity_sha256(answer, session.key)
    assert Attr.MESSAGE_INTEGRITY not in stun.Message.parse(answer)

    # RFC 8489 section 9.2.4: a request that negotiated the algorithm gets
    # MESSAGE-INTEGRITY-SHA256 back even when it carried MESSAGE-INTEGRITY only.
    refresh = refresh_request(600)
    refresh.add(Attr.PASSWORD_ALGORITHMS, offered)
    refresh.add(Attr.PASSWORD_ALGORITHM, stun.encode_password_algorithm(2))
    answer = await client.exchange(signed(refresh, session))
    assert answer is not None and error_code(answer) is None
    assert stun.verify_message_integrity_sha256(answer, session.key)
    assert Attr.MESSAGE_INTEGRITY not in stun.Message.parse(answer)


async def test_static_user_with_userhash(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(static_users={"operator": "pa55word"})
    client = await raw_client(server.udp_address)
    session = Session("operator", "pa55word")
    await login(client, session)
    assert stun.decode_nonce_features(session.nonce) & 0x400000  # username anonymity
    request = allocate_request((Attr.USERHASH, stun.userhash("operator", "fjord")))
    request.add(Attr.REALM, b"fjord").add(Attr.NONCE, session.nonce.encode())
    answer = await client.exchange(request.encode(session.key, True))
    assert answer is not None and error_code(answer) is None
    other = await raw_client(server.udp_address)
    wrong = Session("operator", "nope")
    assert error_code((await allocate(other, wrong)).encode()) == 401


async def test_credentials_must_match_the_allocation(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    assert (await allocate(client, rest_session("alice"))).message_class == MessageClass.SUCCESS
    bob = rest_session("bob")
    await login(client, bob)
    assert error_code(await client.exchange(signed(refresh_request(600), bob))) == 441


async def test_channel_bind_rules(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(accept_rfc5766_channels=False)
    client = await raw_client(server.udp_address)
    session = rest_session()
    await allocate(client, session)
    peer_a, peer_b = ("127.0.0.1", 7001), ("127.0.0.1", 7002)

    async def bind(peer: tuple[str, int], channel: int) -> int | None:
        request = signed(peer_request(Method.CHANNEL_BIND, peer, channel), session)
        return error_code(await client.exchange(request))

    assert await bind(peer_a, 0x3FFF) == 400
    assert await bind(peer_a, 0x5000) == 400  # RFC 5766 range refused when not accepted
    assert await bind(peer_a, 0x4000) is None
    assert await bind(peer_a, 0x4000) is None  # refresh
    assert await bind(peer_b, 0x4000) == 400  # channel taken by another peer
    assert await bind(peer_a, 0x4001) == 400  # peer bound to another channel
    missing = stun.Message(Method.CHANNEL_BIND, MessageClass.REQUEST)
    assert error_code(await client.exchange(signed(missing, session))) == 400
    allocation = next(iter(server.table.by_five_tuple.values()))
    assert list(allocation.channels) == [0x4000]
    assert list(allocation.permissions) == ["127.0.0.1"]


async def test_send_and_data_indications(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    async with allocation_beside_a_peer(server.udp_address, raw_client) as (
            client, session, relayed, peer, peer_address, transport):
        request = signed(peer_request(Method.CREATE_PERMISSION, peer_address), session)
        assert error_code(await client.exchange(request)) is None
        send = peer_request(Method.SEND, peer_address)
        send.message_class = MessageClass.INDICATION
        send.add(Attr.DATA, b"opaque-bytes")
        client.send(send.encode())
        data, source = await asyncio.wait_for(peer.queue.get(), 2)
        assert (data, source) == (b"opaque-bytes", relayed)
        transport.sendto(b"reply!", relayed)
        indication = stun.Message.parse(await client.receive())
        assert (indication.method, indication.message_class) == (
            Method.DATA,
            MessageClass.INDICATION,
        )
        assert indication.get(Attr.DATA) == b"reply!"
        source = stun.decode_xor_address(
            indication.get(Attr.XOR_PEER_ADDRESS), indication.transaction_id
        )
        assert source == peer_address


async def test_a_peer_datagram_too_large_for_a_data_indication_is_an_oversize_drop(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """65,480 bytes from a peer fit a ChannelData message to an IPv4 client (65,484) but
    not a Data indication (65,516 > 65,507, the largest UDP payload): an ``oversize`` drop,
    not a failed send."""
    transport, _ = await open_peer()
    peer_address = transport.get_extra_info("sockname")
    try:
        client = await raw_client(server.udp_address)
        session = rest_session()
        relayed = relayed_of(await allocate(client, session))[0]
        request = signed(peer_request(Method.CREATE_PERMISSION, peer_address), session)
        assert error_code(await client.exchange(request)) is None
        transport.sendto(b"x" * 65_480, relayed)

        def dropped() -> bool:
            server.sweep()  # brings the native core's counts in
            return server.counters.drops.get("oversize", 0) == 1

        assert await wait_until(dropped, 10), server.counters.drops
        assert "send_failed" not in server.counters.drops
        bind = signed(peer_request(Method.CHANNEL_BIND, peer_address, 0x4001), session)
        assert error_code(await client.exchange(bind)) is None
        transport.sendto(b"y" * 65_480, relayed)
        assert await client.receive() == stun.encode_channel_data(0x4001, b"y" * 65_480)
    finally:
        transport.close()


async def test_channel_traffic_keeps_the_permission_alive(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(permission_lifetime=1, sweep_interval=0.1)
    async with allocation_beside_a_peer(server.udp_address, raw_client) as (
            client, session, relayed, peer, peer_address, transport):
        bind = signed(peer_request(Method.CHANNEL_BIND, peer_address, 0x4ABC), session)
        assert error_code(await client.exchange(bind)) is None
        permissions_gauge = metrics.PERMISSIONS._value.get()
        for _ in range(8):  # 2 s of traffic, twice the permission lifetime
            client.send(stun.encode_channel_data(0x4ABC, b"ping"))
            assert (await asyncio.wait_for(peer.queue.get(), 2))[0] == b"ping"
            await asyncio.sleep(0.25)
        transport.sendto(b"pong", relayed)
        assert await client.receive() == stun.encode_channel_data(0x4ABC, b"pong")
        # Without traffic the permission expires and peer data is dropped.
        assert await wait_until(
            lambda: metrics.PERMISSIONS._value.get() == permissions_gauge - 1, 10)
        transport.sendto(b"late", relayed)
        assert await client.receive(timeout=0.3) is None
        assert server.counters.drops.get("no_permission") == 1


async def test_ipv6_relay_exchanges_data(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(relay_ip6="::1", allowed_peer_ips=["::1/128"])
    transport, peer = await open_peer("::1")
    peer_address = transport.get_extra_info("sockname")[:2]
    try:
        client = await raw_client(server.udp_address)
        session = rest_session()
        answer = await allocate(
            client, session, (Attr.REQUESTED_ADDRESS_FAMILY, stun.encode_address_family(2))
        )
        (relayed,) = relayed_of(answer)
        assert relayed[0] == "::1"
        v4 = signed(peer_request(Method.CREATE_PERMISSION, ("127.0.0.1", 9)), session)
        assert error_code(await client.exchange(v4)) == 443
        bind = signed(peer_request(Method.CHANNEL_BIND, peer_address, 0x4001), session)
        assert error_code(await client.exchange(bind)) is None
        client.send(stun.encode_channel_data(0x4001, b"over v6"))
        data, source = await asyncio.wait_for(peer.queue.get(), 2)
        assert data == b"over v6" and source[:2] == relayed
        transport.sendto(b"back", relayed)
        assert await client.receive() == stun.encode_channel_data(0x4001, b"back")
    finally:
        transport.close()


async def test_bandwidth_limit_drops_and_counts(
    start_server: Callable[..., Any], raw_client: Callable[..., Any], relay_path: str
) -> None:
    """The limit's token bucket holds 8 KiB at 1000 bytes/s: of 20 frames of 1000 bytes
    sent at once about 8 are relayed, the rest are ``bandwidth`` drops; on the native
    path the core applies it (the allocation stays in the core)."""
    server = await start_server(bandwidth_limit=1000)
    transport, peer = await open_peer()
    peer_address = transport.get_extra_info("sockname")
    try:
        client = await raw_client(server.udp_address)
        session = rest_session()
        await allocate(client, session)
        bind = signed(peer_request(Method.CHANNEL_BIND, peer_address, 0x4001), session)
        assert error_code(await client.exchange(bind)) is None
        assert len(getattr(server.relay, "native", ())) == (relay_path == "native")
        for _ in range(20):
            client.send(stun.encode_channel_data(0x4001, b"x" * 1000))

        def settled() -> bool:
            server.sweep()  # brings the native core's counts in
            return peer.queue.qsize() + server.counters.drops.get("bandwidth", 0) >= 20

        assert await wait_until(settled, 10)
        delivered = peer.queue.qsize()
        assert 1 <= delivered <= 10  # the 8 KiB burst, plus refill during the test
        assert server.counters.drops.get("bandwidth") == 20 - delivered
    finally:
        transport.close()


async def test_bandwidth_limit_applies_to_what_peers_send_too(
    start_server: Callable[..., Any], raw_client: Callable[..., Any], relay_path: str
) -> None:
    """Both directions draw on one bucket: 20 datagrams of 1000 bytes from the peer at
    once reach the client as about 8 ChannelData messages, the rest ``bandwidth`` drops."""
    server = await start_server(bandwidth_limit=1000)
    transport, _ = await open_peer()
    peer_address = transport.get_extra_info("sockname")
    try:
        client = await raw_client(server.udp_address)
        session = rest_session()
        relayed = relayed_of(await allocate(client, session))[0]
        bind = signed(peer_request(Method.CHANNEL_BIND, peer_address, 0x4001), session)
        assert error_code(await client.exchange(bind)) is None
        assert len(getattr(server.relay, "native", ())) == (relay_path == "native")
        for _ in range(20):
            transport.sendto(b"y" * 1000, relayed)

        def settled() -> bool:
            server.sweep()
            return client.queue.qsize() + server.counters.drops.get("bandwidth", 0) >= 20

        assert await wait_until(settled, 10)
        delivered = client.queue.qsize()
        assert 1 <= delivered <= 10
        assert server.counters.drops.get("bandwidth") == 20 - delivered
        assert client.queue.get_nowait() == stun.encode_channel_data(0x4001, b"y" * 1000)
    finally:
        transport.close()


@pytest.mark.parametrize("limit", [1, 2])
async def test_total_quota(
    start_server: Callable[..., Any], raw_client: Callable[..., Any], limit: int
) -> None:
    server = await start_server(max_allocations=limit)
    for index in range(limit):
        client = await raw_client(server.udp_address)
        answer = await allocate(client, rest_session(f"user{index}"))
        assert answer.message_class == MessageClass.SUCCESS
    client = await raw_client(server.udp_address)
    # The server's capacity, not the user's quota (RFC 8656 section 7.2 keeps 486 for that).
    assert error_of((await allocate(client, rest_session("late"))).encode()) == (508, "Server full")


async def test_one_client_address_cannot_take_every_allocation(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """Each participant who joins a room is given TURN credentials of its own, so one client
    joining again and again held ``max_allocations_per_user`` allocations per username and
    took the whole server (508 for everyone else). One client address now holds at most
    ``max_allocations_per_address`` allocations and port reservations, whatever usernames it
    uses; other addresses are still served, and a deleted allocation frees its place."""
    server = await start_server(max_allocations_per_address=2)
    reserve = (Attr.EVEN_PORT, stun.encode_even_port(True))
    first = await raw_client(server.udp_address)
    first_session = rest_session("user0")
    assert (await allocate(first, first_session, reserve)).message_class == MessageClass.SUCCESS
    # Deleted, the allocation leaves its reserved port behind, which still counts.
    assert error_code(await first.exchange(signed(refresh_request(0), first_session))) is None
    second = await raw_client(server.udp_address)
    second_session = rest_session("user1")
    assert (await allocate(second, second_session)).message_class == MessageClass.SUCCESS
    late = await raw_client(server.udp_address)
    assert error_of((await allocate(late, rest_session("user2"))).encode())[0] == 486
    elsewhere = await raw_client(server.udp_address, local_ip="127.0.0.2")
    answer = await allocate(elsewhere, rest_session("user3"))
    assert answer.message_class == MessageClass.SUCCESS
    assert error_code(await second.exchange(signed(refresh_request(0), second_session))) is None
    assert (await allocate(late, rest_session("user2"))).message_class == MessageClass.SUCCESS



async def test_a_relay_address_gone_from_the_host_is_a_508_and_one_warning(
    server: TurnServer, raw_client: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The relay address no longer on the host (removed after start, which start-up's own
    check cannot see): each Allocate raised OSError out of the STUN handler, logged as an
    asyncio traceback, and the client got no answer at all, only its own timeout. It now
    gets 508 (Insufficient Capacity, RFC 8656 section 7.2) and the log one line naming the
    address, however many clients try."""
    monkeypatch.setattr(server.table, "_relay_ip", lambda version: "192.0.2.1")
    for _ in range(3):
        client = await raw_client(server.udp_address)
        answer = await allocate(client, rest_session())
        assert answer.message_class == MessageClass.ERROR
        assert error_of(answer.encode()) == (508, "No relay port")
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert lines == ["TURN relay cannot bind UDP 192.0.2.1: Cannot assign requested address "
                     "(the relay address is no longer one of this host's?): allocations "
                     "are refused with 508"], lines
