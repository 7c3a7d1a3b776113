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


async def test_turn_relay_ip6_gives_clients_ipv6_relayed_addresses(tmp_path) -> None:  # noqa: ANN001
    """``turn_relay_ip6``: a client asking for a dual allocation (ADDITIONAL-ADDRESS-FAMILY,
    RFC 8656 section 7.2) gets an IPv4 and an IPv6 relayed address, and an IPv6 peer's
    datagrams reach it through the IPv6 one (and its own reach the peer)."""
    from tests.conftest import start_fjord, stop_fjord
    from tests.turn.turn_test_support import Session, allocate, peer_request, signed
    from turn import stun
    from turn.stun import Attr, MessageClass, Method

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_TURN_RELAY_IP6="::1",
                         FJORD_TURN_ALLOWED_PEER_IPS="127.0.0.1,::1")
    loop = asyncio.get_running_loop()
    echo, _ = await loop.create_datagram_endpoint(Echo, local_addr=("::1", 0))
    peer = echo.get_extra_info("sockname")[:2]
    client, turn = await loop.create_datagram_endpoint(
        Collector, remote_addr=("127.0.0.1", server.ports["FJORD_TURN_UDP_PORT"]))

    class Exchange:
        async def exchange(self, data: bytes) -> bytes:
            client.sendto(data)
            return (await asyncio.wait_for(turn.received.get(), 5))[0]

    try:
        meeting = server.create_meeting()
        signaling = await SignalingClient.connect(server, meeting["roomUrl"])
        ice = (await signaling.join("Relay user", meeting["roomUrl"]))["iceServers"][0]
        await signaling.close()
        session = Session(ice["username"], ice["credential"])
        answer = await allocate(Exchange(), session, (Attr.ADDITIONAL_ADDRESS_FAMILY,
                                                      stun.encode_address_family(2)))
        relayed = [stun.decode_xor_address(v, answer.transaction_id)
                   for v in answer.get_all(Attr.XOR_RELAYED_ADDRESS)]
        assert [ip for ip, _ in relayed] == ["127.0.0.1", "::1"], answer
        permission = signed(peer_request(Method.CREATE_PERMISSION, peer), session)
        assert stun.Message.parse(await Exchange().exchange(permission)).message_class == (
            MessageClass.SUCCESS)
        send = peer_request(Method.SEND, peer)
        send.message_class = MessageClass.INDICATION
        send.add(Attr.DATA, b"over IPv6")
        client.sendto(send.encode())  # the echo peer sends it back to the relayed address
        data = stun.Message.parse((await asyncio.wait_for(turn.received.get(), 5))[0])
        assert data.method == Method.DATA and data.get(Attr.DATA) == b"over IPv6"
        assert stun.decode_xor_address(data.get(Attr.XOR_PEER_ADDRESS),
                                       data.transaction_id) == peer
    finally:
        client.close()
        echo.close()
        stop_fjord(server)
