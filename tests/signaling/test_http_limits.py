"""The internet-facing HTTPS listener: it bounds what it buffers of a request head (a header
line longer than MAX_REQUEST_HEAD is refused with 400 at once and the server keeps serving),
and believes X-Forwarded-For only from the operator's trusted proxies."""

from __future__ import annotations

import asyncio
import socket
import ssl
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from operability.request_ids import MAX_REQUEST_HEAD
from tests.conftest import FjordServer


def test_oversized_request_head_is_refused_and_the_server_keeps_serving(
    fjord_server: FjordServer,
) -> None:
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        # an unfinished header: without a bound the server would buffer it forever
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + b"a" * (4 * MAX_REQUEST_HEAD))
        answer = tls.recv(4096)
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:80]
    status, body = fjord_server.request("GET", "/healthz")
    assert status == 200, body


@pytest.mark.parametrize("shape", ["one line", "many headers"])
def test_a_large_head_sent_at_once_is_refused_with_431(fjord_server: FjordServer,
                                                       shape: str) -> None:
    # A head that arrives in one read is not bounded by h11's incremental limit.
    if shape == "one line":
        extra = b"X-Big: " + b"a" * (2 * MAX_REQUEST_HEAD) + b"\r\n"
    else:
        extra = b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 100) for i in range(200))
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + b"\r\n")
        answer = tls.recv(4096)
    assert answer.startswith((b"HTTP/1.1 431 ", b"HTTP/1.1 400 ")), answer[:80]
    assert answer.startswith(b"HTTP/1.1 431 ") or shape == "one line"


@pytest.mark.parametrize(("trusted", "seen"), [("", "127.0.0.1"), ("127.0.0.1", "203.0.113.7")])
async def test_forwarded_for_is_believed_only_from_trusted_proxies(
    tmp_path: Path, trusted: str, seen: str
) -> None:
    # The client address keys the REST rate limit: a local process must not choose its own
    # by sending X-Forwarded-For, unless the operator named it a proxy.
    from fjord.serve import _uvicorn_server
    from fjord.settings import load_settings
    from keys.devtls import ensure_dev_certificates
    from tests.conftest import free_port

    certs = ensure_dev_certificates(tmp_path)
    settings = load_settings(https_port=free_port(), trusted_proxies=trusted,
                             data_dir=tmp_path)

    async def echo_client(scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["client"][0].encode()})

    server = _uvicorn_server(settings, echo_client,
                             SimpleNamespace(tls_cert=certs.cert, tls_key=certs.key))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        context = ssl.create_default_context(cafile=str(certs.ca_cert))
        async with httpx.AsyncClient(verify=context) as client:
            resp = await client.get(f"https://localhost:{settings.https_port}/",
                                    headers={"X-Forwarded-For": "203.0.113.7"})
        assert resp.text == seen
    finally:
        server.should_exit = True
        await task
