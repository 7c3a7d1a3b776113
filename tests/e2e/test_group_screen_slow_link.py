"""A viewer on a slow link keeps the shared screen, at 5 frames/s, rather than a paused one.

The sharer's Chromium sends the screen as two full-size encodings, 5 frames/s and full
(signaling/web/group.js); the SFU's allocator gives a subscriber whose downlink cannot
take the full one the 5 frames/s one (sfu/allocator.py), which dynacast resumes for it.
The SFU's packets leave its UDP port through a class of LIMIT (``tc``, as
tests/e2e/test_group_bandwidth_paused.py does), below what the full encoding sends.
"""

from __future__ import annotations

import shutil
import time

import pytest
from e2e_support import poll, room_url

from tests.loopback_limit import lift_limit, limit_udp_port

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.serial,
              pytest.mark.timeout(180)]

LIMIT = "400kbit"
SETTLE_S = 6.0
MEASURE_S = 16.0


def frame_rate(page, stream: str, seconds: float = 4.0) -> float:
    """Frames per second the page decodes of ``stream``, over ``seconds``."""
    before = page.media_from(stream)["framesDecoded"]
    time.sleep(seconds)
    return (page.media_from(stream)["framesDecoded"] - before) / seconds


def test_a_slow_viewer_gets_the_screen_at_5_frames_per_second(
        fjord_server, chromium, open_page) -> None:
    if shutil.which("tc") is None:
        pytest.skip("iproute2's tc is not installed")
    meeting = fjord_server.create_meeting("group")
    ada = open_page(chromium, "Ada", room_url(meeting["roomUrl"], displayName="Ada",
                                              precallReview="off", audio="off", video="off"))
    ada_id = ada.wait_joined()
    viewer = open_page(chromium, "Vi", room_url(meeting["viewerRoomUrl"], displayName="Vi",
                                                precallReview="off"))
    viewer.wait_joined()
    ada.page.click("#screen-button")
    screen = f"{ada_id}:screen"
    poll(lambda: viewer.media_from(screen)["framesDecoded"] > 30, 45)
    unlimited = frame_rate(viewer, screen)
    try:
        limit_udp_port(fjord_server.ports["FJORD_SFU_PORT"], LIMIT, 5000, match="sport")
        time.sleep(SETTLE_S)  # the estimate falls, the allocator moves the screen down
        limited = frame_rate(viewer, screen, MEASURE_S)
    finally:
        lift_limit()
    print(f"screen frames/s: {unlimited} unlimited, {limited} through {LIMIT}")
    # Before: one encoding, paused for the link (no frame at all).
    assert 1.5 <= limited <= 8, (unlimited, limited)
    assert unlimited > 10
    poll(lambda: frame_rate(viewer, screen, 2.0) > 8, 60)  # the link has room: full again
    assert ada.console_errors == [] and viewer.console_errors == []
