"""Shared fixtures: a real ``fjord serve`` process on free loopback ports.

Every test runs inside a loopback-only network namespace (``make test``); nothing here sends
traffic anywhere but 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import random
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.suite_audit import remember, remember_server_log

ROOT = Path(__file__).resolve().parent.parent


def _port_range() -> range:
    """This process's ports: 5,000 of its own per pytest-xdist worker (``make test`` runs
    three), so two workers never pick the same port between probing and binding it; all below
    the kernel's ephemeral range (32768 up), so no outgoing connection holds one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) + 1 if worker.startswith("gw") and worker[2:].isdigit() else 0
    base = 10_000 + 5_000 * min(index, 4)
    return range(base, min(base + 5_000, 32_768))


_handed_out: list[int] = []
"This process's range, shuffled; :func:`free_port` takes from the end."


def free_port(udp_too: bool = False) -> int:
    """A port free on 127.0.0.1 for TCP (and UDP when ``udp_too``), from this process's
    range, none handed out again before the whole range was: a fixture asks for several
    ports before its server binds any, and a random pick gave two settings of one server
    the same port now and then (it then failed to start)."""
    for _ in range(200):
        if not _handed_out:
            _handed_out.extend(random.sample(_port_range(), len(_port_range())))
        port = _handed_out.pop()
        with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                tcp.bind(("127.0.0.1", port))
                if udp_too:
                    udp.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {_port_range()}")


def free_port_pair() -> int:
    """A TCP port p on 127.0.0.1 with p + 1 free too (for a role whose processes serve
    metrics on consecutive ports)."""
    for _ in range(50):
        port = free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two consecutive free ports")


async def wait_until(check: Callable[[], bool | Awaitable[bool]], timeout: float,
                     interval: float = 0.05) -> bool:
    """Poll ``check`` (a predicate, or a coroutine function) every ``interval`` seconds until
    it holds or ``timeout`` seconds pass; True when it held. Tests assert on the result
    rather than sleeping a fixed time: a loaded 2-core machine makes fixed sleeps flaky."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(interval)


def parse_labeled_metrics(text: str) -> dict[str, float]:
    """Prometheus text format -> {sample name with its labels: value}."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name_labels, _, value = line.rpartition(" ")
            out[name_labels] = float(value)
    return out


def parse_metrics(text: str) -> dict[str, float]:
    """Prometheus text format -> {sample name: value summed over labels}."""
    out: dict[str, float] = {}
    for name_labels, value in parse_labeled_metrics(text).items():
        name = name_labels.split("{", 1)[0]
        out[name] = out.get(name, 0.0) + value
    return out


@dataclass
class FjordServer:
    """A running ``fjord serve`` (see the ``fjord_server`` fixture)."""

    base_url: str
    api_key: str
    data_dir: Path
    ca_cert: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path
    ports: dict[str, int] = field(default_factory=dict)

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_cert))

    def request(
        self, method: str, path: str, body: Any = None, api_key: str | None = None,
        retry_rate_limited: bool = True,
    ) -> tuple[int, Any]:
        """One REST call; on 429 waits ``Retry-After`` and retries (as a real client would)."""
        if isinstance(body, dict):
            remember(body.get("email"))
            remember(body.get("displayName"))
        data = json.dumps(body).encode() if body is not None else None
        for _ in range(5):
            req = urllib.request.Request(self.base_url + path, data=data, method=method)
            req.add_header("Authorization", f"Bearer {api_key or self.api_key}")
            if data is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, context=self.ssl_context(), timeout=10) as resp:
                    raw = resp.read()
                    return resp.status, (json.loads(raw) if raw else None)
            except urllib.error.HTTPError as exc:
                raw = exc.read()
                if exc.code != 429 or not retry_rate_limited:
                    return exc.code, (json.loads(raw) if raw else None)
                time.sleep(float(exc.headers.get("Retry-After", "1")))
        return 429, json.loads(raw)

    def create_meeting(self, room_mode: str = "normal", api_key: str | None = None,
                       **fields: Any) -> dict[str, Any]:
        """A meeting ending in an hour, of the organization of ``api_key`` (default: the
        server's own), with ``fields`` added to the body; asserts the 201."""
        body = {
            "endDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600)),
            "roomMode": room_mode,
            "fields": ["hostRoomUrl"] + (["viewerRoomUrl"] if room_mode == "group" else []),
        }
        body.update(fields)
        status, meeting = self.request("POST", "/v1/meetings", body, api_key=api_key)
        assert status == 201, meeting
        return meeting

    def metrics_text(self) -> str:
        with urllib.request.urlopen(
            self.base_url + "/metrics", context=self.ssl_context(), timeout=10
        ) as resp:
            return resp.read().decode()

    def metrics(self) -> dict[str, float]:
        """``/metrics``: {sample name: value summed over labels}."""
        return parse_metrics(self.metrics_text())

    def labeled_metrics(self) -> dict[str, float]:
        """``/metrics``: {sample name with its labels: value}."""
        return parse_labeled_metrics(self.metrics_text())

    def wait_metric_above(self, name: str, floor: float, timeout: float = 15.0) -> float:
        """Poll ``/metrics`` until ``name`` (summed) exceeds ``floor``; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.metrics().get(name, 0.0)
            if value > floor or time.monotonic() > deadline:
                return value
            time.sleep(0.25)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


def fjord_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FJORD_")}
    https_port = free_port()
    env.update(
        FJORD_DATA_DIR=str(data_dir),
        FJORD_HTTPS_PORT=str(https_port),
        FJORD_PUBLIC_URL=f"https://127.0.0.1:{https_port}",
        FJORD_TURN_UDP_PORT=str(port := free_port(udp_too=True)),
        FJORD_TURN_TCP_PORT=str(port),
        FJORD_TURN_TLS_PORT=str(free_port()),
        FJORD_SFU_PORT=str(free_port(udp_too=True)),
        # Browsers in the loopback-only namespace get 127.0.0.1 relay addresses: allow them.
        FJORD_TURN_ALLOWED_PEER_IPS="127.0.0.1",
        # Every test client joins from 127.0.0.1, many per second across a session's tests.
        FJORD_WS_JOINS_PER_SECOND="1000",
    )
    env.update(extra)
    return env


def start_role(
    args: list[str], env: dict[str, str], log_path: Path, ready: str,
    new_session: bool = False, timeout: float = 60.0, launcher: tuple[str, ...] = (),
) -> subprocess.Popen[bytes]:
    """``python -m fjord <args>``, returned once it printed a line starting with ``ready``.

    stderr goes to ``log_path``; ``new_session`` puts it in its own process group (so a test
    can kill it with its worker children); ``launcher`` is prepended to the command (it
    execs the rest).

    Raises:
        RuntimeError: it exited or printed nothing useful within ``timeout`` seconds; the
            message carries its output and the end of its log.
    """
    remember_server_log(log_path)
    log = open(log_path, "wb")  # noqa: SIM115 - kept open for the process's lifetime
    process = subprocess.Popen(
        [*launcher, sys.executable, "-m", "fjord", *args], env=env, stdout=subprocess.PIPE,
        stderr=log,
        cwd=ROOT, start_new_session=new_session,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline().decode()
        if not line:
            break
        lines.append(line)
        if line.startswith(ready):
            return process
    process.kill()
    raise RuntimeError(
        f"fjord {' '.join(args)} did not start:\n" + "".join(lines)
        + log_path.read_text(errors="replace")[-3000:]
    )


def create_api_key(env: dict[str, str], org: str = "tests") -> str:
    """``fjord api-key create --org <org>`` with ``env``; returns the key."""
    created = subprocess.run(
        [sys.executable, "-m", "fjord", "api-key", "create", "--org", org],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return created.stdout.strip().splitlines()[-1]


def start_server(role: str, env: dict[str, str], log_path: Path, api_key: str,
                 new_session: bool = False) -> FjordServer:
    """Start ``fjord <role>`` (``serve`` or ``signaling``) with ``env`` and wait until it
    says it is running; a :class:`FjordServer` on its HTTPS port."""
    process = start_role([role], env, log_path, "Fjord is running at", new_session=new_session)
    data_dir = Path(env["FJORD_DATA_DIR"])
    return FjordServer(
        base_url=f"https://127.0.0.1:{env['FJORD_HTTPS_PORT']}",
        api_key=api_key,
        data_dir=data_dir,
        ca_cert=data_dir / "certs" / "dev-ca.pem",
        env=env,
        process=process,
        log_path=log_path,
        ports={k: int(v) for k, v in env.items() if k.endswith("_PORT")},
    )


def start_fjord(data_dir: Path, log_path: Path, **extra: str) -> FjordServer:
    """Start ``fjord serve`` and wait until it says it is running (60 s at most)."""
    env = fjord_env(data_dir, **extra)
    return start_server("serve", env, log_path, create_api_key(env))


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM ``process`` and reap it; SIGKILL after 10 s."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop_fjord(server: FjordServer) -> None:
    stop_process(server.process)


@pytest.fixture(scope="session")
def fjord_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """One ``fjord serve`` for the whole session, on free loopback ports."""
    base = tmp_path_factory.mktemp("fjord")
    server = start_fjord(base / "data", base / "fjord.log")
    yield server
    stop_fjord(server)


@pytest.fixture(scope="session")
def relay_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """``fjord serve --relay-only``: P2P media of normal rooms must go through TURN."""
    base = tmp_path_factory.mktemp("fjord-relay-only")
    server = start_fjord(base / "data", base / "fjord.log", FJORD_RELAY_ONLY="true")
    yield server
    stop_fjord(server)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """Playwright's sync driver, one per session: a second one cannot start while the first
    runs its event loop in this thread. Browser tests launch Chromium from it."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    driver = sync_api.sync_playwright().start()
    yield driver
    driver.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last: Playwright's sync API keeps an event loop running in the
    main thread for the rest of the session, which pytest-asyncio tests cannot share. The
    suite audit (a sync test) runs after everything, since it reads what they left."""
    items.sort(key=lambda item: (item.get_closest_marker("suite_audit") is not None,
                                 item.get_closest_marker("browser") is not None))
