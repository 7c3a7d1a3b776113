"""Fixtures of the operations tests: a real redis-server on a free loopback port (one for the
session, or one of a test that stops and starts it again), and two signaling nodes' room
buses over the latter, in one process; for the configuration tests, an environment without
``FJORD_*`` variables and ``fjord config show`` run in process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from redis.asyncio import Redis

from cluster.room_bus import RedisRoomBus
from fjord.cli import main
from signaling.meeting_store import MeetingRecord
from signaling.rooms import RoomRegistry
from tests.conftest import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:<port>/0`` of a redis-server started for this session (no
    persistence, temp dir); skipped when redis-server is not installed."""
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    directory = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory),
         "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not _ping(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(5)


@pytest.fixture
async def redis(redis_url: str):  # noqa: ANN201
    """An asyncio client on a flushed database."""
    client = Redis.from_url(redis_url)
    await client.flushdb()
    yield client
    await client.aclose()


PASSWORD = "redis-secret-7f3a"


class RedisServer:
    """A redis-server of this test on a fixed loopback port, stopped and started again on
    the same port (no persistence: a restart loses every key and subscription)."""

    def __init__(self, directory: Path, password: str | None = None) -> None:
        if not Path(REDIS_SERVER).exists():
            pytest.skip("redis-server not installed (apt-get install redis-server)")
        self.directory = directory
        self.password = password
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.directory), "--save", "", "--appendonly", "no"]
        if self.password:
            args += ["--requirepass", self.password]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.02)

    def _answers(self) -> bool:
        if self.password is None:
            return _ping(self.port)
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                time.sleep(0.05)
                return b"+PONG" in sock.recv(64)
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis-data", password=PASSWORD)
    server.directory.mkdir()
    server.start()
    yield server
    server.stop()


BUS_TTL, BUS_INTERVAL = 1.0, 0.2
"""The room buses' node TTL and heartbeat interval, in seconds: short, so that a test sees a
node reaped (or not) within seconds."""
MeetingLookup = Callable[[str], Awaitable[MeetingRecord | None]]
RoomBuses = Callable[..., Awaitable[list[RedisRoomBus]]]
"""``room_buses``: ``await room_buses(meeting=None)``, the two nodes' buses, started."""


@pytest.fixture
async def room_buses(redis_server: RedisServer) -> AsyncIterator[RoomBuses]:
    """Makes the started room buses of nodes ``sig-a`` and ``sig-b`` over ``redis_server``,
    each with its own registry and client; ``meeting`` is how they read a meeting from the
    database (RedisRoomBus's ``meeting``; none by default). Closed after the test."""
    clients: list[Redis] = []
    made: list[RedisRoomBus] = []

    async def make(meeting: MeetingLookup | None = None) -> list[RedisRoomBus]:
        out = []
        for name in ("sig-a", "sig-b"):
            client = Redis.from_url(redis_server.url)
            clients.append(client)
            bus = RedisRoomBus(client, RoomRegistry(4, 200), name, ttl=BUS_TTL,
                               interval=BUS_INTERVAL, meeting=meeting)
            made.append(bus)
            await bus.start()
            out.append(bus)
        return out

    yield make
    for bus in made:
        await bus.close()
    for client in clients:
        await client.aclose()


@pytest.fixture
async def buses(room_buses: RoomBuses) -> list[RedisRoomBus]:
    """The room buses of nodes ``sig-a`` and ``sig-b`` (:func:`room_buses`), started."""
    return await room_buses()


# --- the configuration tests (tests/ops/test_config_*.py)
@pytest.fixture
def no_fjord_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("FJORD_"):
            monkeypatch.delenv(name)
    # A server role invoked here takes SIGHUP and SIGTERM (fjord.stop_signals): give them
    # back, so that this test process still ends on a SIGTERM.
    taken = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    yield
    for sig, handler in taken.items():
        signal.signal(sig, handler)


def write_toml(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fjord.toml"
    path.write_text(text)
    monkeypatch.setenv("FJORD_CONFIG_FILE", str(path))


def show(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["config", "show", *args])
    body = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, body, result.stderr


def one_problem(code: int, stderr: str) -> str:
    """The one line of a command stopped by invalid settings (exit status 2)."""
    assert code == 2, stderr
    assert stderr.count("\n") == 1, stderr
    return stderr.strip()
