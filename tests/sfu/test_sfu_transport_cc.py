"""transport-cc end to end with aiortc: the publisher (patched to stamp transport-wide
sequence numbers, which aiortc does not do by itself) gets periodic feedback that parses
and accounts for every packet it sent."""

import asyncio
import itertools

import aiortc.codecs
import aiortc.rtp
import pytest
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters
from sfu_clients import Publisher, Subscriber

from sfu.rtcp.compound import parse_compound
from sfu.rtcp.remb import ReceiverEstimatedMaxBitrate
from sfu.rtcp.twcc import TransportFeedback
from sfu.rtp.extensions import URI_TRANSPORT_CC
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)
TWCC_ID = 5


@pytest.fixture
def stamping_publisher(monkeypatch):
    """Make aiortc offer transport-cc and stamp every RTP packet it serializes."""
    for kind in ("audio", "video"):
        extensions = aiortc.codecs.HEADER_EXTENSIONS[kind]
        monkeypatch.setitem(aiortc.codecs.HEADER_EXTENSIONS, kind, [
            *extensions, RTCRtpHeaderExtensionParameters(id=TWCC_ID, uri=URI_TRANSPORT_CC)
        ])
    counter = itertools.count()
    sent: list[int] = []
    serialize = aiortc.rtp.RtpPacket.serialize

    def stamped(packet, *args):
        seq = next(counter) & 0xFFFF
        packet.extensions.transport_sequence_number = seq
        sent.append(seq)
        return serialize(packet, *args)

    monkeypatch.setattr(aiortc.rtp.RtpPacket, "serialize", stamped)
    return sent


async def test_publisher_gets_transport_cc_feedback_for_every_packet(worker, stamping_publisher):
    sent = stamping_publisher
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    await publisher.start()
    try:
        answer = publisher.pc.remoteDescription.sdp
        assert f"a=extmap:{TWCC_ID} {URI_TRANSPORT_CC}" in answer
        assert "transport-cc" not in answer  # aiortc offers no rtcp-fb transport-cc
        transport = worker.rooms["room"].participants["alice"].publish
        assert transport.twcc_id == TWCC_ID and transport.bwe is None

        feedback: list[tuple[float, TransportFeedback]] = []
        rembs: list[ReceiverEstimatedMaxBitrate] = []
        send_rtcp = transport.send_rtcp
        loop = asyncio.get_running_loop()

        def capture(packet: bytes) -> None:
            packets, dropped = parse_compound(packet)
            assert dropped == 0
            for p in packets:
                if isinstance(p, TransportFeedback):
                    feedback.append((loop.time(), p))
                elif isinstance(p, ReceiverEstimatedMaxBitrate):
                    rembs.append(p)
            send_rtcp(packet)

        transport.send_rtcp = capture
        assert await subscriber.negotiate()
        assert await wait_until(lambda: subscriber.frames["video"] >= 5, 15)
        feedback.clear()
        started = loop.time()
        await asyncio.sleep(2.0)
        elapsed = loop.time() - started
        sent_now = len(sent)
        await asyncio.sleep(0.3)  # let the last packets be reported

        # Sent every tick (~50 ms) while packets arrive: 20 per second, with slack for a
        # loaded machine.
        rate = sum(1 for t, _ in feedback if t <= started + elapsed) / elapsed
        assert 8 <= rate <= 25, rate
        assert worker.stats.twcc_feedback_sent >= len(feedback)
        # Contiguous, non-overlapping reports; everything received on loopback.
        reported: list[int] = []
        arrivals: list[int] = []
        for _, fb in feedback:
            if reported:
                assert fb.base_sequence == (reported[-1] + 1) & 0xFFFF
            t = fb.reference_time * 256
            deltas = iter(fb.deltas)
            for k, status in enumerate(fb.statuses):
                reported.append((fb.base_sequence + k) & 0xFFFF)
                if status:
                    t += next(deltas)
                    arrivals.append(t)
        assert reported == sent[sent.index(reported[0]) : sent.index(reported[0]) + len(reported)]
        assert len(reported) >= 0.9 * (sent_now - sent.index(reported[0]))
        received = sum(1 for _, fb in feedback for s in fb.statuses if s)
        assert received >= 0.99 * len(reported)
        # Reconstructed arrival times (250 us ticks) span the wall-clock time observed.
        span = (arrivals[-1] - arrivals[0]) / 4000
        assert 0.8 * elapsed < span < 1.5 * (elapsed + 0.3), (span, elapsed)
        # REMB still goes out, as a cap at the configured maximum.
        assert await wait_until(lambda: bool(rembs), 15)
        assert rembs[-1].bitrate == worker.config.max_bitrate
    finally:
        await subscriber.stop()
        await publisher.stop()
