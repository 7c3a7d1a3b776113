"""``fjord turn --workers N``: N TURN relay processes sharing the listener ports.

Every worker binds the same UDP, TCP and TLS ports with SO_REUSEPORT; the kernel spreads
clients over them by 5-tuple, so each allocation lives in one process (TURN nodes are
stateless: nothing is shared between workers). Worker ``i`` serves ``/metrics`` and
``/healthz`` on ``metrics_port + i`` when ``metrics_port`` is set. The supervisor prepares
the data dir once, starts the workers, passes SIGHUP on to them (each reloads the operator's
TLS certificate, as ``fjord turn`` alone does), and stops them all on SIGTERM/SIGINT; if a worker
exits, it stops the others and ``fjord turn`` ends with one line (a service manager restarts
it: the kernel would otherwise move some clients to the restarted worker, which does not
know their allocations).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Coroutine
from multiprocessing.process import BaseProcess
from typing import Any

from fjord.settings import Settings
from fjord.stop_signals import graceful_stop
from fjord.workers import WorkerFailed, exit_with_parent

POLL_S = 0.5
STOP_TIMEOUT_S = 10.0

# ``fjord.serve.run_turn``, handed in by its caller: serve imports this module, not the reverse.
RunTurn = Callable[..., Coroutine[Any, Any, None]]


def turn_worker_main(run_turn: RunTurn, settings: Settings, index: int) -> None:
    """Entry point of relay process ``index`` (runs until SIGTERM/SIGINT or its parent dies):
    ``run_turn(settings, worker=index)``."""
    exit_with_parent()
    # A SIGHUP passed on by the supervisor must not end a worker that has no certificate
    # reloader (yet, or at all: the development certificate): its reloader takes it over.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        try:
            import uvloop
        except ImportError:
            asyncio.run(run_turn(settings, worker=index))
        else:
            uvloop.run(run_turn(settings, worker=index))
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # a port taken: one line, as `fjord turn` alone says it
        raise SystemExit(f"fjord: TURN worker {index} cannot start: {exc}") from None


async def run_turn_workers(settings: Settings, run_turn: RunTurn,
                           prepare_data_dir: Callable[[Settings], object]) -> None:
    """Start ``settings.turn_workers`` relay processes, each running ``run_turn`` (a
    module-level function, so a spawned process can import it), and wait until one exits.
    ``prepare_data_dir`` creates the keys once, before the workers read them.

    Raises:
        WorkerFailed: a worker exited (e.g. a port was taken, or it crashed).
    """
    prepare_data_dir(settings)
    context = multiprocessing.get_context("spawn")
    workers: list[BaseProcess] = [
        context.Process(target=turn_worker_main, args=(run_turn, settings, index),
                        name=f"fjord-turn-{index}", daemon=True)
        for index in range(settings.turn_workers)
    ]  # fmt: skip
    # Ignored from before the workers exist (the disposition carries into them): a SIGHUP
    # passed on while one still imports must not end it.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    for worker in workers:
        worker.start()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, _pass_on, signal.SIGHUP, workers)
    stop = graceful_stop()
    try:
        while all(worker.is_alive() for worker in workers):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_S)
            if stop.is_set():
                return  # the workers are stopped below
        if stop.is_set():  # a stop sent to the whole group (a service manager's, `timeout`)
            return  # while they started: it ended those without a handler yet, no failure
        dead = next(w for w in workers if not w.is_alive())
        raise WorkerFailed(f"TURN worker {dead.name} exited with code {dead.exitcode}")
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            await asyncio.to_thread(worker.join, STOP_TIMEOUT_S)
            if worker.is_alive():
                worker.kill()


def _pass_on(sig: signal.Signals, workers: list[BaseProcess]) -> None:
    for worker in workers:
        if worker.pid is not None and worker.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, sig)
