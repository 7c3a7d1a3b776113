"""A finished recording states its length: the Segment's Duration, and Cues a SeekHead
points to, written into room its header keeps once the bucket holds every other part of
the file. Before, ffprobe gave no duration (players an unknown length, seeking by reading
clusters). A file cut short, what a crash leaves (completed from the parts in the bucket)
or a failed upload keeps, states no length: never one it does not hold."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from recording.age import decrypt, new_identity, recipient_of
from recording.bucket import s3_client
from recording.errors import UploadFailed
from recording.muxer import TrackSpec
from recording.session import RecordingSession
from recording.uploader import MIN_PART, MultipartUploader
from signaling.recording_objects import salvage
from signaling.recording_settings import BucketDestination
from signaling.recordings import RecordingRecord
from tests.conftest import free_port, wait_until
from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS
from tests.recording.conftest import (
    AUDIO_FRAME_MS,
    AudioSource,
    Bucket,
    CuttableProxy,
    NoiseSource,
    decode_errors,
)

FPS = 15


def session_of(uploader: MultipartUploader, encrypt_to: str | None = None) -> RecordingSession:
    """A recording of one participant's camera and microphone, as the recorder makes it."""
    uploader.start()
    return RecordingSession(uploader, [TrackSpec("video", "Ada video", 320, 240),
                                       TrackSpec("audio", "Ada audio")], [90000, 48000],
                            encrypt_to)


async def record(session: RecordingSession, seconds: float) -> None:
    """``seconds`` of a camera of noise (every frame a keyframe, about 1 MB/s) and a tone,
    from 0 on the recording's timeline, fed as fast as the upload takes them."""
    video, audio = NoiseSource(FPS), AudioSource(440.0)
    for tick in range(int(seconds * 1000) // AUDIO_FRAME_MS):
        now = tick * AUDIO_FRAME_MS
        a = audio.packet(now)
        session.packet(1, a.seq, a.ts, a.marker, a.payload, a.arrival_ms)
        while video.index * 1000 / FPS <= now:
            for v in video.frame(now):
                session.packet(0, v.seq, v.ts, v.marker, v.payload, v.arrival_ms)
        await session.drain()


def duration(path: Path) -> float | None:
    """ffprobe's duration of the file (None: it states none)."""
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                          "csv=p=0", str(path)], check=True, capture_output=True, text=True,
                         timeout=60).stdout.strip()
    return None if out in ("", "N/A") else float(out)


def frame_after_seeking(path: Path, seconds: float) -> float:
    """The time of the first video frame ``ffmpeg -ss seconds`` decodes (in the file's
    time: ``-copyts``)."""
    out = subprocess.run(["ffmpeg", "-hide_banner", "-copyts", "-ss", str(seconds), "-i",
                          str(path), "-map", "0:v:0", "-frames:v", "1", "-vf", "showinfo",
                          "-f", "null", "-"], capture_output=True, text=True, timeout=60)
    found = re.search(r"pts_time:([0-9.]+)", out.stderr)
    assert found, out.stderr[-2000:]
    return float(found.group(1))


def production_uploader(client: object, bucket: str, key: str, **options: object,
                        ) -> MultipartUploader:
    """The recorder's uploader of an unencrypted file (sfu_control.local): part 1 held for
    the header's last edits, and uploaded early too, for a process that dies."""
    return MultipartUploader(client, bucket, key, hold_head=True, early_head=True, **options)


async def test_a_finished_recording_states_its_duration_and_seeks(bucket: Bucket,
                                                                  tmp_path: Path) -> None:
    """10 s in three parts: part 1 went to the bucket early (without the length, which was
    not known then) and again at the end with it."""
    uploader = production_uploader(bucket.client, bucket.name, "long.mkv")
    session = session_of(uploader)
    await record(session, 10)
    assert uploader.size > 2 * MIN_PART  # three parts
    assert await wait_until(lambda: uploader.uploaded >= MIN_PART, 30)  # part 1, early
    await session.finish()

    path = bucket.download("long.mkv", tmp_path / "long.mkv")
    assert duration(path) == pytest.approx(10.0, abs=0.1)
    assert decode_errors(path) == ""
    for middle in (5.0, 7.5):  # a keyframe at each frame: the seek lands on it
        assert frame_after_seeking(path, middle) == pytest.approx(middle, abs=1.5 / FPS)


async def test_an_encrypted_recording_states_its_duration(bucket: Bucket,
                                                          tmp_path: Path) -> None:
    """An age file's part 1 is uploaded once, at the end (its first chunk is sealed again
    then, with the header's edits): the Duration is among them."""
    identity = new_identity()
    uploader = MultipartUploader(bucket.client, bucket.name, "enc.mkv.age", hold_head=True)
    session = session_of(uploader, encrypt_to=recipient_of(identity))
    await record(session, 6)
    assert uploader.size > MIN_PART  # two parts
    await session.finish()

    path = bucket.download("enc.mkv.age", tmp_path / "enc.mkv.age")
    plain = tmp_path / "plain.mkv"
    with path.open("rb") as source:
        plain.write_bytes(b"".join(decrypt(identity, source)))
    assert duration(plain) == pytest.approx(6.0, abs=0.1)
    assert frame_after_seeking(plain, 3.0) == pytest.approx(3.0, abs=1.5 / FPS)


async def salvaged_recording(bucket: Bucket, path: Path) -> Path:
    """What a crash leaves, at ``path``: the process dies with part 1 (uploaded early) in the
    bucket, and the file is completed from it."""
    uploader = production_uploader(bucket.client, bucket.name, path.name)
    session = session_of(uploader)
    await record(session, 7)  # part 1 full, part 2 not
    assert await wait_until(lambda: uploader.uploaded == MIN_PART, 30)
    # The process dies here: finish() never runs.
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    record_ = RecordingRecord("rec_1", "org_1", "room", "", path.name, "recording", 0,
                              dt.datetime.now(dt.UTC), None, destination)
    assert await salvage(record_, ["127.0.0.1"]) == MIN_PART
    return bucket.download(path.name, path)


async def test_a_salvaged_recording_states_no_duration(bucket: Bucket, tmp_path: Path) -> None:
    """The file completed from what a crash leaves plays its frames and claims no length
    (the recording was longer than it)."""
    path = await salvaged_recording(bucket, tmp_path / "dead.mkv")
    assert duration(path) is None
    assert frame_after_seeking(path, 2.0) == pytest.approx(2.0, abs=1.5 / FPS)


async def test_a_recording_whose_upload_failed_states_no_duration(
        bucket: Bucket, proxy: CuttableProxy, tmp_path: Path) -> None:
    """The bucket goes away while the recording ends and comes back for the completion of
    what it holds: part 1 (with the final track names) and no more, without the length of
    the whole recording (a previous attempt wrote it there)."""
    client = s3_client("us-east-1", proxy.endpoint, "AKIDTEST", "test-secret", timeout=1)
    uploader = production_uploader(client, bucket.name, "cut.mkv", retry_base=0.1,
                                   retry_max=0.3, give_up_after=1.5)
    session = session_of(uploader)
    await record(session, 7)
    assert await wait_until(lambda: uploader.uploaded == MIN_PART, 30)
    await proxy.cut()
    finishing = asyncio.create_task(session.finish())
    assert await wait_until(lambda: uploader.failure is not None, 30)
    await proxy.restore()
    with pytest.raises(UploadFailed):
        await finishing

    path = bucket.download("cut.mkv", tmp_path / "cut.mkv")
    assert path.stat().st_size == MIN_PART
    assert duration(path) is None


PLAY_JS = """
async (src) => {
  const video = document.createElement("video");
  video.muted = true;
  document.body.append(video);
  await new Promise((loaded, failed) => {
    video.onloadedmetadata = loaded;
    video.onerror = () => failed(new Error(`${video.error.code}: ${video.error.message}`));
    video.src = src;
  });
  return video.duration;
}
"""
SEEK_JS = """
async (target) => {
  const video = document.querySelector("video");
  const shown = new Promise(show => video.requestVideoFrameCallback((now, frame) =>
    show(frame.mediaTime)));
  await new Promise(seeked => {
    video.addEventListener("seeked", seeked, {once: true});
    video.currentTime = target;
  });
  const timeout = new Promise(late => setTimeout(() => late(null), 10000));
  return [video.currentTime, video.readyState, await Promise.race([shown, timeout])];
}
"""


@contextlib.asynccontextmanager
async def chromium_playing(directory: Path) -> AsyncIterator[object]:
    """A page of Chromium and a loopback HTTP server of ``directory``'s files that answers
    Range requests (as a bucket does: a player fetches the Cues at the file's end by one)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    async_api = pytest.importorskip("playwright.async_api")
    port = free_port()
    files = Starlette(routes=[Mount("/", StaticFiles(directory=directory))])
    server = uvicorn.Server(uvicorn.Config(files, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    serving = asyncio.create_task(server.serve())
    try:
        await wait_until(lambda: server.started or serving.done(), 30)
        assert server.started, "the file server did not start"
        async with async_api.async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
            try:
                page = await browser.new_page()
                await page.goto(f"http://127.0.0.1:{port}/none")  # the file's origin
                yield page
            finally:
                await browser.close()
    finally:
        server.should_exit = True
        await serving


@pytest.mark.serial  # async Playwright: before the sync browser tests (tests/conftest.py)
async def test_a_finished_recording_plays_and_seeks_in_chromium(bucket: Bucket,
                                                               tmp_path: Path) -> None:
    """What a customer's browser makes of the file from the bucket: a <video> states its
    length, seeks to the middle and shows the frame there."""
    uploader = production_uploader(bucket.client, bucket.name, "long.mkv")
    session = session_of(uploader)
    await record(session, 10)
    await session.finish()
    bucket.download("long.mkv", tmp_path / "long.mkv")

    async with chromium_playing(tmp_path) as page:
        assert await page.evaluate(PLAY_JS, "long.mkv") == pytest.approx(10.0, abs=0.1)
        position, ready, shown = await page.evaluate(SEEK_JS, 5.0)
    assert position == pytest.approx(5.0, abs=1.5 / FPS)
    assert ready >= 2  # HAVE_CURRENT_DATA: the frame there
    assert shown == pytest.approx(5.0, abs=1.5 / FPS)


@pytest.mark.serial  # async Playwright: before the sync browser tests (tests/conftest.py)
async def test_a_salvaged_recording_plays_in_chromium(bucket: Bucket, tmp_path: Path) -> None:
    """A file without Duration: Chromium states an unknown length (Infinity) and seeks in
    it; a seek past what the file holds lands on its last frame, and then the length is
    that of the file (docs/recording.md, "Length and seeking")."""
    await salvaged_recording(bucket, tmp_path / "dead.mkv")

    async with chromium_playing(tmp_path) as page:
        assert await page.evaluate(PLAY_JS, "dead.mkv") == float("inf")
        position, ready, shown = await page.evaluate(SEEK_JS, 2.0)
        assert (position, ready) == (pytest.approx(2.0, abs=1.5 / FPS), 4)
        assert shown == pytest.approx(2.0, abs=1.5 / FPS)
        position, ready, shown = await page.evaluate(SEEK_JS, 6.5)  # recorded, not kept
        length = await page.evaluate("document.querySelector('video').duration")
    assert 2.0 < position == length < 6.5
    assert ready >= 2
    assert shown == pytest.approx(position, abs=1.5 / FPS)
