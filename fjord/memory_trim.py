"""Give freed heap memory back to the operating system after clients leave.

Each TLS connection and WebSocket allocates buffers in C (OpenSSL, the WebSocket codec); when
hundreds of clients leave, those are freed, but glibc keeps the pages of its heap, which is
fragmented by the few objects still alive among them, so resident memory stays at the wave's
high-water mark (issue 17: 69 MB after 500 clients). Python's own objects do not grow from
wave to wave (tracemalloc). Shortly after connections close, :class:`MemoryTrimmer` calls glibc's
``malloc_trim(0)``, which returns every free page of every heap arena (``madvise``), not only
the top of the heap. Elsewhere than glibc (musl) it does nothing.

Exported as ``fjord_memory_trims_total`` and ``fjord_memory_trim_pending``.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
from collections.abc import Callable

from prometheus_client import Counter, Gauge

TRIMS = Counter("fjord_memory_trims_total",
                "malloc_trim calls after connections closed (freed heap given back)")
PENDING = Gauge("fjord_memory_trim_pending", "1 while a trim after closed connections waits")


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc
        return None


class MemoryTrimmer:
    """Trims the heap ``delay`` seconds after a connection closes: closes within that time
    share one trim, so under steady churn it trims at most once per ``delay``."""

    def __init__(self, delay: float = 2.0) -> None:
        self.delay = delay
        self._trim = _malloc_trim()
        self._timer: asyncio.TimerHandle | None = None
        PENDING.set(0)

    def connection_closed(self) -> None:
        """A connection ended: trim soon (no-op without glibc)."""
        if self._trim is None or self._timer is not None:
            return
        self._timer = asyncio.get_running_loop().call_later(self.delay, self._run)
        PENDING.set(1)

    def _run(self) -> None:
        self._timer = None
        assert self._trim is not None
        self._trim(0)
        TRIMS.inc()
        PENDING.set(0)
