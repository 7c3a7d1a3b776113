"""LocalSfu's media recovery (sfu_control/local.py): ``media_lost`` once per loss, re-join
(leave, join, fresh subscribe offer), requests waiting for it, stale answers dropped,
retries and their failure, and a participant leaving while it runs; a refused answer
followed by a fresh offer, an answer without an offer refused (``no_offer_pending``). A
recording fake stands for the SfuWorker (or the ClusterSfu), so these run in
milliseconds."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import pytest

from sfu.control import StreamViewport
from sfu.errors import SfuError
from sfu_control import local as sfu_local
from sfu_control.local import LocalSfu
from signaling.media import MediaError, NoOfferPending
from tests.conftest import wait_until


def sdp(ufrag: str) -> str:
    return f"v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:{ufrag}\r\n"


class FakeWorker:
    """Records control calls; ``join_failures`` joins fail first; ``gate`` holds joins;
    ``offer`` is every subscribe offer (None: nothing to receive); ``answer_error`` refuses
    answers."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.listener: Any = None
        self.join_failures = 0
        self.last_ns: list[int] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.offer: str | None = "offer"
        self.answer_error: SfuError | None = None

    async def join(self, room_id: str, participant_id: str, last_n: int = 0) -> None:
        self.calls.append(("join", participant_id))
        self.last_ns.append(last_n)
        await self.gate.wait()
        if self.join_failures:
            self.join_failures -= 1
            raise SfuError("no SFU node can take a new room")

    async def leave(self, room_id: str, participant_id: str) -> None:
        self.calls.append(("leave", participant_id))

    async def publish(self, room_id: str, participant_id: str, offer_sdp: str) -> str:
        self.calls.append(("publish", participant_id))
        return "answer"

    async def subscribe_offer(self, room_id: str, participant_id: str) -> str | None:
        self.calls.append(("subscribe_offer", participant_id))
        return self.offer

    async def subscribe_answer(self, room_id: str, participant_id: str, answer_sdp: str) -> None:
        if self.answer_error is not None:
            raise self.answer_error
        self.calls.append(("subscribe_answer", participant_id))

    async def pin(self, room_id: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        self.calls.append(("pin", participant_id, pinned))  # type: ignore[arg-type]

    async def set_viewport(self, room_id: str, participant_id: str, streams: tuple) -> None:
        self.calls.append(("viewport", participant_id, streams))  # type: ignore[arg-type]


class Conn:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def types(self) -> list[str]:
        return [m.get("code", m["type"]) for m in self.sent]


@dataclass
class Person:
    conn: Conn = field(default_factory=Conn)


@dataclass
class Room:
    participants: dict[str, Person] = field(default_factory=dict)

    def broadcast(self, message: dict[str, Any]) -> None:
        for person in self.participants.values():
            person.conn.send(message)


class Rooms:
    def __init__(self) -> None:
        self.rooms = {"r": Room({"p": Person(), "q": Person()})}

    def get(self, room_id: str) -> Room | None:
        return self.rooms.get(room_id)


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def joined_pair() -> tuple[FakeWorker, Rooms, LocalSfu, Conn]:
    worker, rooms = FakeWorker(), Rooms()
    media = LocalSfu(worker, rooms)  # type: ignore[arg-type]
    await media.join("r", "p")
    await settle()
    conn = rooms.rooms["r"].participants["p"].conn
    assert conn.types() == ["subscribe-offer"]
    assert await media.publish("r", "p", sdp("pub1")) == "answer"
    await media.subscribe_answer("r", "p", sdp("sub1"))
    assert worker.calls[-1] == ("subscribe_answer", "p")
    worker.calls.clear()
    conn.sent.clear()
    return worker, rooms, media, conn


async def test_lost_transport_rejoins_once_and_offers_again() -> None:
    worker, _, media, conn = await joined_pair()
    before = sfu_local.REJOINS.labels("ok")._value.get()
    media.transport_closed("r", "p", "node-lost")
    media.transport_closed("r", "p", "consent-expired")  # the second transport: same loss
    await settle()
    assert conn.types() == ["media_lost", "subscribe-offer"]
    assert worker.calls == [("leave", "p"), ("join", "p"), ("subscribe_offer", "p")]
    assert sfu_local.REJOINS.labels("ok")._value.get() == before + 1
    assert await media.publish("r", "p", sdp("pub2")) == "answer"
    await media.subscribe_answer("r", "p", sdp("sub2"))
    assert worker.calls[-2:] == [("publish", "p"), ("subscribe_answer", "p")]


async def test_requests_wait_for_the_rejoin_and_stale_ones_are_dropped() -> None:
    worker, _, media, conn = await joined_pair()
    worker.gate.clear()
    media.transport_closed("r", "p", "node-lost")
    # sent from the lost transports before the client saw media_lost
    stale_answer = asyncio.create_task(media.subscribe_answer("r", "p", sdp("sub1")))
    stale_publish = asyncio.create_task(media.publish("r", "p", sdp("pub1")))
    publish = asyncio.create_task(media.publish("r", "p", sdp("pub2")))
    await settle()
    assert not publish.done() and ("publish", "p") not in worker.calls
    worker.gate.set()
    await stale_answer
    with pytest.raises(MediaError, match="lost media transport"):
        await stale_publish
    assert await publish == "answer"
    await settle()
    assert worker.calls == [("leave", "p"), ("join", "p"), ("subscribe_offer", "p"),
                            ("publish", "p")]
    assert media.stale_answers == 1
    assert conn.types() == ["media_lost", "subscribe-offer"]
    await media.subscribe_answer("r", "p", sdp("sub1"))  # still stale after the new offer
    assert media.stale_answers == 2
    await media.subscribe_answer("r", "p", sdp("sub2"))
    assert worker.calls[-1] == ("subscribe_answer", "p")
    with pytest.raises(NoOfferPending):  # answered already: an error, not a silent drop
        await media.subscribe_answer("r", "p", sdp("sub2"))
    assert media.stale_answers == 2


async def test_a_refused_answer_is_followed_by_a_fresh_offer() -> None:
    worker, _, media, conn = await joined_pair()
    media.renegotiation_needed("r", "p")
    await settle()
    assert conn.types() == ["subscribe-offer"]
    worker.answer_error = SfuError("answer m-line count differs from the offer")
    with pytest.raises(MediaError, match="m-line count") as refused:
        await media.subscribe_answer("r", "p", sdp("sub1"))
    assert refused.value.code == "sfu_error"
    await settle()
    assert conn.types() == ["subscribe-offer", "subscribe-offer"]
    worker.answer_error = None
    await media.subscribe_answer("r", "p", sdp("sub1"))
    assert worker.calls[-1] == ("subscribe_answer", "p")
    assert media.stale_answers == 0


async def test_answers_refused_again_and_again_slow_the_offers_down(monkeypatch) -> None:  # noqa: ANN001
    """The first refused answer gets a new offer at once; the next ones wait, longer each
    time, so a client answering garbage cannot make the SFU build an offer per message;
    an answer taken ends the wait for the next time."""
    import time

    monkeypatch.setattr(sfu_local, "REFUSED_BACKOFF_S", 1.0)
    worker, _, media, conn = await joined_pair()
    media.renegotiation_needed("r", "p")
    await settle()
    worker.answer_error = SfuError("answer m-line count differs from the offer")

    def offers() -> int:
        return conn.types().count("subscribe-offer")

    async def refused_then_offered() -> float:
        """Seconds from a refused answer to the next offer."""
        before = offers()
        with pytest.raises(MediaError):
            await media.subscribe_answer("r", "p", sdp("sub1"))
        started = time.monotonic()
        assert await wait_until(lambda: offers() == before + 1, 10)
        return time.monotonic() - started

    assert await refused_then_offered() < 1.0  # the first: at once
    assert await refused_then_offered() >= 1.0  # the second: after 1 s
    assert await refused_then_offered() >= 2.0  # the third: after 2 s
    worker.answer_error = None
    await media.subscribe_answer("r", "p", sdp("sub1"))
    worker.answer_error = SfuError("answer m-line count differs from the offer")
    media.renegotiation_needed("r", "p")
    assert await wait_until(lambda: offers() == 5, 10)
    assert await refused_then_offered() < 1.0  # a first refusal again: at once


async def test_an_answer_without_an_offer_is_refused_and_changes_nothing() -> None:
    worker, rooms = FakeWorker(), Rooms()
    worker.offer = None  # nothing to receive yet: no offer
    media = LocalSfu(worker, rooms)  # type: ignore[arg-type]
    await media.join("r", "p")
    await settle()
    with pytest.raises(NoOfferPending, match="without a subscribe-offer") as refused:
        await media.subscribe_answer("r", "p", sdp("sub1"))
    assert refused.value.code == "no_offer_pending"
    assert ("subscribe_answer", "p") not in worker.calls and media.stale_answers == 0
    assert rooms.rooms["r"].participants["p"].conn.sent == []


async def test_an_answer_after_a_rejoin_before_its_offer_is_stale() -> None:
    """The lost subscribe transport's answer, from a ufrag never seen: dropped, counted."""
    worker, _, media, conn = await joined_pair()
    worker.offer = None
    media.transport_closed("r", "p", "node-lost")
    await settle()
    assert conn.types() == ["media_lost"]
    await media.subscribe_answer("r", "p", sdp("sub-unseen"))
    assert media.stale_answers == 1 and ("subscribe_answer", "p") not in worker.calls


async def test_rejoin_retries_then_reports_sfu_error(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sfu_local, "REJOIN_RETRY_S", 0.01)
    monkeypatch.setattr(sfu_local, "REJOIN_BACKOFF_S", 0.01)  # the second loss comes soon
    worker, _, media, conn = await joined_pair()
    worker.join_failures = 1
    media.transport_closed("r", "p", "node-lost")
    assert await wait_until(lambda: "subscribe-offer" in conn.types(), 10)
    assert [c for c in worker.calls if c[0] == "join"] == [("join", "p")] * 2
    assert conn.types() == ["media_lost", "subscribe-offer"]
    worker.calls.clear()
    conn.sent.clear()
    worker.join_failures = sfu_local.REJOIN_ATTEMPTS
    failed = sfu_local.REJOINS.labels("failed")._value.get()
    media.transport_closed("r", "p", "node-lost")
    assert await wait_until(lambda: "sfu_error" in conn.types(), 10)
    assert conn.types() == ["media_lost", "sfu_error"]
    assert sfu_local.REJOINS.labels("failed")._value.get() == failed + 1


async def test_leaving_during_the_rejoin_leaves_nothing_on_the_sfu() -> None:
    worker, rooms, media, conn = await joined_pair()
    worker.gate.clear()
    media.transport_closed("r", "p", "node-lost")
    await settle()
    assert worker.calls == [("leave", "p"), ("join", "p")]  # the join is under way
    del rooms.rooms["r"].participants["p"]
    leaving = asyncio.create_task(media.leave("r", "p"))
    await settle()
    assert not leaving.done()  # waits for the join instead of cutting it off
    worker.gate.set()
    await leaving
    assert worker.calls[2:] and set(worker.calls[2:]) == {("leave", "p")}
    assert conn.types() == ["media_lost"]  # no offer for a participant who left
    media.transport_closed("r", "p", "node-lost")  # gone: ignored
    assert conn.types() == ["media_lost"]


async def test_repeated_losses_back_off_and_leaving_ends_the_wait(monkeypatch) -> None:  # noqa: ANN001
    """A participant losing media again and again is re-joined later each time (not at once,
    every time), and leaving during that wait ends it at once."""
    monkeypatch.setattr(sfu_local, "REJOIN_BACKOFF_S", 0.2)
    worker, _, media, conn = await joined_pair()
    media.transport_closed("r", "p", "consent-timeout")
    await settle()
    assert worker.calls.count(("join", "p")) == 1  # the first loss: at once
    worker.calls.clear()
    media.transport_closed("r", "p", "consent-timeout")
    await settle()
    assert ("join", "p") not in worker.calls  # the second: after 0.2 s
    await asyncio.sleep(0.3)
    await settle()
    assert worker.calls.count(("join", "p")) == 1
    worker.calls.clear()
    media.transport_closed("r", "p", "consent-timeout")  # the third: after 0.4 s
    await asyncio.sleep(0.25)
    assert ("join", "p") not in worker.calls
    await media.leave("r", "p")
    # Waiting out the backoff would have re-joined (the fake room still lists p).
    assert ("join", "p") not in worker.calls
    assert conn.types().count("media_lost") == 3


async def test_active_speaker_reaches_the_room_and_a_rejoin_keeps_last_n() -> None:
    worker, rooms = FakeWorker(), Rooms()
    media = LocalSfu(worker, rooms)  # type: ignore[arg-type]
    await media.join("r", "p", 3)
    await settle()
    media.active_speaker("r", "q")
    media.active_speaker("r", "gone")  # left meanwhile: nobody is told
    for person in rooms.rooms["r"].participants.values():
        assert [m for m in person.conn.sent if m["type"] == "active-speaker"] == [
            {"type": "active-speaker", "participantId": "q"}]
    media.transport_closed("r", "p", "node-lost")
    await settle()
    assert worker.last_ns == [3, 3]  # the re-join carries the room's last-N


async def test_send_encodings_reaches_only_the_publisher() -> None:
    worker, rooms = FakeWorker(), Rooms()
    media = LocalSfu(worker, rooms)  # type: ignore[arg-type]
    await media.join("r", "p")
    await settle()
    media.send_encodings("r", "p", "1", (("q", True), ("h", False), ("f", False)))
    media.send_encodings("r", "gone", "1", (("q", False),))  # left meanwhile: dropped
    room = rooms.rooms["r"]
    told = {pid: [m for m in person.conn.sent if m["type"] == "send-encodings"]
            for pid, person in room.participants.items()}
    assert told.pop("p") == [{"type": "send-encodings", "mid": "1", "encodings": [
        {"rid": "q", "active": True}, {"rid": "h", "active": False},
        {"rid": "f", "active": False}]}]
    assert told and all(sent == [] for sent in told.values())


async def test_a_rejoin_keeps_the_pins_and_tiles() -> None:
    """The SFU forgets a participant's pins and tiles when it leaves: the re-join sets the
    last ones again (each tile as last described) before the new subscribe offer."""
    worker, _, media, _ = await joined_pair()
    await media.pin("r", "p", ("q",))
    await media.set_viewport("r", "p", (("q", True, 320, 180), ("q.1", False, 0, 0)))
    await media.set_viewport("r", "p", (("q", False, 320, 180),))
    worker.calls.clear()
    media.transport_closed("r", "p", "node-lost")
    await settle()
    assert worker.calls == [
        ("leave", "p"), ("join", "p"), ("pin", "p", ("q",)),
        ("viewport", "p", (StreamViewport("q.1", False, 0, 0),
                           StreamViewport("q", False, 320, 180))),
        ("subscribe_offer", "p")]
    await media.leave("r", "p")
    worker.calls.clear()
    await media.join("r", "p")  # a new participant of the same id starts with nothing
    media.transport_closed("r", "p", "node-lost")
    await settle()
    assert worker.calls.count(("join", "p")) == 2  # joined, then re-joined
    assert [c[0] for c in worker.calls if c[0] in ("pin", "viewport")] == []


async def test_video_paused_reaches_the_subscriber_only() -> None:
    """Last-N's held-back cameras go to the one subscriber, as ``video-paused``."""
    worker, rooms = FakeWorker(), Rooms()
    media = LocalSfu(worker, rooms)  # type: ignore[arg-type]
    media.video_paused("r", "p", ("q",))
    media.video_paused("r", "gone", ("q",))  # left meanwhile: nobody is told
    people = rooms.rooms["r"].participants
    assert people["p"].conn.sent == [
        {"type": "video-paused", "participantIds": ["q"], "reason": "last_n"}]
    assert people["q"].conn.sent == []
    # the subscriber's downlink holds a camera back: told apart, so that its page says so
    media.video_paused("r", "p", ("q",), "bandwidth")
    assert people["p"].conn.sent[-1] == {
        "type": "video-paused", "participantIds": ["q"], "reason": "bandwidth"}
