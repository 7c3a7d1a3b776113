"""Starting, probing and measuring the TURN servers under test, each in its own process.

:func:`start_fjord` runs :mod:`bench.turn_runner`; :func:`start_coturn` runs
``/usr/bin/turnserver`` with the equivalent command line (REST secret, 127.0.0.1 only,
peers on 127.0.0.1 allowed, UDP only, no TLS/DTLS/CLI, relay port range, no config file,
log to a file). :meth:`ServerProcess.cpu_seconds` reads the CPU time of the whole process
(all threads) from its CPU clock, :meth:`ServerProcess.cpu_times` its user and system
shares from ``/proc/<pid>/stat``.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .turn_client import TurnClient, TurnClientError
from .turn_runner import SECRET_ENV

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServerError(RuntimeError):
    """A server under test did not start or died."""


def process_cpu_times(pid: int) -> tuple[float, float]:
    """``(user, system)`` CPU seconds consumed so far by process ``pid`` (all threads).

    Raises:
        ServerError: the process is gone.
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError as exc:
        raise ServerError(f"process {pid} is gone") from exc
    return int(fields[11]) / _CLOCK_TICKS, int(fields[12]) / _CLOCK_TICKS


def stop_process(popen: subprocess.Popen, timeout_s: float) -> int:
    """SIGTERM a benchmarked server, SIGKILL it after ``timeout_s``; its exit code."""
    if popen.poll() is None:
        popen.send_signal(signal.SIGTERM)
        try:
            popen.wait(timeout_s)
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.wait()
    return popen.returncode


def start_load_process(ctx: Any, target: Callable[..., None], args: tuple) -> Any:
    """Start ``target(*args)`` in a ``multiprocessing`` (``ctx``) load process, a daemon deaf
    to SIGINT from its first instruction, and return it. Ctrl-C reaches the whole process
    group, and the orchestrator, not each load process with a traceback, stops the run.

    SIGINT and SIGTERM are blocked here while the process starts, and it inherits that mask
    (through fork and exec): SIGINT stays blocked in it for life, so Ctrl-C stays pending
    there for ever, and it unblocks SIGTERM first thing (:func:`_load_entry`). Here both are
    handled once the start is over (:func:`signals_deferred`). Ignoring SIGINT meanwhile
    instead lost a Ctrl-C pressed while a process started (the servers stopped and the run
    failed with "setup failed"), and a SIGTERM (``kill``, ``timeout``) handled during the
    start ended the orchestrator while it handed the process its work: the process died on
    an EOFError traceback."""
    process = ctx.Process(target=_load_entry, args=(target, *args), daemon=True)
    if threading.current_thread() is not threading.main_thread():
        process.start()  # signal masks and handlers belong to the main thread
        return process
    with signals_deferred((signal.SIGINT, signal.SIGTERM)):
        process.start()
    return process


@contextlib.contextmanager
def signals_deferred(signums: tuple[signal.Signals, ...]) -> Iterator[None]:
    """Neither the kernel nor Python handles ``signums`` inside the block: they are blocked
    (a child started inside inherits the mask), and a Python handler still due for one that
    came just before the block (Python runs handlers between bytecodes, later than the
    kernel delivers) only notes it. After the block each one noted or pending is handled by
    its own handler. Blocking alone let such a handler raise in the middle of the block."""
    noted: list[int] = []
    handlers: dict[int, Any] = {}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set(signums))
    try:
        for signum in signums:
            handlers[signum] = signal.signal(signum, lambda signum, _: noted.append(signum))
        yield
    finally:
        try:
            for signum, handler in handlers.items():
                signal.signal(signum, handler)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # the pending ones are due now
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


def _load_entry(target: Callable[..., None], *args: Any) -> None:
    """A load process's entry point (:func:`start_load_process`): SIGTERM back, a pending
    one ending the process now, SIGINT still blocked; then ``target(*args)``."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    target(*args)


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds consumed so far by process ``pid`` (all its threads, ended ones too),
    read from the kernel's scheduler clock of the process (``clock_gettime`` on
    ``MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)``) to the nanosecond: the 10 ms ticks of
    ``/proc/<pid>/stat`` make a 2 s window of a server at 5 % of a core 10 ticks, 10 %
    apart. The ticks when that clock cannot be read.

    Raises:
        ServerError: the process is gone.
    """
    try:
        return time.clock_gettime(((~pid) << 3) | 2)
    except OSError:
        return sum(process_cpu_times(pid))


def free_udp_port() -> int:
    """A UDP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """A running server: ``name``, ``address`` (UDP), ``log_path``, its processes
    (``popens``: one, or a relay process per worker sharing ``address`` with SO_REUSEPORT)."""

    def __init__(
        self, name: str, popens: list[subprocess.Popen], address: tuple[str, int],
        log_path: Path,
    ) -> None:
        self.name = name
        self.popens = popens
        self.address = address
        self.log_path = log_path

    def cpu_seconds(self) -> float:
        """CPU seconds so far, summed over its processes (:func:`process_cpu_seconds`)."""
        return sum(process_cpu_seconds(popen.pid) for popen in self.popens)

    def cpu_times(self) -> tuple[float, float]:
        """``(user, system)`` CPU seconds so far in 10 ms ticks, summed over its
        processes."""
        user = system = 0.0
        for popen in self.popens:
            more_user, more_system = process_cpu_times(popen.pid)
            user += more_user
            system += more_system
        return user, system

    def wait_ready(self, timeout_s: float = 15.0) -> None:
        """Poll with STUN Binding until the server answers.

        Raises:
            ServerError: a process exited or the server did not answer within ``timeout_s``.
        """
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.check_running()
            probe = TurnClient(self.address, "", "", timeout_s=0.1, attempts=1)
            try:
                probe.binding()
                return
            except (OSError, TurnClientError):
                time.sleep(0.1)
            finally:
                probe.close()
        raise ServerError(f"{self.name} did not answer STUN Binding within {timeout_s} s")

    def wait_bound(self, timeout_s: float = 15.0) -> None:
        """Wait until every process printed ``ready <port>`` on its stdout (a pipe): with
        several workers a STUN probe reaches only one of them.

        Raises:
            ServerError: a process exited or stayed silent for ``timeout_s``.
        """
        deadline = time.monotonic() + timeout_s
        for popen in self.popens:
            assert popen.stdout is not None
            while not select.select([popen.stdout], [], [], 0.1)[0]:
                self.check_running()
                if time.monotonic() > deadline:
                    raise ServerError(f"{self.name} did not bind within {timeout_s} s")
            line = popen.stdout.readline()
            if not line.startswith(b"ready "):
                self.check_running()
                raise ServerError(f"{self.name} printed {line[:80]!r} instead of ready")

    def check_running(self, when: str = "") -> None:
        """Raise :class:`ServerError` when one of its processes has exited (``when``, e.g.
        "during the run", ends the message)."""
        for popen in self.popens:
            if popen.poll() is not None:
                raise ServerError(f"{self.name} exited with {popen.returncode}"
                                  + (f" {when}" if when else ""))

    def stop(self, timeout_s: float = 10.0) -> int:
        """SIGTERM, then SIGKILL after ``timeout_s``; returns the first non-zero exit code
        of its processes (0 when every one exited cleanly)."""
        codes = [stop_process(popen, timeout_s) for popen in self.popens]
        for popen in self.popens:
            if popen.stdout is not None:
                popen.stdout.close()
        return next((code for code in codes if code), 0)


def start_fjord(
    secret: str,
    workdir: Path,
    relay_range: tuple[int, int],
    realm: str = "fjord",
    profile: Path | None = None,
    coalesce_us: int | None = None,
    workers: int = 1,
) -> ServerProcess:
    """Start :mod:`bench.turn_runner` in ``workers`` new Python processes and wait until
    they answer (``coalesce_us``: the native core's coalescing time in microseconds; None
    keeps the server's default). Several workers share the UDP port with SO_REUSEPORT, as
    ``fjord turn --workers N``, and split the relay port range between them.

    Raises:
        ServerError: a process did not start; ValueError: fewer relay ports than workers.
    """
    low, high = relay_range
    if workers < 1 or high - low + 1 < workers:
        raise ValueError("need at least one relay port per worker")
    port = free_udp_port()
    log_path = workdir / f"fjord-turn-{port}.log"
    env = dict(os.environ)
    env[SECRET_ENV] = secret
    share = (high - low + 1) // workers
    popens = []
    for index in range(workers):
        first = low + index * share
        last = high if index == workers - 1 else first + share - 1
        command = [
            sys.executable, "-m", "bench.turn_runner",
            "--port", str(port),
            "--relay-min", str(first),
            "--relay-max", str(last),
            "--realm", realm,
            "--log-file", str(log_path if workers == 1 else log_path.with_suffix(f".{index}.log")),
        ]
        if workers > 1:
            command.append("--reuse-port")
        if profile is not None:
            command += ["--profile", str(profile)]
        if coalesce_us is not None:
            command += ["--coalesce-us", str(coalesce_us)]
        popens.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE))
    server = ServerProcess("fjord", popens, ("127.0.0.1", port), log_path)
    try:
        server.wait_bound()
        server.wait_ready()
    except BaseException:  # a failure, Ctrl-C or SIGTERM while it starts: no server left
        server.stop()
        raise
    return server


def coturn_command(
    binary: str,
    port: int,
    secret: str,
    workdir: Path,
    relay_range: tuple[int, int],
    realm: str,
    threads: int,
) -> list[str]:
    """The coturn command line equivalent to :func:`bench.turn_runner.bench_config`."""
    return [
        binary,
        "-n",
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        f"--listening-port={port}",
        f"--min-port={relay_range[0]}",
        f"--max-port={relay_range[1]}",
        "--use-auth-secret",
        f"--static-auth-secret={secret}",
        f"--realm={realm}",
        "--allowed-peer-ip=127.0.0.1",
        "--allow-loopback-peers",  # coturn refuses 127/8 peers even when allow-listed
        "--no-tcp",
        "--no-tls",
        "--no-dtls",
        "--no-cli",
        f"--relay-threads={threads}",
        f"--log-file={workdir / f'coturn-{port}.log'}",
        "--simple-log",
        "--no-stdout-log",
        f"--pidfile={workdir / f'coturn-{port}.pid'}",
        f"--userdb={workdir / f'coturn-{port}.db'}",
    ]


def start_coturn(
    secret: str,
    workdir: Path,
    relay_range: tuple[int, int],
    realm: str = "fjord",
    threads: int = 1,
    binary: str | None = None,
) -> ServerProcess:
    """Start coturn and wait until it answers.

    Raises:
        ServerError: coturn is not installed or did not start.
    """
    binary = binary or shutil.which("turnserver")
    if binary is None:
        raise ServerError("coturn is not installed (apt-get install coturn)")
    port = free_udp_port()
    command = coturn_command(binary, port, secret, workdir, relay_range, realm, threads)
    popen = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = ServerProcess("coturn", [popen], ("127.0.0.1", port), workdir / f"coturn-{port}.log")
    try:
        server.wait_ready()
    except BaseException:  # a failure, Ctrl-C or SIGTERM while it starts: no server left
        server.stop()
        raise
    return server
