"""Two aiortc clients meet in a normal room through the real signaling server and TURN relay.

Inside the loopback-only namespace aioice finds no host address, so the only path between
the peers is a relay allocation on our TURN server.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiortc import (
    RTCConfiguration,
    RTCIceServer,
    RTCPeerConnection,
    RTCSessionDescription,
    VideoStreamTrack,
)
from aiortc.mediastreams import MediaStreamTrack

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient

FRAMES_WANTED = 10


def configuration(joined: dict[str, Any]) -> RTCConfiguration:
    servers = [
        RTCIceServer(urls=[u for u in s["urls"] if u.startswith("turn:")],
                     username=s["username"], credential=s["credential"])
        for s in joined["iceServers"]
    ]
    return RTCConfiguration(iceServers=servers)


async def count_frames(track: MediaStreamTrack, wanted: int) -> int:
    frames = 0
    while frames < wanted:
        frame = await track.recv()
        assert frame.width > 0 and frame.height > 0
        frames += 1
    return frames


class Peer:
    """An aiortc participant: one RTCPeerConnection to the other peer, decoding its video."""

    def __init__(self, client: SignalingClient) -> None:
        self.client = client
        self.pc = RTCPeerConnection(configuration(client.joined))
        self.pc.addTrack(VideoStreamTrack())
        self.received: asyncio.Future[MediaStreamTrack] = (
            asyncio.get_running_loop().create_future()
        )

        @self.pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "video" and not self.received.done():
                self.received.set_result(track)


async def test_two_aiortc_clients_exchange_video_through_turn(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    before = fjord_server.metrics()
    alice = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await alice.join("Alice", meeting["roomUrl"])
    bob = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await bob.join("Bob", meeting["roomUrl"])
    a, b = Peer(alice), Peer(bob)
    try:
        # The newcomer offers (docs/signaling.md); aiortc sends complete SDP, no trickle.
        await b.pc.setLocalDescription(await b.pc.createOffer())
        await bob.send({"type": "offer", "to": alice.joined["selfId"],
                        "sdp": b.pc.localDescription.sdp})
        offer = await alice.expect("offer")
        assert offer["from"] == bob.joined["selfId"]
        await a.pc.setRemoteDescription(RTCSessionDescription(offer["sdp"], "offer"))
        await a.pc.setLocalDescription(await a.pc.createAnswer())
        await alice.send({"type": "answer", "to": offer["from"], "sdp": a.pc.localDescription.sdp})
        answer = await bob.expect("answer")
        await b.pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))

        for peer in (a, b):
            track = await asyncio.wait_for(peer.received, 30)
            assert await asyncio.wait_for(count_frames(track, FRAMES_WANTED), 30) == FRAMES_WANTED
        for peer in (a, b):
            pair = peer.pc.getTransceivers()[0].receiver.transport.transport.iceGatherer
            local = [c.type for c in pair.getLocalCandidates()]
            assert local and set(local) == {"relay"}
        relayed = "fjord_turn_relayed_bytes_total"
        floor = before.get(relayed, 0.0)
        assert await asyncio.to_thread(fjord_server.wait_metric_above, relayed, floor) > floor
    finally:
        await a.pc.close()
        await b.pc.close()
        await alice.close()
        await bob.close()
