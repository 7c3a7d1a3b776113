"""Issue 8 acceptance 5, the "moves" half: on a live ``fjord serve``, a group call with a
lossy publisher, a hostile datagram and a TURN allocation moves each metric the operations
issue names (test_metrics.py checks that they exist; room, participant, forwarded-packet,
relayed-byte, placement and webhook metrics move in the tests of those features)."""

from __future__ import annotations

import asyncio
import random
import re
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aioice.ice
import aioice.turn
import pytest

from tests.conftest import FjordServer, start_fjord, stop_fjord, wait_until
from tests.signaling_client import SignalingClient

sys.path.insert(0, str(Path(__file__).parent.parent / "integration"))
from test_aiortc_group import GroupPeer  # noqa: E402

pytestmark = pytest.mark.timeout(120)

LOSS = 0.1
"Share of the publisher's video RTP packets dropped before they leave it."

HOSTILE_DATAGRAMS = 5


async def scrape(server: FjordServer) -> dict[str, float]:
    return await asyncio.to_thread(server.labeled_metrics)


def lossy(send: Callable[[bytes], Awaitable[None]], loss: float,
          seed: int) -> Callable[[bytes], Awaitable[None]]:
    """Wrap aiortc's ``RTCDtlsTransport._send_rtp`` so a seeded share of RTP (never RTCP,
    whose second byte is 192-223 per RFC 5761) is lost on the way to the SFU."""
    rng = random.Random(seed)

    async def send_with_loss(data: bytes) -> None:
        if not 191 < data[1] < 224 and rng.random() < loss:
            return
        await send(data)

    return send_with_loss


def sfu_port(sdp: str) -> int:
    """The UDP port of the SFU's host candidate in its answer."""
    match = re.search(r"a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 (\d+) typ host", sdp)
    assert match, sdp
    return int(match.group(1))


class Ignore(asyncio.DatagramProtocol):
    pass


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    # A private server: gauges read "before" and "after" are this test's alone.
    monkeypatch.setattr(aioice.ice, "get_host_addresses",
                        lambda use_ipv4, use_ipv6: ["127.0.0.1"])
    server = start_fjord(tmp_path / "data", tmp_path / "serve.log")
    yield server
    stop_fjord(server)


async def test_named_metrics_move_during_a_live_call(server: FjordServer) -> None:
    before = await scrape(server)
    meeting = server.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    sub = GroupPeer(await SignalingClient.connect(server, url))
    pub = GroupPeer(await SignalingClient.connect(server, url))
    serving = None
    turn = None
    try:
        await sub.client.join("Metrics Subscriber", url)
        serving = asyncio.create_task(sub.serve_signaling())
        joined = await pub.client.join("Metrics Publisher", url)
        await pub.publish()
        dtls = pub.publish_pc.getSenders()[0].transport
        dtls._send_rtp = lossy(dtls._send_rtp, LOSS, seed=8)
        assert await wait_until(lambda: sub.frames.get("video", 0) >= 30, timeout=30)

        # Datagrams from an address no transport knows are dropped and counted by reason.
        port = sfu_port(pub.publish_pc.remoteDescription.sdp)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger:
            for _ in range(HOSTILE_DATAGRAMS):
                stranger.sendto(b"\x80" + bytes(11), ("127.0.0.1", port))

        # A TURN allocation with the credentials the room handed out.
        ice = next(s for s in joined["iceServers"] if s.get("username"))
        turn_url = next(u for u in ice["urls"] if u.startswith("turn:") and "tcp" not in u)
        host, turn_port = turn_url.removeprefix("turn:").split("?")[0].rsplit(":", 1)
        turn, _ = await aioice.turn.create_turn_endpoint(
            Ignore, (host, int(turn_port)), ice["username"], ice["credential"])

        def delta(key: str) -> float:
            return during.get(key, 0.0) - before.get(key, 0.0)

        wanted = {
            'fjord_sfu_nacks_total{direction="sent"}': 1,
            'fjord_sfu_plis_total{direction="sent"}': 1,
            'fjord_sfu_dropped_packets_total{reason="unknown_address"}': HOSTILE_DATAGRAMS,
            "fjord_sfu_transports": 2,
            "fjord_turn_allocations": 1,
        }
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 15
        while True:
            during = await scrape(server)
            short = {k: delta(k) for k, n in wanted.items() if delta(k) < n}
            if not short or loop.time() > deadline:
                break
            await asyncio.sleep(0.5)
        assert not short, f"metrics that did not move enough: {short}"
        # The loop-lag gauge is re-sampled every second; a process forwarding media has a
        # loop that is busy at some timer expiry.
        lag = [v for k, v in during.items() if k.startswith("fjord_event_loop_lag_seconds{")]
        assert lag and max(lag) > 0, lag
    finally:
        if turn is not None:
            turn.close()
        if serving is not None:
            serving.cancel()
        await pub.close()
        await sub.close()

    # When the call and the allocation end, the gauges come back down.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 15
    while True:
        after = await scrape(server)
        settled = (after["fjord_sfu_transports"] == before["fjord_sfu_transports"]
                   and after["fjord_turn_allocations"] == before["fjord_turn_allocations"])
        if settled or loop.time() > deadline:
            break
        await asyncio.sleep(0.5)
    assert settled, {k: after[k] for k in ("fjord_sfu_transports", "fjord_turn_allocations")}
