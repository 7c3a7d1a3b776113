"""The SFU benchmark's measurement window (bench.sfu_mode._window) against fakes: which
windows it marks disturbed. No speed assertions."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest

from bench import sfu_mode
from bench.janus_server import janus_available
from bench.sfu_mode import SfuBenchOptions, _window
from bench.sfu_servers import SfuProcess


class FakeSfu:
    """An SFU that answers at once: 10 ms of CPU per reading, a counter that grows."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.forwarded = 0

    def cpu_s(self) -> float:
        self.cpu += 0.01
        return self.cpu

    def check_running(self) -> None:
        pass

    def stats(self) -> dict[str, Any]:
        self.forwarded += 100
        return {"forwarded_packets": self.forwarded, "layer_switches": 0, "consumers": 4,
                "retransmission_bytes": 0, "retransmission_packets": 0, "drops": {}}


class FakeLoad:
    """A load process's pipe; ``ack_late`` answers the window only after its end, as a
    load process starved of CPU does."""

    def __init__(self, report: dict[str, Any], ack_late: bool = False) -> None:
        self.report = report
        self.ack_late = ack_late
        self.replies: list[tuple[Any, ...]] = []

    def send(self, message: tuple[Any, ...]) -> None:
        if message[0] == "window":
            if self.ack_late:
                time.sleep(max(0.0, (message[2] - time.monotonic_ns()) / 1e9) + 0.05)
            self.replies.append(("ok",))
        elif message[0] == "report":
            self.replies.append(("report", self.report))

    def poll(self, timeout: float) -> bool:
        return bool(self.replies)

    def recv(self) -> tuple[Any, ...]:
        return self.replies.pop(0)


PUBLISHER = {"sent": {"0": [10, 40]}, "max_lag_ms": 1.0, "send_errors": 0}
SUBSCRIBER = {"received": 100, "latency_ns": [1_000_000] * 100, "jitter_ms": [0.1],
              "unprotect_errors": 0, "expected_video_by_seq": 0, "feedback_sent": 0,
              "socket_drops": 0}


def _run(ack_late: bool, duration_s: float = 1.0) -> dict[str, Any]:
    options = SfuBenchOptions(publishers=1, subscribers=2, duration_s=duration_s, drain_s=0.0)
    conns = [FakeLoad(PUBLISHER), FakeLoad(SUBSCRIBER, ack_late)]
    return _window(FakeSfu(), conns, options, subscribers=2)  # type: ignore[arg-type]


def test_a_window_read_on_time_is_not_disturbed() -> None:
    # 10 % of 3 s: room for a machine shared with other work to wake this process late
    assert not _run(ack_late=False, duration_s=3.0)["counters"]["disturbed"]


def test_a_window_taken_late_by_the_load_processes_is_disturbed() -> None:
    """When the load processes answer the window after it began, the SFU's CPU is read
    late, over a shorter span than the packets counted: egress packets per CPU second
    came out inflated (seen: 4.3 million at --fps 1e9) and the window was not flagged."""
    window = _run(ack_late=True)
    assert window["counters"]["disturbed"]
    assert window["counters"]["stats_delay_s"] > 1.0 * 0.1


def test_a_disturbed_window_does_not_decide_the_target(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A ramp's best window decided the target even when it was disturbed: one whose CPU was
    read over a shorter span than its packets reported an inflated egress per CPU second,
    which became best_egress_pps_per_core and "met"."""
    late = _run(ack_late=True)
    calm = copy.deepcopy(late)
    calm["counters"]["disturbed"] = False  # as read on time
    late["figures"]["subscribers"]["value"] = 4
    late["figures"]["egress_pps_per_core"]["value"] = 4_300_000.0
    assert late["counters"]["disturbed"] and not calm["counters"]["disturbed"]
    monkeypatch.setattr(sfu_mode, "_measure", lambda options, bar: [calm, late])
    options = SfuBenchOptions(publishers=1, subscribers=2, step=2, max_subscribers=4,
                              ramp=True, duration_s=1.0)
    result = sfu_mode.run_sfu_bench(options, tmp_path, show_progress=False, plots=False)
    comparison = result["comparison"]
    best = comparison["figures"]["best_egress_pps_per_core"]["value"]
    assert best == calm["figures"]["egress_pps_per_core"]["value"]
    assert comparison["figures"]["subscribers_held"]["value"] == 2
    assert "cpu_per_consumer_growth" in comparison["figures"]
    assert comparison["target"]["met"] is False
    assert any("S=4: every window disturbed" in note for note in result["notes"])


def test_an_sfu_that_died_is_an_error_not_aborted() -> None:
    """The SFU process killed during a run closed its control connection: the EOFError
    reached click, which printed only "Aborted!" (and a Janus or SFU that died between
    windows left a window of 100 % loss reported as a result)."""
    from bench.sfu_session import SetupError

    sfu = SfuProcess(-1)
    try:
        sfu.stats()
        sfu.popen.kill()
        sfu.popen.wait()
        with pytest.raises(SetupError, match="exited with -9 during the run"):
            sfu.stats()
        with pytest.raises(SetupError, match="exited with -9 during the run"):
            sfu.check_running()
        with pytest.raises(SetupError, match="is gone"):
            sfu.cpu_s()
    finally:
        sfu.stop()


def test_versus_plot_bars_are_the_reported_medians(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The Janus comparison's bar chart took the median of every run, while the table and
    the ratio leave out the runs that did not get their load: plot and report disagreed."""
    from bench import plots

    drawn: dict[str, Any] = {}

    def bar_chart(path: Path, title: str, label: str, bars: dict[str, Any]) -> Path:
        drawn.update(bars)
        return path

    monkeypatch.setattr(plots, "bar_chart", bar_chart)
    monkeypatch.setattr(plots, "cdf_chart", lambda path, *args: path)

    def run(pps: float) -> dict[str, Any]:
        return {"figures": {"egress_pps_per_core": {"value": pps, "unit": "packets/CPU s"}}}

    groups = {"fjord": [run(100.0), run(300.0), run(900.0)], "janus": [run(50.0)]}
    subjects = [{"name": "fjord", "latency_cdf": [],
                 "figures": {"egress_pps_per_core": {"value": 200.0, "unit": ""}}},
                {"name": "janus", "latency_cdf": [],
                 "figures": {"egress_pps_per_core": {"value": 50.0, "unit": ""}}}]
    sfu_mode._versus_plots(tmp_path, "sfu-x", groups, subjects)
    assert drawn == {"fjord": (200.0, [100.0, 300.0, 900.0]), "janus": (50.0, [50.0])}


def test_fixed_count_medians_leave_disturbed_windows_out(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """``--runs 3`` at one subscriber count took its medians over every window, a disturbed
    one (CPU read over a shorter span than its packets) included, while --vs janus and the
    TURN benchmark left such runs out."""
    late = _run(ack_late=True)
    calm = copy.deepcopy(late)
    calm["counters"]["disturbed"] = False
    late["figures"]["egress_pps_per_core"]["value"] = 4_300_000.0
    windows = [calm, late, copy.deepcopy(late)]
    monkeypatch.setattr(sfu_mode, "_measure", lambda options, bar: windows)
    options = SfuBenchOptions(publishers=1, subscribers=2, runs=3, duration_s=1.0)
    result = sfu_mode.run_sfu_bench(options, tmp_path, show_progress=False, plots=False)
    (subject,) = result["subjects"]
    assert subject["figures"]["egress_pps_per_core"]["value"] == (
        calm["figures"]["egress_pps_per_core"]["value"])
    assert len(subject["runs"]) == 3  # all reported, two left out of the medians
    assert any("2 disturbed window(s) left out of the medians" in n for n in result["notes"])


@pytest.mark.skipif(not janus_available(), reason="Janus is not installed")
def test_a_server_that_lost_packets_is_measured_not_excused(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every --vs janus run above 1 % loss was left out as one that "did not get its load":
    an SFU that lost packets in every run made the comparison "not measurable" instead of
    counting its loss. Only drops at the subscribers' own sockets mean that now."""
    lossy = _run(ack_late=False)
    lossy["figures"]["loss"]["value"] = 5.0
    lossy["figures"]["egress_pps_per_core"]["value"] = 100.0
    clean = copy.deepcopy(lossy)
    clean["figures"]["loss"]["value"] = 0.0
    clean["figures"]["egress_pps_per_core"]["value"] = 80.0
    windows = {"fjord": lossy, "janus": clean}
    monkeypatch.setattr(sfu_mode, "_measure",
                        lambda options, bar, subject, runs: [copy.deepcopy(windows[subject])])
    # No Janus runs: its veth must not be added to the parallel tests' namespace, where
    # aioice would gather its address as a host candidate.
    monkeypatch.setattr(sfu_mode, "ensure_ice_interface", lambda: "fjordjanus0")
    monkeypatch.setattr(sfu_mode, "janus_version", lambda: "1.1.2")
    options = SfuBenchOptions(publishers=1, subscribers=2, duration_s=1.0, versus="janus")
    result = sfu_mode.run_sfu_bench(options, tmp_path, show_progress=False, plots=False)
    assert result["comparison"]["figures"]["fjord_vs_janus_egress_pps_per_core"]["value"] == 1.25
    assert result["comparison"]["target"]["met"] is False
    lossy["figures"]["load_drops"]["value"] = 5.0  # the subscribers fell behind
    result = sfu_mode.run_sfu_bench(options, tmp_path, show_progress=False, plots=False)
    assert result["comparison"]["target"]["met"] is None
