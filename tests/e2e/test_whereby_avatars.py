"""Whereby's ``avatarUrl`` in Chromium: the avatar travels with the participant's join and
shows on its tile (camera off) and in the people list of everyone in the room.

The avatars come from a TLS server of the test on 127.0.0.1 (the development certificate),
the one avatar domain the Fjord server allows (``FJORD_AVATAR_DOMAINS=127.0.0.1:<port>``):
the room page's CSP lets images load from there and nowhere else, and the avatar host is
never told the room (no Referer). An avatar that does not load falls back to the default
(the placeholder's words alone); one the server refuses is named in a console warning.
"""

from __future__ import annotations

import http.server
import ssl
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import RoomPage, poll, room_url

from tests.conftest import FjordServer, free_port, start_fjord, stop_fjord

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]


def square_png(size: int = 64, rgb: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    """A square PNG of one colour (RFC 2083): what Whereby asks an avatar to be."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class AvatarHost:
    """An https server on 127.0.0.1 serving ``/ada.png`` (and 404 for anything else),
    remembering each request's path and Referer."""

    def __init__(self, port: int, cert: Path, key: Path) -> None:
        self.requests: list[tuple[str, str | None]] = []
        png = square_png()
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                requests.append((self.path, self.headers.get("Referer")))
                if self.path == "/ada.png":
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(png)))
                    self.end_headers()
                    self.wfile.write(png)
                else:
                    self.send_error(404)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def avatar_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FjordServer,
                                                                          AvatarHost]]:
    base = tmp_path_factory.mktemp("avatar-room")
    port = free_port()
    server = start_fjord(base / "data", base / "fjord.log",
                         FJORD_AVATAR_DOMAINS=f"127.0.0.1:{port}")
    certs = server.data_dir / "certs"
    host = AvatarHost(port, certs / "localhost.pem", certs / "localhost.key")
    yield server, host
    host.close()
    stop_fjord(server)


# The avatar image on a tile or in the people list: shown, loaded, and at most 64 px.
AVATAR_JS = """
(selector) => {
  const img = document.querySelector(selector);
  if (!img) return null;
  const box = img.getBoundingClientRect();
  return { shown: !img.hidden && getComputedStyle(img).display !== 'none' && box.width > 0,
           loaded: img.complete && img.naturalWidth > 0, width: box.width,
           referrerPolicy: img.referrerPolicy, alt: img.getAttribute('alt') };
}
"""

QUIET = {"precallReview": "off", "audio": "off", "video": "off"}


def test_avatar_shows_to_everyone_while_the_camera_is_off(avatar_room, chromium,
                                                          open_page) -> None:
    server, host = avatar_room
    avatar = f"https://127.0.0.1:{host.server.server_port}/ada.png"
    meeting = server.create_meeting("normal")
    ada = open_page(chromium, "ada", room_url(meeting["roomUrl"], displayName="Ada",
                                              avatarUrl=avatar, **QUIET))
    ada_id = ada.wait_joined()
    bo = open_page(chromium, "bo", room_url(meeting["roomUrl"], displayName="Bo", **QUIET))
    bo.wait_joined()
    tile = f'[data-participant-id="{ada_id}"] .tile__avatar'
    seen = poll(lambda: (a := bo.evaluate(AVATAR_JS, tile)) and a["shown"] and a["loaded"]
                and a, 20)
    assert seen["width"] <= 64 and seen["referrerPolicy"] == "no-referrer" and seen["alt"] == ""
    # Above the placeholder's words ("Connecting..." until the peer link is up).
    poll(lambda: bo.page.locator(f'[data-participant-id="{ada_id}"] .tile__placeholder'
                                 ).inner_text() == "Camera is off", 20)
    poll(lambda: (a := bo.evaluate(AVATAR_JS, f'[data-person-id="{ada_id}"] .avatar'))
         and a["shown"], 10)
    assert [p["avatarUrl"] for p in bo.fjord("participants()")] == [avatar]
    # Ada sees her own avatar on her own tile, and beside her name in the list.
    poll(lambda: (a := ada.evaluate(AVATAR_JS, '[data-participant-id="self"] .tile__avatar'))
         and a["shown"], 10)
    poll(lambda: (a := ada.evaluate(AVATAR_JS, f'[data-person-id="{ada_id}"] .avatar'))
         and a["shown"], 10)
    # Bo has none: his tile and list entry show no image.
    bo_id = bo.fjord("selfId")
    bo_tile = poll(lambda: ada.evaluate(AVATAR_JS,
                                        f'[data-participant-id="{bo_id}"] .tile__avatar'), 10)
    assert bo_tile["shown"] is False
    # The avatar host was never told which room (nor a room key): no Referer.
    assert host.requests and all(path == "/ada.png" and referer is None
                                 for path, referer in host.requests), host.requests
    assert ada.console_errors == [] and bo.console_errors == []


# Whether the page's CSP lets an image load from `url`: a securitypolicyviolation says not.
CSP_BLOCKS_JS = """
(url) => new Promise((resolve) => {
  const img = new Image();
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.effectiveDirective === 'img-src') resolve(true);
  });
  img.onload = () => resolve(false);
  img.onerror = () => setTimeout(() => resolve(false), 500);
  img.src = url;
})
"""


def test_broken_or_refused_avatars_fall_back_to_the_default(avatar_room, chromium,
                                                            open_page) -> None:
    server, host = avatar_room
    port = host.server.server_port
    meeting = server.create_meeting("normal")
    watcher = open_page(chromium, "watcher", room_url(meeting["roomUrl"], displayName="Wat",
                                                      **QUIET))
    watcher.wait_joined()
    broken = open_page(chromium, "broken", room_url(
        meeting["roomUrl"], displayName="Broken", avatarUrl=f"https://127.0.0.1:{port}/gone.png",
        **QUIET))
    broken_id = broken.wait_joined()
    refused = RoomPage(chromium, "refused")
    try:
        refused.open(room_url(meeting["roomUrl"], displayName="Refused",
                              avatarUrl=f"https://127.0.0.1:{port}/ada.png?size=64", **QUIET))
        refused_id = refused.wait_joined()
        # The server refused it, named: the page joined without it and says so.
        poll(lambda: any("avatarUrl" in w and "query string" in w
                         for w in refused.console_warnings), 10)
        poll(lambda: {p["id"]: p["avatarUrl"] for p in watcher.fjord("participants()")}
             == {broken_id: f"https://127.0.0.1:{port}/gone.png", refused_id: None}, 10)
        # The broken image (404) is not shown: the tile shows its words alone.
        poll(lambda: ("/gone.png", None) in host.requests, 10)
        tile = f'[data-participant-id="{broken_id}"]'
        poll(lambda: watcher.page.locator(f"{tile} .tile__placeholder").inner_text()
             == "Camera is off", 10)
        assert watcher.evaluate(AVATAR_JS, f"{tile} .tile__avatar")["shown"] is False
        assert refused.evaluate(AVATAR_JS, '[data-participant-id="self"] .tile__avatar'
                                )["shown"] is False
        # The page's CSP: images from the allowed domain only.
        assert watcher.evaluate(CSP_BLOCKS_JS, f"https://127.0.0.1:{port}/ada.png") is False
        assert watcher.evaluate(CSP_BLOCKS_JS, f"https://127.0.0.1:{free_port()}/a.png") is True
    finally:
        refused.close()
