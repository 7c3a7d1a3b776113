"""The internet-facing HTTPS listener: it bounds what it buffers of a request head (a header
line longer than MAX_REQUEST_HEAD is refused with a JSON 431 at once and the server keeps
serving),
and believes X-Forwarded-For only from the operator's trusted proxies."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import websockets

from operability.request_ids import MAX_REQUEST_HEAD
from tests.conftest import FjordServer
from tests.signaling_client import ws_url


def test_oversized_request_head_is_refused_and_the_server_keeps_serving(
    fjord_server: FjordServer,
) -> None:
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        # an unfinished header: without a bound the server would buffer it forever
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + b"a" * (4 * MAX_REQUEST_HEAD))
        answer = read_answer(tls)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:80]
    assert answer.endswith(b'\r\n\r\n{"error": "request header fields too large"}'), answer
    status, body = fjord_server.request("GET", "/healthz")
    assert status == 200, body


def test_a_websocket_client_that_reads_no_pongs_is_cut(fjord_server: FjordServer) -> None:
    """uvicorn answers each WebSocket ping with a pong written past any backpressure: one
    connection (never joined) sending pings and reading nothing grew the server by 300 MiB
    in 15 s, without bound. A ping that finds more than MAX_UNREAD_BYTES unread aborts the
    connection (counted as ``unread_pongs``), long before 64 MiB of pings; the server keeps
    serving."""
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    room = fjord_server.create_meeting()["roomName"].lstrip("/")
    mask = b"\x01\x02\x03\x04"
    ping = bytes([0x89, 0x80 | 125]) + mask + bytes(b ^ mask[i % 4] for i, b in
                                                     enumerate(b"p" * 125))
    before = fjord_server.metrics().get("fjord_http_connections_refused_total", 0)
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        with fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            tls.sendall(f"GET /v1/rooms/{room}/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n".encode())
            assert tls.recv(4096).startswith(b"HTTP/1.1 101 ")
            with contextlib.suppress(OSError):
                while sent < 64 * 1024 * 1024:
                    tls.sendall(ping * 512)
                    sent += len(ping) * 512
    assert sent < 64 * 1024 * 1024, "the server kept answering pings nobody read"
    assert fjord_server.metrics()["fjord_http_connections_refused_total"] > before
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
        answer = read_answer(tls)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:80]
    assert b"content-type: application/json" in answer.lower()


def test_an_unparsable_request_gets_a_json_400(fjord_server: FjordServer) -> None:
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n")
        answer = read_answer(tls)
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:80]
    assert answer.endswith(b'\r\n\r\n{"error": "invalid HTTP request"}'), answer


UPGRADE = ("Upgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")


@pytest.mark.parametrize(("head", "status", "error"), [
    (f"GET /v1/rooms/{'a' * 9000}/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{UPGRADE}", 414,
     "request target too long"),
    (f"GET /v1/rooms/room/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {'b' * 9000}\r\n{UPGRADE}",
     431, "request header fields too large"),
    ("GET /v1/rooms/room/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
     + "".join(f"X-H{i}: b\r\n" for i in range(130)) + UPGRADE, 431,
     "request header fields too large"),
    (f"POST /v1/rooms/room/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{UPGRADE}", 400,
     "invalid WebSocket request"),
    (f"GET https://127.0.0.1/v1/nowhere/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{UPGRADE}", 404,
     "no WebSocket at this path (signaling: /v1/rooms/{roomName}/ws)"),
    ("GET /v1/rooms/room/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
     "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n", 400,
     "invalid WebSocket request: missing Sec-WebSocket-Key header"),
    (f"GET /v1/rooms/room/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{UPGRADE.replace(': 13', ': 8')}",
     426, "invalid WebSocket request: Sec-WebSocket-Version 8 (this server speaks 13, RFC 6455)"),
], ids=["long target", "long header", "many headers", "not GET", "absolute-form target",
        "no key", "old version"])
def test_a_websocket_request_refused_before_the_app_gets_a_json_error(
        fjord_server: FjordServer, head: str, status: int, error: str) -> None:
    """Tester finding: a WebSocket request with a 9,000-character path got uvicorn's plain
    text 400 ("Failed to open a WebSocket connection: invalid request."): the websockets
    parser reads lines of at most 8 KiB, where h11 took up to MAX_REQUEST_HEAD; one with an
    absolute-form target (``GET https://host/path``) got Starlette's bare 403, as no route
    matched. Both now get the API's ``{"error": ...}``."""
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(f"{head}\r\n".encode())
        answer = read_answer(tls)
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]
    assert b"content-type: application/json" in answer.lower(), answer[:400]
    assert json.loads(answer.partition(b"\r\n\r\n")[2]) == {"error": error}
    if status == 426:  # RFC 6455 section 4.4: the versions the server speaks
        assert b"\r\nsec-websocket-version: 13\r\n" in answer.lower(), answer[:400]
    status, body = fjord_server.request("GET", "/healthz")
    assert status == 200, body


def _exchange(server: FjordServer, head: str) -> tuple[int, dict[str, str], bytes]:
    """Send one request ``head`` (no body) over TLS; the status, headers and body."""
    port = int(server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(f"{head}\r\n".encode())
        answer = read_answer(tls)
    head_part, _, body = answer.partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("scheme", ["https", "http", "HTTPS"])
def test_an_absolute_form_target_is_served_as_its_path(fjord_server: FjordServer,
                                                       scheme: str) -> None:
    """Tester finding: ``GET https://host/v1/meetings HTTP/1.1`` was a JSON 404, where RFC
    9112 section 3.2.2 says a server MUST accept the absolute-form: uvicorn gave the whole
    URL to the app as its path. It now reaches the same endpoint as ``/v1/meetings`` (here
    refusing the missing API key), the query kept; a room page too."""
    status, _, body = _exchange(fjord_server, f"GET {scheme}://127.0.0.1/healthz?x=1 "
                                "HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, headers, body = _exchange(fjord_server, f"GET {scheme}://127.0.0.1/v1/meetings "
                                      "HTTP/1.1\r\nHost: elsewhere.example\r\n")
    assert status == 401 and "x-ratelimit-limit" in headers, body
    status, headers, _ = _exchange(fjord_server, f"GET {scheme}://127.0.0.1:1/no-such-room "
                                   "HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n")
    assert status == 404 and headers["content-type"].startswith("text/html")


def test_head_over_the_wire_has_the_length_of_get_and_no_body(
        fjord_server: FjordServer) -> None:
    """uvicorn keeps a HEAD's Content-Length and sends no body: the next response on the
    same connection starts right after the head."""
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"HEAD /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while answer.count(b"\r\n\r\n") < 2 and (chunk := tls.recv(4096)):
            answer += chunk
    head, _, rest = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401 "), head
    assert b"\r\ncontent-length: 34\r\n" in head.lower()  # {"error":"missing bearer API key"}
    assert rest.startswith(b"HTTP/1.1 200 "), rest[:80]


def test_a_websocket_to_an_absolute_form_target_opens(fjord_server: FjordServer) -> None:
    port = int(fjord_server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            fjord_server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(f"GET https://127.0.0.1/v1/rooms/some-room/ws HTTP/1.1\r\n"
                    f"Host: 127.0.0.1\r\n{UPGRADE}\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := tls.recv(4096)):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 101 "), answer[:200]


@pytest.mark.parametrize("target", ["https://user@127.0.0.1/healthz", "https:///healthz"])
def test_an_absolute_form_target_without_a_plain_host_is_400(fjord_server: FjordServer,
                                                             target: str) -> None:
    """User information in the target (RFC 9110 section 4.2.4 forbids it) or no host."""
    status, _, body = _exchange(fjord_server, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert status == 400 and json.loads(body)["error"].startswith("request target: "), body


def read_answer(tls: ssl.SSLSocket) -> bytes:
    """One response: its head and the Content-Length bytes of body after it."""
    answer = b""
    while b"\r\n\r\n" not in answer and (chunk := tls.recv(4096)):
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.lower().split(b"\r\n")
                      if line.startswith(b"content-length:")))
    while len(body) < length and (chunk := tls.recv(4096)):
        body += chunk
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize(("trusted", "seen"), [("", "127.0.0.1"), ("127.0.0.1", "203.0.113.7")])
async def test_forwarded_for_is_believed_only_from_trusted_proxies(
    tmp_path: Path, trusted: str, seen: str
) -> None:
    # The client address keys the REST rate limit: a local process must not choose its own
    # by sending X-Forwarded-For, unless the operator named it a proxy.
    from fjord.serve import _uvicorn_server
    from fjord.settings_loading import load_settings
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


async def _tls_connect(server: FjordServer, source_ip: str) -> tuple[asyncio.StreamReader,
                                                                     asyncio.StreamWriter]:
    return await asyncio.open_connection(
        "127.0.0.1", server.ports["FJORD_HTTPS_PORT"], ssl=server.ssl_context(),
        server_hostname="127.0.0.1", local_addr=(source_ip, 0))


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server closed (or reset) the connection within ``within`` seconds."""
    try:
        return await asyncio.wait_for(reader.read(1024), within) == b""
    except TimeoutError:
        return False
    except (ConnectionError, ssl.SSLError):
        return True


async def _get_healthz(server: FjordServer, source_ip: str) -> bytes:
    reader, writer = await _tls_connect(server, source_ip)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    answer = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    return answer


def _open_fds(server: FjordServer) -> int:
    return len(list(Path(f"/proc/{server.process.pid}/fd").iterdir()))


async def test_slowloris_heads_are_closed_and_one_address_is_capped(tmp_path: Path) -> None:
    """Slow request heads (one byte every 0.5 s) are closed after the head timeout (2 s here);
    connections from one address above its cap (20 here) are refused at once; another
    address is served meanwhile; the server's file descriptors come back down."""
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_HTTP_REQUEST_HEAD_TIMEOUT="2",
                         FJORD_HTTP_MAX_CONNECTIONS_PER_IP="20")
    try:
        baseline = _open_fds(server)
        # One more than the cap is refused at TCP accept: its TLS handshake fails.
        attackers = []
        for _ in range(30):
            with contextlib.suppress(ConnectionError, ssl.SSLError):
                attackers.append(await _tls_connect(server, "127.0.0.1"))
        started = asyncio.get_running_loop().time()
        refused = await asyncio.gather(*(_closed_by_server(r, 1.0) for r, _ in attackers))
        assert len(attackers) - sum(refused) == 20, \
            f"{len(attackers) - sum(refused)} of 30 held with a cap of 20"
        held = [(r, w) for (r, w), gone in zip(attackers, refused, strict=True) if not gone]

        async def drip(writer: asyncio.StreamWriter) -> None:
            for byte in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n":
                writer.write(bytes([byte]))
                await asyncio.sleep(0.5)

        drips = [asyncio.create_task(drip(w)) for _, w in held]
        # Another client is served while the slow heads are open.
        assert (await _get_healthz(server, "127.0.0.2")).startswith(b"HTTP/1.1 200")
        closed = await asyncio.gather(*(_closed_by_server(r, 8.0) for r, _ in held))
        took = asyncio.get_running_loop().time() - started
        assert all(closed), f"{closed.count(False)} slow heads still open after {took:.1f} s"
        assert took < 8.0
        for task in drips:
            task.cancel()
        for _, writer in attackers:
            writer.close()
        # The address's slots are free again, WebSockets' too, and the descriptors are
        # given back.
        assert (await _get_healthz(server, "127.0.0.1")).startswith(b"HTTP/1.1 200")
        meeting = server.create_meeting()
        for _ in range(2):  # a slot kept after a WebSocket ends would refuse the second round
            sockets = [await websockets.connect(ws_url(server, meeting["roomUrl"]),
                                                ssl=server.ssl_context()) for _ in range(20)]
            for ws in sockets:
                await ws.close()
        deadline = asyncio.get_running_loop().time() + 10
        while _open_fds(server) > baseline + 3 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.2)
        assert _open_fds(server) <= baseline + 3
    finally:
        stop_fjord(server)


async def test_unfinished_tls_handshakes_are_capped_and_cut(tmp_path: Path) -> None:
    """Connections that never finish their TLS handshake (no ClientHello at all, or half a
    record) count toward the address's cap from TCP accept (the cap's extra ones are
    refused at once) and are aborted at the head timeout (4 s here), not after asyncio's
    60 s; another address is served meanwhile, and both refusals are counted."""
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_HTTP_REQUEST_HEAD_TIMEOUT="4",
                         FJORD_HTTP_MAX_CONNECTIONS_PER_IP="5")
    loop = asyncio.get_running_loop()
    try:
        port = server.ports["FJORD_HTTPS_PORT"]
        baseline = _open_fds(server)
        started = loop.time()
        attackers = []
        for index in range(10):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if index % 2:
                writer.write(b"\x16\x03\x01")  # the start of a handshake record, no more
            attackers.append((reader, writer))
        refused = await asyncio.gather(*(_closed_by_server(r, 2.0) for r, _ in attackers))
        assert sum(refused) == 5, f"{sum(refused)} of 10 refused with a cap of 5"
        held = [r for (r, _), gone in zip(attackers, refused, strict=True) if not gone]
        assert (await _get_healthz(server, "127.0.0.2")).startswith(b"HTTP/1.1 200")
        closed = await asyncio.gather(*(_closed_by_server(r, 20.0) for r in held))
        took = loop.time() - started
        assert all(closed), f"{closed.count(False)} handshakes still open after {took:.1f} s"
        assert took < 20.0
        for _, writer in attackers:
            writer.close()
        # The address's slots are free again.
        assert (await _get_healthz(server, "127.0.0.1")).startswith(b"HTTP/1.1 200")
        refusals = server.labeled_metrics()
        name = "fjord_http_connections_refused_total"
        assert refusals[f'{name}{{reason="handshake_timeout"}}'] == 5
        assert refusals[f'{name}{{reason="per_address_cap"}}'] == 5
        deadline = loop.time() + 10
        while _open_fds(server) > baseline + 3 and loop.time() < deadline:
            await asyncio.sleep(0.2)
        assert _open_fds(server) <= baseline + 3
    finally:
        stop_fjord(server)


async def test_a_stalled_request_body_is_cut_and_a_slow_one_is_served(tmp_path: Path) -> None:
    """A body that stops before its Content-Length (6 of 100 bytes) held its connection
    for ever; it is now aborted once nothing came for the head timeout (2 s here), and
    counted. A body that keeps coming, slower than that in all (a byte every 0.5 s), is
    answered."""
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_HTTP_REQUEST_HEAD_TIMEOUT="2")
    try:
        head = (b"POST /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n")
        reader, writer = await _tls_connect(server, "127.0.0.1")
        writer.write(head % 100 + b'{"end')
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await _closed_by_server(reader, 20.0)
        assert 1.5 < loop.time() - started < 20.0
        writer.close()

        body = b'{"endDate": "2030-01-01T00:00:00Z"}'
        reader, writer = await _tls_connect(server, "127.0.0.2")
        writer.write(head % len(body))
        for byte in body[:8]:
            writer.write(bytes([byte]))
            await asyncio.sleep(0.5)  # 4 s of body in all, no gap of 2 s
        writer.write(body[8:])
        answer = await asyncio.wait_for(reader.read(200), 10)
        assert answer.startswith(b"HTTP/1.1 401"), answer  # answered (no API key given)
        writer.close()
        refusals = server.labeled_metrics()
        assert refusals['fjord_http_connections_refused_total{reason="body_timeout"}'] == 1
    finally:
        stop_fjord(server)


async def test_a_websocket_outlives_the_head_and_body_timeouts(tmp_path: Path) -> None:
    """The listener's timers belong to HTTP requests: a signaling WebSocket stays open and
    answers past them (2 s here; its upgrade request leaves h11 in SEND_BODY)."""
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_HTTP_REQUEST_HEAD_TIMEOUT="2")
    try:
        meeting = server.create_meeting()
        async with websockets.connect(ws_url(server, meeting["roomUrl"]),
                                      ssl=server.ssl_context()) as ws:
            for _ in range(6):  # 6 s, three times the timeouts
                await asyncio.wait_for(await ws.ping(), 5)
                await asyncio.sleep(1)
        refusals = server.labeled_metrics()
        assert not any("body_timeout" in k or "head_timeout" in k for k in refusals), refusals
    finally:
        stop_fjord(server)


class _Peer:
    """A transport as ConnectionGuard sees it: only its peer address."""

    def __init__(self, host: str) -> None:
        self.host = host

    def get_extra_info(self, name: str) -> object:
        return (self.host, 40000) if name == "peername" else None


def test_guard_counts_ipv6_per_64_exempts_proxies_and_forgets_closed_addresses() -> None:
    from operability.connection_guard import ConnectionGuard

    guard = ConnectionGuard(10.0, 2, exempt=["10.0.0.0/8"])
    a, b = _Peer("2001:db8:1:2::1"), _Peer("2001:db8:1:2:ffff::9")  # one /64
    c = _Peer("2001:db8:1:3::1")  # the next /64
    assert guard.admit(a) and guard.admit(b)
    assert not guard.admit(_Peer("2001:db8:1:2::77"))
    assert guard.admit(c)
    assert all(guard.admit(_Peer("10.1.2.3")) for _ in range(5))  # a trusted proxy
    assert guard.admit(_Peer("::ffff:192.0.2.1")) and guard.admit(_Peer("192.0.2.1"))
    assert not guard.admit(_Peer("192.0.2.1"))  # IPv4-mapped counts as the IPv4 address
    for transport in (a, a, b, c):  # released twice: counted once
        guard.release(transport)
    assert guard.addresses == 1  # only 192.0.2.1 is still held
