"""Helpers of the end-to-end tests: Chromium flags, one participant's page, polling.

:class:`Participant` is what a test asks of a participant's page whatever the browser;
:class:`RoomPage` is Chromium's (Playwright), ``firefox.FirefoxRoomPage`` Firefox's.

Imported by conftest.py and the test modules of this directory (pytest's default
``prepend`` import mode puts this directory on ``sys.path``).
"""

from __future__ import annotations

import contextlib
import os
import random
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.suite_audit import remember

CHROMIUM = Path(os.environ.get("FJORD_CHROMIUM", "/usr/bin/chromium"))
"Debian's Chromium, or another build named by ``FJORD_CHROMIUM``."
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK_ARG = "--allow-loopback-in-peer-connection"

# Inbound media per remote participant and the selected candidate pair of every transport,
# from getStats() of every RTCPeerConnection the page exposes on window.fjord (the same
# script in Chromium and Firefox).
STATS_JS = """
async () => {
  const owner = new Map(window.fjord.remoteTracks().map((t) => [t.trackId, t.participantId]));
  const inbound = [];
  const pairs = [];
  for (const pc of window.fjord.peerConnections()) {
    const byId = new Map();
    (await pc.getStats()).forEach((s) => byId.set(s.id, s));
    for (const s of byId.values()) {
      if (s.type === 'inbound-rtp') {
        inbound.push({
          kind: s.kind,
          participantId: owner.get(s.trackIdentifier) ?? null,
          framesDecoded: s.framesDecoded ?? 0,
          packetsReceived: s.packetsReceived ?? 0,
          totalAudioEnergy: s.totalAudioEnergy ?? 0,
        });
      } else if (s.type === 'transport' && s.selectedCandidatePairId) {
        const pair = byId.get(s.selectedCandidatePairId);
        if (!pair) continue;
        const local = byId.get(pair.localCandidateId) ?? {};
        const remote = byId.get(pair.remoteCandidateId) ?? {};
        pairs.push({
          state: pair.state,
          nominated: !!pair.nominated,
          local: local.candidateType ?? null,
          remote: remote.candidateType ?? null,
          relayProtocol: local.relayProtocol ?? null,
          localAddress: local.address ?? null,
          localPort: local.port ?? null,
          remoteAddress: remote.address ?? null,
          remotePort: remote.port ?? null,
        });
      }
    }
  }
  return { inbound, pairs };
}
"""


def write_noise_y4m(path: Path, frames: int = 10, width: int = 640, height: int = 480) -> Path:
    """A looping fake-camera clip of random 4:2:0 frames (YUV4MPEG2), for
    ``--use-file-for-fake-video-capture``: Chromium's built-in test pattern is so easy to
    encode that VP8 stays near 500 kbit/s whatever bandwidth it is given."""
    rng = random.Random(3)
    size = width * height * 3 // 2
    with path.open("wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            f.write(b"FRAME\n" + rng.randbytes(size))
    return path


def stored_bytes(*roots: Path) -> dict[Path, bytes]:
    """The contents of each file under ``roots`` (or of ``roots`` that are files), for
    tests that search the server's disk for what must not be there. A file removed while
    being read is left out: SQLite's rollback journal exists only during a write."""
    out: dict[Path, bytes] = {}
    for root in roots:
        for path in [root] if root.is_file() else root.rglob("*"):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                out[path] = path.read_bytes()
    return out


def room_url(url: str, **params: str) -> str:
    """``url`` with the query parameters ``params`` added (existing ones such as roomKey kept)."""
    remember(params.get("displayName"))
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + list(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def poll(check: Callable[[], Any], timeout: float, interval: float = 0.25) -> Any:
    """Call ``check`` until it returns a truthy value (returned) or ``timeout`` seconds pass.

    Raises:
        AssertionError: the timeout passed; the message carries the last value seen.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s; last value: {value!r}")
        time.sleep(interval)


# The tile of a participant plays video: frames reach the element, not only the decoder.
SHOWS_VIDEO_JS = """
(id) => {
  const v = document.querySelector(`[data-participant-id="${id}"] video`);
  return !!v && v.videoWidth > 0 && v.readyState >= 2
    && !v.closest('.tile').classList.contains('tile--no-video');
}
"""


class Participant:
    """One participant's room page, whatever the browser: subclasses give :meth:`evaluate`.

    ``name`` names it in assertion messages.
    """

    name: str
    console_errors: list[str]
    "Errors the page's scripts raised or logged (empty while all is well)."

    def evaluate(self, function: str, arg: Any = None) -> Any:
        """Call the JavaScript function expression ``function`` with ``arg`` in the page;
        its (awaited, JSON-able) result."""
        raise NotImplementedError

    def fjord(self, expression: str) -> Any:
        """Evaluate ``window.fjord.<expression>`` in the page."""
        return self.evaluate(f"() => window.fjord.{expression}")

    def wait_joined(self, timeout: float = 15) -> str:
        """Wait for the ``joined`` message; returns the own participant id."""
        poll(lambda: self.fjord("selfId") is not None or self.fjord("lastError") is not None,
             timeout)
        error = self.fjord("lastError")
        assert error is None, f"{self.name} could not join: {error}"
        return self.fjord("selfId")

    def stats(self) -> dict[str, list[dict[str, Any]]]:
        return self.evaluate(STATS_JS)

    def media_from(self, participant_id: str) -> dict[str, float]:
        """From one remote participant: decoded video frames, received audio packets and
        the energy of the decoded audio (``totalAudioEnergy``: above 0 once it was heard)."""
        inbound = [s for s in self.stats()["inbound"] if s["participantId"] == participant_id]
        audio = [s for s in inbound if s["kind"] == "audio"]
        return {
            "framesDecoded": sum(s["framesDecoded"] for s in inbound if s["kind"] == "video"),
            "audioPackets": sum(s["packetsReceived"] for s in audio),
            "audioEnergy": sum(s["totalAudioEnergy"] for s in audio),
        }

    def receives_from(self, participant_id: str) -> bool:
        got = self.media_from(participant_id)
        return got["framesDecoded"] > 0 and got["audioPackets"] > 0

    def shows_video_of(self, participant_id: str) -> bool:
        """The tile of ``participant_id`` plays video (frames reach the element)."""
        return self.evaluate(SHOWS_VIDEO_JS, participant_id)

    def wait_sees_and_hears(self, participant_id: str, timeout: float) -> None:
        """Wait until this participant decodes video and audio with sound in it from
        ``participant_id``, shows the video on its tile, and then keeps receiving: frames
        and audio packets grow after that.

        Raises:
            AssertionError: not within ``timeout`` seconds (each of the two waits).
        """
        def heard() -> dict[str, float] | None:
            got = self.media_from(participant_id)
            ok = got["framesDecoded"] > 0 and got["audioPackets"] > 0 and got["audioEnergy"] > 0
            return got if ok and self.shows_video_of(participant_id) else None

        try:
            first = poll(heard, timeout, interval=0.5)
        except AssertionError:
            raise AssertionError(f"{self.name} from {participant_id}: "
                                 f"{self.media_from(participant_id)}") from None
        poll(lambda: all(self.media_from(participant_id)[key] > first[key]
                         for key in ("framesDecoded", "audioPackets")), timeout, interval=0.5)


class RoomPage(Participant):
    """One participant: a Playwright page in its own context, with recorded console errors."""

    def __init__(self, browser: Any, name: str) -> None:
        self.name = name
        self.context = browser.new_context(
            ignore_https_errors=True, viewport={"width": 1280, "height": 720}
        )
        # Signaling sockets proxied through Playwright: (page side, server side), newest last.
        self.sockets: list[tuple[Any, Any]] = []
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.console_warnings: list[str] = []
        """What the page logged with console.warn: the page names there what it ignores."""
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)
        elif msg.type == "warning":
            self.console_warnings.append(msg.text)

    def proxy_signaling(self) -> None:
        """Route the page's signaling WebSockets through Playwright (call before ``open``),
        so that :meth:`drop_signaling` can cut them like a network failure would."""

        def proxy(route: Any) -> None:
            self.sockets.append((route, route.connect_to_server()))

        self.page.route_web_socket("**/v1/rooms/*/ws", proxy)

    def drop_signaling(self) -> None:
        """Cut the newest signaling socket on both sides (the server sees a disconnect)."""
        page_side, server_side = self.sockets[-1]
        server_side.close()
        page_side.close(code=4001, reason="dropped by the test")

    def open(self, url: str) -> RoomPage:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => window.fjord !== undefined")
        return self

    def evaluate(self, function: str, arg: Any = None) -> Any:
        return self.page.evaluate(function, arg)

    def close(self) -> None:
        self.context.close()


def assert_relayed_both_ways(first: Participant, second: Participant,
                             timeout: float = 10.0) -> None:
    """Each page's selected candidate pairs succeeded between its relayed address and the
    other page's. A remote candidate may be peer-reflexive: the peer's checks (through its
    relay) can arrive before its relay candidate does (RFC 8445 section 7.3.1.3); it must then
    be the other page's relayed address.

    Polled for ``timeout`` seconds: Chromium reports a selected pair ``in-progress`` while a
    consent check on it (RFC 7675) awaits its answer, so one snapshot can catch it between
    two successes.

    Raises:
        AssertionError: not so within ``timeout``; the message lists what was not.
    """
    problems: list[tuple] = []

    def relayed() -> bool:
        problems[:] = relay_problems(first, second)
        return not problems

    try:
        poll(relayed, timeout, interval=0.5)
    except AssertionError:
        raise AssertionError(problems) from None


def relay_problems(first: Participant, second: Participant) -> list[tuple]:
    """What :func:`assert_relayed_both_ways` finds wrong in one snapshot of both pages'
    statistics (empty: nothing)."""
    pairs = {page.name: page.stats()["pairs"] for page in (first, second)}
    problems: list[tuple] = []
    for page, other in ((first, second), (second, first)):
        if not pairs[page.name]:
            problems.append((page.name, "no selected candidate pair"))
        relayed_there = {(p["localAddress"], p["localPort"]) for p in pairs[other.name]}
        for pair in pairs[page.name]:
            if pair["state"] != "succeeded":
                problems.append((page.name, "not succeeded", pair))
            if pair["local"] != "relay":
                problems.append((page.name, "local not relayed", pair))
            if not (pair["remote"] == "relay" or (
                    pair["remote"] == "prflx"
                    and (pair["remoteAddress"], pair["remotePort"]) in relayed_there)):
                problems.append((page.name, "remote not the other's relay", pair,
                                 relayed_there))
    return problems
