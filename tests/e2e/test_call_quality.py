"""Meeting diagnostics (Whereby's ``callQualityMonitoring``), in Chromium.

Whereby: "Show/hide the meeting diagnostics button, sidebar, and indicators". The parameter
was refused with a console warning and the page had none of them. Now every tile carries a
connection-quality indicator computed from getStats() in the browser, and the top bar's
Diagnostics button opens a panel of each participant's figures, in P2P rooms (one
connection per peer) and in rooms on the SFU (figures attributed by the subscribe offer's
track mapping); ``callQualityMonitoring=off`` hides all three, and no statistics are read.

The first tests run the pure module (signaling/web/call-quality.js) in the page on crafted
statistics; the others open real calls.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import RoomPage, poll, room_url
from test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

MEDIA_TIMEOUT_S = 30

# Chromium-like reports of one transport, `seconds` apart: audio and video received from one
# peer, what we send it, the selected pair. `lost`: packets lost in between, of 500;
# `jitter` (s): the audio's, the video's twice as much (not counted: paced frames).
# What we send: a camera layer (OV) and a paused one (OP, nothing sent in between) whose
# last receiver report (RP) says half its packets were lost: old news, not counted.
REPORTS_JS = """
async ({seconds, lost, rtt, jitter, limitation, firefox}) => {
  const q = await import('/assets/call-quality.js');
  const report = (t, k) => {
    const pair = {id: 'CP1', type: 'candidate-pair', timestamp: t, localCandidateId: 'L1',
                  remoteCandidateId: 'R1', state: 'succeeded', nominated: true,
                  currentRoundTripTime: rtt, ...(firefox ? {selected: true} : {})};
    return [
      ...(firefox ? [] : [{id: 'T1', type: 'transport', timestamp: t,
                           selectedCandidatePairId: 'CP1'}]),
      // a pair that is not the selected one
      {id: 'CP0', type: 'candidate-pair', timestamp: t, localCandidateId: 'L0',
       remoteCandidateId: 'R1', state: 'failed', currentRoundTripTime: 9},
      pair,
      {id: 'L0', type: 'local-candidate', candidateType: 'host'},
      {id: 'L1', type: 'local-candidate', candidateType: 'relay', relayProtocol: 'tcp'},
      {id: 'R1', type: 'remote-candidate', candidateType: 'srflx'},
      {id: 'C1', type: 'codec', mimeType: 'video/VP8'},
      {id: 'C2', type: 'codec', mimeType: 'audio/opus'},
      {id: 'IV', type: 'inbound-rtp', kind: 'video', timestamp: t, trackIdentifier: 'cam',
       codecId: 'C1', bytesReceived: 100000 * k, packetsReceived: 400 * k,
       packetsLost: k === 0 ? 0 : lost * 0.8, jitter: 2 * jitter, frameWidth: 640,
       frameHeight: 360, framesPerSecond: 29.7},
      {id: 'IS', type: 'inbound-rtp', kind: 'video', timestamp: t, trackIdentifier: 'scr',
       codecId: 'C1', bytesReceived: 50000 * k, packetsReceived: 0, packetsLost: 0,
       frameWidth: 1920, frameHeight: 1080, framesPerSecond: 5},
      {id: 'IA', type: 'inbound-rtp', kind: 'audio', timestamp: t, trackIdentifier: 'mic',
       codecId: 'C2', bytesReceived: 12500 * k, packetsReceived: 100 * k - lost * 0.2 * k,
       packetsLost: k === 0 ? 0 : lost * 0.2, jitter: jitter},
      {id: 'OV', type: 'outbound-rtp', kind: 'video', timestamp: t, codecId: 'C1',
       bytesSent: 62500 * k, packetsSent: 300 * k, frameWidth: 320, frameHeight: 180,
       framesPerSecond: 15, qualityLimitationReason: limitation},
      {id: 'OP', type: 'outbound-rtp', kind: 'video', timestamp: t, codecId: 'C1',
       bytesSent: 5000, packetsSent: 10, frameWidth: 1280, frameHeight: 720},
      {id: 'OA', type: 'outbound-rtp', kind: 'audio', timestamp: t, codecId: 'C2',
       bytesSent: 2500 * k, packetsSent: 50 * k},
      {id: 'RV', type: 'remote-inbound-rtp', kind: 'video', localId: 'OV',
       fractionLost: lost / 500, roundTripTime: rtt, jitter: 3 * jitter},
      {id: 'RP', type: 'remote-inbound-rtp', kind: 'video', localId: 'OP',
       fractionLost: 0.5, roundTripTime: 2, jitter: 0.5},
      {id: 'RA', type: 'remote-inbound-rtp', kind: 'audio', localId: 'OA',
       fractionLost: 0, roundTripTime: rtt, jitter: jitter},
    ];
  };
  const before = q.readReport(report(1000, 0));
  const now = q.readReport(report(1000 + seconds * 1000, 1));
  const inbound = (r) => r.inbound;
  return {
    path: now.path,
    received: q.receivedFigures({now: inbound(now), before: inbound(before), seconds,
                                 path: now.path, screenTracks: new Set(['scr'])}),
    first: q.receivedFigures({now: inbound(before), before: [], seconds: 0,
                              path: before.path}),
    sent: q.sentFigures({now: now.outbound, before: before.outbound, seconds,
                         remoteInbound: now.remoteInbound, path: now.path}),
  };
}
"""

LEVEL_JS = """
async (cases) => {
  const { qualityOf } = await import('/assets/call-quality.js');
  return cases.map((figures) => qualityOf(figures));
}
"""


@pytest.fixture
def module_page(fjord_server, chromium) -> Iterator[RoomPage]:
    """A page of the server's origin that may load its scripts (a room's 404 page)."""
    page = RoomPage(chromium, "module")
    page.page.goto(f"{fjord_server.base_url}/no-such-room-here")
    yield page
    page.close()


def test_quality_level_is_the_worst_figure_with_its_cause(module_page) -> None:
    """Each figure's level by the documented thresholds (loss 2 / 8 %, round trip 300 /
    600 ms, jitter 30 / 75 ms), the worst one wins and is named; video held back by
    bandwidth or CPU is fair at least; nothing measured is no level."""
    cases = [
        {"lossPct": 0.5, "rttMs": 40, "jitterMs": 5},
        {"lossPct": 1.99, "rttMs": 299, "jitterMs": 29.9},
        {"lossPct": 2, "rttMs": 40, "jitterMs": 5},
        {"lossPct": 0, "rttMs": 300, "jitterMs": 30},
        {"lossPct": 8, "rttMs": 300, "jitterMs": 5},
        {"lossPct": None, "rttMs": 650, "jitterMs": 80},
        {"lossPct": 0, "rttMs": 20, "limitation": "bandwidth"},
        {"lossPct": 0, "rttMs": 20, "limitation": "other"},
        {"lossPct": None, "rttMs": None, "jitterMs": None},
        {"jitterMs": 74.9},
    ]
    got = module_page.evaluate(LEVEL_JS, cases)
    assert got == [
        {"level": "good", "causes": []},
        {"level": "good", "causes": []},
        {"level": "fair", "causes": ["lossPct"]},
        {"level": "fair", "causes": ["rttMs", "jitterMs"]},
        {"level": "poor", "causes": ["lossPct"]},
        {"level": "poor", "causes": ["rttMs", "jitterMs"]},
        {"level": "fair", "causes": ["limitation"]},
        {"level": "good", "causes": []},
        {"level": None, "causes": []},
        {"level": "fair", "causes": ["jitterMs"]},
    ]


@pytest.mark.parametrize("firefox", [False, True])
def test_figures_from_crafted_statistics(module_page, firefox: bool) -> None:
    """Two reports 2 s apart: bitrates from the bytes in between (kbit/s), loss from the
    packets lost of those expected in between, the audio's jitter (ms), round trip the
    selected pair's, the camera's video (not the larger shared screen), the codecs, and the
    selected pair's candidate types, as Chromium (transport) or Firefox (``selected``) names
    it. What is sent: the receiver's reports of the streams still sent (not of a paused
    layer, nor its old size)."""
    got = module_page.evaluate(REPORTS_JS, {"seconds": 2, "lost": 25, "rtt": 0.12,
                                            "jitter": 0.04, "limitation": "bandwidth",
                                            "firefox": firefox})
    assert got["path"] == {"local": "relay", "remote": "srflx", "relayProtocol": "tcp",
                           "rttMs": 120}
    received = got["received"]
    # (100000 + 50000 + 12500) bytes in 2 s
    assert received["bitrateIn"] == pytest.approx(650)
    # 25 lost of 400 + 100 - 5 received + 25 lost
    assert received["lossPct"] == pytest.approx(100 * 25 / 520)
    assert received["jitterMs"] == pytest.approx(40)
    assert received["rttMs"] == pytest.approx(120)
    assert received["video"] == {"width": 640, "height": 360, "fps": 29.7}
    assert received["codecs"] == ["VP8", "opus"]
    assert received["quality"] == {"level": "fair", "causes": ["lossPct", "jitterMs"]}
    # The first report alone: no rate yet, the rest already.
    first = got["first"]
    assert (first["bitrateIn"], first["lossPct"]) == (None, None)
    assert first["quality"]["level"] == "fair"
    sent = got["sent"]
    assert sent["bitrateOut"] == pytest.approx(260)  # (62500 + 2500 + 0) bytes in 2 s
    assert sent["lossPct"] == pytest.approx(5)
    assert sent["video"] == {"width": 320, "height": 180, "fps": 15}
    assert sent["limitation"] == "bandwidth"
    assert sent["quality"] == {"level": "fair", "causes": ["lossPct", "jitterMs",
                                                           "limitation"]}
    healthy = module_page.evaluate(REPORTS_JS, {"seconds": 1, "lost": 0, "rtt": 0.02,
                                                "jitter": 0.004, "limitation": "none",
                                                "firefox": firefox})
    assert healthy["received"]["quality"]["level"] == "good"
    assert healthy["received"]["lossPct"] == 0
    assert healthy["sent"]["limitation"] is None
    assert healthy["sent"]["quality"]["level"] == "good"


# --- real calls ------------------------------------------------------------------------

PANEL_JS = """
() => [...document.querySelectorAll('#diagnostics-list > li')].map((li) => ({
  id: li.dataset.participantId,
  name: li.querySelector('h3').textContent,
  status: li.querySelector('.diagnostics__status').textContent,
  figures: Object.fromEntries([...li.querySelectorAll('dd')].map(
    (dd) => [dd.dataset.figure, dd.textContent])),
}))
"""

INDICATORS_JS = """
() => Object.fromEntries([...document.querySelectorAll('.tile')].map((tile) => {
  const badge = tile.querySelector('.tile__quality');
  return [tile.dataset.participantId,
          badge && badge.checkVisibility() ? badge.getAttribute('aria-label') : null];
}))
"""


def kbits(text: str) -> float:
    match = re.fullmatch(r"(\d+) kbit/s", text)
    assert match, text
    return float(match.group(1))


def indicators(page: RoomPage) -> dict[str, str | None]:
    return page.evaluate(INDICATORS_JS)


def wait_indicators(page: RoomPage, other_id: str) -> dict[str, str | None]:
    """Both the own tile and the other's show a level in words."""
    def shown() -> dict[str, str | None] | None:
        seen = indicators(page)
        ok = all(re.fullmatch(r"Connection quality: (Good|Fair|Poor)", seen.get(tile) or "")
                 for tile in ("self", other_id))
        return seen if ok else None
    return poll(shown, MEDIA_TIMEOUT_S, interval=0.5)


def open_panel_by_keyboard(page: RoomPage) -> None:
    """Tab-reachable button, Enter opens, the focus goes to the panel's heading."""
    page.page.focus("#diagnostics-button")
    page.page.keyboard.press("Enter")
    poll(lambda: page.evaluate("() => document.activeElement?.id") == "diagnostics-title", 5)
    button = page.page.get_by_role("button", name="Diagnostics", exact=True)
    assert button.get_attribute("aria-expanded") == "true"
    assert page.page.get_by_role("region", name="Meeting diagnostics").is_visible()


def wait_row(page: RoomPage, other_id: str, check) -> dict[str, Any]:
    """The panel's row of ``other_id`` once ``check(row)`` holds."""
    def row() -> dict[str, Any] | None:
        rows = {r["id"]: r for r in page.evaluate(PANEL_JS)}
        found = rows.get(other_id)
        return found if found and check(found) else None
    try:
        return poll(row, MEDIA_TIMEOUT_S, interval=0.5)
    except AssertionError:
        raise AssertionError(page.evaluate(PANEL_JS)) from None


def receiving(row: dict[str, Any]) -> bool:
    return row["figures"].get("bitrateIn", "n/a") != "n/a" and kbits(
        row["figures"]["bitrateIn"]) > 0 and row["figures"]["path"] != "n/a"


def check_call(first: RoomPage, second: RoomPage, topology: str) -> None:
    """Indicators on both tiles, the panel by keyboard listing the other participant with
    inbound bitrate and candidate types, the own row with what is sent, no axe finding,
    Escape closes it and gives the focus back."""
    first_id, second_id = first.fjord("selfId"), second.fjord("selfId")
    assert first.fjord("topology") == topology
    wait_indicators(first, second_id)
    wait_indicators(second, first_id)
    open_panel_by_keyboard(first)
    row = wait_row(first, second_id, receiving)
    assert row["name"] == "Bo", row
    assert row["status"].startswith("Connection quality: "), row
    # Loopback: both ends gather host candidates, and the media takes them.
    assert row["figures"]["path"] == "host / host", row
    assert re.fullmatch(r"\d+\u00d7\d+(, \d+ fps)?", row["figures"]["video"]), row
    assert "opus" in row["figures"]["codecs"], row
    assert re.fullmatch(r"\d+ ms", row["figures"]["rttMs"]), row
    if topology == "p2p":
        assert kbits(row["figures"]["bitrateOut"]) > 0, row  # what goes to Bo
    else:
        assert "bitrateOut" not in row["figures"], row  # the SFU: not per subscriber
    own = wait_row(first, "self", lambda r: r["figures"]["bitrateOut"] != "n/a"
                   and kbits(r["figures"]["bitrateOut"]) > 0)
    assert own["name"] == "Ada (you)", own
    if topology == "p2p":
        assert "path" not in own["figures"], own  # one per peer, on each peer's row
    else:
        assert own["figures"]["path"] == "host / host", own  # the publish transport's
    assert own["figures"]["limitation"] in ("nothing", "bandwidth", "CPU", "other"), own
    topology_text = first.page.locator("#diagnostics-topology").inner_text()
    assert ("Peer to peer" if topology == "p2p" else "SFU") in topology_text
    assert "Nothing is sent to the server" in first.page.locator(
        "#diagnostics-privacy").inner_text()
    assert axe_violations(first) == []
    first.page.keyboard.press("Escape")
    poll(lambda: first.evaluate("() => document.activeElement?.id") == "diagnostics-button", 5)
    assert first.page.locator("#diagnostics").is_hidden()
    for page in (first, second):
        assert not any("callQualityMonitoring" in w for w in page.console_warnings), \
            page.console_warnings
        assert page.console_errors == [], page.console_errors


def join_two(server, chromium, open_page, mode: str, **params: str) -> tuple[RoomPage,
                                                                            RoomPage]:
    meeting = server.create_meeting(mode)
    pages = []
    for name in ("Ada", "Bo"):
        page = open_page(chromium, name, room_url(meeting["roomUrl"], displayName=name,
                                                  precallReview="off", **params))
        page.wait_joined()
        pages.append(page)
    return pages[0], pages[1]


@pytest.mark.slow
def test_normal_room_shows_indicators_and_the_panel(fjord_server, chromium,
                                                    open_page) -> None:
    ada, bo = join_two(fjord_server, chromium, open_page, "normal")
    check_call(ada, bo, "p2p")


@pytest.mark.slow
@pytest.mark.sfu
def test_group_room_shows_indicators_and_the_panel(fjord_server, chromium,
                                                   open_page) -> None:
    ada, bo = join_two(fjord_server, chromium, open_page, "group")
    check_call(ada, bo, "sfu")


@pytest.mark.slow
def test_relayed_call_shows_relay_candidates(relay_only_server, chromium, open_page) -> None:
    """Whether TURN is used: in a relay-only room the candidate types say relay."""
    ada, bo = join_two(relay_only_server, chromium, open_page, "normal")
    open_panel_by_keyboard(ada)
    row = wait_row(ada, bo.fjord("selfId"), receiving)
    assert re.fullmatch(r"relay \((udp|tcp|tls)\) / (relay|prflx)", row["figures"]["path"]), row


def test_off_hides_button_panel_and_indicators(fjord_server, chromium, open_page) -> None:
    """``callQualityMonitoring=off``: no button, panel or indicator, no statistics read,
    and the parameter is no longer named as unsupported."""
    ada, bo = join_two(fjord_server, chromium, open_page, "normal",
                       callQualityMonitoring="off")
    poll(lambda: ada.receives_from(bo.fjord("selfId")), MEDIA_TIMEOUT_S, interval=0.5)
    for page in (ada, bo):
        assert page.page.locator("#diagnostics-button").is_hidden()
        assert page.page.locator("#diagnostics").is_hidden()
        assert page.page.locator(".tile__quality").count() == 0
        assert page.fjord("diagnostics()") is None
        assert page.console_warnings == [], page.console_warnings


def test_top_toolbar_off_keeps_the_indicators(fjord_server, chromium, open_page) -> None:
    """Whereby: the top toolbar is required for the diagnostics: ``topToolbar=off`` hides the
    button, and the tiles keep their indicators."""
    ada, bo = join_two(fjord_server, chromium, open_page, "normal", topToolbar="off")
    wait_indicators(ada, bo.fjord("selfId"))
    assert ada.page.locator("#diagnostics-button").is_hidden()
    assert ada.page.get_by_role("button", name="Diagnostics").count() == 0


def test_polling_stops_when_hidden_and_after_leaving(fjord_server, chromium,
                                                     open_page) -> None:
    """getStats() runs only while the page is shown and in the call: nothing is due while
    hidden (and the count stays), again once shown, and no timer is left after leaving."""
    ada, bo = join_two(fjord_server, chromium, open_page, "normal")
    poll(lambda: ada.fjord("diagnostics()")["rounds"] >= 3, 15)
    ada.evaluate("""() => {
      Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    poll(lambda: not ada.fjord("diagnostics()")["pending"], 5)
    rounds = ada.fjord("diagnostics()")["rounds"]
    time.sleep(2.5)  # a negative: nothing may happen in the time two rounds would take
    assert ada.fjord("diagnostics()") == {"rounds": rounds, "pending": False}
    ada.evaluate("""() => {
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    poll(lambda: ada.fjord("diagnostics()")["rounds"] >= rounds + 2, 10)
    ada.page.click("#leave-button")
    poll(lambda: not ada.fjord("diagnostics()")["pending"], 5)
    rounds = ada.fjord("diagnostics()")["rounds"]
    time.sleep(2.5)
    assert ada.fjord("diagnostics()") == {"rounds": rounds, "pending": False}
    assert ada.page.locator(".tile__quality").count() == 0
    assert bo.console_errors == [] and ada.console_errors == []
