"""Load processes of the TURN benchmark: paced ChannelData clients and a UDP echo peer.

Every data packet carries a 16-byte stamp at the start of its payload, ``!HHIQ``: client
process index, allocation index, sequence number and the send time in ``CLOCK_MONOTONIC``
nanoseconds (system-wide on Linux, so comparable between processes on one host). The
payload is padded to the requested size with zeros.

- :func:`client_main`: in its own process, sets up ``allocations`` allocations (Allocate,
  CreatePermission, ChannelBind to the peer), reports ``("ready", info)`` on its pipe, waits
  for ``("go", start_ns)`` and sends paced ChannelData for ``duration_s``, reading the echoes
  (round trip through the relay both ways), then reports ``("done", stats)``.
- :func:`peer_main`: in its own process, receives relayed packets, measures one-way latency
  (client -> relay -> peer) and echoes each datagram back to the relay address it came from.

Both count a stamp once (:class:`Arrivals`): a relay that delivered a packet twice would
otherwise read as less loss and more packets relayed. Both report what the kernel dropped
on their own sockets (:func:`socket_drops`): loss the load side caused, not the relay.
"""

from __future__ import annotations

import selectors
import socket
import struct
import time
from array import array
from dataclasses import dataclass
from multiprocessing.connection import Connection

from turn.credentials import rest_credentials

from .turn_client import TurnClient, TurnClientError
from .udp_drops import socket_drops

STAMP = struct.Struct("!HHIQ")
CHANNEL_BASE = 0x4000
_MAX_CATCH_UP = 256
"""Most send instants caught up at once when a client process falls behind its schedule."""
MAX_TRACKED_SEQUENCE = 1 << 24
"""Sequence numbers :class:`Arrivals` tracks per allocation (16 M packets, far beyond any
run's): a stamp beyond it is malformed, so a damaged one cannot make it allocate gigabytes."""


class Arrivals:
    """Which stamps arrived (a byte per sequence number and allocation), so that a duplicate
    is counted as one and not as another packet relayed."""

    def __init__(self) -> None:
        self._seen: dict[int, bytearray] = {}
        self.duplicates = 0

    def first(self, index: int, number: int, seq: int) -> bool:
        """Whether stamp (client process ``index``, allocation ``number``, ``seq``) is new.

        Raises:
            ValueError: ``seq`` is at or beyond :data:`MAX_TRACKED_SEQUENCE`.
        """
        if seq >= MAX_TRACKED_SEQUENCE:
            raise ValueError("sequence number out of range")
        seen = self._seen.setdefault(index << 16 | number, bytearray())
        if seq >= len(seen):
            seen.extend(bytes(max(seq + 1 - len(seen), 4096)))
        if seen[seq]:
            self.duplicates += 1
            return False
        seen[seq] = 1
        return True


@dataclass(frozen=True)
class ClientSpec:
    """What one load process does. Rates are packets/s, sizes bytes, times seconds."""

    index: int
    server: tuple[str, int]
    peer: tuple[str, int]
    secret: bytes
    allocations: int
    rate_pps: float
    """Packets per second per allocation."""
    payload_size: int
    duration_s: float
    drain_s: float = 0.5
    burst: int = 1
    """Packets an allocation sends back to back per send instant (a video frame's packets);
    the instants are ``burst / rate_pps`` apart, so the packet rate stays ``rate_pps``."""


def _setup(spec: ClientSpec) -> list[TurnClient]:
    clients: list[TurnClient] = []
    for number in range(spec.allocations):
        username, password = rest_credentials(spec.secret, f"bench-{spec.index}-{number}", 3600)
        client = TurnClient(spec.server, username, password)
        clients.append(client)
        client.allocate()
        client.create_permission(spec.peer)
        client.channel_bind(CHANNEL_BASE + number, spec.peer)
    return clients


def client_main(spec: ClientSpec, conn: Connection) -> None:
    """Process entry point (see the module docstring). Never raises: errors are reported."""
    began = time.monotonic()
    try:
        clients = _setup(spec)
    except (OSError, TurnClientError) as exc:
        conn.send(("error", f"client {spec.index}: setup failed: {exc}"))
        return
    conn.send(("ready", {"setup_s": time.monotonic() - began, "allocations": len(clients)}))
    message = conn.recv()
    if message[0] != "go":
        return
    try:
        stats = _send_loop(spec, clients, message[1])
    finally:
        for client in clients:
            client.close()
    conn.send(("done", stats))


def _send_loop(spec: ClientSpec, clients: list[TurnClient], start_ns: int) -> dict[str, object]:
    count = len(clients)
    frame_len = 4 + spec.payload_size
    frames = []
    for number in range(count):
        frame = bytearray(frame_len)
        struct.pack_into("!HH", frame, 0, CHANNEL_BASE + number, spec.payload_size)
        frames.append(frame)
    socks = [client.sock for client in clients]
    selector = selectors.DefaultSelector()
    for sock in socks:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    server = spec.server
    burst = spec.burst
    total_rate = spec.rate_pps * count
    interval_ns = burst * 1e9 / total_rate  # between send instants (bursts)
    end_ns = start_ns + int(spec.duration_s * 1e9)
    seqs = [0] * count
    rtts = array("q")
    arrivals = Arrivals()
    buffer = bytearray(0x10000)
    sent = instants = send_errors = echoed = malformed = 0
    max_lag_ns = 0
    clock = time.monotonic_ns
    pack_into = STAMP.pack_into
    unpack_from = STAMP.unpack_from
    index = spec.index

    def drain(timeout: float) -> None:
        nonlocal echoed, malformed
        for key, _ in selector.select(timeout):
            sock = key.fileobj
            while True:
                try:
                    size = sock.recv_into(buffer)  # type: ignore[union-attr]
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                if size >= 4 + STAMP.size and 0x40 <= buffer[0] <= 0x7F:
                    process, number, seq, stamp_ns = unpack_from(buffer, 4)
                    try:
                        if not arrivals.first(process, number, seq):
                            continue
                    except ValueError:
                        malformed += 1
                        continue
                    rtts.append(clock() - stamp_ns)
                    echoed += 1

    while True:
        now = clock()
        if now < start_ns:
            time.sleep((start_ns - now) / 1e9)
            continue
        if now >= end_ns:
            break
        due = int((now - start_ns) / interval_ns) + 1 - instants
        if due > 0:
            max_lag_ns = max(max_lag_ns, int(now - (start_ns + instants * interval_ns)))
            for _ in range(min(due, _MAX_CATCH_UP)):
                number = instants % count
                frame = frames[number]
                sock = socks[number]
                for _ in range(burst):
                    pack_into(frame, 4, index, number, seqs[number], clock())
                    seqs[number] += 1
                    try:
                        sock.sendto(frame, server)
                        sent += 1
                    except OSError:  # the load side's own failure, not the relay's loss
                        send_errors += 1
                instants += 1
        next_ns = min(start_ns + instants * interval_ns, end_ns)  # a slow rate's next
        drain(max(0.0, (next_ns - clock()) / 1e9))  # instant may lie beyond the window
    drain_end = clock() + int(spec.drain_s * 1e9)
    while (left := drain_end - clock()) > 0:
        drain(left / 1e9)
    selector.close()
    return {
        "socket_drops": socket_drops(socks),
        "sent": sent,
        "send_errors": send_errors,
        "echoed": echoed,
        "echo_duplicates": arrivals.duplicates,
        "echo_malformed": malformed,
        "offered_pps": sent / spec.duration_s,
        "max_lag_s": max_lag_ns / 1e9,
        "rtt_ns": rtts.tolist(),
    }


def peer_main(echo: bool, conn: Connection) -> None:
    """Process entry point: reports ``("port", port)``, then serves until ``("stop",)``,
    answering with ``("stats", {"received", "duplicates", "echo_errors", "malformed",
    "socket_drops", "latency_ns"})``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    conn.send(("port", sock.getsockname()[1]))
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_READ, "sock")
    selector.register(conn, selectors.EVENT_READ, "conn")
    latencies = array("q")
    arrivals = Arrivals()
    buffer = bytearray(0x10000)
    view = memoryview(buffer)
    received = echo_errors = malformed = 0
    clock = time.monotonic_ns
    unpack_from = STAMP.unpack_from
    while True:
        for key, _ in selector.select(1.0):
            if key.data == "conn":
                message = conn.recv()
                if message[0] == "stop":
                    selector.close()
                    drops = socket_drops([sock])
                    sock.close()
                    conn.send(
                        (
                            "stats",
                            {
                                "received": received,
                                "duplicates": arrivals.duplicates,
                                "echo_errors": echo_errors,
                                "malformed": malformed,
                                "socket_drops": drops,
                                "latency_ns": latencies.tolist(),
                            },
                        )
                    )
                    return
                continue
            for _ in range(256):
                try:
                    size, addr = sock.recvfrom_into(buffer)
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    continue
                if size < STAMP.size:
                    malformed += 1
                    continue
                process, number, seq, stamp_ns = unpack_from(buffer, 0)
                try:
                    new = arrivals.first(process, number, seq)
                except ValueError:
                    malformed += 1
                    continue
                if new:
                    latencies.append(clock() - stamp_ns)
                    received += 1
                if echo:  # a duplicate too, as a peer would: the client counts it once
                    try:
                        sock.sendto(view[:size], addr)
                    except OSError:
                        echo_errors += 1
