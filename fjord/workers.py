"""``fjord sfu``: N SFU worker processes, each an :class:`sfu_control.node.SfuNode`.

Worker ``i`` binds UDP ``sfu_port + i`` and registers as node ``<node_id>-w<i>`` in the
Redis registry; signaling nodes place rooms on the least-loaded live worker
(:mod:`cluster.placement`). The supervisor restarts a worker that dies (its rooms are then
re-placed by the signaling nodes and their clients rejoin) unless it keeps dying at once
(e.g. its UDP port is taken: then ``fjord sfu`` stops with one line), serves ``/healthz`` and
``/readyz`` on ``metrics_port`` (worker ``i`` serves its own ``/metrics`` on
``metrics_port + 1 + i``), and stops every worker on SIGTERM/SIGINT.

Node ids are exclusive: before starting a worker the supervisor claims its id in the registry
(:meth:`cluster.registry.NodeRegistry.claim`) with a fresh epoch; a second ``fjord sfu`` with the
same ``--node-id`` refuses to start with one line, while a worker this supervisor restarts
takes over its dead predecessor's epoch at once. A worker that finds its id taken later exits
with :data:`EXIT_NODE_ID_HELD`, and the supervisor stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import logging
import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any

from prometheus_client import Counter, Gauge

from fjord.listeners import binding
from fjord.ports import METRICS
from fjord.settings import Settings
from fjord.settings_loading import setting_name
from fjord.stop_signals import graceful_stop
from sfu.control import SfuConfig

log = logging.getLogger("fjord.workers")
RESTART_DELAY_S = 1.0
EARLY_EXIT_S = 5.0
"""A worker that exits this soon after it was started (or with BIND_FAILED or
METRICS_BIND_FAILED, however late) failed to start."""
MAX_EARLY_EXITS = 3
"""Consecutive early exits after which a worker is not restarted again."""
BIND_FAILED = 3
"""Exit code of a worker that cannot bind its UDP port."""
METRICS_BIND_FAILED = 5
"""Exit code of a worker that cannot listen on its /metrics port (``metrics_port + 1 + i``)."""
EXIT_NODE_ID_HELD = 4
"""Exit code of a worker whose node id another live process holds (not restarted)."""
PR_SET_PDEATHSIG = 1
REPORT_READY_S = 0.25
"""How often a worker copies its readiness to the supervisor's shared flags."""

WORKERS = Gauge("fjord_sfu_worker_processes", "SFU worker processes alive")
RESTARTS = Counter("fjord_sfu_worker_restarts_total", "SFU worker processes restarted")


class WorkerFailed(RuntimeError):
    """A worker keeps failing to start; ``str()`` is one line naming its UDP port."""


def worker_metrics_port(settings: Settings, index: int) -> int:
    """The TCP port of SFU worker ``index``'s /metrics: ``metrics_port + 1 + index`` (set)."""
    assert settings.metrics_port is not None
    return settings.metrics_port + 1 + index


def base_node_id(settings: Settings) -> str:
    """This host's node name: ``node_id`` or ``<hostname>-<pid>``."""
    return settings.node_id or f"{socket.gethostname()}-{os.getpid()}"


def sfu_config(settings: Settings) -> SfuConfig:
    """The SFU worker settings of this host's first worker (worker ``i`` adds ``i`` to the
    port)."""
    return SfuConfig(
        listen_ip=settings.sfu_listen_ip,
        port=settings.sfu_port,
        announced_ip=settings.announced_ip,
        max_participants=settings.max_group_room_size,
        native=settings.sfu_native,
        max_bitrate=settings.sfu_max_bitrate,
    )


def worker_node_id(base: str, index: int) -> str:
    return f"{base}-w{index}"


def exit_with_parent() -> None:
    """Ask Linux to SIGTERM this process when its parent dies (``PR_SET_PDEATHSIG``), so a
    supervisor killed without cleanup leaves no orphan worker holding its UDP port."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def worker_main(settings: Settings, index: int, base: str, ready_flags: Any,
                parent: int | None = None, epoch: str | None = None) -> None:
    """Entry point of worker process ``index`` (runs until SIGTERM/SIGINT or until the
    supervisor ``parent`` is gone); ``epoch`` is the one the supervisor claimed for it;
    ``ready_flags[index]`` (shared memory) follows its ``/readyz``."""
    exit_with_parent()
    parent = parent or os.getppid()
    main = _worker(settings, index, base, parent, epoch, ready_flags)
    try:
        import uvloop

        code = uvloop.run(main)
    except ImportError:
        code = asyncio.run(main)
    if code:
        raise SystemExit(code)


async def _watch_parent(parent: int, stop: asyncio.Event) -> None:
    while os.getppid() == parent:
        await asyncio.sleep(1.0)
    log.warning("supervisor gone; stopping")
    stop.set()


async def _report_ready(not_ready: Callable[[], str | None], flags: Any, index: int) -> None:
    """Keep ``flags[index]``, shared with the supervisor, true while ``not_ready()`` gives no
    reason."""
    while True:
        flags[index] = not_ready() is None
        await asyncio.sleep(REPORT_READY_S)


async def _worker(settings: Settings, index: int, base: str, parent: int,
                  epoch: str | None, ready_flags: Any) -> int:
    from redis.asyncio import Redis

    from cluster.registry import NodeRegistry
    from fjord.collectors import SFU_WORKER_EXCLUDES, SfuWorkersCollector, register
    from operability.health import HealthServer, role_registry
    from operability.logs import configure_logging
    from operability.loop_lag import LoopLagMonitor
    from sfu.worker import SfuWorker
    from sfu_control.node import SfuNode

    node_id = worker_node_id(base, index)
    configure_logging(settings.log_level, settings.log_format, node=node_id)
    stop = graceful_stop()
    worker = SfuWorker(dataclasses.replace(sfu_config(settings), port=settings.sfu_port + index))
    try:
        await worker.start()
    except (OSError, OverflowError) as exc:  # port taken, beyond 65535, or no local address
        log.error("sfu worker %d cannot bind UDP %s:%d: %s", index, settings.sfu_listen_ip,
                  settings.sfu_port + index, exc)
        raise SystemExit(BIND_FAILED) from None
    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    registry = NodeRegistry(redis, settings.node_ttl)
    node = SfuNode(worker, redis, registry, node_id, settings.sfu_worker_capacity,
                   settings.node_heartbeat_interval, epoch)
    register(SfuWorkersCollector(lambda: [worker]))
    lag = LoopLagMonitor("sfu").start()
    orphan = asyncio.create_task(_watch_parent(parent, stop))

    def not_ready() -> str | None:
        if node.draining:
            return "draining"
        return None if node.redis_ready else "redis unreachable"

    health = None
    if settings.metrics_port is not None:
        metrics_port = worker_metrics_port(settings, index)
        health = HealthServer(settings.metrics_listen_ip, metrics_port,
                              not_ready=not_ready,
                              details=lambda: {"node": node_id, "rooms": len(worker.rooms)},
                              registry=role_registry("fjord_sfu_",
                                                     exclude=SFU_WORKER_EXCLUDES))
        try:
            await health.start()
        except OSError as exc:  # another listener's port (a clash no rule can see) or taken
            log.error("sfu worker %d cannot listen for /metrics on TCP %s:%d: %s", index,
                      settings.metrics_listen_ip, metrics_port, exc)
            lag.cancel()
            orphan.cancel()
            await worker.close()
            await redis.aclose()
            raise SystemExit(METRICS_BIND_FAILED) from None
    await node.start()
    log.info("sfu node ready port=%d", worker.address[1])
    displaced = asyncio.create_task(node.displaced.wait())
    displaced.add_done_callback(lambda _: stop.set())
    reporting = asyncio.create_task(_report_ready(not_ready, ready_flags, index))
    try:
        await stop.wait()
    finally:
        reporting.cancel()
        ready_flags[index] = False
        displaced.cancel()
        lag.cancel()
        orphan.cancel()
        await node.close()
        if health is not None:
            await health.close()
        await worker.close()
        await redis.aclose()
    return EXIT_NODE_ID_HELD if node.displaced.is_set() else 0


class Supervisor:
    """Starts ``count`` worker processes and keeps them running.

    :param settings: passed to every worker (pickled: the ``spawn`` start method is used so
        that no event loop or socket of this process leaks into a worker).
    """

    def __init__(self, settings: Settings, count: int | None = None) -> None:
        self.settings = settings
        self.count = count or settings.sfu_worker_count
        self.base = base_node_id(settings)
        self.processes: dict[int, BaseProcess] = {}
        self.epochs: dict[int, str] = {}
        "Epoch claimed for each worker's node id (:mod:`cluster.registry`)."
        self._context = multiprocessing.get_context("spawn")
        self._task: asyncio.Task[None] | None = None
        self.restarts = 0
        self._spawned: dict[int, float] = {}
        self._early_exits: dict[int, int] = {}
        self.failure: str | None = None
        """Why a worker was given up on (one line), or None."""
        self.failed = asyncio.Event()
        self.registered = False
        """Every worker has heartbeated in the registry once (:meth:`wait_registered`)."""
        self.ready_flags = self._context.RawArray(ctypes.c_bool, self.count)
        """Worker ``i``'s readiness (its ``/readyz``), written by that worker."""

    @property
    def node_ids(self) -> list[str]:
        return [worker_node_id(self.base, i) for i in range(self.count)]

    def _spawn(self, index: int) -> None:
        self.ready_flags[index] = False  # its predecessor's flag, if it died ready
        process = self._context.Process(
            target=worker_main,
            args=(self.settings, index, self.base, self.ready_flags, os.getpid(),
                  self.epochs.get(index)),
            name=f"fjord-sfu-w{index}", daemon=True,
        )
        process.start()
        self.processes[index] = process
        self._spawned[index] = time.monotonic()

    def alive(self) -> int:
        return sum(1 for p in self.processes.values() if p.is_alive())

    def not_ready(self) -> str | None:
        """Why the workers do not all take rooms (the supervisor's ``/readyz``), or None:
        every worker registered once, is alive and is ready itself (its ``/readyz``, which
        says why not: draining, Redis unreachable)."""
        if not self.registered:
            return "workers not registered in Redis yet"
        down = [i for i, p in sorted(self.processes.items()) if not p.is_alive()]
        missing = [i for i in range(self.count) if i not in self.processes]
        if down or missing:
            return "worker " + ", ".join(map(str, sorted(down + missing))) + " not running"
        unready = [i for i in range(self.count) if not self.ready_flags[i]]
        if unready:
            return ("worker " + ", ".join(map(str, unready))
                    + " not ready (its own /readyz says why)")
        return None

    async def _claim(self, index: int) -> None:
        """Claim worker ``index``'s node id with a fresh epoch, taking over from the epoch
        of its predecessor (a worker of this supervisor).

        :raises NodeIdHeld: another live process holds it.
        """
        from redis.asyncio import Redis

        from cluster.registry import NodeRegistry, new_epoch

        assert self.settings.redis_url is not None
        redis = Redis.from_url(self.settings.redis_url.get_secret_value())
        try:
            epoch = new_epoch(os.getpid())
            await NodeRegistry(redis, self.settings.node_ttl).claim(
                worker_node_id(self.base, index), epoch, previous=self.epochs.get(index))
            self.epochs[index] = epoch
        finally:
            await redis.aclose()

    async def start(self) -> None:
        """Claim every worker's node id, then start the workers and the restart loop.

        Raises:
            SystemExit: a node id is held by another live process, or Redis does not
                answer (one line).
        """
        from redis.exceptions import RedisError

        from cluster.registry import NodeIdHeld

        try:
            await asyncio.gather(*(self._claim(i) for i in range(self.count)))
        except NodeIdHeld as exc:
            raise SystemExit(f"fjord: cannot start: {exc}") from None
        except (RedisError, OSError) as exc:
            raise SystemExit(f"fjord: cannot start: Redis does not answer "
                             f"({type(exc).__name__})") from None
        for index in range(self.count):
            self._spawn(index)
        self._task = asyncio.create_task(self._watch())

    async def wait_registered(self, timeout: float = 30.0) -> bool:
        """Wait until every worker heartbeats in the registry; False on timeout."""
        from redis.asyncio import Redis

        from cluster.registry import NodeRegistry

        assert self.settings.redis_url is not None
        redis = Redis.from_url(self.settings.redis_url.get_secret_value())
        try:
            registry = NodeRegistry(redis, self.settings.node_ttl)
            deadline = time.monotonic() + timeout
            wanted = set(self.node_ids)
            while time.monotonic() < deadline:
                if wanted <= {n.node_id for n in await registry.nodes()}:
                    self.registered = True
                    return True
                if not self.alive() or self.failure:
                    return False
                await asyncio.sleep(0.1)
            return False
        finally:
            await redis.aclose()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            WORKERS.set(self.alive())
            for index, process in list(self.processes.items()):
                if process.is_alive():
                    continue
                # A bind failure happens only at start, however long the start took: on a
                # loaded machine a worker's imports alone took longer than EARLY_EXIT_S, so
                # its failures looked like crashes of a running worker and it was restarted
                # forever.
                early = (process.exitcode in (BIND_FAILED, METRICS_BIND_FAILED)
                         or time.monotonic() - self._spawned[index] < EARLY_EXIT_S)
                self._early_exits[index] = self._early_exits.get(index, 0) + 1 if early else 0
                if self._early_exits[index] >= MAX_EARLY_EXITS:
                    self._give_up(index, process.exitcode)
                    continue
                log.warning("sfu worker %d exited code=%s; restarting", index, process.exitcode)
                await asyncio.sleep(RESTART_DELAY_S)
                if not await self._reclaim(index):
                    continue
                self.restarts += 1
                RESTARTS.inc()
                self._spawn(index)

    async def _reclaim(self, index: int) -> bool:
        """Take worker ``index``'s node id over from its dead process before restarting it
        (retrying while Redis is away); False when another process holds it: then the
        supervisor gives up and stops."""
        from cluster.registry import NodeIdHeld

        error = None
        if self.processes[index].exitcode == EXIT_NODE_ID_HELD:
            error = f"node id {worker_node_id(self.base, index)} was taken by another process"
        while error is None:
            try:
                await self._claim(index)
                return True
            except NodeIdHeld as exc:
                error = str(exc)
            except Exception:  # Redis away: the worker could not register anyway
                await asyncio.sleep(RESTART_DELAY_S)
        del self.processes[index]
        self.failure = f"sfu worker {index} not restarted: {error}"
        log.error("%s", self.failure)
        self.failed.set()
        return False

    def _give_up(self, index: int, code: int | None) -> None:
        del self.processes[index]
        port = f"{self.settings.sfu_listen_ip}:{self.settings.sfu_port + index}"
        why = (f"cannot bind UDP {port} (port taken, above 65535, or not a local address; "
               f"{setting_name('sfu_listen_ip')}, {setting_name('sfu_port')})"
               if code == BIND_FAILED else f"on UDP {port} exited with code {code}")
        if code == METRICS_BIND_FAILED:
            metrics = (f"{self.settings.metrics_listen_ip}:"
                       f"{worker_metrics_port(self.settings, index)}")
            why = (f"cannot listen for /metrics on TCP {metrics} (port taken, maybe by "
                   f"another of Fjord's listeners: SFU worker i uses "
                   f"{setting_name('metrics_port')} + 1 + i)")
        self.failure = (f"sfu worker {index} {why} {self._early_exits[index]} times in a row "
                        "at start; not restarting it")
        log.error("%s", self.failure)
        self.failed.set()

    async def close(self, timeout: float = 10.0) -> None:
        """Stop every worker (SIGTERM, then SIGKILL after ``timeout`` seconds)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for process in self.processes.values():
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            while process.is_alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if process.is_alive():
                process.kill()
            process.join(1)
        WORKERS.set(0)


async def run_sfu(settings: Settings) -> None:
    """``fjord sfu``: supervise the worker processes until interrupted."""
    from operability.health import HealthServer, role_registry
    from operability.logs import configure_logging
    from operability.loop_lag import LoopLagMonitor

    configure_logging(settings.log_level, settings.log_format, node=base_node_id(settings))
    supervisor = Supervisor(settings)
    stop = graceful_stop()
    health = None
    if settings.metrics_port is not None:
        health = HealthServer(settings.metrics_listen_ip, settings.metrics_port,
                              not_ready=supervisor.not_ready,
                              details=lambda: {"workers": supervisor.alive()},
                              registry=role_registry("fjord_sfu_worker_"))
        with binding(METRICS, settings):
            await health.start()
    lag = LoopLagMonitor("sfu-supervisor").start()
    await supervisor.start()
    try:
        if await supervisor.wait_registered():
            last = settings.sfu_port + supervisor.count - 1
            ports = (f"1 worker on UDP port {last}" if supervisor.count == 1 else
                     f"{supervisor.count} workers on UDP ports {settings.sfu_port}-{last}")
            print(f"Fjord SFU ready: {ports} nodes {','.join(supervisor.node_ids)}", flush=True)
        elif supervisor.failure is None:
            log.error("sfu workers did not register in time")
        waits = [asyncio.create_task(stop.wait()), asyncio.create_task(supervisor.failed.wait())]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in waits:
            task.cancel()
        if supervisor.failure is not None:
            raise WorkerFailed(supervisor.failure)
    finally:
        lag.cancel()
        await supervisor.close()
        if health is not None:
            await health.close()


async def drain(settings: Settings, node_prefix: str, wait: bool, timeout: float,
                echo: Callable[[str], object] = print) -> dict[str, int]:
    """``fjord sfu drain``: flag every node whose id is ``node_prefix`` or starts with
    ``node_prefix-w``; with ``wait``, poll until their rooms reach 0 or ``timeout`` seconds.

    Returns the rooms still open per node that has some (empty when drained).
    :raises ValueError: no live node matches.
    """
    from redis.asyncio import Redis

    from cluster.registry import NodeRegistry

    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    try:
        registry = NodeRegistry(redis, settings.node_ttl)

        def matching(nodes: list) -> list:
            return [n for n in nodes
                    if n.node_id == node_prefix or n.node_id.startswith(node_prefix + "-w")]

        live = await registry.nodes()
        nodes = matching(live)
        if not nodes:  # name the live ones: a default id (<hostname>-<pid>) is not guessed
            names = ", ".join(sorted(n.node_id for n in live)) or "none"
            raise ValueError(f"no live SFU node named {node_prefix!r} (live: {names})")
        for node in nodes:
            await registry.set_draining(node.node_id)
        echo(f"draining {len(nodes)} node(s): {', '.join(n.node_id for n in nodes)}")
        deadline = time.monotonic() + timeout
        while True:
            rooms = {n.node_id: n.rooms for n in matching(await registry.nodes()) if n.rooms}
            if not wait or not rooms or time.monotonic() > deadline:
                return rooms
            echo(f"{sum(rooms.values())} room(s) still open")
            await asyncio.sleep(max(settings.node_heartbeat_interval, 1.0))
    finally:
        await redis.aclose()
