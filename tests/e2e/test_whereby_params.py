"""Whereby's room URL parameters given bad values, in Chromium.

Whereby documents ``externalId`` as letters, digits, ``-`` and ``_`` (at most 36) and says
other strings are rejected; Fjord keeps ``metadata`` to 1000 characters; the on/off
parameters take ``on`` or ``off``; the embed element passes on attributes Fjord has no
feature for. None of these may keep the participant out of the room or pass silently: the
page joins without the value and logs a console warning naming each parameter.
"""

from __future__ import annotations

import re

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(60)]


def test_bad_values_are_not_used_and_are_named(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    first = open_page(chromium, "first", room_url(
        meeting["roomUrl"], displayName="First", metadata='{\n  "plan": "pro"\n}', **quiet))
    first.wait_joined()
    bad = RoomPage(chromium, "bad")
    try:
        bad.open(room_url(
            meeting["roomUrl"], displayName="Bad Params", precallReview="off", video="off",
            externalId="<script>alert(1)</script>", metadata="m" * 1001, audio="false",
            chat="nope", emojiSkinTone="purple", personality="x"))
        bad_id = bad.wait_joined()
        # The page joined without the refused values; the others see none of them.
        poll(lambda: [(p["externalId"], p["metadata"]) for p in first.fjord("participants()")
                      if p["id"] == bad_id] == [(None, None)], 10)
        # A line break in metadata is no reason to refuse it (Whereby passes any string).
        seen = bad.fjord("participants()")
        assert [p["metadata"] for p in seen] == ['{\n  "plan": "pro"\n}']
        # chat=nope is not off: the chat stays; audio=false is not off: the mic is on.
        assert bad.evaluate(
            "() => getComputedStyle(document.getElementById('chat')).display") != "none"
        assert bad.fjord("micOn") is True
        text = "\n".join(bad.console_warnings)
        for name in ("externalId", "metadata", "audio", "chat", "emojiSkinTone",
                     "personality"):
            assert name in text, (name, bad.console_warnings)
        assert bad.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
        assert bad.console_errors == [] and first.console_errors == []
    finally:
        bad.close()


# Every getUserMedia call's constraints, recorded before the page's own scripts run.
RECORD_CAPTURES = """
window.captures = [];
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = (constraints) => {
  window.captures.push(constraints);
  return getUserMedia(constraints);
};
"""


def test_camera_access_off_never_asks_for_the_camera(fjord_server, chromium) -> None:
    """Whereby's ``cameraAccess=off``: "Camera permissions are not requested or used at
    all". The page used to warn that it was not supported and then opened and sent the
    camera anyway: it now never asks for video and shows no camera control."""
    meeting = fjord_server.create_meeting("normal")
    page = RoomPage(chromium, "no-camera")
    page.page.add_init_script(RECORD_CAPTURES)
    try:
        page.open(room_url(meeting["roomUrl"], displayName="No Camera", precallReview="off",
                           cameraAccess="off", skipMediaPermissionPrompt=""))
        page.wait_joined()
        captures = page.evaluate("() => window.captures")
        assert captures and all(not c.get("video") for c in captures), captures
        assert page.fjord("cameraOn") is False
        assert page.fjord("micOn") is True
        for element in ("cam-button", "precall-cam"):
            assert page.evaluate(
                f"() => getComputedStyle(document.getElementById('{element}')).display"
            ) == "none"
        # Honoured too (Fjord always asks the browser at once): named in no warning.
        warned = page.console_warnings
        assert not any("cameraAccess" in w or "skipMedia" in w for w in warned), warned
        assert page.console_errors == []
    finally:
        page.close()


def test_chat_and_people_off_leave_no_empty_side_column(fjord_server, chromium,
                                                        open_page) -> None:
    """``chat=off&people=off`` (or ``minimal``) hid both panels but kept their 300 px
    column beside the grid, empty; the grid now takes the page's width. A host's column
    comes back when someone knocks."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Host",
                                                chat="off", people="off", **quiet))
    host.wait_joined()
    box = "id => document.getElementById(id).getBoundingClientRect().width"
    width = host.page.evaluate("() => document.documentElement.clientWidth")
    assert host.page.evaluate(box, "side") == 0
    assert host.page.evaluate(box, "grid") > width - 100
    knocker = open_page(chromium, "knocker", room_url(meeting["roomUrl"], displayName="Kim",
                                                      **quiet))
    knocker.page.wait_for_function("() => window.fjord.phase === 'knocking'")
    host.page.locator("#knock-list li").wait_for()
    poll(lambda: host.page.evaluate(box, "side") > 0, 10)
    assert host.page.evaluate(box, "grid") < width - 200


# The settings of the microphone track the page captured (the first audio track it asked
# for), as Chromium reports them.
MIC_SETTINGS_JS = """
async () => {
  const video = document.getElementById('preview');
  const stream = video && video.srcObject;
  const track = stream ? stream.getAudioTracks()[0] : null;
  if (!track) return null;
  const s = track.getSettings();
  return { echoCancellation: s.echoCancellation, autoGainControl: s.autoGainControl,
           noiseSuppression: s.noiseSuppression };
}
"""


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {"echoCancellation": True, "autoGainControl": True, "noiseSuppression": True}),
    ({"aec": "off"},
     {"echoCancellation": False, "autoGainControl": True, "noiseSuppression": True}),
    ({"agc": "off", "audioDenoiser": "off"},
     {"echoCancellation": True, "autoGainControl": False, "noiseSuppression": False}),
    # Whereby's denoiser needs AEC; the browser's noise suppression does not: it stays on.
    ({"aec": "off", "agc": "off", "audioDenoiser": "on"},
     {"echoCancellation": False, "autoGainControl": False, "noiseSuppression": True}),
    # Neither on nor off: on, as for every on/off parameter (with a warning naming it).
    ({"aec": "false"},
     {"echoCancellation": True, "autoGainControl": True, "noiseSuppression": True}),
])
def test_aec_agc_and_audio_denoiser_set_the_microphones_processing(
        fjord_server, chromium, params: dict[str, str], expected: dict[str, bool]) -> None:
    """Whereby's ``aec=off``, ``agc=off`` and ``audioDenoiser=on|off`` were ignored with a
    warning (the microphone always had echo cancellation, gain control and noise
    suppression): they now set them, as the captured track reports."""
    meeting = fjord_server.create_meeting("normal")
    page = RoomPage(chromium, "mic")
    try:
        page.open(room_url(meeting["roomUrl"], displayName="Mic", precallReview="off",
                           video="off", **params))
        page.wait_joined()
        assert poll(lambda: page.evaluate(MIC_SETTINGS_JS), 15) == expected
        assert page.fjord("micOn") is True
        not_supported = [w for w in page.console_warnings if "not supported" in w]
        assert not any(name in w for w in not_supported for name in params), page.console_warnings
        if params.get("aec") == "false":
            warned = page.console_warnings
            assert any("neither on nor off" in w and "aec" in w for w in warned), warned
        assert page.console_errors == []
    finally:
        page.close()


TIMER_JS = """
() => {
  const el = document.getElementById('meeting-timer');
  if (!el) return null;
  return { shown: !el.hidden && getComputedStyle(el).display !== 'none'
             && el.getBoundingClientRect().width > 0,
           text: el.textContent.trim(), role: el.getAttribute('role'),
           live: el.getAttribute('aria-live'), name: el.getAttribute('aria-label') };
}
"""


def test_timer_on_shows_the_time_in_the_meeting(fjord_server, chromium, open_page) -> None:
    """Whereby's ``timer=on|off`` ("show/hide the meeting timer") was ignored with a warning:
    Fjord had no timer. ``timer=on`` now shows, in the top bar, how long this page has been
    in the meeting (M:SS), as a timer screen readers do not read out every second; without
    it (or with ``timer=off``) there is none."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    timed = RoomPage(chromium, "timed")
    try:
        timed.open(room_url(meeting["roomUrl"], displayName="Timed", timer="on", **quiet))
        timed.wait_joined()
        first = poll(lambda: timed.evaluate(TIMER_JS), 10)
        assert first["shown"], first
        assert first["role"] == "timer" and first["live"] in (None, "off"), first
        assert first["name"], first
        assert re.fullmatch(r"0:0[0-9]", first["text"]), first
        # It counts: two seconds later it reads at least 0:02.
        poll(lambda: re.fullmatch(r"0:(0[2-9]|[1-5][0-9])", timed.evaluate(TIMER_JS)["text"]),
             15)
        assert not any("timer" in w for w in timed.console_warnings), timed.console_warnings
        for value in ("off", None):
            extra = {} if value is None else {"timer": value}
            plain = open_page(chromium, f"timer-{value}", room_url(
                meeting["roomUrl"], displayName="Plain", **extra, **quiet))
            plain.wait_joined()
            state = plain.evaluate(TIMER_JS)
            assert state is None or not state["shown"], (value, state)
        assert timed.console_errors == []
    finally:
        timed.close()


CAMERA_SIZE_JS = """
() => {
  const stream = document.getElementById('preview').srcObject;
  const track = stream ? stream.getVideoTracks()[0] : null;
  if (!track) return null;
  const { width, height } = track.getSettings();
  return [width, height];
}
"""


def test_low_data_captures_the_camera_at_a_lower_resolution(fjord_server, chromium,
                                                           open_page) -> None:
    """Whereby's ``lowData=on`` was ignored with a warning: the camera was captured at
    640x360 whatever the link said. It is now captured at 320x180 (a P2P room sends it as
    captured). One page at a time: the pages share Chromium's one fake camera, which
    delivers a second page the format the first opened it in."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off"}
    plain = RoomPage(chromium, "plain")
    try:
        plain.open(room_url(meeting["roomUrl"], displayName="Plain", **quiet))
        plain.wait_joined()
        assert poll(lambda: plain.evaluate(CAMERA_SIZE_JS), 10) == [640, 360]
        assert plain.console_errors == []
    finally:
        plain.close()
    low = open_page(chromium, "low", room_url(meeting["roomUrl"], displayName="Low",
                                              lowData="on", **quiet))
    low.wait_joined()
    assert poll(lambda: low.evaluate(CAMERA_SIZE_JS), 10) == [320, 180]
    # Turned off and on again, it comes back at the same size.
    low.page.click("#cam-button")
    poll(lambda: low.fjord("cameraOn") is False, 10)
    low.page.click("#cam-button")
    poll(lambda: low.fjord("cameraOn") is True, 10)
    assert poll(lambda: low.evaluate(CAMERA_SIZE_JS), 10) == [320, 180]
    assert low.console_errors == []


RECT_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width };
}
"""


def test_float_self_puts_the_own_view_in_the_bottom_right(fjord_server, chromium,
                                                         open_page) -> None:
    """Whereby's ``floatSelf`` ("float the self view to the bottom right") was ignored with
    a warning: the own camera kept a grid cell as large as the others'. It now floats,
    small, over the bottom right corner of the video area, and the others' tiles share the
    grid without it."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off"}
    other = open_page(chromium, "other", room_url(meeting["roomUrl"], displayName="Other",
                                                  video="off", **quiet))
    other_id = other.wait_joined()
    page = RoomPage(chromium, "floating")
    try:
        page.open(room_url(meeting["roomUrl"], displayName="Floating", floatSelf="", **quiet))
        page.wait_joined()
        remote = f'.tile[data-participant-id="{other_id}"]'
        page.page.locator(remote).wait_for()
        body = page.evaluate(RECT_JS, ".call__body")
        own = page.evaluate(RECT_JS, ".tile--self")
        theirs = page.evaluate(RECT_JS, remote)
        assert own["width"] <= 280 < theirs["width"], (own, theirs)
        assert body["right"] - 60 < own["right"] <= body["right"], (own, body)
        assert body["bottom"] - 60 < own["bottom"] <= body["bottom"], (own, body)
        assert own["top"] > body["top"] + (body["bottom"] - body["top"]) / 2, (own, body)
        assert page.page.locator(".tile--self").is_visible()
        assert page.evaluate("() => document.getElementById('grid').dataset.count") == "1"
        assert not any("floatSelf" in w for w in page.console_warnings), page.console_warnings
        assert page.console_errors == []
    finally:
        page.close()


def test_auto_hide_self_view_hides_the_floating_view_until_the_pointer_moves(
        fjord_server, chromium, open_page) -> None:
    """Whereby's ``autoHideSelfView`` (with ``floatSelf``) was ignored with a warning. The
    floating own view now hides when the pointer and the keyboard have rested a few seconds,
    and comes back when the pointer moves."""
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "hiding", room_url(
        meeting["roomUrl"], displayName="Hiding", precallReview="off", audio="off",
        floatSelf="on", autoHideSelfView="on"))
    page.wait_joined()
    own = page.page.locator(".tile--self")
    own.wait_for(state="attached")
    poll(lambda: not own.is_visible(), 20)
    page.page.mouse.move(200, 200)
    page.page.mouse.move(300, 250)
    poll(own.is_visible, 5)
    poll(lambda: not own.is_visible(), 20)
    assert page.console_errors == []


def test_buttons_the_page_lacks_are_off_without_a_warning(fjord_server, chromium) -> None:
    """Whereby's ``moreButton=off`` (and its element's ``help=off``) hide buttons Fjord's
    page does not have: what they ask is already so, yet the page warned that they were not
    supported. It now warns only for another value (``on``), naming it. ``settingsButton``
    and ``pipButton`` are Fjord's buttons (test_device_settings.py,
    test_picture_in_picture.py): no warning for ``on`` or ``off``, and ``pipButton=yes`` is
    named as neither."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    for params, named, unnamed in [
        ({"moreButton": "off", "settingsButton": "off", "pipButton": "off", "help": "off"},
         [], ["moreButton", "settingsButton", "pipButton", "help"]),
        ({"moreButton": "on", "settingsButton": "on", "pipButton": "yes", "help": "on"},
         ["moreButton", "pipButton", "help"], ["settingsButton"]),
    ]:
        page = RoomPage(chromium, "buttons")
        try:
            page.open(room_url(meeting["roomUrl"], displayName="Buttons", **quiet, **params))
            page.wait_joined()
            text = "\n".join(page.console_warnings)
            for name in named:
                assert name in text, (name, page.console_warnings)
            for name in unnamed:
                assert name not in text, (name, page.console_warnings)
            assert page.console_errors == []
        finally:
            page.close()


# Chromium's own accessible names of the call's toolbar buttons (its accessibility tree).
def toolbar_names(page: RoomPage) -> dict[str, str]:
    cdp = page.page.context.new_cdp_session(page.page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    names = {}
    for node in nodes:
        if node.get("role", {}).get("value") == "button" and not node.get("ignored"):
            name = node.get("name", {}).get("value", "")
            names[name] = name
    return names


TOOLBAR_JS = """
() => [...document.querySelectorAll('.controls button')]
  .filter((b) => b.getClientRects().length > 0)
  .map((b) => {
    const r = b.getBoundingClientRect();
    const icon = getComputedStyle(b, '::before');
    const range = document.createRange();
    range.selectNodeContents(b);
    const text = range.getBoundingClientRect();
    return { id: b.id, width: r.width, title: b.title, textWidth: text.width,
             iconWidth: icon.display === 'none' ? 0 : parseFloat(icon.width) || 0,
             iconMask: icon.maskImage || icon.webkitMaskImage || 'none' };
  })
"""


def test_toolbar_text_off_leaves_icons_with_their_names(fjord_server, chromium,
                                                       open_page) -> None:
    """Whereby's ``toolbarText=off`` ("removes text from labels in the room toolbar") was
    ignored with a warning. The call's buttons now show an icon each and no text; screen
    readers still hear what each does (the accessible name is the label), and a pointer
    gets it as a tooltip. So does ``hideLegend``, its deprecated name, which was ignored
    with a warning."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off"}
    plain = open_page(chromium, "plain", room_url(meeting["roomUrl"], displayName="Plain",
                                                  **quiet))
    plain.wait_joined()
    shown = {b["id"]: b for b in plain.evaluate(TOOLBAR_JS)}
    assert all(b["textWidth"] > 20 and b["iconWidth"] == 0 for b in shown.values()), shown
    # Whereby's deprecated hideLegend (its element passes it on) is taken as toolbarText=off.
    legend = RoomPage(chromium, "legend")
    try:
        legend.open(room_url(meeting["roomUrl"], displayName="Legend", hideLegend="on",
                             **quiet))
        legend.wait_joined()
        widths = {b["id"]: b["textWidth"] for b in legend.evaluate(TOOLBAR_JS)}
        assert widths == dict.fromkeys(shown, 0), widths
        assert legend.evaluate("() => document.getElementById('leave-button').title") \
            == "Leave"
        assert not any("hideLegend" in w for w in legend.console_warnings), legend.console_warnings
        assert legend.console_errors == []
    finally:
        legend.close()
    icons = open_page(chromium, "icons", room_url(meeting["roomUrl"], displayName="Icons",
                                                  toolbarText="off", **quiet))
    icons.wait_joined()
    buttons = {b["id"]: b for b in icons.evaluate(TOOLBAR_JS)}
    assert {"mic-button", "cam-button", "screen-button", "leave-button"} <= set(buttons)
    for button in buttons.values():
        assert button["textWidth"] == 0 and button["iconWidth"] >= 16, button
        assert button["iconMask"].startswith("url("), button
        assert button["width"] < shown[button["id"]]["width"], (button, shown[button["id"]])
    assert buttons["mic-button"]["title"] == "Unmute"
    assert buttons["leave-button"]["title"] == "Leave"
    names = toolbar_names(icons)
    for name in ("Unmute", "Stop camera", "Share screen", "Leave"):
        assert name in names, (name, names)
    # The label follows the state, name and tooltip alike.
    icons.page.click("#mic-button")
    poll(lambda: icons.evaluate("() => document.getElementById('mic-button').title")
         == "Mute", 5)
    assert "Mute" in toolbar_names(icons)
    assert icons.console_errors == [] and plain.console_errors == []


# Each shown toolbar button's label colour, fill and their WCAG contrast ratio.
TOOLBAR_COLOURS_JS = """
() => {
  const rgb = (c) => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return [...document.querySelectorAll('.controls button')]
    .filter((b) => b.getClientRects().length > 0)
    .map((b) => {
      const s = getComputedStyle(b);
      const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
      return { id: b.id, color: s.color, fill: s.backgroundColor,
               labelLuminance: lum(s.color), contrast: (hi + 0.05) / (lo + 0.05) };
    });
}
"""


def test_toolbar_dark_text_gives_dark_labels_that_stay_readable(fjord_server, chromium,
                                                               open_page) -> None:
    """Whereby's ``toolbarDarkText`` ("sets button icon labels color to black") was ignored
    with a warning. The call's toolbar buttons now have near-black labels (and icons, with
    ``toolbarText=off``) on light fills, keeping WCAG's 4.5:1, as without it."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off"}
    for params in ({"toolbarDarkText": ""}, {"toolbarDarkText": "", "toolbarText": "off"}):
        page = open_page(chromium, "dark", room_url(meeting["roomUrl"], displayName="Dark",
                                                    **params, **quiet))
        page.wait_joined()
        buttons = page.evaluate(TOOLBAR_COLOURS_JS)
        assert {b["id"] for b in buttons} >= {"mic-button", "cam-button", "leave-button"}
        for button in buttons:
            assert button["labelLuminance"] < 0.02, button  # near-black
            assert button["contrast"] >= 4.5, button
        assert page.console_errors == []
    plain = open_page(chromium, "plain", room_url(meeting["roomUrl"], displayName="Plain",
                                                  **quiet))
    plain.wait_joined()
    assert all(b["labelLuminance"] > 0.5 for b in plain.evaluate(TOOLBAR_COLOURS_JS))
