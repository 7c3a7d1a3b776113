"""Event-loop lag: how late a periodic timer fires, the first sign of an overloaded process.

Exported as ``fjord_event_loop_lag_seconds`` (worst lateness over the last interval) and
``fjord_event_loop_lag_max_seconds`` (worst since start), labelled by ``role``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from prometheus_client import Gauge

LAG = Gauge(
    "fjord_event_loop_lag_seconds",
    "Worst lateness of a periodic event-loop timer over the last interval, seconds",
    ["role"],
)
LAG_MAX = Gauge(
    "fjord_event_loop_lag_max_seconds", "Worst event-loop timer lateness since start, seconds",
    ["role"],
)


class LoopLagMonitor:
    """Sleeps ``period`` seconds in a loop and records the overshoot.

    :param role: label value (``serve``, ``signaling``, ``sfu``, ``turn``).
    :param period: seconds between probes; the gauge updates every ``window`` probes.
    """

    def __init__(self, role: str, period: float = 0.1, window: int = 10,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.role = role
        self.period = period
        self.window = window
        self.clock = clock
        self.worst = 0.0
        self.worst_ever = 0.0
        self._task: asyncio.Task[None] | None = None

    def record(self, lateness: float, probe: int) -> None:
        """Account one probe ``lateness`` seconds late (pure: no sleeping)."""
        lateness = max(0.0, lateness)
        self.worst = max(self.worst, lateness)
        self.worst_ever = max(self.worst_ever, lateness)
        if probe % self.window == 0:
            LAG.labels(self.role).set(self.worst)
            LAG_MAX.labels(self.role).set(self.worst_ever)
            self.worst = 0.0

    async def run(self) -> None:
        """Probe until cancelled."""
        LAG.labels(self.role).set(0.0)
        LAG_MAX.labels(self.role).set(0.0)
        probe = 0
        while True:
            start = self.clock()
            await asyncio.sleep(self.period)
            probe += 1
            self.record(self.clock() - start - self.period, probe)

    def start(self) -> asyncio.Task[None]:
        """Start probing on the running loop; returns the task (cancel it to stop)."""
        self._task = asyncio.get_running_loop().create_task(self.run())
        return self._task
