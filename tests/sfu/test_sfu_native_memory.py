"""Issue 13 acceptance 5 (SFU): forwarding 1,000,000 packets through the native core
leaves resident memory flat (within 5 %)."""

from __future__ import annotations

import os
import socket
import struct

import pytest

from sfu.native_forward import load_core

CORE, WHY = load_core()
pytestmark = [pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}"),
              pytest.mark.slow]  # fmt: skip


class Stats:
    forwarded_packets = 0
    forwarded_bytes = 0

    def drop(self, reason: str) -> None:
        raise AssertionError(f"unexpected drop: {reason}")


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_a_million_forwarded_packets_leave_memory_flat() -> None:
    assert CORE is not None
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender.bind(("127.0.0.1", 0))
    sender.setblocking(False)
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind(("127.0.0.1", 0))  # never read: the kernel drops what does not fit
    stats = Stats()
    forwarder = CORE.Forwarder(sender.fileno(), stats)
    egress = CORE.Egress(forwarder, CORE.SrtpSession(1, bytes(range(30)), True),
                         sink.getsockname())  # fmt: skip
    id_map = bytes(range(256))
    routes = [CORE.Route(egress, 0xABC, 96, id_map, True)]
    ext = struct.pack("!HH", 0xBEDE, 1) + bytes([0x22, 0, 0, 0])  # abs-send-time, id 2
    packet = bytearray(struct.pack("!BBHII", 0x90, 96, 0, 0, 0x1234) + ext + bytes(200))
    baseline = 0
    for index in range(1_000_000):
        struct.pack_into("!HI", packet, 2, index & 0xFFFF, index * 3000 & 0xFFFFFFFF)
        forwarder.forward(packet, routes, index / 1000, True, 17, b"\x01\x02\x03", 0)
        if index == 100_000:  # caches, socket buffers and the allocator have settled
            baseline = _resident_bytes()
    assert stats.forwarded_packets == 1_000_000
    assert routes[0].packets == 1_000_000
    assert _resident_bytes() <= baseline * 1.05, (baseline, _resident_bytes())
    sender.close()
    sink.close()
