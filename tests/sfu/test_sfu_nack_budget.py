"""NACKs from a hostile subscriber: each number answered once per datagram, at most 64 per
datagram and NACK_RATE per second per consumer (a review sent one 1,312-byte datagram of
82 NACKs and got 1,394 packets back)."""

import pytest
from synthetic_clients import LeanSubscriber, SimulcastPublisher

from sfu.consumer import NACK_RATE
from sfu.rtcp.nack import GenericNack
from sfu.rtp.header import PAYLOAD_START, read_header
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)


async def test_a_datagram_of_repeated_nacks_resends_each_packet_once_and_a_flood_is_capped(
        worker) -> None:
    publisher = SimulcastPublisher(worker, "room", "alice")
    subscriber = LeanSubscriber(worker, "room", "bob")
    try:
        await publisher.start()
        await subscriber.start()
        assert await wait_until(lambda: len(subscriber.received) >= 700, 20)
        seqs = [int.from_bytes(p[2:4], "big") for p in subscriber.received[-700:]]
        stats = worker.stats
        before = stats.retransmitted_packets
        # 82 NACK packets, each for the same 17 numbers (PID and a full BLP)
        nack = bytes(GenericNack(subscriber.rtcp_ssrc, subscriber.video_ssrc, seqs[-17:]))
        subscriber._send_rtcp(nack * 82)
        assert await wait_until(lambda: len(subscriber.resent) >= 17, 10)
        assert await wait_until(lambda: stats.retransmitted_packets - before >= 17, 5)
        resent = sorted(int.from_bytes(p[read_header(p)[PAYLOAD_START]:][:2], "big")
                        for p in subscriber.resent)  # RTX: the original number first
        assert resent == sorted(seqs[-17:])  # each once, not 82 times
        # then 10 datagrams of 64 other numbers each: past the consumer's budget
        for index in range(10):
            chunk = seqs[index * 64 : (index + 1) * 64]
            subscriber._send_rtcp(GenericNack(subscriber.rtcp_ssrc, subscriber.video_ssrc,
                                              chunk))
        assert await wait_until(
            lambda: stats.drops.get("nack_rate_limited", 0)
            + stats.retransmitted_packets + stats.nack_cache_misses - before >= 17 + 640, 10)
        answered = stats.retransmitted_packets + stats.nack_cache_misses - before - 17
        assert stats.drops["nack_rate_limited"] == 640 - answered
        assert answered < 640 - 200 and answered <= NACK_RATE * 2
    finally:
        await subscriber.stop()
        await publisher.stop()
