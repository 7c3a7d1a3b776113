"""Spotlight in real Chromium: a host spotlights a guest from the guest's tile, and the
guest's tile is the large one on both pages (bounding boxes), until the host removes it
from the people list; Whereby's ``autoSpotlight`` spotlights a host's own page on join and
only warns on anyone else's; in a group room the spotlighted camera is received at a
higher simulcast layer than the small tiles' (adaptive stream follows the tile's size)."""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url
from test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.timeout(150)]

QUIET = {"precallReview": "off", "audio": "off"}
AREA_JS = """
(id) => {
  const tile = document.querySelector(`.tile[data-participant-id="${id}"]`);
  if (!tile) return 0;
  const r = tile.getBoundingClientRect();
  return Math.round(r.width * r.height);
}
"""
# Received video height per participant (inbound-rtp of the tracks shown in tiles).
HEIGHTS_JS = """
async () => {
  const owner = new Map(window.fjord.remoteTracks().map((t) => [t.trackId, t.participantId]));
  const heights = {};
  for (const pc of window.fjord.peerConnections()) {
    for (const s of (await pc.getStats()).values()) {
      const id = owner.get(s.trackIdentifier);
      if (s.type === 'inbound-rtp' && s.kind === 'video' && id) heights[id] = s.frameHeight ?? 0;
    }
  }
  return heights;
}
"""


def area(page: RoomPage, tile_id: str) -> int:
    return page.evaluate(AREA_JS, tile_id)


def large(page: RoomPage, big: str, small: str) -> bool:
    """The tile ``big`` is at least four times the area of ``small`` (3/4 against 1/4 of
    the width: nine times)."""
    return area(page, big) >= 4 * area(page, small) > 0


def test_a_host_spotlights_a_guest_who_is_large_on_both_pages(
        fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host_id = host.wait_joined()
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Guest",
                                                  **QUIET))
    guest_id = guest.wait_joined()
    host.page.locator(f'.tile[data-participant-id="{guest_id}"]').wait_for()
    assert not guest.page.get_by_role("button", name="Spotlight Guest (you)").count()
    assert area(host, guest_id) == pytest.approx(area(host, "self"), rel=0.05)

    # from the tile, by keyboard: the button is named with whose tile it is
    tile = host.page.locator(f'.tile[data-participant-id="{guest_id}"]')
    button = tile.get_by_role("button", name="Spotlight Guest", exact=True)
    button.focus()
    host.page.keyboard.press("Enter")
    poll(lambda: large(host, guest_id, "self"), 10)
    poll(lambda: large(guest, "self", host_id), 10)
    assert guest.fjord("spotlights()") == [guest_id]
    assert host.page.get_by_role("button", name="Remove spotlight Guest", exact=True).count() == 2
    assert guest.page.locator("#announcer").inner_text().count("You are in the spotlight") == 1
    assert axe_violations(host) == [] and axe_violations(guest) == []

    # removed again from the people list, by keyboard: the focus stays on the button
    host.page.locator("#people").get_by_role(
        "button", name="Remove spotlight Guest", exact=True).focus()
    host.page.keyboard.press("Enter")
    poll(lambda: host.evaluate("() => document.activeElement.getAttribute('aria-label')")
         == "Spotlight Guest", 10)
    poll(lambda: area(guest, "self") == pytest.approx(area(guest, host_id), rel=0.05), 10)
    poll(lambda: area(host, guest_id) == pytest.approx(area(host, "self"), rel=0.05), 10)
    assert guest.fjord("spotlights()") == []
    assert not host.console_errors and not guest.console_errors


def test_auto_spotlight_spotlights_a_host_and_only_warns_a_guest(
        fjord_server, chromium, open_page) -> None:
    """Whereby's ``autoSpotlight`` was ignored with a warning: a host's page now spotlights
    itself on join (also its later joins: a reconnect), and a guest's page, which may not,
    warns naming the parameter and spotlights nobody."""
    meeting = fjord_server.create_meeting("normal")
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Guest",
                                                  autoSpotlight="", **QUIET))
    guest_id = guest.wait_joined()
    poll(lambda: any("autoSpotlight" in w for w in guest.console_warnings), 10)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                autoSpotlight="", **QUIET))
    host_id = host.wait_joined()
    poll(lambda: guest.fjord("spotlights()") == [host_id], 10)
    poll(lambda: large(guest, host_id, "self"), 10)
    poll(lambda: large(host, "self", guest_id), 10)
    assert not any("autoSpotlight" in w for w in host.console_warnings), host.console_warnings
    assert [w for w in guest.console_warnings if "autoSpotlight" in w] == [
        "fjord: URL parameter autoSpotlight not used: only a host's page spotlights itself "
        "on join"]
    assert not host.console_errors and not guest.console_errors


@pytest.mark.sfu
@pytest.mark.slow
def test_a_spotlighted_camera_is_received_sharper_in_a_group_room(
        fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Hostess",
                                                **QUIET))
    host_id = host.wait_joined()
    ada = open_page(chromium, "ada", room_url(meeting["roomUrl"], displayName="Ada", **QUIET))
    ada_id = ada.wait_joined()
    viewer = open_page(chromium, "viewer", room_url(meeting["viewerRoomUrl"],
                                                    displayName="Vi", precallReview="off"))
    viewer.wait_joined()
    for tile_id in (host_id, ada_id):
        viewer.page.locator(f'.tile[data-participant-id="{tile_id}"]').wait_for()
    host.page.locator(f'.tile[data-participant-id="{ada_id}"]').get_by_role(
        "button", name="Spotlight Ada", exact=True).click()
    poll(lambda: large(viewer, ada_id, host_id), 10)
    # 3/4 of the viewer's grid gets more than the 320x180 layer, the quarter-wide tile no more
    poll(lambda: (h := viewer.evaluate(HEIGHTS_JS)).get(ada_id, 0) > 180
         and 0 < h.get(host_id, 0) <= 180, 60)
    assert not viewer.console_errors and not host.console_errors
