"""Simulcast forwarding without a network (issue 12 B): three VP8 layers -> one subscriber.

Each layer numbers its packets, timestamps, PictureIDs and TL0PICIDX on its own (and near
wrap-around); the subscriber must see one continuous stream across spatial switches, made
only at key frames, and temporal layers filtered, with NACKs answered as it was sent.
"""

import random
import struct

import pytest
from test_sfu_consumer import FakeClock, FakeTransport

from sfu.producer import Producer
from sfu.rtp.header import MARKER, PAYLOAD_END, PAYLOAD_START, SEQ, SSRC, TS, read_header
from sfu.rtp.vp8_descriptor import (
    PICTURE_ID,
    TID,
    TL0PICIDX,
    read_vp8_descriptor,
)
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import CHECK_INTERVAL, PUBLISHER_PLI_GAP, SimulcastConsumer
from sfu.simulcast.layers import LAYER_PLI_INTERVAL, link_layers

RATE = 90000
TICKS = 3000  # 30 frames/s
TEMPORAL_PATTERN = (0, 2, 1, 2)  # libwebrtc's three-layer VP8 pattern


def vp8(ssrc: int, seq: int, ts: int, pid: int, tl0: int, tid: int | None, *,
        key: bool = False, start: bool = True, sync: bool = False, marker: bool = True) -> bytes:
    """A VP8 packet; ``tid`` None: no TID and no TL0PICIDX (T and L bits clear), as an
    encoder without temporal layers sends (aiortc's)."""
    header = struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | 96, seq & 0xFFFF,
                         ts & 0xFFFFFFFF, ssrc)
    descriptor = bytes([0x90 if start else 0x80, 0x80 if tid is None else 0xE0,
                        0x80 | ((pid >> 8) & 0x7F), pid & 0xFF])
    if tid is not None:
        descriptor += bytes([tl0 & 0xFF, (tid << 6) | (0x20 if sync else 0)])
    return header + descriptor + bytes([0x00 if key else 0x01]) + b"payload"


class Layer:
    """A publisher's encoding: its own SSRC and seq/ts/PictureID/TL0PICIDX counters."""

    def __init__(self, producer: Producer, seq: int, ts: int, pid: int, tl0: int) -> None:
        self.producer = producer
        self.seq, self.ts, self.pid, self.tl0 = seq, ts, pid, tl0
        self.frame = 0
        self.temporal = True
        "Temporal layers (TIDs) marked; without, every frame is one layer, no TID set."

    def frame_packets(self, *, key: bool = False, packets: int = 2) -> list[bytes]:
        """The next frame (``packets`` packets), TIDs following TEMPORAL_PATTERN."""
        tid = 0 if key else TEMPORAL_PATTERN[self.frame % 4]
        if key:
            self.frame = 0
        if tid == 0:
            self.tl0 = (self.tl0 + 1) & 0xFF
        sync = tid > 0 and self.frame % 4 in (1, 2)
        out = []
        for i in range(packets):
            out.append(vp8(self.producer.ssrc, self.seq, self.ts, self.pid, self.tl0,
                           tid if self.temporal else None, key=key, start=i == 0, sync=sync,
                           marker=i == packets - 1))
            self.seq = (self.seq + 1) & 0xFFFF
        self.ts = (self.ts + TICKS) & 0xFFFFFFFF
        self.pid = (self.pid + 1) & 0x7FFF
        self.frame += 1
        return out


class Room:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.pub = FakeTransport()
        self.plis: list[Producer] = []
        # (seq, ts, PictureID, TL0PICIDX) of q, h, f: f wraps all four within a few frames
        bases = [(100, 5000, 10, 7), (40000, 1 << 31, 500, 100), (65533, 0xFFFFF000, 32764, 253)]
        producers = []
        for index, rid in enumerate("qhf"):
            producer = Producer(
                participant_id="alice", transport=self.pub, kind="video", mid="0",
                codec=ChosenCodec("video/vp8", 96, RATE, None, {}, 97), extensions={},
                ssrc=0x1000 + index, rtx_ssrc=0x2000 + index, clock=self.clock,
                buffer_size=512, buffer_max_age=5.0, pli_min_interval=LAYER_PLI_INTERVAL,
                on_keyframe_request=self.plis.append, on_nack=lambda p, lost: None, rid=rid)
            producers.append(producer)
        link_layers(producers)
        self.layers = [Layer(p, *b) for p, b in zip(producers, bases, strict=True)]
        self._answered = 0
        self.consumers: list[SimulcastConsumer] = []

    def subscriber(self) -> tuple[SimulcastConsumer, FakeTransport]:
        sub = FakeTransport()
        consumer = SimulcastConsumer(self.layers[0].producer, sub, "0", self.clock)
        consumer.mapper.last_seq = 0xFFF8  # the output wraps too
        consumer.mapper.last_ts = 0xFFFFFFFF - 5 * TICKS
        consumer.activate(96, 97, bytes(range(256)), 0)
        self.consumers.append(consumer)
        return consumer, sub

    def send(self, index: int, packets: list[bytes]) -> None:
        producer = self.layers[index].producer
        for packet in packets:
            producer.on_rtp(packet, read_header(packet), self.clock(), None)

    def answering_tick(self) -> None:
        """One frame interval in which the publisher answers the PLIs sent since the last
        one with key frames (and the router's periodic poll runs)."""
        for layer in self.layers:
            layer.producer.poll_keyframe_request()
        asked = {self.plis[i].spatial for i in range(self._answered, len(self.plis))}
        self._answered = len(self.plis)
        self.tick({i: {"key": True} for i in asked})

    def tick(self, index_frames: dict[int, dict] | None = None) -> None:
        """One frame interval: every layer sends a frame (key where asked), then the
        router's poll re-evaluates the consumers' layers (sfu.router.Router.poll)."""
        self.clock.now += TICKS / RATE
        for index, layer in enumerate(self.layers):
            self.send(index, layer.frame_packets(**(index_frames or {}).get(index, {})))
        for consumer in self.consumers:
            consumer.poll(self.clock())


def described(sent: list[bytes]) -> list[tuple]:
    out = []
    for packet in sent:
        hdr = read_header(packet)
        vp8 = read_vp8_descriptor(packet, hdr[PAYLOAD_START], hdr[PAYLOAD_END])
        out.append((hdr[SEQ], hdr[TS], vp8[PICTURE_ID], vp8[TL0PICIDX], vp8[TID],
                    hdr[MARKER], hdr[SSRC], packet[hdr[PAYLOAD_START] + 6] & 1 == 0))
    return out


def assert_continuous(rows: list[tuple]) -> None:
    """Sequence +1 per packet; timestamp and PictureID +1 per frame (a new timestamp);
    timestamps never go back; TL0PICIDX +1 per base-layer frame."""
    for prev, row in zip(rows, rows[1:], strict=False):
        assert row[0] == (prev[0] + 1) & 0xFFFF, (prev, row)
        if row[1] == prev[1]:
            assert row[2] == prev[2], (prev, row)
            continue
        assert 0 < (row[1] - prev[1]) & 0xFFFFFFFF < 1 << 31, (prev, row)
        assert row[2] == (prev[2] + 1) & 0x7FFF, (prev, row)
        assert row[3] == ((prev[3] + 1) & 0xFF if row[4] == 0 else prev[3]), (prev, row)


def test_switches_only_at_key_frames_with_continuous_numbering_and_wrap():
    room = Room()
    consumer, sub = room.subscriber()
    assert consumer.pending == 2 and room.plis == [room.layers[2].producer]
    room.tick()
    room.tick()
    assert sub.sent == []  # no key frame of the top layer yet
    room.tick({2: {"key": True}})
    for _ in range(4):
        room.tick()
    assert consumer.current == 2 and len(sub.sent) == 10
    for spatial, wrap_frames in ((0, 8), (1, 8), (2, 6), (0, 4)):
        room.clock.now += LAYER_PLI_INTERVAL  # past the layer's PLI throttle
        consumer.set_preferred_layers(spatial)
        assert room.plis[-1] is room.layers[spatial].producer
        room.tick()  # still the old layer: no key frame of the new one yet
        room.tick({spatial: {"key": True}})
        assert consumer.current == spatial
        for _ in range(wrap_frames):
            room.tick()
    rows = described(sub.sent)
    assert len({row[6] for row in rows}) == 1  # one SSRC for the subscriber
    assert_continuous(rows)
    assert consumer.switches == 5
    for field in range(4):  # sequence, timestamp, PictureID, TL0PICIDX all wrapped
        assert any(b[field] < a[field] for a, b in zip(rows, rows[1:], strict=False)), field


def test_timestamp_across_a_switch_follows_the_sender_reports():
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    layers = room.layers
    ntp = 0x10000 << 32
    # Both layers' SRs describe the same instant: the frames they send next are captured
    # at the same time, so after the switch the output timestamp advances by one frame.
    for layer in (layers[0], layers[2]):
        layer.producer.last_sr = (ntp, layer.ts, room.clock())
    consumer.set_preferred_layers(0)
    room.clock.now += 0.4  # arrival-time fallback would add 0.4 s worth of ticks
    room.tick({0: {"key": True}})
    rows = described(sub.sent)
    before = [r for r in rows if r[1] == rows[0][1]]
    after = rows[len(before)]
    assert after[7] and (after[1] - before[0][1]) & 0xFFFFFFFF == TICKS


def test_temporal_target_drops_upper_layers_without_gaps_and_rises_at_layer_sync():
    room = Room()
    consumer, sub = room.subscriber()
    consumer.set_preferred_layers(2, temporal=0)
    room.tick({2: {"key": True}})
    for _ in range(11):
        room.tick()
    rows = described(sub.sent)
    assert {r[4] for r in rows} == {0} and len({r[1] for r in rows}) == 3  # 12 frames / 4
    assert_continuous(rows)
    consumer.set_preferred_layers(2, temporal=2)
    for _ in range(8):
        room.tick()
    rows = described(sub.sent)
    assert {r[4] for r in rows} == {0, 1, 2}
    assert_continuous(rows)
    assert len(room.plis) == 1  # temporal changes need no key frame


def test_key_frame_fragments_arriving_before_its_first_packet_are_sent_after_it():
    room = Room()
    consumer, sub = room.subscriber()
    room.clock.now += 0.1
    key = room.layers[2].frame_packets(key=True, packets=3)
    room.send(2, [key[2], key[1], key[0]])  # reordered: the first packet comes last
    rows = described(sub.sent)
    assert len(rows) == 3 and rows[0][7]
    assert_continuous(rows)


def test_nack_is_answered_with_the_subscribers_rewritten_packet():
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    room.tick()
    consumer.set_preferred_layers(0)
    room.tick({0: {"key": True}})
    room.tick()
    first = len(sub.sent)
    sent = {read_header(p)[SEQ]: p for p in sub.sent}
    wanted = sorted(sent)[1:6]  # both sides of the switch
    count = consumer.retransmit(wanted)
    assert count == len(wanted)
    for packet in sub.sent[first:]:
        hdr = read_header(packet)
        assert hdr[SSRC] == consumer.rtx_ssrc
        osn = struct.unpack_from("!H", packet, hdr[PAYLOAD_START])[0]
        original = sent[osn]
        # the RTX payload is the original payload after the OSN (RFC 4588 section 4)
        body = packet[hdr[PAYLOAD_START] + 2:hdr[PAYLOAD_END]]
        ohdr = read_header(original)
        assert body == original[ohdr[PAYLOAD_START]:ohdr[PAYLOAD_END]]
    assert sub.stats.nack_cache_misses == 0
    assert consumer.retransmit([(max(sent) + 100) & 0xFFFF]) == 0  # never sent: no answer
    assert sub.stats.nack_cache_misses == 1


@pytest.mark.parametrize("subscribers", [1, 20])
def test_key_frame_requests_are_coalesced_per_layer(subscribers):
    room = Room()
    for _ in range(subscribers):
        room.subscriber()
    assert room.plis == [room.layers[2].producer]
    room.clock.now += LAYER_PLI_INTERVAL
    for _ in range(subscribers):
        room.subscriber()
    assert room.plis == [room.layers[2].producer] * 2


def test_no_key_frame_request_for_a_layer_the_publisher_stopped():
    room = Room()
    room.layers[2].producer.meter.live = False  # paused encoding: no packets in a window
    consumer, sub = room.subscriber()
    assert consumer.pending == 1 and room.plis == [room.layers[1].producer]
    room.tick({1: {"key": True}})
    assert consumer.current == 1 and sub.sent
    consumer.request_keyframe()  # a subscriber PLI goes to the layer it gets
    assert room.plis[-1] is room.layers[1].producer



def test_twenty_subscribers_joining_within_two_seconds_cost_at_most_three_key_frames():
    """Acceptance 8 at the SFU: joins within 2 s share the top layer's key frames."""
    room = Room()
    consumers = []
    for frame in range(90):  # 3 s at 30 frames/s; a join every 3 frames for 2 s
        if frame % 3 == 0 and len(consumers) < 20:
            consumers.append(room.subscriber())
        room.answering_tick()
    per_layer = [sum(p is layer.producer for p in room.plis) for layer in room.layers]
    assert per_layer[0] == per_layer[1] == 0 and 1 <= per_layer[2] <= 3, per_layer
    assert all(c.current == 2 for c, _ in consumers)
    assert all(sub.sent for _, sub in consumers)


def test_retransmissions_under_loss_and_switches_carry_the_subscribers_rewrite():
    """Acceptance 9 at the SFU: 2 % loss on the subscriber leg, a switch every 10 s: each
    NACK is answered from the cache, each answer is the packet as this subscriber got it
    (sequence number, timestamp, PictureID, TL0PICIDX, payload)."""
    rng = random.Random(9)
    room = Room()
    consumer, sub = room.subscriber()
    seen = 0
    nacked = answered = 0
    for frame in range(900):  # 30 s
        if frame % 300 == 150:
            consumer.set_preferred_layers((consumer.preferred + 1) % 3)
        room.answering_tick()
        fresh = sub.sent[seen:]
        seen = len(sub.sent)
        lost = {read_header(p)[SEQ]: p for p in fresh if rng.random() < 0.02}
        if not lost:
            continue
        nacked += len(lost)
        assert consumer.retransmit(sorted(lost)) == len(lost)
        for rtx in sub.sent[seen:]:
            hdr = read_header(rtx)
            assert hdr[SSRC] == consumer.rtx_ssrc
            original = lost.pop(struct.unpack_from("!H", rtx, hdr[PAYLOAD_START])[0])
            ohdr = read_header(original)
            assert hdr[TS] == ohdr[TS] and hdr[MARKER] == ohdr[MARKER]
            assert (rtx[hdr[PAYLOAD_START] + 2:hdr[PAYLOAD_END]]
                    == original[ohdr[PAYLOAD_START]:ohdr[PAYLOAD_END]])
            answered += 1
        assert not lost
        seen = len(sub.sent)
    assert consumer.switches == 4 and nacked == answered > 20


def test_the_key_frame_that_completes_a_switch_is_not_requested_again():
    """The periodic re-evaluation runs on the key frame's packet too: a switch it completes
    leaves no PLI queued behind the layer's throttle."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    room.clock.now += PUBLISHER_PLI_GAP
    consumer.set_preferred_layers(0)
    room.clock.now += CHECK_INTERVAL  # the next check is due: it coincides with the key frame
    room.tick({0: {"key": True}})
    assert consumer.current == 0
    room.clock.now += 2.0
    for layer in room.layers:
        layer.producer.poll_keyframe_request()
    assert room.plis == [room.layers[2].producer, room.layers[0].producer]


def test_a_layer_request_soon_after_a_pli_to_another_layer_waits_for_the_next_check():
    """libwebrtc drops a key frame request within 300 ms of the last one for the same send
    stream: the request for the new layer goes out at the next check instead."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    consumer.set_preferred_layers(1)  # 33 ms after the PLI for layer 2
    assert room.plis == [room.layers[2].producer]
    for _ in range(int(CHECK_INTERVAL / (TICKS / RATE)) + 1):
        room.tick()
    assert room.plis == [room.layers[2].producer, room.layers[1].producer]
    room.tick({1: {"key": True}})
    assert consumer.current == 1


def test_paused_simulcast_consumer_resumes_at_a_key_frame_with_continuous_numbering():
    """Last-N pauses a simulcast video like any other (sfu/last_n.py): nothing is sent and no
    layer waits for a key frame for it while paused; resumed, it asks for a key frame of
    its layer and continues sequence numbers, timestamps, PictureID and TL0PICIDX."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    for _ in range(3):
        room.tick()
    sent = len(sub.sent)
    consumer.pause("last_n")
    assert all(layer.producer.waiting_for_keyframe == 0 for layer in room.layers)
    for _ in range(10):
        room.tick({2: {"key": True}})  # even key frames: paused
    assert len(sub.sent) == sent
    room.clock.now += PUBLISHER_PLI_GAP + LAYER_PLI_INTERVAL
    room.plis.clear()
    consumer.resume("last_n")
    assert room.layers[2].producer in room.plis
    room.tick()
    assert len(sub.sent) == sent  # waits for the key frame
    room.tick({2: {"key": True}})
    room.tick()
    assert len(sub.sent) > sent
    assert_continuous(described(sub.sent))


def test_layer_limits_cap_the_preferred_layer_and_lifting_them_restores_it():
    """A viewport cap and a bandwidth cap on top of the preferred layer: the lowest wins,
    and lifting the caps goes back to the preferred layer, each change at a key frame."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    assert consumer.current == 2
    steps = (("viewport", 1, 1), ("bandwidth", 0, 0), ("viewport", None, 0), ("bandwidth", None, 2))
    for source, cap, expected in steps:
        room.clock.now += LAYER_PLI_INTERVAL
        consumer.set_layer_limit(source, cap)
        assert consumer.target_spatial == expected
        if consumer.current != expected:
            assert room.plis[-1] is room.layers[expected].producer
            room.tick({expected: {"key": True}})
        room.tick()
        assert consumer.current == expected, (source, cap)
    assert_continuous(described(sub.sent))


def test_a_late_packet_from_before_the_switch_is_not_forwarded():
    """A packet of the new layer older than the key frame switched at (a repair that comes
    late) belongs to no stream this subscriber got: its number would be one the previous
    layer's packets already took, so it is left out."""
    room = Room()
    consumer, sub = room.subscriber()
    room.tick({2: {"key": True}})
    room.clock.now += PUBLISHER_PLI_GAP
    consumer.set_preferred_layers(1)
    late = room.layers[1].frame_packets()  # layer 1's frame before its key frame, delayed
    room.tick({1: {"key": True}})
    assert consumer.current == 1
    sent = len(sub.sent)
    room.send(1, late)
    room.tick()
    numbers = [read_header(p)[SEQ] for p in sub.sent]
    assert len(numbers) == len(set(numbers)) and len(sub.sent) == sent + 2
    assert_continuous(described(sub.sent))
    assert sub.stats.drops == {"late_before_switch": 2}
