"""Smoke tests of ``fjord bench sfu`` (end-to-end SFU load): output shape, no speed assertions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.report import ResultError, validate
from bench.sfu_load import keyframe_requests
from bench.sfu_mode import SfuBenchOptions, run_sfu_bench
from fjord.cli import main
from sfu.rtcp.fir import FullIntraRequest
from sfu.rtcp.pli import PictureLossIndication
from sfu.rtcp.rr import ReceiverReport


def test_sfu_bench_writes_valid_output(tmp_path: Path) -> None:
    options = SfuBenchOptions(publishers=1, subscribers=2, duration_s=0.6, settle_s=0.5,
                              drain_s=0.3, load_processes=2)
    result = run_sfu_bench(options, tmp_path, show_progress=False)
    saved = json.loads(Path(result["artifacts"]["json"]).read_text())
    validate(saved)
    assert saved["mode"] == "sfu"
    [subject] = saved["subjects"]
    counters = subject["runs"][0]["counters"]
    assert counters["sent"] > 0
    assert counters["expected"] == 2 * counters["sent"]
    assert 0 < counters["received"] <= counters["expected"]
    assert counters["forwarded"] > 0 and counters["unprotect_errors"] == 0
    assert subject["latency_cdf"] and subject["figures"]["latency_p50"]["value"] > 0
    for plot in saved["artifacts"]["plots"]:
        assert Path(plot).read_bytes()[:4] == b"\x89PNG"
    assert Path(result["artifacts"]["markdown"]).read_text().startswith("| figure |")


def test_sfu_schema_requires_the_sfu_figures(tmp_path: Path) -> None:
    result = {
        "format": "fjord-bench/1", "mode": "sfu", "started_utc": "2026-01-01T00:00:00Z",
        "wall_s": 1.0, "inputs": {}, "notes": [], "artifacts": {},
        "machine": {"cpu_model": "x", "logical_cores": 2, "usable_cores": 2, "python": "3",
                    "packages": {}},
        "subjects": [{"name": "S=1", "runs": [{"figures": {"loss": {"value": 0, "unit": "%"}}}],
                      "figures": {"loss": {"value": 0, "unit": "%"}}}],
        "comparison": {"figures": {}, "target": {"description": "t", "met": None}},
    }
    with pytest.raises(ResultError):
        validate(result)


def test_publisher_load_sees_keyframe_requests() -> None:
    rr = bytes(ReceiverReport(1, []))
    assert keyframe_requests(rr + bytes(PictureLossIndication(1, 2))) == {2}
    assert keyframe_requests(bytes(FullIntraRequest(1, 0, [(3, 0), (4, 1)])) + rr) == {3, 4}
    assert not keyframe_requests(rr)


def test_sfu_bench_simulcast_reports_layers_switches_and_caches(tmp_path: Path) -> None:
    """Three VP8 layers per publisher, a small-tile subscriber whose tiles change size:
    layer switches happen, each subscriber gets one layer (fewer packets than sent), the
    caches hold packets and subscribers sent transport-cc feedback."""
    options = SfuBenchOptions(publishers=1, subscribers=2, duration_s=1.5, settle_s=1.0,
                              drain_s=0.3, load_processes=2, simulcast=True,
                              constrained_pct=50, resize_s=0.5)
    result = run_sfu_bench(options, tmp_path, show_progress=False, plots=False)
    validate(json.loads(Path(result["artifacts"]["json"]).read_text()))
    [subject] = result["subjects"]
    figures, counters = subject["figures"], subject["runs"][0]["counters"]
    assert figures["consumers"]["value"] == 4  # 2 subscribers x (audio + video)
    assert 0 < counters["received"] <= counters["expected"]
    video_sent = counters["sent"] - 50 * options.duration_s  # less the audio, about
    assert counters["received"] < 2 * video_sent  # one layer each, not all three
    assert counters["layer_switches"] > 0 and figures["layer_switches_per_s"]["value"] > 0
    assert counters["retransmission_packets"] > 0
    assert figures["retransmission_memory"]["value"] > 0
    assert counters["transport_cc_feedback_sent"] > 0
    assert counters["unprotect_errors"] == 0


def test_sfu_cli_rejects_bad_options(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["bench", "sfu", "--publishers", "0", "--out", str(tmp_path), "--no-progress"]
    )
    assert outcome.exit_code != 0
    assert "publishers" in outcome.output
    assert not list(tmp_path.glob("*.json"))
