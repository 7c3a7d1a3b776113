"""Upstream loss tracking with NACK retries for one inbound video stream (RFC 4585 6.2.1).

When a sequence gap is seen, the missing numbers are NACKed at once; those still missing
are NACKed again every ``retry_interval`` seconds, at most ``max_retries`` times, then
given up. A repaired packet (an RTX or late arrival of a missing number) leaves the set.
State is bounded: at most ``max_pending`` numbers are tracked; when more go missing, the
oldest are given up and :attr:`NackGenerator.overflowed` tells the owner to ask for a
keyframe instead.
"""

from collections.abc import Callable


class NackGenerator:
    """Decide which upstream sequence numbers to NACK, and when.

    :param clock: monotonic clock in seconds.
    :param retry_interval: seconds between two NACKs of the same sequence number.
    :param max_retries: NACKs sent per sequence number after the first one.
    :param max_pending: largest number of sequence numbers tracked at once.
    """

    __slots__ = (
        "_clock",
        "_retry_interval",
        "_max_retries",
        "_max_pending",
        "pending",
        "recovered",
        "given_up",
        "overflowed",
    )

    def __init__(
        self,
        clock: Callable[[], float],
        retry_interval: float = 0.1,
        max_retries: int = 4,
        max_pending: int = 256,
    ) -> None:
        self._clock = clock
        self._retry_interval = retry_interval
        self._max_retries = max_retries
        self._max_pending = max_pending
        self.pending: dict[int, list] = {}
        "seq -> [NACKs sent so far, time of the last one]; insertion order is seq order."
        self.recovered = 0
        "Missing packets that arrived later (retransmitted or reordered)."
        self.given_up = 0
        "Missing packets abandoned after ``max_retries`` or on overflow."
        self.overflowed = False
        "Set when numbers were abandoned on overflow; the owner resets it."

    def lost(self, seq: int, gap: int) -> list[int]:
        """Packet ``seq`` arrived after ``gap`` missing numbers: track and return them
        (oldest first) to be NACKed now."""
        now = self._clock()
        missing = [(seq - i) & 0xFFFF for i in range(gap, 0, -1)]
        pending = self.pending
        for s in missing:
            pending[s] = [1, now]
        excess = len(pending) - self._max_pending
        if excess > 0:
            for s in list(pending)[:excess]:
                del pending[s]
            self.given_up += excess
            self.overflowed = True
            missing = [s for s in missing if s in pending]
        return missing

    def received(self, seq: int) -> bool:
        """An older-than-newest packet arrived; True when it repairs a tracked loss."""
        if self.pending.pop(seq, None) is None:
            return False
        self.recovered += 1
        return True

    def due(self) -> list[int]:
        """Sequence numbers to NACK again now (call periodically); abandons exhausted ones."""
        if not self.pending:
            return []
        now = self._clock()
        out = []
        expired = []
        for seq, entry in self.pending.items():
            if now - entry[1] < self._retry_interval:
                continue
            if entry[0] > self._max_retries:
                expired.append(seq)
                continue
            entry[0] += 1
            entry[1] = now
            out.append(seq)
        for seq in expired:
            del self.pending[seq]
        self.given_up += len(expired)
        return out

    def clear(self) -> None:
        """Forget every tracked loss."""
        self.pending.clear()
