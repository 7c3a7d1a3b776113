"""``fjord bench``: benchmark modes (see bench/README.md)."""

from __future__ import annotations

import errno
import importlib.util
import math
import os
import shlex
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .report import DEFAULT_RESULTS_DIR, markdown_table


class _Finite(click.ParamType):
    """A float that is a number: ``nan`` and ``inf`` pass ``float()`` and every ``<= 0``
    check, and then make runs that measure nothing."""

    name = "number"

    def __init__(self, maximum: float = math.inf) -> None:
        self.maximum = maximum

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if number > self.maximum:
            self.fail(f"{value!r} is above {self.maximum:g}", param, ctx)
        return number


FINITE = _Finite()
SECONDS = _Finite(maximum=86_400)
"""A duration: at most a day (``time.sleep`` overflows before 1e10 s, and a run of days
measures nothing a run of minutes does not)."""


EXTRAS = ("matplotlib", "jsonschema", "tqdm", "httpx")
"""The ``bench`` extras of pyproject.toml, by import name."""


@click.group()
def bench() -> None:
    """Benchmarks: TURN relaying against coturn, the SFU hot path, SFU end to end.

    Needs the bench extras: pip install -e '.[bench]' (make bench installs them).
    """
    missing = [name for name in EXTRAS if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(
            f"fjord bench needs {', '.join(missing)}: install the bench extras with "
            f"{shlex.quote(sys.executable)} -m pip install -e '.[bench]' "
            "(from the repository; make bench does it too)")
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
        click.get_current_context().call_on_close(
            lambda: signal.signal(signal.SIGTERM, previous))


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (``kill``, ``timeout``, a CI job's end) unwinds like Ctrl-C does, through
    the ``finally`` blocks that stop the servers and load processes a run started: by
    default Python dies at once and leaves them running."""
    del frame
    signal.signal(signum, signal.SIG_DFL)  # a second SIGTERM ends the process as usual
    click.echo("fjord bench: terminated, stopping the servers it started", err=True)
    raise SystemExit(128 + signum)


def _check(validate: Callable[[], None]) -> None:
    """Options a run cannot honour, or a peer server that is not installed, are usage
    errors (exit status 2), found before anything starts."""
    try:
        validate()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def _command_line() -> str:
    return "fjord " + " ".join(shlex.quote(arg) for arg in sys.argv[1:])


def _print_result(result: dict) -> None:
    click.echo(markdown_table(result))
    for note in result["notes"]:
        click.echo(f"note: {note}")
    artifacts = result["artifacts"]
    click.echo(f"JSON: {artifacts['json']}")
    click.echo(f"Markdown: {artifacts['markdown']}")
    for plot in artifacts.get("plots", []):
        click.echo(f"plot: {plot}")
    if "profile" in artifacts:
        click.echo(f"profile: {artifacts['profile']}")


def _writable_dir(ctx: click.Context, param: click.Parameter, value: str | Path) -> Path:
    """Check before the run that ``--out`` takes files, or can be made where it does not
    exist yet (the run's report makes it): found out after the run, a bad directory threw
    away minutes of measurements. Nothing is created here, so a command refused for a
    later option leaves no directory behind. An empty ``--out`` (an unset variable in a
    script) is refused: as a path it is the working directory."""
    if value == "":
        raise click.BadParameter("empty: give a directory (. for the working directory)")
    value = Path(value)
    existing = value
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        if existing == value:
            with tempfile.NamedTemporaryFile(dir=value, prefix=".fjord-bench-"):
                pass
        elif not os.access(existing, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, f"{existing} is not writable")
    except OSError as exc:
        raise click.BadParameter(f"cannot write results into {value}: "
                                 f"{exc.strerror or exc}") from exc
    return value


_out_option = click.option(
    "--out", "out_dir", type=click.Path(file_okay=False),
    default=DEFAULT_RESULTS_DIR, show_default=True, help="Directory for JSON, Markdown, PNG.",
    callback=_writable_dir,
)
_progress_option = click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)."
)
_plots_option = click.option("--plots/--no-plots", default=True, show_default=True)


@bench.command("turn")
@click.option("--vs", "versus", type=click.Choice(["coturn", "none"]), default="coturn",
              show_default=True, help="Server to compare with on the same load.")
@click.option("--allocations", default=100, show_default=True, help="Allocations in total.")
@click.option("--rate", "rate_pps", type=FINITE, default=50.0, show_default=True,
              help="ChannelData packets/s per allocation.")
@click.option("--payload", "payload_size", default=1200, show_default=True, help="Bytes.")
@click.option("--burst", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Packets an allocation sends back to back per send instant (a video "
              "frame's packets); the packet rate stays --rate.")
@click.option("--duration", "duration_s", type=SECONDS, default=8.0, show_default=True,
              help="Seconds of sending per run.")
@click.option("--runs", default=3, show_default=True, help="Runs per server (median kept).")
@click.option("--clients", default=2, show_default=True, help="Load processes.")
@click.option("--echo/--no-echo", default=True, show_default=True,
              help="Peer echoes packets back through the relay.")
@click.option("--workers", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Fjord's relay processes sharing the port (as fjord turn --workers); "
              "each has one event loop thread and one native relay thread.")
@click.option("--coturn-threads", type=click.IntRange(1, 64), default=None,
              help="coturn --relay-threads  [default: --workers]")
@click.option("--relay-ports", default="50000-50999", show_default=True,
              help="Relay port range for both servers.")
@click.option("--coalesce-us", "native_coalesce_us", type=click.IntRange(0, 10000),
              default=500, show_default=True,
              help="Fjord's turn_native_coalesce_us (microseconds; 0 = no coalescing).")
@click.option("--profile", is_flag=True, help="One extra cProfile run of Fjord's server.")
@_out_option
@_progress_option
@_plots_option
def turn_command(versus: str, allocations: int, rate_pps: float, payload_size: int,
                 burst: int, duration_s: float, runs: int, clients: int, echo: bool,
                 workers: int, coturn_threads: int | None, relay_ports: str,
                 native_coalesce_us: int, profile: bool,
                 out_dir: Path, progress: bool | None, plots: bool) -> None:
    """Relay load through Fjord's TURN server and coturn: packets/CPU s, latency, loss."""
    from .machine import native_cores
    from .turn_mode import TurnBenchOptions, run_turn_bench
    from .turn_servers import ServerError

    if versus == "none" and coturn_threads is not None:
        raise click.UsageError("--coturn-threads applies to --vs coturn runs only")
    source = click.get_current_context().get_parameter_source("native_coalesce_us")
    if source != click.core.ParameterSource.DEFAULT \
            and (relay := native_cores()["turn_relay"]) != "native":
        raise click.UsageError("--coalesce-us applies to the native relay core, which does "
                               f"not run here ({relay.removeprefix('python: ')})")
    try:
        low, high = (int(part) for part in relay_ports.split("-", 1))
    except ValueError as exc:
        raise click.BadParameter("expected LOW-HIGH", param_hint="--relay-ports") from exc
    options = TurnBenchOptions(
        subjects=["fjord"] if versus == "none" else ["fjord", versus],
        allocations=allocations, rate_pps=rate_pps, payload_size=payload_size, burst=burst,
        duration_s=duration_s, runs=runs, clients=clients, echo=echo,
        workers=workers, coturn_threads=coturn_threads or workers,
        relay_port_min=low, relay_port_max=high,
        native_coalesce_us=native_coalesce_us, profile=profile,
    )
    _check(options.validate)
    try:
        result = run_turn_bench(options, out_dir, progress, plots, _command_line())
    except (ValueError, ServerError) as exc:
        raise click.ClickException(str(exc)) from exc
    _print_result(result)


def _counts(ctx: click.Context, param: click.Parameter, text: str) -> list[int]:
    """``--subscribers``: comma-separated counts, checked while the options are parsed so
    that an error names the option."""
    del ctx, param
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter("expected comma-separated integers") from exc
    if not counts:
        raise click.BadParameter("expected at least one count")
    if len(set(counts)) != len(counts):  # results are kept per count: one run would vanish
        raise click.BadParameter("a subscriber count is repeated")
    return counts


@bench.command("hotpath")
@click.option("--subscribers", default="1,10,50", show_default=True, callback=_counts,
              help="Comma-separated subscriber counts.")
@click.option("--duration", "duration_s", type=SECONDS, default=2.0, show_default=True,
              help="Timed seconds per run and count (as much again for each floor).")
@click.option("--runs", default=3, show_default=True, help="Runs per count (median kept).")
@click.option("--audio-size", default=100, show_default=True, help="Audio RTP bytes.")
@click.option("--video-size", default=1200, show_default=True, help="Video RTP bytes.")
@click.option("--video-per-audio", default=4, show_default=True,
              help="Video packets per audio packet.")
@_out_option
@_progress_option
@_plots_option
def hotpath_command(subscribers: list[int], duration_s: float, runs: int, audio_size: int,
                    video_size: int, video_per_audio: int, out_dir: Path,
                    progress: bool | None, plots: bool) -> None:
    """The SFU's real forwarding path in-process vs the SRTP protect+sendto floor."""
    from .hotpath_mode import HotpathOptions, run_hotpath_bench
    from .sfu_session import SetupError

    options = HotpathOptions(
        subscribers=subscribers, duration_s=duration_s, runs=runs,
        audio_size=audio_size, video_size=video_size, video_per_audio=video_per_audio,
    )
    _check(options.validate)
    try:
        result = run_hotpath_bench(options, out_dir, progress, plots, _command_line())
    except (ValueError, SetupError) as exc:
        raise click.ClickException(str(exc)) from exc
    _print_result(result)


@bench.command("sfu")
@click.option("--publishers", default=2, show_default=True, help="Publishers (audio + video).")
@click.option("--subscribers", default=20, show_default=True,
              help="Subscribers (each receives every publisher); the first step with --ramp.")
@click.option("--ramp", is_flag=True,
              help="Add --step subscribers per window until loss > 1 % or the SFU core saturates.")
@click.option("--step", default=0, show_default=True,
              help="Subscribers added per ramp step (0: as many as --subscribers).")
@click.option("--max-subscribers", default=400, show_default=True)
@click.option("--duration", "duration_s", type=SECONDS, default=3.0, show_default=True,
              help="Measured seconds per window.")
@click.option("--runs", default=1, show_default=True,
              help="Windows at a fixed subscriber count (median kept; not with --ramp).")
@click.option("--load-processes", default=3, show_default=True,
              help="Load processes: one for publishers, the rest share subscribers.")
@click.option("--packets-per-frame", default=5, show_default=True)
@click.option("--video-size", default=1100, show_default=True, help="Video RTP bytes.")
@click.option("--vs", "versus", type=click.Choice(["janus", "none"]), default="none",
              show_default=True,
              help="Alternate runs with Janus's VideoRoom on the same load (not with --ramp).")
@click.option("--fps", type=FINITE, default=30.0, show_default=True,
              help="Video frames per second.")
@click.option("--audio-pps", type=FINITE, default=50.0, show_default=True,
              help="Audio packets per second per publisher.")
@click.option("--max-loss", "max_loss_pct", type=FINITE, default=1.0, show_default=True,
              help="--ramp stops above this loss, %.")
@click.option("--simulcast", is_flag=True,
              help="Publishers send three VP8 layers; subscribers send transport-cc feedback "
                   "and some show small tiles (video-viewport) that change size.")
@click.option("--constrained-pct", type=FINITE, default=25.0, show_default=True,
              help="With --simulcast: % of subscribers with small tiles.")
@click.option("--resize", "resize_s", type=SECONDS, default=2.0, show_default=True,
              help="With --simulcast: seconds between a small tile's size changes.")
@_out_option
@_progress_option
@_plots_option
def sfu_command(publishers: int, subscribers: int, ramp: bool, step: int,
                max_subscribers: int, duration_s: float, runs: int, load_processes: int,
                packets_per_frame: int, video_size: int, fps: float, audio_pps: float,
                max_loss_pct: float, simulcast: bool, constrained_pct: float, resize_s: float,
                versus: str, out_dir: Path,
                progress: bool | None, plots: bool) -> None:
    """End-to-end load (ICE, DTLS, SRTP) on an SFU worker process: egress, CPU, loss."""
    from .sfu_mode import SfuBenchOptions, run_sfu_bench
    from .sfu_session import SetupError

    ctx = click.get_current_context()
    for name, flag in (("constrained_pct", "--constrained-pct"), ("resize_s", "--resize")):
        if not simulcast and ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT:
            raise click.UsageError(f"{flag} applies to --simulcast runs only")
    for name, flag in (("step", "--step"), ("max_subscribers", "--max-subscribers")):
        if not ramp and ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT:
            raise click.UsageError(f"{flag} applies to --ramp runs only")
    if ramp and max_subscribers < subscribers:
        raise click.UsageError(f"--max-subscribers {max_subscribers} is below --subscribers "
                               f"{subscribers}, the ramp's first step")
    if ramp and ctx.get_parameter_source("runs") != click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--runs applies to fixed subscriber counts: leave it out with "
                               "--ramp (each ramp step is one window)")

    options = SfuBenchOptions(
        publishers=publishers, subscribers=subscribers, ramp=ramp, step=step,
        max_subscribers=max_subscribers if ramp else max(max_subscribers, subscribers),
        duration_s=duration_s, runs=runs,
        load_processes=load_processes, packets_per_frame=packets_per_frame,
        video_size=video_size, fps=fps, audio_pps=audio_pps, max_loss_pct=max_loss_pct,
        simulcast=simulcast, constrained_pct=constrained_pct, resize_s=resize_s,
        versus=versus,
    )
    _check(options.validate)
    try:
        result = run_sfu_bench(options, out_dir, progress, plots, _command_line())
    except (ValueError, SetupError) as exc:
        raise click.ClickException(str(exc)) from exc
    _print_result(result)
