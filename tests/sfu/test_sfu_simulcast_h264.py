"""H.264 simulcast forwarding without a network: three layers of real libx264 output
(RFC 6184 packetization-mode 1, packetized by aiortc) -> one subscriber, whose stream a
real decoder (FFmpeg through PyAV) decodes.

The subscriber must get one continuous stream whose pictures take the size of each layer
it is switched to, switched only where a decoder can start: the packet carrying the SPS.
"""

import fractions
import struct

import av
from aiortc.codecs.h264 import H264PayloadDescriptor
from test_sfu_consumer import FakeClock, FakeTransport

from sfu.producer import SIZE_READS_PER_S, Producer
from sfu.rtp.header import MARKER, PAYLOAD_END, PAYLOAD_START, SEQ, SSRC, TS, read_header
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.layers import LAYER_PLI_INTERVAL, link_layers
from tests.recording.conftest import H264Source

RATE = 90000
SIZES = [(160, 90), (320, 180), (640, 360)]
"Layer picture sizes, lowest first: 90 and 180 rows need the SPS cropping window."
FMTP = {"packetization-mode": "1", "profile-level-id": "42e01f", "level-asymmetry-allowed": "1"}


def rtp(ssrc: int, seq: int, ts: int, marker: bool, payload: bytes) -> bytes:
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | 102, seq, ts, ssrc) + payload


class Room:
    """A publisher's three H.264 encodings, each numbering its packets and timestamps on
    its own, and the PLIs the SFU sends it."""

    def __init__(self) -> None:
        self.clock = FakeClock()
        self.pub = FakeTransport()
        self.plis: list[Producer] = []
        self.producers = []
        self.sources = []
        for index, rid in enumerate("qhf"):
            self.producers.append(Producer(
                participant_id="alice", transport=self.pub, kind="video", mid="0",
                codec=ChosenCodec("video/h264", 102, RATE, None, FMTP, 103), extensions={},
                ssrc=0x1000 + index, rtx_ssrc=0x2000 + index, clock=self.clock,
                buffer_size=512, buffer_max_age=5.0, pli_min_interval=LAYER_PLI_INTERVAL,
                on_keyframe_request=self.plis.append, on_nack=lambda p, lost: None, rid=rid))
            self.sources.append(H264Source(seed=index, seq=65500 + 10 * index,
                                           ts=(4_294_960_000 + index * 7777) & 0xFFFFFFFF,
                                           size=SIZES[index]))
        link_layers(self.producers)

    def subscriber(self) -> tuple[SimulcastConsumer, FakeTransport]:
        sub = FakeTransport()
        consumer = SimulcastConsumer(self.producers[0], sub, "0", self.clock)
        consumer.mapper.last_seq = 0xFFF0  # the output wraps too
        consumer.activate(102, 103, bytes(range(256)), 0)
        return consumer, sub

    def frame(self, index: int, key: bool = False) -> list[bytes]:
        """The next access unit of layer ``index`` as RTP packets."""
        return [rtp(self.producers[index].ssrc, p.seq, p.ts, p.marker, p.payload)
                for p in self.sources[index].frame(key, 0)]

    def send(self, index: int, packets: list[bytes]) -> None:
        for packet in packets:
            self.producers[index].on_rtp(packet, read_header(packet), self.clock(), None)

    def tick(self, keys: tuple[int, ...] = ()) -> None:
        """One frame interval (30 frames/s): every layer sends a frame, a key frame where
        asked, and a padding-only packet after it (as Chromium pads H.264 layers)."""
        self.clock.now += 1 / 30
        for index in range(3):
            self.send(index, self.frame(index, index in keys))
            self.pad(index)

    def pad(self, index: int) -> None:
        source = self.sources[index]
        last_ts = (source.ts - 3000) & 0xFFFFFFFF  # the frame just sent
        packet = bytearray(rtp(self.producers[index].ssrc, source.seq, last_ts, False,
                               b"\x00" * 31 + b"\x20"))
        packet[0] |= 0x20  # P bit: 32 bytes of padding, no payload (RFC 3550 5.1)
        source.seq = (source.seq + 1) & 0xFFFF
        self.producers[index].on_padding(read_header(bytes(packet)), self.clock())


def decode(sent: list[bytes]) -> list[tuple[int, int]]:
    """Depacketize (aiortc) and decode (FFmpeg) the subscriber's stream: the size of every
    picture, in order. Raises av.error.InvalidDataError on a stream it cannot decode."""
    decoder = av.CodecContext.create("h264", "r")
    sizes = []
    unit = b""
    for packet in sent:
        hdr = read_header(packet)
        _, data = H264PayloadDescriptor.parse(packet[hdr[PAYLOAD_START]:hdr[PAYLOAD_END]])
        unit += data
        if hdr[MARKER]:
            chunk = av.Packet(unit)
            chunk.time_base = fractions.Fraction(1, RATE)
            for picture in decoder.decode(chunk):
                sizes.append((picture.width, picture.height))
            unit = b""
    return sizes


def test_h264_layers_switch_at_the_sps_and_decode_at_each_layers_size():
    room = Room()
    consumer, sub = room.subscriber()
    assert consumer.pending == 2 and room.plis == [room.producers[2]]
    room.tick()  # an encoder starts with an IDR picture
    assert consumer.current == 2
    for _ in range(4):
        room.tick()
    room.tick()
    # every layer's size, from its key frame's SPS, switched to or not (sfu/viewport.py)
    assert [p.frame_size for p in room.producers] == list(SIZES)
    for spatial in (0, 1, 2):
        room.clock.now += LAYER_PLI_INTERVAL  # past the layer's PLI throttle
        consumer.set_preferred_layers(spatial)
        assert room.plis[-1] is room.producers[spatial]
        room.tick()  # still the old layer: no key frame of the new one yet
        room.tick(keys=(spatial,))
        assert consumer.current == spatial
        for _ in range(3):
            room.tick()
    assert consumer.switches == 4
    assert [p.frame_size for p in room.producers] == SIZES  # read from each layer's SPS
    sizes = decode(sub.sent)
    # Every frame decodes, at its layer's size: 6 + 1 of f (the tick before q's key frame);
    # a layer's frames until the key frame of the next one, which in the tick of a switch
    # up follows the lower layer's frame.
    assert sizes == [SIZES[2]] * 7 + [SIZES[0]] * 6 + [SIZES[1]] * 6 + [SIZES[2]] * 4
    rows = [read_header(p) for p in sub.sent]
    assert {row[SSRC] for row in rows} == {consumer.ssrc}
    for prev, row in zip(rows, rows[1:], strict=False):
        assert row[SEQ] == (prev[SEQ] + 1) & 0xFFFF, (prev, row)  # padding left no gap
        assert (row[TS] - prev[TS]) & 0xFFFFFFFF < 1 << 31, (prev, row)
    assert any(b[SEQ] < a[SEQ] for a, b in zip(rows, rows[1:], strict=False))  # wrapped
    assert sub.stats.drops == {}


def test_a_switch_waits_for_the_sps_even_when_the_idr_slice_comes_first():
    """The IDR's first FU-A fragment arriving before the STAP-A with SPS and PPS (reordered)
    is held, and sent after it: the switch happens at the SPS, which a decoder needs to
    decode the new layer's picture size."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick(keys=(2,))
    room.tick()
    room.clock.now += LAYER_PLI_INTERVAL
    consumer.set_preferred_layers(0)
    key = room.frame(0, key=True)
    assert len(key) >= 2 and key[0][12] & 0x1F == 24 and key[1][12] & 0x1F == 28
    room.send(0, [key[1]])  # FU-A start of the IDR slice: flagged key frame, no SPS
    assert consumer.current == 2 and consumer.pending == 0
    room.send(0, [key[0]] + key[2:])
    assert consumer.current == 0
    room.tick()
    assert decode(sub.sent)[-2:] == [SIZES[0]] * 2
    seqs = [read_header(p)[SEQ] for p in sub.sent]
    assert all(b == (a + 1) & 0xFFFF for a, b in zip(seqs, seqs[1:], strict=False))


def test_h264_has_one_temporal_layer_and_nacks_get_the_packets_as_sent():
    room = Room()
    consumer, sub = room.subscriber()
    room.tick(keys=(2,))
    consumer.set_preferred_layers(2, temporal=0)
    assert consumer.temporal == 0  # every frame is temporal layer 0: all are forwarded
    consumer.set_preferred_layers(2, temporal=2)
    assert consumer.temporal == 0  # clamped, as spatial layers are
    before = len(sub.sent)
    for _ in range(3):
        room.tick()
    assert len(sub.sent) - before >= 3
    sent = {read_header(p)[SEQ]: p for p in sub.sent}
    wanted = sorted(sent)[2:6]
    first = len(sub.sent)
    assert consumer.retransmit(wanted) == len(wanted)
    for packet in sub.sent[first:]:
        hdr = read_header(packet)
        assert hdr[SSRC] == consumer.rtx_ssrc
        osn = struct.unpack_from("!H", packet, hdr[PAYLOAD_START])[0]
        original = sent[osn]
        ohdr = read_header(original)
        assert packet[hdr[PAYLOAD_START] + 2:hdr[PAYLOAD_END]] == original[
            ohdr[PAYLOAD_START]:ohdr[PAYLOAD_END]]
    assert sub.stats.nack_cache_misses == 0


def test_a_flood_of_sps_packets_is_read_at_a_bounded_rate(monkeypatch):
    """Each H.264 SPS reaches Producer.on_rtp (the native core hands it up) and costs Python
    a parse: a publisher sending SPS packets as fast as it can gets SIZE_READS_PER_S of them
    read per second (a burst as many); its real key frames are read again once it stops."""
    room = Room()
    layer = room.producers[1]
    room.tick(keys=(0, 1, 2))
    assert layer.frame_size == SIZES[1]
    reads = []
    real = layer._size_reader

    def counted(payload):  # type: ignore[no-untyped-def]
        reads.append(bytes(payload))
        return real(payload)

    monkeypatch.setattr(layer, "_size_reader", counted)
    sps = room.frame(1, key=True)[0]  # the STAP-A of SPS and PPS ahead of an IDR picture
    source = room.sources[1]
    for _ in range(500):  # half a second of 1,000 SPS packets/s
        room.clock.now += 0.001
        packet = sps[:2] + source.seq.to_bytes(2, "big") + sps[4:]
        source.seq = (source.seq + 1) & 0xFFFF
        layer.on_rtp(packet, read_header(packet), room.clock(), None)
    assert SIZE_READS_PER_S <= len(reads) <= SIZE_READS_PER_S * 1.5 + 1, len(reads)
    reads.clear()
    room.clock.now += 2.0  # the publisher stopped: a real key frame is read at once
    room.tick(keys=(1,))
    assert len(reads) == 1 and layer.frame_size == SIZES[1]
