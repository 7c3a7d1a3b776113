"""Issue 14, acceptance 5 in a live room: two aiortc participants publish VP8 and Opus through
a real SfuWorker over loopback while the room is recorded into a bucket server behind a proxy
the test cuts (the bucket unreachable) mid-recording: for 30 s within the backlog's bound; past
it, until the recorder gave up and DETACHED_S more.

- Within the upload backlog's bound: nothing is lost; afterwards the file is complete (every
  track decodes, the audio covers the outage) and memory stayed within the bound.
- Past the bound: the recorder gives up during the outage (``wait_failed``), detaches from
  the room and stops cleanly; once the bucket is back, stopping completes what it holds as a
  playable partial file and reports the failure; memory stayed bounded all along.

Parts are 16 KiB here (moto's minimum lowered from S3's 5 MiB) so that a small aiortc room
fills several of them during the outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from pathlib import Path

import moto.s3.models
import pytest

from recording.bucket import s3_client
from recording.errors import UploadFailed
from recording.uploader import MultipartUploader
from sfu.control import SfuConfig
from sfu.recorder import RoomRecorder
from sfu.worker import SfuWorker
from tests.conftest import wait_until
from tests.recording.conftest import (
    Bucket,
    CuttableProxy,
    ErrorBucket,
    decode_errors,
    ffprobe,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "sfu"))
from sfu_clients import Publisher, loopback_only  # noqa: E402

pytestmark = [pytest.mark.timeout(240), pytest.mark.serial]
PART = 16 * 1024
OUTAGE_S = 30.0
DETACHED_S = 5.0
"""How long the room goes on, the bucket still down, after the recorder gave up: an attached
recorder would take hundreds of packets of the two publishers' media meanwhile."""


@pytest.fixture
async def proxy(bucket: Bucket, monkeypatch: pytest.MonkeyPatch) -> CuttableProxy:
    monkeypatch.setattr(moto.s3.models, "S3_UPLOAD_PART_MIN_SIZE", 1024)
    proxy = CuttableProxy(bucket.endpoint)
    await proxy.restore()
    yield proxy
    with contextlib.suppress(Exception):
        await proxy.cut()


class Room:
    """Two publishers in a recorded room; ``peak`` is the most memory the recording held
    (upload backlog plus the recorder's packet queue, sampled every 50 ms)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        loopback_only(monkeypatch)
        self.worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), None)
        self.publishers = [Publisher(self.worker, "room", f"p{i}") for i in range(2)]
        self.recorder: RoomRecorder | None = None
        self.peak = 0
        self._sampler: asyncio.Task[None] | None = None

    async def start(self, uploader: MultipartUploader) -> RoomRecorder:
        await self.worker.start()
        for publisher in self.publishers:
            await publisher.start()
        self.recorder = await self.worker.start_recording("room", uploader, str.upper,
                                                          gather_s=1.0)
        self._sampler = asyncio.create_task(self._sample(uploader, self.recorder))
        return self.recorder

    async def _sample(self, uploader: MultipartUploader, recorder: RoomRecorder) -> None:
        while True:
            held = uploader.buffered + sum(len(item[4]) for item in recorder._queue)
            self.peak = max(self.peak, held)
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        if self._sampler is not None:
            self._sampler.cancel()
        for publisher in self.publishers:
            await publisher.stop()
        await self.worker.close()


def uploader_through(proxy: CuttableProxy, bucket: Bucket, key: str, parts: int,
                     give_up_after: float) -> MultipartUploader:
    client = s3_client("us-east-1", proxy.endpoint, "AKIDTEST", "test-secret", timeout=2)
    return MultipartUploader(client, bucket.name, key, part_size=PART, hold_head=True,
                             max_parts_buffered=parts, retry_base=0.2, retry_max=1.0,
                             give_up_after=give_up_after)


async def test_a_30_s_bucket_outage_within_the_backlog_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, proxy: CuttableProxy, tmp_path: Path
) -> None:
    uploader = uploader_through(proxy, bucket, "outage.mkv", parts=64, give_up_after=60)
    room = Room(monkeypatch)
    loop = asyncio.get_running_loop()
    try:
        recorder = await room.start(uploader)
        started = time.time()  # the publishers pace their media by the wall clock
        assert await wait_until(lambda: uploader.uploaded >= PART, 60)  # part 2 is in
        await proxy.cut()
        cut = loop.time()
        assert await wait_until(lambda: uploader.retries > 0, 30)
        await asyncio.sleep(max(0.0, OUTAGE_S - (loop.time() - cut)))  # the bucket is down
        backlog = uploader.buffered
        await proxy.restore()
        assert await wait_until(lambda: uploader.buffered < backlog - PART, 60)
        size = await recorder.stop()
        elapsed = time.time() - started
    finally:
        await room.close()

    path = bucket.download("outage.mkv", tmp_path / "outage.mkv")
    assert path.stat().st_size == size
    streams = ffprobe(path)["streams"]
    print(f"recorded {elapsed:.1f} s, {size} bytes, backlog {backlog} B at the outage's end,"
          f" peak {room.peak} B:", [(s["tags"]["title"], s["nb_read_frames"]) for s in streams])
    assert [s["tags"]["title"] for s in streams] == [
        "P0 video", "P0 audio", "P1 video", "P1 audio"]
    assert decode_errors(path) == ""
    assert backlog > 2 * PART  # parts did pile up while the bucket was away
    assert recorder.stats.queue_drops == 0
    for video, audio in zip(streams[0::2], streams[1::2], strict=True):
        assert int(video["nb_read_frames"]) >= 0.9 * 30 * (elapsed - 1.5), video
        assert abs(int(audio["nb_read_frames"]) * 0.02 - elapsed) < 1.0, audio
    assert room.peak <= (64 + 2) * PART  # the backlog, the part being filled, part 1


async def test_past_the_backlog_bound_the_recording_ends_cleanly_with_a_playable_part(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, proxy: CuttableProxy, tmp_path: Path
) -> None:
    uploader = uploader_through(proxy, bucket, "partial.mkv", parts=2, give_up_after=5)
    room = Room(monkeypatch)
    try:
        recorder = await room.start(uploader)
        assert await wait_until(lambda: uploader.uploaded >= PART, 60)
        await proxy.cut()
        failed = asyncio.create_task(recorder.wait_failed())
        await asyncio.wait_for(failed, OUTAGE_S)  # gave up while the bucket is down
        assert recorder.stats.packets > 0
        packets = recorder.stats.packets
        await asyncio.sleep(DETACHED_S)  # the room goes on
        assert recorder.stats.packets == packets  # detached: the room costs it nothing now
        await proxy.restore()
        with pytest.raises(UploadFailed) as failure:
            await recorder.stop()
    finally:
        await room.close()
    assert "test-secret" not in str(failure.value) and "AKIDTEST" not in str(failure.value)

    path = bucket.download("partial.mkv", tmp_path / "partial.mkv")
    assert path.stat().st_size == recorder.uploaded > PART
    streams = ffprobe(path)["streams"]
    print(f"partial file {recorder.uploaded} bytes, peak {room.peak} B:",
          [(s["tags"]["title"], s["nb_read_frames"]) for s in streams])
    assert [s["tags"]["title"] for s in streams] == [
        "P0 video", "P0 audio", "P1 video", "P1 audio"]
    assert all(int(s["nb_read_frames"]) > 0 for s in streams)
    # A prefix of the file, cut where the bucket failed: ffmpeg decodes every frame in it
    # and says only that it ends early ("File ended prematurely", or "... at pos. N (0xN)"
    # when the cut falls inside an element it was reading: CI saw both).
    errors = decode_errors(path).splitlines()
    assert len(errors) == 1 and "File ended prematurely" in errors[0], errors
    assert room.peak <= (2 + 2) * PART + 256 * 1024  # plus one muxer write at most


async def test_a_bucket_refusing_the_credentials_ends_the_recording_within_seconds(
    monkeypatch: pytest.MonkeyPatch, error_bucket: ErrorBucket
) -> None:
    """A store that refuses the customer's key (an S3-compatible one names it with a code of
    its own, here InvalidArgument) ends the recording as soon as the tracks are declared,
    with the production bounds (5 MiB parts, a backlog of 4, 60 s): not after minutes of
    media have filled the backlog, with everyone's recording indicator on meanwhile."""
    error_bucket.status, error_bucket.code = 400, "InvalidArgument"
    client = s3_client(None, error_bucket.endpoint, "AKIDTEST", "test-secret", timeout=2)
    uploader = MultipartUploader(client, "rec-bucket", "refused.mkv", hold_head=True)
    room = Room(monkeypatch)
    try:
        recorder = await room.start(uploader)
        await asyncio.wait_for(recorder.wait_failed(), 10)
        with pytest.raises(UploadFailed, match="InvalidArgument"):
            await recorder.stop()
    finally:
        await room.close()
    assert uploader.retries == 0 and recorder.uploaded == 0
