"""Security behaviour: denied peers, bad credentials, stale nonces, malformed input.

Every test ends by checking that the server still serves a valid request.
"""

from __future__ import annotations

import asyncio
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from turn_test_support import (
    Session,
    allocate,
    allocate_request,
    error_code,
    error_of,
    login,
    peer_request,
    signed,
)

from fjord.data_dir import RelayFiles
from fjord.serve import turn_config
from fjord.settings import Settings
from keys.turn_secret import load_turn_secrets
from tests.conftest import ROOT, fjord_env, wait_until
from turn import stun
from turn.credentials import rest_credentials, rest_password
from turn.dispatcher import unknown_required
from turn.server import TurnServer
from turn.stun import Attr, MessageClass, Method

DENIED_PEERS = [
    "0.1.2.3",
    "10.1.2.3",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.2",
    "169.254.1.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",
    "192.168.1.1",
    "198.18.0.1",
    "198.19.255.255",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "ff02::1",
    "::ffff:10.0.0.1",  # IPv4-mapped
    "::ffff:127.0.0.2",
    "::10.0.0.1",  # IPv4-compatible
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2002:7f00:2::",  # 6to4 of 127.0.0.2
    "64:ff9b::c0a8:101",  # NAT64 of 192.168.1.1
    "64:ff9b::a9fe:101",  # NAT64 of 169.254.1.1
    "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
]


async def _dual_stack_allocation(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> tuple[TurnServer, Any, Session]:
    server = await start_server(relay_ip6="::1")
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "mallory", 600))
    answer = await allocate(
        client, session, (Attr.ADDITIONAL_ADDRESS_FAMILY, stun.encode_address_family(2))
    )
    assert answer.message_class == MessageClass.SUCCESS, answer
    assert len(answer.get_all(Attr.XOR_RELAYED_ADDRESS)) == 2
    return server, client, session


async def _still_serves(server: TurnServer, raw_client: Callable[..., Any]) -> None:
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "checker", 600))
    answer = await allocate(client, session)
    assert answer.message_class == MessageClass.SUCCESS


async def test_denied_peers_get_403(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server, client, session = await _dual_stack_allocation(start_server, raw_client)
    for ip in DENIED_PEERS:
        answer = await client.exchange(
            signed(peer_request(Method.CREATE_PERMISSION, (ip, 5000)), session)
        )
        assert answer is not None and error_code(answer) == 403, ip
        answer = await client.exchange(
            signed(peer_request(Method.CHANNEL_BIND, (ip, 5000), 0x4001), session)
        )
        assert answer is not None and error_code(answer) == 403, ip
    assert len(server.table) == 1
    allocation = next(iter(server.table.by_five_tuple.values()))
    assert allocation.permissions == {}
    # The explicitly allowed 127.0.0.1 works, in IPv4 and IPv4-mapped form.
    for ip in ("127.0.0.1", "::ffff:127.0.0.1"):
        answer = await client.exchange(
            signed(peer_request(Method.CREATE_PERMISSION, (ip, 5000)), session)
        )
        assert answer is not None and error_code(answer) is None, ip
    await _still_serves(server, raw_client)


async def test_send_to_denied_peer_is_a_counted_drop(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "mallory", 600))
    assert (await allocate(client, session)).message_class == MessageClass.SUCCESS
    before = server.counters.drops.get("no_permission", 0)
    send = peer_request(Method.SEND, ("10.0.0.1", 5000))
    send.message_class = MessageClass.INDICATION
    send.add(Attr.DATA, b"x" * 10)
    client.send(send.encode())
    def dropped() -> bool:
        server.sweep()  # the sweep brings the native relay core's counts in
        return server.counters.drops.get("no_permission", 0) > before

    assert await wait_until(dropped, 10)
    assert server.counters.drops.get("no_permission", 0) == before + 1
    assert server.counters.to_peer_packets == 0


async def test_own_listening_ports_are_refused_even_when_allowed(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "mallory", 600))
    assert (await allocate(client, session)).message_class == MessageClass.SUCCESS
    for address in (server.udp_address, server.tcp_address, server.tls_address):
        answer = await client.exchange(
            signed(peer_request(Method.CHANNEL_BIND, address, 0x4002), session)
        )
        assert answer is not None and error_code(answer) == 403
    # Send indications to a listener are dropped although 127.0.0.1 has a permission.
    answer = await client.exchange(
        signed(peer_request(Method.CREATE_PERMISSION, ("127.0.0.1", 1)), session)
    )
    assert answer is not None and error_code(answer) is None
    send = peer_request(Method.SEND, server.udp_address)
    send.message_class = MessageClass.INDICATION
    send.add(Attr.DATA, b"loop")
    client.send(send.encode())
    assert await wait_until(lambda: server.counters.drops.get("peer_denied", 0) > 0, 10)
    assert server.counters.drops.get("peer_denied", 0) == 1
    assert server.counters.to_peer_packets == 0


@pytest.mark.parametrize(
    "username",
    ["alice", "not-a-number:alice", ":alice", "12345678901234567890:alice", "１２:alice"],
)
async def test_malformed_usernames_get_401(
    server: TurnServer, raw_client: Callable[..., Any], username: str
) -> None:
    client = await raw_client(server.udp_address)
    session = Session(username, rest_password(b"test-secret-current", username))
    answer = await allocate(client, session)
    assert error_of(answer.encode()) == (401, "Unauthenticated")
    assert answer.get(Attr.NONCE) is not None  # a fresh challenge
    await _still_serves(server, raw_client)


async def test_a_username_of_509_bytes_or_more_gets_401(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """RFC 8489 section 14.3: USERNAME is fewer than 509 bytes; 508 are fine."""
    for size, accepted in ((508, True), (509, False)):
        expiry = rest_credentials(b"test-secret-current", "a", 600)[0].split(":")[0]
        username = f"{expiry}:" + "u" * (size - len(expiry) - 1)
        assert len(username.encode()) == size
        session = Session(username, rest_password(b"test-secret-current", username))
        client = await raw_client(server.udp_address)
        answer = await allocate(client, session)
        assert (error_code(answer.encode()) is None) is accepted, (size, error_of(answer.encode()))


async def test_expired_and_unknown_secret_credentials_get_401(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    expired = Session(*rest_credentials(b"test-secret-current", "alice", 60, now=1_000_000))
    foreign = Session(*rest_credentials(b"some-other-secret", "alice", 600))
    for session in (expired, foreign):
        client = await raw_client(server.udp_address)
        answer = await allocate(client, session)
        assert error_code(answer.encode()) == 401
    # The previous secret is still accepted during rotation.
    client = await raw_client(server.udp_address)
    previous = Session(*rest_credentials(b"test-secret-previous", "alice", 600))
    assert (await allocate(client, previous)).message_class == MessageClass.SUCCESS


async def _fjord(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "fjord", *args],
                                   env=env, cwd=ROOT, capture_output=True, text=True,
                                   timeout=60)


async def test_a_second_turn_secret_rotation_before_the_restarts_is_refused(
    tmp_path: Path, start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """``fjord keys rotate-turn-secret`` run twice before the restarts dropped the secret
    that signaling nodes not yet restarted mint under: a relay restarted on the file
    answered their credentials 401. The second is refused within turn_credential_ttl;
    ``--force`` rotates anyway."""
    keys = tmp_path / "data" / "keys"
    env = fjord_env(tmp_path / "data")
    assert (await _fjord(env, "api-key", "create", "--org", "acme")).returncode == 0
    minting = load_turn_secrets(keys)[0]  # what a signaling node not yet restarted uses
    assert (await _fjord(env, "keys", "rotate-turn-secret")).returncode == 0
    again = await _fjord(env, "keys", "rotate-turn-secret")
    assert again.returncode == 1 and again.stderr.count("\n") == 1, again.stderr
    assert again.stderr.startswith("fjord: the TURN secret was last rotated at ")
    assert "Restart every TURN process, then every signaling node" in again.stderr
    assert "--force" in again.stderr
    session = Session(*rest_credentials(minting, "alice", 600))
    server = await start_server(secrets=load_turn_secrets(keys))  # restarted on the file
    client = await raw_client(server.udp_address)
    assert (await allocate(client, session)).message_class == MessageClass.SUCCESS

    assert (await _fjord(env, "keys", "rotate-turn-secret", "--force")).returncode == 0
    server = await start_server(secrets=load_turn_secrets(keys))
    client = await raw_client(server.udp_address)
    assert error_code((await allocate(client, session)).encode()) == 401


async def test_wrong_integrity_gets_401(server: TurnServer, raw_client: Callable[..., Any]) -> None:
    client = await raw_client(server.udp_address)
    username, password = rest_credentials(b"test-secret-current", "alice", 600)
    session = Session(username, password + "x")
    answer = await allocate(client, session)
    assert error_of(answer.encode()) == (401, "Unauthenticated")
    # A valid MAC over a message altered afterwards also fails.
    session = Session(username, password)
    await login(client, session)
    # Without FINGERPRINT: a message with a wrong FINGERPRINT is dropped before auth.
    data = bytearray(signed(allocate_request(), session, fingerprint=False))
    data[20 + 4] ^= 0x01  # flip a bit in REQUESTED-TRANSPORT
    answer_bytes = await client.exchange(bytes(data))
    assert answer_bytes is not None and error_code(answer_bytes) == 401
    await _still_serves(server, raw_client)


async def test_a_request_signed_without_username_gets_400_with_its_phrase(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    """Every error response says its reason phrase (RFC 8489 section 14.8: meant for the
    user; a browser shows it as the icecandidateerror's errorText). The answers of
    authentication (400, 401, 438) said none."""
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    await login(client, session)
    request = allocate_request()
    request.add(Attr.REALM, session.realm.encode())
    request.add(Attr.NONCE, session.nonce.encode())
    answer = await client.exchange(request.encode(session.key, fingerprint=True))
    assert answer is not None and error_of(answer) == (400, "Bad Request")


async def test_stale_nonce_gets_438_then_succeeds(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(nonce_lifetime=1)
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    await login(client, session)
    await asyncio.sleep(2.1)
    answer = await client.exchange(signed(allocate_request(), session))
    assert answer is not None and error_of(answer) == (438, "Stale Nonce")
    message = stun.Message.parse(answer)
    session.nonce = stun.decode_text(message.get(Attr.NONCE))
    answer = await client.exchange(signed(allocate_request(), session))
    assert answer is not None and error_code(answer) is None


async def test_nonce_is_bound_to_the_5_tuple(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    first = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    await login(first, session)
    second = await raw_client(server.udp_address)
    answer = await second.exchange(signed(allocate_request(), session))
    assert answer is not None and error_code(answer) == 438


async def test_stale_nonce_with_wrong_credentials_gets_401(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """RFC 8489 section 9.2.4 performs its checks in order: an invalid USERNAME or a wrong
    MESSAGE-INTEGRITY is a 401 before a stale NONCE is a 438. A stale nonce hid wrong
    credentials behind a 438, after which the client retried them with the new nonce."""
    server = await start_server(nonce_lifetime=1)
    username, password = rest_credentials(b"test-secret-current", "alice", 600)
    expired = Session(*rest_credentials(b"test-secret-current", "alice", 60, now=1_000_000))
    for session in (Session(username, password + "x"), expired, Session("nobody", "x")):
        client = await raw_client(server.udp_address)
        await login(client, session)
        await asyncio.sleep(1.1)  # the nonce is stale now
        answer = await client.exchange(signed(allocate_request(), session))
        assert answer is not None and error_code(answer) == 401, session.username
    await _still_serves(server, raw_client)


async def test_retransmitted_allocate_gets_the_same_success(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    await login(client, session)
    request = signed(allocate_request(), session)
    first = await client.exchange(request)
    second = await client.exchange(request)
    assert first is not None and error_code(first) is None
    assert second == first
    # Also after the response cache forgot it.
    server.dispatcher.cache.prune(float("inf"))
    assert await client.exchange(request) == first
    # A new Allocate (new transaction) on the same 5-tuple is a mismatch.
    answer = await client.exchange(signed(allocate_request(), session))
    assert answer is not None and error_code(answer) == 437
    assert len(server.table) == 1


async def test_unknown_comprehension_required_attribute_gets_420(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    await login(client, session)
    request = allocate_request((0x7F01, b"\x01\x02"), (0xC001, b"optional"))
    answer = await client.exchange(signed(request, session))
    assert answer is not None and error_code(answer) == 420
    unknown = stun.Message.parse(answer).get(Attr.UNKNOWN_ATTRIBUTES)
    assert stun.decode_unknown_attributes(unknown) == [0x7F01]
    assert len(server.table) == 0
    binding = stun.Message(Method.BINDING, MessageClass.REQUEST).add(0x0042, b"")
    answer = await client.exchange(binding.encode())
    assert answer is not None and error_code(answer) == 420


@pytest.mark.parametrize(
    "message_type",
    [
        pytest.param(stun.encode_type(0x00A, MessageClass.REQUEST), id="unknown-method"),
        pytest.param(stun.encode_type(Method.SEND, MessageClass.REQUEST), id="send-request"),
        pytest.param(stun.encode_type(Method.DATA, MessageClass.REQUEST), id="data-request"),
    ],
)
async def test_unsupported_methods_are_discarded_silently(
    server: TurnServer, raw_client: Callable[..., Any], message_type: int
) -> None:
    """RFC 8489 section 6.3: a message whose method is not supported, or whose class the
    method does not allow, is silently discarded; it got 400 with a reason phrase, to any
    source address and past the limit on unauthenticated answers."""
    client = await raw_client(server.udp_address)
    request = struct.pack("!HHI", message_type, 0, stun.MAGIC_COOKIE) + b"\x07" * 12
    assert await client.exchange(request, timeout=0.3) is None
    assert server.counters.drops.get("unsupported_method") == 1
    await _still_serves(server, raw_client)


def test_listing_unknown_attributes_takes_linear_time() -> None:
    """A Binding request of 8 KiB, which needs no credentials, holds 2,000 attributes. Listing
    its unknown comprehension-required ones (RFC 8489 section 6.3.1) once took 15 ms, in a
    quadratic search: at its request rate one source address held the event loop."""
    message = stun.Message(Method.BINDING, MessageClass.REQUEST)
    for attr_type in range(0x0100, 0x0100 + 2042):
        message.add(attr_type, b"")
    message.add(0x0100, b"")  # listed once
    parsed = stun.Message.parse(message.encode())
    assert len(message.encode()) == 8192
    started = time.thread_time()
    for _ in range(20):
        assert unknown_required(parsed) == list(range(0x0100, 0x0100 + 2042))
    assert time.thread_time() - started < 0.1


def _header(length: int, tid: bytes = b"\x01" * 12) -> bytes:
    return struct.pack("!HHI", 0x0003, length, stun.MAGIC_COOKIE) + tid


@pytest.mark.parametrize(
    "datagram",
    [
        pytest.param(_header(8) + b"\x00\x19\x00\x04", id="truncated-attribute-value"),
        pytest.param(_header(4) + b"\x00\x19\x00\x08\x11\x00\x00\x00", id="header-length-lies"),
        pytest.param(_header(12) + b"\x00\x19", id="attribute-header-cut"),
        pytest.param(_header(0)[:12], id="short-header"),
        pytest.param(_header(4)[:4] + b"\x00\x00\x00\x00" + b"\x01" * 12 + b"\0" * 4, id="cookie"),
        pytest.param(b"\x40\x01\xff\xff" + b"x" * 8, id="channel-data-length-lies"),
        pytest.param(b"\x40\x01\x00\x04abcd", id="channel-data-without-allocation"),
        pytest.param(b"\xff" * 30, id="garbage"),
        pytest.param(_header(0) + b"x" * 9000, id="oversize"),
    ],
)
async def test_malformed_datagrams_are_counted_drops(
    server: TurnServer, raw_client: Callable[..., Any], datagram: bytes
) -> None:
    client = await raw_client(server.udp_address)
    before = sum(server.counters.drops.values())
    assert await client.exchange(datagram, timeout=0.3) is None
    assert sum(server.counters.drops.values()) == before + 1
    await _still_serves(server, raw_client)


async def test_wrong_fingerprint_is_dropped_silently(
    server: TurnServer, raw_client: Callable[..., Any]
) -> None:
    client = await raw_client(server.udp_address)
    good = stun.Message(Method.BINDING, MessageClass.REQUEST).encode(fingerprint=True)
    assert await client.exchange(good) is not None
    bad = bytearray(stun.Message(Method.BINDING, MessageClass.REQUEST).encode(fingerprint=True))
    bad[-1] ^= 0xFF  # corrupt the CRC-32
    assert await client.exchange(bytes(bad), timeout=0.3) is None
    assert server.counters.drops.get("bad_fingerprint") == 1


async def test_unauthenticated_errors_are_small_and_rate_limited(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(unauthenticated_burst=3, unauthenticated_rate=0.01)
    client = await raw_client(server.udp_address)
    request = allocate_request().encode()
    answers = []
    for _ in range(5):
        answers.append(await client.exchange(request, timeout=0.3))
        request = allocate_request().encode()
    replied = [a for a in answers if a is not None]
    assert len(replied) == 3
    for answer in replied:
        message = stun.Message.parse(answer)
        assert stun.decode_error_code(message.get(Attr.ERROR_CODE)) == (401, "Unauthenticated")
        assert message.get(Attr.SOFTWARE) is None
        # Fixed size whatever the request holds: header, ERROR-CODE, REALM, NONCE,
        # PASSWORD-ALGORITHMS.
        assert len(answer) <= 104
    assert server.counters.drops.get("rate_limited") == 2


async def test_a_nat_whose_clients_start_together_gets_every_challenge(
    start_server: Callable[..., Any], raw_client: Callable[..., Any], tmp_path: Path
) -> None:
    """150 clients behind one address send their first Allocate at once: each is answered
    401 with a nonce under the default bound (it was 40 a burst, a hidden constant; the rest
    waited for retransmissions), and the operator's ``turn_unauthenticated_rate`` reaches
    the server with a burst of two seconds' worth."""
    server = await start_server()
    clients = [await raw_client(server.udp_address) for _ in range(150)]
    answers = await asyncio.gather(*(c.exchange(allocate_request().encode(), timeout=5)
                                     for c in clients))
    assert all(a is not None and stun.decode_error_code(
        stun.Message.parse(a).get(Attr.ERROR_CODE))[0] == 401 for a in answers)
    assert not server.counters.drops.get("rate_limited")
    config = turn_config(Settings(data_dir=str(tmp_path), turn_unauthenticated_rate=500),
                         RelayFiles(tmp_path, tmp_path / "c.pem", tmp_path / "k.pem", None,
                                    [b"s" * 16]))
    assert (config.unauthenticated_rate, config.unauthenticated_burst) == (500, 1000)


async def test_a_flooding_address_is_cut_to_its_request_rate_and_others_are_answered(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """One IP address sending STUN faster than ``request_rate`` gets ``request_burst``
    answers whatever port it sends from; the rest are counted drops that never reach the
    STUN handler (nor, on the native path, its queue), and another address is answered."""
    server = await start_server(request_rate=0.01, request_burst=5)
    flooder = await raw_client(server.udp_address)
    other_port = await raw_client(server.udp_address)  # the same IP: the same budget
    for client in (flooder, other_port):
        for _ in range(10):
            client.send(stun.Message(Method.BINDING, MessageClass.REQUEST).encode())
    assert await wait_until(
        lambda: server.counters.drops.get("request_rate_limited", 0) == 15, 10
    ), server.counters.drops
    answers = 0
    for client in (flooder, other_port):
        while await client.receive(timeout=0.3) is not None:
            answers += 1
    assert answers == 5

    other = await raw_client(server.udp_address, local_ip="127.0.0.2")
    answer = await other.exchange(stun.Message(Method.BINDING, MessageClass.REQUEST).encode())
    assert answer is not None
    message = stun.Message.parse(answer)
    assert message.message_class == MessageClass.SUCCESS
    mapped = stun.decode_xor_address(message.get(Attr.XOR_MAPPED_ADDRESS),
                                     message.transaction_id)
    assert mapped[0] == "127.0.0.2"
    assert server.counters.drops.get("request_rate_limited") == 15


async def test_media_of_an_allocation_python_relays_is_not_held_to_the_request_rate(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """ChannelData and Send indications are media, not STUN requests: an allocation served
    by Python's relay (here because it has more permissions than the native core's table
    takes) relays all of them whatever ``request_rate`` is, on the native path too (the core
    hands them up without the rate)."""
    server = await start_server(request_rate=0.01, request_burst=5,
                                allowed_peer_ips=["127.0.0.0/24"])
    loop = asyncio.get_running_loop()
    received: asyncio.Queue[bytes] = asyncio.Queue()

    class Peer(asyncio.DatagramProtocol):
        def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
            received.put_nowait(data)

    transport, _ = await loop.create_datagram_endpoint(Peer, local_addr=("127.0.0.1", 0))
    try:
        client = await raw_client(server.udp_address)
        session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
        assert (await allocate(client, session)).message_class == MessageClass.SUCCESS
        peer = transport.get_extra_info("sockname")[:2]
        permissions = stun.Message(Method.CREATE_PERMISSION, MessageClass.REQUEST)
        for host in range(1, 66):  # one more than the native core's MAX_PERMISSIONS
            permissions.add(Attr.XOR_PEER_ADDRESS, stun.encode_xor_address(
                (f"127.0.0.{host}", 9), permissions.transaction_id))
        assert error_code(await client.exchange(signed(permissions, session))) is None
        assert not getattr(server.relay, "native", set())  # Python relays it
        bind = signed(peer_request(Method.CHANNEL_BIND, peer, 0x4001), session)
        assert error_code(await client.exchange(bind)) is None  # 4 of the 5 requests
        for index in range(30):
            client.send(stun.encode_channel_data(0x4001, b"c%02d" % index))
        for index in range(10):
            send = peer_request(Method.SEND, peer)
            send.message_class = MessageClass.INDICATION
            send.add(Attr.DATA, b"s%02d" % index)
            client.send(send.encode())
        assert await wait_until(lambda: received.qsize() == 40, 10), received.qsize()
        got = sorted(received.get_nowait() for _ in range(40))
        assert got == sorted([b"c%02d" % i for i in range(30)] + [b"s%02d" % i for i in range(10)])
        server.sweep()
        assert server.counters.drops.get("request_rate_limited", 0) == 0
    finally:
        transport.close()


async def test_permissions_of_an_allocation_are_capped_with_508(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    """A permission lives 300 s and one CreatePermission of 8 KiB names 600 peers: an
    allocation holds at most ``max_permissions`` peer IPs, and a request that would pass it
    installs nothing and gets 508 (RFC 8656 sections 10.2, 12.2). Without the cap one client
    grew the server's memory at will."""
    server = await start_server(max_permissions=3)
    client = await raw_client(server.udp_address)
    session = Session(*rest_credentials(b"test-secret-current", "mallory", 600))
    assert (await allocate(client, session)).message_class == MessageClass.SUCCESS
    allocation = next(iter(server.table.by_five_tuple.values()))

    async def permit(*ips: str) -> int | None:
        request = stun.Message(Method.CREATE_PERMISSION, MessageClass.REQUEST)
        for ip in ips:
            request.add(Attr.XOR_PEER_ADDRESS,
                        stun.encode_xor_address((ip, 5000), request.transaction_id))
        return error_code(await client.exchange(signed(request, session)))

    async def bind(ip: str, channel: int) -> int | None:
        request = signed(peer_request(Method.CHANNEL_BIND, (ip, 5000), channel), session)
        return error_code(await client.exchange(request))

    assert await permit("8.8.8.8", "1.1.1.1") is None
    assert await permit("9.9.9.9", "4.2.2.2") == 508
    assert sorted(allocation.permissions) == ["1.1.1.1", "8.8.8.8"]
    assert await permit("8.8.8.8", "9.9.9.9") is None  # one new: three in all
    assert await bind("4.2.2.2", 0x4001) == 508
    assert await bind("8.8.8.8", 0x4001) is None  # a permitted IP: no new permission
    assert await permit("1.1.1.1") is None  # refreshing is always possible
    assert sorted(allocation.permissions) == ["1.1.1.1", "8.8.8.8", "9.9.9.9"]
    await _still_serves(server, raw_client)


async def test_quota_per_user_gets_486(
    start_server: Callable[..., Any], raw_client: Callable[..., Any]
) -> None:
    server = await start_server(max_allocations_per_user=1)
    credentials = rest_credentials(b"test-secret-current", "alice", 600)
    first = await raw_client(server.udp_address)
    assert (await allocate(first, Session(*credentials))).message_class == MessageClass.SUCCESS
    second = await raw_client(server.udp_address)
    answer = await allocate(second, Session(*credentials))
    assert error_of(answer.encode()) == (486, "Allocation Quota Reached")
    await _still_serves(server, raw_client)
