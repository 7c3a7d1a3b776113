"""End to end: aiortc publishers and subscribers through the SFU over 127.0.0.1."""

import asyncio
import time

import pytest
from sfu_clients import Publisher, Subscriber, loopback_only

from sfu.control import SfuConfig
from sfu.worker import SfuWorker
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)


async def test_one_publisher_three_subscribers_decode_frames(worker, listener):
    publisher = Publisher(worker, "room", "alice")
    subscribers = [Subscriber(worker, "room", f"sub{i}") for i in range(3)]
    try:
        for sub in subscribers:
            await sub.join()
            assert await sub.negotiate() is False  # nothing published yet
        await publisher.start()
        assert {pid for _, pid in listener.renegotiations} == {"sub0", "sub1", "sub2"}
        first, late = subscribers[0], subscribers[1:]
        assert await first.negotiate() is True
        assert await wait_until(lambda: first.frames["video"] >= 10, 15), first.frames

        # Late subscribers join a running stream: the SFU sends a PLI on subscribe so they
        # need not wait for the publisher's next keyframe. How fast they decode is printed,
        # not asserted: a timed test fails on a loaded machine (the deadline is generous).
        plis = worker.stats.plis_sent
        loop = asyncio.get_running_loop()
        started = loop.time()
        for sub in late:
            assert await sub.negotiate() is True
        assert await wait_until(lambda: all(s.frames["video"] >= 1 for s in late), 15)
        print(f"late subscribers' first frame after {loop.time() - started:.2f} s")
        assert worker.stats.plis_sent > plis

        def all_decoding() -> bool:
            return all(s.frames["video"] >= 15 and s.frames["audio"] >= 25 for s in subscribers)

        assert await wait_until(all_decoding, 15), [s.frames for s in subscribers]
        assert worker.forwarded_packets > 0
        for sub in subscribers:
            assert sorted(t.kind for t in sub.tracks) == ["audio", "video"]
    finally:
        for sub in subscribers:
            await sub.stop()
        await publisher.stop()


async def test_publisher_leaving_and_rejoining_is_seen_by_subscriber(worker, listener):
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    first = Publisher(worker, "room", "alice")
    second = None
    try:
        await first.start()
        assert await subscriber.negotiate()
        assert await wait_until(lambda: subscriber.frames["video"] >= 10, 15)

        listener.renegotiations.clear()
        await worker.leave("room", "alice")
        await first.stop()
        assert ("room", "bob") in listener.renegotiations
        assert await subscriber.negotiate()  # inactive m-lines for the departed tracks
        router = worker.rooms["room"]
        assert all(s.consumer is None for s in router.participants["bob"].slots)

        listener.renegotiations.clear()
        second = Publisher(worker, "room", "alice")
        await second.start()
        assert ("room", "bob") in listener.renegotiations
        before = dict(subscriber.frames)
        tracks_before = len(subscriber.tracks)
        assert await subscriber.negotiate()
        # The inactive m-lines are reused: same mids, same SSRCs, the stream continues
        # on aiortc's existing receivers (no new m-line, no new track).
        slots = router.participants["bob"].slots
        assert [(s.mid, s.consumer is not None) for s in slots] == [("0", True), ("1", True)]
        assert subscriber.pc.remoteDescription.sdp.count("m=") == 2
        assert await wait_until(lambda: subscriber.frames["video"] >= before["video"] + 10, 15)
        assert len(subscriber.tracks) == tracks_before
    finally:
        await subscriber.stop()
        if second is not None:
            await second.stop()


class OffsetClock:
    """Monotonic clock that a test can push forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


async def test_consent_timeout_closes_transport_and_tells_listener(monkeypatch, listener):
    loopback_only(monkeypatch)
    clock = OffsetClock()
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), listener, clock=clock)
    await worker.start()
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    try:
        await subscriber.join()
        await publisher.start()
        assert await subscriber.negotiate()
        assert await wait_until(lambda: subscriber.frames["video"] >= 3, 15)
        assert worker.transport_count == 2
        listener.renegotiations.clear()
        clock.offset += 31  # no STUN for 31 s as far as the worker can tell
        assert await wait_until(lambda: len(listener.closed) == 2, 10)
        assert sorted(listener.closed) == [
            ("room", "alice", "consent-timeout"),
            ("room", "bob", "consent-timeout"),
        ]
        assert ("room", "bob") in listener.renegotiations  # alice's tracks are gone
        assert worker.transport_count == 0
    finally:
        await subscriber.stop()
        await publisher.stop()
        await worker.close()


async def test_transport_that_never_connected_is_dropped_without_telling_listener(
    monkeypatch, listener
):
    """A chat-only client never answers its subscribe offer: its transport times out, but it
    lost no media, so signaling is not told (no ``media_lost``, no re-join every 30 s)."""
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, dtls_timeout=3.0), listener)
    await worker.start()
    publisher = Publisher(worker, "room", "alice")
    try:
        await worker.join("room", "chatty")
        await publisher.start()
        assert await worker.subscribe_offer("room", "chatty") is not None  # never answered
        assert worker.transport_count == 2
        assert await wait_until(lambda: worker.transport_count == 1, 10)  # DTLS deadline
        await asyncio.sleep(0.3)  # a few more timer ticks
        assert listener.closed == []
        assert worker.transport_count == 1  # alice's connected transport is untouched
    finally:
        await publisher.stop()
        await worker.close()


async def test_rtcp_terminated_per_leg_reports_and_remb(monkeypatch):
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, initial_bitrate=300_000))
    await worker.start()
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    try:
        await subscriber.join()
        await publisher.start()
        assert await subscriber.negotiate()
        assert await wait_until(lambda: subscriber.frames["video"] >= 5, 15)
        video_sender = next(
            t.sender for t in publisher.pc.getTransceivers() if t.kind == "video"
        )

        async def stats_types(obj) -> set[str]:
            return {s.type for s in (await obj.getStats()).values()}

        # Receiver reports reach the publisher (remote-inbound-rtp), sender reports with
        # translated timestamps reach the subscriber (remote-outbound-rtp).
        deadline = asyncio.get_running_loop().time() + 5
        while asyncio.get_running_loop().time() < deadline:
            receiver = next(t.receiver for t in subscriber.pc.getTransceivers()
                            if t.kind == "video")
            if "remote-inbound-rtp" in await stats_types(video_sender) and (
                "remote-outbound-rtp" in await stats_types(receiver)
            ):
                break
            await asyncio.sleep(0.2)
        assert "remote-inbound-rtp" in await stats_types(video_sender)
        assert "remote-outbound-rtp" in await stats_types(receiver)
        # REMB (initial 300 kbit/s, app-limited stream) replaces aiortc's 500 kbit/s default.
        encoder = video_sender._RTCRtpSender__encoder
        assert await wait_until(lambda: encoder.target_bitrate == 300_000, 15)
    finally:
        await subscriber.stop()
        await publisher.stop()
        await worker.close()
