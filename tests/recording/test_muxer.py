"""recording.muxer: frames reach the sink as they come, whatever the other tracks do (a
camera turned off, a spare slot nobody took), and what it writes ffmpeg reads."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import av
import pytest

from recording.muxer import (
    CLUSTER,
    CUES,
    SEEK_HEAD,
    SEGMENT_DATA_AT,
    SIMPLE_BLOCK,
    MatroskaMuxer,
    TrackSpec,
)
from recording.track_slots import _element

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



def elements(data: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(ID, offset, data offset, data end) of the EBML elements from ``start`` to ``end``."""
    found = []
    while start < end:
        element_id, data_start, size = _element(data, start)
        found.append((element_id, start, data_start, data_start + size))
        start = data_start + size
    return found


def uint(data: bytes, element: tuple[int, int, int, int]) -> int:
    return int.from_bytes(data[element[2]:element[3]], "big")


def test_a_closed_file_states_its_length_and_indexes_its_keyframes(tmp_path: Path) -> None:
    """end_edits: the Segment's size, a Duration up to the end of the last frame, and a
    SeekHead to Cues whose every CuePoint points at its frame: a video keyframe, the first
    of its track in its Cluster, and an audio frame every AUDIO_CUE_MS. Without them (what a
    salvaged file keeps) ffprobe states no duration."""
    out = bytearray()
    muxer = MatroskaMuxer(out.extend, [TrackSpec("video", "Ada video"),
                                       TrackSpec("audio", "Ada audio")])
    keyframes = (0, 1500, 9000, 9100)  # the last two in one Cluster
    for i in range(600):  # 12 s of Opus, and video at 10 frames/s
        muxer.write(1, i * 20, OPUS_SILENCE, True)
        if i % 5 == 0:
            muxer.write(0, i * 20, b"vp8 frame", i * 20 in keyframes)
    with pytest.raises(ValueError):
        muxer.end_edits()  # not known before the end
    muxer.close()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(bytes(out))
    for offset, data in muxer.end_edits():
        out[offset:offset + len(data)] = data
    whole = tmp_path / "whole.mkv"
    whole.write_bytes(bytes(out))

    for path, length in ((cut, "N/A"), (whole, "12.000000")):
        probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                "-of", "csv=p=0", str(path)], capture_output=True, timeout=60)
        assert probe.stdout.decode().strip() == length
    _, segment = elements(out, 0, len(out))
    assert segment[2] == SEGMENT_DATA_AT and segment[3] == len(out)
    top = elements(out, segment[2], segment[3])
    assert (top[0][0], top[-1][0]) == (SEEK_HEAD, CUES)
    (_, _, seek_at, seek_end), = elements(out, top[0][2], top[0][3])
    seek_id, seek_position = elements(out, seek_at, seek_end)
    assert uint(out, seek_id) == CUES
    assert segment[2] + uint(out, seek_position) == top[-1][1]

    cued = []
    for _, _, point_at, point_end in elements(out, top[-1][2], top[-1][3]):
        time, (_, _, positions_at, positions_end) = elements(out, point_at, point_end)
        track, cluster, relative = (uint(out, e) for e in elements(out, positions_at,
                                                                     positions_end))
        cluster_id, _, cluster_at, _ = elements(out, segment[2] + cluster, len(out))[0]
        assert cluster_id == CLUSTER
        cluster_time = elements(out, cluster_at, len(out))[0]
        block_id, block_at, _ = _element(out, cluster_at + relative)
        assert block_id == SIMPLE_BLOCK and out[block_at] == 0x80 | track
        assert out[block_at + 3] & 0x80  # a keyframe
        block_ms = uint(out, cluster_time) + int.from_bytes(out[block_at + 1:block_at + 3],
                                                            "big", signed=True)
        assert block_ms == uint(out, time)
        cued.append((block_ms, track))
    assert cued == sorted(cued)
    assert [ms for ms, track in cued if track == 1] == [0, 1500, 9000]
    assert [ms for ms, track in cued if track == 2] == [0, 5000, 10000]
