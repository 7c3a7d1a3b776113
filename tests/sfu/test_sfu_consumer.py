"""Producer -> Consumer forwarding without a network: rewrite, keyframe gate, NACK/RTX."""

import struct

import pytest

from sfu.consumer import Consumer
from sfu.control import WorkerStats
from sfu.producer import Producer
from sfu.rtp.extensions import URI_ABS_SEND_TIME, URI_AUDIO_LEVEL, URI_MID, build_id_map
from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START, PT, SEQ, SSRC, TS, read_header
from sfu.sdp.codecs import ChosenCodec


class FakeClock:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


class FakeTransport:
    """Stands in for WebRtcTransport: records what would be protected and sent."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.rtcp: list[bytes] = []
        self.stats = WorkerStats()
        self.connected = True
        self.rtcp_ssrc = 1
        self.egress = None  # no in-place SRTP egress: Consumer uses send_rtp
        self.native = None  # no native forwarding core: the Python path
        self.twcc_id = 0  # as a publish transport: no transport-cc
        self.send_cc = None  # as a subscribe transport: no transport-cc

    def send_rtp(self, buf: bytearray) -> None:
        self.sent.append(bytes(buf))

    def send_rtcp(self, data: bytes) -> None:
        self.rtcp.append(data)


def vp8_packet(seq: int, ts: int, keyframe: bool, ext: bytes = b"") -> bytes:
    b0 = 0x90 if ext else 0x80
    header = struct.pack("!BBHII", b0, 96, seq, ts, 0xA1A1A1A1)
    if ext:
        header += struct.pack("!HH", 0xBEDE, len(ext) // 4) + ext
    # VP8 descriptor: S=1, PID=0; payload header byte: P bit 0 for key frames
    return header + bytes([0x10, 0x00 if keyframe else 0x01]) + b"frame"


def make_pair(clock, extensions=None, rtx=True):
    pub = FakeTransport()
    sub = FakeTransport()
    requests = []
    nacks = []
    producer = Producer(
        participant_id="alice",
        transport=pub,
        kind="video",
        mid="0",
        codec=ChosenCodec("video/vp8", 96, 90000, None, {}, 97),
        extensions=extensions or {},
        ssrc=0xA1A1A1A1,
        rtx_ssrc=0xB2B2B2B2,
        clock=clock,
        buffer_size=64,
        buffer_max_age=1.0,
        pli_min_interval=0.5,
        on_keyframe_request=requests.append,
        on_nack=lambda p, lost: nacks.append(lost),
    )
    producer.nacks = nacks  # test hook: what would be NACKed upstream
    consumer = Consumer(producer, sub, "0", clock)
    consumer.mapper.last_seq = 0xFFFE  # force a wrap early in the stream
    consumer.mapper.last_ts = 0xFFFFFFFF - 2999
    return producer, consumer, sub, requests


def feed(producer, packet, clock):
    producer.on_rtp(packet, read_header(packet), clock(), None)


def test_consumer_waits_for_keyframe_then_rewrites_continuously():
    clock = FakeClock()
    producer, consumer, sub, _ = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    feed(producer, vp8_packet(7000, 9000, keyframe=False), clock)
    assert sub.sent == []  # delta frame before the first keyframe is not forwarded
    for i in range(4):
        feed(producer, vp8_packet(7001 + i, 9000 + 3000 * i, keyframe=(i == 0)), clock)
    headers = [read_header(p) for p in sub.sent]
    assert [h[SEQ] for h in headers] == [0xFFFE, 0xFFFF, 0, 1]
    assert [h[TS] for h in headers] == [0xFFFFF448, 0, 3000, 6000]  # wraps at 2^32
    assert {h[SSRC] for h in headers} == {consumer.ssrc}
    assert {h[PT] for h in headers} == {100}
    assert sub.sent[0][12:] == vp8_packet(7001, 0, True)[12:]


def test_extension_ids_are_mapped_and_unnegotiated_ones_blanked():
    clock = FakeClock()
    pub_ext = {4: URI_MID, 2: URI_ABS_SEND_TIME, 1: URI_AUDIO_LEVEL}
    producer, consumer, sub, _ = make_pair(clock, pub_ext)
    sub_ext = {URI_ABS_SEND_TIME: 7, URI_AUDIO_LEVEL: 9}
    consumer.activate(100, None, build_id_map(pub_ext, sub_ext), 0)
    # id 4 (mid) L=0 "0" | id 2 (abs-send-time) L=2 3 bytes | id 1 L=0 level | pad
    ext = bytes([0x40, 0x30, 0x22, 0x01, 0x02, 0x03, 0x10, 0x7F])
    feed(producer, vp8_packet(1, 0, True, ext), clock)
    out = sub.sent[0]
    assert out[16:24] == bytes([0x00, 0x00, 0x72, 0x01, 0x02, 0x03, 0x90, 0x7F])


@pytest.mark.parametrize("ext", [
    bytes([0x24, 1, 2, 3, 4, 5, 0, 0]),  # 5 bytes
    bytes([0x23, 1, 2, 3, 4, 0x22, 1, 2, 3]) + bytes(3),  # 4 bytes, then a 3-byte one
], ids=["5-bytes", "4-then-3-bytes"])
def test_an_abs_send_time_of_another_length_is_neither_forwarded_nor_resent(ext):
    """abs-send-time is 3 bytes: one of another length would reach the subscriber as sent
    (only a 3-byte one is restamped) and be misread there (aiortc's receiver stopped for
    good on one), so its packet is a counted ``rtp_extension`` drop, and a NACK for it finds
    nothing to resend."""
    clock = FakeClock()
    pub_ext = {2: URI_ABS_SEND_TIME}
    producer, consumer, sub, _ = make_pair(clock, pub_ext)
    consumer.activate(100, 101, build_id_map(pub_ext, {URI_ABS_SEND_TIME: 7}), 0)
    feed(producer, vp8_packet(1, 0, True, bytes([0x22, 1, 2, 3])), clock)
    feed(producer, vp8_packet(2, 0, True, ext), clock)
    feed(producer, vp8_packet(3, 0, True, bytes([0x22, 1, 2, 3])), clock)
    assert len(sub.sent) == 2
    assert sub.stats.drops == {"rtp_extension": 1}
    missing = (read_header(sub.sent[0])[SEQ] + 1) & 0xFFFF
    sub.sent.clear()
    assert consumer.retransmit([missing]) == 0
    assert sub.sent == [] and sub.stats.nack_cache_misses == 1


def test_nack_answered_from_cache_as_rtx():
    clock = FakeClock()
    producer, consumer, sub, _ = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    for i in range(5):
        feed(producer, vp8_packet(300 + i, 1000, keyframe=True), clock)
    lost = read_header(sub.sent[2])[SEQ]
    sub.sent.clear()
    assert consumer.retransmit([lost, (lost + 1000) & 0xFFFF]) == 1
    assert sub.stats.nack_cache_misses == 1  # the one never sent
    rtx = sub.sent[0]
    hdr = read_header(rtx)
    assert hdr[PT] == 101 and hdr[SSRC] == consumer.rtx_ssrc
    assert struct.unpack_from("!H", rtx, hdr[PAYLOAD_START])[0] == lost  # OSN
    assert rtx[hdr[PAYLOAD_START] + 2 :] == vp8_packet(302, 1000, True)[12:]
    clock.now += 5  # older than retransmission_max_age: not resent
    sub.sent.clear()
    assert consumer.retransmit([lost]) == 0
    assert sub.stats.nack_cache_misses == 2


def test_keyframe_requests_are_throttled_into_one_pli():
    clock = FakeClock()
    producer, consumer, _, requests = make_pair(clock)
    for _ in range(5):
        producer.request_keyframe()
    assert requests == [producer]
    clock.now += 0.6
    producer.poll_keyframe_request()
    assert requests == [producer, producer]
    producer.poll_keyframe_request()
    assert len(requests) == 2


def test_upstream_gap_is_nacked_to_publisher_and_large_gap_requests_keyframe():
    clock = FakeClock()
    producer, consumer, _, requests = make_pair(clock)
    feed(producer, vp8_packet(0xFFFE, 0, True), clock)
    feed(producer, vp8_packet(0x0001, 0, True), clock)  # 0xFFFF and 0x0000 lost
    assert producer.nacks == [[0xFFFF, 0x0000]]
    feed(producer, vp8_packet(0xFFFF, 0, True), clock)  # late arrival: no new NACK
    assert producer.nacks == [[0xFFFF, 0x0000]]
    feed(producer, vp8_packet(0x0001 + 500, 0, True), clock)
    assert requests == [producer]  # too many lost: a keyframe instead of a NACK


def test_nack_for_uncached_packet_requests_keyframe():
    clock = FakeClock()
    producer, consumer, sub, requests = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    feed(producer, vp8_packet(10, 0, True), clock)
    assert consumer.retransmit([(read_header(sub.sent[0])[SEQ] - 1) & 0xFFFF]) == 0
    assert requests == [producer]


def test_paused_consumer_sends_nothing_and_resumes_at_a_keyframe_without_a_gap():
    """Last-N (sfu/last_n.py): a paused video consumer leaves the producer; resumed, it asks
    for a keyframe and continues its stream with the next sequence number and a later
    timestamp; a NACK for a packet from before the pause is not answered."""
    clock = FakeClock()
    producer, consumer, sub, requests = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    feed(producer, vp8_packet(1, 9000, True), clock)
    feed(producer, vp8_packet(2, 12000, False), clock)
    assert len(sub.sent) == 2
    last = read_header(sub.sent[-1])
    consumer.pause("last_n")
    consumer.pause("last_n")  # idempotent
    assert consumer not in producer.consumers
    clock.now += 1.0
    for seq in range(3, 40):
        feed(producer, vp8_packet(seq, 12000 + 3000 * (seq - 2), False), clock)
    assert len(sub.sent) == 2
    requests.clear()
    consumer.resume("last_n")
    assert requests == [producer]  # keyframe asked for at once
    feed(producer, vp8_packet(40, 12000 + 3000 * 38, False), clock)
    assert len(sub.sent) == 2  # not a keyframe: still waiting
    feed(producer, vp8_packet(41, 12000 + 3000 * 39, True), clock)
    first = read_header(sub.sent[-1])
    assert first[SEQ] == (last[SEQ] + 1) & 0xFFFF
    assert (first[TS] - last[TS]) & 0xFFFFFFFF >= 90000 * 0.9  # about the second paused
    assert consumer.retransmit([last[SEQ]]) == 0  # from before the pause


def test_pause_reasons_add_up():
    """A stream paused for two reasons (last-N and a hidden tile) comes back only when
    both are lifted; lifting a reason never held changes nothing."""
    clock = FakeClock()
    producer, consumer, sub, _ = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    consumer.pause("last_n")
    consumer.pause("hidden")
    consumer.resume("bandwidth")
    consumer.resume("last_n")
    assert consumer.paused and consumer not in producer.consumers
    feed(producer, vp8_packet(1, 9000, True), clock)
    assert sub.sent == []
    consumer.resume("hidden")
    assert not consumer.paused and consumer in producer.consumers
    feed(producer, vp8_packet(2, 12000, True), clock)
    assert len(sub.sent) == 1


def test_padding_only_packets_leave_no_gap_and_are_not_nacked():
    """RFC 3550 5.1: a padding-only packet on the media SSRC (Chromium pads H.264 with
    them) is not forwarded; the subscriber's numbering goes on without a gap, so it sees
    nothing lost, and the publisher is not asked to resend it."""
    clock = FakeClock()
    producer, consumer, sub, _ = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    feed(producer, vp8_packet(7000, 9000, keyframe=True), clock)
    for seq in (7001, 7002):
        padding = bytearray(vp8_packet(seq, 9000, keyframe=False)[:12] + bytes(31) + b"\x20")
        padding[0] |= 0x20  # P bit, 32 padding bytes, no payload
        producer.on_padding(read_header(bytes(padding)), clock())
    feed(producer, vp8_packet(7003, 12000, keyframe=False), clock)
    feed(producer, vp8_packet(7004, 15000, keyframe=False), clock)
    assert [read_header(p)[SEQ] for p in sub.sent] == [0xFFFE, 0xFFFF, 0]
    assert producer.nacks == []
    assert producer.stats.received == 5


def test_nack_after_padding_resends_the_packet_sent_under_that_number():
    """A padding packet renumbers what follows it (one lower); a NACK for a number sent
    before it must still get the packet sent under that number, not the one the current
    offset points at."""
    clock = FakeClock()
    producer, consumer, sub, _ = make_pair(clock)
    consumer.activate(100, None, build_id_map({}, {}), 0)
    for seq, ts in ((7000, 9000), (7001, 12000)):
        feed(producer, vp8_packet(seq, ts, keyframe=seq == 7000), clock)
    for seq in (7002, 7003):  # two padding packets in a row
        padding = bytearray(vp8_packet(seq, 12000, keyframe=False)[:12] + bytes(31) + b"\x20")
        padding[0] |= 0x20
        producer.on_padding(read_header(bytes(padding)), clock())
    feed(producer, vp8_packet(7004, 15000, keyframe=False), clock)
    sent = {read_header(p)[SEQ]: p for p in sub.sent}
    assert sorted(sent) == [0, 0xFFFE, 0xFFFF]
    before = len(sub.sent)
    assert consumer.retransmit([0xFFFE, 0xFFFF, 0]) == 3
    for original, resent in zip((0xFFFE, 0xFFFF, 0), sub.sent[before:], strict=True):
        assert resent == sent[original]  # the same packet again (no RTX negotiated)


def test_padding_while_a_loss_is_repaired_keeps_the_repair_its_own_number():
    """A packet lost upstream is NACKed and comes late (a repair); padding that arrives
    meanwhile must not renumber the packets after it, or the repair would take the number
    of a packet already sent: the subscriber gets each packet once, under its own number
    (the padding's number stays a gap, which a NACK gets filled with padding)."""
    clock = FakeClock()
    producer, consumer, sub, requests = make_pair(clock)
    consumer.activate(100, 101, build_id_map({}, {}), 0)
    feed(producer, vp8_packet(7000, 9000, keyframe=True), clock)
    feed(producer, vp8_packet(7002, 12000, keyframe=False), clock)  # 7001 lost: NACKed
    assert producer.nacks == [[7001]]
    padding = bytearray(vp8_packet(7003, 12000, keyframe=False)[:12] + bytes(31) + b"\x20")
    padding[0] |= 0x20
    producer.on_padding(read_header(bytes(padding)), clock())
    feed(producer, vp8_packet(7004, 15000, keyframe=False), clock)
    feed(producer, vp8_packet(7001, 9000, keyframe=False), clock)  # the repair
    numbers = [read_header(p)[SEQ] for p in sub.sent]
    assert numbers == [0xFFFE, 0, 2, 0xFFFF]  # 7003's number (1) is the gap
    assert len(set(numbers)) == len(numbers)
    # the subscriber NACKs the gap: a padding-only packet fills it, no key frame is asked
    assert consumer.retransmit([1]) == 1
    filler = read_header(sub.sent[-1])
    assert filler[SEQ] == 1 and filler[PAYLOAD_START] == filler[PAYLOAD_END]
    assert requests == [] and sub.stats.nack_cache_misses == 0
