"""Relaying 1,000,000 packets through the native core's thread, and handing a STUN request
per 64 of them up to Python, leaves resident memory flat (< 5 %)."""

from __future__ import annotations

import os
import socket
import struct
import time

import pytest

from tests.turn.loopback import udp
from turn.native_server import load_core

CORE, WHY = load_core()
pytestmark = [pytest.mark.skipif(CORE is None, reason=f"native relay core not built: {WHY}"),
              pytest.mark.slow]  # fmt: skip
BURST = 32


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _drain(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            sock.recv(65536)
        except BlockingIOError:
            return count
        count += 1


def test_a_million_relayed_packets_leave_memory_flat() -> None:
    assert CORE is not None
    listener, relay, client, peer = udp(), udp(), udp(), udp()
    core = CORE(listener.fileno(), 16, 8192)
    core.set_allocation(client.getsockname(), [relay.fileno()], ["127.0.0.1"],
                        [(0x4000, peer.getsockname())])  # fmt: skip
    core.start(200)
    frame = struct.pack("!HH", 0x4000, 1000) + bytes(1000)
    payload = bytes(1000)
    binding = struct.pack("!HHI", 0x0001, 0, 0x2112A442) + bytes(12)  # goes up to Python
    listener_address, relay_address = listener.getsockname(), relay.getsockname()
    relayed = returned = bursts = 0
    baseline = 0
    while relayed < 1_000_000:
        for _ in range(BURST):
            client.sendto(frame, listener_address)
            peer.sendto(payload, relay_address)
        client.sendto(binding, listener_address)
        bursts += 1
        deadline = time.monotonic() + 10
        got = 0
        while (got < 2 * BURST or returned < bursts) and time.monotonic() < deadline:
            returned += sum(data == binding for data, _ in core.poll())
            got += _drain(peer) + _drain(client)
        assert got == 2 * BURST and returned == bursts, core.counters()
        relayed += got
        if baseline == 0 and relayed >= 100_000:
            baseline = _resident_bytes()
    counters = core.counters()
    assert counters["to_peer_packets"] + counters["to_client_packets"] == relayed
    assert sum(counters["drops"].values()) == 0
    grown = _resident_bytes() / baseline - 1
    assert grown < 0.05, f"resident memory grew {grown:.1%}"
    core.close()
    for sock in (listener, relay, client, peer):
        sock.close()
