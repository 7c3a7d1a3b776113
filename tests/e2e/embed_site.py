"""The customer's side of the embed tests: a page on another loopback origin
(http://127.0.0.1:<port>, a secure context) that embeds a Fjord room with Whereby's
``<whereby-embed>`` element, allowed by the room's organization, and records the element's
events. Used by every test of the embedded room (test_whereby_embed.py and the features'
own embed tests)."""

from __future__ import annotations

import contextlib
import http.server
import secrets
import threading
from collections.abc import Iterator
from typing import Any

from e2e_support import RoomPage, poll

from tests.conftest import FjordServer, create_api_key, free_port


class Origin:
    """A static site on http://127.0.0.1:<port> serving ``pages`` (path -> HTML), and
    ``default`` for any other path (404 when it is empty)."""

    def __init__(self, default: str = "") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = pages.get(self.path, default).encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class CustomerSite(Origin):
    """A customer's site serving one page, ``html``, for every path (its favicon too: the
    browser logs no 404)."""

    def __init__(self, html: str) -> None:
        super().__init__(default=html)


def allowed_site(fjord_server: FjordServer, org_key: str, html: str) -> CustomerSite:
    """A customer site serving ``html``, allowed to embed the organization's rooms."""
    site = CustomerSite(html)
    status, _ = fjord_server.request("PUT", "/v1/admin/privacy",
                                     {"allowedEmbedOrigins": [site.url]}, api_key=org_key)
    assert status == 200
    return site


def embedding_html(server_url: str, room: str, attributes: str, events: list[str]) -> str:
    """A page embedding ``room`` with ``attributes`` that records ``events`` in
    ``window.events`` as ``[type, detail]``."""
    listeners = "".join(
        f"e.addEventListener('{t}', (ev) => window.events.push(['{t}', ev.detail]));"
        for t in events)
    return (
        "<!doctype html><title>customer</title>"
        f'<script src="{server_url}/assets/embed.js"></script>'
        f'<whereby-embed id="e" room="{room}" {attributes} '
        'style="display:block;height:480px"></whereby-embed>'
        "<script>window.events = []; const e = document.getElementById('e');"
        f"{listeners}</script>"
    )


def embedded_room(customer: RoomPage, server_url: str) -> Any:
    """The frame of the room embedded in ``customer``'s page, once it is in the call."""
    frame = poll(lambda: next((f for f in customer.page.frames
                               if f.url.startswith(server_url)), None), 10)
    poll(lambda: frame.evaluate("() => window.fjord && window.fjord.phase") == "in-call", 20)
    return frame


@contextlib.contextmanager
def embedded_meeting(fjord_server: FjordServer, chromium: Any, attributes: str,
                     events: list[str]) -> Iterator[tuple[RoomPage, Any]]:
    """A new organization's meeting embedded with ``attributes`` in a customer's page
    (:func:`embedding_html`, recording ``events``), in the call: ``(customer, frame)``."""
    org_key = create_api_key(fjord_server.env, "embed-" + secrets.token_hex(4))
    meeting = fjord_server.create_meeting(api_key=org_key)
    site = allowed_site(fjord_server, org_key, embedding_html(
        fjord_server.base_url, meeting["roomUrl"], attributes, events))
    customer = RoomPage(chromium, "customer")
    try:
        customer.page.goto(site.url, wait_until="load")
        yield customer, embedded_room(customer, fjord_server.base_url)
    finally:
        customer.close()
        site.close()
