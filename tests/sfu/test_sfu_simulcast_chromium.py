"""Real Chromium publishing three VP8 simulcast encodings to the worker (issue 12).

Acceptance 1: the answer accepts three rids (``a=simulcast:recv``), and within 3 s the SFU
knows every layer's SSRC and RTX SSRC from the rid and repaired-rid header extensions (no
SSRC is signalled) and reports a receive bitrate for each. The page publishes the fake
camera at 1280x720 (Chromium sends three layers only from about 960x540 up) with the web
client's encodings (scaleResolutionDownBy 4/2/1) straight to the worker; no signaling
server.
"""

import asyncio

import pytest
from test_sfu_chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.timeout(90)

RIDS = ["q", "h", "f"]
PUBLISH_JS = """
async () => {
  const stream = await navigator.mediaDevices.getUserMedia(
    {video: {width: 1280, height: 720, frameRate: 30}, audio: false});
  const pc = new RTCPeerConnection();
  window.pc = pc;
  pc.addTransceiver(stream.getVideoTracks()[0], {direction: "sendonly", sendEncodings: [
    {rid: "q", scaleResolutionDownBy: 4}, {rid: "h", scaleResolutionDownBy: 2},
    {rid: "f", scaleResolutionDownBy: 1}]});
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription.sdp;
}
"""
KNOW_LAYERS_S = 3.0
"Acceptance 1: every layer's SSRCs and bitrate known within this time of the answer."


@pytest.fixture
async def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    async_api = pytest.importorskip("playwright.async_api")
    async with async_api.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=str(CHROMIUM),
                                               args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def open_page(chromium):
    page = await chromium.new_page()
    await page.route("http://localhost/", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>sim</title>"))
    await page.goto("http://localhost/")
    return page


async def publish_simulcast(worker, page, room: str, participant: str) -> str:
    await worker.join(room, participant)
    answer = await worker.publish(room, participant, await page.evaluate(PUBLISH_JS))
    await page.evaluate("sdp => window.pc.setRemoteDescription({type: 'answer', sdp})",
                        answer)
    return answer


async def test_chromium_simulcast_layers_are_learned_with_bitrates(worker, chromium):
    page = await open_page(chromium)
    answer = await publish_simulcast(worker, page, "room", "chrome")
    assert "a=simulcast:recv q;h;f" in answer
    for rid in RIDS:
        assert f"a=rid:{rid} recv" in answer

    loop = asyncio.get_running_loop()
    started = loop.time()
    producer = next(iter(worker.rooms["room"].participants["chrome"].producers.values()))
    layers = producer.layers

    def snapshot():
        return [(x.rid, x.ssrc, x.rtx_ssrc, x.meter.bitrate) for x in layers]

    while loop.time() - started < KNOW_LAYERS_S and not all(
        x.ssrc and x.rtx_ssrc and x.meter.bitrate > 0 for x in layers
    ):
        await asyncio.sleep(0.1)
    elapsed = loop.time() - started
    print(f"layers after {elapsed:.1f} s (rid, ssrc, rtx ssrc, bit/s):", snapshot())
    assert [x.rid for x in layers] == RIDS
    assert all(x.ssrc and x.rtx_ssrc and x.meter.bitrate > 0 for x in layers), snapshot()
    assert len({x.ssrc for x in layers} | {x.rtx_ssrc for x in layers}) == 6
    assert worker.stats.drops.get("unknown_ssrc", 0) == 0
    await page.close()
