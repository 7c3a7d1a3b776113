"""The internet-facing HTTPS listener bounds what it buffers of a request head: a header
line longer than MAX_REQUEST_HEAD is refused with 400 at once (before it ends) and the
server keeps serving."""

from __future__ import annotations

import socket

from fjord.serve import MAX_REQUEST_HEAD
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
