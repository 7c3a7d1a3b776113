"""A publisher's audio levels (RFC 6464) go to the speaker detector; a detector that fails
costs the packet nothing (Python path: sfu/producer.py)."""

from __future__ import annotations

import struct

import pytest
from test_sfu_consumer import FakeClock, FakeTransport

from sfu.active_speaker import level_from_rfc6464
from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.rtp.extensions import URI_AUDIO_LEVEL, build_id_map
from sfu.rtp.header import SEQ, read_header
from sfu.sdp.codecs import ChosenCodec

OPUS = ChosenCodec("audio/opus", 111, 48000, 2, {}, None)
EXTENSIONS = {1: URI_AUDIO_LEVEL}


def opus_packet(seq: int, level: int) -> bytes:
    """An Opus packet with the audio-level extension (id 1, one-byte form, voice flag)."""
    header = struct.pack("!BBHII", 0x90, 111, seq, seq * 960, 0xC0C0C0C0)
    extension = struct.pack("!HH", 0xBEDE, 1) + bytes([0x10, 0x80 | level, 0, 0])
    return header + extension + b"opus"


def audio_pair(on_level) -> tuple[Producer, FakeTransport, FakeClock]:
    clock = FakeClock()
    producer = Producer(participant_id="ana", transport=FakeTransport(), kind="audio", mid="0",
                        codec=OPUS, extensions=EXTENSIONS, ssrc=0xC0C0C0C0, rtx_ssrc=None,
                        clock=clock, buffer_size=64, buffer_max_age=1.0,
                        pli_min_interval=0.5, on_keyframe_request=lambda p: None,
                        on_audio_level=on_level)
    subscriber = FakeTransport()
    consumer = Consumer(producer, subscriber, "0", clock)
    consumer.activate(111, None, build_id_map(EXTENSIONS, {URI_AUDIO_LEVEL: 3}), 0)
    return producer, subscriber, clock


def test_levels_reach_the_detector_and_packets_the_subscriber() -> None:
    heard: list[tuple[str, int, float]] = []
    producer, subscriber, clock = audio_pair(lambda *args: heard.append(args))
    for seq, level in ((10, 30), (11, 90)):
        packet = opus_packet(seq, level)
        producer.on_rtp(packet, read_header(packet), clock(), None)
    assert heard == [("ana", level_from_rfc6464(0x80 | 30), clock()),
                     ("ana", level_from_rfc6464(0x80 | 90), clock())]
    seqs = [read_header(p)[SEQ] for p in subscriber.sent]
    assert len(seqs) == 2 and seqs[1] == (seqs[0] + 1) & 0xFFFF


def test_a_failing_detector_costs_no_packet() -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug in the speaker detector")

    producer, subscriber, clock = audio_pair(broken)
    packet = opus_packet(10, 30)
    with pytest.raises(RuntimeError, match="speaker detector"):  # the worker counts it
        producer.on_rtp(packet, read_header(packet), clock(), None)
    assert len(subscriber.sent) == 1
    assert subscriber.sent[0].endswith(b"opus")


def opus_packet_with_element(seq: int, element: bytes) -> bytes:
    """An Opus packet whose one-byte extension block holds ``element`` (padded to words)."""
    header = struct.pack("!BBHII", 0x90, 111, seq, seq * 960, 0xC0C0C0C0)
    block = element + bytes(-len(element) % 4)
    return header + struct.pack("!HH", 0xBEDE, len(block) // 4) + block + b"opus"


@pytest.mark.parametrize("element", [
    bytes([0x11, 0x80 | 30, 0]),  # audio level (id 1) 2 bytes long
    bytes([0x1F]) + bytes(16),  # 16 bytes long
], ids=["2-bytes", "16-bytes"])
def test_an_audio_level_of_another_length_is_a_counted_drop(element: bytes) -> None:
    """RFC 6464 section 3: the level is 1 byte. A longer one is not forwarded (a subscriber
    would misread it: aiortc's receiver stopped for good on one), and the detector does
    not hear it."""
    heard: list[tuple[str, int, float]] = []
    producer, subscriber, clock = audio_pair(lambda *args: heard.append(args))
    bad = opus_packet_with_element(10, element)
    producer.on_rtp(bad, read_header(bad), clock(), None)
    good = opus_packet(11, 30)
    producer.on_rtp(good, read_header(good), clock(), None)
    assert len(subscriber.sent) == 1
    assert subscriber.stats.drops == {"rtp_extension": 1}
    assert [level for _, level, _ in heard] == [level_from_rfc6464(0x80 | 30)]
