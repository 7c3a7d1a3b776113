"""Group rooms in real Chromium: every publisher's video bitrate passes 500 kbit/s within 20 s
(issue 4, acceptance 3: the SFU's bandwidth feedback lets browsers ramp up).

The pages use a fake camera playing random frames (``write_noise_y4m``): Chromium's built-in
test pattern compresses so well that its encoder stays near 500 kbit/s whatever bandwidth
the feedback allows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOOPBACK_ARG,
    RoomPage,
    poll,
    room_url,
    write_noise_y4m,
)

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(120)]

TARGET_BPS = 500_000
DEADLINE_S = 20.0

VIDEO_BYTES_SENT_JS = """
async () => {
  let bytes = 0;
  for (const pc of window.fjord.peerConnections()) {
    for (const s of (await pc.getStats()).values()) {
      if (s.type === 'outbound-rtp' && s.kind === 'video') bytes += s.bytesSent;
    }
  }
  return [performance.now(), bytes];
}
"""


@pytest.fixture(scope="module")
def noisy_chromium(playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[Any]:
    clip = write_noise_y4m(Path(tmp_path_factory.mktemp("camera")) / "noise.y4m")
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, LOOPBACK_ARG, f"--use-file-for-fake-video-capture={clip}"],
    )
    yield browser
    browser.close()


def test_every_publisher_passes_500_kbps(fjord_server, noisy_chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    pages: list[RoomPage] = []
    for name in ("Ada", "Bo", "Cy"):
        page = open_page(noisy_chromium, name,
                         room_url(meeting["roomUrl"], displayName=name, precallReview="off"))
        page.wait_joined()
        pages.append(page)
    poll(lambda: all(p.fjord("peerConnections().length") == 2 for p in pages), 15)

    started = time.monotonic()
    previous = {p.name: p.page.evaluate(VIDEO_BYTES_SENT_JS) for p in pages}
    reached: dict[str, float] = {}
    rates: dict[str, list[int]] = {p.name: [] for p in pages}
    while len(reached) < len(pages) and time.monotonic() - started < DEADLINE_S:
        time.sleep(1.0)
        for page in pages:
            now = page.page.evaluate(VIDEO_BYTES_SENT_JS)
            then = previous[page.name]
            bps = (now[1] - then[1]) * 8 / max(0.001, (now[0] - then[0]) / 1000)
            previous[page.name] = now
            rates[page.name].append(int(bps))
            if bps > TARGET_BPS and page.name not in reached:
                reached[page.name] = round(time.monotonic() - started, 1)
    print("video bit/s per second of each publisher:", rates, "passed 500 kbit/s at:", reached)
    assert set(reached) == {p.name for p in pages}, rates
