"""Adaptive stream in real Chromium (issue 12): a viewer's page shows a publisher's camera;
when the tile is made thumbnail-sized (CSS) the page receives the lowest simulcast layer
(its inbound-rtp ``frameHeight`` drops to that layer's), when the tile is hidden no more
video arrives (``bytesReceived`` stops growing), and shown again it flows again.

The publisher's page sends the web client's three encodings (1280x720 asked of the fake
camera, 4/2/1); the viewer's page reports its tiles through ``video-viewport``
(signaling/web/viewport.js) and the SFU pauses or caps the consumer (sfu/viewport.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from e2e_support import poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.serial,
              pytest.mark.timeout(150)]

VIDEO_IN_JS = """
async () => {
  let height = 0, bytes = 0;
  for (const pc of window.fjord.peerConnections()) {
    for (const s of (await pc.getStats()).values()) {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        bytes += s.bytesReceived ?? 0;
        height = Math.max(height, s.frameHeight ?? 0);
      }
    }
  }
  return [height, bytes];
}
"""
STYLE_TILE_JS = """
([id, css]) => {
  const tile = document.querySelector(`[data-participant-id="${id}"]`);
  for (const [name, value] of Object.entries(css)) tile.style.setProperty(name, value, 'important');
}
"""


class Flow:
    """Successive samples of the viewer's received video bytes."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.last = page.evaluate(VIDEO_IN_JS)[1]

    def step(self) -> bool:
        """True when bytes arrived since the previous sample."""
        bytes_now = self.page.evaluate(VIDEO_IN_JS)[1]
        grew, self.last = bytes_now > self.last, bytes_now
        return grew


def test_thumbnail_gets_the_low_layer_and_a_hidden_tile_nothing(
        fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    ada = open_page(chromium, "Ada", room_url(meeting["roomUrl"], displayName="Ada",
                                              precallReview="off", audio="off"))
    ada_id = ada.wait_joined()
    viewer = open_page(chromium, "Vi", room_url(meeting["viewerRoomUrl"], displayName="Vi",
                                                precallReview="off"))
    viewer.wait_joined()
    # A large tile: the SFU sends the highest layer the publisher sends (above the lowest).
    viewer.evaluate(STYLE_TILE_JS, [ada_id, {"width": "1280px", "height": "720px"}])
    top = poll(lambda: (h := viewer.evaluate(VIDEO_IN_JS)[0]) > 180 and h, 45)

    viewer.evaluate(STYLE_TILE_JS, [ada_id, {"width": "160px", "height": "90px"}])
    poll(lambda: 0 < viewer.evaluate(VIDEO_IN_JS)[0] <= top // 2, 20)

    viewer.evaluate(STYLE_TILE_JS, [ada_id, {"display": "none"}])
    flow = Flow(viewer)
    # Stopped: two samples a second apart without new bytes (a key frame in flight may land).
    poll(lambda: not flow.step() and not flow.step(), 20, interval=1.0)

    viewer.evaluate(STYLE_TILE_JS, [ada_id, {"display": "block"}])
    flow = Flow(viewer)
    poll(flow.step, 20, interval=0.5)
    assert not viewer.console_errors and not ada.console_errors


def test_low_data_receives_the_lowest_layer_of_a_large_tile(
        fjord_server, chromium, open_page) -> None:
    """Whereby's ``lowData=on`` ("use a lower resolution by default") was ignored with a
    warning. A page given it now reports its tiles as at most 160x90 to the SFU, so it
    receives a camera at its lowest simulcast layer (320x180 of the publisher's 1280x720)
    even in a large tile, where a page without it gets a higher one."""
    meeting = fjord_server.create_meeting("group")
    ada = open_page(chromium, "Ada", room_url(meeting["roomUrl"], displayName="Ada",
                                              precallReview="off", audio="off"))
    ada_id = ada.wait_joined()
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    low = open_page(chromium, "Low", room_url(meeting["roomUrl"], displayName="Low",
                                              lowData="on", **quiet))
    plain = open_page(chromium, "Plain", room_url(meeting["roomUrl"], displayName="Plain",
                                                  **quiet))
    low.wait_joined()
    plain.wait_joined()
    for page in (low, plain):
        page.page.locator(f'[data-participant-id="{ada_id}"]').wait_for()
        page.evaluate(STYLE_TILE_JS, [ada_id, {"width": "1280px", "height": "720px"}])
    poll(lambda: plain.evaluate(VIDEO_IN_JS)[0] > 180, 45)
    poll(lambda: 0 < low.evaluate(VIDEO_IN_JS)[0] <= 180, 45)
    # It stays there: five samples in a row, half a second apart, at the lowest layer.
    samples: list[int] = []
    poll(lambda: (samples.append(low.evaluate(VIDEO_IN_JS)[0]) or samples[-5:]) and
         len(samples) >= 5 and all(0 < h <= 180 for h in samples[-5:]), 20, interval=0.5)
    assert all(not p.console_errors for p in (ada, low, plain))
