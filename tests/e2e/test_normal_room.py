"""Normal rooms in real Chromium: a P2P call that can only connect through Fjord's TURN relay
(issue 2, acceptance 3), the 4-participant limit, and a camera turned off mid-call.

The relay test runs against ``fjord serve --relay-only``, whose ``joined`` message tells the
page to use ``iceTransportPolicy: "relay"``: no direct path exists between the peers, so
media flows only if the page got working TURN credentials and our relay allocated and
forwarded. (Chromium in the loopback-only namespace cannot be made host-candidate-free by
leaving out ``--allow-loopback-in-peer-connection``: without it, it gathers no candidate at
all, relayed ones included.)

A relay that refuses the peers (its allow list leaves out 127.0.0.1) makes the P2P connection
fail: both pages must say so on the tile, the offerer must restart ICE, and after the last
restart both must give up with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import assert_relayed_both_ways, poll, room_url

from tests.conftest import FjordServer, start_fjord, stop_fjord
from turn.native_server import load_core

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(120)]

MEDIA_TIMEOUT_S = 30


@pytest.fixture(scope="module")
def refusing_turn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """``--relay-only``, with a relay that refuses every loopback peer (no allowed peer IPs):
    CreatePermission is answered 403, so no P2P connection can ever come up."""
    base = tmp_path_factory.mktemp("fjord-refusing-turn")
    server = start_fjord(base / "data", base / "fjord.log", FJORD_RELAY_ONLY="true",
                         FJORD_TURN_ALLOWED_PEER_IPS="")
    yield server
    stop_fjord(server)


def relayed_bytes(server: Any) -> float:
    return server.metrics().get("fjord_turn_relayed_bytes_total", 0.0)


def test_p2p_call_is_relayed_by_turn(relay_only_server, chromium, open_page) -> None:
    server = relay_only_server
    meeting = server.create_meeting("normal")
    before = relayed_bytes(server)

    a = open_page(chromium, "A",
                  room_url(meeting["roomUrl"], displayName="A", precallReview="off"))
    a_id = a.wait_joined()
    b = open_page(chromium, "B",
                  room_url(meeting["roomUrl"], displayName="B", precallReview="off"))
    b_id = b.wait_joined()
    assert a.fjord("topology") == "p2p"

    # Both directions: B's video decoded and audio received on A, and the reverse.
    poll(lambda: a.receives_from(b_id) and b.receives_from(a_id), MEDIA_TIMEOUT_S)

    for page in (a, b):
        policy = page.fjord("peerConnections()[0].getConfiguration().iceTransportPolicy")
        assert policy == "relay"
        assert page.fjord("participants().length") == 1
        assert page.page.locator("#participant-count").inner_text() == "2 participants"

    assert_relayed_both_ways(a, b)

    # The relay counted the media it forwarded (it flushes its counters periodically).
    poll(lambda: relayed_bytes(server) > before + 10_000, 15, interval=0.5)
    if load_core()[0] is not None:  # fjord serve relays UDP in the native core when built
        assert "TURN UDP relay in the native core" in server.log_text()

    # B leaves: A closes the connection and drops the tile.
    b.page.click("#leave-button")
    poll(lambda: a.fjord("peerConnections().length") == 0, 10)
    assert a.page.locator(f'[data-participant-id="{b_id}"]').count() == 0
    assert a.console_errors == [] and b.console_errors == []


def test_fifth_participant_gets_room_full(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    pages = []
    for name in "ABCD":
        page = open_page(chromium, name,
                         room_url(meeting["roomUrl"], displayName=name, **quiet))
        page.wait_joined()
        pages.append(page)
    poll(lambda: pages[0].fjord("participants().length") == 3, 10)

    fifth = open_page(chromium, "E",
                      room_url(meeting["roomUrl"], displayName="E", **quiet))
    poll(lambda: fifth.fjord("lastError"), 15)
    assert fifth.fjord("lastError") == "room_full"
    assert fifth.fjord("selfId") is None
    assert "full" in fifth.page.locator("#ended").inner_text()
    # The four inside are unaffected.
    for page in pages:
        assert page.fjord("participants().length") == 3
        assert page.fjord("lastError") is None


def test_camera_off_shows_the_name_to_the_peer(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    a = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="A",
                                          precallReview="off"))
    a_id = a.wait_joined()
    b = open_page(chromium, "B", room_url(meeting["roomUrl"], displayName="B",
                                          precallReview="off"))
    b_id = b.wait_joined()
    poll(lambda: a.receives_from(b_id) and b.receives_from(a_id), MEDIA_TIMEOUT_S)
    tile_of_a = b.page.locator(f'[data-participant-id="{a_id}"]')
    poll(lambda: "tile--no-video" not in tile_of_a.get_attribute("class"), 10)

    # The camera is released (no renegotiation): B stops getting frames and shows A's name.
    a.page.click("#cam-button")
    a.page.wait_for_function("() => window.fjord.cameraOn === false")
    poll(lambda: "tile--no-video" in tile_of_a.get_attribute("class"), 10)
    assert tile_of_a.locator(".tile__placeholder").inner_text() == "Camera is off"
    assert tile_of_a.locator(".tile__name").inner_text() == "A"

    a.page.click("#cam-button")
    poll(lambda: "tile--no-video" not in tile_of_a.get_attribute("class"), 10)
    assert a.console_errors == [] and b.console_errors == []


def tile_text(page: Any, participant_id: str) -> str:
    return page.page.locator(
        f'[data-participant-id="{participant_id}"] .tile__placeholder').inner_text()


def test_failed_p2p_connection_is_shown_restarted_and_given_up(
    refusing_turn_server, chromium, open_page
) -> None:
    meeting = refusing_turn_server.create_meeting("normal")
    a = open_page(chromium, "A", room_url(meeting["roomUrl"], displayName="Ann",
                                          precallReview="off"))
    a_id = a.wait_joined()
    b = open_page(chromium, "B", room_url(meeting["roomUrl"], displayName="Ben",
                                          precallReview="off"))
    b_id = b.wait_joined()

    # Both tiles tell the connection problem (not "Camera is off"), and the newcomer B,
    # the offerer, restarts ICE.
    poll(lambda: "retrying" in tile_text(a, b_id) and "retrying" in tile_text(b, a_id), 30)
    assert "Ben" in tile_text(a, b_id) and "Ann" in tile_text(b, a_id)
    poll(lambda: b.fjord("peerLinks()[0].iceRestarts") >= 1, 15)

    # Every restart fails too: both give up with a clear message, and B stops restarting.
    poll(lambda: a.fjord("peerLinks()[0].status") == "failed"
         and b.fjord("peerLinks()[0].status") == "failed", 60)
    assert tile_text(a, b_id) == "No connection to Ben"
    assert tile_text(b, a_id) == "No connection to Ann"
    assert b.fjord("peerLinks()[0].iceRestarts") == 3
    assert "Could not connect to Ann" in b.page.locator("#notice").inner_text()
    # The session itself stays: the page is in the call, no reconnect loop.
    assert a.fjord("phase") == "in-call" and b.fjord("phase") == "in-call"
    assert a.fjord("errors()") == [] and b.fjord("errors()") == []
