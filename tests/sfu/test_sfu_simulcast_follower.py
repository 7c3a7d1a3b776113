"""The cloud recorder's view of a simulcast m-line (sfu.simulcast.follower, issue 14): the
highest encoding the publisher sends, the next lower one while it stops, switched at key
frames (asked for), as one stream of continuous sequence numbers and timestamps."""

from test_sfu_simulcast_forwarding import RATE, TICKS, Room

from sfu.simulcast.follower import LayerFollower
from sfu.simulcast.layers import poll_layers


class Recorded:
    """What a follower hands on: ``(seq, ts, layer index, key frame start)`` per packet."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, int, bool]] = []

    def __call__(self, seq: int, ts: int, marker: bool, payload: bytes, now: float,
                 layer: object, layer_ts: int) -> None:
        self.rows.append((seq, ts, layer.spatial, payload[:1] == b"\x90"  # type: ignore[attr-defined]
                          and payload[6] & 1 == 0))


def frames(room: Room, follower: LayerFollower, count: int, sending: tuple[int, ...]) -> None:
    """``count`` frame intervals in which the layers ``sending`` send a frame each (a key
    frame on a layer asked for one), then the router's and the recorder's polls run."""
    for _ in range(count):
        room.clock.now += TICKS / RATE
        for layer in room.layers:
            layer.producer.poll_keyframe_request()
        asked = {p.spatial for p in room.plis[room.answered:]}
        room.answered = len(room.plis)
        for index in sending:
            room.send(index, room.layers[index].frame_packets(key=index in asked))
        poll_layers(room.layers[0].producer, room.clock())
        follower.poll(room.clock())


def test_the_follower_records_the_highest_layer_sent_and_steps_down_and_up_at_key_frames():
    room = Room()
    room.answered = 0  # PLIs the publisher answered
    recorded = Recorded()
    follower = LayerFollower(room.layers[0].producer, room.clock, recorded, lambda: None)
    frames(room, follower, 30, (0, 1, 2))
    assert follower.current == 2
    assert recorded.rows[0][2:] == (2, True)  # from a key frame of the top layer on
    assert {row[2] for row in recorded.rows} == {2}
    frames(room, follower, 60, (0, 1))  # the publisher stopped its top encoding
    assert follower.current == 1
    down = next(i for i, row in enumerate(recorded.rows) if row[2] == 1)
    assert recorded.rows[down][3]  # at a key frame of the next layer
    frames(room, follower, 60, (0, 1, 2))  # and sends it again
    assert follower.current == 2 and follower.switches == 3
    up = next(i for i, row in enumerate(recorded.rows) if i > down and row[2] == 2)
    assert recorded.rows[up][3]
    assert [row[2] for row in recorded.rows] == (
        [2] * down + [1] * (up - down) + [2] * (len(recorded.rows) - up))
    for prev, row in zip(recorded.rows, recorded.rows[1:], strict=False):
        assert row[0] == (prev[0] + 1) & 0xFFFF, (prev, row)  # no gap, no overlap
        # time runs on as the real one: a frame's step, or the silence while switching down
        assert 0 <= (row[1] - prev[1]) & 0xFFFFFFFF <= 30 * TICKS, (prev, row)
    span = (recorded.rows[-1][1] - recorded.rows[0][1]) & 0xFFFFFFFF
    assert abs(span - 149 * TICKS) <= 2 * TICKS  # the timestamps span the time it ran
    follower.detach()
    assert all(not layer.producer.consumers for layer in room.layers)
