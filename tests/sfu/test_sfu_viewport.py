"""Adaptive stream (issue 12): tile sizes mapped to simulcast layers, hidden tiles paused,
the sizes of the layers learned from their VP8 key frames, and the room applying it all
to one subscriber's consumers (sfu/viewport.py)."""

from __future__ import annotations

import struct

import pytest
from test_sfu_consumer import FakeClock, FakeTransport
from test_sfu_simulcast_forwarding import RATE, TICKS, Room

from recording import h264
from sfu import control
from sfu.consumer import Consumer
from sfu.control import SfuConfig, StreamViewport
from sfu.errors import UnknownParticipantError
from sfu.participant import Participant, SubscribeSlot
from sfu.producer import Producer
from sfu.rtp.keyframe import h264_keyframe_size, vp8_keyframe_size
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.layers import LAYER_PLI_INTERVAL, link_layers
from sfu.viewport import MAX_STREAMS, RoomViewports, layer_sizes, spatial_cap
from sfu.worker import SfuWorker

DEFAULT = [(320, 180), (640, 360), (1280, 720)]


def key_header(width: int, height: int) -> bytes:
    """A VP8 key frame's frame tag and uncompressed header (RFC 6386 section 9.1)."""
    return bytes([0x10, 0x02, 0x00]) + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)


def test_vp8_keyframe_size_reads_the_uncompressed_header() -> None:
    descriptor = bytes([0x90, 0xE0, 0x80, 0x05, 0x07, 0x00])  # X, I (15 bit), L, T
    assert vp8_keyframe_size(descriptor + key_header(640, 360) + b"data") == (640, 360)
    assert vp8_keyframe_size(bytes([0x10]) + key_header(1280, 720)) == (1280, 720)
    scaled = bytes([0x10]) + key_header(320 | 0x4000, 180 | 0x8000)  # scaling bits set
    assert vp8_keyframe_size(scaled) == (320, 180)
    inter = bytes([0x10, 0x01]) + key_header(640, 360)[1:]
    assert vp8_keyframe_size(inter) is None  # P bit: not a key frame
    assert vp8_keyframe_size(bytes([0x00]) + key_header(640, 360)) is None  # no S bit
    assert vp8_keyframe_size(bytes([0x10]) + key_header(640, 360)[:8]) is None  # cut short
    bad_start = bytes([0x10, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2b, 0x80, 0x02, 0x68, 0x01])
    assert vp8_keyframe_size(bad_start) is None


def test_h264_keyframe_size_reads_a_bounded_part_of_an_sps(monkeypatch) -> None:
    """The native core hands every H.264 packet carrying an SPS to Producer.on_rtp, which
    reads a simulcast layer's size from it bit by bit in Python: a publisher's SPS of 1,150
    bytes of one-bit Exp-Golomb codes (pic_order_cnt_type 1, a cycle of 8190 offsets) cost
    about 5 ms of the worker's CPU per packet. Only its first bytes are read."""
    bits = "1" + "1" + "010" + "0" + "1" + "1" + "0" * 12 + "1" + "1" * 12 + "1" * 9200
    bits += "0" * (-len(bits) % 8)
    payload = bytes([0x67, 66, 0, 31]) + int(bits, 2).to_bytes(len(bits) // 8, "big")
    read = []
    real_bits = h264._Bits.bits

    def counted(self, n):  # type: ignore[no-untyped-def]
        read.append(n)
        return real_bits(self, n)

    monkeypatch.setattr(h264._Bits, "bits", counted)
    assert h264_keyframe_size(payload) is None
    assert h264_keyframe_size(b"\x18" + len(payload).to_bytes(2, "big") + payload) is None
    assert sum(read) <= 2 * 64 * 8, sum(read)


def test_layer_sizes_fill_unknown_layers_by_the_4_2_1_scaling() -> None:
    assert layer_sizes([None, None, None]) == DEFAULT  # the web client's 1280x720 capture
    assert layer_sizes([None, None, (640, 360)]) == [(160, 90), (320, 180), (640, 360)]
    assert layer_sizes([(480, 270), None, None]) == [(480, 270), (960, 540), (1920, 1080)]
    assert layer_sizes([None, (600, 400), (1280, 720)]) == [(300, 200), (600, 400), (1280, 720)]
    assert layer_sizes([None, None]) == [(640, 360), (1280, 720)]


@pytest.mark.parametrize(("width", "height", "layer"), [
    (0, 0, 0),  # an empty tile
    (160, 90, 0),
    (320, 180, 0),
    (400, 225, 0),  # within the slack: a 320x180 picture enlarged 1.25 times
    (420, 236, 1),
    (640, 360, 1),
    (800, 450, 1),
    (1280, 720, 2),
    (3840, 2160, 2),  # larger than the top: the top
    (180, 320, 1),  # a portrait tile: the picture covers its height
    (1000, 100, 2),  # a wide strip: the picture covers its width
])
def test_tile_size_maps_to_the_lowest_layer_that_covers_it(width: int, height: int,
                                                          layer: int) -> None:
    assert spatial_cap(width, height, DEFAULT) == layer


@pytest.mark.parametrize(("width", "height"), [(0, 0), (320, 180), (1920, 1080), (3840, 2160)])
def test_a_screen_tile_of_any_size_gets_the_full_frame_rate_layer(width: int,
                                                                  height: int) -> None:
    """The web client's screen: two 1920x1080 layers, the lower at 5 frames/s. A tile,
    however small, is not capped to the 5 frames/s one (before: every tile got it, the
    lowest layer covering it)."""
    assert spatial_cap(width, height, [(1920, 1080), (1920, 1080)]) == 1


def test_a_screen_layer_not_seen_yet_is_taken_at_the_full_size() -> None:
    """The sharer's Chromium started the screen's 5 frames/s layer but not yet its full one
    (its uplink estimate still ramping). The full one was taken as twice the size of the
    other, so every tile was capped to the 5 frames/s layer, dynacast paused the full one
    and the screen stayed at 5 frames/s for everyone."""
    clock = FakeClock()
    transport = FakeTransport()
    low, full = (Producer(
        participant_id="alice", transport=transport, kind="video", mid="2",
        codec=ChosenCodec("video/vp8", 96, RATE, None, {}, None), extensions={},
        ssrc=ssrc, rtx_ssrc=None, clock=clock, buffer_size=8, buffer_max_age=1.0,
        pli_min_interval=0.5, on_keyframe_request=lambda p: None, rid=rid)
        for rid, ssrc in (("l", 0x4000), ("f", 0x4001)))
    link_layers([low, full])
    low.frame_size = (1280, 720)
    screen = SimulcastConsumer(low, FakeTransport(), "2", clock)
    alice = Participant("alice", producers={"2": low})
    bob = Participant("bob", slots=[SubscribeSlot("2", "video", screen)])
    viewports = RoomViewports({"alice": alice, "bob": bob}, {"alice": {"2": "alice.1"}})
    viewports.set("bob", [StreamViewport("alice.1", True, 1280, 720)])
    assert screen.limits == {"viewport": 1}


class Viewed:
    """Publisher alice (camera in three layers, microphone, a shared screen) and subscriber
    bob receiving all three, in one room's :class:`RoomViewports`."""

    def __init__(self) -> None:
        self.room = Room()
        clock = self.room.clock
        camera = self.room.layers[0].producer
        audio, screen = (Producer(
            participant_id="alice", transport=self.room.pub, kind=kind, mid=mid,
            codec=codec, extensions={}, ssrc=ssrc, rtx_ssrc=None, clock=clock,
            buffer_size=64, buffer_max_age=2.0, pli_min_interval=0.5,
            on_keyframe_request=lambda p: None) for kind, mid, codec, ssrc in (
                ("audio", "1", ChosenCodec("audio/opus", 111, 48000, 2, {}, None), 0x3000),
                ("video", "2", ChosenCodec("video/vp8", 96, RATE, None, {}, None), 0x4000)))
        self.camera, self.sub = self.room.subscriber()
        self.audio = Consumer(audio, self.sub, "1", clock)
        self.screen = Consumer(screen, self.sub, "2", clock)
        for c, pt in ((self.audio, 111), (self.screen, 96)):
            c.activate(pt, None, bytes(range(256)), 0)
        alice = Participant("alice", producers={"0": camera, "1": audio, "2": screen})
        bob = Participant("bob", slots=[SubscribeSlot("0", "video", self.camera),
                                        SubscribeSlot("1", "audio", self.audio),
                                        SubscribeSlot("2", "video", self.screen)])
        self.viewports = RoomViewports(
            {"alice": alice, "bob": bob}, {"alice": {"0": "alice", "1": "alice", "2": "alice.1"}})

    def show(self, *tiles: tuple[str, bool, int, int]) -> None:
        self.viewports.set("bob", [StreamViewport(*t) for t in tiles])

    def settle(self) -> None:
        """Frames until the camera consumer forwards the layer it aims at."""
        for _ in range(3):
            self.room.clock.now += LAYER_PLI_INTERVAL
            self.room.answering_tick()
            self.room.tick()
        assert self.camera.current == self.camera.target_spatial


def test_small_tiles_get_low_layers_and_hidden_tiles_nothing() -> None:
    v = Viewed()
    v.room.tick({2: {"key": True}})
    assert v.camera.current == 2  # nothing said yet: the top layer
    v.show(("alice", True, 320, 180))
    assert v.camera.limits == {"viewport": 0}
    v.settle()
    assert v.camera.current == 0
    v.show(("alice", True, 640, 360))
    v.settle()
    assert v.camera.current == 1

    v.show(("alice", False, 640, 360), ("alice.1", False, 0, 0))
    assert v.camera.pause_reasons == {"hidden"} and v.screen.pause_reasons == {"hidden"}
    assert not v.audio.paused  # audio is never touched
    sent = len(v.sub.sent)
    for _ in range(5):
        v.room.answering_tick()
    assert len(v.sub.sent) == sent  # a hidden tile receives nothing

    v.show(("alice", True, 1280, 720))
    assert not v.camera.paused and v.screen.paused  # each tile on its own
    assert v.camera.limits == {"viewport": 2}
    v.settle()
    assert len(v.sub.sent) > sent
    v.show(("alice.1", True, 0, 0))
    assert not v.screen.paused


def test_caps_follow_the_sizes_learned_from_key_frames() -> None:
    """The publisher captures 640x360 only: its middle layer is 320x180, not the assumed
    640x360, so once a key frame shows it a 640x360 tile needs the top layer."""
    v = Viewed()
    v.show(("alice", True, 640, 360))
    assert v.camera.limits == {"viewport": 1}
    layer = v.room.layers[1]
    packets = layer.frame_packets(key=True)
    first = bytearray(packets[0])
    packets[0] = bytes(first[:18]) + key_header(320, 180) + b"data"  # after the descriptor
    v.room.clock.now += TICKS / RATE
    v.room.send(1, packets)
    assert v.camera.current == 1 and layer.producer.frame_size == (320, 180)
    v.viewports.refresh()
    assert v.camera.limits == {"viewport": 2}


def test_the_tiles_a_subscriber_describes_are_bounded() -> None:
    v = Viewed()
    v.show(("alice", False, 0, 0))
    for start in range(0, MAX_STREAMS, 64):
        v.show(*((f"p{i}", True, 10, 10) for i in range(start, start + 64)))
    tiles = v.viewports.tiles["bob"]
    assert len(tiles) == MAX_STREAMS and "alice" not in tiles  # the oldest went
    v.viewports.apply("bob")
    assert not v.camera.paused  # forgotten: visible again, without a cap
    v.viewports.leave("bob")
    assert "bob" not in v.viewports.tiles


async def test_worker_applies_viewports_to_the_subscriber_only() -> None:
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.join("room", "a")
    tile = StreamViewport("b", False, 0, 0)
    await worker.handle(control.ViewportRequest("room", "a", (tile,)))
    assert worker.rooms["room"].viewports.tiles == {"a": {"b": tile}}
    with pytest.raises(UnknownParticipantError):
        await worker.set_viewport("room", "nobody", (tile,))
    await worker.leave("room", "a")
    assert "room" not in worker.rooms
