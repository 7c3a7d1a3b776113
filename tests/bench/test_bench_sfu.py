"""Smoke tests of ``fjord bench sfu`` (end-to-end SFU load): output shape, no speed assertions."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench import janus_server
from bench.janus_server import JanusApi, JanusServer, janus_available, write_config
from bench.report import ResultError, validate
from bench.sfu_load import keyframe_requests, small_tile
from bench.sfu_mode import SfuBenchOptions, run_sfu_bench
from bench.sfu_session import SetupError
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
    assert Path(result["artifacts"]["markdown"]).read_text().count("\n| figure | unit |") == 1
    # what --ramp adds (bench/README.md): at one count it was an n/a row and a one-point plot
    assert "cpu_per_consumer_growth" not in saved["comparison"]["figures"]
    assert not [plot for plot in saved["artifacts"]["plots"] if "cpu-vs-consumers" in plot]


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
    assert "small tiles: 1 of 2 subscribers" in result["notes"]
    assert counters["transport_cc_feedback_sent"] > 0
    assert counters["unprotect_errors"] == 0


def test_sfu_cli_rejects_bad_options(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["bench", "sfu", "--publishers", "0", "--out", str(tmp_path), "--no-progress"]
    )
    assert outcome.exit_code != 0
    assert "publishers" in outcome.output
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.serial
def test_sfu_bench_versus_janus_delivers_through_both(tmp_path: Path) -> None:
    options = SfuBenchOptions(publishers=1, subscribers=2, duration_s=2.0, settle_s=0.5,
                              drain_s=0.3, load_processes=2, versus="janus")
    result = run_sfu_bench(options, tmp_path, show_progress=False)
    saved = json.loads(Path(result["artifacts"]["json"]).read_text())
    validate(saved)
    assert [s["name"] for s in saved["subjects"]] == ["fjord", "janus"]
    assert saved["machine"]["janus"].startswith("1.")
    for subject in saved["subjects"]:
        [run] = subject["runs"]
        counters = run["counters"]
        assert counters["sent"] > 0 and counters["unprotect_errors"] == 0
        assert 0 < counters["received"] <= counters["expected"] == 2 * counters["sent"]
        assert subject["figures"]["loss"]["value"] < 20, subject["name"]
        assert subject["figures"]["egress_pps_per_core"]["value"] > 0, subject["name"]
        assert subject["figures"]["latency_p50"]["value"] > 0
    janus = saved["subjects"][1]
    assert janus["figures"]["forwarded_pps"]["value"] is None
    versus = saved["comparison"]["figures"]["fjord_vs_janus_egress_pps_per_core"]["value"]
    assert versus > 0
    assert "Janus" in saved["comparison"]["target"]["description"]
    for plot in saved["artifacts"]["plots"]:
        assert Path(plot).read_bytes()[:4] == b"\x89PNG"


def test_sfu_cli_refuses_janus_with_ramp(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["bench", "sfu", "--vs", "janus", "--ramp", "--out", str(tmp_path),
               "--no-progress"]
    )
    assert outcome.exit_code != 0
    assert "ramp" in outcome.output
    assert not list(tmp_path.glob("*.json"))


def test_janus_config_keeps_janus_on_this_machine(tmp_path: Path) -> None:
    main_config = write_config(tmp_path, 18088, (40000, 40999), "fjordjanus0")
    text = main_config.read_text()
    assert 'ice_enforce_list = "fjordjanus0"' in text
    assert "ipv6 = false" in text and "ignore_mdns = true" in text
    for outside in ("stun_server", "turn_server", "nat_1_1_mapping", "turn_rest_api"):
        assert outside not in text
    http = (tmp_path / "janus.transport.http.jcfg").read_text()
    assert 'ip = "127.0.0.1"' in http and "port = 18088" in http
    assert "admin_http = false" in http and "https = false" in http
    assert sorted(p.name for p in (tmp_path / "plugins").iterdir()) == ["libjanus_videoroom.so"]
    assert sorted(p.name for p in (tmp_path / "transports").iterdir()) == ["libjanus_http.so"]


@pytest.mark.serial  # JanusServer adds a veth address aioice would gather
@pytest.mark.skipif(not janus_available(), reason="Janus is not installed")
def test_janus_shares_one_media_thread_like_fjords_worker(tmp_path: Path) -> None:
    """Fjord's SFU worker forwards on one thread; Janus with its default thread per handle,
    pinned to the same core, paid a thread switch per subscriber per packet."""
    server = JanusServer(tmp_path)
    try:
        api = JanusApi(server.url)
        tasks = Path(f"/proc/{server.popen.pid}/task")
        before = len(list(tasks.iterdir()))
        for _ in range(6):
            api.attach()
        assert len(list(tasks.iterdir())) == before
        api.close()
    finally:
        server.stop()


@pytest.mark.serial  # JanusServer adds a veth address aioice would gather
@pytest.mark.skipif(not janus_available(), reason="Janus is not installed")
def test_ctrl_c_for_the_benchmark_does_not_stop_janus_behind_its_back(tmp_path: Path) -> None:
    """Fjord's SFU process has a process group of its own, Janus did not: a Ctrl-C that the
    benchmark ignored (run as a background job of a script) killed Janus alone, and the
    comparison ended in "Janus exited with 0 during the run"."""
    import signal
    import subprocess
    import sys
    import time

    script = ("import signal, sys; from pathlib import Path; "
              "signal.signal(signal.SIGINT, signal.SIG_IGN); "
              "from bench.janus_server import JanusServer; "
              "server = JanusServer(Path(sys.argv[1])); print(server.popen.pid, flush=True); "
              "sys.stdin.readline(); server.stop()")
    bench = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             start_new_session=True)
    assert bench.stdin is not None and bench.stdout is not None
    try:
        janus = int(bench.stdout.readline())
        os.killpg(bench.pid, signal.SIGINT)  # what Ctrl-C does to the foreground group
        time.sleep(2)
        state = Path(f"/proc/{janus}/stat").read_text().rsplit(")", 1)[1].split()[0]
        assert state not in ("Z", "X"), "Janus stopped on the benchmark's Ctrl-C"
        bench.stdin.write("\n")
        bench.stdin.flush()
        assert bench.wait(30) == 0
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()


def test_janus_interface_is_never_added_next_to_real_interfaces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []
    monkeypatch.setattr(janus_server, "_interfaces", lambda: {"lo", "eth0"})
    monkeypatch.setattr(janus_server.subprocess, "run",
                        lambda command, **_: commands.append(command))
    with pytest.raises(SetupError, match="unshare -n"):
        janus_server.ensure_ice_interface()
    assert commands == []


@pytest.mark.parametrize("pct", [0, 10, 25, 33.3, 50, 75, 100])
def test_small_tiles_are_exactly_the_share_asked_for_at_every_count(pct: float) -> None:
    for count in range(1, 201):
        small = sum(small_tile(n, pct) for n in range(count))
        assert small == int(count * pct / 100 + 0.5), (pct, count, small)


@pytest.mark.parametrize("args, message", [
    (["--duration", "nan"], "not a finite number"),
    (["--fps", "inf"], "not a finite number"),
    (["--audio-pps", "-inf"], "not a finite number"),
    # a window of 1e12 s ended in an OverflowError traceback from time.sleep after setup
    # (--publishers 0: should the duration pass, the command fails before any run)
    (["--duration", "1e12", "--publishers", "0"], "'1e12' is above 86400"),
    (["--simulcast", "--resize", "1e12", "--publishers", "0"], "'1e12' is above 86400"),
    (["--resize", "1"], "--resize applies to --simulcast runs only"),
    (["--constrained-pct", "50"], "--constrained-pct applies to --simulcast runs only"),
    (["--ramp", "--runs", "3"], "--runs applies to fixed subscriber counts"),
    # --step and --max-subscribers shaped nothing without --ramp, and a maximum below the
    # first step was quietly raised to it.
    (["--step", "10"], "--step applies to --ramp runs only"),
    (["--max-subscribers", "50"], "--max-subscribers applies to --ramp runs only"),
    (["--ramp", "--subscribers", "40", "--max-subscribers", "20"],
     "--max-subscribers 20 is below --subscribers 40"),
])
def test_sfu_bench_options_that_cannot_be_honoured_are_refused(args: list[str],
                                                               message: str) -> None:
    outcome = CliRunner().invoke(main, ["bench", "sfu", *args])
    assert outcome.exit_code == 2, outcome.output
    assert message in outcome.output


@pytest.mark.parametrize("value", ["-1", "101"])
def test_sfu_bench_refuses_a_loss_limit_outside_0_to_100(tmp_path: Path, value: str) -> None:
    """--max-loss -1 ran the whole benchmark and reported "subscribers_held: most
    subscribers with loss <= -1.0 %" as n/a."""
    outcome = CliRunner().invoke(main, ["bench", "sfu", "--max-loss", value,
                                        "--out", str(tmp_path)])
    assert outcome.exit_code == 2, outcome.output
    assert "Error: --max-loss must be within 0-100 %" in outcome.output
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.parametrize("changes", [
    {"fps": 1e10},  # a frame every 0 ns: the publisher process looped for ever
    {"audio_pps": 2e9},
    {"packets_per_frame": 100_000},
    {"load_processes": 500},  # 500 interpreters with aiortc: out of memory
])
def test_sfu_bench_refuses_loads_it_cannot_generate(changes: dict) -> None:
    with pytest.raises(ValueError):
        SfuBenchOptions(**changes).validate()


@pytest.mark.skipif(not janus_available(), reason="Janus is not installed")
@pytest.mark.parametrize("missing, message", [
    # Janus runs pinned with taskset: without it the comparison ran all of Fjord's runs
    # and then failed with a FileNotFoundError at Janus's first.
    ("taskset", "taskset is not installed (apt-get install util-linux)"),
    # ip adds Janus's ICE interface: without it the command ended in
    # "fjord: [Errno 2] No such file or directory: 'ip'".
    ("ip", "ip is not installed (apt-get install iproute2)"),
])
def test_sfu_bench_versus_janus_without_its_tools_stops_before_any_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str, message: str) -> None:
    (tmp_path / "bin").mkdir()
    for tool in {"janus", "ip", "taskset"} - {missing}:  # everything else the comparison needs
        (tmp_path / "bin" / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    outcome = CliRunner().invoke(main, ["bench", "sfu", "--vs", "janus", "--no-progress",
                                        "--out", str(tmp_path)])
    assert outcome.exit_code == 2, outcome.output
    assert message in outcome.output
    assert not list(tmp_path.glob("*.json"))
