"""Whereby's ``precallCeremony`` and ``precallCeremonyCanSkip`` in Chromium: the pre-call
device and connectivity test (signaling/web/precall-ceremony.js).

Chromium's fake microphone beeps, so the microphone step passes on a real level read by an
AnalyserNode, and its fake camera sends frames; the speaker step's tone plays to Chromium's
audio output (the page marks it once its WebAudio oscillator ended) and the test answers
its question as a user would; the connectivity step gets TURN credentials
with ``precall-test`` and a relay candidate from the TURN relay of the test's ``fjord serve``.
"Unreachable relay": the page's signaling socket is proxied and the ``precall-test`` answer
pointed at a loopback port where nothing listens, as a firewall dropping TURN would leave it.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import RoomPage, poll, room_url
from embed_site import allowed_site, embedding_html
from test_accessibility import axe_violations

from tests.conftest import create_api_key, free_port, start_fjord, stop_fjord
from tests.loopback_limit import lift_limit, limit_udp_port

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

STEPS = ("camera", "speaker", "microphone", "connectivity")

STATE_JS = """
() => {
  const step = (name) => {
    const item = document.getElementById(`ceremony-${name}`);
    return { hidden: item.hidden, status: item.querySelector('.ceremony__status').textContent,
             detail: item.querySelector('.ceremony__detail').textContent };
  };
  const shown = (id) => !document.getElementById(id).hidden
    && document.getElementById(id).checkVisibility();
  return {
    results: window.fjord.precallCeremony,
    section: shown('precall-ceremony'),
    camera: step('camera'), speaker: step('speaker'), microphone: step('microphone'),
    connectivity: step('connectivity'),
    tone: document.getElementById('ceremony-speaker').dataset.tone || null,
    answers: shown('ceremony-heard') && shown('ceremony-not-heard'),
    summary: document.getElementById('ceremony-summary').textContent,
    skip: shown('ceremony-skip'),
    again: shown('ceremony-again'),
    joinPrimary: document.getElementById('join-button').classList.contains('btn--primary'),
    announced: document.getElementById('announcer').textContent,
  };
}
"""


def state(page: RoomPage) -> dict[str, Any]:
    return page.evaluate(STATE_JS)


def finished(page: RoomPage) -> dict[str, Any] | None:
    """The ceremony's state once no step runs (and its summary shows), else None."""
    now = state(page)
    results = now["results"] or {}
    if results and "running" not in results.values() and now["summary"]:
        return now
    return None


def answer_speaker(page: RoomPage, heard: bool = True) -> dict[str, Any]:
    """Play the speaker step's test tone, wait until it played to its end and the question
    shows, then answer Yes (``heard``) or No; the state just before answering."""
    page.page.locator("#ceremony-play").click()
    asked = poll(lambda: (lambda s: s if s["tone"] == "played" and s["answers"] else None)(
        state(page)), 10)
    page.page.locator("#ceremony-heard" if heard else "#ceremony-not-heard").click()
    return asked


def unreachable_relay(page: RoomPage) -> None:
    """Proxy the page's signaling sockets; in the ``precall-test`` answer, point every TURN
    URL at a loopback port where nothing listens (UDP and TCP). Call before ``open``."""
    dead = free_port(udp_too=True)

    def proxy(route: Any) -> None:
        server = route.connect_to_server()

        def from_server(message: Any) -> None:
            msg = json.loads(message) if isinstance(message, str) else None
            if msg and msg.get("type") == "precall-test":
                for entry in msg["iceServers"]:
                    entry["urls"] = [f"turn:127.0.0.1:{dead}?transport=udp",
                                     f"turn:127.0.0.1:{dead}?transport=tcp"]
                message = json.dumps(msg)
            route.send(message)

        server.on_message(from_server)
        route.on_message(lambda message: server.send(message))

    page.page.route_web_socket("**/v1/rooms/*/ws", proxy)


@contextlib.contextmanager
def unanswered_ceremony(fjord_server: Any, chromium: Any, display_name: str,
                        can_skip: bool) -> Iterator[RoomPage]:
    """A page of a new meeting running the ceremony (with ``precallCeremonyCanSkip=on`` if
    ``can_skip``) whose signaling socket opens and never answers: its connection test
    waits. The page is closed on leaving."""
    meeting = fjord_server.create_meeting()
    page = RoomPage(chromium, display_name)
    try:
        page.page.route_web_socket("**/v1/rooms/*/ws", lambda route: None)
        skip = {"precallCeremonyCanSkip": "on"} if can_skip else {}
        page.open(room_url(meeting["roomUrl"], displayName=display_name,
                           precallCeremony="on", **skip))
        yield page
    finally:
        page.close()


ALLOCATED = 'fjord_turn_requests_total{method="allocate",result="success"}'
TO_PEER = 'fjord_turn_relayed_bytes_total{direction="to_peer"}'


def test_ceremony_passes_with_working_devices_and_relay(fjord_server, chromium,
                                                        open_page) -> None:
    """Before: ``precallCeremony`` was ignored with a console warning. Now the pre-call
    screen tests the camera (frames), the microphone (a level) and the connection (the
    signaling server answers, and data sent through Fjord's TURN relay and back arrives at
    1 Mbit/s or more), each passed with an explanation read out politely; the join button
    is the main action once done."""
    meeting = fjord_server.create_meeting()
    before = fjord_server.labeled_metrics()
    allocated, to_peer = before.get(ALLOCATED, 0.0), before[TO_PEER]
    page = open_page(chromium, "ceremony", room_url(meeting["roomUrl"], displayName="Ada",
                                                    precallCeremony="on"))
    page.page.locator("#precall").wait_for()
    early = state(page)
    assert early["section"], early
    assert not early["skip"], "no Skip without precallCeremonyCanSkip"
    # the speaker step waits for its answer: Play sounds the tone, then Yes and No show
    assert early["speaker"]["status"] == "Testing\u2026" and not early["answers"], early
    asked = answer_speaker(page)
    assert asked["speaker"]["detail"] == "Did you hear the test sound?", asked
    done = poll(lambda: finished(page), 30)
    assert done["results"] == {name: "passed" for name in STEPS}, done
    for name in STEPS:
        assert done[name]["status"] == "Passed" and done[name]["detail"], done
        assert f"{done[name]['status']}." in done["announced"], done["announced"]
    carried = re.search(r"carried ([\d.]+) Mbit/s up and back down: enough for video",
                        done["connectivity"]["detail"])
    assert carried and float(carried.group(1)) >= 1.0, done["connectivity"]
    # the measurement's data went through the test server's own TURN relay: at 1 Mbit/s for
    # its 2 s at least 250 kB, from one of the page's allocations to the other
    metrics = fjord_server.labeled_metrics()
    assert metrics.get(ALLOCATED, 0.0) >= allocated + 2
    assert metrics[TO_PEER] - to_peer >= 250_000, (metrics[TO_PEER], to_peer)
    assert done["joinPrimary"] and done["again"], done
    assert "precallCeremony" not in " ".join(page.console_warnings), page.console_warnings
    # Joining works after the test, and the test's socket was no participant.
    page.page.locator("#join-button").click()
    page.wait_joined()
    assert page.fjord("participants()") == []
    assert page.console_errors == []


def test_unreachable_relay_fails_the_connection_step_and_joining_still_works(
        fjord_server, chromium, open_page) -> None:
    """The relay cannot be reached: the connection step fails, saying the server answers
    but the relay (TURN) cannot be reached and what to do, and the join still works."""
    meeting = fjord_server.create_meeting()
    page = RoomPage(chromium, "no-relay")
    try:
        unreachable_relay(page)
        page.open(room_url(meeting["roomUrl"], displayName="Bo", precallCeremony="on"))
        answer_speaker(page)
        done = poll(lambda: finished(page), 30)
        assert done["results"]["connectivity"] == "failed", done
        assert done["results"]["camera"] == "passed", done
        assert "could not be reached within 10 seconds" in done["connectivity"]["detail"], done
        assert "Connection: Failed." in done["announced"], done["announced"]
        assert "still join" in done["summary"], done
        page.page.locator("#join-button").click()
        page.wait_joined()
    finally:
        page.close()


def test_a_relay_that_carries_no_data_fails_the_connection_step_saying_so(
        tmp_path: Path, chromium, open_page) -> None:
    """The relay gives addresses but refuses to send to any loopback peer (CreatePermission
    403): the two connections fail at once, and so does the step, saying that the relay
    gave addresses but carried no data between them, and that the server may be set up
    wrongly (not that it could not be reached, nor, after the step's 10 s, that a firewall
    may block it)."""
    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_TURN_ALLOWED_PEER_IPS="")
    try:
        meeting = server.create_meeting()
        page = open_page(chromium, "no-data", room_url(meeting["roomUrl"], displayName="Ned",
                                                       precallCeremony="on"))
        answer_speaker(page)
        done = poll(lambda: finished(page), 30)
    finally:
        stop_fjord(server)
    assert done["results"]["connectivity"] == "failed", done
    assert ("The media relay (TURN) gave addresses over UDP, but would not carry data between "
            "them") in done["connectivity"]["detail"], done
    assert "tell whoever runs it" in done["connectivity"]["detail"], done


@pytest.mark.serial  # limits a port of loopback, which every test's traffic crosses
def test_a_slow_link_to_the_relay_fails_the_connection_step_saying_how_fast_it_was(
        fjord_server, chromium, open_page) -> None:
    """Packets to the TURN relay's UDP port go through a 600 kbit/s link: the data the
    connection step sends up to the relay and back arrives at less than the 1 Mbit/s video
    takes, so the step fails, saying the rate it measured, the rate needed and what to do
    (before: it passed as soon as the relay gave an address, whatever the link carried)."""
    if shutil.which("tc") is None:
        pytest.skip("iproute2's tc is not installed")
    meeting = fjord_server.create_meeting()
    try:
        limit_udp_port(fjord_server.ports["FJORD_TURN_UDP_PORT"], "600kbit", 60_000)
        page = open_page(chromium, "slow", room_url(meeting["roomUrl"], displayName="Sy",
                                                    precallCeremony="on"))
        answer_speaker(page)
        done = poll(lambda: finished(page), 30)
    finally:
        lift_limit()
    assert done["results"]["connectivity"] == "failed", done
    assert done["results"]["camera"] == "passed", done
    carried = re.search(r"carried only ([\d.]+) Mbit/s up and back down, less than the 1 "
                        r"Mbit/s video takes", done["connectivity"]["detail"])
    # at most the link's rate (0.3-0.4 here: the data channel's congestion control)
    assert carried and float(carried.group(1)) <= 0.6, done["connectivity"]
    assert "move closer to your Wi-Fi" in done["connectivity"]["detail"], done
    assert "Connection: Failed." in done["announced"], done["announced"]
    assert "still join" in done["summary"], done


def test_can_skip_shows_skip_which_ends_the_connection_test(fjord_server, chromium) -> None:
    """``precallCeremonyCanSkip=on``: a Skip button while the connection test runs; pressed,
    the test ends at once as skipped (the relay here never answers, so without Skip it would
    run its full 10 s)."""
    with unanswered_ceremony(fjord_server, chromium, "Cy", can_skip=True) as page:
        poll(lambda: state(page)["skip"], 10)
        page.page.locator("#ceremony-skip").click()
        now = poll(lambda: (lambda s: s if s["results"]["connectivity"] == "skipped"
                            else None)(state(page)), 3)
        assert not now["skip"], now
        assert now["connectivity"]["status"] == "Skipped", now
        answer_speaker(page)
        done = poll(lambda: finished(page), 20)
        assert done["results"]["microphone"] == "passed", done


def test_a_tone_not_heard_fails_the_speaker_step_saying_what_to_check(fjord_server,
                                                                      chromium) -> None:
    """The user played the tone and answered No: the speaker step fails, saying what to
    check, read out, and the summary says some tests failed."""
    with unanswered_ceremony(fjord_server, chromium, "Ida", can_skip=True) as page:
        poll(lambda: state(page)["skip"], 10)
        page.page.locator("#ceremony-skip").click()
        answer_speaker(page, heard=False)
        done = poll(lambda: finished(page), 20)
        assert done["results"]["speaker"] == "failed", done
        assert done["speaker"]["status"] == "Failed", done
        assert "did not hear the test sound" in done["speaker"]["detail"], done
        assert "Speakers: Failed. You did not hear" in done["announced"], done["announced"]
        assert "Some tests failed" in done["summary"] and not done["answers"], done


def test_without_can_skip_a_stuck_connection_test_times_out(fjord_server, chromium) -> None:
    """No Skip without ``precallCeremonyCanSkip``: a connection test whose server never
    answers fails after its 10 s, saying it timed out."""
    with unanswered_ceremony(fjord_server, chromium, "Di", can_skip=False) as page:
        running = poll(lambda: (lambda s: s if s["results"] else None)(state(page)), 10)
        assert not running["skip"], running
        answer_speaker(page)
        done = poll(lambda: finished(page), 25)
        assert done["results"]["connectivity"] == "failed", done
        assert "within 10 seconds" in done["connectivity"]["detail"], done


@pytest.mark.parametrize("query, warned", [
    ({"precallCeremony": "off"}, None),
    ({}, None),
    ({"precallCeremony": "on", "precallReview": "off"}, "precallCeremony"),
    ({"precallCeremonyCanSkip": "on"}, "precallCeremonyCanSkip"),
])
def test_no_ceremony_unless_asked_for_with_the_precall_screen(
        fjord_server, chromium, open_page, query: dict[str, str], warned: str | None) -> None:
    """Off by default (Whereby's documentation gives none) and with ``off``; with
    ``precallReview=off`` the page joins at once without it and warns naming
    ``precallCeremony`` (Whereby: the test is part of the pre-call review); Skip alone
    needs the ceremony."""
    meeting = fjord_server.create_meeting()
    page = open_page(chromium, "plain", room_url(meeting["roomUrl"], displayName="Ed",
                                                 **query))
    if query.get("precallReview") == "off":
        page.wait_joined()
    else:
        page.page.locator("#precall").wait_for()
    now = state(page)
    assert now["results"] is None and not now["section"], now
    assert now["joinPrimary"], now
    warnings = [w for w in page.console_warnings if "precallCeremony" in w]
    if warned is None:
        assert warnings == [], warnings
    else:
        assert len(warnings) == 1 and warned in warnings[0], page.console_warnings
        assert "not supported" not in warnings[0], warnings


def test_embedding_page_gets_precall_check_completed(fjord_server, chromium) -> None:
    """Whereby's ``precall_check_completed`` event: ``{status, steps}``, with Whereby's
    step names (``bandwidth`` for the connection), once the user answered the speaker
    step in the embedded room."""
    org_key = create_api_key(fjord_server.env, "ceremony-" + secrets.token_hex(4))
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], 'displayName="Fay" precallCeremony="on"',
        ["precall_check_completed", "precall_check_skipped"]))
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        frame = poll(lambda: next((f for f in customer.page.frames
                                   if f.url.startswith(fjord_server.base_url)), None), 30)
        assert "precallCeremony=on" in urllib.parse.unquote(frame.url)
        frame.locator("#ceremony-play").click()
        frame.locator("#ceremony-heard").click()
        events = poll(lambda: customer.page.evaluate("window.events"), 30)
        assert events == [["precall_check_completed", {
            "status": "passed", "steps": {"camera": {"status": "passed"},
                                          "speaker": {"status": "passed"},
                                          "microphone": {"status": "passed"},
                                          "bandwidth": {"status": "passed"}}}]], events
    finally:
        customer.close()
        site.close()


def test_axe_finds_nothing_in_the_ceremony_and_the_keyboard_skips(fjord_server,
                                                                  chromium) -> None:
    """The test's screen while it runs (meter, Skip) and once done (results, Test again):
    nothing for axe-core (WCAG 2.1 AA); Skip is a button the keyboard presses."""
    with unanswered_ceremony(fjord_server, chromium, "Gus", can_skip=True) as page:
        poll(lambda: state(page)["skip"], 10)
        assert axe_violations(page) == []
        page.page.focus("#ceremony-skip")
        page.page.keyboard.press("Enter")
        # the speaker step by keyboard: Play, then Yes; its question's buttons pass axe too
        page.page.focus("#ceremony-play")
        page.page.keyboard.press("Enter")
        poll(lambda: state(page)["answers"], 10)
        assert axe_violations(page) == []
        page.page.focus("#ceremony-heard")
        page.page.keyboard.press("Enter")
        done = poll(lambda: finished(page), 20)
        assert done["results"]["connectivity"] == "skipped", done
        assert done["again"], done
        # the pressed button hid: the focus went to the test's heading, not the page's start
        assert page.evaluate("() => document.activeElement.id") == "ceremony-title"
        assert axe_violations(page) == []
        # Test again runs every step anew.
        page.page.click("#ceremony-again")
        poll(lambda: "running" in (state(page)["results"] or {}).values(), 5)


def test_blocked_websockets_test_through_polling(fjord_server, chromium) -> None:
    """Where WebSockets are blocked the call signals over HTTPS long-polling, and so does the
    test: the connection step passes, saying that it went through polling."""
    meeting = fjord_server.create_meeting()
    page = RoomPage(chromium, "polling")
    try:
        page.page.route_web_socket("**/v1/rooms/*/ws", lambda ws: ws.close())
        page.open(room_url(meeting["roomUrl"], displayName="Hal", precallCeremony="on"))
        answer_speaker(page)
        done = poll(lambda: finished(page), 30)
        assert done["results"]["connectivity"] == "passed", done
        assert "HTTPS polling" in done["connectivity"]["detail"], done
    finally:
        page.close()
