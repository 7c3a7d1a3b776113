"""CPU time of the processes under test (bench.turn_servers.process_cpu_seconds)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.turn_servers import ServerError, process_cpu_seconds, process_cpu_times

BURN = """
import sys, time
end = time.process_time() + 0.037
while time.process_time() < end:
    pass
print("done", flush=True)
sys.stdin.read()
"""


def test_cpu_seconds_are_finer_than_clock_ticks() -> None:
    """Servers were measured in /proc/<pid>/stat's 10 ms ticks: a short window of a server
    at a few % of a core was a handful of ticks, and ratios between servers moved by 10 %
    and more with one tick. The process CPU clock counts nanoseconds."""
    child = subprocess.Popen([sys.executable, "-c", BURN], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "done\n"
        seconds = process_cpu_seconds(child.pid)
        ticks = sum(process_cpu_times(child.pid))
        assert seconds >= 0.037
        assert abs(seconds - ticks) < 0.05  # the same time, the ticks rounded
        assert abs(seconds * 100 - round(seconds * 100)) > 1e-6, seconds
    finally:
        child.communicate("")
    with pytest.raises(ServerError):
        process_cpu_seconds(child.pid)
