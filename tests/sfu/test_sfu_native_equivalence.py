"""Issue 13 acceptance 1 (SFU): the same random RTP packets through the native forwarding
core and through the Python path (sfu/consumer.py, the reference) give the same bytes to
the same address: header rewrites, sequence and timestamp wrap, extension id remaps,
abs-send-time stamps, malformed extension blocks, oversized packets, padding-only packets
left out without a gap in the numbering, and NACK answers from
the retransmission cache, all SRTP-protected with the same keys (so compared byte for byte:
libsrtp through pylibsrtp on one side, the core's SRTP on the other: OpenSSL EVP for the
AES-GCM profiles, Debian's libsrtp2 for AES-CM). Transport-wide
sequence numbers (transport-cc) written in the publisher's element's place come out the
same, and the subscriber's send-side estimator is given the same sent packets. The
per-ingress-packet parsers the core took over (RTP header, extension block scan) give the
same results and errors as their Python references on random and mutated packets."""

from __future__ import annotations

import os
import socket
import struct
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylibsrtp import Policy, Session

from sfu.bwe.sender import TransportCcSender
from sfu.consumer import Consumer
from sfu.control import WorkerStats
from sfu.errors import ParseError
from sfu.native_forward import NativeForwarding, load_core
from sfu.producer import Producer
from sfu.rtcp.twcc import TransportFeedback
from sfu.rtp.extensions import URI_ABS_SEND_TIME, scan_extensions
from sfu.rtp.header import EXT_END, EXT_PROFILE, EXT_START, PAYLOAD_END, PAYLOAD_START, read_header
from sfu.rtp.seq_ts_mapper import SeqTsMapper
from sfu.sdp.codecs import ChosenCodec
from sfu.srtp import direct_access
from sfu.transport import RtpEgress, WebRtcTransport

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}")
KEY_LENGTHS = {1: 30, 7: 28, 8: 44}  # libsrtp profile -> master key + salt bytes


class Leg:
    """What a Producer and a Consumer use of a WebRtcTransport; ``send_rtp`` is the real
    method (through ``egress``)."""

    send_rtp = WebRtcTransport.send_rtp

    def __init__(self, stats: WorkerStats, egress=None, native=None, twcc_id: int = 0,
                 send_cc: TransportCcSender | None = None) -> None:
        self.stats = stats
        self.egress = egress
        self.native = native
        self.twcc_id = twcc_id  # the publisher's transport-wide sequence number id
        self.send_cc = send_cc  # the subscriber's transport-cc sender
        self.connected = True
        self.rtcp: list[bytes] = []

    def send_rtcp(self, data: bytes) -> None:
        self.rtcp.append(data)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def drain(sock: socket.socket, expected: int, sender: socket.socket) -> list[bytes]:
    """Datagrams waiting on ``sock`` from ``sender``'s port: at least ``expected`` (polled).
    Others are left out: another test's socket, closed since, may have held ``sock``'s port
    and been sent to by a server still running (the count catches a path that sent from
    elsewhere)."""
    got: list[bytes] = []
    port = sender.getsockname()[1]
    deadline = time.monotonic() + 5
    while True:
        try:
            data, addr = sock.recvfrom(4096)
            if addr[1] == port:
                got.append(data)
            continue
        except BlockingIOError:
            if len(got) >= expected or time.monotonic() > deadline:
                return got
            time.sleep(0.001)


def element(ext_id: int, data: bytes, two_byte: bool) -> bytes:
    if two_byte:
        return bytes([ext_id, len(data)]) + data
    return bytes([(ext_id << 4) | (len(data) - 1)]) + data


@st.composite
def packets(draw):
    """A publisher's stream: (seq, ts, marker, csrcs, extension block, payload, padding)."""
    seq = draw(st.integers(0, 0xFFFF))
    ts = draw(st.integers(0, 0xFFFFFFFF))
    out = []
    for _ in range(draw(st.integers(1, 12))):
        seq = (seq + draw(st.integers(-3, 40))) & 0xFFFF
        ts = (ts + draw(st.integers(0, 400_000))) & 0xFFFFFFFF
        csrcs = draw(st.integers(0, 2))
        kind = draw(st.sampled_from(["none", "one", "two", "broken", "other"]))
        ext = b""
        profile = 0
        if kind in ("one", "two", "broken"):
            two = kind == "two"
            profile = 0x1000 if two else 0xBEDE
            if draw(st.booleans()):  # a publisher's transport-wide number, as browsers send
                ext += element(draw(st.integers(1, 4)), draw(st.binary(min_size=2, max_size=2)),
                               two)
            for _ in range(draw(st.integers(0, 4))):
                # small ids and 3-byte values meet the abs-send-time id and the id maps often
                ext_id = draw(st.integers(1, 4) | st.integers(1, 255 if two else 14))
                size = draw(st.just(3) | st.integers(0 if two else 1, 6 if two else 16))
                ext += element(ext_id, draw(st.binary(min_size=size, max_size=size)), two)
                ext += b"\x00" * draw(st.integers(0, 2))
            if kind == "broken":
                ext += bytes([0x3F])  # an element claiming 16 bytes past the block end
        elif kind == "other":
            profile = 0x4321
            ext = draw(st.binary(min_size=0, max_size=8))
        ext += b"\x00" * (-len(ext) % 4)
        size = draw(st.sampled_from([0, 20, 200, 1400]))
        payload = draw(st.binary(min_size=min(size, 30), max_size=size))
        padding = draw(st.integers(0, 3))
        out.append((seq, ts, draw(st.booleans()), csrcs, profile, ext, payload, padding))
    return out


def encode(seq, ts, marker, csrcs, profile, ext, payload, padding) -> bytes:
    b0 = 0x80 | csrcs | (0x10 if profile else 0) | (0x20 if padding else 0)
    header = struct.pack("!BBHII", b0, (0x80 if marker else 0) | 111, seq, ts, 0x11223344)
    header += b"".join(struct.pack("!I", 0xC0 + i) for i in range(csrcs))
    if profile:
        header += struct.pack("!HH", profile, len(ext) // 4) + ext
    tail = bytes(padding - 1) + bytes([padding]) if padding else b""
    return header + payload + tail


def build(leg_pub: Leg, leg_sub: Leg, clock: Clock, abs_id: int, params: dict) -> Consumer:
    producer = Producer(
        participant_id="alice", transport=leg_pub, kind="video", mid="0",  # type: ignore[arg-type]
        codec=ChosenCodec("video/h264", 111, 90000, None, {}, None),
        extensions={abs_id: URI_ABS_SEND_TIME} if abs_id else {}, ssrc=0x11223344,
        rtx_ssrc=None, clock=clock, buffer_size=64, buffer_max_age=10.0,
        pli_min_interval=0.5, on_keyframe_request=lambda p: None,
    )  # fmt: skip
    consumer = Consumer(producer, leg_sub, "0", clock)  # type: ignore[arg-type]
    consumer.ssrc = params["ssrc"]
    consumer.rtx_ssrc = params["rtx_ssrc"]
    consumer._rtx_seq = params["first_seq"]  # random in production: the same on both paths
    consumer.mapper = SeqTsMapper(90000, clock, params["first_seq"], params["first_ts"])
    consumer.activate(params["payload_type"], params["rtx_payload_type"], params["id_map"],
                      params["sub_abs_id"], params["sub_cc_id"])  # fmt: skip
    consumer.waiting_keyframe = False  # no keyframe gate: h264 detection is not under test
    producer.waiting_for_keyframe = 0
    return consumer


def run(consumer: Consumer, clock: Clock, stream, nacks: list[int]) -> bytes | None:
    """Feed ``stream``, answer a NACK of ``nacks`` (counted back from the last), and
    return the RTCP sender report but its NTP timestamp."""
    producer = consumer.producer
    for index, fields in enumerate(stream):
        clock.now = 100.0 + index * 0.013
        plain = encode(*fields)
        hdr = read_header(plain)
        if hdr[PAYLOAD_START] == hdr[PAYLOAD_END]:  # padding only: as the router does
            producer.on_padding(hdr, clock.now)
        else:
            producer.on_rtp(plain, hdr, clock.now, None)
    newest = (stream[-1][0] + consumer.mapper.seq_offset) & 0xFFFF  # as the subscriber saw
    consumer.retransmit([(newest - n) & 0xFFFF for n in nacks])
    report = consumer.sender_report()
    if report is None:
        return None
    raw = bytes(report)
    return raw[:8] + raw[16:]  # without the NTP timestamp: wall-clock time


def numbering(sender: TransportCcSender | None) -> tuple | None:
    """The next transport-wide number and what the estimator is given when the subscriber
    reports every numbered packet received (send times, sizes, probe ids)."""
    if sender is None:
        return None
    sender.may_retransmit(0)  # takes what the native core numbered into the history
    given: list = []
    sender.estimator.on_feedback = lambda results, now: given.append(results)  # type: ignore[method-assign]
    count = (sender.sequence - 1) & 0xFFFF  # numbering starts at 1
    if count:
        sender.on_feedback(TransportFeedback(1, 2, 1, 0, 0, [1] * count, [4] * count))
    return sender.sequence, given


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    stream=packets(),
    profile=st.sampled_from(sorted(KEY_LENGTHS)),
    abs_id=st.integers(0, 4),
    sub_abs_id=st.integers(0, 4),
    id_map=st.one_of(
        st.just(bytes(range(256))),
        st.binary(min_size=256, max_size=256),
        st.lists(st.integers(0, 16), min_size=256, max_size=256).map(bytes),  # 0, 15, 16 too
        st.lists(st.integers(0, 4), min_size=256, max_size=256).map(bytes),
    ),
    payload_type=st.integers(0, 127),
    rtx=st.booleans(),
    first_seq=st.integers(0xFFF0, 0xFFFF) | st.integers(0, 0xFFFF),
    first_ts=st.integers(0, 0xFFFFFFFF),
    nacks=st.lists(st.integers(0, 20), max_size=4),
    pub_cc_id=st.integers(0, 4),
    sub_cc_id=st.integers(0, 4) | st.integers(0, 16),
    numbered=st.booleans(),
)
def test_native_and_python_paths_send_the_same_bytes(
    sockets, stream, profile, abs_id, sub_abs_id, id_map, payload_type, rtx, first_seq,
    first_ts, nacks, pub_cc_id, sub_cc_id, numbered,
) -> None:
    assert CORE is not None
    key = os.urandom(KEY_LENGTHS[profile])
    receiver = sockets["receiver"]
    address = receiver.getsockname()
    params = dict(ssrc=0xCAFE0001, rtx_ssrc=0xCAFE0002 if rtx else None,
                  rtx_payload_type=112 if rtx else None, payload_type=payload_type,
                  id_map=id_map, sub_abs_id=sub_abs_id, first_seq=first_seq,
                  first_ts=first_ts, sub_cc_id=sub_cc_id)  # fmt: skip
    policy = Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile)
    policy.allow_repeat_tx = True
    policy.window_size = 1024
    direct = direct_access(Session(policy))
    assert direct is not None
    results = {}
    for path in ("python", "native"):
        stats = WorkerStats()
        clock = Clock()
        sender = TransportCcSender(clock) if numbered else None
        if path == "python":
            egress = RtpEgress(direct, sockets["python"].sendto, address, stats)
            pub = Leg(stats, twcc_id=pub_cc_id)
        else:
            native = NativeForwarding(CORE, sockets["native"].fileno(), stats)
            egress = native.egress(native.srtp_session(profile, key, True), address)
            pub = Leg(stats, native=native, twcc_id=pub_cc_id)
        sub = Leg(stats, egress, send_cc=sender)
        consumer = build(pub, sub, clock, abs_id, params)
        report = run(consumer, clock, stream, nacks)
        if path == "native" and stream:
            assert consumer.producer.fanout is not None
        datagrams = drain(receiver, stats.forwarded_packets, sockets[path])
        results[path] = (
            datagrams,
            (stats.forwarded_packets, stats.forwarded_bytes, stats.drops),
            (consumer.packets, consumer.octets, consumer.mapper.last_seq,
             consumer.mapper.last_ts, consumer.mapper.last_time),
            report,
            numbering(sender),
        )  # fmt: skip
    python, native_result = results["python"], results["native"]
    assert native_result[0] == python[0]  # the same SRTP bytes, in the same order
    # counters, stream state, the RTCP SR, transport-wide numbers and the estimator's input
    assert native_result[1:] == python[1:]


def outcome(parse, *args):  # type: ignore[no-untyped-def]
    """``parse(*args)``, or the ParseError's message it raised."""
    try:
        return parse(*args)
    except ParseError as exc:
        return ("ParseError", str(exc))


@st.composite
def datagrams(draw):
    """A packet of :func:`packets`, then bytes overwritten and the end cut or extended."""
    data = bytearray(encode(*draw(packets())[0]))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    cut = draw(st.integers(0, len(data) + 8))
    return bytes(data[:cut]) + draw(st.binary(max_size=max(0, cut - len(data))))


@settings(max_examples=1500, deadline=None)
@given(data=datagrams() | st.binary(max_size=64), ext_id=st.integers(0, 16) | st.integers(0, 255))
def test_native_parsers_match_the_python_ones(data: bytes, ext_id: int) -> None:
    assert CORE is not None
    header = outcome(read_header, data)
    assert outcome(CORE.read_header, data) == header
    assert outcome(CORE.read_header, bytearray(data)) == header
    if isinstance(header[0], int):
        block = (data, header[EXT_START], header[EXT_END], header[EXT_PROFILE], ext_id)
        assert outcome(CORE.scan_extensions, *block) == outcome(scan_extensions, *block)


def test_native_scan_refuses_a_block_outside_the_data() -> None:
    assert CORE is not None
    block = bytes([0x10, 0x00, 0x00, 0x00])  # one-byte element id 1, 1 byte
    assert CORE.scan_extensions(block, 0, 4, 0xBEDE, 1) == (1 << 1, -1)
    # two-byte ids above 63 need a wider mask than one machine word
    assert CORE.scan_extensions(bytes([200, 3, 1, 2, 3, 0]), 0, 6, 0x1000, 200) == (1 << 200, 2)
    for start, end in ((0, 5), (-1, 3)):
        with pytest.raises(ValueError, match="outside"):
            CORE.scan_extensions(block, start, end, 0xBEDE, 1)


def test_native_core_numbers_forwarded_packets_on_the_subscriber_transport(sockets) -> None:
    """Routed in the core, every packet carrying the publisher's transport-cc element goes
    out with the subscriber's id and the subscriber transport's next number in its place,
    continuing the numbers Python handed out; the estimator learns each one."""
    assert CORE is not None
    key = os.urandom(KEY_LENGTHS[1])
    stats, clock = WorkerStats(), Clock()
    native = NativeForwarding(CORE, sockets["native"].fileno(), stats)
    receiver = sockets["receiver"]
    egress = native.egress(native.srtp_session(1, key, True), receiver.getsockname())
    sender = TransportCcSender(clock)
    sender.sequence = 0xFFFE  # the numbers wrap while the core writes them
    params = dict(ssrc=0xCAFE0001, rtx_ssrc=None, rtx_payload_type=None, payload_type=96,
                  id_map=bytes(range(256)), sub_abs_id=0, first_seq=7, first_ts=9,
                  sub_cc_id=3)  # fmt: skip
    consumer = build(Leg(stats, native=native, twcc_id=2), Leg(stats, egress, send_cc=sender),
                     clock, 0, params)  # fmt: skip
    # id 2 (2 bytes: the publisher's transport-wide number), id 1 (1 byte) around it
    ext = element(1, b"\x55", False) + element(2, b"\x12\x34", False) + b"\x00\x00\x00"
    stream = [(100 + i, 3000 * i, False, 0, 0xBEDE, ext, bytes(50), 0) for i in range(5)]
    run(consumer, clock, stream, [])
    assert consumer.route is not None  # routed after the first packet
    inbound = Policy(key=key, ssrc_type=Policy.SSRC_ANY_INBOUND, srtp_profile=1)
    session = Session(inbound)
    plain = [session.unprotect(data) for data in drain(receiver, 5, sockets["native"])]
    assert len(plain) == 5
    # the element after the 12-byte header, the 4-byte block header and element id 1
    numbers = [(p[18], struct.unpack_from("!H", p, 19)[0]) for p in plain]
    assert numbers == [(0x31, n) for n in (0xFFFE, 0xFFFF, 0, 1, 2)]
    assert [p[16:18] for p in plain] == [b"\x10\x55"] * 5  # the other element as it was
    sender.may_retransmit(0)
    assert sender.sequence == 3
    given: list = []
    sender.estimator.on_feedback = lambda results, now: given.append(results)  # type: ignore[method-assign]
    sender.on_feedback(TransportFeedback(1, 2, 0xFFFE, 0, 0, [1] * 5, [4] * 5))
    assert [(r.send_time, r.size) for r in given[0]] == [
        (100.0 + i * 0.013, 12 + 4 + 8 + 50 + 38) for i in range(5)]


def test_native_numbering_log_keeps_the_newest_1024_sends(sockets) -> None:
    """Not taken for a while (no feedback yet), the core's log of numbered sends keeps the
    newest 1,024 and the counter goes on: memory stays bounded per subscriber transport."""
    assert CORE is not None
    stats = WorkerStats()
    forwarder = CORE.Forwarder(sockets["native"].fileno(), stats)
    egress = CORE.Egress(forwarder, CORE.SrtpSession(1, bytes(30), True), ("::1", 9))
    route = CORE.Route(egress, 5, 96, bytes(range(256)), False, 3)
    egress.transport_seq = 0xFFF0
    packet = encode(1, 0, False, 0, 0xBEDE, element(2, b"\x00\x00", False) + b"\x00", b"x", 0)
    for index in range(1100):
        forwarder.forward(packet, [route], index * 0.001, True, -1, b"", 2)
    sent = egress.take_sent()
    assert len(sent) == 1024
    assert [seq for seq, _, _ in sent[:2]] == [(0xFFF0 + 76) & 0xFFFF, (0xFFF0 + 77) & 0xFFFF]
    assert sent[-1] == ((0xFFF0 + 1099) & 0xFFFF, 1099 * 0.001, len(packet))
    assert egress.transport_seq == (0xFFF0 + 1100) & 0xFFFF
    assert egress.take_sent() == []
