"""A webhook receiver for tests: HTTPS on 127.0.0.1, records every request, can answer
500 for a while or be down (its port closed) and come back on the same port."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import free_port


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    status: int
    path: str = ""


class WebhookReceiver:
    def __init__(self, cert: Path, key: Path) -> None:
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}/hooks/fjord"
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(str(cert), str(key))
        self.requests: list[Received] = []
        self.fail_next = 0
        self.lock = threading.Lock()
        self.httpd: http.server.ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with receiver.lock:
                    status = 500 if receiver.fail_next > 0 else 204
                    receiver.fail_next = max(0, receiver.fail_next - 1)
                    receiver.requests.append(Received(dict(self.headers), body, status, self.path))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            allow_reuse_address = True
            daemon_threads = True

            def get_request(self) -> tuple[socket.socket, object]:
                sock, addr = super().get_request()
                return receiver.tls.wrap_socket(sock, server_side=True), addr

        self.httpd = Server(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def delivered(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.status == 204]

    def wait_for(self, count: int, timeout: float) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.delivered()
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"{len(self.delivered())} of {count} webhooks delivered")
