"""Smoke tests of ``fjord bench hotpath`` and its pure RTP source (no speed assertions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.hotpath_mode import HotpathOptions, run_hotpath_bench
from bench.report import validate
from bench.rtp_source import RtpSource, StreamInfo
from fjord.cli import main
from sfu.rtp.header import PAYLOAD_START, PT, SEQ, SSRC, read_header
from sfu.rtp.keyframe import vp8_is_keyframe

AUDIO = StreamInfo(ssrc=11, payload_type=111, mid="0", mid_id=1, audio_level_id=2)
VIDEO = StreamInfo(ssrc=22, payload_type=96, mid="1", mid_id=1, abs_send_time_id=3)


def test_rtp_source_sizes_order_and_single_keyframe() -> None:
    source = RtpSource(AUDIO, VIDEO, audio_size=100, video_size=1200, video_per_audio=4)
    packets = [source.next() for _ in range(20)]
    headers = [read_header(p) for p in packets]
    assert [h[SSRC] for h in headers[:5]] == [11, 22, 22, 22, 22]
    assert [len(p) for p in packets[:5]] == [100, 1200, 1200, 1200, 1200]
    assert {h[PT] for h in headers} == {111, 96}
    video = [(p, h) for p, h in zip(packets, headers, strict=True) if h[SSRC] == 22]
    seqs = [h[SEQ] for _, h in video]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    keyframes = [vp8_is_keyframe(p[h[PAYLOAD_START]:]) for p, h in video]
    assert keyframes[0] and not any(keyframes[1:])


def test_rtp_source_refuses_too_small_packets() -> None:
    with pytest.raises(ValueError):
        RtpSource(AUDIO, None, audio_size=10).next()


def test_hotpath_bench_writes_valid_output(tmp_path: Path) -> None:
    options = HotpathOptions(subscribers=[1, 3], duration_s=0.2, runs=1, chunk=50)
    result = run_hotpath_bench(options, tmp_path, show_progress=False)
    validate(result)
    saved = json.loads(Path(result["artifacts"]["json"]).read_text())
    validate(saved)
    assert [s["name"] for s in saved["subjects"]] == ["S=1", "S=3"]
    for subject, count in zip(saved["subjects"], (1, 3), strict=True):
        counters = subject["runs"][0]["counters"]
        assert counters["hot_ingress"] > 0
        # Every ingress packet reaches every subscriber once the key frame went through.
        assert counters["hot_egress"] == count * counters["hot_ingress"]
        assert 0 < counters["hot_arrived"] <= counters["hot_egress"]
        assert counters["floor_egress"] == count * (counters["floor_egress"] // count)
        assert subject["figures"]["hot_vs_floor"]["value"] is not None
    assert Path(result["artifacts"]["plots"][0]).read_bytes()[:4] == b"\x89PNG"


def test_the_progress_bar_ends_at_the_end(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The bar counted two timed loops per run and count, the hot path and the floor, and
    went on to 150 % (with a negative time left) through the batched floor; and each loop's
    last chunk, which ends past its duration, took it past 100 % on a loaded machine."""
    import re

    options = HotpathOptions(subscribers=[1], duration_s=0.3, runs=1)
    run_hotpath_bench(options, tmp_path, show_progress=True, plots=False)
    shown = [int(pct) for pct in re.findall(r"(\d+)%\|", capsys.readouterr().err)]
    assert shown and max(shown) <= 100, shown


def test_hotpath_cli_rejects_bad_counts(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["bench", "hotpath", "--subscribers", "1,x", "--out", str(tmp_path)]
    )
    assert outcome.exit_code != 0
    assert "Invalid value for '--subscribers': expected comma-separated" in outcome.output
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.parametrize("value", ["-1", "-2"])
def test_hotpath_cli_rejects_a_negative_video_share(tmp_path: Path, value: str) -> None:
    """A negative --video-per-audio used to end in a ZeroDivisionError traceback (or a
    meaningless packet order) after the room was set up."""
    outcome = CliRunner().invoke(
        main, ["bench", "hotpath", "--video-per-audio", value, "--out", str(tmp_path)]
    )
    assert outcome.exit_code == 2, outcome.output
    assert "Error: --video-per-audio must be within 0-1000" in outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert not list(tmp_path.glob("*.json"))


def test_a_sink_that_died_is_an_error_with_its_exit_code() -> None:
    """The sink killed mid-run ended the benchmark in "fjord: [Errno 32] Broken pipe"."""
    import socket

    from bench.hotpath_mode import Sink
    from bench.sfu_session import SetupError

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sink = Sink([sock])
    sock.close()
    try:
        assert sink.count(settle_s=0) == 0
        sink.popen.kill()
        sink.popen.wait()
        with pytest.raises(SetupError, match="sink process exited with -9"):
            sink.count(settle_s=0)
    finally:
        sink.stop()


def test_hotpath_cli_refuses_a_repeated_count(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """--subscribers 10,10 measured 10 subscribers twice and reported it once: results are
    kept per count, so the first measurement silently vanished."""
    from bench import hotpath_mode

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the benchmark ran")

    monkeypatch.setattr(hotpath_mode, "run_hotpath_bench", no_run)
    outcome = CliRunner().invoke(
        main, ["bench", "hotpath", "--subscribers", "10,10", "--out", str(tmp_path)]
    )
    assert outcome.exit_code == 2, outcome.output
    assert "'--subscribers': a subscriber count is repeated" in outcome.output
