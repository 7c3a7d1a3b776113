"""Bounded per-stream cache of recent RTP packets to answer NACKs (RFC 4585 6.2.1).

A ring of ``size`` slots indexed by ``seq % size``: storing is O(1), memory is bounded by
``size`` packets, and an entry older than ``max_age`` seconds is never returned.
"""

from collections.abc import Callable


class RetransmissionBuffer:
    """Ring buffer ``sequence number -> (plaintext RTP packet, store time)``.

    :param size: number of slots (packets kept), at least 1.
    :param max_age: seconds after which a stored packet is considered too old to resend.
    :param clock: monotonic clock in seconds.
    """

    __slots__ = ("_size", "_max_age", "_clock", "_seqs", "_packets", "_times")

    def __init__(self, size: int, max_age: float, clock: Callable[[], float]) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self._size = size
        self._max_age = max_age
        self._clock = clock
        self._seqs: list[int] = [-1] * size
        self._packets: list[bytes | None] = [None] * size
        self._times: list[float] = [0.0] * size

    def store(self, seq: int, packet: bytes, now: float | None = None) -> None:
        """Keep ``packet`` (plaintext, as received) under 16-bit sequence number ``seq``;
        ``now`` is the store time (read from the clock when None)."""
        i = seq % self._size
        self._seqs[i] = seq
        self._packets[i] = packet
        self._times[i] = self._clock() if now is None else now

    def get(self, seq: int) -> bytes | None:
        """Return the packet stored for ``seq`` if still present and fresh, else None."""
        i = seq % self._size
        if self._seqs[i] != seq:
            return None
        if self._clock() - self._times[i] > self._max_age:
            return None
        return self._packets[i]

    def stored(self) -> tuple[int, int]:
        """``(packets, bytes)`` held now, fresh or not (what the cache costs in memory,
        packet objects' overhead aside)."""
        held = [p for p in self._packets if p is not None]
        return len(held), sum(len(p) for p in held)

    def clear(self) -> None:
        """Drop every stored packet."""
        for i in range(self._size):
            self._seqs[i] = -1
            self._packets[i] = None
