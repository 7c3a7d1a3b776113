"""Issue 14, the recorder's pipeline without a browser: real VP8 and Opus RTP (aiortc's
encoders), reordered and with a loss, through TrackRecorder -> Matroska -> S3 multipart
upload into a bucket server on loopback; ffprobe and ffmpeg then read and decode the object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from recording.age import recipient_of
from recording.muxer import TrackSpec
from recording.session import RecordingSession
from recording.uploader import MultipartUploader
from tests.recording.conftest import (
    AUDIO_FRAME_MS,
    VIDEO_FPS,
    AudioSource,
    Bucket,
    VideoSource,
    decode_errors,
    ffprobe,
)

SECONDS = 4
LATE_JOIN_MS = 1000
LOST_FRAME = 40
"""Participant 1 loses one packet of this video frame; the recorder asks for a keyframe."""


def specs_and_rates() -> tuple[list[TrackSpec], list[int]]:
    specs, rates = [], []
    for p in range(3):
        specs += [TrackSpec("video", f"participant-{p} video", 160, 120),
                  TrackSpec("audio", f"participant-{p} audio")]
        rates += [90000, 48000]
    return specs, rates


async def feed(session: RecordingSession, seconds: float = SECONDS) -> tuple[list, list]:
    """Three participants' media (the third joins at LATE_JOIN_MS); the frames sent."""
    videos = [VideoSource(seed=p) for p in range(3)]
    audios = [AudioSource(220.0 * (p + 1)) for p in range(3)]
    start = [0, 0, LATE_JOIN_MS]
    want_keyframe = [False] * 3
    sent_video = [0] * 3
    sent_audio = [0] * 3
    for tick in range(int(seconds * 1000) // AUDIO_FRAME_MS):
        now = tick * AUDIO_FRAME_MS
        for p in range(3):
            if now < start[p]:
                continue
            a = audios[p].packet(now)
            session.packet(2 * p + 1, a.seq, a.ts, a.marker, a.payload, a.arrival_ms)
            sent_audio[p] += 1
            while videos[p].index * 1000 / VIDEO_FPS <= now - start[p]:
                packets = videos[p].frame(want_keyframe[p], now)
                want_keyframe[p] = False
                sent_video[p] += 1
                if p == 1 and videos[p].index == LOST_FRAME and len(packets) > 1:
                    del packets[len(packets) // 2]  # lost on the way
                if len(packets) > 2:  # arrive out of order
                    packets[0], packets[1] = packets[1], packets[0]
                for v in packets:
                    if session.packet(2 * p, v.seq, v.ts, v.marker, v.payload, v.arrival_ms):
                        want_keyframe[p] = True  # a PLI to the publisher
        await session.drain()
    return sent_video, sent_audio


async def test_three_participants_recorded_into_the_bucket_and_decodable(
    bucket: Bucket, tmp_path: Path
) -> None:
    uploader = MultipartUploader(bucket.client, bucket.name, "room-1/rec.mkv")
    uploader.start()
    specs, rates = specs_and_rates()
    session = RecordingSession(uploader, specs, rates)
    sent_video, sent_audio = await feed(session)
    size = await session.finish()

    listed = bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]
    assert [(o["Key"], o["Size"]) for o in listed] == [("room-1/rec.mkv", size)]
    path = bucket.download("room-1/rec.mkv", tmp_path / "rec.mkv")
    info = ffprobe(path)
    streams = info["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["opus"] * 3 + ["vp8"] * 3
    assert [s["tags"]["title"] for s in streams] == [s.name for s in specs]
    assert decode_errors(path) == ""
    for p in range(3):
        video, audio = streams[2 * p], streams[2 * p + 1]
        assert int(video["nb_read_frames"]) >= 0.9 * sent_video[p], (p, video, sent_video)
        assert int(audio["nb_read_frames"]) >= sent_audio[p] - 1
        in_room_s = SECONDS - (LATE_JOIN_MS if p == 2 else 0) / 1000
        audio_s = int(audio["nb_read_frames"]) * AUDIO_FRAME_MS / 1000
        assert abs(audio_s - in_room_s) < 0.1
    first = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:2", "-show_entries", "packet=pts_time",
         "-read_intervals", "%+#1", "-of", "csv=p=0", str(path)],
        check=True, capture_output=True, text=True).stdout.split()[0]
    assert abs(float(first) - LATE_JOIN_MS / 1000) < 0.05  # the late joiner starts in place
    clean, lossy = session.tracks[0], session.tracks[2]  # participants 0 and 1, video
    assert clean.vp8 is not None and clean.vp8.dropped_frames == 0 and clean.reorder.lost == 0
    assert lossy.reorder.lost == 1  # the one lost packet, and only it
    # Frames from the loss to the requested keyframe: the reordering wait (200 ms) and one.
    assert lossy.vp8 is not None and 1 <= lossy.vp8.dropped_frames <= 8


async def test_an_encrypted_recording_is_age_ciphertext_that_fjord_decrypts(
    bucket: Bucket, tmp_path: Path
) -> None:
    """Acceptance 6: the object is age ciphertext; ``fjord recording decrypt`` with the
    private key gives a file ffprobe reads."""
    keygen = subprocess.run(["age-keygen"], check=True, capture_output=True, text=True).stdout
    key_file = tmp_path / "key.txt"
    key_file.write_text(keygen)
    identity = next(x for x in keygen.splitlines() if x.startswith("AGE-SECRET-KEY-1"))
    uploader = MultipartUploader(bucket.client, bucket.name, "enc.mkv.age")
    uploader.start()
    specs, rates = specs_and_rates()
    session = RecordingSession(uploader, specs, rates, encrypt_to=recipient_of(identity))
    await feed(session, seconds=1.5)
    await session.finish()
    sealed = bucket.read("enc.mkv.age")
    assert sealed.startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert b"\x1a\x45\xdf\xa3" not in sealed and b"participant-0" not in sealed  # no EBML
    (tmp_path / "enc.age").write_bytes(sealed)
    fjord = Path(sys.executable).with_name("fjord")
    subprocess.run([str(fjord), "recording", "decrypt", "--identity", str(key_file),
                    str(tmp_path / "enc.age"), str(tmp_path / "dec.mkv")], check=True,
                   capture_output=True, timeout=60)
    streams = ffprobe(tmp_path / "dec.mkv")["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["opus"] * 3 + ["vp8"] * 3
    assert decode_errors(tmp_path / "dec.mkv") == ""
    wrong = subprocess.run([str(fjord), "recording", "decrypt", "--identity", str(key_file),
                            "-", str(tmp_path / "x.mkv")], input=sealed[:-30],
                           capture_output=True, timeout=60)
    assert wrong.returncode == 1 and b"cannot decrypt" in wrong.stderr
    # Finding 13: the chunks authenticated before the failure stayed as a partial file.
    assert not (tmp_path / "x.mkv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dec.mkv", "enc.age", "key.txt"]


async def test_a_keyframe_placed_before_the_start_holds_the_track_until_the_next(
    bucket: Bucket, tmp_path: Path
) -> None:
    """A Sender Report can place a video track's first keyframe before the recording's
    start (its capture preceded it; the three-page Chromium test met this under load):
    the file cannot take a negative time, so that keyframe is left out. The delta frames
    after it were written anyway and did not decode ("Invalid data found when processing
    input"); the track now waits for, and asks for, its next keyframe."""
    uploader = MultipartUploader(bucket.client, bucket.name, "early.mkv")
    uploader.start()
    session = RecordingSession(uploader, [TrackSpec("video", "early video", 160, 120)],
                               [90000])
    video = VideoSource(seed=3)
    session.tracks[0].align(video.ts, -50)  # the first frame 50 ms before the start
    asked = []
    for index in range(3 * VIDEO_FPS):
        now = index * 1000 / VIDEO_FPS
        keyframe = index == 2 * VIDEO_FPS  # 2 s in, as a requested one would come
        for v in video.frame(keyframe, now):
            if session.packet(0, v.seq, v.ts, v.marker, v.payload, v.arrival_ms):
                asked.append(index)
    await session.finish()
    path = bucket.download("early.mkv", tmp_path / "early.mkv")
    assert decode_errors(path) == ""
    assert asked and asked[0] == 0  # asked at once, not when the next keyframe came
    assert int(ffprobe(path)["streams"][0]["nb_read_frames"]) == VIDEO_FPS  # from 2 s on
