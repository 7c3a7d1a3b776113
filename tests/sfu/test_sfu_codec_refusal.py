"""A subscriber that cannot decode a publisher's codec (the SFU forwards, never transcodes).

A publisher offers only H.264 High profile (``profile-level-id=64001f``, as hardware encoders
send); the SFU takes it (packetization-mode 1) and offers it to a real Chromium subscriber,
which decodes H.264 Constrained Baseline and Main but not High, and so rejects that m-line
in its answer. The SFU counts the refusal (``fjord_sfu_refused_consumers``) and the web
client's ``refusedTracks`` (signaling/web/group.js) finds the track in the browser's own
answer, so the publisher's tile says why it shows no video instead of staying black. The
audio beside it is not refused. Only SDP is exchanged: no media has to flow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from aiortc import RTCRtpSender
from sfu_clients import new_peer_connection

from tests.sfu.test_sfu_chromium import chromium  # noqa: F401 (fixture)

# Serial, not browser: async Playwright, as in test_sfu_chromium.py (the sync browser tests
# run last and keep their loop running).
pytestmark = [pytest.mark.serial, pytest.mark.timeout(90)]

GROUP_JS = Path(__file__).parents[2] / "signaling" / "web" / "group.js"


async def h264_high_offer() -> str:
    """An aiortc publish offer of H.264 only (and Opus), relabelled High profile."""
    pc = new_peer_connection()
    video = pc.addTransceiver("video", direction="sendonly")
    video.setCodecPreferences([c for c in RTCRtpSender.getCapabilities("video").codecs
                               if c.mimeType == "video/H264"])
    pc.addTransceiver("audio", direction="sendonly")
    await pc.setLocalDescription(await pc.createOffer())
    sdp = pc.localDescription.sdp
    await pc.close()
    return sdp.replace("profile-level-id=42e01f", "profile-level-id=64001f").replace(
        "profile-level-id=42001f", "profile-level-id=64001f")


async def test_a_codec_the_subscriber_cannot_decode_is_counted_and_named(
    worker, chromium  # noqa: F811
) -> None:
    await worker.join("room", "pub")
    answer = await worker.publish("room", "pub", await h264_high_offer())
    assert "H264/90000" in answer and "profile-level-id=64001f" in answer

    page = await chromium.new_page()
    await page.route("http://localhost/", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>sub</title>"))
    await page.route("http://localhost/group.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=GROUP_JS.read_text()))
    await page.goto("http://localhost/")
    await worker.join("room", "chrome")
    offer = await worker.subscribe_offer("room", "chrome")
    assert offer is not None and "profile-level-id=64001f" in offer
    refused, sub_answer = await page.evaluate("""async (offer) => {
      const { refusedTracks } = await import('/group.js');
      const pc = new RTCPeerConnection();
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      await pc.setLocalDescription();
      const answer = pc.localDescription.sdp;
      return [refusedTracks(offer, answer), answer];
    }""", offer)
    await worker.subscribe_answer("room", "chrome", sub_answer)

    assert [(t["kind"], t["codec"], t["streamId"]) for t in refused] == [
        ("video", "H264", "pub")], sub_answer
    assert worker.stats.refused_consumers == 1
