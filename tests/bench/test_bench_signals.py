"""``fjord bench`` stopped by a signal stops the servers it started (no speed assertions)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.turn_servers import signals_deferred
from tests.processes import child_processes


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("when", ["bench.turn_runner", "spawn_main"])
def test_sigterm_stops_the_turn_server_it_started(tmp_path: Path, when: str) -> None:
    """``kill`` or ``timeout`` sends SIGTERM to the benchmark alone: Python's default was to
    die at once and leave the server under test (bench.turn_runner) running for good.
    The signal comes while the server starts, or once the load processes (spawned by
    multiprocessing) run."""
    fjord = Path(sys.executable).with_name("fjord")
    bench = subprocess.Popen(
        [str(fjord), "bench", "turn", "--vs", "none", "--runs", "1", "--duration", "60",
         "--allocations", "2", "--relay-ports", "51200-51299", "--no-plots",
         "--out", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "stderr").open("wb"),
    )
    runner = None
    try:
        deadline = time.monotonic() + 60
        while runner is None and time.monotonic() < deadline and bench.poll() is None:
            children = child_processes(bench.pid)
            if any(when in command for command in children.values()):
                runner = next((pid for pid, command in children.items()
                               if "bench.turn_runner" in command), None)
            time.sleep(0.1)
        assert runner is not None, "the benchmark started no TURN server"
        bench.send_signal(signal.SIGTERM)
        bench.wait(60)
        err = (tmp_path / "stderr").read_bytes()
        assert bench.returncode == 128 + signal.SIGTERM, err
        assert b"Traceback" not in err, err
        deadline = time.monotonic() + 15
        while _alive(runner) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(runner), "the TURN server outlived the benchmark"
        assert b"stopping the servers it started" in err, err
        assert not list(tmp_path.glob("*.json"))
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        if runner is not None and _alive(runner):
            os.kill(runner, signal.SIGKILL)


@pytest.mark.parametrize("args, marker, count", [
    (["turn", "--vs", "none", "--runs", "1", "--duration", "60", "--allocations", "2",
      "--relay-ports", "51300-51399"], "spawn_main", 3),  # the peer and both load processes
    (["hotpath", "--subscribers", "2", "--runs", "5", "--duration", "10"], "bench.udp_sink", 1),
])
def test_ctrl_c_stops_everything_without_tracebacks(tmp_path: Path, args: list[str],
                                                    marker: str, count: int) -> None:
    """Ctrl-C reaches the whole process group: the load processes printed a
    KeyboardInterrupt traceback each, burying the benchmark's own message, and hotpath's
    sink died first, so the benchmark ended in "Broken pipe" instead of stopping."""
    fjord = Path(sys.executable).with_name("fjord")
    bench = subprocess.Popen(
        [str(fjord), "bench", *args, "--no-plots", "--out", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "stderr").open("wb"),
        start_new_session=True,  # its own process group, as a shell job has
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    started: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and bench.poll() is None:
            started = child_processes(bench.pid)
            if sum(marker in command for command in started.values()) >= count:
                break
            time.sleep(0.1)
        assert sum(marker in command for command in started.values()) >= count
        os.killpg(bench.pid, signal.SIGINT)
        bench.wait(60)
        err = (tmp_path / "stderr").read_bytes()
        assert bench.returncode == 130, err  # the shell's status for SIGINT (was 1)
        assert b"Traceback" not in err, err
        assert b"Broken pipe" not in err, err
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [command for pid, command in started.items() if _alive(pid)]
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        for pid in started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_sink_ends_quietly_when_the_benchmark_is_gone() -> None:
    """Ctrl-C could end hotpath before its sink printed "ready": the sink then died on a
    BrokenPipeError traceback (a CI failure of the test above). Its stdout's reader gone,
    it now ends without a word."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the benchmark is gone before the sink says anything
    try:
        done = subprocess.run([sys.executable, "-m", "bench.udp_sink"], stdout=write_end,
                              input=b"", stderr=subprocess.PIPE, timeout=60,
                              cwd=Path(__file__).resolve().parents[2])
    finally:
        os.close(write_end)
    assert done.returncode == 0 and done.stderr == b"", done.stderr


def test_ctrl_c_while_the_sfu_process_starts_stops_it() -> None:
    """Ctrl-C while the benchmark waited for the SFU process's "ready" left that process
    to itself: it printed a BrokenPipeError traceback once the benchmark was gone, or
    served on when the benchmark went on (the SFU process is out of Ctrl-C's reach)."""
    from bench.sfu_servers import SfuProcess

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)  # it takes longer than that to start
        with pytest.raises(KeyboardInterrupt):
            SfuProcess(-1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    left = {pid: command for pid, command in child_processes(os.getpid()).items()
            if "bench.sfu_runner" in command}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "the SFU process outlived its start"


def test_a_signal_due_while_a_load_process_starts_is_handled_after_the_start() -> None:
    """The kernel delivers a signal at once, Python runs its handler at its next bytecode
    boundary: a SIGTERM that came just before a load process's start had its handler run in
    the middle of the start (blocking the signal did not stop that), so the orchestrator
    ended before it handed the process its work and the process died on an EOFError
    traceback. Here the signal reaches a second thread (which does not block it) during the
    block, as it reaches the main thread just before one: its handler runs after the block,
    as does the one of a signal the block kept pending."""
    calls: list[tuple[int, bool]] = []
    inside = False
    previous = {signum: signal.signal(signum, lambda signum, _: calls.append((signum, inside)))
                for signum in (signal.SIGUSR1, signal.SIGUSR2)}
    asleep = threading.Event()
    other = threading.Thread(target=lambda: asleep.wait(10))
    other.start()
    try:
        with signals_deferred((signal.SIGUSR1, signal.SIGUSR2)):
            inside = True
            os.kill(os.getpid(), signal.SIGUSR1)  # to the other thread: its handler is due
            signal.raise_signal(signal.SIGUSR2)  # to this one, which blocks it: pending
            for _ in range(1000):  # bytecode boundaries, where Python runs due handlers
                time.sleep(0)
            inside = False
        for _ in range(1000):
            time.sleep(0)
    finally:
        asleep.set()
        other.join()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert sorted(calls) == [(signal.SIGUSR1, False), (signal.SIGUSR2, False)]
