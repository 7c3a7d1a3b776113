"""recording.muxer: frames reach the sink as they come, whatever the other tracks do (a
camera turned off, a spare slot nobody took), and what it writes ffmpeg reads."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import av

from recording.muxer import MatroskaMuxer, TrackSpec

OPUS_SILENCE = b"\xfc\xff\xfe"


def test_a_track_without_frames_does_not_hold_the_others_back() -> None:
    """ffmpeg's own muxer (PyAV) held every packet while a VP8 track had none queued: ten
    seconds of audio stayed in memory and nothing went to the bucket."""
    out = bytearray()
    muxer = MatroskaMuxer(out.extend, [TrackSpec("audio", "Ada audio"),
                                       TrackSpec("video", "Ada video")])
    header = len(out)
    for i in range(500):  # 10 s of 20 ms Opus packets, the camera off
        muxer.write(0, i * 20, OPUS_SILENCE * 10, True)
    assert len(out) - header >= 0.5 * 500 * 30  # most of it already went out
    muxer.close()
    with av.open(io.BytesIO(bytes(out))) as container:
        audio, video = container.streams
        assert (audio.type, video.type) == ("audio", "video")
        assert audio.metadata["title"] == "Ada audio"
        assert sum(p.size > 0 for p in container.demux(audio)) == 500


def test_frames_out_of_order_within_a_track_are_dropped() -> None:
    out = bytearray()
    muxer = MatroskaMuxer(out.extend, [TrackSpec("video", "v")])  # no Opus codec delay
    assert muxer.write(0, 40, b"frame", True)
    assert not muxer.write(0, 40, b"frame", True)
    assert not muxer.write(0, 20, b"frame", False)
    assert muxer.write(0, 70_000, b"frame", False)  # beyond a cluster's 16-bit offsets
    muxer.close()
    with av.open(io.BytesIO(bytes(out))) as container:
        times = [p.pts for p in container.demux() if p.size > 0]
    assert times == [40, 70_000]


def test_a_file_closed_before_any_frame_is_readable(tmp_path: Path) -> None:
    """A recording stopped right after it started (or of people who never sent media) ends
    before any Cluster: ffprobe said "End of file" and failed on the completed object."""
    out = bytearray()
    muxer = MatroskaMuxer(out.extend, [TrackSpec("video", "Ada video"),
                                       TrackSpec("audio", "Ada audio")])
    muxer.close()
    muxer.close()
    path = tmp_path / "empty.mkv"
    path.write_bytes(bytes(out))
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                            "-of", "csv=p=0", str(path)], capture_output=True, timeout=60)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.decode().split() == ["vp8", "opus"]
    with av.open(io.BytesIO(bytes(out))) as container:
        assert [s.type for s in container.streams] == ["video", "audio"]
        assert not [p for p in container.demux() if p.size > 0]
