"""A viewer whose downlink cannot take a camera is told so on its tile, not "Camera is off".

The SFU pauses a video that does not fit a subscriber's bandwidth estimate even at its
lowest simulcast encoding (sfu/allocator.py). The browser then gets no packets and mutes
the track, and the web client showed "Camera is off": the viewer blamed the publisher for
its own connection. Now the SFU sends ``video-paused`` with ``reason: "bandwidth"`` and the
tile says "Video paused: your connection is too slow", until the link has room again.

The SFU's packets leave its UDP port through a class of 40 kbit/s (``tc`` on the loopback
device of the test's own network namespace, as tests/sfu/test_sfu_bandwidth_chromium.py
does for one port), below the estimate's floor (100 kbit/s) and so below any camera.
"""

from __future__ import annotations

import shutil

import pytest
from e2e_support import poll, room_url

from tests.loopback_limit import lift_limit, limit_udp_port

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.serial,
              pytest.mark.timeout(180)]

TILE_JS = """
(id) => {
  const tile = document.querySelector(`[data-participant-id="${id}"]`);
  if (!tile) return null;
  return {text: tile.querySelector('.tile__placeholder').textContent,
          video: !tile.classList.contains('tile--no-video')};
}
"""
PAUSED_TEXT = "Video paused: your connection is too slow"


def test_a_camera_paused_for_the_viewers_bandwidth_says_so_on_its_tile(
        fjord_server, chromium, open_page) -> None:
    if shutil.which("tc") is None:
        pytest.skip("iproute2's tc is not installed")
    meeting = fjord_server.create_meeting("group")
    ada = open_page(chromium, "Ada", room_url(meeting["roomUrl"], displayName="Ada",
                                              precallReview="off", audio="off"))
    ada_id = ada.wait_joined()
    viewer = open_page(chromium, "Vi", room_url(meeting["viewerRoomUrl"], displayName="Vi",
                                                precallReview="off"))
    viewer.wait_joined()
    poll(lambda: (viewer.evaluate(TILE_JS, ada_id) or {}).get("video"), 45)
    try:
        limit_udp_port(fjord_server.ports["FJORD_SFU_PORT"], "40kbit", 5000, match="sport")
        tile = poll(lambda: (t := viewer.evaluate(TILE_JS, ada_id)) and not t["video"]
                    and t["text"] == PAUSED_TEXT and t, 60)
        assert tile["text"] == PAUSED_TEXT
    finally:
        lift_limit()
    poll(lambda: (viewer.evaluate(TILE_JS, ada_id) or {}).get("video"), 60)
    assert viewer.evaluate(TILE_JS, ada_id)["video"]
    assert not viewer.console_errors and not ada.console_errors
