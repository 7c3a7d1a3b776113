"""The TURN relay inside ``fjord serve`` (uvloop event loop, as in production) over UDP, TCP
and TLS: aioice allocates with the credentials signaling hands out and relays to a peer."""

from __future__ import annotations

import asyncio
import ssl

import pytest
from aioice.turn import create_turn_endpoint

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient


class Collector(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.received: asyncio.Queue[tuple[bytes, tuple[str, int]]] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait((data, addr))


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.transport.sendto(data, addr)  # type: ignore[attr-defined]


@pytest.mark.parametrize("transport", ["udp", "tcp", "tls"])
async def test_turn_of_fjord_serve_relays(fjord_server: FjordServer, transport: str) -> None:
    meeting = fjord_server.create_meeting()
    client = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    ice = (await client.join("Relay user", meeting["roomUrl"]))["iceServers"][0]
    await client.close()
    port = {
        "udp": fjord_server.ports["FJORD_TURN_UDP_PORT"],
        "tcp": fjord_server.ports["FJORD_TURN_TCP_PORT"],
        "tls": fjord_server.ports["FJORD_TURN_TLS_PORT"],
    }[transport]
    context = (
        ssl.create_default_context(cafile=str(fjord_server.ca_cert)) if transport == "tls" else None
    )
    loop = asyncio.get_running_loop()
    echo, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
    peer = echo.get_extra_info("sockname")
    relay, protocol = await create_turn_endpoint(
        Collector,
        server_addr=("127.0.0.1", port),
        username=ice["username"],
        password=ice["credential"],
        ssl=context,
        transport="udp" if transport == "udp" else "tcp",
    )
    try:
        for index in range(3):
            payload = b"ciphertext %d " % index * 50
            relay.sendto(payload, peer)
            data, source = await asyncio.wait_for(protocol.received.get(), 5)
            assert (data, source) == (payload, peer)
    finally:
        relay.close()
        echo.close()


async def test_turn_host_is_what_clients_are_given(tmp_path) -> None:  # noqa: ANN001
    """Relay on every address, named by ``turn_host``: iceServers carry that name in turn:
    and turns: URLs, and a client allocates through what the name resolves to (UDP and
    TLS)."""
    import socket
    from urllib.parse import urlsplit

    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_TURN_LISTEN_IP="0.0.0.0", FJORD_TURN_HOST="localhost")
    try:
        meeting = server.create_meeting()
        client = await SignalingClient.connect(server, meeting["roomUrl"])
        ice = (await client.join("Relay user", meeting["roomUrl"]))["iceServers"][0]
        await client.close()
        by_scheme = {url.split(":")[0] + "-" + url.rsplit("=", 1)[1]: url for url in ice["urls"]}
        assert set(by_scheme) == {"turn-udp", "turn-tcp", "turns-tcp"}
        for key, transport in (("turn-udp", "udp"), ("turns-tcp", "tls")):
            parts = urlsplit(by_scheme[key].replace(":", "://", 1))
            assert parts.hostname == "localhost", by_scheme[key]
            address = socket.getaddrinfo(parts.hostname, parts.port, socket.AF_INET)[0][4]
            context = None
            if transport == "tls":
                context = ssl.create_default_context(cafile=str(server.ca_cert))
            relay, _ = await create_turn_endpoint(
                Collector, server_addr=address, username=ice["username"],
                password=ice["credential"], ssl=context,
                transport="udp" if transport == "udp" else "tcp")
            relay.close()
    finally:
        stop_fjord(server)
