"""Issue 14: "Normal rooms whose meeting asks for cloud recording are served by the SFU". A
real ``fjord serve``: two aiortc participants of a normal room whose meeting records to a
bucket (automatic trigger) are told ``topology: sfu`` and publish to the SFU; one offers only
H.264 (RFC 6184, packetization-mode 1), so the SFU negotiates H.264 with it. The bucket then
holds one file with both people's tracks, the H.264 one as written by the recorder
(V_MPEG4/ISO/AVC), which ffmpeg decodes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from aiortc import AudioStreamTrack, RTCRtpSender, RTCSessionDescription

from tests.conftest import FjordServer, wait_until
from tests.integration.test_aiortc_group import GroupPeer, SmallVideo
from tests.recording.conftest import Bucket, decode_errors, ffprobe
from tests.recording.test_recorded_room import (  # noqa: F401 (fixtures)
    KEY_ID,
    SECRET,
    server,
)
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.timeout(180), pytest.mark.serial,  # real media through the recorder
              pytest.mark.usefixtures("loopback_host_candidates")]
IN_ROOM_S = 5.0


class H264Peer(GroupPeer):
    """Publishes its camera offering H.264 only (and Opus)."""

    async def publish(self) -> None:
        video = self.publish_pc.addTransceiver(SmallVideo(), direction="sendonly")
        video.setCodecPreferences([c for c in RTCRtpSender.getCapabilities("video").codecs
                                   if c.mimeType == "video/H264"])
        self.publish_pc.addTransceiver(AudioStreamTrack(), direction="sendonly")
        await self.publish_pc.setLocalDescription(await self.publish_pc.createOffer())
        await self.client.send({"type": "publish", "sdp": self.publish_pc.localDescription.sdp})
        answer = await self.client.expect("publish-answer", timeout=15)
        assert "H264/90000" in answer["sdp"] and "VP8/90000" not in answer["sdp"]
        await self.publish_pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))


async def test_a_cloud_recorded_normal_room_runs_on_the_sfu_and_records_h264(
    server: FjordServer, bucket: Bucket, tmp_path: Path  # noqa: F811
) -> None:
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "normal", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                "accessKeyId": KEY_ID, "accessKeySecret": SECRET}}})
    assert status == 201, meeting
    assert meeting["roomMode"] == "normal"
    url = meeting["roomUrl"]
    peers: list[GroupPeer] = []
    tasks: list[asyncio.Task[None]] = []
    try:
        for i, kind in enumerate((H264Peer, GroupPeer)):
            client = await SignalingClient.connect(server, url)
            joined = await client.join(f"Guest {i}", url)
            assert joined["type"] == "joined" and joined["topology"] == "sfu", joined
            assert joined["endToEndEncryption"] is False
            peer = kind(client)
            await peer.publish()
            peers.append(peer)
            tasks.append(asyncio.create_task(peer.serve_signaling()))
        await asyncio.sleep(IN_ROOM_S)  # the meeting runs; nothing is polled meanwhile
    finally:
        for task in tasks:
            task.cancel()
        for peer in peers:
            await peer.client.send({"type": "leave"})
            await peer.close()

    def listed() -> list[dict]:
        results = server.request("GET", f"/v1/recordings?roomName={meeting['roomName']}")[1]
        return [r for r in results["results"] if r["state"] != "recording"]

    assert await wait_until(lambda: bool(listed()), 60)
    assert [r["state"] for r in listed()] == ["finished"]
    key = bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"][0]["Key"]
    path = bucket.download(key, tmp_path / "normal.mkv")
    streams = ffprobe(path)["streams"]
    print([(s["tags"].get("title"), s["codec_name"], s["nb_read_frames"]) for s in streams])
    assert sorted((s["tags"]["title"], s["codec_name"]) for s in streams) == [
        ("Guest 0 audio", "opus"), ("Guest 0 video", "h264"),
        ("Guest 1 audio", "opus"), ("Guest 1 video", "vp8")]
    assert decode_errors(path) == ""
    assert all(int(s["nb_read_frames"]) > 0 for s in streams)
