"""The plain-HTTP port (``http_redirect_port``) sends every request to the same path and
query over HTTPS: a host link opened as http:// keeps its ``roomKey``."""

from __future__ import annotations

import httpx
import pytest

from fjord.serve import https_redirect

BASE = "https://meet.example.test:8443"


@pytest.mark.parametrize("asked", [
    "/", "/room-1?roomKey=eyJ.a-b_c&displayName=Ada%20L", "/v1/meetings?limit=5",
    "/caf%C3%A9?q=%2F"])
async def test_the_redirect_keeps_path_and_query(asked: str) -> None:
    transport = httpx.ASGITransport(app=https_redirect(BASE))
    async with httpx.AsyncClient(transport=transport, base_url="http://meet.example.test") as c:
        for method in ("GET", "POST", "HEAD"):
            resp = await c.request(method, asked)
            assert resp.status_code == 308  # the method and body are kept (RFC 9110 15.4.9)
            assert resp.headers["location"] == BASE + asked


async def test_a_target_that_is_not_a_path_goes_to_the_root() -> None:
    """``OPTIONS * HTTP/1.1`` (asterisk-form, RFC 9112 3.2.4) reaches the app with raw path
    ``*``; appended to the base URL it would name another host."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "OPTIONS", "path": "*", "raw_path": b"*",
             "query_string": b"", "headers": []}
    await https_redirect(BASE)(scope, None, send)
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 308 and headers[b"location"] == (BASE + "/").encode()
