"""Issue 14, the recorder inside the SFU: three aiortc participants publish VP8 and Opus
through a real SfuWorker over loopback; the room's recorder taps the forwarded RTP and
streams one Matroska file to the bucket, which ffprobe reads as 3 video + 3 audio tracks
and ffmpeg decodes."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest

from recording.uploader import MultipartUploader
from sfu.control import SfuConfig
from sfu.worker import SfuWorker
from tests.conftest import wait_until
from tests.recording.conftest import Bucket, decode_errors, ffprobe

sys.path.insert(0, str(Path(__file__).parents[1] / "sfu"))
from sfu_clients import Publisher, loopback_only  # noqa: E402

pytestmark = pytest.mark.timeout(90)
RECORD_S = 5.0


async def test_a_room_of_three_aiortc_publishers_is_recorded(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, tmp_path: Path
) -> None:
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), None)
    await worker.start()
    publishers = [Publisher(worker, "room", f"p{i}") for i in range(3)]
    try:
        await publishers[0].start()
        uploader = MultipartUploader(bucket.client, bucket.name, "room/rec.mkv")
        recorder = await worker.start_recording("room", uploader, lambda pid: f"guest-{pid}",
                                          gather_s=2.0)
        for publisher in publishers[1:]:  # join after the recording started
            await publisher.start()
        loop = asyncio.get_running_loop()
        started = loop.time()
        wall_started = time.time()
        assert await wait_until(lambda: recorder.session is not None, 15)
        await asyncio.sleep(max(0.0, RECORD_S - (loop.time() - started)))  # the meeting runs
        size = await recorder.stop()
        elapsed = time.time() - wall_started  # aiortc paces media by the wall clock
    finally:
        for publisher in publishers:
            await publisher.stop()
        await worker.close()

    path = bucket.download("room/rec.mkv", tmp_path / "rec.mkv")
    assert path.stat().st_size == size > 0
    streams = ffprobe(path)["streams"]
    assert [s["codec_name"] for s in streams] == ["vp8", "opus"] * 3
    assert [s["tags"]["title"] for s in streams] == [
        f"guest-p{i} {kind}" for i in range(3) for kind in ("video", "audio")]
    assert decode_errors(path) == ""
    assert recorder.stats.queue_drops == 0 and recorder.stats.late_tracks == 0
    print(f"recorded {elapsed:.2f} s, {size} bytes; frames per track:",
          [(s["codec_name"], s["nb_read_frames"]) for s in streams])
    for video, audio in zip(streams[0::2], streams[1::2], strict=True):
        # aiortc's test track sends 30 frames/s; the file holds each publisher's frames
        # from its first keyframe on.
        assert int(video["nb_read_frames"]) >= 0.9 * 30 * (elapsed - 1.5), video
        audio_s = int(audio["nb_read_frames"]) * 0.02
        assert abs(audio_s - elapsed) < 1.0, (audio_s, elapsed)
