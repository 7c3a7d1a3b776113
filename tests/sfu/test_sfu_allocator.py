"""Per-subscriber bandwidth allocation (issue 12): priority order, pausing what does not
fit, hysteresis against flapping, and what reaches the consumers."""

import struct

from test_sfu_consumer import FakeClock, FakeTransport
from test_sfu_simulcast_forwarding import Room, assert_continuous, described

from sfu.allocator import (
    AUDIO_BITRATE,
    BUDGET_SHARE,
    PAUSED,
    STALE_S,
    TEMPORAL_SHARES,
    UP_HOLD_AFTER_S,
    UP_HOLD_S,
    UP_MARGIN,
    Demand,
    LayerAllocator,
    SubscriberAllocator,
    priority,
)
from sfu.bwe.sender import INITIAL_BITRATE, MIN_BITRATE, TransportCcSender
from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.rtp.header import read_header
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.layers import METER_WINDOW, TID_WINDOWS, link_layers, poll_layers

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


def test_a_video_whose_lowest_layer_does_not_fit_gets_fewer_frames_before_a_pause():
    """A student's 300 kbit/s link: the teacher's lowest layer (150k, three temporal
    layers) does not fit; half its frames (temporal layers 0-1) or a quarter (layer 0)
    may, rather than no video."""
    teacher = "teacher"
    steps = tuple(LAYERS[0] * share for share in TEMPORAL_SHARES[2])
    demand = Demand(teacher, 1, (*steps, *LAYERS), len(steps))
    assert LayerAllocator().allocate(100_000, [demand], 0.0) == {teacher: 1}
    assert LayerAllocator().allocate(70_000, [demand], 0.0) == {teacher: 0}
    assert LayerAllocator().allocate(50_000, [demand], 0.0) == {teacher: PAUSED}
    # with room, the full lowest layer and up
    assert LayerAllocator().allocate(700_000, [demand], 0.0) == {teacher: 3}


def test_temporal_steps_coming_or_going_keep_the_layer_given():
    """The index of the full lowest layer moves when its temporal steps are offered or
    withdrawn (temporal layers seen or gone, the estimate off its floor): a consumer at the
    full lowest layer stays there, not at a quarter of its frames for the up hold."""
    allocator = LayerAllocator()
    tile = "tile"
    assert allocator.allocate(200_000, [Demand(tile, 2, LAYERS)], 0.0) == {tile: 0}
    steps = tuple(LAYERS[0] * share for share in TEMPORAL_SHARES[2])
    with_steps = Demand(tile, 2, (*steps, *LAYERS), len(steps))
    assert allocator.allocate(200_000, [with_steps], 0.5) == {tile: 2}
    assert allocator.allocate(100_000, [with_steps], 1.0) == {tile: 1}  # down at once
    # withdrawn: half the frames counts as the full lowest layer (what is received then)
    assert allocator.allocate(200_000, [Demand(tile, 2, LAYERS)], 1.5) == {tile: 0}


def test_up_only_after_the_margin_held_for_seconds_down_at_once():
    allocator = LayerAllocator()
    tile = "tile"
    assert allocator.allocate(LAYERS[2], [Demand(tile, 2, LAYERS)], -0.5) == {tile: 2}
    # lowered for bandwidth: the hold applies to what comes after
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


def test_a_budget_that_only_grew_raises_at_once_and_a_fall_brings_the_hold_back():
    """A newcomer whose probes raised the estimate over what its large tiles want gets
    the top layer at the next allocation (it waited the hold, 2 s more). After a
    downgrade for bandwidth or a fall of the estimate the hold applies again, until the
    estimate has grown for UP_HOLD_AFTER_S."""
    allocator = LayerAllocator()
    tile = "tile"
    with_margin = LAYERS[2] * (1 + UP_MARGIN) + 1
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 0.0) == {tile: 1}
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)], 0.5) == {tile: 2}
    # the estimate falls and the tile goes down; it recovers: up only after the hold
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 1.0, 0.9) == {tile: 1}
    start = 1.5
    for step in range(int(UP_HOLD_S / 0.5)):
        assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)],
                                  start + step * 0.5, 0.9) == {tile: 1}
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)], start + UP_HOLD_S,
                              0.9) == {tile: 2}
    # a fall that lowered nothing holds the next upgrade too...
    allocator = LayerAllocator()
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 0.0) == {tile: 1}
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)], 0.5, 0.4) == {tile: 1}
    assert allocator.allocate(700_000, [Demand(tile, 2, LAYERS)], 1.0, 0.4) == {tile: 1}
    # ...until the estimate has not fallen for a while
    assert allocator.allocate(with_margin, [Demand(tile, 2, LAYERS)],
                              0.4 + UP_HOLD_AFTER_S, 0.4) == {tile: 2}


def test_a_subscriber_whose_estimate_fell_waits_the_hold():
    """The last fall the subscriber's estimator recorded (for overuse or loss) reaches the
    allocation: a consumer that the lower estimate did not lower still waits the hold
    before going up; with no fall it goes up at the next allocation."""
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    consumer, _ = room.subscriber()
    sender = TransportCcSender(room.clock)
    allocate = allocating(room, consumer, sender)
    allocate(800_000)
    assert consumer.limits == {"bandwidth": 1}
    sender.estimator.decreased_at = room.clock()  # overuse: 800 -> 700 kbit/s
    allocate(700_000)
    assert consumer.limits == {"bandwidth": 1}
    allocate(2_500_000)
    assert consumer.limits == {"bandwidth": 1}
    for _ in range(int(UP_HOLD_S / 0.5)):
        allocate(2_500_000)
    assert consumer.limits == {}


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


def test_a_tile_never_shown_takes_its_lowest_layer_as_soon_as_it_fits():
    """A subscriber that just joined: a tile paused by its first allocation shows as soon as
    the budget pays for its lowest layer, without the hold (it was black for 2 s more).
    Once shown, a tile paused again comes back only after the hold."""
    allocator = LayerAllocator()
    tile = "tile"
    assert allocator.allocate(100_000, [Demand(tile, 2, LAYERS)], 0.0) == {tile: PAUSED}
    assert allocator.allocate(200_000, [Demand(tile, 2, LAYERS)], 0.5) == {tile: 0}
    assert allocator.allocate(100_000, [Demand(tile, 2, LAYERS)], 1.0) == {tile: PAUSED}
    assert allocator.allocate(200_000, [Demand(tile, 2, LAYERS)], 1.5) == {tile: PAUSED}
    assert allocator.allocate(200_000, [Demand(tile, 2, LAYERS)], 1.5 + UP_HOLD_S
                              ) == {tile: 0}


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


def metered_room(temporal: bool, bitrates: tuple[int, ...]) -> Room:
    """A room whose three layers sent a second of frames (TIDs 0-2 as libwebrtc marks
    them, or none with ``temporal`` false), measured by the router's poll; then priced at
    ``bitrates``."""
    room = Room()
    for layer in room.layers:
        layer.temporal = temporal
    send_for(room, 1.0)
    for layer, bitrate in zip(room.layers, bitrates, strict=True):
        layer.producer.meter.bitrate = bitrate
    return room


def send_for(room: Room, seconds: float) -> None:
    """Frames of every layer for ``seconds``, the router's poll measuring the layers."""
    end = room.clock() + seconds
    while room.clock() < end:
        room.tick()
        poll_layers(room.layers[0].producer, room.clock())


def allocating(room: Room, consumer: Consumer,  # type: ignore[no-untyped-def]
               sender: TransportCcSender | None = None):
    """``allocate(estimate)``: one allocation of ``consumer`` at that estimate, half a
    second (the allocation interval) after the last, by ``sender``'s allocator (a new
    sender by default)."""
    sender = sender or TransportCcSender(room.clock)
    allocator = SubscriberAllocator(sender)

    def allocate(estimate: float) -> None:
        room.clock.now += 0.5
        sender.estimator.target = estimate
        sender.last_feedback = room.clock()
        allocator.poll([consumer], {}, None, (), room.clock())

    return allocate


def test_a_layer_with_temporal_layers_sends_fewer_frames_on_a_slow_link():
    """A 300 kbit/s link: the teacher's lowest layer (200k) does not fit, its temporal
    layers 0-1 (120k) or 0 (80k) do: the subscriber gets every other frame, or one in four,
    numbered without gaps, rather than a paused video; the full layer once there is room.
    An estimate at its floor (100k) pauses, and so does a publisher that stops marking
    temporal layers."""
    bitrates = (200_000, 500_000, 1_500_000)
    room = metered_room(True, bitrates)
    assert [layer.producer.meter.max_tid for layer in room.layers] == [2, 2, 2]
    consumer, sub = room.subscriber()
    allocate = allocating(room, consumer)
    allocate(150_000)  # 135k budget
    assert not consumer.paused and consumer.limits == {"bandwidth": 0}
    assert consumer.temporal_limit == 1
    room.tick({0: {"key": True}})
    for _ in range(11):
        room.tick()
    rows = described(sub.sent)
    assert {r[4] for r in rows} == {0, 1} and len({r[1] for r in rows}) == 6  # 12 frames / 2
    assert_continuous(rows)
    allocate(120_000)  # 108k: a quarter of the frames, at once
    assert consumer.temporal_limit == 0 and not consumer.paused
    for _ in range(12):
        room.tick()
    later = described(sub.sent)[len(rows):]
    assert {r[4] for r in later} == {0} and len({r[1] for r in later}) == 3
    assert_continuous(described(sub.sent))
    allocate(MIN_BITRATE)  # 90k would pay for a quarter, but the link may carry far less
    assert consumer.pause_reasons == {"bandwidth"}
    for _ in range(5):  # room again: every frame, after the hold
        allocate(10_000_000)
    assert not consumer.paused and consumer.temporal_limit is None and consumer.limits == {}
    room.tick({2: {"key": True}})
    for _ in range(7):
        room.tick()
    assert {r[4] for r in described(sub.sent)[-16:]} == {0, 1, 2}
    # the publisher's encoder stops marking temporal layers: within seconds every frame
    # counts as needed again, and the link that took a quarter of them takes none
    allocate(120_000)
    assert consumer.temporal_limit == 0
    for layer in room.layers:
        layer.temporal = False
    send_for(room, (TID_WINDOWS + 1) * METER_WINDOW)
    for layer, bitrate in zip(room.layers, bitrates, strict=True):
        layer.producer.meter.bitrate = bitrate
    assert [layer.producer.meter.max_tid for layer in room.layers] == [-1, -1, -1]
    allocate(120_000)
    assert consumer.pause_reasons == {"bandwidth"}


def test_a_layer_without_temporal_layers_is_paused_on_a_slow_link():
    """aiortc's VP8 encoder marks no temporal layers: every frame would be forwarded at
    any temporal cap, so a lowest layer that does not fit is paused, as before temporal
    steps."""
    room = metered_room(False, (200_000, 500_000, 1_500_000))
    assert [layer.producer.meter.max_tid for layer in room.layers] == [-1, -1, -1]
    consumer, _ = room.subscriber()
    allocating(room, consumer)(150_000)
    assert consumer.pause_reasons == {"bandwidth"} and consumer.temporal_limit is None


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


def microphones(room: Room, count: int) -> list[Consumer]:
    """A subscriber's consumers of ``count`` publishers' microphones (Opus), on ``room``'s
    clock."""
    mics = []
    for i in range(count):
        producer = Producer(
            participant_id=f"p{i}", transport=FakeTransport(), kind="audio", mid="1",
            codec=ChosenCodec("audio/opus", 111, 48000, 2, {}, None), extensions={},
            ssrc=0xA0D10, rtx_ssrc=None, clock=room.clock, buffer_size=8,
            buffer_max_age=1.0, pli_min_interval=0.5, on_keyframe_request=lambda p: None)
        consumer = Consumer(producer, FakeTransport(), str(2 + i), room.clock)
        consumer.activate(111, None, bytes(range(256)), 0)
        mics.append(consumer)
    return mics


def test_a_student_joining_a_class_of_twenty_sees_every_camera_from_the_start():
    """A student joins a class of 20 whose microphones are muted (Opus DTX), on the initial
    estimate: the 20 cameras' lowest layers fit its budget, so none is ever paused. Before,
    the first allocation priced each microphone not measured yet at 48 kbit/s, 960 kbit/s
    in all, more than the budget: every camera was paused, and came back only after the
    hold, more than 2 s later (the tiles said "Video paused: your connection is too
    slow")."""
    room = Room()
    for layer, bitrate in zip(room.layers, (30_000, 100_000, 300_000), strict=True):
        layer.producer.meter.bitrate = bitrate
    cameras = [room.subscriber()[0] for _ in range(20)]
    mics = microphones(room, 20)
    sender = TransportCcSender(room.clock)
    assert sender.estimate == INITIAL_BITRATE
    allocator = SubscriberAllocator(sender)
    paused = set()
    for step in range(30):  # 3 s: allocations every 0.5 s, DTX packets every 0.4 s
        if step % 4 == 0:
            for mic in mics:
                packet = opus(step, 3)
                mic.producer.on_rtp(packet, read_header(packet), room.clock(), None)
        sender.last_feedback = room.clock()
        allocator.poll([*cameras, *mics], {}, None, (), room.clock())
        paused |= {i for i, camera in enumerate(cameras) if camera.paused}
        room.clock.now += 0.1
    assert not paused


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
    mics = microphones(room, 19)
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


def test_a_class_arriving_one_by_one_does_not_hold_allocations_off():
    """A stream not measured yet puts the allocation off one interval, for its first
    sample; with a newcomer's microphone every interval (a class arriving) the allocation
    still runs every other one: the estimate falling meanwhile pauses the camera within a
    second, as it would with nobody arriving."""
    room = Room()
    for layer, bitrate in zip(room.layers, LAYERS, strict=True):
        layer.producer.meter.bitrate = bitrate
    camera, _ = room.subscriber()
    sender = TransportCcSender(room.clock)
    sender.estimator.target = 10_000_000
    allocator = SubscriberAllocator(sender)
    mics = microphones(room, 8)
    for _ in range(2):  # two settled allocations: the camera at its top
        room.clock.now += 0.5
        sender.last_feedback = room.clock()
        allocator.poll([camera], {}, None, (), room.clock())
    assert not camera.paused and camera.target_spatial == 2
    sender.estimator.target = 120_000  # the link gives way while people keep arriving
    for arrived in range(1, 4):
        room.clock.now += 0.5
        sender.last_feedback = room.clock()
        allocator.poll([camera, *mics[:arrived]], {}, None, (), room.clock())
    assert camera.paused, camera.limits


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
