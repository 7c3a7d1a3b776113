"""coturn's turnutils_uclient relays through our server to turnutils_peer on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import subprocess

import pytest

from tests.conftest import wait_until
from turn.native_server import NativeTurnServer
from turn.server import TurnServer

UCLIENT = shutil.which("turnutils_uclient")
PEER = shutil.which("turnutils_peer")
pytestmark = [
    pytest.mark.skipif(UCLIENT is None or PEER is None, reason="coturn is not installed"),
    pytest.mark.slow,
]
TOTALS = re.compile(r"start_mclient: tot_send_bytes ~ (\d+), tot_recv_bytes ~ (\d+)")


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _peer_port(server: TurnServer) -> int:
    """A free UDP port P for turnutils_peer such that neither P nor P + 1 is one of the
    server's listener ports.

    uclient binds channels to P and to P + 1 (its RTCP peer). The server rightly answers
    403 for a peer that is one of its own listeners (turn/peer_policy.py), and its TCP
    and TLS listeners hold ephemeral ports from the same range: one CI run drew such a
    collision and failed with "channel bind: error 403 (Forbidden)".
    """
    own = {a[1] for a in (server.udp_address, server.tcp_address, server.tls_address) if a}
    while True:
        port = _free_udp_port()
        if port < 65535 and not {port, port + 1} & own:
            return port


def _udp_port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


@pytest.mark.parametrize(
    "flags",
    [
        pytest.param([], id="udp-channels"),
        pytest.param(["-s"], id="udp-send"),
        pytest.param(["-t"], id="tcp-channels"),
        pytest.param(["-t", "-s"], id="tcp-send"),
        pytest.param(["-S", "-t"], id="tls-channels"),
        pytest.param(["-S", "-t", "-s"], id="tls-send"),
        pytest.param(["-X", "-g"], id="udp-ipv4-dont-fragment"),
    ],
)
async def test_uclient_relays_all_bytes(
    flags: list[str], relay_path: str, server: TurnServer, turn_secret: bytes
) -> None:
    assert UCLIENT is not None and PEER is not None
    peer_port = _peer_port(server)
    peer = await asyncio.create_subprocess_exec(
        PEER, "-L", "127.0.0.1", "-p", str(peer_port),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        # The peer echoes only once it holds its port: a fixed 0.2 s sleep lost the first
        # half of the data in a loaded parallel run (sent 1200, received 600).
        assert await wait_until(lambda: _udp_port_taken(peer_port), 10)
        if "-S" in flags:
            address = server.tls_address
        elif "-t" in flags:
            address = server.tcp_address
        else:
            address = server.udp_address
        assert address is not None
        client = await asyncio.create_subprocess_exec(
            UCLIENT, "-W", turn_secret.decode(), "-u", "uclient",
            "-n", "5", "-z", "5", "-m", "1", "-l", "120",
            "-e", "127.0.0.1", "-r", str(peer_port), "-p", str(address[1]),
            *flags, "127.0.0.1",
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await asyncio.wait_for(client.communicate(), 60)
    finally:
        peer.kill()
        await peer.wait()
    text = output.decode(errors="replace")
    assert client.returncode == 0, text[-2000:]
    totals = TOTALS.findall(text)
    assert totals, text[-2000:]
    sent, received = (int(v) for v in totals[-1])
    assert sent > 0
    assert sent == received
    if relay_path == "native" and "-t" not in flags:
        assert isinstance(server, NativeTurnServer) and server.core is not None
        assert server.core.counters()["to_client_packets"] > 0
