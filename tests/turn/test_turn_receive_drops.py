"""What the kernel drops before the TURN server reads it is counted (`receive_buffer`).

The event loop is held while the test floods a socket whose receive buffer it shrank, so
the Python relay cannot read in between and the kernel must drop: every datagram sent is
then either read (and counted by the relay's own reasons) or counted as dropped in the
kernel. (The native core's thread reads its sockets whatever the loop does, so the flood
could not be made to overflow deterministically there; the counting is the server's
sweep, the same on both paths.)
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest
from prometheus_client import REGISTRY
from turn_test_support import Session, allocate, error_code, refresh_request, signed

from operability.socket_buffers import receive_drops
from tests.conftest import wait_until
from turn import allocations
from turn.config import TurnConfig
from turn.credentials import rest_credentials
from turn.native_server import make_turn_server

FLOOD = 300


def _flood(target: tuple[str, int]) -> None:
    """FLOOD datagrams to ``target`` without yielding to the event loop."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for _ in range(FLOOD):
            sender.sendto(b"\xff" * 1000, target)


def _metric() -> float:
    return REGISTRY.get_sample_value(
        "fjord_turn_dropped_packets_total", {"reason": "receive_buffer"}) or 0.0


async def test_overflowing_the_listener_and_a_relay_socket_is_counted(
    make_config: Callable[..., TurnConfig], raw_client: Callable[..., Any]
) -> None:
    server = make_turn_server(make_config(), "off")
    await server.start()
    try:
        client = await raw_client(server.udp_address)
        session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
        await allocate(client, session)
        allocation = server.table.udp_by_client[client.address]
        relay = next(iter(allocation.sockets.values()))
        metric_before = _metric()
        for sock in (server._udp_sock, relay):
            assert sock is not None
            server.sweep()
            before = sum(server.counters.drops.values())
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
            _flood(sock.getsockname()[:2])

            def all_counted(before: int = before) -> bool:
                server.sweep()
                return sum(server.counters.drops.values()) - before >= FLOOD

            assert await wait_until(all_counted, 10), server.counters.drops
            dropped = server.counters.drops
            assert sum(dropped.values()) - before == FLOOD  # nothing lost uncounted
        assert server.counters.drops["receive_buffer"] > 0
        assert _metric() - metric_before == server.counters.drops["receive_buffer"]
    finally:
        await server.close()


async def test_drops_of_a_deleted_allocation_and_at_close_are_counted(
    make_config: Callable[..., TurnConfig], raw_client: Callable[..., Any]
) -> None:
    server = make_turn_server(make_config(sweep_interval=3600), "off")
    await server.start()
    closed = False
    try:
        client = await raw_client(server.udp_address)
        session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
        await allocate(client, session)
        relay = next(iter(server.table.udp_by_client[client.address].sockets.values()))
        relay.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
        _flood(relay.getsockname()[:2])
        relay_lost = receive_drops(relay)
        assert relay_lost  # the kernel's count, final: nothing more is sent to it
        answer = await client.exchange(signed(refresh_request(0), session))
        assert answer is not None and error_code(answer) is None
        assert relay.fileno() < 0  # deleted, its socket closed
        server.sweep()
        assert server.counters.drops["receive_buffer"] == relay_lost

        listener = server._udp_sock
        assert listener is not None
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
        _flood(listener.getsockname()[:2])
        listener_lost = receive_drops(listener)
        assert listener_lost
        metric_before = _metric()
        closed = True
        await server.close()  # no sweep since: close counts them
        assert server.counters.drops["receive_buffer"] == relay_lost + listener_lost
        assert _metric() - metric_before == listener_lost
    finally:
        if not closed:
            await server.close()


async def test_each_sweep_reads_a_slice_of_the_relay_sockets(
    make_config: Callable[..., TurnConfig], raw_client: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With many allocations a sweep reads the relay sockets of a bounded number of them
    (here 1 of 3), the next ones at the next sweep: all are counted within 3 sweeps."""
    monkeypatch.setattr(allocations, "RECEIVE_DROPS_PER_CALL", 1)
    server = make_turn_server(make_config(sweep_interval=3600), "off")
    await server.start()
    try:
        relays = []
        for _ in range(3):
            client = await raw_client(server.udp_address)
            session = Session(*rest_credentials(b"test-secret-current", "alice", 600))
            await allocate(client, session)
            relays.append(next(iter(server.table.udp_by_client[client.address].sockets.values())))
        for relay in relays:
            relay.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
            _flood(relay.getsockname()[:2])
        lost = [receive_drops(relay) for relay in relays]
        counted = []
        for _ in range(3):
            server.sweep()
            counted.append(server.counters.drops.get("receive_buffer", 0))
        assert counted[0] in lost and counted[1] - counted[0] in lost  # one socket a sweep
        assert counted[2] == sum(lost)
    finally:
        await server.close()
