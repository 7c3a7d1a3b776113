"""The SFU native core used wrongly from Python: objects whose ``__init__`` never ran, a
clock that changes what it is asked about, callbacks that fail in the middle of a batch,
values out of range. Each gets a Python exception or a counted drop, never a crash, and the
rest of the work goes on (found by a review that called the core's types directly)."""

from __future__ import annotations

import os
import socket
import struct

import pytest

from sfu.control import WorkerStats
from sfu.native_forward import load_core
from tests.turn.loopback import udp

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native SFU core not built: {WHY}")


def rtp(seq: int, extension: bytes = b"", payload: bytes = b"payload") -> bytes:
    first = 0x90 if extension else 0x80
    header = struct.pack("!BBHII", first, 96, seq, 1000, 0x1234)
    if extension:
        header += struct.pack("!HH", 0xBEDE, len(extension) // 4) + extension
    return header + payload


@pytest.fixture
def rig():  # type: ignore[no-untyped-def]
    """A forwarder on a loopback socket, and an egress to a receiver with the session's
    inbound twin to read what arrives."""
    sender, receiver = udp(), udp()
    receiver.settimeout(2.0)
    stats = WorkerStats()
    key = os.urandom(30)
    forwarder = CORE.Forwarder(sender.fileno(), stats)
    egress = CORE.Egress(forwarder, CORE.SrtpSession(1, key, True), receiver.getsockname())
    inbound = CORE.SrtpSession(1, key, False)

    def received() -> bytes:
        return inbound.unprotect(receiver.recv(2048))

    yield forwarder, egress, stats, received
    sender.close()
    receiver.close()


def test_objects_whose_init_never_ran_raise_or_count(rig) -> None:  # type: ignore[no-untyped-def]
    forwarder, egress, stats, received = rig
    with pytest.raises(RuntimeError, match="Egress is not initialised"):
        CORE.Egress.__new__(CORE.Egress).send(rtp(1), 19)
    empty = CORE.RetransmissionBuffer.__new__(CORE.RetransmissionBuffer)
    for call in (lambda: empty.get(1), lambda: empty.store(1, b"x")):
        with pytest.raises(RuntimeError, match="not initialised"):
            call()
    # a Route that was never initialised is a not_connected drop; the next route is sent
    route = CORE.Route(egress, 0x5678, 96, bytes(range(256)), False)
    forwarder.forward(rtp(7), [CORE.Route.__new__(CORE.Route), route], 0.0, True, -1, b"", 0)
    assert stats.drops == {"not_connected": 1}
    assert received()[8:12] == struct.pack("!I", 0x5678)


def test_an_uninitialised_inbound_stream_sends_the_packet_to_python(rig) -> None:  # type: ignore[no-untyped-def]
    forwarder, _, stats, _ = rig
    key = os.urandom(30)

    class Producer:
        inbound = CORE.InboundStream.__new__(CORE.InboundStream)
        ssrc = 0x1234
        waiting_for_keyframe = 0

    class Transport:
        native_rx = CORE.SrtpSession(1, key, False)
        producers_by_ssrc = {0x1234: Producer()}

    delivered: list[bytes] = []
    address = ("127.0.0.1", 5004)
    forwarder.set_ingress({address: Transport()}, lambda *a: None,
                          lambda t, plain: delivered.append(plain), lambda: 1.0, print)
    forwarder.receive(CORE.SrtpSession(1, key, True).protect(rtp(3)), address)
    assert delivered == [rtp(3)]


@pytest.mark.parametrize("change", ["clear", "shrink"])
def test_a_clock_that_changes_the_buffer_during_get_is_seen(change: str) -> None:
    """get() asks the clock the time after finding the packet: a clock that cleared or
    re-sized the buffer meanwhile means there is no packet to return (it read freed
    memory before)."""
    meddle: list[bool] = []

    def clock() -> float:
        if meddle:
            if change == "clear":
                buffer.clear()
            else:
                buffer.__init__(1, 1.0, clock)
        return 0.0

    buffer = CORE.RetransmissionBuffer(64, 1.0, clock)
    buffer.store(5, b"packet", 0.0)
    assert buffer.get(5) == b"packet"
    meddle.append(True)
    assert buffer.get(5) is None


def test_values_out_of_range_are_refused(rig) -> None:  # type: ignore[no-untyped-def]
    _, egress, _, _ = rig
    for ssrc in (1 << 32, -1):
        with pytest.raises(ValueError, match="SSRC"):
            CORE.Route(egress, ssrc, 96, bytes(256), False)
    route = CORE.Route(egress, 1, 96, bytes(256), False)
    with pytest.raises(ValueError, match="counts"):
        route.set_state(0, 0, 0, 0, 0.0, -1, 0)
    with pytest.raises(ValueError, match="timestamps"):
        route.set_state(0, 1 << 32, 0, 0, 0.0, 0, 0)
    for value in (-1, 1 << 40):
        with pytest.raises(ValueError):
            route.last_in_ts = value
    route.last_in_ts = 0xFFFFFFFF
    assert route.last_in_ts == 0xFFFFFFFF
    with pytest.raises(TypeError, match="clock"):
        CORE.RetransmissionBuffer(4, 1.0, 5)


def test_an_abs_send_time_offset_past_the_packet_is_not_written(rig) -> None:  # type: ignore[no-untyped-def]
    """The offset check must not overflow: an offset near 2^63 writes nothing (it used to
    write far outside the packet)."""
    forwarder, egress, stats, received = rig
    route = CORE.Route(egress, 0x1234, 96, bytes(range(256)), True)
    for seq, offset in enumerate(((1 << 63) - 1, (1 << 63) - 3, -(1 << 63))):
        packet = rtp(seq, extension=b"\x22abc")  # abs-send-time, id 2, value b"abc"
        forwarder.forward(packet, [route], 0.0, True, offset, b"xyz", 0)
        assert received() == packet
    assert stats.forwarded_packets == 3


def test_a_forwarder_needs_a_udp_socket() -> None:
    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        with pytest.raises(ValueError, match="UDP socket"):
            CORE.Forwarder(left.fileno(), WorkerStats())
    finally:
        left.close()
        right.close()


def test_a_failing_datagram_in_a_drained_batch_is_counted_and_the_rest_go_on() -> None:
    server, client = udp(), udp()
    stats = WorkerStats()
    forwarder = CORE.Forwarder(server.fileno(), stats)
    seen: list[bytes] = []
    errors: list[BaseException] = []

    def demultiplex(data: bytes, address: tuple) -> None:
        if data == b"boom":
            raise RuntimeError("a handler bug")
        if data == b"again":
            forwarder.drain()  # a callback draining would overwrite the batch: refused
        seen.append(data)

    forwarder.set_ingress({}, demultiplex, lambda *a: None, lambda: 0.0, errors.append)
    try:
        datagrams = [b"one", b"boom", b"again", *(b"n%d" % i for i in range(20))]
        for data in datagrams:
            client.sendto(data, server.getsockname())
        forwarder.drain()
        assert seen == [b"one", *(b"n%d" % i for i in range(20))]
        assert stats.drops == {"internal_error": 2}
        assert [type(e) for e in errors] == [RuntimeError, RuntimeError]
        assert "within drain()" in str(errors[1])
    finally:
        server.close()
        client.close()
