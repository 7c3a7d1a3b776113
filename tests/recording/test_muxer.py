"""recording.muxer: frames reach the sink as they come, whatever the other tracks do (a
camera turned off, a spare slot nobody took), and what it writes ffmpeg reads."""

from __future__ import annotations

import io

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
