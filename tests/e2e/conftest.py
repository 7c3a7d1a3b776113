"""Real-browser fixtures (Chromium, Firefox ESR) for the end-to-end tests of the web client
(signaling/web/).

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright (sync API), with fake camera
and microphone. Inside the loopback-only test namespace Chromium gathers no host candidates
at all unless it is given ``--allow-loopback-in-peer-connection`` (not even relayed ones), so
the browser always gets that flag; the test that must prove the TURN path runs against a
server with ``--relay-only``, which makes pages use ``iceTransportPolicy: "relay"``.
Each participant is an :class:`e2e_support.RoomPage` made by the ``open_page`` fixture, or
in Firefox ESR a :class:`firefox.FirefoxRoomPage` made by ``open_firefox`` (how Firefox is
made to gather loopback candidates and use fake devices: tests/e2e/firefox.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ARG, RoomPage
from firefox import FIREFOX, XVFB, Firefox, FirefoxRoomPage, xvfb_display
from vp8_frames import RtpTapReader

from tests.conftest import FjordServer, start_fjord, stop_fjord


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sfu: needs the SFU wired into fjord serve (issue 4)")


@pytest.fixture(scope="session")
def chromium(playwright_driver: Any) -> Iterator[Any]:
    """Chromium that gathers 127.0.0.1 host candidates (it gathers nothing without them)."""
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, LOOPBACK_ARG]
    )
    yield browser
    browser.close()


@pytest.fixture
def open_page() -> Iterator[Callable[..., RoomPage]]:
    """Factory ``open_page(browser, name, url, proxy_signaling=False, init_script=None)``.

    ``proxy_signaling`` routes its WebSockets through Playwright (``RoomPage.drop_signaling``);
    ``init_script`` (JavaScript) runs in the page before any of its own scripts.
    Returns the opened :class:`RoomPage`; pages are closed after the test.
    """
    pages: list[RoomPage] = []

    def open_page(
        browser: Any, name: str, url: str,
        proxy_signaling: bool = False, init_script: str | None = None,
    ) -> RoomPage:
        page = RoomPage(browser, name)
        pages.append(page)
        if proxy_signaling:
            page.proxy_signaling()
        if init_script:
            page.page.add_init_script(init_script)
        return page.open(url)

    yield open_page
    for page in pages:
        page.close()


@pytest.fixture
def open_firefox(tmp_path: Path) -> Iterator[Callable[..., FirefoxRoomPage]]:
    """Factory ``open_firefox(name, url, display=None)``: a new Firefox ESR (headless, or on
    the X ``display``) with a profile of its own, with the room page ``url`` open. Each
    Firefox is ended after the test.
    """
    if not FIREFOX.exists():
        pytest.skip(f"Debian firefox-esr is not installed ({FIREFOX})")
    browsers: list[Firefox] = []

    def open_firefox(name: str, url: str, display: str | None = None) -> FirefoxRoomPage:
        browser = Firefox(tmp_path / f"firefox-{len(browsers)}", display)
        browsers.append(browser)
        return FirefoxRoomPage(browser, name, url)

    yield open_firefox
    for browser in browsers:
        browser.close()


@pytest.fixture
def virtual_display() -> Iterator[str]:
    """An Xvfb X display (``":N"``) for the test: Firefox can share a screen only there."""
    if not XVFB.exists():
        pytest.skip(f"Debian xvfb is not installed ({XVFB})")
    with xvfb_display() as display:
        yield display


@pytest.fixture(scope="module")
def tap() -> Iterator[RtpTapReader]:
    """What the SFU of :func:`e2ee_server` routes, as it left the SFU (FJORD_TEST_RTP_TAP)."""
    reader = RtpTapReader()
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def e2ee_server(tmp_path_factory: pytest.TempPathFactory, tap: RtpTapReader
                ) -> Iterator[FjordServer]:
    """A server of the end-to-end encryption tests, its SFU's packets copied to ``tap``."""
    base = tmp_path_factory.mktemp("fjord-e2ee")
    server = start_fjord(base / "data", base / "fjord.log", FJORD_TEST_RTP_TAP=tap.address)
    yield server
    stop_fjord(server)
