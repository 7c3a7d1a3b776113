"""The native core's batched sends: a run of equal packets to one peer leaves as one UDP GSO
message and arrives as separate datagrams, in order; when the kernel refuses GSO on a socket
the same packets go out one by one with sendto. The core's thread relays; the test only
waits for the peer to receive."""

from __future__ import annotations

import socket
import struct
import time

import pytest

from turn.native_server import load_core

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native relay core not built: {WHY}")
SO_NO_CHECK = 11
"""With UDP checksums off the kernel refuses GSO on the socket (EINVAL)."""


def _udp() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    return sock


def _relay_burst(no_checksums: bool, payloads: list[bytes] | None = None
                 ) -> tuple[list[bytes], list[bytes], dict]:  # type: ignore[type-arg]
    assert CORE is not None
    listener, relay, client, peer = _udp(), _udp(), _udp(), _udp()
    if no_checksums:
        relay.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
    core = CORE(listener.fileno(), 4, 8192)
    core.set_allocation(client.getsockname(), [relay.fileno()], ["127.0.0.1"],
                        [(0x4000, peer.getsockname())])  # fmt: skip
    if payloads is None:
        payloads = [bytes([index]) * 500 for index in range(20)]
    for payload in payloads:
        client.sendto(struct.pack("!HH", 0x4000, len(payload)) + payload, listener.getsockname())
    core.start(0)  # its thread's first wake-up finds all 20 queued on the listener
    received: list[bytes] = []
    deadline = time.monotonic() + 5
    while len(received) < len(payloads) and time.monotonic() < deadline:
        core.poll()
        try:
            received.append(peer.recv(65536))
        except BlockingIOError:
            pass
    counters = core.counters()
    core.close()
    for sock in (listener, relay, client, peer):
        sock.close()
    return payloads, received, counters


def test_equal_packets_to_one_peer_leave_as_gso_and_arrive_separately() -> None:
    payloads, received, counters = _relay_burst(no_checksums=False)
    assert received == payloads
    assert counters["gso_messages"] >= 1 and counters["gso_refused"] == 0
    assert counters["to_peer_packets"] == len(payloads)


def test_a_shorter_last_packet_joins_the_run_and_an_empty_one_does_not() -> None:
    """UDP GSO cuts a message into segments of the first one's size, so a video frame's
    shorter last packet can end a run; an empty datagram cannot be a segment (it would not
    be sent) and leaves alone."""
    frames = [[bytes([index]) * 500, bytes([index]) * 300] for index in range(6)]
    payloads = [payload for frame in frames for payload in frame] + [b"x" * 500, b""]
    sent, received, counters = _relay_burst(no_checksums=False, payloads=payloads)
    assert received == sent
    assert counters["gso_messages"] == len(frames)  # one per frame; the last pair is not one
    assert counters["to_peer_packets"] == len(payloads)


def test_refused_gso_falls_back_to_one_sendto_per_packet() -> None:
    payloads, received, counters = _relay_burst(no_checksums=True)
    assert received == payloads
    assert counters["gso_refused"] >= 1 and counters["gso_messages"] == 0
    assert counters["to_peer_packets"] == len(payloads)


def test_packets_arriving_while_the_thread_coalesces_leave_together() -> None:
    """After a wake-up that read one datagram the thread sleeps coalesce_us (here 10 ms), so
    a burst sent meanwhile is read in one batch and leaves as GSO runs, in order."""
    assert CORE is not None
    listener, relay, client, peer = _udp(), _udp(), _udp(), _udp()
    core = CORE(listener.fileno(), 4, 8192)
    core.set_allocation(client.getsockname(), [relay.fileno()], ["127.0.0.1"],
                        [(0x4000, peer.getsockname())])  # fmt: skip
    core.start(10_000)
    peer.settimeout(10)

    def frame(payload: bytes) -> bytes:
        return struct.pack("!HH", 0x4000, len(payload)) + payload

    client.sendto(frame(b"wake"), listener.getsockname())
    assert peer.recv(65536) == b"wake"  # the thread now sleeps up to 10 ms
    payloads = [bytes([index]) * 500 for index in range(20)]
    for payload in payloads:
        client.sendto(frame(payload), listener.getsockname())
    received = [peer.recv(65536) for _ in payloads]
    counters = core.counters()
    core.close()
    for sock in (listener, relay, client, peer):
        sock.close()
    assert received == payloads
    assert counters["gso_messages"] >= 1
