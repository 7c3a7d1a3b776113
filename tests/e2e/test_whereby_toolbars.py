"""Whereby's ``topToolbar=off`` and ``bottomToolbar=off``, in Chromium.

Whereby: "Show/hide the entire top toolbar" / "... bottom toolbar". Fjord's top bar carries
what people must see: that the meeting is being recorded (a privacy promise) and an
end-to-end encrypted room's safety code. With ``topToolbar=off`` the bar takes no room and
its other parts are hidden, but those stay, small over the video.
"""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]

QUIET = {"precallReview": "off", "audio": "off", "video": "off"}

RECT_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el || !el.checkVisibility()) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom,
           width: r.width, height: r.height };
}
"""


def test_hidden_bars_leave_the_video_the_page_but_not_the_recording_indicator(
        fjord_server, chromium, open_page) -> None:
    """``topToolbar=off&bottomToolbar=off`` were ignored with a warning: both bars stayed.
    They now go (the video takes the page's height), except what the top bar must tell:
    when a host starts recording, "Recording" shows over the video."""
    meeting = fjord_server.create_meeting("normal", recording={
        "type": "local", "startTrigger": "none", "destination": None})
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Host",
                                                **QUIET))
    host.wait_joined()
    guest = RoomPage(chromium, "bare")
    try:
        guest.open(room_url(meeting["roomUrl"], displayName="Bare", topToolbar="off",
                            bottomToolbar="off", participantCount="on", **QUIET))
        guest.wait_joined()
        poll(lambda: guest.evaluate(RECT_JS, "#participant-count") is None, 10)
        for selector in (".controls", "#mic-button", "#leave-button"):
            assert guest.evaluate(RECT_JS, selector) is None, selector
        title = guest.evaluate(RECT_JS, "#call-title")
        assert title is None or title["width"] <= 1, title
        room = meeting["roomUrl"].rsplit("/", 1)[1]
        # Still the call's heading for screen readers.
        assert guest.page.get_by_role("heading", name=f"Meeting {room}").count() == 1
        body = guest.evaluate(RECT_JS, ".call__body")
        assert body["top"] < 10 and body["bottom"] > 720 - 10, body
        assert guest.evaluate(RECT_JS, "#recording-indicator") is None
        # The host (both bars) records: the guest is told, over the video.
        assert host.evaluate(RECT_JS, "#participant-count") is not None
        host.page.bring_to_front()
        host.page.get_by_role("button", name="Record", exact=True).click()
        shown = poll(lambda: guest.evaluate(RECT_JS, "#recording-indicator"), 15)
        assert shown["height"] >= 14 and shown["width"] >= 40, shown
        assert body["top"] <= shown["top"] and shown["bottom"] < body["top"] + 80, shown
        assert guest.page.locator("#recording-indicator").inner_text() == "Recording"
        assert not any("Toolbar" in w for w in guest.console_warnings), guest.console_warnings
        assert guest.console_errors == []
    finally:
        guest.close()


def test_hidden_top_bar_still_shows_the_safety_code(fjord_server, chromium,
                                                    open_page) -> None:
    """In an end-to-end encrypted room the top bar says so with the safety code everyone
    compares (a different code: someone listens in). ``topToolbar=off`` keeps it, small
    over the video, and the toolbar still shows without ``bottomToolbar=off``."""
    meeting = fjord_server.create_meeting("group", endToEndEncryption=True)
    page = open_page(chromium, "e2ee", room_url(meeting["roomUrl"], displayName="Ada",
                                                topToolbar="off", **QUIET))
    page.wait_joined()
    code = poll(lambda: page.fjord("e2ee")["safetyCode"], 20)
    banner = poll(lambda: page.evaluate(RECT_JS, "#e2ee-banner"), 10)
    body = page.evaluate(RECT_JS, ".call__body")
    assert body["top"] < 10 and banner["top"] < body["top"] + 80, (banner, body)
    text = page.page.locator("#e2ee-banner").inner_text()
    assert "End-to-end encrypted" in text and code in text, text
    assert page.evaluate(RECT_JS, "#participant-count") is None
    assert page.evaluate(RECT_JS, "#mic-button") is not None
    assert page.console_errors == []
