"""Whereby's picture-in-picture button (signaling/web/picture-in-picture.js) in Chromium:
the call's video in the browser's floating window, following the call; ``pipButton=off``;
the embedding page's ``pip_toggle`` events."""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url
from embed_site import embedded_meeting

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

# What the window shows: the id of its video track, the frames it played, and the button.
WINDOW_JS = """
() => {
  const video = document.getElementById('pip-video');
  const track = video.srcObject?.getVideoTracks()[0];
  return { open: document.pictureInPictureElement === video, track: track?.id ?? null,
           frames: video.getVideoPlaybackQuality().totalVideoFrames,
           pressed: document.getElementById('pip-button').getAttribute('aria-pressed') };
}
"""
# The id of the video track a tile plays (participant id, or 'self').
TILE_TRACK_JS = """
(id) => document.querySelector(`[data-participant-id="${id}"] video`)
  ?.srcObject?.getVideoTracks()[0]?.id ?? null
"""


def window(page: RoomPage) -> dict:
    return page.evaluate(WINDOW_JS)


def joined(fjord_server, chromium, open_page, mode: str, *names: str) -> list[RoomPage]:
    meeting = fjord_server.create_meeting(mode)
    pages = [open_page(chromium, name, room_url(meeting["roomUrl"], displayName=name,
                                                precallReview="off")) for name in names]
    for page in pages:
        page.wait_joined()
    return pages


@pytest.mark.parametrize("mode", ["normal", "group"])
def test_the_window_plays_the_other_participant_and_closes_again(
        fjord_server, chromium, open_page, mode) -> None:
    """Pressed in a call, the button opens the floating window with the other participant's
    video (its frames play there); pressed again, it closes. Before: no such button."""
    ada, bo = joined(fjord_server, chromium, open_page, mode, "Ada", "Bo")
    bo_id = bo.fjord("selfId")
    poll(lambda: ada.shows_video_of(bo_id), 30)
    bo_track = ada.evaluate(TILE_TRACK_JS, bo_id)
    ada.page.locator("#pip-button").click()
    opened = poll(lambda: (lambda w: w if w["open"] and w["frames"] > 0 else None)(window(ada)),
                  15)
    assert opened["track"] == bo_track and opened["pressed"] == "true", opened
    later = poll(lambda: (lambda w: w if w["frames"] > opened["frames"] + 10 else None)(
        window(ada)), 15)
    assert later["open"], later
    ada.page.locator("#pip-button").click()
    closed = poll(lambda: (lambda w: w if not w["open"] else None)(window(ada)), 10)
    assert closed["pressed"] == "false" and closed["track"] is None, closed
    assert ada.console_errors == []


def test_the_window_follows_when_its_participant_leaves(fjord_server, chromium,
                                                       open_page) -> None:
    """The window shows the other participant; when they leave, it stays open and shows
    the page's own camera instead (the most relevant video left)."""
    ada, bo = joined(fjord_server, chromium, open_page, "normal", "Ada", "Bo")
    bo_id = bo.fjord("selfId")
    poll(lambda: ada.shows_video_of(bo_id), 30)
    ada.page.locator("#pip-button").click()
    poll(lambda: window(ada)["track"] == ada.evaluate(TILE_TRACK_JS, bo_id)
         and window(ada)["open"], 15)
    bo.page.locator("#leave-button").click()
    own = ada.evaluate(TILE_TRACK_JS, "self")
    assert own is not None
    poll(lambda: window(ada)["track"] == own, 15)
    assert window(ada)["open"]


def test_alone_without_a_camera_the_button_says_there_is_nothing_to_show(
        fjord_server, chromium, open_page) -> None:
    """Alone in the room with the camera off there is no video: the button opens nothing
    and says so (read out); the page stays usable."""
    meeting = fjord_server.create_meeting()
    page = open_page(chromium, "alone", room_url(meeting["roomUrl"], displayName="Al",
                                                 precallReview="off", video="off"))
    page.wait_joined()
    page.page.locator("#pip-button").click()
    poll(lambda: "no video to show in picture-in-picture" in page.page.locator(
        "#announcer").inner_text(), 10)
    assert not window(page)["open"]


def test_pip_button_off_hides_it(fjord_server, chromium, open_page) -> None:
    """Whereby's ``pipButton=off`` hides the button, without a warning (before: the page had
    no button, and took ``off`` as already so); by default it shows."""
    meeting = fjord_server.create_meeting()
    shown = open_page(chromium, "shown", room_url(meeting["roomUrl"], displayName="On",
                                                  precallReview="off"))
    hidden = open_page(chromium, "hidden", room_url(meeting["roomUrl"], displayName="Off",
                                                    precallReview="off", pipButton="off"))
    shown.wait_joined()
    hidden.wait_joined()
    assert shown.page.locator("#pip-button").is_visible()
    assert not hidden.page.locator("#pip-button").is_visible()
    assert not [w for w in hidden.console_warnings if "pipButton" in w]


def test_the_embedding_page_gets_pip_toggle(fjord_server, chromium) -> None:
    """Whereby's ``pip_toggle`` event, ``{open}``, each time the user in the embedded room
    opens or closes the window."""
    with embedded_meeting(fjord_server, chromium, 'displayName="Pia" precallReview="off"',
                          ["pip_toggle"]) as (customer, frame):
        # alone, the window shows the page's own camera
        poll(lambda: frame.evaluate(TILE_TRACK_JS, "self") is not None, 15)
        frame.locator("#pip-button").click()
        poll(lambda: customer.page.evaluate("window.events")
             == [["pip_toggle", {"open": True}]], 15)
        frame.locator("#pip-button").click()
        poll(lambda: customer.page.evaluate("window.events")
             == [["pip_toggle", {"open": True}], ["pip_toggle", {"open": False}]], 15)
