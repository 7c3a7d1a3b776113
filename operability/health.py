"""A small metrics and health HTTP/1.1 server for the roles without the signaling app
(``fjord sfu``, ``fjord turn``): ``GET /metrics`` (Prometheus text), ``GET /healthz``
(the process runs) and ``GET /readyz`` (the role takes work, else 503 and why).

Plain asyncio streams, no framework. Limits: request head 8 KiB, 5 s to send it, 64
concurrent connections, one request per connection; anything else gets 400/404/405/503.
Bind it to a private address: it has no authentication.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.registry import CollectorRegistry

MAX_HEAD_BYTES = 8192
HEAD_TIMEOUT_S = 5.0
MAX_CONNECTIONS = 64
ALWAYS = ("fjord_event_loop_", "process_", "python_")
"Families every role exports besides its own."


class _Only:
    """A collector yielding the families of ``source`` whose names ``keep`` accepts."""

    def __init__(self, source: CollectorRegistry, keep: Callable[[str], bool]) -> None:
        self.source = source
        self.keep = keep

    def collect(self):  # noqa: ANN201 - prometheus_client's collector protocol
        for family in self.source.collect():
            if self.keep(family.name):
                yield family


def role_registry(*prefixes: str, source: CollectorRegistry = REGISTRY,
                  exclude: tuple[str, ...] = ()) -> CollectorRegistry:
    """A view of ``source`` with only the metric families named ``<prefix>...`` (and
    :data:`ALWAYS`), less those named ``<exclude>...``: every module's metrics live in the
    one process-wide registry, and a TURN node should not export zeros for the SFU's."""
    keep = prefixes + ALWAYS
    return filtered_registry(
        lambda name: name.startswith(keep) and not name.startswith(exclude), source)


def filtered_registry(keep: Callable[[str], bool],
                      source: CollectorRegistry = REGISTRY) -> CollectorRegistry:
    """A view of ``source`` with only the metric families whose names ``keep`` accepts
    (counters named without their ``_total``)."""
    view = CollectorRegistry(auto_describe=False)
    view.register(_Only(source, keep))
    return view


class HealthServer:
    """Serves ``/metrics``, ``/healthz``, ``/readyz`` on ``(host, port)`` (port 0: any).

    :param not_ready: called per ``/readyz``: why the role takes no work now (``"draining"``,
        ``"redis unreachable"``), answered 503 with ``{"status": "not ready", "reason": ...}``
        as signaling's ``/readyz`` does; None when it is ready (200).
    :param details: optional extra JSON fields for ``/healthz`` and ``/readyz``.
    """

    def __init__(self, host: str, port: int,
                 not_ready: Callable[[], str | None] = lambda: None,
                 details: Callable[[], dict[str, object]] | None = None,
                 registry: CollectorRegistry = REGISTRY) -> None:
        self.host = host
        self.port = port
        self.not_ready = not_ready
        self.details = details or dict
        self.registry = registry
        self.address: tuple[str, int] | None = None
        self._server: asyncio.Server | None = None
        self._slots = asyncio.Semaphore(MAX_CONNECTIONS)

    async def start(self) -> None:
        """Bind and listen; :attr:`address` is the bound ``(host, port)``.

        :raises OSError: the port is taken.
        """
        self._server = await asyncio.start_server(self._serve, self.host, self.port,
                                                  limit=MAX_HEAD_BYTES)
        self.address = self._server.sockets[0].getsockname()[:2]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    def respond(self, method: str, path: str) -> tuple[int, str, bytes]:
        """``(status, content type, body)`` for one request line (pure apart from probes)."""
        path = path.split("?", 1)[0]
        if path not in ("/metrics", "/healthz", "/readyz"):
            return 404, "application/json", b'{"error": "not found"}'
        if method != "GET":
            return 405, "application/json", b'{"error": "method not allowed"}'
        if path == "/metrics":
            return 200, CONTENT_TYPE_LATEST, generate_latest(self.registry)
        if path == "/healthz":
            body = {"status": "ok", **self.details()}
            return 200, "application/json", json.dumps(body).encode()
        reason = self.not_ready()
        body = ({"status": "ready"} if reason is None
                else {"status": "not ready", "reason": reason}) | self.details()
        return (200 if reason is None else 503), "application/json", json.dumps(body).encode()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._slots.locked():
            writer.close()
            return
        async with self._slots:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT_S)
                parts = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
                    status, ctype, body = 400, "application/json", b'{"error": "bad request"}'
                else:
                    status, ctype, body = self.respond(parts[0], parts[1])
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                    ConnectionError, ValueError):
                writer.close()
                return
            reason = {200: "OK", 400: "Bad Request", 404: "Not Found",
                      405: "Method Not Allowed", 503: "Service Unavailable"}[status]
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body
            )
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            writer.close()
