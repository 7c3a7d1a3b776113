"""Active speaker in real Chromium (issue 12, acceptance 5): four pages in a group room,
one whose fake microphone plays a tone, three whose microphones play silence. Every page
gets ``active-speaker`` naming the tone page within 2 s of that page's first audio packet,
and the others' grids outline its tile and put it first; a tile pinned with its pin button
goes before it. A page that joins later is told the active speaker in ``joined``.

Chromium's fake microphone beeps unless given a file, so both kinds get one
(``--use-file-for-fake-audio-capture``, which Chromium loops), in two browsers. The tone
alternates 400 ms at -6 dBFS with 100 ms at -30 dBFS: the SFU's detector takes a speaker's
quietest level as its noise floor (sfu/active_speaker.py), so a tone of one level only
would be heard as that speaker's silence, as a steady hum is.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ARG, RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(150)]

RATE = 48000
LATENCY_S = 2.0

# Records (Date.now()) when the page sent its first audio packet, checking every 20 ms.
FIRST_AUDIO_JS = """
() => {
  window.__firstAudioAt = null;
  const timer = setInterval(async () => {
    for (const pc of window.fjord.peerConnections()) {
      for (const s of (await pc.getStats()).values()) {
        if (s.type === 'outbound-rtp' && s.kind === 'audio' && s.packetsSent > 0
            && window.__firstAudioAt === null) {
          window.__firstAudioAt = Date.now();
          clearInterval(timer);
        }
      }
    }
  }, 20);
}
"""


def write_wav(path: Path, seconds: float, level: Any) -> Path:
    """Mono 16-bit WAV of a 440 Hz tone whose amplitude (0..1) at time t is ``level(t)``."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        samples = bytearray()
        for i in range(int(seconds * RATE)):
            t = i / RATE
            value = level(t) * math.sin(2 * math.pi * 440 * t)
            samples += struct.pack("<h", int(value * 32767))
        out.writeframes(bytes(samples))
    return path


def launch(driver: Any, wav: Path) -> Any:
    return driver.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, LOOPBACK_ARG, f"--use-file-for-fake-audio-capture={wav}"],
    )


@pytest.fixture(scope="module")
def microphones(playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[tuple[Any, Any]]:
    """(Chromium whose microphone plays the tone, Chromium whose microphone is silent)."""
    folder = Path(tmp_path_factory.mktemp("microphones"))
    tone = write_wav(folder / "tone.wav", 2.0,
                     lambda t: 0.5 if (t % 0.5) < 0.4 else 0.03)  # -6 / -30 dBFS
    silence = write_wav(folder / "silence.wav", 1.0, lambda t: 0.0)
    talking, silent = launch(playwright_driver, tone), launch(playwright_driver, silence)
    yield talking, silent
    talking.close()
    silent.close()


def test_active_speaker_names_the_talking_page(fjord_server, microphones, open_page) -> None:
    talking, silent = microphones
    meeting = fjord_server.create_meeting("group")

    def join(browser: Any, name: str) -> RoomPage:
        page = open_page(browser, name,
                         room_url(meeting["roomUrl"], displayName=name, precallReview="off"))
        page.wait_joined()
        return page

    quiet = [join(silent, name) for name in ("Ada", "Bo", "Cy")]
    ids = {p.name: p.fjord("selfId") for p in quiet}
    # The silent three exchange media before anyone talks.
    poll(lambda: all(p.receives_from(ids[o.name]) for p in quiet for o in quiet if o is not p),
         30, interval=0.5)

    speaker = join(talking, "Di")
    speaker.evaluate(FIRST_AUDIO_JS)
    speaker_id = speaker.fjord("selfId")
    pages = [*quiet, speaker]
    for page in pages:
        poll(lambda page=page: page.fjord("activeSpeaker") == speaker_id, 20, interval=0.25)
        assert page.fjord("lastError") is None

    started = speaker.evaluate("() => window.__firstAudioAt")
    assert started is not None
    for page in pages:
        named = next(c["at"] for c in page.fjord("activeSpeakerChanges()")
                     if c["participantId"] == speaker_id)
        latency = (named - started) / 1000
        print(f"{page.name}: active-speaker named the talking page {latency:.2f} s "
              "after its first audio packet")
        assert latency <= LATENCY_S, f"{page.name} after {latency:.2f} s"
    for page in quiet:
        assert page.fjord("speakingTile()") == speaker_id
        assert page.fjord("tileOrder()")[0] == speaker_id

    # A pinned tile comes before the speakers' (and the server takes the pin).
    ada, bo = quiet[0], ids["Bo"]
    ada.page.click(f'.tile[data-participant-id="{bo}"] .tile__pin')
    poll(lambda: ada.fjord("pinned()") == [bo] and ada.fjord("tileOrder()")[0] == bo, 5)
    ada.page.click(f'.tile[data-participant-id="{bo}"] .tile__pin')
    poll(lambda: ada.fjord("pinned()") == [] and ada.fjord("tileOrder()")[0] == speaker_id, 5)
    # A late joiner learns who speaks from `joined` (the tone goes on: no new event comes).
    late = join(silent, "Eve")
    poll(lambda: late.fjord("activeSpeaker") == speaker_id, 10, interval=0.25)
    poll(lambda: late.fjord("speakingTile()") == speaker_id, 20, interval=0.25)
    for page in [*pages, late]:
        assert page.fjord("lastError") is None
        assert page.console_errors == []


def test_highlight_active_speaker_off_outlines_no_tile(fjord_server, microphones,
                                                      open_page) -> None:
    """Whereby's ``highlightActiveSpeaker=off`` ("hide active speaker highlighting") was
    ignored with a warning: the page outlined the speaker's tile anyway. Its page now knows
    the active speaker (and still puts its tile first) but outlines no tile, while a page
    without the parameter in the same room does."""
    talking, silent = microphones
    meeting = fjord_server.create_meeting("group")
    quiet = {"precallReview": "off", "video": "off"}
    shown = open_page(silent, "Shown", room_url(meeting["roomUrl"], displayName="Shown",
                                                **quiet))
    hidden = open_page(silent, "Hidden", room_url(meeting["roomUrl"], displayName="Hidden",
                                                  highlightActiveSpeaker="off", **quiet))
    shown.wait_joined()
    hidden.wait_joined()
    speaker = open_page(talking, "Di", room_url(meeting["roomUrl"], displayName="Di",
                                                precallReview="off"))
    speaker_id = speaker.wait_joined()
    poll(lambda: shown.fjord("speakingTile()") == speaker_id, 30, interval=0.25)
    poll(lambda: hidden.fjord("activeSpeaker") == speaker_id
         and speaker_id in hidden.fjord("tileOrder()"), 30, interval=0.25)
    assert hidden.fjord("speakingTile()") is None
    assert hidden.evaluate("() => document.querySelectorAll('.tile--speaking').length") == 0
    assert hidden.fjord("tileOrder()")[0] == speaker_id
    warned = hidden.console_warnings
    assert not any("highlightActiveSpeaker" in w for w in warned), warned
    for page in (shown, hidden, speaker):
        assert page.console_errors == []
