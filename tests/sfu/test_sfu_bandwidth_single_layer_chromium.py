"""A video without simulcast paused for a subscriber's bandwidth comes back.

A shared screen (the web client never sends it as simulcast), a Firefox or VP9 publisher:
one layer, so a subscriber whose estimate cannot carry it gets it paused (reason
``bandwidth``, sfu/allocator.py). Only probes can then raise the estimate (nothing else is
numbered on the transport), and they used to ride only on a simulcast consumer's RTX
stream: a subscriber whose only video had one layer was never probed, so once its link
recovered the video stayed paused until the estimate went stale (10 s without feedback),
came back for a moment at the old estimate, and was paused again, for good.

One Chromium page publishes one VP8 encoding of its fake camera, one subscribes. The SFU's
packets to the subscriber's port go through a class of 100 kbit/s (``tc``, as in
tests/sfu/test_sfu_bandwidth_chromium.py) until its video is paused for bandwidth; the
limit lifted, the video must be back and stay back. The subscriber is told each time
(``video-paused`` with reason ``bandwidth``), so that its page says the video is paused for
its connection, not that the camera is off.
"""

import asyncio
import shutil

import pytest
from test_sfu_bandwidth_chromium import subscribe
from test_sfu_simulcast_chromium import (
    INBOUND_JS,
    chromium,  # noqa: F401 (fixture)
    open_page,
    poll,
)

from tests.loopback_limit import lift_limit, limit_udp_port

pytestmark = [pytest.mark.timeout(150), pytest.mark.serial]

PUBLISH_JS = """
async () => {
  const stream = await navigator.mediaDevices.getUserMedia(
    {video: {width: 1280, height: 720, frameRate: 30}, audio: false});
  const pc = new RTCPeerConnection();
  window.pc = pc;
  pc.addTransceiver(stream.getVideoTracks()[0], {direction: "sendonly"});
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription.sdp;
}
"""
"The publisher page: its fake camera as one encoding, as a shared screen goes out."
LIMIT = "100kbit"
MIN_STREAM_BPS = 250_000
"The stream must cost this much before the limit, so that it cannot fit under it."
PAUSED_S = 30.0
"The video paused for bandwidth within this time of the limit."
BACK_S = 30.0
"""The video back within this time of lifting the limit: probes back off to one per 5 s
under the limit, then double the estimate every second, and the allocator holds 2 s."""
HOLD_S = 5.0
"...and flowing, never paused again, for this long."


def trace_line(elapsed: float, allocator, consumer) -> str:
    """The subscriber's estimate, probes and the video's pause reasons at ``elapsed``."""
    sender = allocator.sender
    e = sender.estimator
    return (f"{elapsed:5.1f} s: estimate {e.target:.0f} (acked {e.acked_bitrate or 0:.0f}, "
            f"{e.detector.signal}), wanted {sender.wanted}, probes {sender.probes} "
            f"(last measured {e.last_probe}), feedback {sender.feedback_received}, "
            f"paused {sorted(consumer.pause_reasons)}")


async def test_single_layer_video_paused_for_bandwidth_comes_back_once_the_link_does(
        worker, listener, chromium):  # noqa: F811
    if shutil.which("tc") is None:
        pytest.skip("iproute2's tc is not installed")
    publisher = await open_page(chromium)
    await worker.join("room", "alice")
    answer = await worker.publish("room", "alice", await publisher.evaluate(PUBLISH_JS))
    assert "a=simulcast" not in answer
    await publisher.evaluate(
        "sdp => window.pc.setRemoteDescription({type: 'answer', sdp})", answer)
    page = await subscribe(worker, chromium, "bob")
    router = worker.rooms["room"]
    stats, took = await poll(page, INBOUND_JS, lambda s: s["decoded"] > 10, 30)
    assert stats["decoded"] > 10, (stats, took)
    allocator = router.allocators["bob"]
    consumer = next(slot.consumer for slot in router.participants["bob"].slots)
    assert len(consumer.producer.layers) == 1
    loop = asyncio.get_running_loop()
    started = loop.time()
    costs = allocator._costs
    while costs.get(consumer.producer, 0) < MIN_STREAM_BPS and loop.time() - started < 30:
        await asyncio.sleep(0.1)
    assert costs.get(consumer.producer, 0) >= MIN_STREAM_BPS, costs
    log: list[str] = []

    async def trace() -> None:
        while True:
            log.append(trace_line(loop.time() - started, allocator, consumer))
            await asyncio.sleep(0.5)

    tracer = asyncio.ensure_future(trace())
    _, port = router.participants["bob"].subscribe.ice.selected
    try:
        limit_udp_port(port, LIMIT, 10_000)  # a queue of about 0.5 s
        started = loop.time()
        while "bandwidth" not in consumer.pause_reasons and loop.time() - started < PAUSED_S:
            await asyncio.sleep(0.1)
        assert "bandwidth" in consumer.pause_reasons, log
        await asyncio.sleep(2.0)  # paused a while: the estimate settles under the limit
    finally:
        lift_limit()
    lifted = loop.time()
    back = None  # since when the video has flowed without a pause
    while loop.time() - lifted < BACK_S + HOLD_S:
        now = loop.time()
        if consumer.paused:
            back = None
        elif back is None:
            back = now
        if back is not None and now - back >= HOLD_S:
            break
        await asyncio.sleep(0.1)
    tracer.cancel()
    print("\n".join(log))
    assert back is not None and loop.time() - back >= HOLD_S, log
    assert back - lifted <= BACK_S, (back - lifted, log)
    told = [(ids, reason) for room, who, ids, reason in listener.paused
            if (room, who, reason) == ("room", "bob", "bandwidth")]
    assert told[:1] == [(("alice",), "bandwidth")] and told[-1] == ((), "bandwidth"), told
    before = (await page.evaluate(INBOUND_JS))["decoded"]
    stats, took = await poll(page, INBOUND_JS, lambda s: s["decoded"] >= before + 10, 10)
    assert stats["decoded"] >= before + 10, (before, stats, took)
    for p in (page, publisher):
        await p.close()
