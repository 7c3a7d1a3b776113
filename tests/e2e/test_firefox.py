"""Firefox ESR with Chromium, both ways (issue 17): a normal room relayed by our TURN, a group
room through the SFU, and Firefox sharing its screen in a group room (then stopping and
sharing again).

Each receiver must decode the other's video (``framesDecoded`` grows, and the tile plays
it) and hear its audio (packets grow and the decoded audio carries energy). Firefox differs
from Chromium where the SFU must follow it: with ``bundlePolicy: "max-bundle"`` it offers
every m-line after the first with port 0 and ``a=bundle-only`` (RFC 8843 section 6), its
payload types and header extension ids are not Chromium's (Opus 109, VP8 120 with RTX 124,
abs-send-time id 4), and its ClientHello offers DTLS 1.3 to the SFU's DTLS 1.2.
"""

from __future__ import annotations

import pytest
from e2e_support import Participant, assert_relayed_both_ways, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.firefox, pytest.mark.slow,
              pytest.mark.timeout(180)]

MEDIA_TIMEOUT_S = 45
DTLS_1_2 = "FEFD"
DTLS_1_3_VERSION = 772  # 0x0304, Firefox's media.peerconnection.dtls.version.* encoding


# The name on the tile of a participant id, or null without such a tile.
TILE_NAME_JS = (
    "(id) => document.querySelector(`[data-participant-id=\"${id}\"] .tile__name`)"
    "?.textContent ?? null"
)


def no_errors(*pages: Participant) -> bool:
    """No page got an error message from the server or logged a script error."""
    for page in pages:
        assert page.fjord("errors()") == [], f"{page.name}: {page.fjord('errors()')}"
        assert page.console_errors == [], f"{page.name}: {page.console_errors}"
    return True


def join_both(server, room_mode: str, open_page, chromium, open_firefox, **firefox_args):
    """Firefox ("Foxglove") joins a new meeting first, then Chromium ("Crocus"); returns
    the pages and their participant ids."""
    meeting = server.create_meeting(room_mode)
    fox = open_firefox("Fox", room_url(meeting["roomUrl"], displayName="Foxglove",
                                       precallReview="off"), **firefox_args)
    fox_id = fox.wait_joined()
    cro = open_page(chromium, "Cro", room_url(meeting["roomUrl"], displayName="Crocus",
                                              precallReview="off"))
    cro_id = cro.wait_joined()
    return fox, fox_id, cro, cro_id


def test_firefox_and_chromium_p2p_call_relayed_by_turn(
    relay_only_server, chromium, open_page, open_firefox
) -> None:
    server = relay_only_server
    relayed_before = server.metrics().get("fjord_turn_relayed_bytes_total", 0.0)
    fox, fox_id, cro, cro_id = join_both(server, "normal", open_page, chromium, open_firefox)
    assert fox.fjord("topology") == cro.fjord("topology") == "p2p"

    cro.wait_sees_and_hears(fox_id, MEDIA_TIMEOUT_S)
    fox.wait_sees_and_hears(cro_id, MEDIA_TIMEOUT_S)
    assert_relayed_both_ways(fox, cro)
    assert server.wait_metric_above("fjord_turn_relayed_bytes_total",
                                    relayed_before + 10_000) > relayed_before + 10_000
    assert no_errors(fox, cro)


def test_firefox_and_chromium_in_group_room_through_sfu(
    fjord_server, chromium, open_page, open_firefox
) -> None:
    fox, fox_id, cro, cro_id = join_both(fjord_server, "group", open_page, chromium,
                                         open_firefox)
    assert fox.fjord("topology") == cro.fjord("topology") == "sfu"

    # Firefox's publish: its video m-line is bundle-only (port 0). Before the SFU took
    # such an m-line as offered, it rejected Firefox's camera and nobody saw Firefox.
    publish_offer = fox.fjord("peerConnections()[0].localDescription.sdp")
    assert "a=bundle-only" in publish_offer
    cro.wait_sees_and_hears(fox_id, MEDIA_TIMEOUT_S)
    fox.wait_sees_and_hears(cro_id, MEDIA_TIMEOUT_S)
    assert no_errors(fox, cro)

    # Firefox offered DTLS 1.3 and both its transports settled on the SFU's DTLS 1.2.
    assert fox.firefox.int_pref("media.peerconnection.dtls.version.max") >= DTLS_1_3_VERSION
    transports = [t for report in fox.firefox.webrtc_stats() if not report["closed"]
                  for t in report["transportStats"]]
    assert len(transports) == 2, transports
    for transport in transports:
        assert transport["dtlsState"] == "connected", transport
        assert transport["tlsVersion"] == DTLS_1_2, transport


def test_firefox_shares_its_screen_in_group_room(
    fjord_server, chromium, open_page, open_firefox, virtual_display
) -> None:
    # Firefox has no fake screen: this one runs on an X display and shares it.
    fox, fox_id, cro, cro_id = join_both(fjord_server, "group", open_page, chromium,
                                         open_firefox, display=virtual_display)
    poll(lambda: cro.receives_from(fox_id), MEDIA_TIMEOUT_S, interval=0.5)

    fox.click("#screen-button")
    poll(lambda: fox.fjord("screenSharing") is True, 15)
    screen_id = f"{fox_id}:screen"
    poll(lambda: cro.media_from(screen_id)["framesDecoded"] > 0, MEDIA_TIMEOUT_S, interval=0.5)
    poll(lambda: cro.shows_video_of(screen_id), 15)
    assert cro.evaluate(TILE_NAME_JS, screen_id) == "Foxglove (screen)"
    # The screen keeps coming, and so does the camera, on its own tile.
    frames = {key: cro.media_from(key)["framesDecoded"] for key in (screen_id, fox_id)}
    poll(lambda: all(cro.media_from(key)["framesDecoded"] > frames[key] for key in frames),
         MEDIA_TIMEOUT_S, interval=0.5)

    # Stopping drops the tile; sharing again (replaceTrack, no new offer) brings it back.
    fox.click("#screen-button")
    poll(lambda: not cro.evaluate(TILE_NAME_JS, screen_id), 15)
    fox.click("#screen-button")
    poll(lambda: cro.evaluate(TILE_NAME_JS, screen_id), 15)
    frames = cro.media_from(screen_id)["framesDecoded"]
    poll(lambda: cro.media_from(screen_id)["framesDecoded"] > frames, MEDIA_TIMEOUT_S,
         interval=0.5)
    assert no_errors(fox, cro)
