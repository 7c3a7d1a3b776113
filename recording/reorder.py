"""A bounded reordering buffer for one RTP stream (sequence numbers, RFC 3550 section 5.1).

Packets come out in sequence order. A missing packet is waited for while fewer than
``capacity`` later packets are held and for at most ``max_wait_ms`` (time enough for a NACK
repair); then it is declared lost and the next packet comes out marked ``gap``. Late and
duplicate packets are dropped and counted. Memory is bounded by ``capacity`` packets.
"""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Released(NamedTuple, Generic[T]):
    seq: int
    item: T
    gap: bool
    """One or more packets before this one were lost."""


class ReorderBuffer(Generic[T]):
    """In-order release of up to ``capacity`` held packets (16-bit sequence numbers)."""

    def __init__(self, capacity: int = 64, max_wait_ms: float = 200.0) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.max_wait_ms = max_wait_ms
        self._waiting_since: float | None = None
        self.expected: int | None = None
        self.held: dict[int, T] = {}
        self.lost = 0
        "Packets declared lost."
        self.dropped = 0
        "Late or duplicate packets dropped."
        self._gap = False

    def push(self, seq: int, item: T, now_ms: float = 0.0) -> list[Released[T]]:
        """Add packet ``seq`` arriving at ``now_ms``; returns the packets now releasable,
        in order."""
        if self.expected is None:
            self.expected = seq
        ahead = (seq - self.expected) & 0xFFFF
        if ahead >= 0x8000 or seq in self.held:
            self.dropped += 1
            return []
        self.held[seq] = item
        out = self._release()
        if not self.held:
            self._waiting_since = None
        elif self._waiting_since is None:
            self._waiting_since = now_ms
        while self.held and (len(self.held) >= self.capacity or
                             now_ms - self._waiting_since >= self.max_wait_ms):
            self._skip_to_oldest_held()  # give up on the oldest missing packet
            out += self._release()
            self._waiting_since = now_ms if self.held else None
        return out

    def flush(self) -> list[Released[T]]:
        """Release everything held (end of the recording), gaps marked."""
        out: list[Released[T]] = []
        while self.held:
            self._skip_to_oldest_held()
            out += self._release()
        return out

    def _release(self) -> list[Released[T]]:
        out: list[Released[T]] = []
        assert self.expected is not None
        while self.expected in self.held:
            out.append(Released(self.expected, self.held.pop(self.expected), self._gap))
            self._gap = False
            self.expected = (self.expected + 1) & 0xFFFF
        return out

    def _skip_to_oldest_held(self) -> None:
        assert self.expected is not None
        base = self.expected
        oldest = min(self.held, key=lambda s: (s - base) & 0xFFFF)
        self.lost += (oldest - base) & 0xFFFF
        self.expected = oldest
        self._gap = True
