"""Issue 4 acceptance 4: 5 % random RTP loss on either leg is repaired by NACK/RTX and
the subscriber keeps decoding video (aiortc publisher and subscriber, 127.0.0.1 only)."""

import asyncio

import pytest
from sfu_clients import Publisher, Subscriber, lossy_rtp_receiver, lossy_srtp_ingress

from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)

LOSS = 0.05
WINDOW_S = 1.0
WINDOWS = 5
MIN_FRAMES_PER_WINDOW = 10
"aiortc sends 30 fps; a frozen decoder would add none in a window."


async def frames_per_window(subscriber: Subscriber) -> list[int]:
    counts = []
    for _ in range(WINDOWS):
        before = subscriber.frames["video"]
        await asyncio.sleep(WINDOW_S)
        counts.append(subscriber.frames["video"] - before)
    return counts


async def start_room(worker):
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    await publisher.start()
    assert await subscriber.negotiate()
    return publisher, subscriber


async def test_upstream_loss_is_nacked_and_repaired_by_rtx(worker):
    publisher, subscriber = await start_room(worker)
    try:
        transport = worker.rooms["room"].participants["alice"].publish
        link = lossy_srtp_ingress(worker, transport, LOSS, seed=4)
        assert await wait_until(lambda: subscriber.frames["video"] >= 5, 15), subscriber.frames
        stats = worker.stats
        nacks, rtx, recovered = stats.nacks_sent, stats.rtx_received, stats.recovered_packets

        counts = await frames_per_window(subscriber)

        assert link.dropped >= 10, (link.dropped, link.passed)
        assert stats.nacks_sent > nacks
        assert stats.rtx_received > rtx
        assert stats.recovered_packets > recovered
        assert all(n >= MIN_FRAMES_PER_WINDOW for n in counts), counts
        producer = worker.rooms["room"].participants["alice"].producers
        video = next(p for p in producer.values() if p.kind == "video")
        # Most video losses are repaired; the tracker never grows past its bound.
        assert video.nack_generator.recovered >= video.nack_generator.given_up
        assert len(video.nack_generator.pending) <= 256
    finally:
        await subscriber.stop()
        await publisher.stop()


async def test_downstream_loss_is_answered_from_the_cache(worker):
    publisher, subscriber = await start_room(worker)
    try:
        assert await wait_until(lambda: subscriber.frames["video"] >= 5, 15), subscriber.frames
        # Forwarded and retransmitted RTP are both lost at the subscriber.
        link = lossy_rtp_receiver(subscriber, LOSS, seed=5)
        stats = worker.stats
        nacks, resent = stats.nacks_received, stats.retransmitted_packets

        counts = await frames_per_window(subscriber)

        assert link.dropped >= 10, (link.dropped, link.passed)
        assert stats.nacks_received > nacks
        assert stats.retransmitted_packets > resent
        assert all(n >= MIN_FRAMES_PER_WINDOW for n in counts), counts
    finally:
        await subscriber.stop()
        await publisher.stop()
