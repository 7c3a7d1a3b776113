"""Issue 14, acceptance 3's late joiner: a participant who publishes after the recording's
header was written (Matroska declares its tracks up front) is in the file, under its own
name, from its first keyframe: it takes a spare slot the header declared, and the slots
nobody took are gone from the file (recording.track_slots). Every video track declares
the size its publisher sent, not the one declared before its first frame."""

from __future__ import annotations

import asyncio
import io
import sys
import time
from pathlib import Path

import pytest

from recording.age import decrypt, new_identity, recipient_of
from recording.uploader import MultipartUploader
from sfu.control import SfuConfig
from sfu.worker import SfuWorker
from tests.conftest import wait_until
from tests.recording.conftest import Bucket, decode_errors, ffprobe

sys.path.insert(0, str(Path(__file__).parents[1] / "sfu"))
from sfu_clients import Publisher, loopback_only  # noqa: E402

pytestmark = [pytest.mark.timeout(120), pytest.mark.serial]
LATE_S = 4.0
"Seconds the late participant publishes (after the header was written)."


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "age"])
async def test_a_participant_joining_after_the_header_is_in_the_file(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, tmp_path: Path, encrypted: bool
) -> None:
    """Encrypted: the header's edits are sealed again into the first age chunk."""
    identity = new_identity()
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), None)
    await worker.start()
    early, late = Publisher(worker, "room", "early"), Publisher(worker, "room", "late")
    names = {"early": "Ada Early", "late": "Grace Late"}
    try:
        await early.start()
        uploader = MultipartUploader(bucket.client, bucket.name, "late.mkv", hold_head=True)
        recorder = await worker.start_recording(
            "room", uploader, names.__getitem__, gather_s=1.0,
            encrypt_to=recipient_of(identity) if encrypted else None)
        assert await wait_until(lambda: recorder.session is not None, 20)
        assert recorder.session.muxer.bytes_written > 0 or await wait_until(
            lambda: recorder.session.muxer.bytes_written > 0, 20)  # the header is out
        await late.start()
        loop = asyncio.get_running_loop()
        joined = loop.time()
        wall_joined = time.time()  # aiortc paces media by the wall clock
        assert await wait_until(lambda: recorder.session.frames_written[2] > 0, 20)
        await asyncio.sleep(max(0.0, LATE_S - (loop.time() - joined)))
        size = await recorder.stop()
        late_s = time.time() - wall_joined
    finally:
        await late.stop()
        await early.stop()
        await worker.close()

    body = bucket.read("late.mkv")
    assert len(body) == size > 0
    if encrypted:
        assert body.startswith(b"age-encryption.org/v1\n")
        body = b"".join(decrypt(identity, io.BytesIO(body)))
    path = tmp_path / "late.mkv"
    path.write_bytes(body)
    streams = ffprobe(path)["streams"]
    print(f"late participant published {late_s:.2f} s:",
          [(s["tags"].get("title"), s["codec_name"], s["nb_read_frames"]) for s in streams])
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Ada Early video"), ("opus", "Ada Early audio"),
        ("vp8", "Grace Late video"), ("opus", "Grace Late audio")]
    assert decode_errors(path) == ""
    # The header declared each video track's size before any frame came (640x480): it says
    # the size the publishers sent (160x120), an original track's and a slot's alike.
    assert [(s["width"], s["height"]) for s in streams if s["codec_type"] == "video"] == [
        (160, 120), (160, 120)]
    assert recorder.stats.late_tracks == 0
    late_video, late_audio = streams[2], streams[3]
    # aiortc's test track runs at 30 frames/s, its audio in 20 ms packets; the late video
    # starts on its first keyframe, which the recorder requested when the track came.
    assert int(late_video["nb_read_frames"]) >= 0.9 * 30 * (late_s - 1.5), late_video
    assert abs(int(late_audio["nb_read_frames"]) * 0.02 - late_s) < 1.0, late_audio


async def test_a_participant_who_reconnects_goes_on_in_its_own_tracks(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, tmp_path: Path
) -> None:
    """A participant whose connection drops comes back as a new participant under the same
    name: it goes on in its earlier tracks instead of taking spare slots. It took a slot
    pair each time, so after 8 reconnects it was left out of the rest of the meeting (the
    end of a consultation missing from a file reported completed)."""
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), None)
    await worker.start()
    early = Publisher(worker, "room", "early")
    names = {"early": "Ada Early"} | {f"late{i}": "Grace Late" for i in range(10)}
    try:
        await early.start()
        uploader = MultipartUploader(bucket.client, bucket.name, "rejoin.mkv", hold_head=True)
        recorder = await worker.start_recording("room", uploader, names.__getitem__,
                                                gather_s=1.0)
        assert await wait_until(lambda: recorder.session is not None, 20)
        for i in range(10):  # more stays than the 8 spare slots
            before = recorder.session.frames_written[2]
            late = Publisher(worker, "room", f"late{i}")
            await late.start()
            # This stay is in the file, for a few frames at least.
            assert await wait_until(lambda b=before: recorder.session.frames_written[2] > b + 5,
                                    20), i
            await late.stop()
            await worker.leave("room", f"late{i}")
        size = await recorder.stop()
        written = recorder.session.frames_written[2]
    finally:
        await early.stop()
        await worker.close()

    path = bucket.download("rejoin.mkv", tmp_path / "rejoin.mkv")
    assert path.stat().st_size == size > 0
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Ada Early video"), ("opus", "Ada Early audio"),
        ("vp8", "Grace Late video"), ("opus", "Grace Late audio")]
    assert recorder.stats.late_tracks == 0
    assert int(streams[2]["nb_read_frames"]) == written  # every stay's video
    assert decode_errors(path) == ""


async def test_a_participant_who_leaves_before_the_header_keeps_its_name(
    monkeypatch: pytest.MonkeyPatch, bucket: Bucket, tmp_path: Path
) -> None:
    """A participant who leaves while the recorder still gathers tracks (the first seconds
    of a recording, or a graceful restart then) is in the file under its display name. The
    name was looked up only when the header was written; the participant was gone from the
    room by then, and its tracks were named by its participant id."""
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), None)
    await worker.start()
    early = Publisher(worker, "room", "early")
    in_room = {"early": "Ada Early"}

    def names(participant_id: str) -> str:  # as the recording control's: the id once gone
        return in_room.get(participant_id, participant_id)

    try:
        await early.start()
        uploader = MultipartUploader(bucket.client, bucket.name, "left.mkv", hold_head=True)
        recorder = await worker.start_recording("room", uploader, names, gather_s=30.0)
        await asyncio.sleep(1.0)  # some media, no header yet
        assert recorder.session is None
        await early.stop()
        await worker.leave("room", "early")
        del in_room["early"]
        await recorder.stop()
    finally:
        await worker.close()

    streams = ffprobe(bucket.download("left.mkv", tmp_path / "left.mkv"))["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Ada Early video"), ("opus", "Ada Early audio")]
