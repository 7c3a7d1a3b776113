"""Without the native core the TURN server runs on the Python relay and says so once."""

from __future__ import annotations

import asyncio
import logging
import runpy
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from aioice.turn import create_turn_endpoint
from setuptools import Distribution
from setuptools.command.build_ext import build_ext

from turn.config import TurnConfig
from turn.native_server import NativeTurnServer, make_turn_server
from turn.server import TurnServer

ROOT = Path(__file__).resolve().parents[2]


class Collector(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.received: asyncio.Queue[bytes] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait(data)


async def test_unavailable_core_logs_one_line_and_relays_in_python(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    make_config: Callable[..., TurnConfig],
    credentials: tuple[str, str],
    echo_peer: tuple[str, int],
) -> None:
    monkeypatch.setitem(sys.modules, "turn._relaycore", None)  # import raises ImportError
    with caplog.at_level(logging.INFO, logger="turn"):
        server = make_turn_server(make_config(), "auto")
        await server.start()
    try:
        assert type(server) is TurnServer
        lines = [r.getMessage() for r in caplog.records if "native relay core" in r.getMessage()]
        assert len(lines) == 1 and "using the Python relay" in lines[0], lines
        assert server.udp_address is not None
        transport, protocol = await create_turn_endpoint(
            Collector, server_addr=server.udp_address, username=credentials[0],
            password=credentials[1], transport="udp",
        )  # fmt: skip
        try:
            for index in range(3):
                transport.sendto(b"python path %d" % index, echo_peer)
                assert await asyncio.wait_for(protocol.received.get(), 5) == (
                    b"python path %d" % index
                )
        finally:
            transport.close()
        assert server.counters.to_client_packets == 3
    finally:
        await server.close()


def test_native_off_uses_python_even_when_built(make_config: Callable[..., TurnConfig]) -> None:
    assert not isinstance(make_turn_server(make_config(), "off"), NativeTurnServer)


def test_build_without_a_compiler_still_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """setup.py's extension is optional: a failed compile is a warning, not an error."""
    extension = runpy.run_path(str(ROOT / "setup.py"), run_name="setup_definitions")["RELAY_CORE"]
    monkeypatch.setenv("CC", "false")
    monkeypatch.setenv("LDSHARED", "false")
    monkeypatch.chdir(ROOT)
    command = build_ext(Distribution({"ext_modules": [extension]}))
    command.build_lib = str(tmp_path / "lib")
    command.build_temp = str(tmp_path / "tmp")
    command.ensure_finalized()
    command.run()
    assert not list(tmp_path.rglob("_relaycore*.so"))
