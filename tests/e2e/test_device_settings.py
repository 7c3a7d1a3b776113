"""The devices dialog (signaling/web/device-settings.js, Whereby's settings' media pane) in
Chromium: the camera, microphone and speakers a page uses, chosen on the pre-call screen or
in the call; ``settingsButton=off``; an embedding page's ``openSettings``.

Chromium started with ``--use-fake-device-for-media-stream=device-count=3`` has three fake
cameras: ``fake_device_0`` (I420 frames), ``fake_device_1`` (Chromium's fake depth camera,
16-bit frames no video encoder takes: a call sending it sends no frames) and
``fake_device_2`` (MJPEG), the one the tests switch to; its fake audio has a default, "Fake
Audio Input 1" and "2", and the same three outputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ARG, RoomPage, poll, room_url
from embed_site import embedded_meeting
from test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

THREE_CAMERAS = "--use-fake-device-for-media-stream=device-count=3"

# What each of the page's connections sends: the device of each sender's track.
SENT_DEVICES_JS = """
() => window.fjord.peerConnections().flatMap((pc) => pc.getSenders())
  .filter((s) => s.track).map((s) => [s.track.kind, s.track.getSettings().deviceId])
"""
OPTIONS_JS = """
(id) => [...document.getElementById(id).options].map((o) => [o.text, o.value, o.selected])
"""


@pytest.fixture(scope="module")
def three_cameras(playwright_driver: Any) -> Iterator[Any]:
    """Chromium with three fake cameras (and the fake audio's three inputs and outputs)."""
    args = [a for a in CHROMIUM_ARGS if a != "--use-fake-device-for-media-stream"]
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM),
                                                args=[*args, THREE_CAMERAS, LOOPBACK_ARG])
    yield browser
    browser.close()


def options(page: RoomPage, select: str) -> list[tuple[str, str, bool]]:
    return [tuple(o) for o in page.evaluate(OPTIONS_JS, select)]


def choose(page: RoomPage, select: str, label: str) -> str:
    """Pick the option named ``label`` in the dialog's ``select``; its device id."""
    value = next(v for text, v, _ in options(page, select) if text == label)
    page.page.select_option(f"#{select}", value)
    return value


def sent_devices(page: RoomPage) -> list[tuple[str, str]]:
    return sorted(tuple(d) for d in page.evaluate(SENT_DEVICES_JS))


@pytest.mark.parametrize("mode", ["normal", "group"])
def test_a_camera_and_microphone_chosen_in_the_call_are_what_the_others_get(
        fjord_server, three_cameras, open_page, mode: str) -> None:
    """In a call (P2P, and through the SFU), Settings lists the cameras and the three
    microphones, the ones in use selected; choosing another camera and a microphone puts
    them in every connection at once (no renegotiation), and the other participant keeps
    receiving video frames and sound."""
    meeting = fjord_server.create_meeting(mode)
    ada, bo = (open_page(three_cameras, name, room_url(meeting["roomUrl"], displayName=name,
                                                       precallReview="off"))
               for name in ("Ada", "Bo"))
    ada_id = ada.wait_joined()
    bo.wait_joined()
    poll(lambda: bo.receives_from(ada_id), 30)
    ada.page.locator("#settings-button").click()
    ada.page.locator("#settings-dialog").wait_for()
    cameras = options(ada, "settings-camera")
    assert [text for text, _, _ in cameras] == [f"fake_device_{n}" for n in range(3)], cameras
    assert [text for text, _, selected in cameras if selected] == ["fake_device_0"], cameras
    microphones = [text for text, _, _ in options(ada, "settings-microphone")]
    assert "Fake Audio Input 2" in microphones, microphones
    before = dict(sent_devices(ada))
    camera = choose(ada, "settings-camera", "fake_device_2")
    microphone = choose(ada, "settings-microphone", "Fake Audio Input 2")
    poll(lambda: dict(sent_devices(ada)) == {"audio": microphone, "video": camera}, 10)
    assert before["video"] != camera
    # the switch is seen: frames and sound keep coming to Bo from the new devices
    then = bo.media_from(ada_id)
    poll(lambda: (lambda m: m if m["framesDecoded"] > then["framesDecoded"] + 30
                  and m["audioPackets"] > then["audioPackets"] + 50 else None)(
        bo.media_from(ada_id)), 20)
    assert ada.page.locator("#settings-status").text_content() == ""
    ada.page.locator("#settings-close").click()
    poll(lambda: not ada.page.locator("#settings-dialog").is_visible(), 5)
    assert ada.fjord("cameraOn") and ada.console_errors == [] and bo.console_errors == []


def test_devices_chosen_before_joining_are_joined_with_and_speakers_play_every_remote_sound(
        fjord_server, three_cameras, open_page) -> None:
    """On the pre-call screen, Settings picks the camera the preview shows and the call
    sends; the speakers chosen play every remote participant's media, also of someone who
    joins afterwards; axe finds nothing in the open dialog."""
    meeting = fjord_server.create_meeting("normal")
    ada = open_page(three_cameras, "ada", room_url(meeting["roomUrl"], displayName="Ada"))
    ada.page.locator("#precall").wait_for()
    ada.page.locator("#precall-settings").click()
    ada.page.locator("#settings-dialog").wait_for()
    assert axe_violations(ada) == []
    camera = choose(ada, "settings-camera", "fake_device_2")
    speakers = choose(ada, "settings-speaker", "Fake Audio Output 1")
    poll(lambda: ada.evaluate(
        "() => document.getElementById('preview').srcObject?.getVideoTracks()[0]"
        "?.getSettings().deviceId") == camera, 10)
    ada.page.keyboard.press("Escape")  # a <dialog> closes on Escape
    poll(lambda: not ada.page.locator("#settings-dialog").is_visible(), 5)
    ada.page.locator("#join-button").click()
    ada.wait_joined()
    bo = open_page(three_cameras, "bo", room_url(meeting["roomUrl"], displayName="Bo",
                                                 precallReview="off"))
    bo_id = bo.wait_joined()
    poll(lambda: dict(sent_devices(ada)).get("video") == camera, 20)
    poll(lambda: ada.media_from(bo_id)["framesDecoded"] > 0, 30)
    sinks = ("() => [...document.querySelectorAll('#grid video, #grid audio')]"
             ".filter((e) => e.srcObject && !e.muted).map((e) => e.sinkId)")
    poll(lambda: (lambda s: s if s and all(x == speakers for x in s) else None)(
        ada.evaluate(sinks)), 10)
    assert ada.console_errors == []


def test_settings_button_off_hides_it_everywhere(fjord_server, chromium, open_page) -> None:
    """Whereby's ``settingsButton=off`` hides the Settings buttons of the pre-call screen and
    the call, without a warning; by default both show."""
    meeting = fjord_server.create_meeting("normal")
    shown = open_page(chromium, "shown", room_url(meeting["roomUrl"], displayName="On"))
    shown.page.locator("#precall").wait_for()
    assert shown.page.locator("#precall-settings").is_visible()
    hidden = open_page(chromium, "hidden", room_url(meeting["roomUrl"], displayName="Off",
                                                    settingsButton="off"))
    hidden.page.locator("#precall").wait_for()
    assert not hidden.page.locator("#precall-settings").is_visible()
    hidden.page.locator("#join-button").click()
    hidden.wait_joined()
    assert hidden.page.locator("#mic-button").is_visible()
    assert not hidden.page.locator("#settings-button").is_visible()
    assert not [w for w in hidden.console_warnings if "settingsButton" in w]


def test_an_embedding_page_opens_the_media_settings(fjord_server, chromium) -> None:
    """Whereby's ``openSettings(pane)``: ``media`` (or no pane) opens the devices dialog in
    the embedded room; another of Whereby's panes is refused with a warning naming it."""
    with embedded_meeting(fjord_server, chromium, 'displayName="Flo" precallReview="off"',
                          ["ready"]) as (customer, frame):
        opened = "() => document.getElementById('settings-dialog').open"
        customer.page.evaluate("document.getElementById('e').openSettings('theme')")
        # (the frame asked each time, so that Playwright delivers its console messages)
        poll(lambda: frame.evaluate(opened) is False
             and any("openSettings" in w and '"theme"' in w and "not supported" in w
                     for w in customer.console_warnings), 10)
        customer.page.evaluate("document.getElementById('e').openSettings('media')")
        poll(lambda: frame.evaluate(opened), 10)
        frame.locator("#settings-close").click()
        poll(lambda: not frame.evaluate(opened), 5)
        customer.page.evaluate("document.getElementById('e').openSettings()")
        poll(lambda: frame.evaluate(opened), 10)
