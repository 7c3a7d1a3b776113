"""Acceptance 4 of issue 12: one Chromium subscriber's downlink limited to 400 kbit/s.

One Chromium page publishes three VP8 simulcast layers; two pages subscribe. Once both
show the top layer, the SFU's packets to one subscriber's UDP port go through a class
of 400 kbit/s (``tc`` on the loopback device of the test's own network namespace:
an ``htb`` root, a limited class with a ``bfifo`` queue and a ``u32`` filter on that
destination port, found from the transport's ICE-selected address). Within 10 s the SFU's
estimate for that subscriber falls and it receives a lower layer; once that layer has
settled (a second step down may follow the first), it loses under 3 % of the packets and
its ``freezeCount`` grows no more than the other subscriber's
(:data:`EXTRA_FREEZES`), and the other subscriber keeps the top layer all along. The limit
lifted, the top layer is back within 20 s (probing raises the estimate again).
"""

import asyncio
import shutil

import pytest
from test_sfu_simulcast_chromium import (
    ANSWER_JS,
    LAYER_HEIGHTS_JS,
    SUBSCRIBE_JS,
    chromium,  # noqa: F401 (fixture)
    open_page,
    poll,
    publish_simulcast,
)

from tests.loopback_limit import lift_limit, limit_udp_port

pytestmark = [pytest.mark.timeout(180), pytest.mark.serial]

LIMIT = "400kbit"
LIMIT_BPS = 400_000
QUEUE_BYTES = 20_000
"The bottleneck's queue: 400 ms at 400 kbit/s, beyond which packets are dropped."
LOWER_S = 10.0
"A lower layer within this time of the limit (acceptance 4)."
FALLEN_BPS = 1.5 * LIMIT_BPS
"The estimate has fallen to the limit (it ranged 250-450 kbit/s under it in 15 runs)."
SETTLE_S = 2.0
"""Loss and freezes are counted once the limited subscriber's layer has held this long (the
queue, up to 400 ms of traffic, has drained by then); it must settle within
:data:`LOWER_S` of the first lower layer."""
WATCH_S = 10.0
"How long the limited subscriber's loss and freezes, and the other's layer, are watched."
MAX_LOSS = 0.03
EXTRA_FREEZES = 0
"""Freezes the limited subscriber may show beyond the other one's in the same window (the
other one freezes at times on a loaded machine: up to 2 in 10 s measured at load averages
of 15-25). While every probe into the saturated link asked for twice the estimate, 3 runs
of 18 showed one extra freeze, right after a probe (:mod:`sfu.bwe.sender`)."""
STEADY_SAMPLES = 4
"""The other subscriber shows the top layer whenever the publisher has been sending it for
this many samples (1 s): on a loaded machine Chromium sometimes stops its top encoding for
a few seconds by itself."""
TOP_BACK_S = 20.0
"The top layer back within this time of lifting the limit (acceptance 4)."
INBOUND_JS = """
async () => {
  for (const s of (await window.sub.getStats()).values())
    if (s.type === "inbound-rtp" && s.kind === "video")
      return {height: s.frameHeight || 0, freezes: s.freezeCount || 0,
              lost: s.packetsLost || 0, received: s.packetsReceived || 0};
  return {height: 0, freezes: 0, lost: 0, received: 0};
}
"""


async def trace(router, name: str) -> None:
    """Print the subscriber's estimate and allocation every half second (pytest shows it
    when the test fails)."""
    allocator = router.allocators[name]
    consumer = next(slot.consumer for slot in router.participants[name].slots)
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        sender = allocator.sender
        e = sender.estimator
        last = e.last_probe and f"{e.last_probe[0]}: {e.last_probe[1]:.0f}"
        print(f"{loop.time() - started:5.1f} s: estimate {e.target:.0f} (delay-based "
              f"{e.rate_control.estimate:.0f}, acked {e.acked_bitrate or 0:.0f}, "
              f"{e.detector.signal}, loss {e.loss.loss:.2f}), wanted {sender.wanted}, "
              f"probe {sender.probe} (asking {sender.probe_rate:.0f}, last measured {last}); "
              f"layer {consumer.current} (pending "
              f"{consumer.pending}, caps {consumer.limits}, paused {consumer.pause_reasons}), "
              f"layer bitrates {[x.meter.bitrate for x in consumer.layers]}")
        await asyncio.sleep(0.5)


async def hold_height(page, hold_s: float, timeout: float) -> tuple[int, float]:
    """Wait until the page's inbound video height has not changed for ``hold_s``; returns
    (that height, seconds waited beyond ``hold_s``), or the last height after ``timeout``."""
    loop = asyncio.get_running_loop()
    started = changed = loop.time()
    height = (await page.evaluate(INBOUND_JS))["height"]
    while loop.time() - changed < hold_s and loop.time() - started < timeout + hold_s:
        await asyncio.sleep(0.25)
        now = (await page.evaluate(INBOUND_JS))["height"]
        if now != height:
            height, changed = now, loop.time()
    return height, changed - started


def top_live(consumer) -> bool:
    """The publisher sends the top layer (packets in the last half second)."""
    return consumer.layers[-1].meter.live


async def poll_layer(page, condition, publisher_off, timeout: float = 60.0):
    """Poll the page's inbound video until ``condition``; returns (stats, seconds taken),
    the time counted from the last moment ``publisher_off()`` was true.

    On a loaded machine the Chromium publisher sometimes stops its top encoding for seconds
    (up to 20 s measured at load averages of 20-30), which no SFU can forward: deadlines
    count from the last moment the top layer was not sent for another reason than the
    allocator's cap."""
    loop = asyncio.get_running_loop()
    started = first = loop.time()
    while True:
        stats = await page.evaluate(INBOUND_JS)
        now = loop.time()
        if condition(stats) or now - first > timeout:
            return stats, now - started
        if publisher_off():
            started = now
        await asyncio.sleep(0.05)


async def subscribe(worker, chromium, name: str, joined=None):  # noqa: ANN001, F811
    """A Chromium page subscribed to the room as ``name``; ``joined``, a coroutine function,
    runs once it has joined, before its media is negotiated."""
    page = await open_page(chromium)
    await page.evaluate(SUBSCRIBE_JS)
    await worker.join("room", name)
    if joined is not None:
        await joined()
    offer = await worker.subscribe_offer("room", name)
    await worker.subscribe_answer("room", name, await page.evaluate(ANSWER_JS, offer))
    return page


async def test_limited_subscriber_gets_a_lower_layer_and_the_top_one_back(
        worker, chromium):  # noqa: F811
    if shutil.which("tc") is None:
        pytest.skip("iproute2's tc is not installed")
    publisher = await open_page(chromium)
    await publish_simulcast(worker, publisher, "room", "alice")
    limited = await subscribe(worker, chromium, "bob")
    other = await subscribe(worker, chromium, "carol")
    router = worker.rooms["room"]
    sending, _ = await poll(publisher, LAYER_HEIGHTS_JS,
                            lambda h: len({v[0] for v in h.values()} - {0}) == 3, 30)
    top = sending["f"][0]
    assert len({v[0] for v in sending.values()} - {0}) == 3, sending
    for page in (limited, other):
        stats, took = await poll(page, INBOUND_JS, lambda s: s["height"] == top, 40)
        assert stats["height"] == top, (stats, sending, took)
    transport = router.participants["bob"].subscribe
    allocator = router.allocators["bob"]
    loop = asyncio.get_running_loop()
    bob = next(slot.consumer for slot in router.participants["bob"].slots)
    carol = next(slot.consumer for slot in router.participants["carol"].slots)
    _, port = transport.ice.selected
    # the top layer must not fit the limit (an encoder may send less at times)
    started = loop.time()
    while bob.layers[-1].meter.bitrate <= LIMIT_BPS and loop.time() - started < 30:
        await asyncio.sleep(0.1)
    assert bob.layers[-1].meter.bitrate > LIMIT_BPS, [x.meter.bitrate for x in bob.layers]
    tracer = asyncio.ensure_future(trace(router, "bob"))
    try:
        limit_udp_port(port, LIMIT, QUEUE_BYTES)
        # A lower layer the allocator chose, within LOWER_S of the top layer meeting the
        # limit (see poll_layer).
        # (before the limit, an estimate just at the top layer's cost may already hold
        # the top layer back for a moment: the estimate must have fallen too)
        stats, took = await poll_layer(limited, lambda s: 0 < s["height"] < top
                                       and "bandwidth" in bob.limits
                                       and allocator.sender.estimate < FALLEN_BPS,
                                       lambda: not bob.limits and not top_live(bob))
        print(f"lower layer {stats['height']} after {took:.1f} s, estimate "
              f"{allocator.sender.estimate:.0f} bit/s")
        assert 0 < stats["height"] < top and took <= LOWER_S, (stats, took)
        # The estimate may take a second step down (a first lower layer that still does
        # not fit): the window starts once the shown layer has held for SETTLE_S.
        settled, settle_s = await hold_height(limited, SETTLE_S, LOWER_S)
        print(f"settled at {settled} after {settle_s:.1f} s more")
        assert 0 < settled < top and settle_s <= LOWER_S, (settled, settle_s)
        before = await limited.evaluate(INBOUND_JS)
        other_before = await other.evaluate(INBOUND_JS)
        samples = []
        limited_freezes = []  # (s into the window, freezeCount, probes started, running)
        watch_end = loop.time() + WATCH_S
        while loop.time() < watch_end:
            height = (await other.evaluate(INBOUND_JS))["height"]
            samples.append((height, carol.limits.get("bandwidth"), carol.layers[-1].meter.live))
            count = (await limited.evaluate(INBOUND_JS))["freezes"]
            if count != (limited_freezes[-1][1] if limited_freezes else before["freezes"]):
                limited_freezes.append((round(loop.time() - watch_end + WATCH_S, 2), count,
                                        allocator.sender.probes, allocator.sender.probe))
            await asyncio.sleep(0.25)
        after = await limited.evaluate(INBOUND_JS)
        other_after = await other.evaluate(INBOUND_JS)
        lost = after["lost"] - before["lost"]
        received = after["received"] - before["received"]
        freezes = after["freezes"] - before["freezes"]
        other_freezes = other_after["freezes"] - other_before["freezes"]
        print(f"limited: {lost} lost of {lost + received}, {freezes} freezes (the other "
              f"subscriber: {other_freezes}), height {after['height']}; estimate "
              f"{allocator.sender.estimate:.0f} bit/s, probes {allocator.sender.probes} "
              f"(freezes: {limited_freezes}); other subscriber (height, cap, top layer "
              f"live): {samples}")
        assert received > 0 and lost / (lost + received) < MAX_LOSS, (before, after)
        assert freezes <= other_freezes + EXTRA_FREEZES, (before, after, other_freezes,
                                                          limited_freezes)
        assert all(cap is None for _, cap, _ in samples), samples
        steady = [height for i, (height, _, _) in enumerate(samples)
                  if i >= STEADY_SAMPLES and all(live for *_, live
                                                 in samples[i - STEADY_SAMPLES:i + 1])]
        assert steady and set(steady) == {top}, samples
    finally:
        lift_limit()
    stats, took = await poll_layer(limited, lambda s: s["height"] == top,
                                   lambda: not top_live(bob))
    print(f"top layer back after {took:.1f} s, estimate {allocator.sender.estimate:.0f}"
          f" bit/s, probes {allocator.sender.probes}")
    assert stats["height"] == top and took <= TOP_BACK_S, (stats, took)
    tracer.cancel()
    for page in (limited, other, publisher):
        await page.close()
