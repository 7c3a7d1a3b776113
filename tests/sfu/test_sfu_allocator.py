"""Per-subscriber bandwidth allocation (issue 12): priority order, pausing what does not
fit, hysteresis against flapping, and what reaches the consumers."""

import struct

from test_sfu_consumer import FakeClock, FakeTransport
from test_sfu_simulcast_forwarding import Room

from sfu.allocator import (
    AUDIO_BITRATE,
    BUDGET_SHARE,
    PAUSED,
    STALE_S,
    UP_HOLD_S,
    UP_MARGIN,
    Demand,
    LayerAllocator,
    SubscriberAllocator,
    priority,
)
from sfu.bwe.sender import TransportCcSender
from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.rtp.header import read_header
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.layers import link_layers

LAYERS = (150_000, 500_000, 1_500_000)


def test_screen_then_speaker_then_the_rest_and_paused_when_not_even_the_lowest_fits():
    screen, speaker, other, last = "screen", "speaker", "other", "last"
    demands = [Demand(other, 2, LAYERS), Demand(last, 2, LAYERS),
               Demand(speaker, 1, LAYERS), Demand(screen, 0, LAYERS)]
    got = LayerAllocator().allocate(2_300_000, demands, 0.0)
    # lowest for all four (600k), then the screen to the top (+1350k), the speaker to the
    # middle (+350k) and no more
    assert got == {screen: 2, speaker: 1, other: 0, last: 0}
    got = LayerAllocator().allocate(400_000, demands, 0.0)
    assert got == {screen: 0, speaker: 0, other: PAUSED, last: PAUSED}


def test_a_class_teacher_is_raised_before_the_students_thumbnails_get_any_layer():
    """A student's 1 Mbit/s link in a class of 20: the teacher (dominant speaker) is raised
    to the layer that fits before the thumbnails, lower in priority, get their lowest;
    the thumbnails share what is left."""
    teacher = "teacher"
    thumbnails = [f"student{i}" for i in range(20)]
    demands = [Demand(t, 2, (50_000,)) for t in thumbnails] + [Demand(teacher, 1, LAYERS)]
    got = LayerAllocator().allocate(900_000, demands, 0.0)
    # the teacher to the middle layer (500k), then 8 thumbnails (400k), the others paused
    assert got[teacher] == 1
    assert [got[t] for t in thumbnails] == [0] * 8 + [PAUSED] * 12


def test_up_only_after_the_margin_held_for_seconds_down_at_once():
    allocator = LayerAllocator()
    tile = "tile"
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 0.0) == {tile: 1}
    # enough for the top layer, but not with the margin: stays
    assert allocator.allocate(1_600_000, [Demand(tile, 2, LAYERS)], 1.0) == {tile: 1}
    with_margin = LAYERS[2] * (1 + UP_MARGIN) + 1
    now = 2.0
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)], now) == {tile: 1}
    # a dip restarts the wait
    assert allocator.allocate(900_000, [Demand(tile, 2, LAYERS)], now + 1) == {tile: 1}
    start = now + 1.5
    for step in range(int(UP_HOLD_S / 0.5)):
        assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)],
                                  start + step * 0.5) == {tile: 1}
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)],
                              start + UP_HOLD_S) == {tile: 2}
    # down at once
    assert allocator.allocate(300_000, [Demand(tile, 2, LAYERS)], start + UP_HOLD_S + 0.5
                              ) == {tile: 0}


def test_estimate_oscillating_around_a_layer_does_not_flap():
    allocator = LayerAllocator()
    tile = "tile"
    layers = []
    for step in range(40):  # +-10 % around the top layer's cost every half second
        budget = LAYERS[2] * (1.1 if step % 2 else 0.95)
        layers.append(allocator.allocate(budget, [Demand(tile, 2, LAYERS)], step * 0.5)[tile])
    assert layers[0] == 1
    assert set(layers) == {1}


def test_a_consumer_that_had_all_it_wanted_takes_a_higher_want_at_once():
    """A thumbnail made large (or a forced layer): no hold when the budget fits it, since
    the consumer was not held back by the estimate; still the margin and no more."""
    allocator = LayerAllocator()
    tile = "tile"
    budget = LAYERS[2] * (1 + UP_MARGIN) + 1
    assert allocator.allocate(budget, [Demand(tile, 2, LAYERS[:1])], 0.0) == {tile: 0}
    assert allocator.allocate(budget, [Demand(tile, 2, LAYERS)], 0.5) == {tile: 2}
    # held back by the estimate, then wanting more: the hold applies again
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 1.0) == {tile: 1}
    assert allocator.allocate(budget, [Demand(tile, 2, LAYERS)], 1.5) == {tile: 1}


def test_priority_reads_screens_speaker_and_pins():
    clock = FakeClock()
    pub = FakeTransport()
    stream_ids = {"alice": {"0": "alice", "1": "alice.1"}, "bob": {"0": "bob"}}

    def consumer(participant: str, mid: str) -> Consumer:
        producer = Producer(
            participant_id=participant, transport=pub, kind="video", mid=mid,
            codec=ChosenCodec("video/vp8", 96, 90000, None, {}), extensions={}, ssrc=1,
            rtx_ssrc=None, clock=clock, buffer_size=8, buffer_max_age=1.0,
            pli_min_interval=0.5, on_keyframe_request=lambda p: None)
        return Consumer(producer, FakeTransport(), mid, clock)

    assert priority(consumer("alice", "1"), stream_ids, None, ()) == 0
    assert priority(consumer("alice", "0"), stream_ids, "alice", ()) == 1
    assert priority(consumer("bob", "0"), stream_ids, "alice", ("bob",)) == 1
    assert priority(consumer("bob", "0"), stream_ids, "alice", ()) == 2


def test_subscriber_allocation_caps_layers_pauses_video_and_asks_the_prober():
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    first, sub = room.subscriber()
    second = room.subscriber()[0]
    sender = TransportCcSender(room.clock)
    sender.last_feedback = room.clock()
    allocator = SubscriberAllocator(sender)
    sender.estimator.target = 1_000_000
    allocator.poll([first, second], {}, None, (), room.clock())
    # 900k budget: both lowest (300k), then the first to the middle (+350k)
    assert first.limits == {"bandwidth": 1} and first.target_spatial == 1
    assert second.limits == {"bandwidth": 0}
    assert sender.wanted == int(2 * LAYERS[2] * (1 + UP_MARGIN) / BUDGET_SHARE)
    sender.estimator.target = 200_000
    room.clock.now += 1
    sender.last_feedback = room.clock()
    allocator.poll([first, second], {}, None, (), room.clock())
    assert second.pause_reasons == {"bandwidth"} and second.active
    assert first.limits == {"bandwidth": 0} and not first.paused
    sender.estimator.target = 10_000_000
    for _ in range(int(UP_HOLD_S / 0.5) + 2):
        room.clock.now += 0.5
        sender.last_feedback = room.clock()
        allocator.poll([first, second], {}, None, (), room.clock())
    assert first.limits == {} and second.limits == {}
    assert not first.paused and not second.paused


def test_a_stale_estimate_holds_nothing_back():
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    first, _ = room.subscriber()
    sender = TransportCcSender(room.clock)
    sender.last_feedback = room.clock()
    sender.estimator.target = 100_000
    allocator = SubscriberAllocator(sender)
    allocator.poll([first], {}, None, (), room.clock())
    assert first.pause_reasons == {"bandwidth"}
    room.clock.now += STALE_S + 1  # no feedback since: the estimate is stale
    allocator.poll([first], {}, None, (), room.clock())
    assert not first.paused and first.limits == {} and sender.wanted == 0


def test_consumers_held_back_for_another_reason_get_no_share_and_no_bandwidth_hold():
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    hidden, _ = room.subscriber()
    hidden.pause("hidden")
    hidden.pause("bandwidth")
    sender = TransportCcSender(room.clock)
    sender.last_feedback = room.clock()
    sender.estimator.target = 100_000  # nothing would fit
    SubscriberAllocator(sender).poll([hidden], {}, None, (), room.clock())
    assert hidden.pause_reasons == {"hidden"}


def opus(seq: int, payload: int) -> bytes:
    """An Opus packet (PT 111) of ``payload`` bytes."""
    return struct.pack("!BBHII", 0x80, 111, seq, seq * 960, 0xA0D10) + bytes(payload)


def test_muted_microphones_cost_what_they_send_not_a_flat_share():
    """A 20-person class: the subscriber receives 19 microphones, all muted (Opus DTX: a
    3-byte frame every 400 ms), and a camera. With a 1 Mbit/s estimate the camera gets a
    layer (before: 19 x 48 kbit/s was set aside for audio sending about 1 kbit/s each,
    more than the budget, and the video was paused). A microphone that starts talking
    costs its full share within a second."""
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    camera, _ = room.subscriber()
    mics = []
    for i in range(19):
        producer = Producer(
            participant_id=f"p{i}", transport=FakeTransport(), kind="audio", mid="1",
            codec=ChosenCodec("audio/opus", 111, 48000, 2, {}, None), extensions={},
            ssrc=0xA0D10, rtx_ssrc=None, clock=room.clock, buffer_size=8,
            buffer_max_age=1.0, pli_min_interval=0.5, on_keyframe_request=lambda p: None)
        consumer = Consumer(producer, FakeTransport(), str(2 + i), room.clock)
        consumer.activate(111, None, bytes(range(256)), 0)
        mics.append(consumer)
    sender = TransportCcSender(room.clock)
    sender.estimator.target = 1_000_000
    allocator = SubscriberAllocator(sender)
    seq = 0
    for step in range(40):  # 10 s: allocations every 0.5 s, DTX packets every 0.4 s
        room.clock.now += 0.1
        if step % 4 == 0:
            seq += 1
            for mic in mics:
                packet = opus(seq, 3)
                mic.producer.on_rtp(packet, read_header(packet), room.clock(), None)
        sender.last_feedback = room.clock()
        allocator.poll([camera, *mics], {}, None, (), room.clock())
    assert not camera.paused, camera.pause_reasons
    assert camera.target_spatial >= 1, camera.limits
    talking = mics[0].producer
    for _ in range(50):  # a second at 50 packets/s of 80 bytes: 52 kbit/s on the wire
        room.clock.now += 0.02
        seq += 1
        packet = opus(seq, 80)
        talking.on_rtp(packet, read_header(packet), room.clock(), None)
        allocator.poll([camera, *mics], {}, None, (), room.clock())
    assert allocator._audio[talking][3] == AUDIO_BITRATE


def test_a_layer_the_publisher_stopped_sending_costs_what_is_received_instead():
    """The publisher's own estimate dropped its top layer (Chromium stops sending it on a
    weak uplink): a consumer aiming at it receives the middle one, and is charged that.
    Before, the top layer's last cost (1.5 Mbit/s) was set aside for the first tile, which
    then showed the middle layer anyway, and the second tile was held at the lowest; the
    prober asked for the phantom layer too."""
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    first, _ = room.subscriber()
    second, _ = room.subscriber()
    sender = TransportCcSender(room.clock)
    sender.last_feedback = room.clock()
    allocator = SubscriberAllocator(sender)
    sender.estimator.target = 10_000_000
    allocator.poll([first, second], {}, None, (), room.clock())  # the top layer's cost known
    top = room.layers[2].producer.meter
    top.bitrate, top.live = 0, False  # no packet in the last window
    sender.estimator.target = 2_000_000  # 1.8 Mbit/s budget: the lowest twice, +1.5 M left
    for _ in range(int(UP_HOLD_S / 0.5) + 2):
        room.clock.now += 0.5
        sender.last_feedback = room.clock()
        allocator.poll([first, second], {}, None, (), room.clock())
    assert first.target_spatial == 2  # aims at the top, the middle one when it is not sent
    assert second.target_spatial >= 1, second.limits
    assert sender.wanted == int(2 * LAYERS[1] * (1 + UP_MARGIN) / BUDGET_SHARE)


def screen(clock: FakeClock, rids: str) -> Producer:
    """alice's shared screen (m-line 1) in one simulcast encoding per rid (lowest first)."""
    return link_layers([Producer(
        participant_id="alice", transport=FakeTransport(), kind="video", mid="1",
        codec=ChosenCodec("video/vp8", 96, 90000, None, {}, 97), extensions={},
        ssrc=0x3000 + index, rtx_ssrc=None, clock=clock, buffer_size=8, buffer_max_age=1.0,
        pli_min_interval=0.5, on_keyframe_request=lambda p: None, rid=rid)
        for index, rid in enumerate(rids)])


def test_a_slow_subscriber_gets_the_low_screen_encoding_not_a_paused_screen():
    """A student's 400 kbit/s link and the teacher's screen as the web client publishes it:
    two full-size encodings, 5 frames/s (200 kbit/s) and full (1.2 Mbit/s). The student
    gets the 5 frames/s one. Published as one encoding (before), the screen was paused."""
    clock = FakeClock()
    stream_ids = {"alice": {"1": "alice.1"}}
    sender = TransportCcSender(clock)
    sender.estimator.target = 400_000
    sender.last_feedback = clock()
    two = screen(clock, "lf")
    for layer, bitrate in zip(two.layers, (200_000, 1_200_000), strict=True):
        layer.meter.bitrate = bitrate
    simulcast = SimulcastConsumer(two, FakeTransport(), "1", clock)
    simulcast.activate(96, 97, bytes(range(256)), 0)
    SubscriberAllocator(sender).poll([simulcast], stream_ids, None, (), clock())
    assert not simulcast.paused and simulcast.target_spatial == 0
    assert simulcast.limits == {"bandwidth": 0}

    one = Producer(
        participant_id="alice", transport=FakeTransport(), kind="video", mid="1",
        codec=ChosenCodec("video/vp8", 96, 90000, None, {}, 97), extensions={}, ssrc=0x3000,
        rtx_ssrc=None, clock=clock, buffer_size=8, buffer_max_age=1.0, pli_min_interval=0.5,
        on_keyframe_request=lambda p: None)
    single = Consumer(one, FakeTransport(), "1", clock)
    single.activate(96, 97, bytes(range(256)), 0)
    allocator = SubscriberAllocator(sender)
    allocator.poll([single], stream_ids, None, (), clock())
    one.stats.octets += 1_200_000 // 8  # a second of the screen
    clock.now += 1
    sender.last_feedback = clock()
    allocator.poll([single], stream_ids, None, (), clock())
    assert single.pause_reasons == {"bandwidth"}
