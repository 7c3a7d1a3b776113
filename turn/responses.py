"""Cache of recent responses so retransmitted requests get the same answer (RFC 8489 6.3.1)."""

from __future__ import annotations

from collections.abc import Hashable

TRANSACTION_TIMEOUT = 40.0
"""Seconds a response is kept: a client retransmits for 39.5 s at most (RFC 8489 6.2.1)."""


class ResponseCache:
    """``(5-tuple, transaction id) -> response bytes`` for ``ttl`` seconds, ``max_entries``
    at most (oldest evicted first)."""

    def __init__(self, ttl: float = TRANSACTION_TIMEOUT, max_entries: int = 50000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float, bytes]] = {}

    def get(self, key: Hashable, now: float) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] <= now:
            return None
        return entry[1]

    def put(self, key: Hashable, response: bytes, now: float) -> None:
        if len(self._entries) >= self.max_entries:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = (now + self.ttl, response)

    def prune(self, now: float) -> None:
        """Forget expired entries (insertion order is expiry order)."""
        entries = self._entries
        while entries:
            key = next(iter(entries))
            if entries[key][0] > now:
                break
            del entries[key]

    def __len__(self) -> int:
        return len(self._entries)
