"""A recording survives the death of the process recording it (SIGKILL, OOM, power loss):
part 1 of its file (the header) is uploaded as soon as it is full, so the bucket holds the
file's start while it records, and a restarted server completes the multipart upload the
dead process left from the parts the bucket holds. Before, part 1 stayed in memory until
the end, the upload was aborted and nothing of the recording was kept."""

from __future__ import annotations

import asyncio
import datetime as dt
import fractions
import os
import signal
import time
from pathlib import Path
from typing import Any

import av
import pytest
from aiortc import MediaStreamTrack

from recording.muxer import TrackSpec
from recording.session import RecordingSession
from recording.uploader import MultipartUploader
from signaling.recording_objects import salvage
from signaling.recording_settings import BucketDestination
from signaling.recordings import RecordingRecord
from tests.conftest import FjordServer, start_server, wait_until
from tests.features.test_webhooks import verified
from tests.integration.test_aiortc_group import GroupPeer
from tests.recording.conftest import (
    VIDEO_FPS,
    Bucket,
    H264Source,
    ffprobe,
    noise_vp8_keyframes,
    subscribed_receiver,
    video_frames,
)
from tests.signaling_client import SignalingClient

pytestmark = pytest.mark.usefixtures("loopback_host_candidates")
FPS = 15


class NoisyCamera(MediaStreamTrack):
    """VP8 keyframes of noise (:func:`noise_vp8_keyframes`), encoded once and sent again and
    again (aiortc packs encoded packets as they are)."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.keyframes = noise_vp8_keyframes(fps=FPS)
        self.index = 0
        self.started = time.monotonic()

    async def recv(self) -> av.Packet:
        due = self.started + self.index / FPS
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        packet = av.Packet(self.keyframes[self.index % len(self.keyframes)])
        packet.pts, packet.time_base = self.index * 90000 // FPS, fractions.Fraction(1, 90000)
        self.index += 1
        return packet


async def test_an_early_first_part_carries_the_header_known_then(bucket: Bucket,
                                                                 tmp_path: Path) -> None:
    """``early_head``: part 1 goes to the bucket as soon as it is full, with what the header
    knows by then: a spare slot taken since is named (and H.264), each H.264 track has its
    decoder configuration and picture size. A file completed from that part alone (what a
    dead process leaves, completed by :func:`salvage`) names and decodes them."""
    part = 64 * 1024  # one part only: the last part of an upload may be that small
    uploader = MultipartUploader(bucket.client, bucket.name, "early.mkv", part_size=part,
                                 hold_head=True, early_head=True)
    uploader.start()
    session = RecordingSession(uploader, [
        TrackSpec("video", "Ada video", codec="h264"), TrackSpec("video", "", spare=True),
        TrackSpec("audio", "", spare=True)], [90000, 90000, 48000])
    assert session.assign("video", "Linus video", "h264") == 1
    sources = [H264Source(0), H264Source(1)]
    tick = 0
    while uploader.size < part + 1024:  # part 1 full, part 2 far from it
        for track, source in enumerate(sources):
            for v in source.frame(tick == 0, tick * 1000 / VIDEO_FPS):
                session.packet(track, v.seq, v.ts, v.marker, v.payload, v.arrival_ms)
        tick += 1
    assert await wait_until(lambda: uploader.uploaded == part, 20)
    # The process dies here: its part 1 is all the bucket holds.
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    record = RecordingRecord("rec_1", "org_1", "room", "", "early.mkv", "recording", 0,
                             dt.datetime.now(dt.UTC), None, destination)
    assert await salvage(record, ["127.0.0.1"]) == part
    assert await salvage(record, ["127.0.0.1"]) == part  # again: the object it made

    streams = ffprobe(bucket.download("early.mkv", tmp_path / "early.mkv"))["streams"]
    assert [(s["codec_name"], s["tags"]["title"], s["width"], s["height"])
            for s in streams[:2]] == [("h264", "Ada video", 320, 240),
                                      ("h264", "Linus video", 320, 240)]
    assert all(int(s["nb_read_frames"]) > 0 for s in streams[:2])
    assert [s["tags"]["title"][:11] for s in streams[2:]] == ["fjord-slot-"]  # still free


@pytest.mark.timeout(420)
@pytest.mark.serial
async def test_a_recording_whose_server_was_killed_is_kept_up_to_its_last_part(
        server: FjordServer, bucket: Bucket, tmp_path: Path) -> None:
    """``fjord serve`` SIGKILLed under a live room once a part of its recording is in the
    bucket: restarted, it completes the upload at once (it waited for the dead process's
    lease, up to 80 s); the API and ``recording.failed`` say the
    recording failed (ended early) with the kept file's size, and that file plays."""
    receiver, hook = subscribed_receiver(server, ["recording.failed"])
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                "accessKeyId": "AKIDCRASH000000001",
                "accessKeySecret": "crash-secret-0123456789"}}})
    assert status == 201, meeting
    client = await SignalingClient.connect(server, meeting["roomUrl"])
    await client.join("Guest", meeting["roomUrl"])
    peer = GroupPeer(client)
    await peer.publish(video=NoisyCamera())
    signaling = asyncio.create_task(peer.serve_signaling())

    def parts() -> list[int]:
        uploads = bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", [])
        return [p["PartNumber"] for u in uploads for p in bucket.client.list_parts(
            Bucket=bucket.name, Key=u["Key"], UploadId=u["UploadId"]).get("Parts", [])]

    try:
        assert await wait_until(lambda: parts() != [], 120, interval=0.5), \
            server.log_text()[-3000:]
        os.kill(server.process.pid, signal.SIGKILL)  # as an OOM kill or a lost host
        await asyncio.to_thread(server.process.wait, 30)
    finally:
        signaling.cancel()
        await peer.close()
    assert bucket.client.list_objects_v2(Bucket=bucket.name).get("Contents", []) == []

    restarted = start_server("serve", server.env, server.log_path, server.api_key)
    server.process = restarted.process  # the fixture stops this one
    up = time.monotonic()

    def recordings() -> list[dict]:
        return server.request("GET", "/v1/recordings")[1]["results"]

    # The restarted node ends at once what its dead process held (the same node, another
    # boot), without waiting for that process's lease (60 s, then up to a 20 s pass).
    assert await wait_until(lambda: recordings()[0]["state"] != "recording", 60,
                            interval=0.5), server.log_text()[-3000:]
    assert time.monotonic() - up < 20, "recovered only when the dead process's lease ran out"
    record = recordings()[0]
    assert record["state"] == "failed"  # it ended early, not as its room did
    assert record["endDate"] is not None
    assert bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", []) == []
    size = bucket.client.head_object(Bucket=bucket.name, Key=record["filename"])["ContentLength"]
    assert size >= 5 * 1024 * 1024  # at least part 1
    assert round(record["sizeInMegaBytes"] * 1e6) == size
    assert await wait_until(lambda: receiver.delivered() != [], 30)
    envelope = verified(hook["secret"], receiver.delivered()[0])
    receiver.stop()
    event = envelope["data"]
    assert envelope["type"] == "recording.failed"
    assert event["recordingId"] == record["recordingId"]
    assert event["status"] == "failed" and "no live server recorded it" in event["error"]
    assert round(event["sizeInMegaBytes"] * 1e6) == size

    path = bucket.download(record["filename"], tmp_path / "recovered.mkv")
    streams = {s.get("tags", {}).get("title"): s for s in ffprobe(path)["streams"]}
    assert streams["Guest video"]["codec_name"] == "vp8"
    assert streams["Guest audio"]["codec_name"] == "opus"
    assert int(streams["Guest video"]["nb_read_frames"]) > 0
    times = [t for t, _, _ in video_frames(path, str(streams["Guest video"]["index"]))]
    assert times and times[-1] > times[0]  # a non-zero duration of decoded video


async def test_a_salvage_lists_again_when_part_1_was_replaced_meanwhile(
        bucket: Bucket, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stopping recording's last upload of part 1 (its header with the file's length) can
    land between a salvage's ListParts and its CompleteMultipartUpload: the ETag listed no
    longer matches, the bucket refuses with InvalidPart, and the salvage took that for a
    permanent failure and kept nothing. It lists again and completes with the new part."""
    from signaling import recording_objects

    key, first, last = "replaced.mkv", os.urandom(5 * 1024 * 1024), os.urandom(1000)
    upload_id = bucket.client.create_multipart_upload(Bucket=bucket.name, Key=key)["UploadId"]
    for number, body in ((1, first), (2, last)):
        bucket.client.upload_part(Bucket=bucket.name, Key=key, UploadId=upload_id,
                                  PartNumber=number, Body=body)
    again, replaced = bytes(reversed(first)), []
    listed = recording_objects._contiguous

    def listing_then_replaced(*args: Any) -> list[dict[str, Any]]:
        parts = listed(*args)
        if not replaced:  # the first listing only: the stopping recorder's upload lands
            replaced.append(bucket.client.upload_part(
                Bucket=bucket.name, Key=key, UploadId=upload_id, PartNumber=1, Body=again))
        return parts

    monkeypatch.setattr(recording_objects, "_contiguous", listing_then_replaced)
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    record = RecordingRecord("rec_2", "org_1", "room", "", key, "recording", 0,
                             dt.datetime.now(dt.UTC), None, destination)
    assert await salvage(record, ["127.0.0.1"]) == len(again) + len(last)
    assert bucket.read(key) == again + last
