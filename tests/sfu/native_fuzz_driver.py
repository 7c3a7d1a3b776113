"""Feeds the SFU forwarding core random and mutated datagrams; run by
test_sfu_native_sanitized.py.

``python native_fuzz_driver.py MODULE_PATH COUNT SEED``: loads the (sanitizer-built)
extension from MODULE_PATH and hands COUNT datagrams to ``Forwarder.forward`` with four
routes (identity, remapping with abs-send-time stamps, one whose session was wiped, and a
simulcast layer's that renumbers VP8 pictures and logs what it sends),
to ``SrtpSession.unprotect`` and ``Egress.send`` (a pool of random, mutated and valid
packets, mutated again as they are reused; SRTP sessions of both engines, libsrtp's
AES128_CM_SHA1_80 and the core's AES-GCM, whose outbound stream table fills up) and to the
parsers ``read_header`` and ``scan_extensions`` (with the header's block bounds, and with
random ones); routes number packets (transport-cc) and their egresses' logs are taken now
and then; one datagram in eight goes to the ingress path ``Forwarder.receive`` instead,
directly or through the core's socket and ``Forwarder.drain`` (batches, UDP GSO runs)
(SRTP of a publisher's stream, in order or not, tampered with or not, of other SSRCs and
payload types, and random datagrams, from a known address or not; a VP8 stream's, and one
in four directly to an H.264 stream's, whose SPS packets go to Python; the transport-cc
arrivals go to the core's TwccArrivals, the REMB and level callbacks now and then raise);
it also calls every entry point with malformed arguments. Every (datagram, route) pair
must come out as a send or a counted drop, and every ingress datagram as Python's
(demultiplexed or delivered), a counted drop, or forwarded to each route; the parsers
return or raise ValueError (ParseError is one).
Prints one JSON line of counters; exits non-zero when the accounts do not balance.
"""

from __future__ import annotations

import importlib.util
import json
import random
import socket
import struct
import sys
from array import array


class Stats:
    """The counters the core writes (the shape of sfu.control.WorkerStats)."""

    def __init__(self) -> None:
        self.forwarded_packets = 0
        self.forwarded_bytes = 0
        self.received_packets = 0
        self.drops: dict[str, int] = {}

    def drop(self, reason: str, count: int = 1) -> None:
        self.drops[reason] = self.drops.get(reason, 0) + count


POOL = 20_000
"Random and mutated datagrams generated up front; each is used (and mutated) again."
ABS_VALUES = (b"\x01\x02\x03", b"", b"\x04\x05\x06", b"\x07\x08\x09\x0a")


def load(path: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sfu._forwardcore", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rtp(rng: random.Random) -> bytes:
    csrcs = rng.randint(0, 3)
    ext = b""
    b0 = 0x80 | csrcs
    if rng.random() < 0.7:
        profile = rng.choice([0xBEDE, 0x1000, 0x1234])
        body = bytearray()
        for _ in range(rng.randint(0, 4)):
            if profile == 0xBEDE:
                size = rng.choice([3, 1, 2, 16])
                body += bytes([(rng.randint(1, 14) << 4) | (size - 1)]) + rng.randbytes(size)
            else:
                size = rng.randint(0, 8)
                body += bytes([rng.randint(1, 255), size]) + rng.randbytes(size)
        body += bytes(-len(body) % 4)
        ext = struct.pack("!HH", profile, len(body) // 4) + bytes(body)
        b0 |= 0x10
    header = struct.pack("!BBHII", b0, rng.randrange(256), rng.randrange(65536),
                         rng.randrange(1 << 32), rng.randrange(1 << 32))  # fmt: skip
    header += rng.randbytes(4 * csrcs) + ext
    return header + rng.randbytes(rng.choice([0, 10, 300, 1200, 1400]))


def mutate(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.5 and buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        elif choice < 0.8:
            del buffer[rng.randrange(len(buffer) + 1) :]
        else:
            buffer += rng.randbytes(rng.randint(1, 200))
    return bytes(buffer)


def datagram(rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.45:
        return rtp(rng)
    if choice < 0.9:
        return mutate(rng, rtp(rng))
    return rng.randbytes(rng.randint(0, 1600))


def malformed_calls(core, forwarder, egress, session) -> int:  # type: ignore[no-untyped-def]
    """Entry points called with wrong arguments, or on objects whose ``__init__`` never ran,
    must raise, not crash."""
    raised = 0
    spare = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    calls = [
        lambda: forwarder.forward(b"", None, 0.0, True, -1, b"", 0),
        lambda: forwarder.forward(b"\x80" * 20, [None, 1, "x"], 0.0, True, -1, b"", 0),
        lambda: forwarder.forward(b"\x80" * 20, [], "now", True, -1, b"", 0),
        lambda: forwarder.forward(b"\x80" * 20, [], 0.0, True, 1 << 80, b"", 0),
        lambda: forwarder.forward(None, [], 0.0, True, -1, b"", 0),
        lambda: forwarder.forward(b"\x80" * 20, []),
        lambda: egress.send(b"abc", -5),
        lambda: egress.send(None, 1),
        lambda: egress.send(b"x" * 20, 1 << 70),
        lambda: setattr(egress, "address", ("not an ip", 1)),
        lambda: setattr(egress, "address", ("127.0.0.1", 70000)),
        lambda: setattr(egress, "address", None),
        lambda: core.Route(egress, 1, 200, bytes(256), False),
        lambda: core.Route(egress, 1, 1, bytes(10), False),
        lambda: core.Route(egress, 1, 1, bytes(256), False, 0, True).set_pictures(0, 0, 1 << 15,
                                                                                  0),
        lambda: core.Route(egress, 1, 1, bytes(256), False, 0, True).set_pictures(0, 0, 0, -2),
        lambda: setattr(core.Route(egress, 1, 1, bytes(256), False), "floor", 1 << 16),
        lambda: core.SrtpSession(99, bytes(30), True),
        lambda: core.SrtpSession(1, bytes(3), True),
        lambda: core.SrtpSession(8, bytes(28), True),  # an AES-128-GCM key for AES-256-GCM
        lambda: core.Egress(forwarder, None, ("127.0.0.1", 1)),
        lambda: core.Forwarder(-1, Stats()),
        lambda: session.unprotect(None),
        lambda: core.read_header(None),
        lambda: core.Route(egress, 1, 1, bytes(256), False, 256),
        lambda: setattr(egress, "transport_seq", 1 << 16),
        lambda: setattr(egress, "transport_seq", None),
        lambda: core.scan_extensions(b"", 0, 0, 0xBEDE),
        lambda: core.scan_extensions(b"", 0, 1 << 80, 0xBEDE, 1),
        lambda: core.scan_extensions(None, 0, 0, 0xBEDE, 1),
        lambda: forwarder.receive(b"\x80" * 20),
        lambda: forwarder.set_ingress([], print, print, print, print),
        lambda: forwarder.set_ingress({}, 1, print, print, print),
        lambda: core.InboundStream(None, None, None, [], [], 96, 0, 0, None),
        lambda: core.InboundStream(core.ReceiveStats(1), None, None, [], [], 200, 0, 0, None),
        lambda: core.InboundStream(core.ReceiveStats(1), 5, None, [], [], 96, 0, 0, None),
        lambda: core.ReceiveStats(0),
        lambda: core.ReceiveStats(1).update(70000, 0, 0.0),
        lambda: core.ReceiveStats(1).update(1, 0, "now"),
        lambda: core.RetransmissionBuffer(0, 1.0, print),
        lambda: core.RetransmissionBuffer(1, 1.0, print).get("x"),
        lambda: core.TwccArrivals(b"\x00" * 8, b"\x00" * 8, 4),
        lambda: core.TwccArrivals(array("q", [0]) * 3, array("q", [0]) * 3, 4),
        lambda: core.TwccArrivals(array("i", [0]) * 4, array("i", [0]) * 4, 4),
        lambda: core.TwccArrivals(array("q", [0]) * 4, array("q", [0]) * 4, 4).record(
            1 << 16, 0.0, 1),
        lambda: core.TwccArrivals().record(1, 0.0, 1),
        lambda: core.Forwarder(spare.fileno(), Stats()).drain(),  # before set_ingress
        lambda: core.Forwarder(0, Stats()),  # not a UDP socket
        lambda: core.Route(egress, 1 << 32, 1, bytes(256), False),
        lambda: core.Route(egress, 1, 1, bytes(256), False).set_state(0, 0, 0, 0, 0.0, -1, 0),
        lambda: setattr(core.Route(egress, 1, 1, bytes(256), False), "last_in_ts", -1),
        lambda: core.Egress.__new__(core.Egress).send(b"\x80" * 20, 20),
        lambda: core.RetransmissionBuffer.__new__(core.RetransmissionBuffer).get(1),
        lambda: core.RetransmissionBuffer.__new__(core.RetransmissionBuffer).store(1, b"x"),
        lambda: core.RetransmissionBuffer(4, 1.0, 5),  # a clock that is not callable
    ]
    for call in calls:
        try:
            call()
        except (TypeError, ValueError, OverflowError, AttributeError, BufferError,
                RuntimeError):
            raised += 1
    spare.close()
    # wrong-type items in the route list are skipped; only Route objects count, and one
    # whose __init__ never ran is a not_connected drop
    forwarder.forward(b"\x80" * 20, [None, 1, "x", core.Route.__new__(core.Route)], 0.0, True,
                      -1, b"", 0)
    # an abs-send-time offset far past the packet is not written (no overflow of the check)
    with_extension = b"\x90" + bytes(11) + b"\xbe\xde\x00\x01\x22abc"
    for far in ((1 << 63) - 1, (1 << 63) - 3, -(1 << 63)):
        forwarder.forward(with_extension, [core.Route(egress, 1, 1, bytes(range(256)), True)],
                          0.0, True, far, b"xyz", 0)
    return raised


class Calls:
    """A callable that counts its calls and raises on every ``fail_every``-th (0: never)."""

    def __init__(self, fail_every: int = 0) -> None:
        self.calls = 0
        self.failed = 0
        self.fail_every = fail_every

    def __call__(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.fail_every and self.calls % self.fail_every == 0:
            self.failed += 1
            raise RuntimeError("a callback failed")


class Ingress:
    """A publish transport and producer as ``Forwarder.receive`` reads them (the shapes of
    sfu.transport.WebRtcTransport and sfu.producer.Producer), on ``routes``, at ``address``;
    its payloads VP8, or H.264 with ``h264``."""

    SSRC = 0xABCD0001
    ADDRESS = ("127.0.0.1", 5004)

    def __init__(self, core, rng: random.Random, key: bytes, routes: list,  # type: ignore[no-untyped-def]
                 h264: bool = False, address: tuple[str, int] = ADDRESS) -> None:
        self.rng = rng
        self.address = address
        self.tx = core.SrtpSession(1, key, True)
        self.native_rx = core.SrtpSession(1, key, False)
        self.twcc_id = 3
        self.twcc = core.TwccArrivals(array("q", [-1]) * 64, array("q", [0]) * 64, 4)
        self.bwe = self
        self.listener = self
        self.tap = None
        self.bwe_packets = Calls(fail_every=11)
        self.levels = Calls(fail_every=13)
        self.stats = core.ReceiveStats(90000)
        self.inbound = core.InboundStream(
            self.stats, core.RetransmissionBuffer(64, 1.0, lambda: 1.0),
            {}, [object()] * len(routes), routes, 96, 2, 1, self.levels, not h264, h264)
        self.ssrc = self.SSRC
        self.waiting_for_keyframe = 0
        self.producers_by_ssrc = {self.SSRC: self, self.SSRC + 1: self}  # +1: as an RTX
        self.seq = rng.randrange(65536)
        self.demultiplexed = Calls()
        self.delivered = Calls()
        self.errors = Calls()

    def deliver(self, transport, plain: bytes) -> None:  # type: ignore[no-untyped-def]
        """The Python path's share (of either stream: ``transport``'s): its receive
        statistics take the packet's number."""
        self.delivered()
        if plain[8:12] == self.SSRC.to_bytes(4, "big"):
            transport.stats.update(int.from_bytes(plain[2:4], "big"), 0, 0.0)

    def on_packet(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.bwe_packets(*args)

    def datagram(self, data: bytes) -> tuple[bytes, tuple[str, int]]:
        """``data`` made into SRTP of the stream most of the time."""
        rng = self.rng
        choice = rng.random()
        address = self.address if rng.random() < 0.95 else ("127.0.0.1", 5005)
        if choice < 0.1 or len(data) < 12:
            return data, address
        ssrc = self.SSRC if choice < 0.85 else rng.choice((self.SSRC + 1, 0x42))
        step = 1 if rng.random() < 0.95 else rng.choice((-3, -1, 0, 2, 5, 40))
        self.seq = (self.seq + step) & 0xFFFF
        rtp = bytearray(data)
        rtp[0] = 0x80 | (rtp[0] & 0x3F)
        rtp[1] = (rtp[1] & 0x80) | (96 if rng.random() < 0.9 else rng.randrange(128))
        rtp[2:4] = self.seq.to_bytes(2, "big")
        rtp[8:12] = ssrc.to_bytes(4, "big")
        srtp = self.tx.protect(bytes(rtp)) or bytes(rtp)
        if rng.random() < 0.1:
            srtp = mutate(rng, srtp)
        return srtp, address


def parse(core, rng: random.Random, data: bytes) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """``read_header`` then ``scan_extensions`` of ``data``, once with the header's block
    bounds and once with random ones: (headers read, ValueErrors raised)."""
    read = errors = 0
    try:
        hdr = core.read_header(data)
        read = 1
        core.scan_extensions(data, hdr[5], hdr[6], hdr[7], rng.randrange(256))
    except ValueError:
        errors += 1
    start = rng.randint(-2, len(data) + 2)
    try:
        core.scan_extensions(data, start, start + rng.randint(-1, 40),
                             rng.choice((0xBEDE, 0x1000, 0x1001, 0)), rng.randrange(16))
    except ValueError:
        errors += 1
    return read, errors


def main() -> int:
    module_path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    core = load(module_path)
    rng = random.Random(seed)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender.bind(("127.0.0.1", 0))
    sender.setblocking(False)
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind(("127.0.0.1", 0))  # never read: the kernel drops what does not fit
    stats = Stats()
    forwarder = core.Forwarder(sender.fileno(), stats)
    key = rng.randbytes(30)
    session = core.SrtpSession(1, key, True)
    inbound = core.SrtpSession(1, key, False)
    gcm_key = rng.randbytes(44)
    gcm = core.SrtpSession(8, gcm_key, True)  # AEAD_AES_256_GCM: sfu/srtp_gcm.c
    gcm_inbound = core.SrtpSession(8, gcm_key, False)
    egress = core.Egress(forwarder, session, sink.getsockname())
    wiped = core.SrtpSession(7, rng.randbytes(28), True)
    wiped.wipe()
    id_map = bytes(rng.randrange(256) for _ in range(256))
    # An IPv6 destination on this IPv4 socket: the kernel refuses at once (a counted
    # send_error), so most datagrams cost no loopback delivery; one in 16 goes to the sink.
    # Its session is the AES-GCM one, so most forwards are protected by sfu/srtp_gcm.c.
    refused = core.Egress(forwarder, gcm, ("::1", 9))

    def routes_to(out):  # type: ignore[no-untyped-def]
        routes = [
            core.Route(out, 0x1111, 96, bytes(range(256)), False),
            core.Route(out, 0x2222, 100, id_map, True, 5),  # numbered (transport-cc)
            core.Route(core.Egress(forwarder, wiped, sink.getsockname()), 0x3333, 101,
                       id_map, False, 200),  # an id only the two-byte form can carry
            core.Route(out, 0x4444, 96, id_map, True, 5, True, True),  # a simulcast VP8 layer
        ]  # fmt: skip
        for route in routes:
            route.set_state(rng.randrange(65536), rng.randrange(1 << 32), 0, 0, 0.0, 0, 0)
        routes[-1].set_pictures(rng.randrange(1 << 15), rng.randrange(256),
                                rng.randrange(-1, 1 << 15), rng.randrange(-1, 256))
        routes[-1].floor = rng.randrange(1 << 16)  # packets before a switch left out
        return routes

    delivered, fast = routes_to(egress), routes_to(refused)
    ingress = Ingress(core, rng, rng.randbytes(30), routes_to(egress))
    h264 = Ingress(core, rng, rng.randbytes(30), routes_to(egress), True, ("127.0.0.1", 5006))
    # datagrams also reach the core through its socket (drain(): recvmmsg batches, one
    # flush per call with UDP GSO runs), from the publisher's address or a stranger's
    publisher = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    publisher.bind(("127.0.0.1", 0))
    stranger = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stranger.bind(("127.0.0.1", 0))
    in_flight = 0
    forwarder.set_ingress({Ingress.ADDRESS: ingress, publisher.getsockname(): ingress,
                           h264.address: h264},
                          ingress.demultiplexed, ingress.deliver,
                          lambda: rng.random() * 100.0, ingress.errors)
    raised = malformed_calls(core, forwarder, egress, session)
    base_sent, base_drops = stats.forwarded_packets, sum(stats.drops.values())
    pool = [datagram(rng) for _ in range(POOL)]
    unprotected = gcm_unprotected = headers = parse_errors = numbered = logged = 0
    for index in range(count):
        data = pool[index % POOL]
        if index % 3 == 0:  # a fresh mutation of a pooled datagram
            data = bytearray(data)
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data[: rng.randrange(len(data) + 2)])
        read, errors = parse(core, rng, data)
        headers += read
        parse_errors += errors
        if index % 8 == 4:
            source = h264 if index % 32 == 20 else ingress  # the H.264 one: directly
            srtp, address = source.datagram(data)
            if index % 16 == 4:
                forwarder.receive(srtp, address)
            else:
                (publisher if address == Ingress.ADDRESS else stranger).sendto(
                    srtp, sender.getsockname())
                in_flight += 1
                if in_flight == 24:
                    forwarder.drain()
                    in_flight = 0
            continue
        if index % 8 == 0:
            tx, rx = (session, inbound) if index % 32 < 16 else (gcm, gcm_inbound)
            if index % 16 == 0:  # what protects must unprotect with the same key
                if tx is gcm:  # on few SSRCs, so that their replay windows fill
                    data = data[:8] + struct.pack("!I", index % 5) + data[12:]
                data = tx.protect(data) or data
            ok = rx.unprotect(data) is not None
            unprotected += ok
            gcm_unprotected += ok and rx is gcm_inbound
            refused.send(data, len(data))
            continue
        forwarder.forward(data, delivered if index % 16 == 1 else fast, index * 0.001,
                          index % 10 != 0, index % 43 - 2, ABS_VALUES[index % 4], index % 16)
        if index % 5000 == 4999:  # the log holds 1024: it overflows between takes too
            numbered += len(egress.take_sent()) + len(refused.take_sent())
            logged += len(delivered[-1].take_sent()) + len(fast[-1].take_sent())
            egress.transport_seq = rng.randrange(65536)
    for _ in range(4):
        forwarder.drain()  # what is still in the socket
    sends = (count + 7) // 8
    receives = (count + 3) // 8
    forwards = count - sends - receives
    drops = stats.drops
    python = ingress.demultiplexed.calls + ingress.delivered.calls
    refused_srtp = drops.get("srtp_unprotect", 0)
    internal = drops.get("internal_error", 0)
    handled = receives - python - refused_srtp - internal
    outcomes = (stats.forwarded_packets - base_sent) + (sum(drops.values()) - base_drops)
    summary = {
        "sent": count,
        "raised": raised,
        "unprotected": unprotected,
        "gcm_unprotected": gcm_unprotected,
        "headers": headers,
        "numbered": numbered,
        "logged": logged,
        "parse_errors": parse_errors,
        # a packet whose audio level the detector failed on was forwarded first
        "expected_outcomes": (forwards * len(fast) + sends
                              + (handled + ingress.levels.failed + h264.levels.failed)
                              * len(fast) + refused_srtp
                              + internal),
        "outcomes": outcomes,
        "ingress": {"received": receives, "demultiplexed": ingress.demultiplexed.calls,
                    "delivered": ingress.delivered.calls, "handled": handled,
                    "srtp_counted": stats.received_packets, "errors": ingress.errors.calls,
                    "recorded": ingress.twcc._max + 1,
                    "bwe": ingress.bwe_packets.calls + h264.bwe_packets.calls,
                    "levels": ingress.levels.calls + h264.levels.calls},
        "counters": {"forwarded_packets": stats.forwarded_packets, "drops": stats.drops},
        "gso_messages": forwarder.gso_messages,
    }
    print(json.dumps(summary))
    balanced = (outcomes == summary["expected_outcomes"] and ingress.errors.calls == internal
                and stats.received_packets == receives - ingress.demultiplexed.calls)
    return 0 if balanced else 1


if __name__ == "__main__":
    sys.exit(main())
