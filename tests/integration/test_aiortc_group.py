"""A group room through the real signaling server and its in-process SFU, with aiortc peers.

The publisher sends ``publish`` and applies ``publish-answer``; subscribers apply every
``subscribe-offer`` and answer it, and decode what the SFU forwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions

import aioice.ice
import pytest
from aiortc import (
    AudioStreamTrack,
    MediaStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
    VideoStreamTrack,
)
from av import VideoFrame

from tests.conftest import FjordServer, wait_until
from tests.signaling_client import SignalingClient


class SmallVideo(VideoStreamTrack):
    """160x120 black frames: cheap to encode on a 2-core CI machine."""

    async def recv(self) -> VideoFrame:
        pts, time_base = await self.next_timestamp()
        frame = VideoFrame(width=160, height=120)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.pts, frame.time_base = pts, time_base or fractions.Fraction(1, 90000)
        return frame


@pytest.fixture(autouse=True)
def loopback_host_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    # aioice skips 127.0.0.1 when listing interfaces; the SFU is on loopback here.
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])


class GroupPeer:
    """A participant of a group room: publishes (optionally) and subscribes via signaling."""

    def __init__(self, client: SignalingClient) -> None:
        self.client = client
        self.publish_pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.subscribe_pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.frames: dict[str, int] = {}
        self.left: list[str] = []
        self.errors: list[dict] = []
        self._tasks: list[asyncio.Task[None]] = []

        @self.subscribe_pc.on("track")
        def on_track(track) -> None:  # noqa: ANN001
            self._tasks.append(asyncio.ensure_future(self._count(track)))

    async def _count(self, track) -> None:  # noqa: ANN001
        with contextlib.suppress(Exception):
            while True:
                await track.recv()
                self.frames[track.kind] = self.frames.get(track.kind, 0) + 1

    async def publish(self, media: bool = True, video: MediaStreamTrack | None = None,
                      microphone: bool = True) -> None:
        """Publish a camera (``video``, or small black frames) and a microphone (``media``
        False: their m-lines, no packets; ``microphone`` False: the microphone's m-line
        without packets, nearly what a muted one's Opus DTX sends)."""
        camera = (video or SmallVideo()) if media else "video"
        self.publish_pc.addTransceiver(camera, direction="sendonly")
        self.publish_pc.addTransceiver(AudioStreamTrack() if media and microphone else "audio",
                                       direction="sendonly")
        await self.publish_pc.setLocalDescription(await self.publish_pc.createOffer())
        await self.client.send({"type": "publish", "sdp": self.publish_pc.localDescription.sdp})
        answer = await self.client.expect("publish-answer", timeout=15)
        await self.publish_pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))

    async def serve_signaling(self) -> None:
        """Answer subscribe offers and record departures until cancelled."""
        while True:
            message = await self.client.recv(timeout=3600)
            if message["type"] == "subscribe-offer":
                await self.subscribe_pc.setRemoteDescription(
                    RTCSessionDescription(message["sdp"], "offer")
                )
                await self.subscribe_pc.setLocalDescription(await self.subscribe_pc.createAnswer())
                await self.client.send(
                    {"type": "subscribe-answer", "sdp": self.subscribe_pc.localDescription.sdp}
                )
            elif message["type"] == "participant-left":
                self.left.append(message["participantId"])
            elif message["type"] == "error":
                self.errors.append(message)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self.publish_pc.close()
        await self.subscribe_pc.close()
        await self.client.close()



async def test_group_room_forwards_publisher_media_to_subscribers(
    fjord_server: FjordServer,
) -> None:
    meeting = fjord_server.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    before = fjord_server.metrics().get("fjord_sfu_forwarded_packets_total", 0.0)

    pub_client = await SignalingClient.connect(fjord_server, url)
    assert (await pub_client.join("Publisher", url))["topology"] == "sfu"
    publisher = GroupPeer(pub_client)
    await publisher.publish()

    subscribers = []
    tasks = []
    for name in ("S1", "S2"):
        client = await SignalingClient.connect(fjord_server, url)
        await client.join(name, url)
        peer = GroupPeer(client)
        subscribers.append(peer)
        tasks.append(asyncio.create_task(peer.serve_signaling()))
    try:
        assert await wait_until(
            lambda: all(p.frames.get("video", 0) >= 5 and p.frames.get("audio", 0) >= 5
                        for p in subscribers),
            timeout=30,
        )
        floor = before
        forwarded = await asyncio.to_thread(
            fjord_server.wait_metric_above, "fjord_sfu_forwarded_packets_total", floor
        )
        assert forwarded > floor

        await publisher.close()
        publisher_id = pub_client.joined["selfId"]
        assert await wait_until(lambda: all(publisher_id in p.left for p in subscribers),
                                timeout=10)
    finally:
        for task in tasks:
            task.cancel()
        for peer in subscribers:
            await peer.close()


async def test_large_group_room_negotiates_every_track(fjord_server: FjordServer) -> None:
    """Fifty publishers: the subscriber's answer (one m-line per track, about 72 KB) passes
    signaling, the SFU and their limits (docs/signaling.md "Limits"), and media flows.

    Before the limits were sized for a full room, a subscribe-answer of more than about 22
    publishers was refused (32,000 characters per sdp, 64 KiB per message and per SDP).
    """
    meeting = fjord_server.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    publishers = []
    try:
        for index in range(50):
            client = await SignalingClient.connect(fjord_server, url)
            await client.join(f"P{index}", url)
            peer = GroupPeer(client)
            publishers.append(peer)
            # One publisher sends media; the others' tracks only make the SDP large.
            await peer.publish(media=index == 0)
        client = await SignalingClient.connect(fjord_server, url)
        await client.join("Subscriber", url)
        subscriber = GroupPeer(client)
        task = asyncio.create_task(subscriber.serve_signaling())
        try:
            assert await wait_until(lambda: subscriber.frames.get("video", 0) >= 5
                                    and subscriber.frames.get("audio", 0) >= 5, timeout=90)
            local = subscriber.subscribe_pc.localDescription
            assert local is not None and local.sdp.count("m=") == 100
            assert len(local.sdp) > 64 * 1024
            assert subscriber.errors == []
        finally:
            task.cancel()
            await subscriber.close()
    finally:
        # aiortc takes about 1.4 s to close a connection: one after another they took 70 s.
        await asyncio.gather(*(peer.close() for peer in publishers))


async def _expect_both(client: SignalingClient, kinds: tuple[str, ...]) -> dict[str, dict]:
    """The next message of each type in ``kinds``, in whatever order they come; others skipped
    (none of ``kinds`` may come twice)."""
    seen: dict[str, dict] = {}
    while len(seen) < len(kinds):
        message = await client.recv(timeout=15)
        if message["type"] in kinds:
            assert message["type"] not in seen, message
            seen[message["type"]] = message
    return seen


def _reversed_m_sections(sdp: str) -> str:
    head, *sections = sdp.split("m=")
    return head + "".join("m=" + s for s in reversed(sections))


async def test_a_refused_subscribe_answer_gets_a_fresh_offer_and_media_flows(
    fjord_server: FjordServer,
) -> None:
    """docs/signaling.md, "Group rooms (SFU)": an unparsable answer, then one with its
    m-sections in reverse order (RFC 3264 section 6), are each refused with ``sfu_error`` and
    followed by a fresh ``subscribe-offer``; its answer brings media. A second answer to that
    offer is refused with ``no_offer_pending``."""
    meeting = fjord_server.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    pub_client = await SignalingClient.connect(fjord_server, url)
    await pub_client.join("Publisher", url)
    publisher = GroupPeer(pub_client)
    await publisher.publish()
    client = await SignalingClient.connect(fjord_server, url)
    await client.join("Subscriber", url)
    subscriber = GroupPeer(client)
    pc = subscriber.subscribe_pc
    try:
        offer = await client.expect("subscribe-offer", timeout=15)
        for bad in ("garbage", "reversed"):
            await pc.setRemoteDescription(RTCSessionDescription(offer["sdp"], "offer"))
            await pc.setLocalDescription(await pc.createAnswer())
            answer = pc.localDescription.sdp
            assert answer.count("m=") == 2
            sent = "garbage" if bad == "garbage" else _reversed_m_sections(answer)
            await client.send({"type": "subscribe-answer", "sdp": sent})
            replies = await _expect_both(client, ("error", "subscribe-offer"))
            assert replies["error"]["code"] == "sfu_error"
            if bad == "reversed":
                assert "answer m-line 0 carries mid '1', the offer's m-line 0 mid '0'" in (
                    replies["error"]["message"])
            offer = replies["subscribe-offer"]
        await pc.setRemoteDescription(RTCSessionDescription(offer["sdp"], "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        await client.send({"type": "subscribe-answer", "sdp": pc.localDescription.sdp})
        assert await wait_until(lambda: subscriber.frames.get("video", 0) >= 5
                                and subscriber.frames.get("audio", 0) >= 5, timeout=30)
        # The same answer again: no offer awaits it.
        await client.send({"type": "subscribe-answer", "sdp": pc.localDescription.sdp})
        error = await client.expect("error", timeout=15)
        assert error["code"] == "no_offer_pending"
    finally:
        await subscriber.close()
        await publisher.close()
