"""Screen sharing in a group room, in real Chromium through the SFU (issue 6).

The sharer renegotiates its publish transport with a third (screen) transceiver in the
screen's own stream; the SFU offers that track to subscribers with msid stream id
``<participantId>.1``, so the receiver shows it in its own tile next to the camera tile.
The screen goes out as two simulcast encodings, both at its full size, the low one at 5
frames/s: what a subscriber on a slow link gets instead of a paused screen.
"""

from __future__ import annotations

import pytest
from e2e_support import poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(120)]

# The encodings of the sharer's screen sender and what each sent (outbound-rtp by rid).
SCREEN_ENCODINGS_JS = """
async () => {
  for (const pc of window.fjord.peerConnections()) {
    for (const t of pc.getTransceivers()) {
      const track = t.sender.track;
      if (!track || track.getSettings().displaySurface === undefined) continue;
      const encodings = t.sender.getParameters().encodings.map((e) => ({
        rid: e.rid, scale: e.scaleResolutionDownBy, fps: e.maxFramerate ?? null }));
      const sent = {};
      for (const s of (await pc.getStats()).values()) {
        if (s.type === 'outbound-rtp' && s.mid === t.mid) {
          sent[s.rid] = { frames: s.framesEncoded ?? 0, width: s.frameWidth ?? 0 };
        }
      }
      return { encodings, sent };
    }
  }
  return null;
}
"""


def test_group_screen_share_gets_its_own_tile(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    a = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="Ann",
                                          precallReview="off"))
    a_id = a.wait_joined()
    b = open_page(chromium, "B", room_url(meeting["roomUrl"], displayName="Ben",
                                          precallReview="off"))
    b_id = b.wait_joined()
    assert a.fjord("topology") == "sfu"
    poll(lambda: b.receives_from(a_id) and a.receives_from(b_id), 30)
    assert not a.page.locator("#screen-button").is_disabled()

    a.page.click("#screen-button")
    a.page.wait_for_function("() => window.fjord.screenSharing === true")
    screen_tile = b.page.locator(f'[data-participant-id="{a_id}:screen"]')
    screen_tile.wait_for(timeout=15_000)
    assert screen_tile.locator(".tile__name").inner_text() == "Ann (screen)"
    # Frames arrive on the screen tile while the camera tile keeps decoding its own video.
    poll(lambda: b.media_from(f"{a_id}:screen")["framesDecoded"] > 0, 15)
    # Two encodings, the full-size low one at 5 frames/s; both go out. Chromium starts the
    # full one once its uplink estimate allows (a few seconds into a call).
    screen = a.evaluate(SCREEN_ENCODINGS_JS)
    assert screen["encodings"] == [{"rid": "l", "scale": 1, "fps": 5},
                                   {"rid": "f", "scale": 1, "fps": None}]

    def both_sent() -> dict | None:
        sent = a.evaluate(SCREEN_ENCODINGS_JS)["sent"]
        return sent if all(sent.get(rid, {}).get("frames", 0) > 0 for rid in "lf") else None

    sent = poll(both_sent, 30)
    assert sent["l"]["width"] == sent["f"]["width"] > 0, sent
    camera = b.media_from(a_id)["framesDecoded"]
    poll(lambda: b.media_from(a_id)["framesDecoded"] > camera, 10)
    assert b.page.locator(f'.tile[data-participant-id="{a_id}"]').count() == 1
    tracks = b.fjord("remoteTracks()")
    screen_ids = {t["trackId"] for t in tracks if t["participantId"] == f"{a_id}:screen"}
    camera_ids = {t["trackId"] for t in tracks if t["participantId"] == a_id}
    assert screen_ids and camera_ids and not screen_ids & camera_ids
    # The sharer itself still receives Ben, on the same transports (renegotiated, not new).
    assert len(a.fjord("peerConnections()")) == 2
    assert a.receives_from(b_id)

    a.page.click("#screen-button")
    poll(lambda: screen_tile.count() == 0, 10)
    # Sharing again reuses the screen transceiver (replaceTrack, no new offer).
    a.page.click("#screen-button")
    screen_tile.wait_for(timeout=15_000)
    frames = b.media_from(f"{a_id}:screen")["framesDecoded"]
    poll(lambda: b.media_from(f"{a_id}:screen")["framesDecoded"] > frames, 15)
    assert a.fjord("lastError") is None and b.fjord("lastError") is None
    assert a.console_errors == [] and b.console_errors == []
