"""The page's session life cycle: reconnect after a dropped socket, and the errors after
which it stops and tells the user why (invalid room key, meeting deleted, a join the server
refuses); display names from the URL cleaned to what the server accepts."""

from __future__ import annotations

import pytest
from e2e_support import poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]


def test_reconnects_and_rejoins_after_socket_drop(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    a = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="A",
                                          precallReview="off"), proxy_signaling=True)
    old_id = a.wait_joined()
    b = open_page(chromium, "B", room_url(meeting["roomUrl"], displayName="B",
                                          precallReview="off"))
    b_id = b.wait_joined()
    poll(lambda: a.receives_from(b_id) and b.receives_from(old_id), 30)

    a.drop_signaling()
    # A joins again as a new participant; B drops the old one and answers the new offer.
    new_id = poll(lambda: (sid := a.fjord("selfId")) not in (None, old_id) and sid, 15)
    poll(lambda: [p["id"] for p in b.fjord("participants()")] == [new_id], 10)
    poll(lambda: a.receives_from(b_id) and b.receives_from(new_id), 30)
    assert len(a.sockets) == 2
    assert a.fjord("peerConnections().length") == 1
    assert b.fjord("peerConnections().length") == 1
    assert a.console_errors == [] and b.console_errors == []


def test_invalid_room_key_is_shown_and_not_retried(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "forger", room_url(
        meeting["roomUrl"], roomKey="eyJhbGciOiJub25lIn0.e30.", displayName="X",
        precallReview="off"))
    poll(lambda: page.fjord("lastError"), 10)
    assert page.fjord("lastError") == "invalid_room_key"
    assert "not valid" in page.page.locator("#ended").inner_text()
    page.page.wait_for_timeout(1500)  # longer than the first reconnect delay (<= 625 ms)
    assert page.fjord("errors()") == ["invalid_room_key"]
    assert page.fjord("phase") == "ended"


def test_deleted_meeting_ends_the_call(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="A",
                                             precallReview="off"))
    page.wait_joined()
    status, _ = fjord_server.request("DELETE", f"/v1/meetings/{meeting['meetingId']}")
    assert status == 204
    poll(lambda: page.fjord("lastError") == "meeting_ended", 10)
    assert page.page.locator("#ended-title").inner_text() == "The meeting has ended"
    assert page.fjord("peerConnections().length") == 0
    page.page.wait_for_timeout(1500)  # longer than the first reconnect delay (<= 625 ms)
    assert page.fjord("phase") == "ended"
    assert page.fjord("errors()") == ["meeting_ended"]


def test_display_name_from_the_url_is_cleaned(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    # A line break and a right-to-left override, which the server refuses: the page makes
    # the first a space and drops the second, as Whereby's room takes such a name.
    raw = "\u202eAnn\nLee " + "\U0001F600" * 3
    page = open_page(chromium, "Ann", room_url(meeting["roomUrl"], displayName=raw, **quiet))
    page.wait_joined()
    label = page.page.locator(".tile--self .tile__name").inner_text()
    assert label == "Ann Lee " + "\U0001F600" * 3 + " (you)"
    # Nothing but a control character: the name falls back to "Guest".
    nul = open_page(chromium, "nul", room_url(meeting["roomUrl"], displayName="\x00", **quiet))
    nul.wait_joined()
    assert nul.page.locator(".tile--self .tile__name").inner_text() == "Guest (you)"
    poll(lambda: sorted(p["displayName"] for p in page.fjord("participants()")) == ["Guest"],
         10)
    assert page.console_errors == [] and nul.console_errors == []


@pytest.mark.parametrize(("name", "rule"), [
    ("<b>Ann</b>", "cannot contain any of $ ! < > : ;"),
    ("\U0001F600" * 101, "at most 100 characters"),
])
def test_a_display_name_whereby_refuses_is_asked_again(
    fjord_server, chromium, open_page, name: str, rule: str,
) -> None:
    """Whereby's displayName rule (none of ``$!<>:;``, at most 100 characters): a link's name
    that breaks it is not used, even with precallReview=off; the pre-call screen says why
    and asks for another, and refuses a typed one that breaks it too."""
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "asked", room_url(
        meeting["roomUrl"], displayName=name, precallReview="off", audio="off", video="off"))
    poll(lambda: page.fjord("phase") == "precall", 15)
    refused = page.page.locator("#name-refused")
    assert refused.is_visible() and rule in refused.inner_text()
    field = page.page.locator("#name-input")
    assert field.input_value() == ""
    # The field is marked invalid and described by the refusal (WCAG 3.3.1): a screen
    # reader on the field hears why; typing another name takes the refusal away.
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == "name-refused"
    page.page.type("#name-input", "A")
    assert not refused.is_visible() and field.get_attribute("aria-invalid") is None
    assert page.fjord("selfId") is None
    page.page.fill("#name-input", "Ann; Lee")
    page.page.click("#join-button")
    poll(lambda: "This name cannot be used" in refused.inner_text(), 10)
    assert page.fjord("selfId") is None and page.fjord("phase") == "precall"
    page.page.fill("#name-input", "Ann Lee")
    page.page.click("#join-button")
    page.wait_joined()
    assert page.page.locator(".tile--self .tile__name").inner_text() == "Ann Lee (you)"
    assert page.console_errors == []


def test_refused_join_is_final(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    # A room key over the server's limit (4,096 characters; the page's URL stays under the
    # 16 KiB request-head limit): `join` is answered with bad_message.
    page = open_page(chromium, "long-key", room_url(
        meeting["roomUrl"], roomKey="x" * 8_000, displayName="X", precallReview="off"))
    poll(lambda: page.fjord("lastError"), 10)
    assert page.fjord("lastError") == "bad_message"
    assert page.fjord("phase") == "ended"
    assert page.page.locator("#ended-title").inner_text() == "Cannot join this meeting"
    assert "not valid" in page.page.locator("#ended-detail").inner_text()
    # No reconnect: the server would close the idle socket after 10 s, and nothing retries.
    page.page.wait_for_timeout(1500)
    assert page.fjord("errors()") == ["bad_message"]
    assert page.page.locator("#connection-state").inner_text() == ""


def test_a_cancelled_knock_says_the_guest_did_not_join(fjord_server, chromium,
                                                       open_page) -> None:
    """Tester finding: a guest who stopped waiting in the lobby (Leave on the waiting
    screen) was told "You left the meeting", which they had never joined."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    guest = open_page(chromium, "guest", room_url(
        meeting["roomUrl"], displayName="Knocker", precallReview="off", audio="off",
        video="off"))
    guest.page.wait_for_function("() => window.fjord.phase === 'knocking'")
    # What the ended screen offers when it takes the focus (and a screen reader reads it),
    # not only once the page has settled.
    guest.page.evaluate("""() => document.getElementById('ended-title').addEventListener(
        'focus', () => { window.rejoinOnFocus = document.getElementById('rejoin-button')
            .textContent; }, { once: true })""")
    guest.page.click("#waiting-leave")
    poll(lambda: guest.fjord("phase") == "left", 10)
    assert guest.page.evaluate("window.rejoinOnFocus") == "Ask to join again"
    assert guest.page.locator("#ended-title").inner_text() == "You did not join the meeting"
    assert guest.page.locator("#ended-detail").inner_text() == (
        "You stopped waiting before a host let you in.")
    assert guest.page.locator("#rejoin-button").inner_text() == "Ask to join again"
    assert guest.console_errors == []


def test_a_room_link_with_a_trailing_slash_joins(fjord_server, chromium, open_page) -> None:
    """A link that a mail client or a template ended with "/" showed raw JSON."""
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "slash", meeting["roomUrl"] + "/?displayName=Ada&precallReview=off")
    page.wait_joined()
    assert page.page.url == room_url(meeting["roomUrl"], displayName="Ada", precallReview="off")
    assert page.page.locator(".tile--self .tile__name").inner_text() == "Ada (you)"
    assert page.console_errors == []


def test_a_dropped_connection_comes_back_into_a_locked_room(fjord_server, chromium,
                                                            open_page) -> None:
    """A patient let into a locked room whose connection dropped was sent back to the
    waiting room, and the clinician had to let them in again."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    quiet = {"precallReview": "off", "video": "off"}
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Doc",
                                                **quiet))
    host.wait_joined()
    patient = open_page(chromium, "patient", room_url(meeting["roomUrl"], displayName="Pat",
                                                      **quiet), proxy_signaling=True)
    host.page.locator("#knock-list li .knock__accept").click()
    old_id = patient.wait_joined()

    patient.drop_signaling()
    new_id = poll(lambda: (sid := patient.fjord("selfId")) not in (None, old_id) and sid, 15)
    assert patient.fjord("phase") == "in-call"
    poll(lambda: [p["id"] for p in host.fjord("participants()")] == [new_id], 10)
    assert host.page.locator("#knock-list li").count() == 0
    # Playwright's routed socket (drop_signaling) may log this when the cut races a send;
    # the page itself sends only on an open socket (signaling.js)
    cut = "WebSocket is already in CLOSING or CLOSED state."
    assert [e for e in patient.console_errors if e != cut] == [] and host.console_errors == []


def test_a_room_key_given_twice_stops_the_page_naming_it(
        fjord_server, chromium, open_page) -> None:
    """Tester finding: of ``roomKey=<host key>&roomKey=<other>`` the page took the first
    without a word. Which role the link gives is unknown: the page joins with neither key,
    nor as a plain participant, and says why, naming roomKey (room-inputs.js
    ``linkParameter``; the reading itself is tested under Node,
    tests/signaling/test_link_parameters_page.py)."""
    meeting = fjord_server.create_meeting("group")
    url = room_url(meeting["hostRoomUrl"], displayName="X", precallReview="off")
    page = open_page(chromium, "twice", url + "&roomKey=x.y.z", proxy_signaling=True)
    poll(lambda: page.fjord("phase") == "ended", 15)
    assert page.fjord("errors()") == ["invalid_room_key"]
    assert page.page.locator("#ended-title").inner_text() == "Cannot join this meeting"
    assert "the link gives roomKey 2 times" in page.page.locator("#ended-detail").inner_text()
    page.page.wait_for_timeout(1000)
    assert page.sockets == [] and page.fjord("selfId") is None
