"""aioice's TURN client allocates through our server over UDP, TCP and TLS and relays data."""

from __future__ import annotations

import asyncio
import ssl

import pytest
from aioice.turn import create_turn_endpoint

from keys.devtls import DevCertificates
from turn import metrics
from turn.native_server import NativeTurnServer
from turn.server import TurnServer


class Collector(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.received: asyncio.Queue[tuple[bytes, tuple[str, int]]] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait((data, addr))


@pytest.mark.parametrize("transport", ["udp", "tcp", "tls"])
async def test_aioice_allocates_and_relays(
    transport: str,
    relay_path: str,
    server: TurnServer,
    credentials: tuple[str, str],
    echo_peer: tuple[str, int],
    dev_certs: DevCertificates,
) -> None:
    username, password = credentials
    address = {"udp": server.udp_address, "tcp": server.tcp_address, "tls": server.tls_address}[
        transport
    ]
    assert address is not None
    context = None
    if transport == "tls":
        context = ssl.create_default_context(cafile=str(dev_certs.ca_cert))
    before = metrics.RELAYED_PACKETS.labels("to_client")._value.get()
    turn_transport, protocol = await create_turn_endpoint(
        Collector,
        server_addr=address,
        username=username,
        password=password,
        ssl=context,
        transport="tcp" if transport == "tls" else transport,
    )
    try:
        relayed = turn_transport.get_extra_info("sockname")
        assert relayed[0] == "127.0.0.1"
        assert len(server.table) == 1
        for index in range(5):
            payload = f"hello {index}".encode() * (index + 1)
            turn_transport.sendto(payload, echo_peer)
            data, source = await asyncio.wait_for(protocol.received.get(), 5)
            assert data == payload
            assert source == echo_peer
    finally:
        turn_transport.close()
        await asyncio.sleep(0.2)
    assert len(server.table) == 0
    server.sweep()
    assert metrics.RELAYED_PACKETS.labels("to_client")._value.get() >= before + 5
    if relay_path == "native" and transport == "udp":
        assert isinstance(server, NativeTurnServer) and server.core is not None
        assert server.core.counters()["to_client_packets"] == 5
