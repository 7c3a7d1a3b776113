"""Dynacast without a network (issue 12, acceptance 7 at the SFU): which simulcast layers
anyone needs, the debounce that tells the publisher, and what a paused layer does to key
frame requests and switching (sfu/simulcast/dynacast.py)."""

import pytest
from test_sfu_simulcast_forwarding import TICKS, Room

from sfu.simulcast.dynacast import (
    INTERVAL,
    PAUSE_AFTER,
    EncodingSwitch,
    needed_layers,
    poll_dynacast,
)
from sfu.simulcast.follower import LayerFollower
from sfu.simulcast.layers import (
    LAYER_PLI_INTERVAL,
    METER_WINDOW,
    RESUME_GRACE,
    TID_WINDOWS,
    LayerMeter,
    poll_layers,
)


def test_each_consumer_needs_the_layer_it_aims_at():
    room = Room()
    layers = [layer.producer for layer in room.layers]
    assert needed_layers(layers) == [False, False, False]  # nobody receives
    low, _ = room.subscriber()
    low.set_preferred_layers(0)
    assert needed_layers(layers) == [True, False, False]
    mid, _ = room.subscriber()
    mid.set_preferred_layers(1)
    assert needed_layers(layers) == [True, True, False]
    mid.pause("last_n")  # a paused consumer needs nothing
    assert needed_layers(layers) == [True, False, False]
    low.close()
    assert needed_layers(layers) == [False, False, False]


def test_tile_size_and_bandwidth_caps_lower_the_layer_needed():
    room = Room()
    layers = [layer.producer for layer in room.layers]
    consumer, _ = room.subscriber()
    assert needed_layers(layers) == [False, False, True]
    consumer.set_layer_limit("viewport", 1)  # a thumbnail: the top layer is nobody's
    assert needed_layers(layers) == [False, True, False]
    consumer.set_layer_limit("bandwidth", 0)
    assert needed_layers(layers) == [True, False, False]
    consumer.set_layer_limit("viewport", None)
    consumer.set_layer_limit("bandwidth", None)
    assert needed_layers(layers) == [False, False, True]


def test_the_recorder_needs_the_highest_layer_and_the_one_it_records():
    room = Room()
    layers = [layer.producer for layer in room.layers]
    # as RoomRecorder.producer_added for a simulcast m-line
    follower = LayerFollower(layers[0], room.clock, lambda *packet: None, lambda: None)
    assert needed_layers(layers) == [False, False, True]
    room.tick({1: {"key": True}, 2: {"key": True}})
    assert follower.current == 2
    layers[2].meter.live = False  # the publisher stopped its top encoding: the next one is
    assert needed_layers(layers) == [False, True, True]  # needed, the top one still wanted
    follower.detach()
    assert needed_layers(layers) == [False, False, False]


def test_a_paused_layer_counts_as_available_and_a_dead_one_does_not():
    room = Room()
    layers = [layer.producer for layer in room.layers]
    top, _ = room.subscriber()
    layers[2].meter.pause()  # dynacast paused it: resuming it serves the consumer
    assert needed_layers(layers) == [False, False, True]
    layers[2].meter.paused = False  # the publisher stopped it itself (CPU, bandwidth):
    # the consumer gets the next one meanwhile; the top one stays wanted (it may come back)
    assert needed_layers(layers) == [False, True, True]


def test_the_layer_forwarded_is_needed_until_the_switch_completes():
    room = Room()
    consumer, _ = room.subscriber()
    room.tick({2: {"key": True}})
    assert consumer.current == 2
    room.clock.now += LAYER_PLI_INTERVAL
    consumer.set_preferred_layers(0)
    assert consumer.pending == 0
    assert needed_layers([layer.producer for layer in room.layers]) == [True, False, True]
    room.tick({0: {"key": True}})
    assert needed_layers([layer.producer for layer in room.layers]) == [True, False, False]


def test_encoding_switch_pauses_after_the_debounce_and_resumes_at_once():
    switch = EncodingSwitch(3)
    assert not switch.update([True, True, False], 0.0)
    assert not switch.update([True, True, False], PAUSE_AFTER - 0.1)
    assert switch.update([True, True, False], PAUSE_AFTER)
    assert switch.active == [True, True, False]
    assert switch.update([True, True, True], PAUSE_AFTER + 0.1)  # needed: at once
    assert switch.active == [True, True, True]
    # A layer that flaps (needed again within the debounce) is never paused.
    now = 10.0
    for step in range(20):
        assert not switch.update([True, True, step % 4 == 3], now)
        now += PAUSE_AFTER / 3
    assert switch.active == [True, True, True]
    assert switch.update([False, False, False], now) is False
    assert switch.update([False, False, False], now + PAUSE_AFTER)
    assert switch.active == [False, False, False]


def test_encoding_switch_is_due_every_interval():
    switch = EncodingSwitch(2)
    assert switch.due(5.0) and not switch.due(5.0 + INTERVAL / 2) and switch.due(5.0 + INTERVAL)


def run(room: Room, seconds: float, answer_plis: bool = True) -> list:
    """Frames for ``seconds``, the router's poll after each: what dynacast told."""
    told = []
    first = room.layers[0].producer
    for _ in range(int(seconds * 30)):
        if answer_plis:
            room.answering_tick()
        else:
            room.tick()
        poll_layers(first, room.clock())
        encodings = poll_dynacast(first, room.clock())
        if encodings is not None:
            told.append(encodings)
            for layer, (_, active) in zip(room.layers, encodings, strict=True):
                layer.sending = active
    return told


@pytest.fixture
def paused_room():
    """A publisher that honours dynacast (a paused layer sends nothing) and one subscriber
    that wants the lowest layer: after the debounce, the upper two are paused."""
    room = Room()
    for layer in room.layers:
        layer.sending = True
    send = room.send

    def send_if_active(index, packets):
        if room.layers[index].sending:
            send(index, packets)

    room.send = send_if_active
    consumer, sub = room.subscriber()
    consumer.set_preferred_layers(0)
    return room, consumer, sub


def test_unneeded_layers_are_paused_and_get_no_key_frame_request(paused_room):
    room, consumer, sub = paused_room
    told = run(room, PAUSE_AFTER + 2 * INTERVAL + 2 * TICKS / 90000)
    assert told == [(("q", True), ("h", False), ("f", False))]
    assert consumer.current == 0
    layers = [layer.producer for layer in room.layers]
    assert [layer.meter.paused for layer in layers] == [False, True, True]
    before = len(room.plis)
    for layer in layers[1:]:
        layer.request_keyframe()  # a request reaching a paused layer is dropped
    room.clock.now += 2 * LAYER_PLI_INTERVAL
    for layer in layers:
        layer.poll_keyframe_request()
    assert room.plis[before:] == []
    run(room, 2 * METER_WINDOW)  # the meter sees the paused layers quiet: still paused
    assert [layer.meter.live for layer in layers] == [True, False, False]


def test_a_wanted_paused_layer_resumes_at_once_and_switches_at_its_first_key_frame(paused_room):
    room, consumer, sub = paused_room
    run(room, PAUSE_AFTER + 1.0)
    before = len(room.plis)
    consumer.set_preferred_layers(2)
    assert consumer.pending == -1  # layer 2 is paused: nothing to aim at yet
    told = run(room, INTERVAL + 2 * TICKS / 90000, answer_plis=False)
    assert told == [(("q", True), ("h", False), ("f", True))]
    assert consumer.pending == 2  # aims at the resumed layer before its packets come
    assert room.plis[before:] == []  # its first frame will be a key frame: no PLI
    room.tick({2: {"key": True}})  # the resumed encoding starts with a key frame
    assert consumer.current == 2 and room.plis[before:] == []
    told = run(room, PAUSE_AFTER + 1.0)
    assert told == [(("q", False), ("h", False), ("f", True))]  # layer 0 unneeded now
    assert consumer.current == 2 and room.plis[before:] == []


def test_a_resumed_layer_whose_key_frame_does_not_come_is_asked_once_the_throttle_ends(
        paused_room):
    room, consumer, sub = paused_room
    run(room, PAUSE_AFTER + 1.0)
    before = len(room.plis)
    consumer.set_preferred_layers(2)
    run(room, INTERVAL + 2 * TICKS / 90000, answer_plis=False)
    assert consumer.pending == 2 and room.plis[before:] == []
    # The publisher resumes but its first frames are not key frames (or got lost).
    run(room, LAYER_PLI_INTERVAL + 2 * INTERVAL, answer_plis=False)
    assert room.plis[before:] == [room.layers[2].producer]
    assert LAYER_PLI_INTERVAL < RESUME_GRACE  # the layer still counts as live meanwhile


def test_a_publisher_that_kept_sending_a_paused_layer_is_asked_for_its_key_frame_at_once():
    """A client that does not apply send-encodings sends the paused layers on: resumed,
    such a layer restarts nothing and brings no key frame of its own, so the switch asks
    for one at once instead of waiting out the throttle for it (Chromium's switches then
    took a second longer)."""
    room = Room()  # every layer sends whatever dynacast says
    consumer, sub = room.subscriber()
    consumer.set_preferred_layers(0)
    run(room, PAUSE_AFTER + 1.0)
    layers = [layer.producer for layer in room.layers]
    assert [layer.meter.paused for layer in layers] == [False, True, True]
    before = len(room.plis)
    consumer.set_preferred_layers(2)
    run(room, INTERVAL + 2 * TICKS / 90000, answer_plis=False)
    assert room.plis[before:] == [layers[2]]
    room.tick({2: {"key": True}})
    assert consumer.current == 2


def test_a_layer_is_flowing_until_a_whole_window_without_packets():
    meter = LayerMeter()
    meter.sample(0, 0, -1, 0.0)
    assert not meter.flowing(0)
    assert meter.flowing(3)  # packets since the window started
    meter.sample(10, 1000, -1, METER_WINDOW)
    meter.pause()
    assert meter.flowing(10)  # the last window had packets: in flight or not stopped
    meter.sample(10, 1000, -1, 2 * METER_WINDOW)
    assert not meter.flowing(10)  # stopped
    assert meter.flowing(11)


def test_a_paused_layer_keeps_its_temporal_layers_and_a_sending_one_forgets_them():
    """A layer dynacast paused sends nothing, and still has the temporal layers it had
    (the allocator may give a slow subscriber fewer frames of it); one that sends without
    TIDs for TID_WINDOWS windows has none any more."""
    meter = LayerMeter()
    meter.sample(0, 0, -1, 0.0)
    meter.sample(10, 1000, 2, METER_WINDOW)
    assert meter.max_tid == 2
    meter.pause()
    for window in range(2, 2 * TID_WINDOWS):
        meter.sample(10, 1000, -1, window * METER_WINDOW)
    assert meter.max_tid == 2
    meter.resume(2 * TID_WINDOWS * METER_WINDOW)
    packets = 10
    for window in range(2 * TID_WINDOWS, 3 * TID_WINDOWS):
        packets += 10
        meter.sample(packets, packets * 100, -1, window * METER_WINDOW)
        assert meter.max_tid == (2 if window < 3 * TID_WINDOWS - 1 else -1)
