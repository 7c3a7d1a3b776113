"""Subscribe m-lines are recycled: publisher churn does not grow the subscriber's SDP."""

import struct

import pytest
from sfu_clients import Publisher, Subscriber

from sfu.consumer import Consumer
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(90)

CHURN = 20


def m_lines(subscriber: Subscriber) -> int:
    return subscriber.pc.remoteDescription.sdp.count("\r\nm=")


async def test_churn_of_20_publishers_keeps_m_lines_bounded(worker):
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    publishers: list[Publisher] = []
    counts = []
    sizes = []
    try:
        for i in range(CHURN):
            # Overlapping churn: the next publisher arrives before the previous one
            # leaves, so at most two publishers (four tracks) are present at once.
            publisher = Publisher(worker, "room", f"pub{i}")
            await publisher.start()
            publishers.append(publisher)
            assert await subscriber.negotiate()
            counts.append(m_lines(subscriber))
            sizes.append(len(subscriber.pc.remoteDescription.sdp))
            if len(publishers) == 2:
                old = publishers.pop(0)
                await worker.leave("room", old.participant_id)
                await old.stop()
                assert await subscriber.negotiate()
        assert max(counts) == 4, counts
        assert counts[-1] == 4 and max(sizes) < 1.2 * sizes[1], sizes
        slots = worker.rooms["room"].participants["bob"].slots
        assert len(slots) == 4
        assert sorted(s.kind for s in slots if s.consumer is not None) == ["audio", "video"]
        # The last publisher still reaches the subscriber through a recycled m-line.
        before = subscriber.frames["video"]
        assert await wait_until(lambda: subscriber.frames["video"] >= before + 10, 15)
    finally:
        await subscriber.stop()
        for publisher in publishers:
            await publisher.stop()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_recycled_consumer_continues_the_slot_stream(worker):
    """Unit level: same SSRCs, sequence numbers carry on, old NACKs are not mapped."""
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    await publisher.start()
    try:
        router = worker.rooms["room"]
        video = next(p for p in router.participants["alice"].producers.values()
                     if p.kind == "video")
        transport = router.participants["alice"].publish
        clock = FakeClock()
        first = Consumer(video, transport, "0", clock)
        first.mapper.map(1000, 5000)
        first.mapper.map(1001, 8000)
        first.packets, first.octets = 2, 100
        first.close()
        second = Consumer(video, transport, "0", clock, previous=first)
        assert (second.ssrc, second.rtx_ssrc) == (first.ssrc, first.rtx_ssrc)
        assert (second.packets, second.octets) == (2, 100)
        last = first.mapper.last_seq
        clock.now += 1.0
        assert second.mapper.map(7, 0)[0] == (last + 1) & 0xFFFF  # continuous
        second.active = True
        for seq in (6, 7):  # input sequence numbers that out seqs last, last+1 map to
            video.buffer.store(seq, struct.pack("!BBHII", 0x80, 96, seq, 0, 1) + b"vp8")
        assert second.retransmit([last]) == 0  # sent by the previous stream: ignored
        assert second.retransmit([(last + 1) & 0xFFFF]) == 1
        fresh = Consumer(video, transport, "1", clock, previous=None)
        assert fresh.ssrc != first.ssrc
    finally:
        await subscriber.stop()
        await publisher.stop()
