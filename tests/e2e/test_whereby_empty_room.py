"""Whereby's ``emptyRoomInvitation`` in Chromium: while a page is alone in the room, a panel
says "Waiting for others to join" and offers the room's link with a Copy link button; it
goes as soon as someone joins and comes back when they have all left.

The link is the room's, never the page's own: a host's link carries its room key (whoever
got it would join as a host) and the page's query its user's name and ids.
"""

from __future__ import annotations

import pytest
from e2e_support import poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]

QUIET = {"precallReview": "off", "audio": "off", "video": "off"}

PANEL_JS = """
() => {
  const panel = document.getElementById('empty-room-invitation');
  return { shown: getComputedStyle(panel).display !== 'none' && !panel.hidden,
           title: document.getElementById('invitation-title').textContent,
           link: document.getElementById('invitation-link').value };
}
"""


def shown(page) -> bool:
    return page.evaluate(PANEL_JS)["shown"]


def test_invitation_shows_while_alone_with_a_link_without_secrets(fjord_server, chromium,
                                                                  open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    room = meeting["roomUrl"].split("?")[0]
    host = open_page(chromium, "host", room_url(
        meeting["hostRoomUrl"], displayName="Host", externalId="ext-1", **QUIET))
    host.page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                        origin=fjord_server.base_url)
    host.wait_joined()
    panel = poll(lambda: (p := host.evaluate(PANEL_JS))["shown"] and p, 10)
    assert panel["title"] == "Waiting for others to join"
    assert panel["link"] == room and "?" not in panel["link"]
    host.page.click("#invitation-copy")
    poll(lambda: host.page.locator("#invitation-status").inner_text() == "Link copied", 10)
    copied = host.evaluate("() => navigator.clipboard.readText()")
    assert copied == room
    assert "roomKey" not in copied and "Host" not in copied and "ext-1" not in copied

    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="Guest",
                                                  **QUIET))
    guest.wait_joined()
    poll(lambda: not shown(host), 10)
    assert not shown(guest)
    guest.page.click("#leave-button")
    poll(lambda: shown(host), 10)
    assert host.console_errors == [] and guest.console_errors == []


def test_copy_falls_back_to_a_selected_link(fjord_server, chromium, open_page) -> None:
    """Where the clipboard is refused (an embedding page that did not allow it), the link
    is selected for the keyboard's copy, and the page says so."""
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "no-clipboard", room_url(meeting["roomUrl"], displayName="Ann",
                                                        **QUIET), init_script="""
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied',
                                                                              'NotAllowedError'));
    """)
    page.wait_joined()
    poll(lambda: shown(page), 10)
    page.page.click("#invitation-copy")
    poll(lambda: "Ctrl+C" in page.page.locator("#invitation-status").inner_text(), 10)
    selected = page.evaluate("""() => {
      const input = document.getElementById('invitation-link');
      return document.activeElement === input
        && input.value.slice(input.selectionStart, input.selectionEnd) === input.value;
    }""")
    assert selected is True


@pytest.mark.parametrize("params", [{"emptyRoomInvitation": "off"}, {"minimal": ""},
                                    {"embed": "on"}])
def test_off_and_minimal_hide_the_invitation(fjord_server, chromium, open_page,
                                             params) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "alone", room_url(meeting["roomUrl"], displayName="Ann",
                                                 **QUIET, **params))
    page.wait_joined()
    # The page is in the call and alone: the panel would show by now (the first test).
    poll(lambda: page.fjord("phase") == "in-call", 10)
    poll(lambda: page.evaluate(
        "() => document.getElementById('empty-room-invitation').hidden") is False, 10)
    assert not shown(page)
    assert not any("emptyRoomInvitation" in w for w in page.console_warnings)
