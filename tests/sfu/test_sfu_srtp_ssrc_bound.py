"""An authenticated peer that sends a new SSRC in every packet: libsrtp keeps a stream per
SSRC it authenticated and never frees it (a review grew a worker by 15 MB with 40,000 and
slowed each packet's lookup), so a transport's inbound session takes 64 SSRCs and refuses
the packets of more, on the Python path as in the native core."""

import struct

import pytest

from bench.sfu_session import connect_room
from sfu.control import SfuConfig
from sfu.rtcp.rr import ReceiverReport
from sfu.transport import MAX_RX_SSRCS
from sfu.worker import SfuWorker
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("native", ["auto", "off"])
async def test_srtcp_and_srtp_of_too_many_ssrcs_are_refused(native: str, monkeypatch) -> None:
    from sfu_clients import loopback_only

    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, native=native))
    await worker.start()
    try:
        room = await connect_room(worker, "room", 1)
        leg = room.subscribers[0]
        stats = worker.stats
        before = dict(stats.drops)
        for ssrc in range(1, 2 * MAX_RX_SSRCS + 1):  # receiver reports from 128 senders
            leg.sock.sendto(leg.srtp.tx.protect_rtcp(bytes(ReceiverReport(ssrc, []))),
                            worker.address)
        refused = lambda: stats.drops.get("srtcp", 0) - before.get("srtcp", 0)  # noqa: E731
        # the session took 64, less the SSRCs the leg had used already (its own RTCP)
        assert await wait_until(lambda: refused() >= MAX_RX_SSRCS - 2, 10), stats.drops
        assert refused() <= MAX_RX_SSRCS
        # RTP of new SSRCs from the publisher: refused once its session holds 64
        publisher = room.publisher
        rtp = [struct.pack("!BBHII", 0x80, 96, 1, 0, 0x10000 + n) + bytes(20)
               for n in range(2 * MAX_RX_SSRCS)]
        srtp_before = stats.drops.get("srtp_unprotect", 0)
        for packet in rtp:
            publisher.sock.sendto(publisher.srtp.tx.protect(packet), worker.address)
        assert await wait_until(
            lambda: stats.drops.get("srtp_unprotect", 0) - srtp_before >= MAX_RX_SSRCS, 10
        ), stats.drops
    finally:
        await worker.close()
