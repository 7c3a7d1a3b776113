"""The room page a customer's host link opens (issue 2, acceptance 4 helper).

Loads under the page's strict CSP with no console error, shows the pre-call screen with a
live camera preview, and a click on Join makes the visitor the host (room key verified).
A viewer link never opens the camera or the microphone, before or after joining.
Screenshots go to ``$FJORD_E2E_ARTIFACTS`` when set (to keep them), else to a temp dir.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from e2e_support import RoomPage, room_url

# Records every capture the page asks for, and the tracks it got, before the page's scripts.
CAPTURE_SPY_JS = """
(() => {
  window.captures = [];
  window.capturedTracks = [];
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    window.captures.push(JSON.stringify(constraints));
    const stream = await real(constraints);
    window.capturedTracks.push(...stream.getTracks());
    return stream;
  };
})();
"""
LIVE_TRACKS_JS = "() => window.capturedTracks.filter((t) => t.readyState === 'live').length"

pytestmark = [pytest.mark.browser, pytest.mark.timeout(60)]


def test_host_room_url_shows_precall_screen(
    fjord_server, chromium, open_page, tmp_path
) -> None:
    meeting = fjord_server.create_meeting("normal")
    assert "roomKey=" in meeting["hostRoomUrl"]
    host = open_page(chromium, "host", meeting["hostRoomUrl"])
    page = host.page

    page.locator("#precall").wait_for(state="visible", timeout=10_000)
    assert page.locator("#call").is_hidden()
    assert page.locator("#name-input").is_visible()
    assert page.locator("#join-button").is_enabled()
    page.wait_for_function(
        "() => document.getElementById('preview').videoWidth > 0", timeout=10_000
    )
    artifacts = Path(os.environ.get("FJORD_E2E_ARTIFACTS") or tmp_path)
    artifacts.mkdir(parents=True, exist_ok=True)
    shot = artifacts / "precall.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert host.fjord("selfId") is None  # nothing joined before the click

    page.fill("#name-input", "Host Person")
    page.click("#join-button")
    host.wait_joined()
    assert host.fjord("role") == "host"
    assert page.locator("#call").is_visible()
    assert page.locator(".tile--self .tile__name").inner_text() == "Host Person (you)"
    page.screenshot(path=str(artifacts / "in-call.png"))

    # Mute and camera off: the microphone track is disabled, the camera released.
    page.click("#mic-button")
    assert host.fjord("micOn") is False
    assert page.locator("#mic-button").get_attribute("data-state") == "off"
    assert page.locator("#mic-button").inner_text() == "Unmute"
    page.click("#cam-button")
    page.wait_for_function("() => window.fjord.cameraOn === false")
    page.locator(".tile--self.tile--no-video").wait_for(timeout=5_000)
    page.click("#cam-button")
    page.wait_for_function("() => window.fjord.cameraOn === true")
    page.locator(".tile--self:not(.tile--no-video)").wait_for(timeout=5_000)
    assert host.console_errors == []


def test_display_name_parameter_prefills_the_name(fjord_server, chromium, open_page):
    meeting = fjord_server.create_meeting("normal")
    host = open_page(chromium, "named",
                     room_url(meeting["roomUrl"], displayName="Ada L", video="off"))
    host.page.locator("#precall").wait_for(state="visible", timeout=10_000)
    assert host.page.input_value("#name-input") == "Ada L"
    assert host.page.locator("#preview-off").is_visible()
    assert host.fjord("cameraOn") is False
    assert host.console_errors == []


def test_invisible_display_name_parameter_is_no_name(fjord_server, chromium, open_page):
    """A name of zero-width and blank characters is no name: the page asks for one."""
    meeting = fjord_server.create_meeting("normal")
    visitor = open_page(chromium, "invisible",
                        room_url(meeting["roomUrl"], displayName="\u200b\u2060\u3164 ",
                                 video="off"))
    visitor.page.locator("#precall").wait_for(state="visible", timeout=10_000)
    assert visitor.page.input_value("#name-input") == ""
    visitor.page.click("#join-button")
    assert visitor.fjord("selfId") is None  # "Please enter your name", nothing joined


def test_viewer_link_never_captures(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    viewer = open_page(chromium, "viewer", room_url(meeting["viewerRoomUrl"],
                                                    displayName="Watcher"),
                       init_script=CAPTURE_SPY_JS)
    page = viewer.page
    page.locator("#precall").wait_for(state="visible", timeout=10_000)
    assert "viewer" in page.locator("#preview-off").inner_text()
    assert page.locator("#precall-mic").is_hidden() and page.locator("#precall-cam").is_hidden()
    page.click("#join-button")
    viewer.wait_joined()
    assert viewer.fjord("role") == "viewer"
    assert page.evaluate("window.captures") == []
    assert page.evaluate(LIVE_TRACKS_JS) == 0
    # The capture spy is real: a participant's page of the same room does capture.
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Pat",
                                                  precallReview="off"),
                      init_script=CAPTURE_SPY_JS)
    guest.wait_joined()
    assert guest.page.evaluate(LIVE_TRACKS_JS) == 2
    # Mic and camera controls do nothing for the viewer.
    page.click("#cam-button", force=True)
    page.wait_for_timeout(300)
    assert page.evaluate("window.captures") == [] and viewer.fjord("cameraOn") is False
    assert viewer.console_errors == []


CLOUD_RECORDING = {"type": "cloud", "startTrigger": "none", "destination": {
    "provider": "s3", "bucket": "acme-recordings", "region": "eu-west-1",
    "accessKeyId": "AKIDPRECALL", "accessKeySecret": "precall-secret"}}
LOCAL_RECORDING = {"type": "local", "startTrigger": "none", "destination": None}


@pytest.mark.parametrize(("room_mode", "fields", "notice"), [
    ("group", {"recording": CLOUD_RECORDING}, "#precall-cloud-recording"),
    ("normal", {"recording": LOCAL_RECORDING}, "#precall-local-recording"),
    ("normal", {}, "#precall-hint"),
    ("group", {}, "#precall-hint-sfu"),
    ("group", {"endToEndEncryption": True}, "#precall-hint-e2ee"),
], ids=["cloud", "local", "p2p", "group", "e2ee-group"])
def test_precall_screen_says_whether_the_meeting_is_recorded(
    fjord_server, chromium, open_page, room_mode, fields, notice
) -> None:
    """Issue 14: before anyone joins, a cloud-recorded meeting's pre-call screen says it is
    recorded and that recorded meetings are not end-to-end encrypted; a local one that a host
    may record it; any other says nothing is recorded, and who can read the media: only the
    participants in a P2P room and an end-to-end encrypted group room, the server too in any
    other group room (the SFU decrypts to forward)."""
    meeting = fjord_server.create_meeting(room_mode, **fields)
    visitor = open_page(chromium, "visitor", room_url(meeting["roomUrl"], video="off"))
    page = visitor.page
    page.locator("#precall").wait_for(state="visible", timeout=10_000)
    shown = [n for n in ("#precall-hint", "#precall-hint-sfu", "#precall-hint-e2ee",
                         "#precall-cloud-recording", "#precall-local-recording")
             if page.locator(n).is_visible()]
    assert shown == [notice]
    text = " ".join(page.locator(notice).inner_text().split())
    if notice == "#precall-cloud-recording":
        assert "This meeting is recorded" in text
        assert "not end-to-end encrypted" in text
    elif notice == "#precall-local-recording":
        assert "record it on their own device" in text
    else:
        assert "nothing is recorded" in text
        if notice == "#precall-hint":
            assert "go straight to the other participants" in text
        elif notice == "#precall-hint-sfu":
            assert "the server" in text and "can read them" in text and "cannot" not in text
        else:
            assert "end-to-end encrypted" in text and "cannot read them" in text
    assert visitor.fjord("selfId") is None  # nothing joined
    assert visitor.console_errors == []


def test_e2ee_organization_meeting_set_up_for_cloud_recording_says_it_is_not_recorded(
    fjord_server, chromium, open_page
) -> None:
    """A meeting made with cloud recording before its organization turned end-to-end
    encryption on: its group room is end-to-end encrypted and can never be recorded (the
    recorder would need the keys), so its page says so, not that the server records it and
    reads the media; a host joining is told no recording type either."""
    meeting = fjord_server.create_meeting("group", recording=CLOUD_RECORDING)
    status, privacy = fjord_server.request("PUT", "/v1/admin/privacy",
                                           {"endToEndEncryption": True})
    assert status == 200 and privacy["endToEndEncryption"] is True
    received: list[str] = []
    host = RoomPage(chromium, "host")
    host.page.on("websocket", lambda ws: ws.on("framereceived", lambda m: received.append(m)))
    try:
        host.open(room_url(meeting["hostRoomUrl"], video="off"))
        page = host.page
        page.locator("#precall").wait_for(state="visible", timeout=10_000)
        shown = [n for n in ("#precall-hint", "#precall-hint-sfu", "#precall-hint-e2ee",
                             "#precall-cloud-recording", "#precall-local-recording")
                 if page.locator(n).is_visible()]
        assert shown == ["#precall-hint-e2ee"]
        page.fill("#name-input", "Host")
        page.click("#join-button")
        host.wait_joined()
        assert host.fjord("e2ee") is not None
        joined = next(m for m in map(json.loads, received) if m["type"] == "joined")
        assert joined["endToEndEncryption"] is True and joined["recordingType"] is None
        assert joined["recordingPrompt"] is False and joined["recording"] is False
        assert host.console_errors == []
    finally:
        host.close()
        fjord_server.request("PUT", "/v1/admin/privacy", {})
