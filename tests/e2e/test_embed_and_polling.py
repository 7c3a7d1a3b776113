"""Embedding and the long-polling fallback in real Chromium (issue 6, acceptance 5 and 6).

Embedding: two customer origins are served on other loopback ports (http://127.0.0.1 is a
secure context). The organization allows only the first: there ``<fjord-embed>`` loads the
room, its commands work and its events arrive (a ``participant_knock`` for a knocker who was
waiting before the host came too; never Whereby's ``knock``, which says that the page's own
participant knocked), while commands posted by a frame of the second origin are
ignored; a page of the second origin cannot frame the room at all (CSP frame-ancestors),
but any page can frame the "does not exist" page of an unknown room, which sends ``error``.
Polling: a page whose WebSockets are refused joins, exchanges media and chats over HTTPS
long-polling.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import RoomPage, poll, room_url
from embed_site import Origin

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]

EVENTS = ["ready", "join", "leave", "participant_join", "participant_leave", "knock",
          "participant_knock", "meeting_end", "error"]


@pytest.fixture
def origins() -> Iterator[tuple[Origin, Origin]]:
    allowed, other = Origin(), Origin()
    yield allowed, other
    allowed.close()
    other.close()


def embed_page(server_url: str, room: str, extra: str = "") -> str:
    listeners = "".join(
        f"e.addEventListener('{t}', (ev) => {{ window.events.push('{t}');"
        f" window.details.push(['{t}', ev.detail]); }});" for t in EVENTS)
    return (
        "<!doctype html><title>customer</title>"
        f'<script src="{server_url}/assets/embed.js"></script>'
        f'<fjord-embed id="e" room="{room}" display-name="Embedded" precall-review="off" '
        'video="off"></fjord-embed>'
        f"{extra}<script>window.events = []; window.details = [];"
        "const e = document.getElementById('e');"
        f"{listeners}</script>"
    )


def customer_page(browser, name: str, url: str) -> RoomPage:  # noqa: ANN001
    """A page of a customer's site (no window.fjord at the top)."""
    page = RoomPage(browser, name)
    page.page.goto(url, wait_until="load")
    return page


def fjord_frame(page, server_url: str):  # noqa: ANN001, ANN201
    return poll(lambda: next((f for f in page.frames if f.url.startswith(server_url)), None),
                10)


def test_embed_commands_events_and_frame_ancestors(
    fjord_server, chromium, open_page, origins
) -> None:
    allowed, other = origins
    status, privacy = fjord_server.request(
        "PUT", "/v1/admin/privacy", {"allowedEmbedOrigins": [allowed.url]})
    assert status == 200 and privacy["allowedEmbedOrigins"] == [allowed.url]
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    base = fjord_server.base_url
    other.pages["/attacker.html"] = (
        "<!doctype html><script>window.attack = () => parent.frames[0].postMessage("
        "{command: 'toggle_microphone', args: []}, '*');</script>")
    allowed.pages["/app.html"] = embed_page(
        base, meeting["hostRoomUrl"],
        f'<iframe id="attacker" src="{other.url}/attacker.html"></iframe>')
    other.pages["/app.html"] = embed_page(base, meeting["roomUrl"])
    other.pages["/gone.html"] = embed_page(base, base + "/no-such-meeting")

    # Someone knocks on the locked room before the (embedded) host arrives.
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="G",
                                                  precallReview="off", video="off"))
    guest.page.wait_for_function("() => window.fjord.phase === 'knocking'")

    customer = customer_page(chromium, "customer", allowed.url + "/app.html")
    frame = fjord_frame(customer.page, base)
    poll(lambda: frame.evaluate("() => window.fjord && window.fjord.phase") == "in-call", 15)
    poll(lambda: customer.page.evaluate("window.events").count("join") == 1, 10)
    assert customer.page.evaluate("window.events")[0] == "ready"
    assert frame.evaluate("() => window.fjord.role") == "host"
    # The knocker already waiting is reported on join, like later knocks: as Fjord's
    # participant_knock, not Whereby's knock ("the local user knocks"), which a customer's
    # page takes as its own participant waiting to be let in.
    knocker_id = frame.evaluate("() => window.fjord.knocks()[0].id")
    poll(lambda: ["participant_knock", {"participantId": knocker_id}]
         in customer.page.evaluate("window.details"), 5)
    assert "knock" not in customer.page.evaluate("window.events")

    # A command from the allowed parent works ...
    assert frame.evaluate("() => window.fjord.micOn") is True
    customer.page.evaluate("document.getElementById('e').toggleMicrophone()")
    poll(lambda: frame.evaluate("() => window.fjord.micOn") is False, 5)
    # ... the same command from another origin's frame is ignored.
    attacker = poll(lambda: next((f for f in customer.page.frames
                                  if f.url.startswith(other.url)), None), 10)
    attacker.evaluate("() => window.attack()")
    poll(lambda: frame.evaluate("() => window.fjord.embedIgnored()") >= 1, 5)
    assert frame.evaluate("() => window.fjord.micOn") is False

    # Events: the host lets the knocker in; then the host ends the meeting by command.
    frame.locator(f'#knock-list li[data-knock-id="{knocker_id}"] .knock__accept').click()
    assert guest.wait_joined() == knocker_id
    poll(lambda: "participant_join" in customer.page.evaluate("window.events"), 10)
    customer.page.evaluate("document.getElementById('e').endMeeting()")
    poll(lambda: guest.fjord("phase") == "ended", 10)
    poll(lambda: "meeting_end" in customer.page.evaluate("window.events"), 10)

    # The other origin cannot frame the room: the browser blocks it (frame-ancestors).
    blocked = customer_page(chromium, "blocked", other.url + "/app.html")
    blocked.page.wait_for_timeout(2000)
    assert blocked.page.evaluate("window.events") == []
    frames = [f for f in blocked.page.frames if f.url.startswith(base)]
    for f in frames:
        assert f.evaluate("() => typeof window.fjord") == "undefined"

    # An unknown room: the embedding page gets the "does not exist" page and an error event.
    gone = customer_page(chromium, "gone", other.url + "/gone.html")
    poll(lambda: gone.page.evaluate("window.details") == [
        ["error", {"code": "room_not_found"}]], 10)
    gone_frame = fjord_frame(gone.page, base)
    assert "does not exist" in gone_frame.locator("h1").inner_text()
    # Chromium logs the 404 of the frame's document itself; nothing else may fail (CSP).
    assert all("status of 404" in e for e in gone.console_errors), gone.console_errors
    fjord_server.request("PUT", "/v1/admin/privacy", {})
    customer.close()
    blocked.close()
    gone.close()


def test_blocked_websocket_falls_back_to_polling(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    a = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="A",
                                          precallReview="off"))
    a_id = a.wait_joined()

    b = RoomPage(chromium, "B")
    b.page.route_web_socket("**/v1/rooms/*/ws", lambda ws: ws.close())
    try:
        b.open(room_url(meeting["roomUrl"], displayName="B", precallReview="off"))
        b_id = b.wait_joined()
        assert b.fjord("transport") == "polling"
        poll(lambda: a.receives_from(b_id) and b.receives_from(a_id), 30)
        b.page.fill("#chat-input", "over polling")
        b.page.click("#chat-send")
        poll(lambda: [m["text"] for m in a.fjord("chatMessages()")] == ["over polling"], 10)
        b.page.click("#leave-button")
        poll(lambda: a.fjord("participants().length") == 0, 10)
        assert b.console_errors == []
    finally:
        b.close()
