"""``fjord turn --workers 2``: two relay processes share the TURN ports and both relay, and
a relay-only host given its TURN secret holds no key it does not use."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from aioice.turn import create_turn_endpoint

from tests.conftest import ROOT, fjord_env, free_port_pair
from turn.credentials import rest_credentials

SECRET = "workers-test-secret"
CLIENTS = 16


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.transport.sendto(data, addr)  # type: ignore[attr-defined]


class Collector(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.received: asyncio.Queue[bytes] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait(data)



def allocations(metrics_port: int) -> float:
    url = f"http://127.0.0.1:{metrics_port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as resp:
        for line in resp.read().decode().splitlines():
            if line.startswith("fjord_turn_allocations "):
                return float(line.split()[1])
    raise AssertionError("no fjord_turn_allocations")


async def test_two_workers_share_the_port_and_both_relay(tmp_path: Path) -> None:
    metrics_port = free_port_pair()
    env = fjord_env(tmp_path / "data", FJORD_METRICS_PORT=str(metrics_port),
                    FJORD_TURN_SECRET=SECRET)  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "fjord", "turn", "--workers", "2"], env=env, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    loop = asyncio.get_running_loop()
    endpoints = []
    try:
        assert process.stdout is not None
        for _ in range(2):  # one line per worker once it listens
            line = await asyncio.wait_for(loop.run_in_executor(None, process.stdout.readline), 60)
            assert line.startswith(b"Fjord TURN relay listening"), line
        echo, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
        peer = echo.get_extra_info("sockname")
        server = ("127.0.0.1", int(env["FJORD_TURN_UDP_PORT"]))
        for index in range(CLIENTS):
            # one user each: a worker holding most clients must not hit the per-user quota
            username, password = rest_credentials(SECRET.encode(), f"user{index}", 600)
            transport, protocol = await create_turn_endpoint(
                Collector, server_addr=server, username=username, password=password,
            )  # fmt: skip
            endpoints.append(transport)
            payload = b"worker test %d" % index
            transport.sendto(payload, peer)
            assert await asyncio.wait_for(protocol.received.get(), 5) == payload
        counts = [allocations(metrics_port), allocations(metrics_port + 1)]
        assert sum(counts) == CLIENTS and all(counts), counts
        echo.close()
        # the development certificate for TURN over TLS, and no KEK, keyring, signing key
        # or TURN secret file: the relay uses none of them
        made = {p.relative_to(tmp_path / "data").parts[0] for p in (tmp_path / "data").iterdir()}
        assert made == {"certs"}, made
    finally:
        for transport in endpoints:
            transport.close()
        process.terminate()
        process.wait(20)


def test_a_taken_port_stops_the_workers_with_one_line_each(tmp_path: Path) -> None:
    """A port already taken (here by a plain UDP socket) ends `fjord turn --workers 2` with
    one line per worker and the supervisor's, like `fjord turn` alone: no traceback."""
    env = fjord_env(tmp_path / "data", FJORD_TURN_SECRET=SECRET)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", int(env["FJORD_TURN_UDP_PORT"])))
        done = subprocess.run(
            [sys.executable, "-m", "fjord", "turn", "--workers", "2"], env=env, cwd=ROOT,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "cannot start" in done.stderr and "Address already in use" in done.stderr, done.stderr
