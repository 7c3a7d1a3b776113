"""Per-key token buckets with bounded memory (used for 401/438 answers per source IP)."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable


class KeyedRateLimiter:
    """``allow(key)`` consumes one token from ``key``'s bucket of ``burst`` tokens refilled
    at ``rate`` per second. At most ``max_keys`` buckets are kept; when full, the table is
    reset (a flood of sources cannot grow memory; it briefly forgets the others' history).
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        max_keys: int = 65536,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: dict[Hashable, tuple[float, float]] = {}

    def allow(self, key: Hashable) -> bool:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._buckets.clear()
            tokens = self.burst
        else:
            tokens, last = bucket
            tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        return True
