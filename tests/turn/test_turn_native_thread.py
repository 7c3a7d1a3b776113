"""The native core's relay thread: it starts once with a valid coalescing time, hands listener
datagrams to Python through a bounded queue (a counted drop when full), and closing joins it,
counts what Python did not take as drops, and closes its descriptors; a forked child cannot
use its parent's core (and closing it there leaves the parent's thread running); a process
that exits without closing the core exits cleanly. A server whose thread relays concurrently
with Python relays ChannelData sent right after the ChannelBind answer (the tables are
updated before the answer leaves)."""

from __future__ import annotations

import asyncio
import os
import select
import socket
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.turn_client import TurnClient
from tests.turn.conftest import SECRET
from tests.turn.loopback import udp
from turn.credentials import rest_credentials
from turn.native_server import load_core
from turn.server import TurnServer

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native relay core not built: {WHY}")
BINDING = struct.pack("!HHI", 0x0001, 0, 0x2112A442)
"""A STUN Binding request header without its transaction id: the core leaves it to Python."""


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def _descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _wait_for(condition, what: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.001)


def test_close_joins_the_thread_and_closes_its_descriptors() -> None:
    assert CORE is not None
    listener = udp()
    threads, descriptors = _threads(), _descriptors()
    core = CORE(listener.fileno(), 4, 8192)
    core.start(500)
    assert _threads() == threads + 1
    core.close()
    assert _descriptors() == descriptors
    # the joined thread leaves /proc/self/task a moment after pthread_join returned (the
    # kernel wakes the joiner before it reaps the thread)
    _wait_for(lambda: _threads() == threads, "the joined thread to leave /proc/self/task")
    with pytest.raises(ValueError, match="closed"):
        core.poll()
    listener.close()


def test_start_takes_a_coalescing_time_in_range_once() -> None:
    assert CORE is not None
    listener = udp()
    core = CORE(listener.fileno(), 4, 8192)
    for bad in (-1, 10_001, "500", None, 2**70):
        with pytest.raises(ValueError, match="coalesce_us"):
            core.start(bad)  # type: ignore[arg-type]
    core.start(0)
    with pytest.raises(RuntimeError, match="already running"):
        core.start(0)
    core.close()
    listener.close()


def test_listener_datagrams_reach_python_in_order_and_a_full_queue_counts_drops() -> None:
    assert CORE is not None
    listener, client = udp(rcvbuf=1 << 23), udp()
    core = CORE(listener.fileno(), 4, 8192)
    count = 1100  # more than the queue holds (UP_QUEUE = 1024)
    for index in range(count):
        client.sendto(BINDING + index.to_bytes(12, "big"), listener.getsockname())
    core.start(0)
    _wait_for(lambda: core.counters()["returned"] + core.counters()["drops"]["native_queue_full"]
              >= count, "every datagram queued or dropped")  # fmt: skip
    up = core.poll()
    counters = core.counters()
    assert len(up) == 1024 == counters["returned"]
    assert counters["drops"]["native_queue_full"] == count - 1024
    assert [int.from_bytes(data[8:], "big") for data, _ in up] == list(range(1024))
    assert {address for _, address in up} == {client.getsockname()}
    # the queue has room again, and the eventfd says so when a datagram arrives
    client.sendto(BINDING + bytes(12), listener.getsockname())
    readable, _, _ = select.select([core.fileno()], [], [], 10)
    assert readable == [core.fileno()]
    assert core.poll() == [(BINDING + bytes(12), client.getsockname())]
    core.close()
    listener.close()
    client.close()


def test_clients_with_an_allocation_keep_their_place_in_a_flood_of_strangers() -> None:
    """A flood of STUN from addresses without an allocation fills their queue; a Refresh
    from a client the core relays for still reaches Python, and before the flood's."""
    assert CORE is not None
    listener, stranger, client, relay = udp(rcvbuf=1 << 23), udp(), udp(), udp()
    core = CORE(listener.fileno(), 4, 8192)
    core.set_allocation(client.getsockname(), [relay.fileno()], [], [])
    count = 1100  # more than a queue holds (UP_QUEUE = 1024)
    for index in range(count):
        stranger.sendto(BINDING + index.to_bytes(12, "big"), listener.getsockname())
    core.start(0)
    _wait_for(lambda: core.counters()["drops"].get("native_queue_full", 0) == count - 1024,
              "the strangers' queue full")
    refresh = b"\x00\x04\x00\x00" + BINDING[4:8] + bytes(12)  # a Refresh request
    client.sendto(refresh, listener.getsockname())
    _wait_for(lambda: core.counters()["returned"] == 1025, "the client's Refresh queued")
    up = core.poll()
    assert up[0] == (refresh, client.getsockname())
    assert [int.from_bytes(data[8:], "big") for data, _ in up[1:]] == list(range(1024))
    assert core.counters()["drops"]["native_queue_full"] == count - 1024
    core.close()
    for sock in (listener, stranger, client, relay):
        sock.close()


def test_datagrams_still_queued_for_python_at_close_are_counted_drops() -> None:
    assert CORE is not None
    listener, client = udp(), udp()
    core = CORE(listener.fileno(), 4, 8192)
    core.start(0)

    def send_and_wait(count: int, returned: int) -> None:
        for index in range(count):
            client.sendto(BINDING + index.to_bytes(12, "big"), listener.getsockname())
        _wait_for(lambda: core.counters()["returned"] == returned, f"{returned} queued")

    send_and_wait(3, 3)
    assert len(core.poll()) == 3  # handed to Python: not dropped
    send_and_wait(2, 5)
    assert core.counters()["drops"]["native_queue_closed"] == 0
    core.close()  # without taking the last two
    assert core.counters()["drops"]["native_queue_closed"] == 2
    listener.close()
    client.close()


def test_a_forked_child_cannot_use_the_parents_core_and_the_parent_keeps_relaying() -> None:
    assert CORE is not None
    listener, client, relay, peer = udp(), udp(), udp(), udp()
    core = CORE(listener.fileno(), 4, 8192)
    allocation = (client.getsockname(), [relay.fileno()], ["127.0.0.1"],
                  [(0x4000, peer.getsockname())])  # fmt: skip
    core.set_allocation(*allocation)
    core.start(0)
    calls = [core.poll, core.counters, core.fileno, core.take_channel_activity,
             lambda: core.start(0), lambda: core.set_own_ports([1]),
             lambda: core.set_allocation(*allocation),
             lambda: core.remove_allocation(client.getsockname())]  # fmt: skip
    pid = os.fork()
    if pid == 0:  # the child: exit status 0, or 1 + the index of a call that did not refuse
        status = 0
        try:
            for index, call in enumerate(calls):
                try:
                    call()
                except RuntimeError as exc:
                    if "before this process forked" in str(exc):
                        continue
                status = 1 + index
                break
            core.close()  # the child's copies only: the parent's thread must not stop
        except BaseException:
            status = 100
        finally:
            os._exit(status)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    client.sendto(struct.pack("!HH", 0x4000, 4) + b"data", listener.getsockname())
    _wait_for(lambda: core.counters()["to_peer_packets"] == 1, "the relayed packet")
    assert peer.recv(100) == b"data"
    core.close()
    for sock in (listener, client, relay, peer):
        sock.close()


def test_a_process_that_exits_with_the_thread_running_exits_cleanly(tmp_path: Path) -> None:
    script = tmp_path / "exit_running.py"
    script.write_text(textwrap.dedent("""
        import socket, struct, time
        from turn._relaycore import RelayCore
        listener, client, relay, peer = (socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                                         for _ in range(4))
        for sock in (listener, client, relay, peer):
            sock.bind(("127.0.0.1", 0))
        core = RelayCore(listener.fileno(), 4, 8192)
        core.set_allocation(client.getsockname(), [relay.fileno()], ["127.0.0.1"],
                            [(0x4000, peer.getsockname())])
        core.start(500)
        for _ in range(100):
            client.sendto(struct.pack("!HH", 0x4000, 4) + b"data", listener.getsockname())
        peer.settimeout(10)
        assert peer.recv(100) == b"data"
        print("relayed")
    """))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=60, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "relayed\n" and result.stderr == ""


def _bind_then_send_at_once(server: tuple[str, int], peer: socket.socket, count: int) -> int:
    """``count`` times: a new allocation, ChannelBind to ``peer``, and ChannelData sent as
    soon as the answer arrived; returns how many reached the peer."""
    peer.settimeout(5)
    arrived = 0
    # every client keeps its port to the end: a closed one's port, reused by a later client,
    # would meet its allocation under another username (441 Wrong Credentials)
    clients: list[TurnClient] = []
    try:
        for index in range(count):
            username, password = rest_credentials(SECRET, f"user{index}", 600)
            client = TurnClient(server, username, password)
            clients.append(client)
            client.allocate()
            client.channel_bind(0x4000, peer.getsockname())
            payload = b"right after the bind %d" % index
            client.sock.sendto(struct.pack("!HH", 0x4000, len(payload)) + payload, server)
            try:
                arrived += peer.recv(65536) == payload
            except TimeoutError:
                pass
    finally:
        for client in clients:
            client.close()
    return arrived


async def test_channel_data_right_after_the_channel_bind_answer_is_relayed(
    start_server,  # type: ignore[no-untyped-def]
) -> None:
    server: TurnServer = await start_server(tcp_port=None, tls_port=None)
    assert server.udp_address is not None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        arrived = await asyncio.to_thread(_bind_then_send_at_once, server.udp_address, peer, 40)
    assert arrived == 40


def test_a_core_whose_init_failed_cannot_start() -> None:
    """__init__ that raised (a listener epoll cannot watch: a regular file) leaves a core
    that refuses start(): its thread would wait on an epoll set without the stop event, and
    close() would wait for it for ever."""
    assert CORE is not None
    with open(os.devnull) as regular:
        core = CORE.__new__(CORE)
        with pytest.raises(OSError):
            core.__init__(regular.fileno(), 2, 1500)
        with pytest.raises(ValueError, match="__init__ failed"):
            core.start(0)
        core.close()


def test_an_ip_text_with_a_nul_is_not_an_address() -> None:
    """inet_pton reads a C string: "127.0.0.1\\0junk" would be taken as 127.0.0.1."""
    assert CORE is not None
    listener, relay = udp(), udp()
    core = CORE(listener.fileno(), 4, 8192)
    try:
        with pytest.raises(ValueError, match="not an IP address"):
            core.set_allocation(("127.0.0.1\x00junk", 7), [relay.fileno()], [], [])
        with pytest.raises(ValueError, match="not an IP address"):
            core.set_allocation(("127.0.0.1", 7), [relay.fileno()], ["127.0.0.1\x00x"], [])
        core.set_allocation(("127.0.0.1", 7), [relay.fileno()], [], [])
        with pytest.raises(ValueError, match="not an IP address"):
            core.remove_allocation(("127.0.0.1\x00junk", 7))
        assert core.remove_allocation(("127.0.0.1", 7))
    finally:
        core.close()
        listener.close()
        relay.close()
