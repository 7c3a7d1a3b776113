"""Whereby's ``<whereby-embed>`` in real Chromium (issue 15, acceptance 3).

A customer page on another loopback origin (http://127.0.0.1:<port>, a secure context) of an
organization that allows it embeds a room with ``<whereby-embed room displayName
externalId>`` written as a Whereby customer writes it. It receives ``ready`` and ``join``;
when someone else joins with ``externalId`` and ``metadata`` in the room URL,
``participant_join`` carries them in Whereby's ``detail.participant``; ``toggleCamera()``
turns the embedded camera off and on with ``camera_toggle`` events (``{enabled}``), and
``leaveRoom()`` takes the participant out of the room for everyone. A command of a feature
Fjord lacks (``startStreaming()``) logs a console warning. The room's color theme, set
through the REST API, is applied to the embedded page.

Over 600 lines: one test per behaviour of Whereby's documented element (events, commands,
attributes, sizing); the customer's page they embed the room in is tests/e2e/embed_site.py.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from e2e_support import RoomPage, poll, room_url
from embed_site import (
    CustomerSite,
    allowed_site,
    embedded_meeting,
    embedded_room,
    embedding_html,
)

from tests.conftest import FjordServer, create_api_key

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]

EVENTS = ["ready", "grant_device_permission", "deny_device_permission", "join", "leave",
          "participant_join", "participant_leave", "camera_toggle", "microphone_toggle",
          "participantupdate"]


def customer_html(server_url: str, room: str) -> str:
    """The page as Whereby's documentation has customers write it (camelCase attributes)."""
    return embedding_html(server_url, room, 'displayName="Embedded Ann" '
                          'externalId="crm-ann-7" precallReview="off" audio="off"', EVENTS)


@pytest.fixture
def org_key(fjord_server: FjordServer) -> str:
    return create_api_key(fjord_server.env, "embed-" + secrets.token_hex(4))


@pytest.fixture
def site(fjord_server: FjordServer, org_key: str) -> Iterator[CustomerSite]:
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key,
                        customer_html(fjord_server.base_url, meeting["roomUrl"]))
    site.meeting = meeting  # type: ignore[attr-defined]
    # A room theme (REST), which the embedded page must apply.
    status, _ = fjord_server.request(
        "PUT", f"/v1/rooms{meeting['roomName']}/theme/tokens",
        {"tokens": {"colors": {"primary": "#aa2200"}}, "tokensPreset": "custom"},
        api_key=org_key)
    assert status == 204
    yield site
    site.close()


def test_whereby_embed_events_and_commands(fjord_server, chromium, open_page, site) -> None:
    customer = RoomPage(chromium, "customer")
    warnings = customer.console_warnings
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = poll(lambda: next((f for f in customer.page.frames
                                   if f.url.startswith(fjord_server.base_url)), None), 10)
        poll(lambda: frame.evaluate("() => window.fjord && window.fjord.phase") == "in-call", 20)

        def events() -> list:
            return customer.page.evaluate("window.events")

        def names() -> list[str]:
            return [name for name, _ in events()]

        poll(lambda: "join" in names(), 10)
        assert names()[:3] == ["ready", "grant_device_permission", "join"]
        assert events()[1][1] == {"granted": True}
        # The attributes reached the room: the name, and camera on (only audio was off).
        assert frame.evaluate("() => window.fjord.cameraOn") is True
        assert frame.evaluate("() => window.fjord.micOn") is False
        ann = frame.evaluate("() => window.fjord.selfId")
        poll(lambda: frame.evaluate(
            "() => getComputedStyle(document.documentElement).getPropertyValue('--accent')"
        ).strip() == "#aa2200", 10)

        guest = open_page(chromium, "guest", room_url(
            site.meeting["roomUrl"], displayName="Guest", precallReview="off",
            externalId="crm-guest-9", metadata="plan:pro", chat="off", leaveButton="off"))
        guest_id = guest.wait_joined()
        # Whereby's URL parameters hide what they turn off.
        for element in ("chat", "leave-button"):
            assert guest.evaluate(
                f"() => getComputedStyle(document.getElementById('{element}')).display") == "none"
        assert guest.evaluate(
            "() => getComputedStyle(document.getElementById('mic-button')).display") != "none"
        poll(lambda: "participant_join" in names(), 10)
        detail = next(d for n, d in events() if n == "participant_join")
        assert detail["participant"] == {"metadata": "plan:pro", "externalId": "crm-guest-9"}
        assert detail["participantId"] == guest_id
        poll(lambda: ["participantupdate", {"count": 2}] in events(), 10)
        # The guest's page knows the embedded participant by its externalId too.
        assert [p["externalId"] for p in guest.fjord("participants()")] == ["crm-ann-7"]

        customer.page.evaluate("document.getElementById('e').toggleCamera()")
        poll(lambda: frame.evaluate("() => window.fjord.cameraOn") is False, 10)
        poll(lambda: ["camera_toggle", {"enabled": False}] in events(), 10)
        customer.page.evaluate("document.getElementById('e').toggleCamera(true)")
        poll(lambda: frame.evaluate("() => window.fjord.cameraOn") is True, 10)
        poll(lambda: ["camera_toggle", {"enabled": True}] in events(), 10)
        # toggleCamera(true) on a camera that is on changes nothing, and neither does an
        # argument that is no boolean (a string "false" must not flip it).
        customer.page.evaluate("document.getElementById('e').toggleCamera(true)")
        ignored = frame.evaluate("() => window.fjord.embedIgnored()")
        customer.page.evaluate("document.getElementById('e').toggleCamera('false')")
        poll(lambda: frame.evaluate("() => window.fjord.embedIgnored()") == ignored + 1, 5)
        # Nor does a raw message whose args is no list (it read as no argument: a flip).
        customer.page.evaluate("""(origin) => document.querySelector('#e iframe')
            .contentWindow.postMessage({command: 'toggle_camera', args: false}, origin)""",
                               fjord_server.base_url)
        poll(lambda: frame.evaluate("() => window.fjord.embedIgnored()") == ignored + 2, 5)
        assert frame.evaluate("() => window.fjord.cameraOn") is True
        assert names().count("camera_toggle") == 2

        customer.page.evaluate("document.getElementById('e').startStreaming()")
        poll(lambda: any("startStreaming" in w and "not supported" in w for w in warnings), 5)
        # Ann is no host: endMeeting() ends nothing, and says so.
        customer.page.evaluate("document.getElementById('e').endMeeting()")
        # (the role asked only so that Playwright delivers the frame's console messages)
        poll(lambda: frame.evaluate("() => window.fjord.role") == "participant"
             and any("end_meeting" in w and "only a host" in w for w in warnings), 5)
        assert guest.fjord("phase") == "in-call"

        customer.page.evaluate("document.getElementById('e').leaveRoom()")
        poll(lambda: any(n == "leave" for n in names()), 10)
        assert next(d for n, d in events() if n == "leave")["removed"] is False
        poll(lambda: guest.fjord("participants()") == [], 10)
        assert frame.evaluate("() => window.fjord.phase") == "left"
        assert ann not in [p["id"] for p in guest.fjord("participants()")]
        customer.page.evaluate("document.getElementById('e').startRecording()")  # says why not
        poll(lambda: frame.evaluate("() => window.fjord.phase") == "left"  # (as above)
             and any("start_recording: not in the meeting" in w for w in warnings), 5)
        # (the page asks for no autofocus, which Chromium refuses in a cross-origin frame)
        assert customer.console_errors == []
        assert guest.console_errors == []
    finally:
        customer.close()


def test_a_changed_attribute_renders_the_room_again(fjord_server, chromium, site) -> None:
    """As Whereby's element: changing an observed attribute of a mounted element (here
    ``displayName``) renders the room again with it, in one iframe, which then speaks to the
    element (its ``ready`` event arrives); the first render takes every attribute the page
    was written with."""
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        sources = "() => [...document.querySelectorAll('whereby-embed iframe')].map(f => f.src)"
        readies = "() => window.events.filter(([type]) => type === 'ready').length"
        [first] = poll(lambda: customer.page.evaluate(sources) or None, 10)
        assert "displayName=Embedded+Ann" in first and "externalId=crm-ann-7" in first
        poll(lambda: customer.page.evaluate(readies) == 1, 20)
        customer.page.evaluate(
            "document.getElementById('e').setAttribute('displayName', 'Ann Again')")
        [again] = poll(lambda: [s for s in customer.page.evaluate(sources)
                                if "displayName=Ann+Again" in s] or None, 10)
        assert customer.page.evaluate(sources) == [again]
        assert "externalId=crm-ann-7" in again  # the other attributes stay
        # Events are taken only from the element's current iframe: this one is the new one.
        poll(lambda: customer.page.evaluate(readies) == 2, 20)
    finally:
        customer.close()


def test_a_change_that_leaves_the_room_url_keeps_the_call(fjord_server, chromium,
                                                         org_key) -> None:
    """Whereby's element updates its iframe in place: a changed ``title``, or an attribute
    whose parameter the room URL already sets (the URL's own value wins), leaves the
    iframe's address as it was, and the call goes on. Fjord's element made a new iframe for
    any change, so the participant left and joined again (a new participant id, webhooks,
    ``participant_leave`` and ``participant_join`` for everyone else)."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"] + "?displayName=Ann",
        'displayName="Ann" precallReview="off" title="Call"', ["ready", "join"]))
    customer = RoomPage(chromium, "customer")
    frames = "() => [...document.querySelectorAll('iframe')].map((f) => f.title)"
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        joined = frame.evaluate("() => window.fjord.selfId")
        customer.page.evaluate("e.setAttribute('title', 'Call with Bob')")
        customer.page.evaluate("e.setAttribute('displayName', 'Someone Else')")
        customer.page.wait_for_timeout(2000)  # (a new iframe would have joined by now)
        assert customer.page.evaluate(frames) == ["Call with Bob"]
        assert [t for t, _ in customer.page.evaluate("window.events")] == ["ready", "join"]
        assert frame.evaluate("() => window.fjord.selfId") == joined
        assert frame.evaluate("() => window.fjord.phase") == "in-call"
    finally:
        customer.close()
        site.close()


def test_attributes_are_properties_too(fjord_server, chromium, org_key) -> None:
    """Whereby's element (heresy) has a property for each of its attributes' lowercase
    names: ``element.room = url``, as a script or a framework's property binding (Angular's
    ``[room]``, Lit's ``.room``) sets it, embeds the room; the property reads the attribute
    back, a new value renders the room again and null removes the attribute."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, (
        "<!doctype html><title>customer</title>"
        f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
        "<script>const e = document.createElement('whereby-embed');"
        f"e.room = '{meeting['roomUrl']}'; e.displayname = 'Prop Pat';"
        "e.precallreview = 'off'; document.addEventListener('DOMContentLoaded',"
        " () => document.body.append(e));</script>"))
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        sources = "() => [...document.querySelectorAll('whereby-embed iframe')].map(f => f.src)"
        [first] = poll(lambda: customer.page.evaluate(sources) or None, 10)
        assert first.startswith(meeting["roomUrl"] + "?")
        assert "displayName=Prop+Pat" in first and "precallReview=off" in first
        assert customer.page.evaluate("[e.room, e.getAttribute('displayName')]") == [
            meeting["roomUrl"], "Prop Pat"]
        customer.page.evaluate("e.displayname = 'Pat Again'")
        poll(lambda: ["displayName=Pat+Again" in s for s in customer.page.evaluate(sources)]
             == [True], 10)
        customer.page.evaluate("e.displayname = null")
        poll(lambda: ["displayName" not in s for s in customer.page.evaluate(sources)]
             == [True], 10)
        assert customer.page.evaluate("e.hasAttribute('displayname')") is False
    finally:
        customer.close()
        site.close()


def test_recording_status_change_uses_wherebys_values(
        fjord_server, chromium, open_page, org_key) -> None:
    """Whereby's ``recording_status_change`` says ``{status}`` with ``starting``, ``started``
    or ``stopped``: a customer's page waits for ``started``. Here the embedded guest's page
    reports a host's local recording starting and stopping in those words."""
    meeting = fjord_server.create_meeting(
        api_key=org_key,
        recording={"type": "local", "startTrigger": "none", "destination": None})
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Guest" precallReview="off"',
        ["recording_status_change"]))
    customer = RoomPage(chromium, "customer")
    try:
        host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                    precallReview="off"))
        host.wait_joined(30)
        customer.page.goto(site.url, wait_until="load")
        embedded_room(customer, fjord_server.base_url)
        host.page.bring_to_front()
        host.page.locator("#record-button").click()
        poll(lambda: customer.page.evaluate("window.events"), 15)
        assert customer.page.evaluate("window.events") == [
            ["recording_status_change", {"status": "started"}]]
        with host.page.expect_download(timeout=30_000):
            host.page.locator("#record-button").click()
        poll(lambda: len(customer.page.evaluate("window.events")) == 2, 15)
        assert customer.page.evaluate("window.events")[1] == [
            "recording_status_change", {"status": "stopped"}]
    finally:
        customer.close()
        site.close()


def test_an_element_without_a_usable_room_embeds_nothing(fjord_server, chromium) -> None:
    """As Whereby's element says "Missing room attribute" or "Could not parse room URL": an
    element with no ``room``, a relative one or a plain-http one embeds nothing and says so
    (console warning naming ``room``). A relative URL must not resolve against the
    customer's own page: that page, embedded in itself, embedded itself again, down to the
    browser's nesting limit, and each copy joined the room of its other elements."""
    meeting = fjord_server.create_meeting()
    site = CustomerSite(
        "<!doctype html><title>customer</title>"
        f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
        '<whereby-embed id="none"></whereby-embed>'
        '<whereby-embed id="relative" room="just-a-room-name"></whereby-embed>'
        '<whereby-embed id="plain" room="http://meet.example.test/room"></whereby-embed>')
    # On localhost, which the element lets embed a room over plain http (development).
    site.url = site.url.replace("127.0.0.1", "localhost")
    customer = RoomPage(chromium, "customer")
    warnings = customer.console_warnings
    try:
        customer.page.goto(site.url, wait_until="load")
        poll(lambda: sum("room" in w for w in warnings) >= 3, 10)
        assert customer.page.evaluate("document.querySelectorAll('iframe').length") == 0
        assert len(customer.page.frames) == 1
        for element in ("none", "relative", "plain"):
            assert "room" in customer.page.inner_text(f"#{element}")
        assert customer.console_errors == []
        # Given a room URL, the element embeds it and its message goes.
        customer.page.evaluate(
            f"document.getElementById('none').setAttribute('room', '{meeting['roomUrl']}')")
        poll(lambda: customer.page.evaluate(
            "[...document.querySelectorAll('#none iframe')].map((f) => f.src)"), 10)
        assert customer.page.inner_text("#none") == ""
    finally:
        customer.close()
        site.close()


def test_an_element_defined_before_the_script_is_named(fjord_server, chromium) -> None:
    """A customer who still imports Whereby's own element (``@whereby.com/browser-sdk/embed``
    defines ``<whereby-embed>``, and accepts only whereby.com room URLs) and adds Fjord's
    script got nothing from the script, silently: no ``<fjord-embed>`` either, and
    Whereby's element saying "Could not parse room URL". The script now says why in a
    console warning and still defines ``<fjord-embed>``; loaded twice, it says nothing."""
    meeting = fjord_server.create_meeting()
    script = f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
    site = CustomerSite(
        "<!doctype html><title>customer</title>"
        "<script>customElements.define('whereby-embed', class extends HTMLElement {});</script>"
        f"{script}{script}"
        f'<fjord-embed id="e" room="{meeting["roomUrl"]}"></fjord-embed>')
    customer = RoomPage(chromium, "customer")
    warnings = customer.console_warnings
    try:
        customer.page.goto(site.url, wait_until="load")
        poll(lambda: customer.page.evaluate("document.querySelectorAll('#e iframe').length"), 10)
        assert len([w for w in warnings if "whereby-embed" in w]) == 1, warnings
        assert "already defined" in warnings[0] and "fjord-embed" in warnings[0]
    finally:
        customer.close()
        site.close()


def test_chat_and_people_commands_open_panels_their_parameters_hid(
        fjord_server, chromium, org_key) -> None:
    """Whereby's ``chat=off`` / ``people=off`` hide its buttons, and a customer who draws
    its own buttons opens the panes with ``toggleChat()`` / ``togglePeople()``. The panels
    those parameters hid open on the command, and ``chat_toggle`` / ``people_toggle`` say
    whether the panel is shown."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"],
        'displayName="Ann" precallReview="off" chat="off" people="off"',
        ["chat_toggle", "people_toggle"]))
    customer = RoomPage(chromium, "customer")
    shown = "(id) => getComputedStyle(document.getElementById(id)).display !== 'none'"
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        assert frame.evaluate(shown, "chat") is False
        assert frame.evaluate(shown, "people") is False
        events = "window.events"
        customer.page.evaluate("document.getElementById('e').toggleChat()")
        poll(lambda: customer.page.evaluate(events) == [["chat_toggle", {"open": True}]], 10)
        assert frame.evaluate(shown, "chat") is True
        customer.page.evaluate("document.getElementById('e').toggleChat(false)")
        poll(lambda: len(customer.page.evaluate(events)) == 2, 10)
        assert customer.page.evaluate(events)[1] == ["chat_toggle", {"open": False}]
        assert frame.evaluate(shown, "chat") is False
        customer.page.evaluate("document.getElementById('e').togglePeople(true)")
        poll(lambda: len(customer.page.evaluate(events)) == 3, 10)
        assert customer.page.evaluate(events)[2] == ["people_toggle", {"open": True}]
        assert frame.evaluate(shown, "people") is True
    finally:
        customer.close()
        site.close()


def test_chat_command_keeps_chat_shut_when_the_organization_turned_it_off(
        fjord_server, chromium, org_key) -> None:
    """``toggleChat(true)`` opened the chat panel of an organization with chat off (every
    message then refused): the panel stays shut and ``chat_toggle`` says ``open: false``."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Ann" precallReview="off"',
        ["join", "chat_toggle"]))
    status, _ = fjord_server.request("PATCH", "/v1/admin/privacy", {"chatDisabled": True},
                                     api_key=org_key)  # after allowed_site's PUT
    assert status == 200
    customer = RoomPage(chromium, "customer")
    shown = "(id) => getComputedStyle(document.getElementById(id)).display !== 'none'"
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        events = "window.events.map(([type, detail]) => [type, detail.open])"
        poll(lambda: customer.page.evaluate(events) == [["join", None]], 20)  # policy known
        customer.page.evaluate("document.getElementById('e').toggleChat(true)")
        poll(lambda: len(customer.page.evaluate(events)) == 2, 10)
        assert customer.page.evaluate(events)[1] == ["chat_toggle", False]
        assert frame.evaluate(shown, "chat") is False
    finally:
        customer.close()
        site.close()


def test_documented_attributes_reach_the_room(fjord_server, chromium, org_key) -> None:
    """Whereby's element documentation lists ``chatDownload``, ``highlightActiveSpeaker``
    and ``precallPermissionHelpLink`` among its attributes (its SDK's source passes on none
    of them). The element passes them on, and the page honours all three (it named
    ``chatDownload`` and ``precallPermissionHelpLink`` as not supported before it had them).
    The element passes on the attributes of the room parameters the page honours too
    (``timer``, ``floatSelf``, ...)."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    names = ["chatDownload", "highlightActiveSpeaker", "precallPermissionHelpLink"]
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"],
        'displayName="Ann" precallReview="off" chatDownload="on" '
        'highlightActiveSpeaker="off" precallPermissionHelpLink="https://help.example.test/" '
        'timer="on" floatSelf toolbarText="off" aec="off" lowData="on"',
        []))
    customer = RoomPage(chromium, "customer")
    warnings = customer.console_warnings
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        [src] = customer.page.evaluate("[...document.querySelectorAll('iframe')].map(f => f.src)")
        for name in [*names, "timer", "floatSelf", "toolbarText", "aec", "lowData"]:
            assert f"{name}=" in src, (name, src)
        # Honoured in the embedded room (the page warns as it starts, before it joins).
        poll(lambda: frame.evaluate(
            "() => !document.getElementById('meeting-timer').hidden"), 10)
        named = [w for w in warnings if any(name in w for name in (
            *names, "timer", "floatSelf", "toolbarText", "aec", "lowData"))]
        assert named == [], named
        assert frame.evaluate("() => window.fjord.phase") == "in-call"
        assert frame.evaluate("() => document.getElementById('grid').dataset.floatSelf") == "on"
    finally:
        customer.close()
        site.close()


def test_commands_sent_on_ready_apply(fjord_server, chromium, org_key) -> None:
    """A customer turns the camera and microphone off as soon as the room is ``ready``
    (Whereby: "the room is ready to be used"). ``ready`` came before the page had opened
    its devices, so the commands found both off, changed nothing, and the devices then came
    on: the participant joined with camera and microphone on. ``ready`` now comes once
    commands apply."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Ann" precallReview="off"',
        ["ready", "grant_device_permission", "camera_toggle", "microphone_toggle"])
        + "<script>e.addEventListener('ready', () => {"
          " e.toggleCamera(false); e.toggleMicrophone(false); });</script>")
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        events = "window.events"
        poll(lambda: len(customer.page.evaluate(events)) == 4, 10)
        assert customer.page.evaluate(events) == [
            ["ready", {}], ["grant_device_permission", {"granted": True}],
            ["camera_toggle", {"enabled": False}], ["microphone_toggle", {"enabled": False}]]
        assert frame.evaluate("() => window.fjord.cameraOn") is False
        assert frame.evaluate("() => window.fjord.micOn") is False
    finally:
        customer.close()
        site.close()


def test_leave_room_before_the_join_says_the_user_did_not_join(fjord_server, chromium,
                                                               org_key) -> None:
    """Tester finding: ``leaveRoom()`` on the pre-call screen showed "You left the meeting",
    a meeting the user had never joined."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Ann"', ["ready"])
        + "<script>e.addEventListener('ready', () => e.leaveRoom());</script>")
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = poll(lambda: next((f for f in customer.page.frames
                                   if f.url.startswith(fjord_server.base_url)), None), 10)
        poll(lambda: frame.evaluate("() => window.fjord && window.fjord.phase") == "left", 20)
        assert frame.locator("#ended-title").inner_text() == "You did not join the meeting"
        assert frame.locator("#ended-detail").inner_text() == "You left before joining."
        assert frame.locator("#rejoin-button").inner_text() == "Join"
    finally:
        customer.close()
        site.close()


def test_the_element_takes_the_size_the_page_gives_it(fjord_server, chromium, org_key) -> None:
    """Whereby's element is a block whose iframe fills it, so a customer sizes the room
    with ``style="height: ..."`` or a CSS rule on ``whereby-embed``. Fjord's element was
    inline (a custom element's default): those heights did nothing, and the room stayed
    360 px tall. The page's own rules still win (``display: flex``, ``hidden``)."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    room = meeting["roomUrl"]
    site = allowed_site(fjord_server, org_key, (
        "<!doctype html><title>customer</title>"
        "<style>whereby-embed.sized { height: 500px; width: 400px }"
        " #flex { display: flex }</style>"
        f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
        f'<whereby-embed id="inline" room="{room}" style="height:600px"></whereby-embed>'
        f'<whereby-embed id="rule" class="sized" room="{room}"></whereby-embed>'
        f'<whereby-embed id="flex" room="{room}"></whereby-embed>'
        f'<whereby-embed id="hidden" room="{room}" hidden></whereby-embed>'))
    strict_site = allowed_site(fjord_server, org_key, (
        "<!doctype html><meta http-equiv='Content-Security-Policy' content=\"style-src "
        "'nonce-n1'\"><title>customer</title><style nonce='n1'>whereby-embed.sized "
        "{ height: 500px; width: 400px }</style>"
        f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
        f'<whereby-embed id="rule" class="sized" room="{room}"></whereby-embed>'))
    customer = RoomPage(chromium, "customer")
    strict = RoomPage(chromium, "strict")
    box = """(id) => { const e = document.getElementById(id);
        const f = e.querySelector('iframe').getBoundingClientRect();
        return [getComputedStyle(e).display, Math.round(f.width), Math.round(f.height)]; }"""
    try:
        customer.page.goto(site.url, wait_until="load")
        poll(lambda: customer.page.evaluate("document.querySelectorAll('iframe').length") == 4,
             10)
        assert customer.page.evaluate(box, "inline")[::2] == ["block", 600]
        assert customer.page.evaluate(box, "rule") == ["block", 400, 500]
        assert customer.page.evaluate(box, "flex")[0] == "flex"
        assert customer.page.evaluate(box, "hidden") == ["none", 0, 0]
        # A page whose CSP allows no inline style (the iframe's style attribute was refused).
        strict.page.goto(strict_site.url, wait_until="load")
        poll(lambda: strict.page.evaluate("document.querySelectorAll('iframe').length") == 1,
             10)
        assert strict.page.evaluate(box, "rule") == ["block", 400, 500]
        assert strict.page.evaluate(
            "getComputedStyle(document.querySelector('iframe')).borderTopWidth") == "0px"
    finally:
        customer.close()
        strict.close()
        site.close()
        strict_site.close()


# The call's toolbar buttons that show, each with whether a click at its centre reaches it.
TOOLBAR_CLEAR_JS = """
() => [...document.querySelectorAll('.controls .btn')].filter((b) => b.offsetParent)
  .map((b) => { const r = b.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return [b.id, !!hit && b.contains(hit)]; })
"""


def test_a_short_embed_keeps_the_toolbar_clear_of_the_video(fjord_server, chromium) -> None:
    """In a 480 px tall embed (a common size), the one tile of a page alone was as tall as
    its 16:9 width made it and covered the toolbar's first buttons: Mute, Stop camera and
    Share screen took no click. The tile now fits the height left by the bars."""
    with embedded_meeting(fjord_server, chromium, 'displayName="Tia" precallReview="off"',
                          []) as (_, frame):
        poll(lambda: frame.evaluate(
            "() => !!document.querySelector('.tile--self:not(.tile--no-video)')"), 15)
        buttons = frame.evaluate(TOOLBAR_CLEAR_JS)
    assert {"mic-button", "cam-button", "leave-button"} <= {b for b, _ in buttons}
    assert all(clear for _, clear in buttons), buttons


def test_joining_an_ended_meeting_says_so(fjord_server, chromium, open_page, org_key) -> None:
    """A host ended the meeting for all; a customer's page then embeds its room. The page
    is refused (``meeting_ended``) and says so on screen, but the element heard nothing
    after ``ready``: no ``join``, no ``leave`` (never in) and no ``error``, the event a page
    that cannot join sends. It now gets ``error`` with ``{code: "meeting_ended"}``."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                precallReview="off"))
    host.wait_joined()
    host.page.click("#end-button")
    host.page.click("#end-confirm")
    poll(lambda: host.fjord("phase") == "ended", 10)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Ann" precallReview="off"',
        ["join", "leave", "meeting_end", "error"]))
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        poll(lambda: customer.page.evaluate("window.events"), 20)
        assert customer.page.evaluate("window.events") == [
            ["error", {"code": "meeting_ended"}]]
    finally:
        customer.close()
        site.close()


def test_what_the_page_told_before_the_join_holds(
        fjord_server, chromium, open_page, org_key) -> None:
    """A customer hides the chat pane on ``ready`` and then joins (``knock()``) a room where
    the host already is. ``participantupdate`` never came (the count, taken while joining,
    was taken as told), and the join showed the chat again after ``chat_toggle`` had said
    ``open: false``."""
    meeting = fjord_server.create_meeting(api_key=org_key)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                precallReview="off"))
    host.wait_joined()
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Ann"',
        ["chat_toggle", "join", "participantupdate"])
        + "<script>e.addEventListener('ready', () => e.toggleChat(false));"
          " e.addEventListener('chat_toggle', () => e.knock());</script>")
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = embedded_room(customer, fjord_server.base_url)
        events = "window.events.map(([type]) => type)"
        poll(lambda: "participantupdate" in customer.page.evaluate(events), 10)
        assert customer.page.evaluate("window.events")[0] == ["chat_toggle", {"open": False}]
        assert customer.page.evaluate("window.events")[2] == ["participantupdate", {"count": 2}]
        assert frame.evaluate(
            "() => getComputedStyle(document.getElementById('chat')).display") == "none"
    finally:
        customer.close()
        site.close()


def test_knock_is_the_knockers_own_event(fjord_server, chromium, org_key) -> None:
    """Whereby's ``knock`` says that the page's own participant knocks ("the local user
    knocks to get into the room"): a customer shows its "waiting for the host" state on it.
    A host's page got ``knock`` too, whenever someone else knocked, and showed the host as
    waiting. A host's page is told of a knocker with Fjord's ``participant_knock``.
    ``knock()`` and ``cancelKnock()`` on a page that is not on the pre-call or waiting
    screen do nothing, and say so (they did nothing silently)."""
    meeting = fjord_server.create_meeting(api_key=org_key, isLocked=True)
    listen = "".join(
        f"for (const t of ['join', 'knock', 'participant_knock']) document.getElementById("
        f"'{who}').addEventListener(t, (ev) => window.events.push(['{who}', t, ev.detail]));"
        for who in ("host", "guest"))
    site = allowed_site(fjord_server, org_key, (
        "<!doctype html><title>customer</title>"
        f'<script src="{fjord_server.base_url}/assets/embed.js"></script>'
        f'<whereby-embed id="host" room="{meeting["hostRoomUrl"]}" displayName="Host" '
        'precallReview="off" audio="off" video="off"></whereby-embed>'
        f'<whereby-embed id="guest" room="{meeting["roomUrl"]}" displayName="Guest" '
        'audio="off" video="off"></whereby-embed>'
        f"<script>window.events = []; {listen}</script>"))
    customer = RoomPage(chromium, "customer")
    warnings = customer.console_warnings
    events = "window.events.map(([who, type]) => who + ' ' + type)"
    try:
        customer.page.goto(site.url, wait_until="load")
        poll(lambda: "host join" in customer.page.evaluate(events), 20)
        customer.page.evaluate("document.getElementById('guest').knock()")
        poll(lambda: "host participant_knock" in customer.page.evaluate(events), 20)
        assert "guest knock" in customer.page.evaluate(events)
        assert "host knock" not in customer.page.evaluate(events)
        knocker = next(detail for who, kind, detail in customer.page.evaluate("window.events")
                       if kind == "participant_knock")
        assert set(knocker) == {"participantId"}
        customer.page.evaluate("document.getElementById('host').knock()")
        customer.page.evaluate("document.getElementById('host').cancelKnock()")
        # (evaluated in the frames only so that Playwright delivers their console messages)
        poll(lambda: [f.evaluate("() => window.fjord.phase") for f in customer.page.frames[1:]]
             and any("fjord: knock: " in w for w in warnings)
             and any("cancel_knock: " in w for w in warnings), 10)
    finally:
        customer.close()
        site.close()
