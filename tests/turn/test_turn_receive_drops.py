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

from prometheus_client import REGISTRY
from turn_test_support import Session, allocate

from tests.conftest import wait_until
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
