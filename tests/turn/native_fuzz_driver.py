"""Feeds a RelayCore random and mutated datagrams; run by test_turn_native_sanitized.py.

``python native_fuzz_driver.py MODULE_PATH COUNT SEED``: loads the (sanitizer-built)
extension from MODULE_PATH, starts its relay thread, sends COUNT datagrams over loopback to
its listener and relay sockets in chunks while changing the allocation's tables and relay
socket from this thread, takes what the core queues for Python until the core has accounted
for each datagram (relayed, queued for Python, or a counted drop), and also calls every entry
point with malformed arguments; closing joins the thread.
Prints one JSON line of counters; exits non-zero if a datagram is unaccounted for.

The peers, and so the only address the allocation has a permission for, are on PEER_IP,
which no other test uses: a mutated Send indication names a random port of its peer
address, and the core relays its payload there. With the peers on 127.0.0.1, those
payloads reached other tests running beside this one (a 3-byte Data indication arrived
at coturn's turnutils_uclient through its own allocation, whose byte count then failed).
"""

from __future__ import annotations

import importlib.util
import json
import random
import socket
import struct
import sys
import time

from loopback import udp  # beside this script: its directory is first on sys.path

CHUNK = 64
PEER_IP = "127.0.0.78"


def load(path: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("turn._relaycore", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def send_indication(rng: random.Random, peer: tuple[str, int], payload: bytes) -> bytes:
    tid = rng.randbytes(12)
    ip = socket.inet_aton(peer[0])
    xored = bytes(a ^ b for a, b in zip(ip, b"\x21\x12\xa4\x42", strict=True))
    address = struct.pack("!BBH", 0, 1, peer[1] ^ 0x2112) + xored
    pad = b"\x00" * (-len(payload) % 4)
    body = struct.pack("!HH", 0x0012, 8) + address + struct.pack("!HH", 0x0013, len(payload))
    body += payload + pad
    return struct.pack("!HHI", 0x0016, len(body), 0x2112A442) + tid + body


def mutate(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.4 and buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        elif choice < 0.6:
            del buffer[rng.randrange(len(buffer) + 1) :]
        elif choice < 0.8 and len(buffer) >= 4:
            offset = rng.randrange(len(buffer) - 3)
            buffer[offset : offset + 2] = rng.randrange(0x10000).to_bytes(2, "big")
        else:
            buffer += rng.randbytes(rng.randint(1, 64))
    return bytes(buffer)


def bad_calls(core, rng: random.Random, relay_fd: int) -> int:  # type: ignore[no-untyped-def]
    """Entry points with malformed arguments: each must raise a clean exception."""
    junk = [None, 1, -1, "x", b"x", ("1.2.3.4",), ("1.2.3.4", 70000), ("nope", 1),
            [relay_fd] * 3, [999999], ["127.0.0.1"] * 65, [(1, ("127.0.0.1", 1))],
            [(0x4000, "x")], [(0x4000, ("127.0.0.1", 1))] * 65, [-5], (), 2**70]
    raised = 0
    for _ in range(40):
        args = [rng.choice(junk) for _ in range(4)]
        try:
            core.set_allocation(*args)
        except (ValueError, OverflowError, TypeError, OSError):
            raised += 1
        for call in (core.remove_allocation, core.set_own_ports):
            try:
                call(rng.choice(junk))
            except (ValueError, OverflowError, TypeError):
                raised += 1
    for bandwidth in (-1, 2**41, 2**70, "x"):
        try:
            core.set_allocation(("127.0.0.1", 1), [relay_fd], [], [], bandwidth=bandwidth)
        except (ValueError, OverflowError, TypeError):
            raised += 1
    for coalesce in (None, -1, "x", 10_001, 2**70, 1.5):
        try:
            core.start(coalesce)
        except ValueError:
            raised += 1
    return raised


def accounted(counters: dict) -> int:  # type: ignore[type-arg]
    return (
        counters["to_peer_packets"]
        + counters["to_client_packets"]
        + counters["returned"]
        + sum(counters["drops"].values())
    )


def main() -> None:
    path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    module = load(path)
    rng = random.Random(seed)
    listener, relay, other_relay = udp(), udp(), udp()
    clients = [udp(), udp()]  # the first has an allocation, the second none
    peers = [udp(ip=PEER_IP), udp(ip=PEER_IP)]
    peer_addresses = [p.getsockname() for p in peers]
    # a request rate the STUN-looking share of the datagrams exceeds: both outcomes happen
    core = module.RelayCore(listener.fileno(), 4, 8192, request_rate=1000.0, request_burst=200.0)
    core.set_own_ports([listener.getsockname()[1]])
    client = clients[0].getsockname()
    tables = [
        ([PEER_IP], [(0x4000, peer_addresses[0]), (0x4001, peer_addresses[1])]),
        ([PEER_IP], []),
        ([], [(0x4000, peer_addresses[0])]),
    ]
    core.set_allocation(client, [relay.fileno()], *tables[0])
    listener_address = listener.getsockname()
    relay_address = relay.getsockname()  # the relay socket the allocation has now
    sent = 0
    raised = bad_calls(core, rng, relay.fileno())
    core.set_allocation(client, [relay.fileno()], *tables[0])
    core.start(50)  # the thread relays from here on, while this one changes the tables
    try:
        core.start(50)
    except RuntimeError:
        raised += 1
    while sent < count:
        if rng.random() < 0.002:  # new tables, relay socket or bandwidth limit (bytes/s)
            current = rng.choice([relay, other_relay])
            relay_address = current.getsockname()
            core.set_allocation(client, [current.fileno()], *rng.choice(tables),
                                bandwidth=rng.choice([0, 0, 100_000, 10_000_000]))
        batch = min(CHUNK, count - sent)
        for _ in range(batch):
            payload = rng.randbytes(rng.choice([0, 1, 3, 4, 100, 1200, rng.randint(0, 1500)]))
            kind = rng.random()
            if kind < 0.25:
                peers[rng.randrange(2)].sendto(payload, relay_address)
                continue
            if kind < 0.55:
                number = rng.choice([0x4000, 0x4001, 0x4002, rng.randrange(0x10000)])
                data = struct.pack("!HH", number, len(payload)) + payload
            elif kind < 0.85:
                target = rng.choice(peer_addresses + [listener_address, ("127.0.0.2", 9)])
                data = send_indication(rng, target, payload)
            elif kind < 0.95:
                data = payload
            else:
                data = rng.randbytes(rng.choice([8193, 9000]))
            if rng.random() < 0.5:
                data = mutate(rng, data)
            sender = rng.choice(clients if rng.random() < 0.1 else clients[:1])
            sender.sendto(data, listener_address)
        sent += batch
        deadline = time.monotonic() + 10
        while accounted(core.counters()) < sent:
            core.poll()
            if time.monotonic() > deadline:
                print(json.dumps({"error": "unaccounted", "sent": sent,
                                  "counters": core.counters()}))
                sys.exit(2)
        for sock in clients + peers:  # keep the receivers' buffers from filling up
            try:
                while True:
                    sock.recv(65536)
            except BlockingIOError:
                pass
    counters = core.counters()
    core.close()  # joins the thread
    try:
        core.poll()
    except ValueError:
        raised += 1
    print(json.dumps({"sent": sent, "raised": raised, "counters": counters}))
    sys.exit(0 if accounted(counters) >= sent else 3)


if __name__ == "__main__":
    main()
