"""``fjord bench sfu``: end-to-end load on an SFU worker process (issue 7): one
orchestration of the fixed load, the ramp and the Janus comparison, which share the
window's measurement and the report (the servers under test: :mod:`bench.sfu_servers`).

The SFU (:mod:`bench.sfu_runner`) runs alone in its process, pinned to the last usable
core. Load processes (:mod:`bench.sfu_load`, pinned to the other cores when there are
any) do real ICE, DTLS and SRTP against it: one process holds the ``publishers``
publishers (paced Opus + VP8-shaped RTP with stamped payloads), the others share the
subscribers, each receiving every publisher's audio and video. Publishers send from the
end of the first subscribers' setup to the end; measurements are windows of
``duration_s`` seconds of send time, after ``settle_s`` seconds that let new subscribers
get their key frame.

Per window: SFU CPU seconds (the process's CPU clock, all threads, to the nanosecond) and
forwarded packets (worker counters) between its start and end; subscribers count the
packets stamped inside the window that arrived, their one-way latency and RFC 3550
jitter. Loss is ``1 - arrived / (sent in the window x subscribers)``.

``ramp``: start at ``subscribers``, add ``step`` more after each window, stop when loss
exceeds ``max_loss_pct``, the SFU core is saturated (``saturation_pct`` of one core) or
``max_subscribers`` is reached.

``versus="janus"``: Janus (:mod:`bench.janus_server`, VideoRoom) gets the same load, pinned
to the same core, its CPU read the same way; the servers alternate run by run (fjord,
janus, fjord, ...), each run a fresh server, room and load processes, one window each.
Subjects are then ``fjord`` and ``janus``; the comparison adds
``fjord_vs_janus_egress_pps_per_core``. Janus has no forwarded-packet counter here, so its
``forwarded_pps`` and ``cpu_us_per_packet`` are null.

``simulcast`` (issue 12): publishers send three VP8 layers, subscribers send transport-cc
feedback and every ``constrained_pct`` % of them show small tiles whose size changes every
``resize_s`` (:mod:`bench.sfu_load`); each subscriber then receives one layer per
publisher, so loss counts every audio packet for every subscriber and, for video, the
sequence numbers missing in each received stream (RFC 3550 A.3). Windows also report
consumers, layer switches per second and what the retransmission caches hold.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .figures import cdf_points, figure, median_figures, median_of_runs, percentile, ratio
from .janus_server import ensure_ice_interface, janus_available, janus_version
from .machine import machine_info, python_path_notes
from .progress import progress
from .report import DEFAULT_RESULTS_DIR, FORMAT, claimed_base, utc_stamp, write_result
from .sfu_load import LoadSpec, load_main, small_tile
from .sfu_servers import JanusProcess, SfuProcess
from .sfu_session import SetupError
from .turn_servers import start_load_process

TARGET_PPS_PER_CORE = 200_000
TARGET_LOSS_PCT = 0.5
TARGET_VS_JANUS = 2.0
DISTURBED_LAG_MS = 100.0
DISTURBED_STATS_SHARE = 0.1
"""A window whose SFU counters took longer than this share of it to read (the SFU process
starved by other work), or were read that much after the window's edges (the load
processes took the window late), is disturbed: packets and CPU are counted over shifted
spans."""
MAX_PROCESSES = 64
"""Most load processes: each holds a Python interpreter with aiortc (tens of MB)."""
SETUP_S_PER_LEG = 10.0
"""Seconds allowed per participant a load process sets up (SDP, ICE, DTLS) on top of a
minute: a machine shared with other work can starve the processes that long."""


@dataclass
class SfuBenchOptions:
    """Inputs of an SFU benchmark (recorded in the result's ``inputs``)."""

    publishers: int = 2
    subscribers: int = 20
    ramp: bool = False
    step: int = 0
    """Subscribers added per ramp step (0: as many as ``subscribers``)."""
    max_subscribers: int = 400
    duration_s: float = 3.0
    """Measured seconds per window."""
    runs: int = 1
    """Windows at a fixed subscriber count (without ``ramp``); medians are reported."""
    load_processes: int = 3
    """One publisher process plus ``load_processes - 1`` subscriber processes."""
    settle_s: float = 1.0
    drain_s: float = 0.5
    fps: float = 30.0
    packets_per_frame: int = 5
    video_size: int = 1100
    audio_pps: float = 50.0
    audio_size: int = 100
    max_loss_pct: float = 1.0
    saturation_pct: float = 95.0
    versus: str = "none"
    """"janus": alternate runs with Janus on the same load; "none": Fjord alone."""
    simulcast: bool = False
    """Publishers send three VP8 layers; subscribers send transport-cc feedback, and
    ``constrained_pct`` % of them show small tiles (``video-viewport``)."""
    constrained_pct: float = 25.0
    "Share of subscribers with small tiles (simulcast), %."
    resize_s: float = 2.0
    "Seconds between a small tile's size changes (a layer switch each)."
    keyframe_interval_s: float = 3.0
    "Seconds between a simulcast layer's periodic key frames."

    def validate(self) -> None:
        """Raise ValueError on inputs that cannot make a meaningful run."""
        if not 1 <= self.publishers <= 50:
            raise ValueError("--publishers must be within 1-50")
        if not 1 <= self.subscribers <= 1900:
            raise ValueError("--subscribers must be within 1-1900")
        if not self.subscribers <= self.max_subscribers <= 1900:
            raise ValueError("--max-subscribers must be within --subscribers-1900")
        if not 2 <= self.load_processes <= MAX_PROCESSES:
            raise ValueError(f"--load-processes must be within 2-{MAX_PROCESSES} (publishers, "
                             "subscribers)")
        if self.duration_s <= 0:
            raise ValueError("--duration must be positive")
        if self.runs < 1:
            raise ValueError("--runs must be at least 1")
        if self.step < 0:
            raise ValueError("--step must not be negative")
        if not 60 <= self.video_size <= 1200:
            raise ValueError("--video-size must be within 60-1200 bytes")
        if not 60 <= self.audio_size <= 1200:
            raise ValueError("audio_size must be within 60-1200 bytes")
        if not (0 < self.fps <= 1000 and 0 < self.audio_pps <= 1000):
            raise ValueError("--fps and --audio-pps must be above 0 and at most 1000")
        if not 1 <= self.packets_per_frame <= 100:
            raise ValueError("--packets-per-frame must be within 1-100")
        if not 0 <= self.max_loss_pct <= 100:
            raise ValueError("--max-loss must be within 0-100 %")
        if self.versus not in ("none", "janus"):
            raise ValueError("--vs must be janus or none")
        if self.versus == "janus" and self.ramp:
            raise ValueError("--vs janus compares one load: leave out --ramp")
        if self.versus == "janus" and not janus_available():
            raise ValueError("Janus is not installed (apt-get install janus), or use --vs none")
        if self.versus == "janus" and shutil.which("taskset") is None:
            # found before Fjord's runs, not when Janus's first run starts it pinned
            raise ValueError("taskset is not installed (apt-get install util-linux): Janus "
                             "runs pinned to one core with it; or use --vs none")
        if self.versus == "janus" and shutil.which("ip") is None:
            raise ValueError("ip is not installed (apt-get install iproute2): it adds the "
                             "interface Janus gathers ICE candidates on; or use --vs none")
        if self.ramp and self.runs != 1:
            raise ValueError("--runs applies to fixed subscriber counts: leave it out with --ramp")
        if self.versus == "janus" and self.simulcast:
            raise ValueError("--vs janus compares plain streams: leave out --simulcast")
        if not 0 <= self.constrained_pct <= 100 or self.resize_s < 0.2 \
                or self.keyframe_interval_s <= 0:
            raise ValueError("--constrained-pct must be within 0-100, --resize at least 0.2 s "
                             "(a client sends at most 5 video-viewport per second), "
                             "keyframe_interval_s positive")



def _expect(conn: Any, kind: str, timeout_s: float) -> Any:
    if not conn.poll(timeout_s):
        raise SetupError(f"load process sent no {kind!r} within {timeout_s:.0f} s")
    message = conn.recv()
    if message[0] == "error":
        raise SetupError(message[1])
    if message[0] != kind:
        raise SetupError(f"load process sent {message[0]!r}, expected {kind!r}")
    return message[1] if len(message) > 1 else None


def _cores() -> tuple[int, list[int]]:
    try:
        usable = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return -1, []
    if len(usable) < 2:
        return -1, []
    return usable[-1], usable[:-1]


def _delta(stats0: dict[str, Any], stats1: dict[str, Any], key: str) -> int | None:
    """How much counter ``key`` grew over a window; None for a server without it."""
    return None if stats1[key] is None else stats1[key] - stats0[key]


def _window(sfu: SfuProcess | JanusProcess, conns: list[Any], options: SfuBenchOptions,
            subscribers: int) -> dict[str, Any]:
    start_ns = time.monotonic_ns() + 200_000_000
    end_ns = start_ns + int(options.duration_s * 1e9)
    for conn in conns:
        conn.send(("window", start_ns, end_ns))
    for conn in conns:
        _expect(conn, "ok", 30)
    time.sleep(max(0.0, (start_ns - time.monotonic_ns()) / 1e9))
    sfu.check_running()
    cpu0, wall0, stats0 = sfu.cpu_s(), time.monotonic(), sfu.stats()
    # The window is off when the SFU answered late, or when the load processes took the
    # window so late that the CPU is read after it began: CPU over a shorter span than
    # the packets counted inflated egress packets per CPU second.
    late = max(time.monotonic() - wall0, wall0 - start_ns / 1e9)
    time.sleep(max(0.0, (end_ns - time.monotonic_ns()) / 1e9))
    cpu1, wall1, stats1 = sfu.cpu_s(), time.monotonic(), sfu.stats()
    sfu.check_running()
    late = max(late, time.monotonic() - wall1, wall1 - end_ns / 1e9)
    time.sleep(options.drain_s)
    reports = []
    for conn in conns:
        conn.send(("report",))
    for conn in conns:
        reports.append(_expect(conn, "report", 60))
    publisher, receivers = reports[0], reports[1:]
    sent = sum(sum(kinds) for kinds in publisher["sent"].values())
    received = sum(r["received"] for r in receivers)
    switches = _delta(stats0, stats1, "layer_switches")
    latencies = sorted(v / 1e6 for r in receivers for v in r["latency_ns"])
    jitters = [j for r in receivers for j in r["jitter_ms"]]
    cpu_s = cpu1 - cpu0
    wall_s = wall1 - wall0
    forwarded = _delta(stats0, stats1, "forwarded_packets")
    if options.simulcast:  # every audio packet to everyone, video as each stream's numbers say
        audio_sent = sum(kinds[0] for kinds in publisher["sent"].values())
        expected = (audio_sent * subscribers
                    + sum(r["expected_video_by_seq"] for r in receivers))
    else:
        expected = sent * subscribers
    duration = options.duration_s
    loss = 100.0 * (1 - received / expected) if expected else None
    load_drops = sum(r["socket_drops"] for r in receivers)
    figures = {
        "subscribers": figure(subscribers, "subscribers"),
        "offered_ingress_pps": figure(sent / duration, "packets/s"),
        "egress_pps": figure(received / duration, "packets/s"),
        "forwarded_pps": figure(ratio(forwarded, wall_s), "packets/s"),
        "sfu_cpu_load": figure(ratio(100.0 * cpu_s, wall_s), "% of one core"),
        "cpu_us_per_packet": figure(ratio(cpu_s * 1e6, forwarded), "CPU us/packet"),
        "egress_pps_per_core": figure(ratio(received, cpu_s), "packets/CPU s"),
        "loss": figure(loss, "%"),
        "load_drops": figure(ratio(100.0 * load_drops, expected),
                             "% of expected, dropped at load sockets"),
        "latency_p50": figure(percentile(latencies, 0.5), "ms one-way"),
        "latency_p99": figure(percentile(latencies, 0.99), "ms one-way"),
        "jitter": figure(sum(jitters) / len(jitters) if jitters else None, "ms"),
        "client_max_lag": figure(publisher["max_lag_ms"], "ms"),
        "consumers": figure(stats1["consumers"], "consumers"),
        "layer_switches_per_s": figure(ratio(switches, wall_s), "switches/s"),
        "retransmission_memory": figure(ratio(stats1["retransmission_bytes"], 1024), "KiB"),
    }
    counters = {
        "sent": sent,
        "expected": expected,
        "received": received,
        "forwarded": forwarded,
        "sfu_cpu_s": cpu_s,
        "measured_wall_s": wall_s,
        "send_errors": publisher["send_errors"],
        "unprotect_errors": sum(r["unprotect_errors"] for r in receivers),
        "load_socket_drops": load_drops,
        "sfu_drops": {k: v - stats0["drops"].get(k, 0) for k, v in stats1["drops"].items()},
        "disturbed": bool(publisher["max_lag_ms"] > DISTURBED_LAG_MS
                          or late > DISTURBED_STATS_SHARE * duration),
        "stats_delay_s": late,
        "layer_switches": switches,
        "retransmission_packets": stats1["retransmission_packets"],
        "transport_cc_feedback_sent": sum(r["feedback_sent"] for r in receivers),
    }
    return {"figures": figures, "counters": counters, "latencies_ms": latencies}


def _sound(window: dict[str, Any], options: SfuBenchOptions) -> bool:
    """The window got and took the load it asked for: no publisher lag beyond
    :data:`DISTURBED_LAG_MS`, and the subscribers' sockets dropped no more than
    ``max_loss_pct`` of the packets expected. Loss beyond that is the server's: it stays,
    in the delivered packets per CPU second it lowers."""
    drops = window["figures"]["load_drops"]["value"]
    return (not window["counters"]["disturbed"] and drops is not None
            and drops <= options.max_loss_pct)


def _add_subscribers(conns: list[Any], first: int, count: int) -> None:
    shares: list[list[str]] = [[] for _ in conns]
    for number in range(first, first + count):
        shares[number % len(conns)].append(f"subscriber-{number}")
    for conn, share in zip(conns, shares, strict=True):
        conn.send(("add", share))
    for conn, share in zip(conns, shares, strict=True):
        _expect(conn, "added", 60 + SETUP_S_PER_LEG * len(share))


def _measure(options: SfuBenchOptions, bar: Any, subject: str = "fjord",
             runs: int | None = None) -> list[dict[str, Any]]:
    """Windows of one server (``subject`` "fjord" or "janus") under the load of
    ``options``; ``runs`` windows at the fixed count (``options.runs`` by default)."""
    sfu_core, load_cores = _cores()
    sfu: SfuProcess | JanusProcess = (JanusProcess(sfu_core, options.publishers)
                                        if subject == "janus" else SfuProcess(sfu_core))
    ctx = multiprocessing.get_context("spawn")
    processes: list[Any] = []
    conns: list[Any] = []
    windows: list[dict[str, Any]] = []
    finished = False
    try:
        for index in range(options.load_processes):
            spec = LoadSpec(
                index=index,
                role="publisher" if index == 0 else "subscriber",
                target=sfu.target,
                core=load_cores[index % len(load_cores)] if load_cores else -1,
                fps=options.fps,
                packets_per_frame=options.packets_per_frame,
                video_size=options.video_size,
                audio_pps=options.audio_pps,
                audio_size=options.audio_size,
                seed=index + 1,
                simulcast=options.simulcast,
                keyframe_interval_s=options.keyframe_interval_s,
                constrained_pct=options.constrained_pct if options.simulcast else 0.0,
                resize_s=options.resize_s,
            )
            parent, child = ctx.Pipe()
            processes.append(start_load_process(ctx, load_main, (spec, child)))
            conns.append(parent)
        conns[0].send(("add", [f"publisher-{i}" for i in range(options.publishers)]))
        _expect(conns[0], "added", 60 + SETUP_S_PER_LEG * options.publishers)
        count = 0
        step = options.step or options.subscribers
        target = options.subscribers
        while True:
            _add_subscribers(conns[1:], count, target - count)
            if count == 0:
                # Media starts once the first subscribers are connected: an SFU saturated
                # by forwarding answers new DTLS handshakes too late (ramp steps after the
                # first join while media flows, as in a live room).
                conns[0].send(("start",))
                _expect(conns[0], "ok", 30)
            count = target
            time.sleep(options.settle_s)
            repeats = 1 if options.ramp else (runs or options.runs)
            for _ in range(repeats):
                window = _window(sfu, conns, options, count)
                windows.append(window)
                if bar is not None:
                    bar.update(1)
            if not options.ramp:
                break
            fig = windows[-1]["figures"]
            loss = fig["loss"]["value"]
            load = fig["sfu_cpu_load"]["value"] or 0.0
            if (loss is None or loss > options.max_loss_pct
                    or load >= options.saturation_pct
                    or count + step > options.max_subscribers):
                break
            target = count + step
        for conn in conns:
            conn.send(("stop",))
        finished = True
    except SetupError as exc:
        raise SetupError(f"{subject}: {exc}") from exc
    finally:
        for process in processes:  # after a failure or a signal they are not waited for
            process.join(10 if finished else 0)
            if process.is_alive():
                process.kill()
                process.join(5)
        sfu.stop()
    return windows


def run_sfu_bench(
    options: SfuBenchOptions,
    out_dir: Path = DEFAULT_RESULTS_DIR,
    show_progress: bool | None = None,
    plots: bool = True,
    command: str = "",
) -> dict[str, Any]:
    """Run, write JSON + Markdown (+ PNG); returns the result dict.

    Raises:
        ValueError: invalid options.
        SetupError: the SFU or a load process failed to start, negotiate or report.
    """
    options.validate()
    started = time.time()
    started_utc = utc_stamp(started)
    machine = machine_info()
    step = options.step or options.subscribers
    planned = (1 + (options.max_subscribers - options.subscribers) // step
               if options.ramp else options.runs)
    groups: dict[str, list[dict[str, Any]]] = {}
    if options.versus == "janus":
        ensure_ice_interface()  # before any run: refuses outside a loopback-only namespace
        machine["janus"] = janus_version()
        with progress(2 * options.runs, "sfu", show_progress) as bar:
            for _ in range(options.runs):
                for subject in ("fjord", "janus"):
                    groups.setdefault(subject, []).extend(
                        _measure(options, bar, subject, runs=1))
    else:
        with progress(planned, "sfu", show_progress) as bar:
            for window in _measure(options, bar):
                count = int(window["figures"]["subscribers"]["value"])
                groups.setdefault(f"S={count}", []).append(window)
    kept = {name: [r for r in runs if _sound(r, options)] for name, runs in groups.items()}
    if options.versus != "janus":  # a loss above the limit is a finding here, lag is not
        kept = {name: [r for r in runs if not r["counters"]["disturbed"]]
                for name, runs in groups.items()}
    subjects = []
    for name, runs in groups.items():
        medians = median_figures(kept[name] or runs)
        latencies = sorted(v for r in runs for v in r["latencies_ms"])
        count = int(medians["subscribers"]["value"] or 0)
        server = {"fjord": "Fjord's SFU worker process: ",
                  "janus": f"Janus {machine.get('janus')} VideoRoom: "}.get(name, "")
        subjects.append({
            "name": name,
            "description": f"{server}{options.publishers} publishers (audio + video"
                           f"{' in 3 simulcast layers' if options.simulcast else ''}), "
                           f"{count} subscribers each receiving all of them",
            "figures": medians,
            "runs": [{"figures": r["figures"], "counters": r["counters"]} for r in runs],
            "latency_cdf": cdf_points(latencies),
            "latency_cdf_unit": "ms one-way",
        })
    fjord_subjects = [s for s in subjects if s["name"] != "janus"]

    def value(subject: dict[str, Any], key: str) -> float | None:
        return subject["figures"][key]["value"]

    # Windows that were all disturbed (publisher lag, counters read off the window) decide
    # neither the target nor the count held: their load or their CPU span was not the one
    # the figures stand for.
    calm = [s for s in fjord_subjects if not all(r["counters"]["disturbed"] for r in s["runs"])]
    clean = [s for s in calm
             if value(s, "loss") is not None and value(s, "loss") < TARGET_LOSS_PCT]
    held = [s for s in calm
            if value(s, "loss") is not None and value(s, "loss") <= options.max_loss_pct]
    best = max((value(s, "egress_pps_per_core") or 0.0 for s in clean), default=None)
    best_held = max(held, key=lambda s: value(s, "subscribers") or 0, default=None)
    subs_held = value(best_held, "subscribers") if best_held else None
    load_held = value(best_held, "sfu_cpu_load") if best_held else None
    comparison_figures = {
        "best_egress_pps_per_core": figure(best, "packets/CPU s"),
        "subscribers_held": figure(subs_held, "subscribers"),
        "sfu_cpu_load_held": figure(load_held, "% of one core"),
        "subscribers_per_core": figure(
            ratio(100.0 * subs_held, load_held) if subs_held else None,
            "subscribers/core",
        ),
    }
    target: dict[str, Any] = {
        "description": f">= {TARGET_PPS_PER_CORE:,} delivered egress packets per SFU "
                       f"CPU second at < {TARGET_LOSS_PCT} % loss",
        "met": None if best is None else best >= TARGET_PPS_PER_CORE,
    }
    notes: list[str] = python_path_notes(machine, "sfu_forwarding") + [
        f"{s['name']}: every window disturbed, left out of "
        "best_egress_pps_per_core, subscribers_held and the target"
        for s in fjord_subjects if s not in calm]
    for name, runs in groups.items():
        left = len(runs) - len(kept[name])
        if options.versus != "janus" and kept[name] and left:
            notes.append(f"{name}: {left} disturbed window(s) left out of the medians")
    if options.versus == "janus":
        versus = ratio(median_of_runs(kept["fjord"] or groups["fjord"], "egress_pps_per_core"),
                       median_of_runs(kept["janus"] or groups["janus"], "egress_pps_per_core"))
        comparison_figures["fjord_vs_janus_egress_pps_per_core"] = figure(versus, "ratio")
        sound = bool(kept["fjord"] and kept["janus"])
        target = {
            "description": f"Fjord delivers >= {TARGET_VS_JANUS:g}x Janus's egress packets "
                           "per server CPU second on the same load",
            "met": None if versus is None or not sound else versus >= TARGET_VS_JANUS,
        }
        for name, runs in groups.items():
            left = len(runs) - len(kept[name])
            if kept[name] and left:
                notes.append(f"{name}: {left} run(s) left out of the medians (publisher "
                             f"lag > {DISTURBED_LAG_MS:.0f} ms or subscriber sockets "
                             f"dropped > {options.max_loss_pct} %)")
            elif not kept[name]:
                notes.append(f"{name}: every run had publisher lag > {DISTURBED_LAG_MS:.0f} "
                             f"ms or subscriber sockets dropped > {options.max_loss_pct} %: "
                             "the machine could not offer the load, the comparison is not "
                             "measurable")
    if options.ramp:
        # CPU per consumer at the largest count over that at the smallest: 1 when CPU grows
        # linearly with consumers (mediasoup issue 1067 was a 4x regression there).
        per_consumer = [ratio(value(s, "sfu_cpu_load"), value(s, "consumers"))
                        for s in fjord_subjects]
        growth = (ratio(per_consumer[-1], per_consumer[0])
                  if len(fjord_subjects) > 1 and per_consumer[0] and per_consumer[-1] else None)
        comparison_figures["cpu_per_consumer_growth"] = figure(growth, "ratio (1: linear)")
    result: dict[str, Any] = {
        "format": FORMAT,
        "mode": "sfu",
        "started_utc": started_utc,
        "wall_s": time.time() - started,
        "command": command,
        "inputs": asdict(options),
        "machine": machine,
        "subjects": subjects,
        "comparison": {"figures": comparison_figures, "target": target},
        "artifacts": {"plots": []},
        "notes": notes + [
            "load processes share the machine with the SFU: on few cores they compete for "
            "CPU with it, so loss and latency include load-generator starvation",
            "subscribers_held: most subscribers with loss <= "
            f"{options.max_loss_pct} %; subscribers_per_core extrapolates it to a full core",
        ],
    }
    if options.simulcast:
        counts = sorted({int(r["figures"]["subscribers"]["value"] or 0)
                         for runs in groups.values() for r in runs})
        result["notes"].append("small tiles: " + ", ".join(
            f"{sum(small_tile(n, options.constrained_pct) for n in range(count))} of {count} "
            "subscribers" for count in counts))
    if any(r["counters"]["disturbed"] for s in subjects for r in s["runs"]):
        result["notes"].append(
            f"a publisher process fell more than {DISTURBED_LAG_MS:.0f} ms behind its "
            "schedule, or the SFU took more than "
            f"{DISTURBED_STATS_SHARE:.0%} of the window to answer for its counters or was "
            "read that late, in some "
            "windows (marked disturbed): the offered load was lower, or the window's counts "
            "span shifted times"
        )
    if options.versus == "janus":
        result["notes"].append(
            "servers alternate run by run, each run a fresh server and load processes; "
            "Janus runs its handles on one shared media thread (event_loops = 1, as Fjord's "
            "worker forwards on one event loop thread) on the SFU core and has no "
            "forwarded-packet counter here (forwarded_pps null)"
        )
    with claimed_base(out_dir, "sfu", started_utc) as base:
        if plots:
            result["artifacts"]["plots"] = (_versus_plots(out_dir, base.name, groups, subjects)
                                            if options.versus == "janus"
                                            else _plots(out_dir, base.name, subjects,
                                                        options.ramp))
        write_result(result, base)
    return result


def _versus_plots(out_dir: Path, base: str, groups: dict[str, list[dict[str, Any]]],
                  subjects: list[dict[str, Any]]) -> list[str]:
    from .plots import bar_chart, cdf_chart

    out_dir.mkdir(parents=True, exist_ok=True)
    key = "egress_pps_per_core"
    # The bar is the subject's reported median (runs that did not get their load left
    # out, as in the table and the ratio); the dots are every run.
    bars = {s["name"]: (s["figures"][key]["value"],
                        [r["figures"][key]["value"] for r in groups[s["name"]]])
            for s in subjects}
    paths = [
        bar_chart(out_dir / f"{base}-pps-per-cpu.png",
                  "SFU: delivered egress packets per CPU second",
                  "packets / CPU s", bars),
        cdf_chart(out_dir / f"{base}-latency-cdf.png", "One-way latency through the SFU",
                  "ms (log scale)", {s["name"]: s["latency_cdf"] for s in subjects}),
    ]
    return [str(p) for p in paths]


def _plots(out_dir: Path, base: str, subjects: list[dict[str, Any]], ramp: bool) -> list[str]:
    from .plots import cdf_chart, line_chart

    out_dir.mkdir(parents=True, exist_ok=True)
    xs = [s["figures"]["subscribers"]["value"] for s in subjects]

    def series(key: str) -> list[float | None]:
        return [s["figures"][key]["value"] for s in subjects]

    paths = [
        line_chart(out_dir / f"{base}-egress-pps.png", "SFU egress vs subscribers",
                   "subscribers", "packets/s", xs,
                   {"delivered": series("egress_pps"), "forwarded": series("forwarded_pps")}),
        line_chart(out_dir / f"{base}-cpu-per-packet.png",
                   "SFU CPU per forwarded packet", "subscribers", "CPU us/packet", xs,
                   {"SFU": series("cpu_us_per_packet")}),
        cdf_chart(out_dir / f"{base}-latency-cdf.png", "One-way latency through the SFU",
                  "ms (log scale)", {s["name"]: s["latency_cdf"] for s in subjects}),
    ]
    if ramp:  # a fixed count is one point
        paths.append(line_chart(out_dir / f"{base}-cpu-vs-consumers.png", "SFU CPU vs consumers",
                                "consumers", "% of one core",
                                [s["figures"]["consumers"]["value"] for s in subjects],
                                {"SFU": series("sfu_cpu_load")}))
    return [str(p) for p in paths]
