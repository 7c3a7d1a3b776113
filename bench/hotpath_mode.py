"""``fjord bench hotpath``: the SFU's real forwarding code against the protect+sendto floor.

Per subscriber count S: an :class:`sfu.worker.SfuWorker` runs in this process on
127.0.0.1; one publisher (Opus audio + VP8 video) and S subscribers join through its control
API and connect with real ICE and DTLS-SRTP (:mod:`bench.sfu_session`). The subscribers'
sockets go to a sink process (:mod:`bench.udp_sink`) that counts what arrives. Then, in
chunks, publisher RTP from :class:`bench.rtp_source.RtpSource` is SRTP-protected (not timed)
and handed to ``SfuWorker.datagram_received`` (timed): unprotect, route, rewrite, protect,
sendto for every subscriber, exactly the production path. The event loop does not run
during the timed loop, so RTCP timers and reports are not part of the figure.

The floor, in the same run and to the same sink sockets: pylibsrtp ``protect`` with one
session per subscriber (same profile as negotiated) and ``sendto`` of the same plaintext
packets, no routing. Beside it, the batched floor (when the native SFU core is built): the
same packets protected by libsrtp for every subscriber and sent with one sendmmsg per
ingress packet, no unprotect and no routing. Figures are CPU time of this process per
egress packet, egress packets/s (wall) and their ratio, medians over ``runs``.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .figures import figure, median_figures, ratio
from .machine import machine_info, python_path_notes
from .progress import progress
from .report import DEFAULT_RESULTS_DIR, FORMAT, claimed_base, utc_stamp, write_result
from .rtp_source import RtpSource
from .sfu_session import Room, SetupError, connect_room

TARGET_RATIO = 1.2


@dataclass
class HotpathOptions:
    """Inputs of a hot-path benchmark (recorded in the result's ``inputs``)."""

    subscribers: list[int] = field(default_factory=lambda: [1, 10, 50])
    duration_s: float = 2.0
    """Timed forwarding per run and subscriber count (as much again for the floor)."""
    runs: int = 3
    audio_size: int = 100
    video_size: int = 1200
    video_per_audio: int = 4
    chunk: int = 400
    """Ingress packets protected (untimed) and then forwarded (timed) at a time."""

    def validate(self) -> None:
        if not self.subscribers or min(self.subscribers) < 1 or max(self.subscribers) > 199:
            raise ValueError("--subscribers: counts must be within 1-199")
        if self.duration_s <= 0:
            raise ValueError("--duration must be positive")
        if self.runs < 1:
            raise ValueError("--runs must be at least 1")
        if self.chunk < 10:
            raise ValueError("chunk must be at least 10")
        if not 40 <= self.audio_size <= 1400 or not 40 <= self.video_size <= 1400:
            raise ValueError("--audio-size and --video-size must be within 40-1400 bytes")
        if not 0 <= self.video_per_audio <= 1000:
            raise ValueError("--video-per-audio must be within 0-1000 (0: audio only)")


class Sink:
    """The sink subprocess owning the subscriber sockets."""

    def __init__(self, socks: list[socket.socket]) -> None:
        fds = [s.fileno() for s in socks]
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "bench.udp_sink", *map(str, fds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, pass_fds=fds,
            process_group=0,  # not Ctrl-C's: it stops when told or when its stdin closes
        )
        assert self.popen.stdout is not None
        if self.popen.stdout.readline().strip() != "ready":
            raise SetupError("sink process did not start")

    def count(self, settle_s: float = 0.3) -> int:
        time.sleep(settle_s)
        assert self.popen.stdin is not None and self.popen.stdout is not None
        try:
            self.popen.stdin.write("count\n")
            self.popen.stdin.flush()
            return int(json.loads(self.popen.stdout.readline())["packets"])
        except (OSError, ValueError) as exc:  # BrokenPipeError, or no answer at all
            raise SetupError(f"sink process exited with {self.popen.wait(5)}") from exc

    def stop(self) -> None:
        if self.popen.poll() is None:
            assert self.popen.stdin is not None
            try:
                self.popen.stdin.write("stop\n")
                self.popen.stdin.flush()
            except BrokenPipeError:
                pass
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def _measure_hot(worker: Any, room: Room, source: RtpSource, options: HotpathOptions,
                 bar: Any) -> dict[str, float]:
    tx = room.publisher.srtp.tx
    assert tx is not None
    receive = worker.datagram_received
    address = room.publisher.address
    ingress = egress = 0
    wall = cpu = 0.0
    while wall < options.duration_s:
        packets = [tx.protect(source.next()) for _ in range(options.chunk)]
        before = worker.forwarded_packets
        c0 = time.process_time()
        w0 = time.perf_counter()
        for packet in packets:
            receive(packet, address)
        w1 = time.perf_counter()
        c1 = time.process_time()
        if bar is not None:  # the last chunk's overshoot past the duration not counted
            bar.update(min(w1 - w0, options.duration_s - wall))
        wall += w1 - w0
        cpu += c1 - c0
        ingress += len(packets)
        egress += worker.forwarded_packets - before
    return {"ingress": ingress, "egress": egress, "wall_s": wall, "cpu_s": cpu}


def _srtp_profile(room: Room) -> Any:
    """The :data:`sfu.srtp.PROFILES` entry the publisher negotiated."""
    from sfu.srtp import PROFILES

    name = room.publisher.srtp.profile_name.encode()
    return next(p for p in PROFILES if p.openssl_profile == name)


def _send_socket() -> socket.socket:
    """A non-blocking UDP socket on 127.0.0.1 with a 4 MiB send buffer, as the worker's."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    return sock


def _timed_passes(one_pass: Callable[[], None], pool_size: int, duration_s: float,
                  bar: Any) -> tuple[int, float, float]:
    """Run ``one_pass`` (one pass over a pool of ``pool_size`` ingress packets) until
    ``duration_s`` of wall time was spent in it: ``(ingress packets, wall s, CPU s)``."""
    ingress = 0
    wall = cpu = 0.0
    while wall < duration_s:
        c0 = time.process_time()
        w0 = time.perf_counter()
        one_pass()
        w1 = time.perf_counter()
        c1 = time.process_time()
        if bar is not None:  # the last pass's overshoot past the duration not counted
            bar.update(min(w1 - w0, duration_s - wall))
        wall += w1 - w0
        cpu += c1 - c0
        ingress += pool_size
    return ingress, wall, cpu


def _measure_floor(room: Room, pool: list[bytes], options: HotpathOptions,
                   bar: Any) -> dict[str, float]:
    from pylibsrtp import Policy, Session


    profile = _srtp_profile(room)
    sessions = []
    for _ in room.subscribers:
        policy = Policy(
            key=os.urandom(profile.key_length + profile.salt_length),
            ssrc_type=Policy.SSRC_ANY_OUTBOUND,
            srtp_profile=profile.libsrtp_profile,
        )
        policy.allow_repeat_tx = True
        policy.window_size = 1024
        sessions.append(Session(policy))
    targets = list(zip(sessions, [leg.address for leg in room.subscribers], strict=True))
    sock = _send_socket()
    sendto = sock.sendto
    sent = errors = 0

    def one_pass() -> None:
        nonlocal sent, errors
        for plain in pool:
            for session, addr in targets:
                try:
                    sendto(session.protect(plain), addr)
                    sent += 1
                except OSError:
                    errors += 1

    try:
        ingress, wall, cpu = _timed_passes(one_pass, len(pool), options.duration_s, bar)
    finally:
        sock.close()
    return {"ingress": ingress, "egress": sent, "wall_s": wall, "cpu_s": cpu, "errors": errors}


def _measure_batched_floor(room: Room, pool: list[bytes], options: HotpathOptions,
                           bar: Any) -> dict[str, float] | None:
    """The batched floor: per ingress packet, the core's SRTP protect (OpenSSL EVP for
    AES-GCM, libsrtp for AES-CM) for every subscriber and one sendmmsg (the native core's
    ``Forwarder`` with no-op routes: no unprotect, no routing, no Python per subscriber).
    None when the core is not built."""
    from sfu.control import WorkerStats
    from sfu.native_forward import load_core

    core, _ = load_core()
    if core is None:
        return None
    profile = _srtp_profile(room)
    sock = _send_socket()
    stats = WorkerStats()
    forwarder = core.Forwarder(sock.fileno(), stats)
    routes = []
    for leg in room.subscribers:
        session = core.SrtpSession(profile.libsrtp_profile,
                                   os.urandom(profile.key_length + profile.salt_length), True)
        routes.append(core.Route(core.Egress(forwarder, session, leg.address), 0x5EED, 96,
                                 bytes(range(256)), False))  # fmt: skip
    forward = forwarder.forward

    def one_pass() -> None:
        for plain in pool:
            forward(plain, routes, 0.0, True, -1, b"", 0)

    try:
        ingress, wall, cpu = _timed_passes(one_pass, len(pool), options.duration_s, bar)
    finally:
        sock.close()
    return {"ingress": ingress, "egress": stats.forwarded_packets, "wall_s": wall,
            "cpu_s": cpu, "errors": sum(stats.drops.values())}


async def _run_for(count: int, options: HotpathOptions, bar: Any) -> list[dict[str, Any]]:
    from sfu.control import SfuConfig
    from sfu.worker import SfuWorker

    handler = signal.getsignal(signal.SIGINT)
    if getattr(getattr(handler, "func", None), "__name__", "") == "_on_sigint":
        # asyncio.run's Ctrl-C cancels the task at its next await, and the timed loops
        # never await: Ctrl-C went unheard until every run of this count had ended.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    sink: Sink | None = None
    room: Room | None = None
    try:
        room = await connect_room(worker, "bench", count)
        source = RtpSource(room.streams.get("audio"), room.streams.get("video"),
                           options.audio_size, options.video_size, options.video_per_audio)
        sink = Sink([leg.sock for leg in room.subscribers])
        for leg in room.subscribers:
            leg.sock.close()  # the sink holds its own copies
        # Warm-up (not timed): the first video packet is a key frame that unblocks consumers.
        tx = room.publisher.srtp.tx
        assert tx is not None
        before = worker.forwarded_packets
        pool = [source.next() for _ in range(options.chunk)]
        for plain in pool:
            worker.datagram_received(tx.protect(plain), room.publisher.address)
        forwarded = worker.forwarded_packets - before
        expected = count * (options.chunk - 1)  # video before the key frame is held back
        if forwarded < expected:
            raise SetupError(
                f"warm-up forwarded {forwarded} packets, expected >= {expected}; "
                f"drops {dict(worker.stats.drops)}"
            )
        outcomes = []
        for _ in range(options.runs):
            start = sink.count()
            hot = _measure_hot(worker, room, source, options, bar)
            middle = sink.count()
            floor = _measure_floor(room, pool, options, bar)
            end = sink.count()
            batched = _measure_batched_floor(room, pool, options, bar)
            outcome = _figures(count, hot, floor, middle - start, end - middle)
            _add_batched_floor(outcome, hot, batched)
            outcomes.append(outcome)
        return outcomes
    finally:
        if sink is not None:
            sink.stop()
        if room is not None:
            room.publisher.sock.close()
        await worker.close()


def _figures(count: int, hot: dict[str, float], floor: dict[str, float],
             hot_arrived: int, floor_arrived: int) -> dict[str, Any]:
    hot_us = ratio(hot["cpu_s"] * 1e6, hot["egress"])
    floor_us = ratio(floor["cpu_s"] * 1e6, floor["egress"])
    return {
        "figures": {
            "ingress_pps": figure(ratio(hot["ingress"], hot["wall_s"]), "packets/s"),
            "egress_pps": figure(ratio(hot["egress"], hot["wall_s"]), "packets/s"),
            "hot_us_per_egress": figure(hot_us, "CPU us/packet"),
            "floor_egress_pps": figure(ratio(floor["egress"], floor["wall_s"]), "packets/s"),
            "floor_us_per_egress": figure(floor_us, "CPU us/packet"),
            "hot_vs_floor": figure(ratio(hot_us, floor_us), "ratio"),
            "delivered_hot": figure(
                100.0 * hot_arrived / hot["egress"] if hot["egress"] else None, "%"
            ),
            "delivered_floor": figure(
                100.0 * floor_arrived / floor["egress"] if floor["egress"] else None, "%"
            ),
        },
        "counters": {
            "subscribers": count,
            "hot_ingress": hot["ingress"],
            "hot_egress": hot["egress"],
            "hot_arrived": hot_arrived,
            "floor_egress": floor["egress"],
            "floor_arrived": floor_arrived,
            "floor_send_errors": floor["errors"],
            "hot_wall_s": hot["wall_s"],
            "floor_wall_s": floor["wall_s"],
        },
    }


def _add_batched_floor(outcome: dict[str, Any], hot: dict[str, float],
                       batched: dict[str, float] | None) -> None:
    hot_us = ratio(hot["cpu_s"] * 1e6, hot["egress"])
    batched_us = ratio(batched["cpu_s"] * 1e6, batched["egress"]) if batched else None
    outcome["figures"]["batched_floor_us_per_egress"] = figure(batched_us, "CPU us/packet")
    outcome["figures"]["hot_vs_batched_floor"] = figure(
        ratio(hot_us, batched_us) if batched_us else None, "ratio")
    outcome["counters"]["batched_floor_egress"] = batched["egress"] if batched else None
    outcome["counters"]["batched_floor_drops"] = batched["errors"] if batched else None


def run_hotpath_bench(
    options: HotpathOptions,
    out_dir: Path = DEFAULT_RESULTS_DIR,
    show_progress: bool | None = None,
    plots: bool = True,
    command: str = "",
) -> dict[str, Any]:
    """Run, write JSON + Markdown (+ PNG); returns the result dict.

    Raises:
        ValueError: invalid options.
        SetupError: the SFU could not be negotiated or forwarded nothing.
    """
    options.validate()
    started = time.time()
    started_utc = utc_stamp(started)
    machine = machine_info()
    results: dict[int, list[dict[str, Any]]] = {}
    # the hot path and the floor, and the batched floor when the native core is built
    loops = 3 if machine["native_cores"]["sfu_forwarding"] == "native" else 2
    total = loops * options.duration_s * options.runs * len(options.subscribers)
    with progress(total, "hotpath", show_progress) as bar:
        for count in options.subscribers:
            bar.set_postfix_str(f"S={count}")
            results[count] = asyncio.run(_run_for(count, options, bar))
    subjects = []
    ratios = []
    for count, outcomes in results.items():
        medians = median_figures(outcomes)
        ratios.append(medians["hot_vs_floor"]["value"])
        subjects.append({
            "name": f"S={count}",
            "description": f"1 publisher (audio + video), {count} subscribers",
            "figures": medians,
            "runs": outcomes,
        })
    known = [r for r in ratios if r is not None]
    worst = max(known) if known else None
    result: dict[str, Any] = {
        "format": FORMAT,
        "mode": "hotpath",
        "started_utc": started_utc,
        "wall_s": time.time() - started,
        "command": command,
        "inputs": asdict(options),
        "machine": machine,
        "subjects": subjects,
        "comparison": {
            "figures": {"worst_hot_vs_floor": figure(worst, "ratio")},
            "target": {
                "description": f"hot path CPU per egress packet <= {TARGET_RATIO}x the "
                "protect+sendto floor at every subscriber count",
                "met": None if worst is None else worst <= TARGET_RATIO,
            },
        },
        "artifacts": {"plots": []},
        "notes": [
            "CPU time of the benchmark process; RTCP timers do not run during timed loops",
            *python_path_notes(machine, "sfu_forwarding"),
        ],
    }
    with claimed_base(out_dir, "hotpath", started_utc) as base:
        if plots:
            from .plots import grouped_bar_chart

            path = grouped_bar_chart(
                base.with_name(base.name + "-us-per-packet.png"),
                "SFU hot path vs protect+sendto floor (lower is better)",
                "CPU us per egress packet",
                [s["name"] for s in subjects],
                {
                    "hot path": [s["figures"]["hot_us_per_egress"]["value"] for s in subjects],
                    "floor": [s["figures"]["floor_us_per_egress"]["value"] for s in subjects],
                },
            )
            result["artifacts"]["plots"] = [str(path)]
        write_result(result, base)
    return result
