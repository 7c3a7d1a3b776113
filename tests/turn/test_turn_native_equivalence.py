"""The native and the Python relay paths put the same bytes out to the same addresses.

One TURN server per path runs in a background event loop; each has a UDP client with an
allocation, a permission for 127.0.0.1, channel 0x4000 bound to peer ``p1``, peer ``p2``
without a channel, and peer ``p3`` on 127.0.0.2 without a permission. Hypothesis draws
sequences of ChannelData frames (bound or not, with wrong lengths and padding), Send
indications and peer datagrams; both servers get the same sequence, and every packet must
give the same output (Data indications compared without their random transaction id) and
the same counted outcome (relayed, or dropped under the same reason).
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from turn_test_support import Session, allocate, peer_request, signed

from turn import stun
from turn.config import TurnConfig
from turn.credentials import rest_credentials
from turn.native_server import NativeTurnServer, load_core, make_turn_server
from turn.server import TurnServer
from turn.stun import Attr, MessageClass, Method

pytestmark = pytest.mark.skipif(load_core()[0] is None, reason="native relay core not built")
T = TypeVar("T")
SECRET = b"equivalence-secret"
ROLES = ("p1", "p2", "p3")
RELAY_IP = "127.0.0.77"
"No other test binds or sends to it."


class BlockingClient:
    """The ``exchange`` the helpers in turn_test_support expect, on a blocking socket."""

    def __init__(self, server: tuple[str, int]) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(5)
        self.server = server

    async def exchange(self, data: bytes) -> bytes | None:
        self.sock.sendto(data, self.server)
        return self.sock.recv(65536)


class Rig:
    """One server (Python or native path), its client with an allocation, and three peers."""

    def __init__(self, server: TurnServer, loop: asyncio.AbstractEventLoop) -> None:
        self.server = server
        self.loop = loop
        assert server.udp_address is not None
        self.client = BlockingClient(server.udp_address)
        self.peers = {}
        for role, ip in zip(ROLES, ("127.0.0.1", "127.0.0.1", "127.0.0.2"), strict=True):
            peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            peer.bind((ip, 0))
            peer.setblocking(False)
            self.peers[role] = peer
        self.address_role = {p.getsockname(): role for role, p in self.peers.items()}
        self.relayed: tuple[str, int] = ("", 0)

    async def set_up(self) -> None:
        username, password = rest_credentials(SECRET, "alice", 600)
        session = Session(username, password)
        answer = await allocate(self.client, session)
        self.relayed = stun.decode_xor_address(
            answer.get(Attr.XOR_RELAYED_ADDRESS), answer.transaction_id
        )
        assert self.relayed[0] == RELAY_IP
        p1 = self.peers["p1"].getsockname()
        for request in (
            peer_request(Method.CREATE_PERMISSION, self.peers["p2"].getsockname()),
            peer_request(Method.CHANNEL_BIND, p1, channel=0x4000),
        ):
            reply = await self.client.exchange(signed(request, session))
            assert reply is not None
            assert stun.Message.parse(reply).message_class == MessageClass.SUCCESS
        self.client.sock.setblocking(False)

    def call(self, function: Callable[[], T]) -> T:
        """Run ``function`` in the server's event loop thread."""

        async def run() -> T:
            return function()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def outcomes(self) -> dict[str, int]:
        def read() -> dict[str, int]:
            if isinstance(self.server, NativeTurnServer):
                self.server.collect_counters()
            counters = self.server.counters
            return {"to_peer": counters.to_peer_packets,
                    "to_client": counters.to_client_packets, **counters.drops}  # fmt: skip

        return self.call(read)

    def deliver(self, op: tuple[Any, ...]) -> tuple[dict[str, int], list[tuple[str, bytes]]]:
        """Send one packet; wait until the server has counted it; return the count that
        changed and what each receiver got (normalized)."""
        before = self.outcomes()
        kind = op[0]
        if kind == "peer":
            self.peers[op[1]].sendto(op[2], self.relayed)
        else:
            self.client.sock.sendto(self.frame(op), self.server.udp_address)
        deadline = 200
        while True:
            after = self.outcomes()
            changed = {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}
            if changed or deadline == 0:
                break
            deadline -= 1
            threading.Event().wait(0.025)
        return changed, self.received()

    def frame(self, op: tuple[Any, ...]) -> bytes:
        if op[0] == "channel":
            _, number, payload, length_delta, padding = op
            length = max(0, min(0xFFFF, len(payload) + length_delta))
            return struct.pack("!HH", number, length) + payload + b"\x00" * padding
        _, role, payload = op
        indication = stun.Message(Method.SEND, MessageClass.INDICATION)
        peer = self.peers[role].getsockname()
        indication.add(Attr.XOR_PEER_ADDRESS,
                       stun.encode_xor_address(peer, indication.transaction_id))  # fmt: skip
        indication.add(Attr.DATA, payload)
        return indication.encode()

    def received(self) -> list[tuple[str, bytes]]:
        """What the client got from the server and the peers from the relayed address;
        datagrams from anywhere else are not the relay's (on a shared loopback another
        test's socket may still send to a port these sockets took over) and are ignored."""
        got: list[tuple[str, bytes]] = []
        for role, sock in [("client", self.client.sock), *self.peers.items()]:
            source = self.server.udp_address if role == "client" else self.relayed
            while True:
                try:
                    data, sender = sock.recvfrom(65536)
                except BlockingIOError:
                    break
                if sender[:2] != tuple(source[:2]):
                    continue
                label = role
                if role == "client" and data[0] < 0x40:
                    message = stun.Message.parse(data)
                    peer = stun.decode_xor_address(
                        message.get(Attr.XOR_PEER_ADDRESS), message.transaction_id
                    )
                    data = self.address_role[peer].encode() + b":" + message.get(Attr.DATA)
                    label = "client-data-indication"
                got.append((label, data))
        return got


@pytest.fixture(scope="module")
def rigs() -> Iterator[tuple[Rig, Rig]]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start(native: str) -> TurnServer:
        # Relay sockets on an address of their own: permissions are per IP (RFC 8656
        # section 9), so a datagram another test in parallel sends to 127.0.0.1 on a
        # recycled port would otherwise be relayed into the comparison.
        config = TurnConfig(
            udp_port=0, tcp_port=None, tls_port=None, secrets=[SECRET], relay_ip=RELAY_IP,
            allowed_peer_ips=["127.0.0.1/32"], relay_port_min=20000, relay_port_max=28000,
        )  # fmt: skip
        server = make_turn_server(config, native)  # type: ignore[arg-type]
        await server.start()
        return server

    servers = [asyncio.run_coroutine_threadsafe(start(m), loop).result(10)
               for m in ("off", "auto")]  # fmt: skip
    assert not isinstance(servers[0], NativeTurnServer)
    assert isinstance(servers[1], NativeTurnServer)
    pair = (Rig(servers[0], loop), Rig(servers[1], loop))
    for rig in pair:
        asyncio.run(rig.set_up())
    yield pair
    for server in servers:
        asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


payloads = st.one_of(st.binary(max_size=64), st.binary(min_size=1000, max_size=1400))
operations = st.one_of(
    st.tuples(st.just("channel"),
              st.one_of(st.just(0x4000), st.just(0x4001), st.integers(0x4000, 0x7FFF)),
              payloads, st.sampled_from([0, 0, 0, -1, 1, 4]), st.integers(0, 3)),
    st.tuples(st.just("send"), st.sampled_from(ROLES), payloads),
    st.tuples(st.just("peer"), st.sampled_from(ROLES), payloads),
)  # fmt: skip


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(ops=st.lists(operations, min_size=1, max_size=6))
def test_native_and_python_paths_agree(rigs: tuple[Rig, Rig], ops: list[tuple[Any, ...]]) -> None:
    python_rig, native_rig = rigs
    for op in ops:
        expected = python_rig.deliver(op)
        actual = native_rig.deliver(op)
        assert expected[0], f"the Python path did not count {op[:2]}"
        assert actual == expected, op[:2]
