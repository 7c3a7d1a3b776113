"""Issue 13 acceptance 1 (simulcast): a simulcast consumer in its steady state is forwarded by
the native core (one layer, every temporal layer, PictureID and TL0PICIDX renumbered by
fixed offsets, the other layers skipped), and goes back to its Python path (the reference)
for switches, temporal targets and malformed packets. The same random script of frames,
key frames, layer and temporal preferences, bandwidth caps, padding, losses, late packets,
malformed VP8 descriptors and extension blocks and NACKs through both paths gives the same
SRTP bytes to the subscriber, the same key frame requests, drops and stream state
(sequence numbers, timestamps, pictures, RTCP sender report); so does a worker's ingress
path against one without the core."""

from __future__ import annotations

import os
import random
import struct
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylibsrtp import Policy, Session
from test_sfu_native_equivalence import Clock, Leg, drain, numbering
from test_sfu_native_ingress import SteppedClock, normalized, padding_only, quiesce
from test_sfu_native_ingress import drain as drain_rtp

from bench.rtp_source import VP8_TEMPORAL_PATTERN, StreamInfo, rtp_packet, vp8_head
from bench.sfu_session import connect_room
from sfu.bwe.sender import TransportCcSender
from sfu.control import SfuConfig, WorkerStats
from sfu.native_forward import IDLE, NativeForwarding, load_core
from sfu.producer import Producer
from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START, read_header
from sfu.rtp.seq_ts_mapper import SeqTsMapper
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.layers import LAYER_PLI_INTERVAL, link_layers, poll_layers
from sfu.srtp import direct_access
from sfu.transport import RtpEgress
from sfu.worker import SfuWorker

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}")
PROFILE, KEY_LENGTH = 7, 28  # AEAD_AES_128_GCM: the core's OpenSSL path
TICKS = 3000  # 30 frames/s at 90 kHz


class Encoding:
    """One simulcast layer of the publisher: its own SSRC and seq/ts/picture counters."""

    def __init__(self, producer: Producer, seq: int, ts: int, pid: int, tl0: int,
                 codec: str) -> None:
        self.producer = producer
        self.seq, self.ts, self.pid, self.tl0 = seq, ts, pid, tl0
        self.frame = 0
        self.codec = codec

    def header(self, marker: bool, padding: bool = False, broken_ext: bool = False) -> bytes:
        # id 1 (one byte), then the publisher's transport-wide number (id 2, two bytes)
        ext = bytes([0x10, 0xAB, 0x21, self.seq >> 8, self.seq & 0xFF, 0, 0, 0])
        if broken_ext:
            ext = bytes([0x1F]) + ext[1:]  # id 1 claiming 16 bytes: past the block's end
        return struct.pack("!BBHIIHH", 0x90 | (0x20 if padding else 0),
                           (0x80 if marker else 0) | 96, self.seq, self.ts,
                           self.producer.ssrc, 0xBEDE, 2) + ext

    def frame_packets(self, key: bool, packets: int) -> list[bytes]:
        tid = 0 if key else VP8_TEMPORAL_PATTERN[self.frame % 4]
        if key:
            self.frame = 0
        if tid == 0:
            self.tl0 = (self.tl0 + 1) & 0xFF
        sync = tid > 0 and self.frame % 4 in (1, 2)
        out = []
        for i in range(packets):
            if self.codec == "vp8":
                first = i == 0
                payload = bytes([0x90 if first else 0x80, 0xE0, 0x80 | (self.pid >> 8),
                                 self.pid & 0xFF, self.tl0, (tid << 6) | (0x20 if sync else 0)])
                if first:
                    payload += (b"\x10\x00\x00\x9d\x01\x2a\x40\x01\xf0\x00" if key
                                else b"\x11\x00\x00")
            else:  # H.264 FU-A-less single NAL units: SPS first in a key frame
                payload = bytes([0x67 if key and i == 0 else 0x41]) + b"\x42\x00\x1f"
            out.append(self.header(i == packets - 1) + payload + bytes(20 + 7 * i))
            self.seq = (self.seq + 1) & 0xFFFF
        self.ts = (self.ts + TICKS) & 0xFFFFFFFF
        self.pid = (self.pid + 1) & 0x7FFF
        self.frame += 1
        return out

    def padding_packet(self) -> bytes:
        packet = self.header(False, padding=True) + bytes(3) + b"\x04"
        self.seq = (self.seq + 1) & 0xFFFF
        return packet

    def broken_packet(self) -> bytes:
        """A packet whose VP8 descriptor claims a PictureID it does not carry."""
        packet = self.header(False) + bytes([0x80, 0x80])
        self.seq = (self.seq + 1) & 0xFFFF
        return packet

    def broken_extension_packet(self) -> bytes:
        """A delta packet whose header extension block is malformed."""
        packet = self.header(False, broken_ext=True) + bytes([0x80, 0xE0, 0x80, 0, 0, 0x40])
        self.seq = (self.seq + 1) & 0xFFFF
        return packet


ACTIONS = st.one_of(
    st.tuples(st.just("frames"), st.integers(1, 12)),
    st.tuples(st.just("prefer"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("limit"), st.none() | st.integers(0, 2)),
    st.tuples(st.just("padding"), st.integers(0, 2)),
    st.tuples(st.just("broken"), st.integers(0, 2)),
    st.tuples(st.just("badext"), st.integers(0, 2)),
    st.tuples(st.just("lose"), st.integers(0, 2)),
    st.tuples(st.just("hold"), st.integers(0, 2)),
    st.tuples(st.just("release")),
    st.tuples(st.just("nack"), st.lists(st.integers(0, 40), min_size=1, max_size=5)),
    st.tuples(st.just("wait"), st.floats(0.05, 1.5)),
)


def play(consumer: SimulcastConsumer, encodings: list[Encoding], clock: Clock, plis: list,
         script: list, settle: bool = True) -> tuple:
    """Run ``script``; the router's poll of the consumer (its layer re-evaluation) follows
    every frame and every wait. With ``settle``, the consumer then takes its state back from
    the core, and it is returned."""
    answered = 0
    holding: set[int] = set()
    held: list[tuple[int, bytes]] = []

    def send(index: int, packet: bytes) -> None:
        if index in holding:  # late: as a repair (RTX) arrives after the packets behind it
            holding.discard(index)
            held.append((index, packet))
            return
        producer = encodings[index].producer
        hdr = read_header(packet)
        if hdr[PAYLOAD_START] == hdr[PAYLOAD_END]:  # padding only: as the router does
            producer.on_padding(hdr, clock.now)
        else:
            producer.on_rtp(packet, hdr, clock.now, None)

    for action in script:
        kind = action[0]
        if kind == "frames":
            for _ in range(action[1]):
                clock.now += TICKS / 90000
                for encoding in encodings:
                    encoding.producer.poll_keyframe_request()
                asked = {plis[i] for i in range(answered, len(plis))}
                answered = len(plis)
                for index, encoding in enumerate(encodings):
                    key = encoding.producer in asked
                    for packet in encoding.frame_packets(key, 1 + index):
                        send(index, packet)
                consumer.poll(clock.now)
        elif kind == "prefer":
            consumer.set_preferred_layers(action[1], action[2])
        elif kind == "limit":
            consumer.set_layer_limit("bandwidth", action[1])
        elif kind == "padding":
            send(action[1], encodings[action[1]].padding_packet())
        elif kind == "broken":
            send(action[1], encodings[action[1]].broken_packet())
        elif kind == "badext":
            send(action[1], encodings[action[1]].broken_extension_packet())
        elif kind == "lose":
            encodings[action[1]].seq = (encodings[action[1]].seq + 1) & 0xFFFF
        elif kind == "hold":
            holding.add(action[1])
        elif kind == "release":
            late, held[:] = list(held), []
            for index, packet in late:
                send(index, packet)
        elif kind == "nack":
            newest = consumer.mapper.last_seq if consumer.route is None else consumer.route.last_seq
            consumer.retransmit([(newest - n) & 0xFFFF for n in action[1]])
        elif kind == "wait":
            clock.now += action[1]
            consumer.poll(clock.now)
    if not settle:
        return ()
    report = consumer.sender_report()
    raw = bytes(report) if report is not None else b""
    pictures = getattr(consumer.codec, "pictures", None)
    routed = consumer.route is not None
    consumer.leave_core()  # its state back from the core, to compare
    return (raw[:8] + raw[16:], [encodings.index(e) for p in plis for e in encodings
                                 if e.producer is p],
            consumer.current, consumer.pending, consumer.switches, consumer.packets,
            consumer.octets, consumer.mapper.last_seq, consumer.mapper.last_ts,
            consumer.mapper.seq_offset, consumer.mapper.ts_offset, consumer._last_in_ts,
            (pictures.pid_offset, pictures.tl0_offset, pictures.last_pid, pictures.last_tl0)
            if pictures is not None else None, routed)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(codec=st.sampled_from(["vp8", "h264"]),
       script=st.lists(ACTIONS, min_size=1, max_size=25),
       bases=st.lists(st.tuples(st.integers(0, 0xFFFF), st.integers(0, 0xFFFFFFFF),
                                st.integers(0, 0x7FFF), st.integers(0, 0xFF)),
                      min_size=3, max_size=3),
       first_seq=st.integers(0xFFE0, 0xFFFF) | st.integers(0, 0xFFFF),
       first_ts=st.integers(0, 0xFFFFFFFF),
       numbered=st.booleans())
def test_native_and_python_simulcast_paths_send_the_same_bytes(
        sockets, codec, script, bases, first_seq, first_ts, numbered) -> None:
    assert CORE is not None
    key = os.urandom(KEY_LENGTH)
    receiver = sockets["receiver"]
    address = receiver.getsockname()
    policy = Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=PROFILE)
    policy.allow_repeat_tx = True
    policy.window_size = 1024
    direct = direct_access(Session(policy))
    assert direct is not None
    results = {}
    script = [("frames", 3), *script, ("frames", 6)]  # a start, and an end in steady state
    for path in ("python", "native"):
        stats = WorkerStats()
        clock = Clock()
        plis: list[Producer] = []
        sender = TransportCcSender(clock) if numbered else None
        if path == "python":
            egress = RtpEgress(direct, sockets["python"].sendto, address, stats)
            pub = Leg(stats, twcc_id=2)
        else:
            native = NativeForwarding(CORE, sockets["native"].fileno(), stats)
            egress = native.egress(native.srtp_session(PROFILE, key, True), address)
            pub = Leg(stats, native=native, twcc_id=2)
        mime = "video/vp8" if codec == "vp8" else "video/h264"
        producers = [Producer(
            participant_id="alice", transport=pub, kind="video", mid="0",  # type: ignore[arg-type]
            codec=ChosenCodec(mime, 96, 90000, None, {}, 97), extensions={},
            ssrc=0x1000 + index, rtx_ssrc=0x2000 + index, clock=clock, buffer_size=512,
            buffer_max_age=5.0, pli_min_interval=LAYER_PLI_INTERVAL,
            on_keyframe_request=plis.append, on_nack=lambda p, lost: None, rid=rid)
            for index, rid in enumerate("qhf")]  # fmt: skip
        link_layers(producers)
        encodings = [Encoding(p, *b, codec) for p, b in zip(producers, bases, strict=True)]
        sub = Leg(stats, egress, send_cc=sender)
        consumer = SimulcastConsumer(producers[0], sub, "0", clock)  # type: ignore[arg-type]
        consumer.ssrc, consumer.rtx_ssrc, consumer._rtx_seq = 0xCAFE0001, 0xCAFE0002, 7
        consumer.mapper = SeqTsMapper(90000, clock, first_seq, first_ts)
        consumer.activate(100, 101, bytes(range(256)), 0, transport_cc_id=2)
        state = play(consumer, encodings, clock, plis, script)
        datagrams = drain(receiver, stats.forwarded_packets, sockets[path])
        results[path] = (datagrams, stats.forwarded_packets,
                         stats.forwarded_bytes, dict(stats.drops), state[:-1],
                         numbering(sender))
        if path == "native":  # leave_core gave every layer back
            assert all(p.fanout is not None and not p.fanout.routes for p in producers)
    python, native_result = results["python"], results["native"]
    assert len(native_result[0]) == len(python[0])
    for index, (got, want) in enumerate(zip(native_result[0], python[0], strict=True)):
        assert got == want, (index, got.hex(), want.hex())
    assert native_result[1:] == python[1:]


def test_steady_simulcast_layer_runs_in_the_core_and_switches_in_python(
        sockets, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CORE is not None
    python_forwards = []
    forward = SimulcastConsumer._forward

    def counted(self, index, *args) -> None:  # type: ignore[no-untyped-def]
        python_forwards.append(index)
        forward(self, index, *args)

    monkeypatch.setattr(SimulcastConsumer, "_forward", counted)
    key = os.urandom(KEY_LENGTH)
    stats = WorkerStats()
    clock = Clock()
    plis: list[Producer] = []
    native = NativeForwarding(CORE, sockets["native"].fileno(), stats)
    pub = Leg(stats, native=native)
    producers = [Producer(
        participant_id="alice", transport=pub, kind="video", mid="0",  # type: ignore[arg-type]
        codec=ChosenCodec("video/vp8", 96, 90000, None, {}, 97), extensions={},
        ssrc=0x1000 + index, rtx_ssrc=None, clock=clock, buffer_size=512,
        buffer_max_age=5.0, pli_min_interval=LAYER_PLI_INTERVAL,
        on_keyframe_request=plis.append, on_nack=lambda p, lost: None, rid=rid)
        for index, rid in enumerate("qhf")]  # fmt: skip
    link_layers(producers)
    encodings = [Encoding(p, 100 * i, 1000 * i, 10 * i, i, "vp8")
                 for i, p in enumerate(producers)]
    sub = Leg(stats, native.egress(native.srtp_session(PROFILE, key, True),
                                   sockets["receiver"].getsockname()))
    consumer = SimulcastConsumer(producers[0], sub, "0", clock)  # type: ignore[arg-type]
    consumer.activate(100, 101, bytes(range(256)), 0)
    play(consumer, encodings, clock, plis, [("frames", 4)], settle=False)
    assert consumer.current == 2 and consumer.route is not None
    assert producers[2].fanout.routes == [consumer.route]  # type: ignore[union-attr]
    assert all(p.fanout.routes == [IDLE] for p in producers[:2])  # type: ignore[union-attr]
    before, sent = len(python_forwards), stats.forwarded_packets
    play(consumer, encodings, clock, plis, [("frames", 10), ("wait", 0.6)], settle=False)
    assert len(python_forwards) == before  # every packet of 10 frames through the core
    assert stats.forwarded_packets == sent + 30  # 3 packets a frame on layer 2
    assert consumer.route is not None
    play(consumer, encodings, clock, plis, [("prefer", 0, 3), ("frames", 3)], settle=False)
    assert consumer.current == 0 and consumer.switches == 2 and consumer.route is not None
    play(consumer, encodings, clock, plis, [("prefer", 0, 1), ("frames", 3)], settle=False)
    assert consumer.route is None  # temporal layers above 1 are dropped in Python
    assert python_forwards[-1] == 0
    # The temporal cap lifted (the subscriber's, or the allocator's): once every temporal
    # layer the stream carries (0-2) flows again, the core takes the layer back; it waited
    # for TID 3, which libwebrtc's streams never carry, until the next spatial switch.
    play(consumer, encodings, clock, plis, [("prefer", 0, 3)], settle=False)
    for _ in range(4):  # the router's poll: the layers' meters learn the TIDs carried
        play(consumer, encodings, clock, plis, [("frames", 16)], settle=False)
        poll_layers(producers[0], clock.now)
    assert producers[0].meter.max_tid == 2  # type: ignore[union-attr]
    assert consumer.route is not None and consumer.current == 0
    before = len(python_forwards)
    play(consumer, encodings, clock, plis, [("frames", 8)], settle=False)
    assert len(python_forwards) == before  # all of it through the core again
    received = drain(sockets["receiver"], stats.forwarded_packets, sockets["native"])
    assert len(received) == stats.forwarded_packets > 40


def simulcast_sequence(layers: list[StreamInfo], seed: int, frames: int
                       ) -> list[tuple[int, bytes]]:
    """``frames`` frames of each of the three ``layers`` as libwebrtc sends them (VP8
    descriptors, mid and rid elements, a key frame on every layer every 24 frames) in
    send order, ``(frame, packet)``, the top layer without temporal layers (no TID); in
    frames 40-51 some packets are lost, some are padding only and some carry a malformed
    VP8 descriptor."""
    rng = random.Random(seed)
    state = [[rng.randrange(1 << 16), rng.randrange(1 << 32), rng.randrange(1 << 15),
              rng.randrange(256)] for _ in layers]
    out = []
    for frame in range(frames):
        key = frame % 24 == 0
        tid = 0 if key else VP8_TEMPORAL_PATTERN[frame % 24 % 4]
        for index, layer in enumerate(layers):
            seq, ts, pid, tl0 = state[index]
            tl0 = (tl0 + 1) & 0xFF if tid == 0 else tl0
            elements = [(layer.mid_id, layer.mid.encode()), (layer.rid_id, layer.rid.encode())]
            for i in range(index + 1):
                head = vp8_head(i == 0, key, pid, tl0, tid if index < 2 else None,
                                tid > 0 and frame % 4 in (1, 2), (320 << index, 180 << index))
                roll = rng.random() if 40 <= frame < 52 else 1.0
                payload = b"\x80\x80" if roll < 0.08 else head + bytes(300)  # X, I: no PictureID
                packet = rtp_packet(layer, seq, ts, i == index, payload, elements)
                if 0.08 <= roll < 0.16:
                    packet = padding_only(packet)
                seq = (seq + 1) & 0xFFFF
                if not 0.16 <= roll < 0.24:  # else lost on the way
                    out.append((frame, packet))
            state[index] = [seq, (ts + TICKS) & 0xFFFFFFFF, (pid + 1) & 0x7FFF, tl0]
    return out


async def run_simulcast_room(native: str, seed: int, start: float) -> dict:
    """A simulcast publisher and two subscribers on a worker with ``native``; the seeded
    sequence handed to the worker's datagram handler, 30 frames a second of its clock from
    ``start``, the router's poll every other frame; subscriber 0 is switched to layer 0 a
    third of the way, subscriber 1 to layer 1 with temporal layers up to 1 at two thirds.
    Returns what came out."""
    clock = SteppedClock()
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, native=native), clock=clock)
    await worker.start()
    try:
        ssrcs = [0x51000001, 0x51000002, 0x51000003]
        room = await connect_room(worker, "room", 2, simulcast_ssrcs=ssrcs)
        await quiesce(worker, room)  # the router's poll is called below, as the timer would
        received: list[list[bytes]] = [[] for _ in room.subscribers]
        sequence = simulcast_sequence(room.layers, seed, 96)
        router = worker.rooms["room"]
        tx = room.publisher.srtp.tx
        for step, (frame, packet) in enumerate(sequence):
            if frame == 32 and sequence[step - 1][0] == 31:
                router.set_preferred_layers("subscriber-0", "publisher", 0)
            if frame == 64 and sequence[step - 1][0] == 63:
                router.set_preferred_layers("subscriber-1", "publisher", 1, 1)
            clock.now = start + frame * TICKS / 90000 + step * 1e-5
            if frame % 2 == 1 and sequence[step - 1][0] != frame:
                router.poll()  # the worker's 50-100 ms timer, here every 67 ms
            worker.datagram_received(tx.protect(packet), room.publisher.address)
            if step % 40 == 39:
                for leg, into in zip(room.subscribers, received, strict=True):
                    drain_rtp(leg.sock, leg.srtp.rx, into, worker.address)
        for leg, into in zip(room.subscribers, received, strict=True):
            drain_rtp(leg.sock, leg.srtp.rx, into, worker.address)
        consumers = [slot.consumer for name in ("subscriber-0", "subscriber-1")
                     for slot in router.participants[name].slots
                     if isinstance(slot.consumer, SimulcastConsumer)]
        stats = worker.stats
        return {
            "received": [normalized(packets) for packets in received],
            "counters": (stats.received_packets, stats.forwarded_packets,
                         stats.forwarded_bytes, dict(stats.drops),
                         {name: dict(p.subscribe.stats.drops) for name, p in
                          router.participants.items() if p.subscribe is not None}),
            "layers": [(c.current, c.switches, c.temporal) for c in consumers],
            "max_tid": [layer.meter.max_tid for producer in
                        router.participants["publisher"].producers.values()
                        for layer in producer.layers if layer.meter is not None],
        }
    finally:
        await worker.close()


async def test_native_ingress_and_python_path_agree_on_simulcast(monkeypatch) -> None:
    python_forwards = [0]
    forward = SimulcastConsumer._forward
    tids: list[tuple[int | None, int]] = []
    take_tid = Producer.take_tid

    def counted(self, *args) -> None:  # type: ignore[no-untyped-def]
        python_forwards[0] += 1
        forward(self, *args)

    def logged(self: Producer) -> int:
        tid = take_tid(self)
        if self.ssrc is not None:  # not the worker's timer while the room connects
            tids.append((self.ssrc, tid))
        return tid

    monkeypatch.setattr(SimulcastConsumer, "_forward", counted)
    monkeypatch.setattr(Producer, "take_tid", logged)
    start = time.monotonic() + 600.0  # ahead of the real clock for both runs
    native = await run_simulcast_room("auto", 5, start)
    in_python_with_core = python_forwards[0]
    native_tids = tids[:]
    python = await run_simulcast_room("off", 5, start)
    in_python_without = python_forwards[0] - in_python_with_core
    # each layer's highest TID between the router's polls, whichever path took its packets
    assert native_tids == tids[len(native_tids):]
    assert {tid for ssrc, tid in native_tids if ssrc != 0x51000003} == {0, 1, 2}
    assert {tid for ssrc, tid in native_tids if ssrc == 0x51000003} == {-1}
    assert native["max_tid"] == python["max_tid"] == [2, 2, -1]
    # the core forwarded the steady layers; Python the switches and what followed a repair
    assert in_python_with_core < in_python_without / 2, (in_python_with_core, in_python_without)
    assert native["layers"] == python["layers"] == [(0, 2, 3), (1, 2, 1)]
    assert [len(r) for r in native["received"]] == [len(r) for r in python["received"]]
    for got, want in zip(native["received"], python["received"], strict=True):
        differ = next((i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b), None)
        assert differ is None, (differ, got[differ].hex(), want[differ].hex())
    assert native["counters"] == python["counters"]
    drops = python["counters"][4]
    assert any(d.get("vp8_descriptor") for d in drops.values()), drops  # malformed ones met
