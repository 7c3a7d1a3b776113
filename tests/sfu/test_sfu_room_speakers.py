"""Last-N tells each subscriber which cameras it holds back (issue 12): the client shows
those tiles as paused, not as cameras turned off (sfu/room_speakers.py ``on_held``)."""

from __future__ import annotations

from test_sfu_consumer import FakeClock, FakeTransport

from sfu.consumer import Consumer
from sfu.participant import Participant, SubscribeSlot
from sfu.producer import Producer
from sfu.room_speakers import RoomSpeakers
from sfu.sdp.codecs import ChosenCodec

VP8 = ChosenCodec("video/vp8", 96, 90000, None, {}, None)


def camera(owner: str, mid: str, clock: FakeClock) -> Producer:
    return Producer(participant_id=owner, transport=FakeTransport(), kind="video", mid=mid,
                    codec=VP8, extensions={}, ssrc=hash(owner) & 0xFFFF, rtx_ssrc=None,
                    clock=clock, buffer_size=64, buffer_max_age=2.0, pli_min_interval=0.5,
                    on_keyframe_request=lambda p: None)


def test_subscribers_are_told_which_cameras_last_n_holds_back() -> None:
    clock = FakeClock()
    ana, cy = camera("ana", "0", clock), camera("cy", "0", clock)
    screen = camera("cy", "1", clock)
    sub = FakeTransport()
    slots = []
    for mid, producer in enumerate((ana, cy, screen)):
        consumer = Consumer(producer, sub, str(mid), clock)
        consumer.activate(96, None, bytes(range(256)), 0)
        slots.append(SubscribeSlot(str(mid), "video", consumer))
    participants = {"ana": Participant("ana", producers={"0": ana}),
                    "cy": Participant("cy", producers={"0": cy, "1": screen}),
                    "bo": Participant("bo", slots=slots)}
    told: list[tuple[str, tuple[str, ...]]] = []
    speakers = RoomSpeakers(participants, {"ana": {"0": "ana"}, "cy": {"0": "cy", "1": "cy.1"}},
                            lambda subscriber, held: told.append((subscriber, held)))
    for pid in ("ana", "cy", "bo"):
        speakers.join(pid)

    speakers.set_last_n(1)  # ana joined first: bo receives her camera only
    assert told == [("bo", ("cy",))]
    assert slots[1].consumer.pause_reasons == {"last_n"}
    assert not slots[2].consumer.paused  # a shared screen is never held back
    speakers.apply("bo")  # nothing changed: nothing told
    assert told == [("bo", ("cy",))]

    speakers.order.promote("cy")
    speakers.apply()
    assert told[-1] == ("bo", ("ana",))
    speakers.pin("bo", ("ana",))  # a pin brings her back: nothing held
    assert told[-1] == ("bo", ()) and speakers.held == {}
    speakers.set_last_n(0)
    assert len(told) == 3  # no limit: still nothing held, nothing new to tell
