"""TURN over TCP/TLS: framing, limits and timeouts close only the offending connection."""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct
from collections.abc import Callable
from typing import Any

from prometheus_client import REGISTRY
from turn_test_support import Session, allocate_request, error_code, peer_request, signed

from keys.devtls import DevCertificates
from tests.conftest import wait_until
from turn import stun
from turn.credentials import rest_credentials
from turn.relay import STREAM_BACKLOG
from turn.server import TurnServer
from turn.stream import WRITE_HIGH_WATER
from turn.stun import Attr, MessageClass, Method


async def _read_message(reader: asyncio.StreamReader) -> bytes:
    header = await asyncio.wait_for(reader.readexactly(20), 2)
    length = struct.unpack_from("!H", header, 2)[0]
    return header + await asyncio.wait_for(reader.readexactly(length), 2)


async def _closed_by_server(reader: asyncio.StreamReader) -> bool:
    """True once the server closed the connection (FIN or RST)."""
    try:
        return await asyncio.wait_for(reader.read(), 3) == b""
    except ConnectionResetError:
        return True


async def _allocate(reader: asyncio.StreamReader,
                    writer: asyncio.StreamWriter) -> tuple[Session, stun.Message]:
    """Allocate over a stream as alice, answering the 401 challenge: her session and the
    success response."""
    writer.write(allocate_request().encode())
    challenge = stun.Message.parse(await _read_message(reader))
    session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
    session.realm = "fjord"
    session.nonce = stun.decode_text(challenge.get(Attr.NONCE))
    session.key = stun.long_term_key(session.username, "fjord", session.password)
    writer.write(signed(allocate_request(), session))
    answer = stun.Message.parse(await _read_message(reader))
    assert answer.get(Attr.ERROR_CODE) is None, stun.decode_error_code(answer.get(Attr.ERROR_CODE))
    return session, answer


def _binding() -> bytes:
    return stun.Message(Method.BINDING, MessageClass.REQUEST).encode()


async def test_a_dual_stack_listener_takes_ipv4_streams_as_udp_does(
    start_server: Callable[..., Any],
) -> None:
    """With listen_ip ``::`` the UDP listener takes IPv4 clients too (the kernel's default):
    so do TCP and TLS, and their XOR-MAPPED-ADDRESS is the IPv4 one (RFC 8489 14.2)."""
    server = await start_server(listen_ip="::", announced_ip="127.0.0.1")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    for port, tls in ((server.tcp_address[1], None), (server.tls_address[1], context)):
        for host in ("127.0.0.1", "::1"):
            reader, writer = await asyncio.open_connection(host, port, ssl=tls)
            try:
                request = stun.Message(Method.BINDING, MessageClass.REQUEST)
                writer.write(request.encode())
                answer = stun.Message.parse(await _read_message(reader))
                mapped = stun.decode_xor_address(
                    answer.get(Attr.XOR_MAPPED_ADDRESS), request.transaction_id)
                assert mapped == writer.get_extra_info("sockname")[:2]
            finally:
                writer.close()


async def test_tcp_frames_split_and_coalesced(server: TurnServer) -> None:
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    first, second, third = _binding(), _binding(), _binding()
    writer.write(first + second + third[:7])
    await writer.drain()
    await asyncio.sleep(0.05)
    writer.write(third[7:])
    for request in (first, second, third):
        answer = stun.Message.parse(await _read_message(reader))
        assert answer.transaction_id == request[8:20]
        assert answer.message_class == MessageClass.SUCCESS
    writer.close()


async def test_tls_binding_and_allocation_lifetime_follows_connection(
    server: TurnServer, dev_certs: DevCertificates
) -> None:
    context = ssl.create_default_context(cafile=str(dev_certs.ca_cert))
    reader, writer = await asyncio.open_connection(
        *server.tls_address, ssl=context, server_hostname="localhost"
    )
    session, _ = await _allocate(reader, writer)
    assert len(server.table) == 1
    writer.close()
    assert await wait_until(lambda: len(server.table) == 0, 10)


async def test_oversize_length_closes_only_that_connection(server: TurnServer) -> None:
    bad_reader, bad_writer = await asyncio.open_connection(*server.tcp_address)
    good_reader, good_writer = await asyncio.open_connection(*server.tcp_address)
    # ChannelData announcing 60000 bytes (over max_message_size 8192).
    bad_writer.write(b"\x40\x00\xea\x60" + b"x" * 100)
    assert await _closed_by_server(bad_reader)
    good_writer.write(_binding())
    assert error_code(await _read_message(good_reader)) is None
    good_writer.close()
    assert server.counters.drops.get("oversize") == 1


async def test_bad_leading_byte_and_unaligned_stun_length_close(server: TurnServer) -> None:
    for data in (b"\x80" * 24, struct.pack("!HHI", 1, 5, stun.MAGIC_COOKIE) + b"\x00" * 17):
        reader, writer = await asyncio.open_connection(*server.tcp_address)
        writer.write(data)
        assert await _closed_by_server(reader)
    assert server.counters.drops.get("stream_framing") == 2


async def test_incomplete_frame_times_out(start_server: Callable[..., Any]) -> None:
    server = await start_server(stream_idle_timeout=0.3, sweep_interval=0.1)
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    request = _binding()
    writer.write(request)  # complete: answered
    await _read_message(reader)
    writer.write(struct.pack("!HHI", 1, 400, stun.MAGIC_COOKIE) + b"\x00" * 12)  # lies
    assert await _closed_by_server(reader)
    assert server.counters.drops.get("stream_timeout") == 1


async def test_a_client_sending_requests_without_reading_is_no_longer_read(
    server: TurnServer,
) -> None:
    """Binding requests need no credentials, and each answer is longer than its request: a
    client that sends them over TCP and never reads made the server buffer every answer
    (5 MB in 2 s when measured). Past WRITE_HIGH_WATER unread bytes the connection is no
    longer read, and TCP flow control holds the client back."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(server.tcp_address)
    sock.setblocking(False)
    requests = _binding() * 1000
    assert await wait_until(lambda: len(server._connections) == 1, 5)
    (connection,) = server._connections
    assert connection.transport is not None
    loop = asyncio.get_running_loop()
    deadline, sent = loop.time() + 3, 0
    try:
        while sent < 12_000_000 and loop.time() < deadline:
            try:
                sent += sock.send(requests)
            except BlockingIOError:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0)
        await asyncio.sleep(0.1)
        assert connection.transport.get_write_buffer_size() < WRITE_HIGH_WATER + 512 * 1024
        assert sent < 12_000_000, sent  # the kernel's buffers took the rest
    finally:
        sock.close()


async def test_a_connection_whose_allocation_is_deleted_times_out_when_idle(
    start_server: Callable[..., Any],
) -> None:
    """Refresh with LIFETIME 0 deletes the allocation (RFC 8656 section 8); the connection is
    then one without allocation again, closed when idle. It stayed open for ever: a client
    could allocate, delete and repeat until it held every one of ``max_connections``."""
    server = await start_server(stream_idle_timeout=0.3, sweep_interval=0.1)
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    session, _ = await _allocate(reader, writer)
    await asyncio.sleep(0.5)  # longer than the idle timeout: an allocation keeps it open
    delete = stun.Message(Method.REFRESH, MessageClass.REQUEST)
    delete.add(Attr.LIFETIME, stun.encode_u32(0))
    writer.write(signed(delete, session))
    assert error_code(await _read_message(reader)) is None
    assert len(server.table) == 0
    assert await _closed_by_server(reader)
    assert server.counters.drops.get("stream_timeout") == 1


async def test_connection_limit(start_server: Callable[..., Any]) -> None:
    server: Any = await start_server(max_connections=1)
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    writer.write(_binding())
    await _read_message(reader)
    second_reader, _ = await asyncio.open_connection(*server.tcp_address)
    assert await _closed_by_server(second_reader)
    assert server.counters.drops.get("connection_limit") == 1
    writer.close()


async def test_one_client_address_cannot_take_every_connection(
    start_server: Callable[..., Any],
) -> None:
    """One address holding its ``max_connections_per_address`` idle connections gets no
    more, while another address is still served; closing one frees its place. Before the
    per-address cap, one client that opened ``max_connections`` idle connections (10,000,
    each kept 60 s) shut every other client out of TURN over TCP and TLS."""
    server: Any = await start_server(max_connections_per_address=2)
    held = [await asyncio.open_connection(*server.tcp_address) for _ in range(2)]
    for reader, writer in held:
        writer.write(_binding())
        assert error_code(await _read_message(reader)) is None
    refused_reader, _ = await asyncio.open_connection(*server.tcp_address)
    assert await _closed_by_server(refused_reader)
    assert server.counters.drops.get("address_connection_limit") == 1
    other_reader, other_writer = await asyncio.open_connection(
        *server.tcp_address, local_addr=("127.0.0.2", 0))
    other_writer.write(_binding())
    assert error_code(await _read_message(other_reader)) is None
    held[0][1].close()
    assert await wait_until(lambda: len(server._connections) == 2, 5)
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    writer.write(_binding())
    assert error_code(await _read_message(reader)) is None
    for _, w in [*held[1:], (other_reader, other_writer), (reader, writer)]:
        w.close()


async def test_unfinished_tls_handshakes_are_bounded_per_address_and_in_all(
    start_server: Callable[..., Any], dev_certs: DevCertificates,
) -> None:
    """TCP connections to the TLS port that never start a handshake count against their
    address from the accept, and against ``max_tls_handshakes`` until the handshake ends:
    one more is closed at once, while a TLS client from another address still allocates.
    They were counted only once a handshake ended: one address held 15,200 descriptors for
    ``tls_handshake_timeout`` (10 s) each, past the process's limit of 1024."""
    server: Any = await start_server(max_connections_per_address=4, max_tls_handshakes=6,
                                     tls_handshake_timeout=60)  # none times out meanwhile
    loop = asyncio.get_running_loop()

    async def raw(ip: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection(*server.tls_address, local_addr=(ip, 0))

    held = [await raw("127.0.0.1") for _ in range(4)]
    started = loop.time()
    refused_reader, _ = await raw("127.0.0.1")
    assert await _closed_by_server(refused_reader)
    assert loop.time() - started < 5  # at once, not at the handshake timeout
    assert server.counters.drops.get("address_connection_limit") == 1
    context = ssl.create_default_context(cafile=str(dev_certs.ca_cert))
    reader, writer = await asyncio.open_connection(
        *server.tls_address, ssl=context, server_hostname="localhost",
        local_addr=("127.0.0.2", 0))
    await _allocate(reader, writer)
    held += [await raw("127.0.0.3") for _ in range(2)]  # six handshakes unfinished now
    refused_reader, _ = await raw("127.0.0.4")
    assert await _closed_by_server(refused_reader)
    assert server.counters.drops.get("tls_handshake_limit") == 1
    assert await wait_until(lambda: REGISTRY.get_sample_value(
        "fjord_turn_dropped_packets_total", {"reason": "tls_handshake_limit"}), 5)
    for _, held_writer in held:
        held_writer.close()
    writer.close()


async def test_an_unfinished_tls_handshake_times_out_and_gives_its_place_back(
    start_server: Callable[..., Any], dev_certs: DevCertificates,
) -> None:
    server: Any = await start_server(max_connections_per_address=1, tls_handshake_timeout=0.5)
    silent_reader, _ = await asyncio.open_connection(*server.tls_address)
    assert await _closed_by_server(silent_reader)
    assert server.counters.drops.get("tls_handshake_timeout") == 1
    context = ssl.create_default_context(cafile=str(dev_certs.ca_cert))
    reader, writer = await asyncio.open_connection(
        *server.tls_address, ssl=context, server_hostname="localhost")
    writer.write(_binding())
    assert error_code(await _read_message(reader)) is None
    writer.close()


async def test_a_client_that_stops_reading_does_not_buffer_its_peers_without_bound(
    server: TurnServer,
) -> None:
    """A TCP client that reads nothing while its peer sends 24 MB: what the server holds
    for it stays below STREAM_BACKLOG (plus one frame), the rest is ``stream_backlog``
    drops. It once grew with everything the peer sent (20 MB here)."""
    reader, writer = await asyncio.open_connection(*server.tcp_address)
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    session, answer = await _allocate(reader, writer)
    relayed = stun.decode_xor_address(
        answer.get(Attr.XOR_RELAYED_ADDRESS), answer.transaction_id
    )
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        writer.write(signed(peer_request(Method.CHANNEL_BIND, peer.getsockname(), 0x4001),
                            session))
        assert error_code(await _read_message(reader)) is None
        (connection,) = server._connections
        assert connection.transport is not None
        for _ in range(40):  # 24 MB, paced for the relay socket's receive buffer
            for _ in range(500):
                peer.sendto(b"x" * 1200, relayed)
            await asyncio.sleep(0.01)
        assert await wait_until(lambda: server.counters.drops.get("stream_backlog", 0) > 0, 5)
        assert connection.transport.get_write_buffer_size() <= STREAM_BACKLOG + 1204
    writer.close()
