"""Issue 13 acceptance 5 (SFU): forwarding 1,000,000 packets through the native core, and
receiving 1,000,000 through its ingress path, leaves resident memory flat (within 5 %)."""

from __future__ import annotations

import os
import socket
import struct
from array import array

import pytest

from sfu.native_forward import load_core

CORE, WHY = load_core()
pytestmark = [pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}"),
              pytest.mark.slow]  # fmt: skip


class Stats:
    forwarded_packets = 0
    forwarded_bytes = 0

    def drop(self, reason: str, count: int = 1) -> None:
        raise AssertionError(f"unexpected drop: {reason}")


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _sockets() -> tuple[socket.socket, socket.socket]:
    """The core's sending socket and a sink on loopback that is never read (the kernel
    drops what does not fit)."""
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender.bind(("127.0.0.1", 0))
    sender.setblocking(False)
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind(("127.0.0.1", 0))
    return sender, sink


def test_a_million_forwarded_packets_leave_memory_flat() -> None:
    assert CORE is not None
    sender, sink = _sockets()
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


class Publisher:
    """A publish transport and its producer as ``Forwarder.receive`` reads them (the shapes
    of sfu.transport.WebRtcTransport and sfu.producer.Producer)."""

    def __init__(self, routes: list, key: bytes) -> None:
        self.native_rx = CORE.SrtpSession(8, key, False)
        self.stats = CORE.ReceiveStats(90000)
        self.buffer = CORE.RetransmissionBuffer(1000, 1.0, lambda: 0.0)
        self.inbound = CORE.InboundStream(self.stats, self.buffer, {}, [object()] * len(routes),
                                          routes, 96, 2, 0, None)
        self.ssrc = 0x1234
        self.producers_by_ssrc = {self.ssrc: self}
        self.waiting_for_keyframe = 0
        self.listener = self
        self.tap = None
        self.twcc_id = 3
        self.twcc = CORE.TwccArrivals(array("q", [-1]) * 1024, array("q", [0]) * 1024, 4)
        self.bwe = CORE.RembArrivals()


def test_a_million_received_packets_leave_memory_flat() -> None:
    """The ingress path (Forwarder.receive): unprotect, statistics, retransmission cache,
    transport-cc and REMB records, fan-out, for a million packets."""
    assert CORE is not None
    sender, sink = _sockets()
    stats = Stats()
    stats.received_packets = 0
    forwarder = CORE.Forwarder(sender.fileno(), stats)
    egress = CORE.Egress(forwarder, CORE.SrtpSession(1, bytes(range(30)), True),
                         sink.getsockname())  # fmt: skip
    routes = [CORE.Route(egress, 0xABC, 96, bytes(range(256)), True)]
    key = bytes(range(44))
    publisher = Publisher(routes, key)
    tx = CORE.SrtpSession(8, key, True)
    address = ("127.0.0.1", 5004)

    def python_path(*args) -> None:  # type: ignore[no-untyped-def]
        raise AssertionError(f"left to Python: {args}")

    forwarder.set_ingress({address: publisher}, python_path, python_path, lambda: 1.0,
                          python_path)
    # abs-send-time (id 2) and transport-wide sequence number (id 3)
    ext = struct.pack("!HH", 0xBEDE, 2) + bytes([0x22, 0, 0, 0, 0x31, 0, 0, 0])
    packet = bytearray(struct.pack("!BBHII", 0x90, 96, 0, 0, 0x1234) + ext + bytes(200))
    publisher.stats.update(0xFFFF, 0, 0.0)  # the Python path took the first packet
    baseline = 0
    for index in range(1_000_000):
        struct.pack_into("!HI", packet, 2, index & 0xFFFF, index * 3000 & 0xFFFFFFFF)
        struct.pack_into("!H", packet, 21, index & 0xFFFF)
        forwarder.receive(tx.protect(packet), address)
        if index == 100_000:  # caches, socket buffers and the allocator have settled
            baseline = _resident_bytes()
    assert stats.received_packets == stats.forwarded_packets == 1_000_000
    assert publisher.stats.received == 1_000_001
    assert publisher.buffer.stored()[0] == 1000
    assert _resident_bytes() <= baseline * 1.05, (baseline, _resident_bytes())
    sender.close()
    sink.close()
