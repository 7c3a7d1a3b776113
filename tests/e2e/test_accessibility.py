"""Accessibility of the meeting page in real Chromium (WCAG 2.1 AA, which customers in health
and education must meet): axe-core finds nothing on any screen, a keyboard alone joins,
mutes and leaves, and a screen reader is told the state of the own microphone and camera,
who joins, leaves or knocks, each chat message with its sender, who reacted with what, whom
each host button acts on, and which screen it is on after the screen changes.

axe-core is installed by ``make install-test`` (npm) into the venv and evaluated in the page
(not added as a script tag: the page's CSP allows none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

AXE = Path(__file__).resolve().parents[2] / ".venv/axe/node_modules/axe-core/axe.min.js"
QUIET = {"precallReview": "off", "video": "off"}

# WCAG 2.1 A and AA, and of axe's best practices the landmark structure: the side panel is a
# complementary landmark of its own, not inside the call's region.
AXE_RUN_JS = """
async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    rules: {'landmark-complementary-is-top-level': {enabled: true}},
  });
  return result.violations.map((v) => ({
    id: v.id, help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}
"""


def axe_violations(page: RoomPage) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.1 A and AA (and the rule added in
    :data:`AXE_RUN_JS`) on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE}): run make install-test")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.page.evaluate(AXE.read_text())
    return page.evaluate(AXE_RUN_JS)


def announced(page: RoomPage) -> list[str]:
    """The lines of the page's live region for call events (what a screen reader says)."""
    return page.page.locator("#announcer[aria-live='polite'] p").all_inner_texts()


def focused(page: RoomPage) -> str:
    """The id of the focused element ('' for none)."""
    return page.evaluate("() => document.activeElement?.id ?? ''")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_axe_finds_nothing_on_any_screen(fjord_server, chromium, open_page, lang) -> None:
    """Pre-call, knocking, the call (with a knock, people and a chat message), the end
    dialog and the ended screen, in English and in German (Whereby's lang=de: the longer
    words, the <html lang> and the language picker). The primary and danger buttons' white
    text had 3.3:1 and 3.9:1 contrast (Join, Leave, End meeting, Let in, Reject), under
    WCAG's 4.5:1."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], video="off",
                                                lang=lang))
    host.page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)
    host.page.locator("#precall").wait_for(state="visible", timeout=10_000)
    assert axe_violations(host) == []
    host.page.fill("#name-input", "Hostess")
    host.page.click("#join-button")
    host.wait_joined()

    # With the meeting timer (timer=on) in its top bar and an icon-only toolbar of dark
    # labels on light fills (toolbarText=off, toolbarDarkText).
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Knocker",
                                                  timer="on", toolbarText="off",
                                                  toolbarDarkText="", lang=lang, **QUIET))
    guest.page.wait_for_function("() => window.fjord.phase === 'knocking'")
    assert axe_violations(guest) == []
    host.page.locator("#knock-list li").wait_for()
    assert axe_violations(host) == []
    host.page.locator(".knock__accept").click()
    guest.wait_joined()
    guest.page.fill("#chat-input", "hello there")
    guest.page.press("#chat-input", "Enter")
    poll(lambda: host.fjord("chatMessages().length") == 1, 10)
    assert axe_violations(host) == []
    assert axe_violations(guest) == []
    # The reactions menu open (on the icon-only, dark-text toolbar), a reaction shown.
    guest.page.click("#reactions-button")
    guest.page.locator("#reactions-menu").wait_for()
    assert axe_violations(guest) == []
    guest.page.click('#reactions-bar button[data-reaction="celebrate"]')
    host.page.locator(".tile__reaction").wait_for()
    assert axe_violations(host) == []

    host.page.click("#end-button")
    host.page.locator("#end-dialog[open]").wait_for()
    assert focused(host) == "end-cancel"  # the safe choice, under the keyboard
    assert axe_violations(host) == []
    host.page.keyboard.press("Escape")  # the dialog gives the focus back
    poll(lambda: focused(host) == "end-button", 5)

    guest.page.click("#leave-button")
    assert axe_violations(guest) == []
    assert host.console_errors == [] and guest.console_errors == []


def test_focus_follows_the_screen(fjord_server, chromium, open_page) -> None:
    """When the screen changes the focus goes to the new screen's heading, so a keyboard
    user is not left on a hidden button (the focus fell back to the page's start) and a
    screen reader says where they are: Enter on the name joins (the call's heading, named
    with the meeting), a guest removed while typing in the chat hears "You were removed
    from the meeting", Leave gives "You left the meeting"."""
    meeting = fjord_server.create_meeting("normal")
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host.wait_joined()
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], video="off"))
    page = guest.page
    page.locator("#precall").wait_for(state="visible", timeout=10_000)
    poll(lambda: focused(guest) == "name-input", 5)
    page.keyboard.type("Kim")
    page.keyboard.press("Enter")
    guest_id = guest.wait_joined()
    poll(lambda: focused(guest) == "call-title", 5)
    assert page.locator("#call-title").aria_snapshot().startswith(
        f'- heading "Meeting {meeting["roomName"].strip("/")}" [level=1]')

    page.focus("#chat-input")
    host.page.locator(f'#people-list li[data-person-id="{guest_id}"] .people__remove').click()
    poll(lambda: guest.fjord("phase") == "ended", 10)
    poll(lambda: focused(guest) == "ended-title", 5)
    assert page.locator("#ended-title").inner_text() == "You were removed from the meeting"

    host.page.focus("#leave-button")
    host.page.keyboard.press("Enter")
    poll(lambda: focused(host) == "ended-title", 5)
    assert host.page.locator("#ended-title").inner_text() == "You left the meeting"
    assert host.console_errors == [] and guest.console_errors == []


def test_keyboard_operates_mic_and_camera_and_hears_their_state(
    fjord_server, chromium, open_page
) -> None:
    """Tab reaches the microphone, camera and share buttons with a visible focus; Space and
    Enter operate them. The buttons say what a press does, with no contradicting state: the
    microphone button was read "Mute, toggle button, pressed" while the microphone was on.
    A screen reader hears the new state ("Microphone off") after each press."""
    meeting = fjord_server.create_meeting("normal")
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Kim",
                                                  **QUIET))
    guest.wait_joined()
    page = guest.page
    page.focus("#chat-input")
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(guest) == "mic-button":
            break
    assert focused(guest) == "mic-button", "Tab never reached the microphone button"
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    mic = page.locator("#mic-button")
    assert mic.aria_snapshot() == '- button "Mute"'  # no "[pressed]" while the mic is on

    page.keyboard.press("Space")
    poll(lambda: guest.fjord("micOn") is False, 5)
    assert mic.aria_snapshot() == '- button "Unmute"'
    poll(lambda: announced(guest)[-1:] == ["Microphone off"], 5)
    page.keyboard.press("Enter")
    poll(lambda: guest.fjord("micOn") is True, 5)
    poll(lambda: announced(guest)[-1:] == ["Microphone on"], 5)

    page.keyboard.press("Tab")
    assert focused(guest) == "cam-button"
    assert page.locator("#cam-button").aria_snapshot() == '- button "Start camera"'
    page.keyboard.press("Enter")
    poll(lambda: guest.fjord("cameraOn") is True, 10)
    poll(lambda: announced(guest)[-1:] == ["Camera on"], 5)
    assert page.locator("#cam-button").aria_snapshot() == '- button "Stop camera"'

    page.keyboard.press("Tab")
    share = page.locator("#screen-button")
    assert focused(guest) == "screen-button" and share.aria_snapshot() == (
        '- button "Share screen"')
    page.keyboard.press("Enter")
    poll(lambda: guest.fjord("screenSharing") is True, 10)
    poll(lambda: announced(guest)[-1:] == ["You are sharing your screen"], 5)
    assert share.aria_snapshot() == '- button "Stop sharing"'
    page.keyboard.press("Enter")
    poll(lambda: guest.fjord("screenSharing") is False, 10)
    poll(lambda: announced(guest)[-1:] == ["Screen sharing off"], 5)
    for _ in range(3):  # back past the microphone: no trap in the controls
        page.keyboard.press("Shift+Tab")
    # Alone in the room: the empty room's Copy link button (emptyRoomInvitation) is just
    # before the controls, and reached by keyboard.
    assert focused(guest) == "invitation-copy"
    assert guest.console_errors == []


def test_host_hears_knocks_joins_and_leaves(fjord_server, chromium, open_page) -> None:
    """The knock list, the tiles and the people list are no live regions: the host heard
    nothing when someone knocked, came in or left."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host.wait_joined()
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Knocker",
                                                  **QUIET))
    guest.page.wait_for_function("() => window.fjord.phase === 'knocking'")
    poll(lambda: "Knocker is waiting to be let in" in announced(host), 10)
    host.page.locator(".knock__accept").click()
    guest.wait_joined()
    poll(lambda: "Knocker joined" in announced(host), 10)
    guest.page.click("#leave-button")
    poll(lambda: "Knocker left" in announced(host), 10)
    assert host.console_errors == [] and guest.console_errors == []


def test_buttons_and_chat_name_the_person(fjord_server, chromium, open_page) -> None:
    """Each host button names whom it acts on: a screen reader read a row of "Mute, Remove,
    Mute, Remove" (and "Mute" was also the own microphone). A chat message is read with its
    sender ("Knocker: hello"; it was "Knockerhello"), and without the host's Delete button
    (a live chat list read "Delete message from Knocker" after each one)."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host.wait_joined()
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Knocker",
                                                  **QUIET))
    guest.page.wait_for_function("() => window.fjord.phase === 'knocking'")
    knock = host.page.locator("#knock-list li")
    for action in ("Let in", "Hold", "Reject"):
        assert knock.get_by_role("button", name=f"{action} Knocker", exact=True).count() == 1
    knock.get_by_role("button", name="Let in Knocker", exact=True).click()
    guest_id = guest.wait_joined()

    person = host.page.locator(f'#people-list li[data-person-id="{guest_id}"]')
    person.wait_for()
    for action in ("Mute", "Remove"):
        assert host.page.get_by_role("button", name=f"{action} Knocker", exact=True).count() == 1
    host.page.get_by_role("button", name="Mute Knocker", exact=True).click()
    guest.page.wait_for_function("() => window.fjord.micOn === false")

    guest.page.fill("#chat-input", "hello")
    guest.page.press("#chat-input", "Enter")
    item = host.page.locator("#chat-list li").first
    item.wait_for()
    assert 'text: "Knocker: hello"' in item.aria_snapshot(), item.aria_snapshot()
    # Said once through the announcer, without the host's "Delete message from Knocker"
    # that a live chat list read after every message; not said to its sender.
    poll(lambda: "Knocker: hello" in announced(host), 10)
    assert item.evaluate("(e) => e.closest('[aria-live], [role=log], [role=status], "
                         "[role=alert]') === null")
    assert not [line for line in announced(host) if "Delete" in line], announced(host)
    assert "Knocker: hello" not in announced(guest)
    item.get_by_role("button", name="Delete message from Knocker", exact=True).click()
    poll(lambda: host.fjord("chatMessages().length") == 0, 10)
    # A deleted message leaves the announcer too: its log is read again in browse mode.
    assert "Knocker: hello" not in announced(host), announced(host)
    # A hidden chat panel (the embedding page's toggle_chat, chat=off) shows a new message
    # to no one: it is not said either.
    host.page.evaluate("() => { document.getElementById('chat').hidden = true; }")
    guest.page.fill("#chat-input", "unseen")
    guest.page.press("#chat-input", "Enter")
    poll(lambda: host.fjord("chatMessages().length") == 1, 10)
    assert not [line for line in announced(host) if "unseen" in line], announced(host)
    assert host.console_errors == [] and guest.console_errors == []


@pytest.mark.sfu
def test_pin_button_names_the_camera(fjord_server, chromium, open_page) -> None:
    """Group rooms: each tile's pin button names whose camera ("Pin Bo"), and says what a
    press does without a contradicting state (it was "Unpin, toggle button, pressed")."""
    meeting = fjord_server.create_meeting("group")
    ada = open_page(chromium, "ada", room_url(meeting["roomUrl"], displayName="Ada", **QUIET))
    ada.wait_joined()
    bo = open_page(chromium, "bo", room_url(meeting["roomUrl"], displayName="Bo", **QUIET))
    bo_id = bo.wait_joined()
    pin = ada.page.locator(f'.tile[data-participant-id="{bo_id}"] .tile__pin')
    pin.wait_for()
    assert pin.aria_snapshot() == '- button "Pin Bo": Pin'  # no "[pressed]"
    pin.press("Enter")
    poll(lambda: ada.fjord("pinned()") == [bo_id], 5)
    assert pin.aria_snapshot() == '- button "Unpin Bo": Unpin'
    assert ada.console_errors == [] and bo.console_errors == []


def test_everyone_hears_that_the_recording_starts_and_stops(
    fjord_server, chromium, open_page
) -> None:
    """A host starts recording mid-call: the indicator appears, but it was hidden, and a
    status that appears from hidden is not reliably read out, so a screen reader user was
    not told they were being recorded."""
    meeting = fjord_server.create_meeting("normal", recording={
        "type": "local", "startTrigger": "none", "destination": None})
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host.wait_joined()
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Kim",
                                                  **QUIET))
    guest.wait_joined()
    assert "This meeting is being recorded" not in announced(guest)
    host.page.bring_to_front()
    host.page.get_by_role("button", name="Record", exact=True).click()
    poll(lambda: "This meeting is being recorded" in announced(guest), 15)
    assert guest.page.locator("#recording-indicator").is_visible()
    with host.page.expect_download(timeout=30_000):
        host.page.get_by_role("button", name="Stop recording", exact=True).click()
    poll(lambda: announced(guest)[-1:] == ["The recording stopped"], 15)
    assert host.console_errors == [] and guest.console_errors == []


@pytest.mark.parametrize(("primary", "text"), [("#ffd400", "rgb(17, 17, 17)"),
                                               ("#1b3a6b", "rgb(255, 255, 255)")])
def test_a_light_theme_colour_gets_dark_button_text(fjord_server, chromium, open_page,
                                                    primary: str, text: str) -> None:
    """A room theme's primary colour fills the primary buttons: white text on a light brand
    colour (yellow: 1.4:1) failed WCAG's 4.5:1 on every themed room; the text is now white
    or near-black, whichever contrasts more."""
    meeting = fjord_server.create_meeting("normal")
    status, _ = fjord_server.request(
        "PUT", f"/v1/rooms{meeting['roomName']}/theme/tokens",
        {"tokens": {"colors": {"primary": primary}}, "tokensPreset": "custom"})
    assert status == 204
    page = open_page(chromium, "themed", room_url(meeting["roomUrl"], video="off"))
    page.page.locator("#precall").wait_for(state="visible", timeout=10_000)
    join = page.page.locator("#join-button")
    fill = "rgb({}, {}, {})".format(*(int(primary[i:i + 2], 16) for i in (1, 3, 5)))
    # (polled: the button's colours have a CSS transition)
    poll(lambda: join.evaluate("(b) => [getComputedStyle(b).color, "
                               "getComputedStyle(b).backgroundColor]") == [text, fill], 10)
    assert axe_violations(page) == []


def test_a_join_is_said_once_and_a_new_safety_code_is_said_to_have_changed(
        fjord_server, chromium, open_page) -> None:
    """Each join was read three times over: "Ann joined", the new participant count and
    the new safety code, twenty digits long, as live regions. The join is said once, and
    that the safety code changed (compare it again), not the code."""
    meeting = fjord_server.create_meeting("group", endToEndEncryption=True)
    ada = open_page(chromium, "ada", room_url(meeting["roomUrl"], displayName="Ada", **QUIET))
    ada.wait_joined()
    ben = open_page(chromium, "ben", room_url(meeting["roomUrl"], displayName="Ben", **QUIET))
    ben.wait_joined()
    poll(lambda: "Ben joined" in announced(ada), 15)
    first = poll(lambda: ada.fjord("e2ee")["safetyCode"], 15)
    cy = open_page(chromium, "cy", room_url(meeting["roomUrl"], displayName="Cy", **QUIET))
    cy.wait_joined()
    poll(lambda: "The safety code changed: compare it with the others again"
         in announced(ada), 15)
    assert ada.fjord("e2ee")["safetyCode"] != first
    for live in ("#participant-count", "#safety-code"):
        region = ada.page.locator(live)
        assert region.get_attribute("aria-live") is None
        assert region.evaluate("(e) => e.closest('[aria-live], [role=log], [role=status], "
                               "[role=alert]') === null")
    assert not [line for line in announced(ada) if first in line]


SCREEN_SHARE_SCRIPT = """
window.__screenTracks = [];
window.__refuseShare = false;
const real = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getDisplayMedia = async (options) => {
  if (window.__refuseShare) throw new DOMException('refused', 'NotAllowedError');
  const stream = await real(options);
  window.__screenTracks.push(...stream.getVideoTracks());
  return stream;
};
window.__noticeTexts = [];
document.addEventListener('DOMContentLoaded', () => {
  const notice = document.getElementById('notice');
  new MutationObserver(() => window.__noticeTexts.push(notice.textContent))
    .observe(notice, { childList: true });
});
"""
"""Keeps the page's screen tracks (to end one as the browser's own bar would), refuses a
share while ``__refuseShare``, and records the texts of the notice alert as they change."""


def test_a_share_stopped_from_the_browser_and_a_repeated_notice_are_heard(
        fjord_server, chromium, open_page) -> None:
    """Stopping a share from the browser's own bar ('Stop sharing' there) was not said, as
    pressing the page's button is; and a notice with the same words as the one shown (a
    share refused twice) was not read again: the alert's text did not change."""
    meeting = fjord_server.create_meeting("normal")
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Kim",
                                                  **QUIET), init_script=SCREEN_SHARE_SCRIPT)
    guest.wait_joined()
    page = guest.page
    page.click("#screen-button")
    poll(lambda: guest.fjord("screenSharing") is True, 10)
    poll(lambda: announced(guest)[-1:] == ["You are sharing your screen"], 5)
    page.evaluate("() => window.__screenTracks[0].dispatchEvent(new Event('ended'))")
    poll(lambda: guest.fjord("screenSharing") is False, 10)
    poll(lambda: announced(guest)[-1:] == ["Screen sharing off"], 5)
    assert page.locator("#screen-button").aria_snapshot() == '- button "Share screen"'

    page.evaluate("() => { window.__refuseShare = true; }")
    refused = "Screen sharing was cancelled or refused."
    page.click("#screen-button")
    poll(lambda: guest.evaluate("() => window.__noticeTexts") == [refused], 5)
    page.click("#screen-button")  # the same words again: emptied, then said anew
    poll(lambda: guest.evaluate("() => window.__noticeTexts") == [refused, "", refused], 5)
    assert announced(guest)[-1:] == ["Screen sharing off"]  # a refusal changed no state
    assert guest.console_errors == []


def test_leaving_while_sharing_does_not_say_the_share_stopped(
        fjord_server, chromium, open_page) -> None:
    """Leaving the call (or being removed, or the meeting ending) while sharing stops the
    share with every other track: the page announced "Screen sharing off" after the person
    had left, in the log that the ended screen's heading is read beside."""
    meeting = fjord_server.create_meeting("normal")
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Kim",
                                                  **QUIET), init_script=SCREEN_SHARE_SCRIPT)
    guest.wait_joined()
    guest.page.click("#screen-button")
    poll(lambda: announced(guest)[-1:] == ["You are sharing your screen"], 10)
    guest.page.click("#leave-button")
    poll(lambda: guest.fjord("phase") == "left", 10)
    poll(lambda: guest.evaluate("() => window.__screenTracks[0].readyState") == "ended", 5)
    assert guest.fjord("screenSharing") is False
    assert announced(guest)[-1:] == ["You are sharing your screen"]
    assert guest.console_errors == []


SOUND_BUTTON_SCRIPT = """
new MutationObserver((records, observer) => {
  if (document.querySelector('.sound-button')) {
    observer.disconnect();
    console.log('fjord-test: sound button shown');
  }
}).observe(document, { childList: true, subtree: true });
"""
"""Says on the console when the sound button appears, so the test can wait for it without
evaluating anything in the page."""


def test_a_viewer_hears_that_the_browser_blocked_the_sound(
        fjord_server, chromium, open_page) -> None:
    """A viewer captures nothing, so the browser refuses to play the others with sound
    before a click: the page plays them muted and shows "Click to hear the others", which
    a screen reader user was not told of."""
    meeting = fjord_server.create_meeting("group")
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Host",
                                                precallReview="off"))
    host.wait_joined()
    # Opened by hand, and waited for through the console: Playwright runs its scripts and
    # locators in the page with a user gesture, which lets a page play sound (RoomPage.open
    # waits with one).
    viewer = RoomPage(chromium, "viewer")
    try:
        viewer.page.add_init_script(SOUND_BUTTON_SCRIPT)
        with viewer.page.expect_console_message(
                lambda message: message.text == "fjord-test: sound button shown",
                timeout=30_000):
            viewer.page.goto(room_url(meeting["viewerRoomUrl"], displayName="Watcher",
                                      precallReview="off"), wait_until="load")
        assert 'The browser blocked the sound: press "Click to hear the others"' in \
            announced(viewer)
        button = viewer.page.get_by_role("button", name="Click to hear the others")
        button.focus()
        viewer.page.keyboard.press("Enter")  # by keyboard: the focus must not be lost
        poll(lambda: button.count() == 0, 5)
        assert focused(viewer) == "call-title"
        assert viewer.evaluate("() => [...document.querySelectorAll('#grid video')]"
                               ".some((video) => !video.muted)")
        assert viewer.console_errors == [] and host.console_errors == []
    finally:
        viewer.close()
