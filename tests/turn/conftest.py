"""Fixtures: a TURN server on loopback with ephemeral ports, credentials, dev TLS files."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from keys.devtls import DevCertificates, ensure_dev_certificates
from turn.config import TurnConfig
from turn.credentials import rest_credentials
from turn.native_server import load_core, make_turn_server
from turn.server import TurnServer

SECRET = b"test-secret-current"
PREVIOUS_SECRET = b"test-secret-previous"


@pytest.fixture(scope="session")
def dev_certs(tmp_path_factory: pytest.TempPathFactory) -> DevCertificates:
    return ensure_dev_certificates(Path(tmp_path_factory.mktemp("tls")))


@pytest.fixture
def make_config(dev_certs: DevCertificates) -> Callable[..., TurnConfig]:
    def make(**overrides: Any) -> TurnConfig:
        values: dict[str, Any] = dict(
            listen_ip="127.0.0.1",
            relay_ip="127.0.0.1",
            udp_port=0,
            tcp_port=0,
            tls_port=0,
            tls_cert=dev_certs.cert,
            tls_key=dev_certs.key,
            secrets=[SECRET, PREVIOUS_SECRET],
            allowed_peer_ips=["127.0.0.1/32"],
            # below the kernel's ephemeral ports (32768-60999): a peer still sending to a
            # closed relay port cannot reach another test's client socket that took it
            relay_port_min=20000,
            relay_port_max=28000,
            sweep_interval=0.2,
        )
        values.update(overrides)
        return TurnConfig(**values)

    return make


@pytest.fixture(params=["python", "native"])
def relay_path(request: pytest.FixtureRequest) -> str:
    """Which relay serves UDP: "python" (turn/relay.py) or "native" (turn/_relaycore.c);
    every test of a server here runs on both (native is skipped when it was not built)."""
    return request.param


@pytest.fixture
async def start_server(
    make_config: Callable[..., TurnConfig], relay_path: str
) -> AsyncIterator[Callable[..., Any]]:
    servers: list[TurnServer] = []
    if relay_path == "native" and load_core()[0] is None:
        pytest.skip(f"native relay core not built: {load_core()[1]}")

    async def start(**overrides: Any) -> TurnServer:
        config = make_config(**overrides)
        server = make_turn_server(config, "auto" if relay_path == "native" else "off")
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.close()


@pytest.fixture
async def server(start_server: Callable[..., Any]) -> TurnServer:
    return await start_server()


@pytest.fixture
def turn_secret() -> bytes:
    return SECRET


@pytest.fixture
def credentials() -> tuple[str, str]:
    return rest_credentials(SECRET, "alice", 600)


class EchoPeer(asyncio.DatagramProtocol):
    """A UDP peer echoing every datagram back to its sender."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.transport.sendto(data, addr)  # type: ignore[attr-defined]


@pytest.fixture
async def echo_peer() -> AsyncIterator[tuple[str, int]]:
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(EchoPeer, local_addr=("127.0.0.1", 0))
    yield transport.get_extra_info("sockname")
    transport.close()


class RawClient(asyncio.DatagramProtocol):
    """A bare STUN/TURN client over UDP, for tests that craft bytes by hand."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.queue.put_nowait(data)

    @property
    def address(self) -> tuple[str, int]:
        assert self.transport is not None
        return self.transport.get_extra_info("sockname")[:2]

    def send(self, data: bytes) -> None:
        assert self.transport is not None
        self.transport.sendto(data)

    async def receive(self, timeout: float = 2.0) -> bytes | None:
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None

    async def exchange(self, data: bytes, timeout: float = 2.0) -> bytes | None:
        self.send(data)
        return await self.receive(timeout)


@pytest.fixture
async def raw_client() -> AsyncIterator[Callable[..., Any]]:
    transports: list[asyncio.DatagramTransport] = []

    async def open_client(server_address: tuple[str, int],
                          local_ip: str | None = None) -> RawClient:
        loop = asyncio.get_running_loop()
        transport, protocol = await loop.create_datagram_endpoint(
            RawClient, remote_addr=server_address,
            local_addr=None if local_ip is None else (local_ip, 0),
        )
        transports.append(transport)
        return protocol

    yield open_client
    for transport in transports:
        transport.close()
