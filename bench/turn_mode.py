"""``fjord bench turn``: the same relay load through Fjord's TURN server and through coturn.

Per run and server: the server starts in its own process; one UDP echo peer process and
``clients`` load processes start (:mod:`bench.turn_load`); each load process makes its share
of ``allocations`` (Allocate with TURN REST credentials, CreatePermission, ChannelBind),
then every allocation sends ChannelData of ``payload_size`` bytes at ``rate_pps`` for
``duration_s``; the peer echoes every packet back through the relay. Relayed packets are
counted where they arrive (peer + clients), so both servers are measured the same way;
the server's CPU time comes from its process CPU clock (user and system shares from
``/proc/<pid>/stat``) between the start of sending and the end of the drain. Servers
alternate run by run (fjord, coturn, fjord, ...) so that a noisy neighbour hurts both;
figures are medians over runs, every run is kept in the JSON.
"""

from __future__ import annotations

import multiprocessing
import secrets
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from turn.config import TurnConfig

from .figures import cdf_points, figure, median_figures, median_of_runs, percentile, ratio
from .machine import machine_info, python_path_notes
from .progress import progress
from .report import DEFAULT_RESULTS_DIR, FORMAT, claimed_base, utc_stamp, write_result
from .turn_load import ClientSpec, client_main, peer_main
from .turn_servers import (
    ServerError,
    ServerProcess,
    start_coturn,
    start_fjord,
    start_load_process,
)
from .wake_cost import measure_wake_cost

HEADLINE = "pps_per_cpu_s"
TARGET_VS_COTURN = 2.0
"""Issue 13: Fjord relays at least this many times coturn's packets per CPU second, with
no packet lost."""
DISTURBED_DROPS_PCT = 1.0
DISTURBED_LAG_S = 0.1
"""A run is *disturbed* when the kernel dropped more than 1 % of the packets sent at the
load processes' own sockets (the peer or the clients too slow to read what the relay
delivered), a load process fell more than 100 ms behind its schedule or failed to send a
packet (not counted as sent): the load side, not the relay, fell short (on a shared
machine, usually CPU starvation of the load processes). Loss the load side does not
account for is the relay's and keeps the run. Medians use undisturbed runs when a subject
has any; every run stays in the JSON with its flag."""


@dataclass
class TurnBenchOptions:
    """Inputs of a TURN benchmark (recorded verbatim in the result's ``inputs``)."""

    subjects: list[str] = field(default_factory=lambda: ["fjord", "coturn"])
    allocations: int = 100
    rate_pps: float = 50.0
    """ChannelData packets per second per allocation (client -> peer)."""
    payload_size: int = 1200
    burst: int = 1
    """Packets an allocation sends back to back per send instant (1: evenly paced; a
    camera's frame is several packets sent together)."""
    duration_s: float = 8.0
    runs: int = 3
    clients: int = 2
    """Load processes sharing the allocations."""
    echo: bool = True
    """The peer sends every packet back through the relay (both directions relayed)."""
    workers: int = 1
    """Fjord's relay processes on the one port (SO_REUSEPORT, as ``fjord turn --workers``)."""
    coturn_threads: int = 1
    relay_port_min: int = 50000
    relay_port_max: int = 50999
    drain_s: float = 0.5
    native_coalesce_us: int = TurnConfig.native_coalesce_us
    """Fjord's native relay core coalescing time, microseconds (its default unless given)."""
    profile: bool = False
    """After the measured runs, one more Fjord run under cProfile (not in the figures)."""

    def validate(self) -> None:
        """Raise ValueError on inputs that cannot make a meaningful run."""
        if self.clients < 1:
            raise ValueError("--clients must be at least 1")
        if self.allocations < self.clients:
            raise ValueError(f"--allocations {self.allocations} is fewer than --clients "
                             f"{self.clients}: each load process needs an allocation")
        if self.clients > 64:
            raise ValueError("at most 64 load processes (--clients): each is a Python "
                             "interpreter, and they share this machine with the server")
        if not 1 <= self.relay_port_min <= self.relay_port_max <= 65535:
            raise ValueError(f"--relay-ports {self.relay_port_min}-{self.relay_port_max}: "
                             "need 1 <= LOW <= HIGH <= 65535")
        if self.allocations > self.relay_port_max - self.relay_port_min + 1:
            raise ValueError("--relay-ports has fewer ports than --allocations")
        if self.allocations > 0x1000:
            raise ValueError("--allocations: at most 4096 (one channel number each)")
        if not 16 <= self.payload_size <= 1400:
            raise ValueError("--payload must be within 16-1400 bytes")
        if not 0 <= self.native_coalesce_us <= 10_000:
            raise ValueError("--coalesce-us must be within 0-10000 microseconds")
        if not 1 <= self.workers <= 16:
            raise ValueError("--workers must be within 1-16")
        share = (self.relay_port_max - self.relay_port_min + 1) // self.workers
        if self.workers > 1 and share < self.allocations:
            raise ValueError(
                f"each of {self.workers} workers gets {share} relay ports, fewer than the "
                f"{self.allocations} allocations the kernel may all send to one of them "
                "(it spreads clients by 5-tuple, unevenly): widen --relay-ports")
        if self.profile and self.workers > 1:
            raise ValueError("--profile runs one Fjord process: not with --workers above 1")
        if not 1 <= self.burst <= 64:
            raise ValueError("--burst must be within 1-64 packets")
        if not 0 < self.rate_pps <= 100_000:
            raise ValueError("--rate must be above 0 and at most 100000 packets/s per "
                             "allocation")
        if self.duration_s <= 0:
            raise ValueError("--duration must be positive")
        if self.runs < 1:
            raise ValueError("--runs must be at least 1")
        for subject in self.subjects:
            if subject not in ("fjord", "coturn"):
                raise ValueError(f"unknown TURN server {subject!r}")
        if "coturn" in self.subjects and shutil.which("turnserver") is None:
            raise ValueError("coturn is not installed (apt-get install coturn), or use --vs none")


def _start(subject: str, options: TurnBenchOptions, secret: str, workdir: Path,
           profile: Path | None = None) -> ServerProcess:
    relay = (options.relay_port_min, options.relay_port_max)
    if subject == "fjord":
        return start_fjord(secret, workdir, relay, profile=profile,
                           coalesce_us=options.native_coalesce_us, workers=options.workers)
    return start_coturn(secret, workdir, relay, threads=options.coturn_threads)


def _expect(conn: Any, kind: str, timeout_s: float) -> Any:
    if not conn.poll(timeout_s):
        raise ServerError(f"load process sent no {kind!r} within {timeout_s:.0f} s")
    message = conn.recv()
    if message[0] == "error":
        raise ServerError(message[1])
    if message[0] != kind:
        raise ServerError(f"load process sent {message[0]!r}, expected {kind!r}")
    return message[1]


def run_once(
    subject: str,
    options: TurnBenchOptions,
    workdir: Path,
    bar: Any = None,
    profile: Path | None = None,
) -> dict[str, Any]:
    """One measured run against ``subject``; returns figures, counters and raw latencies.

    Raises:
        ServerError: the server or a load process failed.
    """
    ctx = multiprocessing.get_context("spawn")
    secret = secrets.token_urlsafe(24)
    server = _start(subject, options, secret, workdir, profile)
    processes: list[Any] = []
    finished = False
    try:
        peer_conn, peer_child = ctx.Pipe()
        peer = start_load_process(ctx, peer_main, (options.echo, peer_child))
        processes.append(peer)
        peer_port = _expect(peer_conn, "port", 30)
        conns = []
        shares = [options.allocations // options.clients] * options.clients
        for i in range(options.allocations % options.clients):
            shares[i] += 1
        for index, share in enumerate(shares):
            spec = ClientSpec(
                index=index,
                server=server.address,
                peer=("127.0.0.1", peer_port),
                secret=secret.encode(),
                allocations=share,
                rate_pps=options.rate_pps,
                payload_size=options.payload_size,
                duration_s=options.duration_s,
                drain_s=options.drain_s,
                burst=options.burst,
            )
            parent, child = ctx.Pipe()
            processes.append(start_load_process(ctx, client_main, (spec, child)))
            conns.append(parent)
        ready = [_expect(conn, "ready", 60 + options.allocations * 0.1) for conn in conns]
        user_before, system_before = server.cpu_times()
        cpu_before = server.cpu_seconds()
        wall_before = time.monotonic()
        start_ns = time.monotonic_ns() + 200_000_000
        for conn in conns:
            conn.send(("go", start_ns))
        total = options.duration_s + options.drain_s + 0.2
        waited = 0.0
        while waited < total:
            step = min(0.25, total - waited)  # the last one short: no bar beyond 100 %
            time.sleep(step)
            waited += step
            if bar is not None:
                bar.update(step)
        done = [_expect(conn, "done", 30 + options.duration_s) for conn in conns]
        server.check_running("during the run: nothing was measured")
        cpu_s = server.cpu_seconds() - cpu_before
        user_after, system_after = server.cpu_times()
        user_s, system_s = user_after - user_before, system_after - system_before
        wall_s = time.monotonic() - wall_before
        peer_conn.send(("stop",))
        peer_stats = _expect(peer_conn, "stats", 30)
        finished = True
    finally:
        exit_code = server.stop()
        for process in processes:  # after a failure or a signal they are not waited for
            process.join(5 if finished else 0)
            if process.is_alive():
                process.kill()
                process.join(5)
    del exit_code
    sent = sum(d["sent"] for d in done)
    echoed = sum(d["echoed"] for d in done)
    load_drops = peer_stats["socket_drops"] + sum(d["socket_drops"] for d in done)
    received = peer_stats["received"]
    relayed = received + echoed
    latencies = sorted(v / 1e6 for v in peer_stats["latency_ns"])
    rtts = sorted(v / 1e6 for rtt in (d["rtt_ns"] for d in done) for v in rtt)
    duration = options.duration_s
    figures = {
        "offered_pps": figure(sent / duration, "packets/s from clients"),
        "relayed_packets": figure(relayed, "packets (to peer + echoes)"),
        "relayed_pps": figure(relayed / duration, "packets/s (to peer + echoes)"),
        "server_cpu": figure(cpu_s, "CPU s"),
        "server_cpu_user": figure(user_s, "CPU s (10 ms ticks)"),
        "server_cpu_system": figure(system_s, "CPU s (10 ms ticks)"),
        "server_cpu_load": figure(100.0 * cpu_s / wall_s, "% of one core"),
        HEADLINE: figure(ratio(relayed, cpu_s), "packets/CPU s"),
        "cpu_per_packet": figure(ratio(cpu_s * 1e6, relayed), "CPU us/packet"),
        "loss_to_peer": figure(100.0 * (1 - received / sent) if sent else None, "%"),
        "loss_round_trip": figure(
            100.0 * (1 - echoed / sent) if sent and options.echo else None, "%"
        ),
        "load_drops": figure(100.0 * load_drops / sent if sent else None,
                             "% of sent, dropped at load sockets"),
        "latency_p50": figure(percentile(latencies, 0.5), "ms one-way"),
        "latency_p99": figure(percentile(latencies, 0.99), "ms one-way"),
        "rtt_p50": figure(percentile(rtts, 0.5), "ms round trip"),
        "rtt_p99": figure(percentile(rtts, 0.99), "ms round trip"),
        "setup": figure(max(r["setup_s"] for r in ready), "s"),
        "client_max_lag": figure(max(d["max_lag_s"] for d in done) * 1e3, "ms"),
    }
    counters = {
        "sent": sent,
        "received_by_peer": received,
        "echoed_to_clients": echoed,
        "send_errors": sum(d["send_errors"] for d in done),
        "echo_errors": peer_stats["echo_errors"],
        "malformed_at_peer": peer_stats["malformed"],
        "duplicates_at_peer": peer_stats["duplicates"],
        "duplicate_echoes": sum(d["echo_duplicates"] for d in done),
        "malformed_echoes": sum(d["echo_malformed"] for d in done),
        "load_socket_drops": load_drops,
        "measured_wall_s": wall_s,
        "disturbed": disturbed(figures) or any(d["send_errors"] for d in done),
    }
    return {"figures": figures, "counters": counters, "latencies_ms": latencies}


def disturbed(figures: dict[str, Any]) -> bool:
    """The load processes' sockets dropped more than :data:`DISTURBED_DROPS_PCT` of the
    packets sent, or a load process lagged more than :data:`DISTURBED_LAG_S`. Loss alone
    does not disturb a run: packets the relay lost are the relay's figure."""
    drops = figures["load_drops"]["value"]
    return ((drops is not None and drops > DISTURBED_DROPS_PCT)
            or figures["client_max_lag"]["value"] > DISTURBED_LAG_S * 1e3)


def _profile_text(path: Path, top: int = 30) -> str:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    return out.getvalue()


def _measure_wake_cost(notes: list[str]) -> dict[str, float] | None:
    """:func:`bench.wake_cost.measure_wake_cost`, with a note in ``notes`` saying what the
    figures mean or why they are missing: supporting data, so a failure leaves them out and
    the runs go on."""
    try:
        wake = measure_wake_cost()
    except (RuntimeError, OSError) as exc:
        notes.append(f"wake costs not measured: {exc}")
        return None
    if wake is not None:
        waking = (f"{wake['cross_core_wake_us']} CPU us for waking a process asleep on "
                  "another core" if wake["cross_core_wake_us"] > 0 else
                  "no measurable extra for waking a process asleep on another core (a send "
                  f"to it cost {wake['send_to_sleeping_us']} CPU us, to a polling one "
                  f"{wake['send_to_polling_us']}: within this machine's noise)")
        notes.append(
            f"this machine charges a sender {waking} and {wake['timer_sleep_us']} CPU us per "
            "500 us timer sleep (bench/wake_cost.py): at low rates these, more than the "
            "relaying itself, set the CPU per packet")
    return wake


def run_turn_bench(
    options: TurnBenchOptions,
    out_dir: Path = DEFAULT_RESULTS_DIR,
    show_progress: bool | None = None,
    plots: bool = True,
    command: str = "",
) -> dict[str, Any]:
    """Run the benchmark, write JSON + Markdown (+ PNG plots); returns the result dict.

    Raises:
        ValueError: invalid options.
        ServerError: a server or load process failed.
        ResultError: the result does not match the schema (a harness bug).
    """
    options.validate()
    started = time.time()
    started_utc = utc_stamp(started)
    machine = machine_info()
    notes: list[str] = python_path_notes(machine, "turn_relay") if (
        "fjord" in options.subjects) else []
    machine["wake_cost"] = _measure_wake_cost(notes)
    runs: dict[str, list[dict[str, Any]]] = {s: [] for s in options.subjects}
    latencies: dict[int, list[float]] = {}
    per_run = options.duration_s + options.drain_s + 0.2
    profile_text: str | None = None
    with tempfile.TemporaryDirectory(prefix="fjord-bench-turn-") as tmp:
        workdir = Path(tmp)
        total = per_run * options.runs * len(options.subjects)
        with progress(total, "turn", show_progress) as bar:
            for _ in range(options.runs):
                for subject in options.subjects:
                    bar.set_postfix_str(subject)
                    outcome = run_once(subject, options, workdir, bar)
                    runs[subject].append(outcome)
                    latencies[id(outcome)] = outcome.pop("latencies_ms")
        if options.profile and "fjord" in options.subjects:
            profile_path = workdir / "fjord-turn.prof"
            run_once("fjord", options, workdir, None, profile=profile_path)
            profile_text = _profile_text(profile_path)
            notes.append("the cProfile run is extra and not part of the figures")
    subjects = []
    for subject in options.subjects:
        subject_runs = _kept(runs[subject])
        dropped = len(runs[subject]) - len(subject_runs)
        if dropped:
            notes.append(f"{subject}: {dropped} disturbed run(s) left out of the medians")
        elif all(r["counters"]["disturbed"] for r in subject_runs):
            notes.append(f"{subject}: every run was disturbed (load lag, failed sends or "
                         "drops at the load sockets); figures are unreliable")
        medians = median_figures(subject_runs)
        pooled = sorted(v for r in subject_runs for v in latencies[id(r)])
        subjects.append(
            {
                "name": subject,
                "description": _describe(subject, options),
                "figures": medians,
                "runs": runs[subject],
                "latency_cdf": cdf_points(pooled),
                "latency_cdf_unit": "ms one-way",
            }
        )
    comparison_figures: dict[str, Any] = {}
    met: bool | None = None
    if "fjord" in runs and "coturn" in runs:
        value, met = versus_coturn(runs["fjord"], runs["coturn"])
        comparison_figures["fjord_vs_coturn_pps_per_cpu_s"] = figure(value, "ratio")
        latency = {s["name"]: s["figures"]["latency_p50"]["value"] for s in subjects}
        comparison_figures["fjord_vs_coturn_latency_p50"] = figure(
            ratio(latency["fjord"], latency["coturn"]), "ratio (above 1: Fjord slower)")
        if options.native_coalesce_us and None not in latency.values():
            notes.append(
                f"Fjord holds relayed packets up to {options.native_coalesce_us} us to send "
                "several per wake-up (--coalesce-us), coturn sends each at once: one-way "
                f"latency p50 {latency['fjord']:.2f} ms against {latency['coturn']:.2f} ms. "
                "Part of Fjord's packets per CPU second is bought with that latency; "
                "--coalesce-us 0 compares the two at equal latency")
    else:
        notes.append("run without coturn: the target cannot be checked")
    spread = _spread_note(runs)
    if spread:
        notes.append(spread)
    result: dict[str, Any] = {
        "format": FORMAT,
        "mode": "turn",
        "started_utc": started_utc,
        "wall_s": time.time() - started,
        "command": command,
        "inputs": asdict(options),
        "machine": machine,
        "subjects": subjects,
        "comparison": {
            "figures": comparison_figures,
            "target": {
                "description": f"Fjord relays >= {TARGET_VS_COTURN}x coturn's packets per CPU "
                               "second with no packet lost (issue 13)",
                "met": met,
            },
        },
        "artifacts": {"plots": []},
        "notes": notes,
    }
    with claimed_base(out_dir, "turn", started_utc) as base:
        if profile_text is not None:
            profile_file = base.with_name(base.name + "-fjord-profile.txt")
            profile_file.write_text(profile_text, encoding="utf-8")
            result["artifacts"]["profile"] = str(profile_file)
        if plots:
            result["artifacts"]["plots"] = _plots(base, runs, subjects)
        write_result(result, base)
    return result


def versus_coturn(fjord: list[dict[str, Any]],
                  coturn: list[dict[str, Any]]) -> tuple[float | None, bool | None]:
    """The ratio of the headline medians (undisturbed runs) and whether the target is met:
    that ratio at least :data:`TARGET_VS_COTURN` and no packet lost in any of Fjord's
    undisturbed runs (a median of losses would hide a run that lost packets)."""
    value = ratio(median_of_runs(_kept(fjord), HEADLINE), median_of_runs(_kept(coturn), HEADLINE))
    if value is None:
        return None, None
    lost = any((run["figures"][name]["value"] or 0) > 0 for run in _kept(fjord)
               for name in ("loss_to_peer", "loss_round_trip"))
    return value, value >= TARGET_VS_COTURN and not lost


def _kept(subject_runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Undisturbed runs, or all runs when every one was disturbed."""
    calm = [r for r in subject_runs if not r["counters"]["disturbed"]]
    return calm or subject_runs


def _spread_note(runs: dict[str, list[dict[str, Any]]]) -> str:
    parts = []
    for subject, subject_runs in runs.items():
        values = [r["figures"][HEADLINE]["value"] for r in subject_runs]
        known = [v for v in values if v is not None]
        if len(known) >= 2:
            parts.append(f"{subject} {min(known):,.0f}-{max(known):,.0f}")
    return ("packets/CPU s range over runs: " + ", ".join(parts)) if parts else ""


def _describe(subject: str, options: TurnBenchOptions) -> str:
    if subject == "fjord":
        processes = ("one process" if options.workers == 1 else
                     f"{options.workers} processes on one port (SO_REUSEPORT), CPU summed")
        return ("Fjord turn.native_server.make_turn_server (native relay core in its own "
                f"thread, coalescing {options.native_coalesce_us} us, unless "
                f"FJORD_TURN_NATIVE=off), {processes}, uvloop if installed")
    return f"coturn /usr/bin/turnserver, --relay-threads={options.coturn_threads}"


def _plots(base: Path, runs: dict[str, list[dict[str, Any]]],
           subjects: list[dict[str, Any]]) -> list[str]:
    from .plots import bar_chart, cdf_chart

    bars = {
        name: (
            median_of_runs(_kept(subject_runs), HEADLINE),
            [r["figures"][HEADLINE]["value"] for r in subject_runs],
        )
        for name, subject_runs in runs.items()
    }
    bar_path = bar_chart(
        base.with_name(base.name + "-pps-per-cpu.png"),
        "TURN: relayed packets per CPU second (higher is better)",
        "packets / CPU s",
        bars,
    )
    cdf_path = cdf_chart(
        base.with_name(base.name + "-latency-cdf.png"),
        "TURN: one-way latency client -> relay -> peer",
        "latency (ms, log scale)",
        {s["name"]: s["latency_cdf"] for s in subjects},
    )
    return [str(bar_path), str(cdf_path)]
