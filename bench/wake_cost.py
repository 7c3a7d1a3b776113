"""What waking costs on this machine: recorded beside figures that depend on it.

At low packet rates a relay's CPU per packet is dominated not by its own work but by
wake-ups: each datagram sent to a process sleeping in ``recv`` on another core makes the
sender's kernel wake that process (an inter-processor interrupt, which under a hypervisor
is a VM exit), and each timer sleep arms and takes a timer interrupt. Both are charged to
the server's CPU seconds, and both differ by an order of magnitude between bare metal and
some virtual machines, so TURN figures at 10k packets/s from two machines cannot be
compared without them.

:func:`measure_wake_cost` returns, in CPU microseconds of the calling thread (medians):

- ``send_to_sleeping_us``: one 1,200-byte loopback ``sendto`` to a process blocked in
  ``recv`` on another core;
- ``send_to_polling_us``: the same to a process spinning on non-blocking ``recv``;
- ``cross_core_wake_us``: their difference, the waker's share of one wake-up;
- ``timer_sleep_us``: one 500 us ``time.sleep``.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import statistics
import time
from multiprocessing.connection import Connection, wait

SAMPLES = 400
"""Sends per receiver mode (each after a 1 ms pause, so a sleeping receiver is asleep)."""
PAYLOAD = bytes(1200)


def _receiver(core: int, busy: bool, conn: Connection) -> None:
    """Child process: bind a loopback UDP socket on ``core``, send its port, then read
    (blocking or spinning) until a datagram of one byte says stop."""
    os.sched_setaffinity(0, {core})
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.setblocking(not busy)
        conn.send(sock.getsockname()[1])
        while True:
            try:
                data = sock.recv(2048)
            except BlockingIOError:
                continue
            if len(data) == 1:
                return


def _send_cost(core: int, busy: bool) -> float:
    """Median CPU microseconds of one sendto to a receiver on ``core`` (see the module)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=_receiver, args=(core, busy, theirs), daemon=True)
    child.start()
    theirs.close()  # the child's end: the pipe reads end-of-file if the child dies
    try:
        if not wait([ours, child.sentinel], 30) or not ours.poll():
            raise RuntimeError("the wake-cost receiver did not start")
        try:
            target = ("127.0.0.1", ours.recv())
        except EOFError:
            raise RuntimeError("the wake-cost receiver died before it started") from None
        costs = []
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for _ in range(SAMPLES):
                time.sleep(0.001)
                began = time.thread_time_ns()
                sock.sendto(PAYLOAD, target)
                costs.append(time.thread_time_ns() - began)
            sock.sendto(b"x", target)
        child.join(10)
        return statistics.median(costs) / 1000
    finally:
        if child.is_alive():
            child.kill()
            child.join()


def _timer_sleep_cost() -> float:
    """Median CPU microseconds of one 500 us ``time.sleep``."""
    costs = []
    for _ in range(SAMPLES):
        began = time.thread_time_ns()
        time.sleep(0.0005)
        costs.append(time.thread_time_ns() - began)
    return statistics.median(costs) / 1000


def measure_wake_cost() -> dict[str, float] | None:
    """The figures of the module docstring (about 2 s), rounded to 0.1 us; None when fewer
    than two cores are usable. The calling thread runs on its first usable core meanwhile.

    Raises:
        RuntimeError: a receiver process died or did not start within 30 s.
        OSError: a loopback socket could not be opened or used.
    """
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None
    os.sched_setaffinity(0, {cores[0]})
    try:
        sleeping = _send_cost(cores[1], busy=False)
        polling = _send_cost(cores[1], busy=True)
        timer = _timer_sleep_cost()
    finally:
        os.sched_setaffinity(0, cores)
    return {
        "send_to_sleeping_us": round(sleeping, 1),
        "send_to_polling_us": round(polling, 1),
        "cross_core_wake_us": round(max(sleeping - polling, 0.0), 1),
        "timer_sleep_us": round(timer, 1),
    }
