"""Throttle keyframe requests from many subscribers into one PLI to the publisher.

RFC 4585 section 6.3.1 (PLI) and RFC 5104 section 4.3.1 (FIR) requests from every
subscriber of a producer are merged: at most one PLI per ``min_interval`` seconds goes
upstream; a request arriving inside the interval is remembered and sent when it ends.
"""

from collections.abc import Callable


class KeyFrameRequestManager:
    """Decide when to send a PLI upstream.

    :param min_interval: minimum seconds between two PLIs sent to the publisher.
    :param clock: monotonic clock in seconds.
    """

    __slots__ = ("_min_interval", "_clock", "_last_sent", "_pending")

    def __init__(self, min_interval: float, clock: Callable[[], float]) -> None:
        self._min_interval = min_interval
        self._clock = clock
        self._last_sent = float("-inf")
        self._pending = False

    @property
    def last_sent(self) -> float:
        """Clock time of the last PLI sent (-inf before the first)."""
        return self._last_sent

    @property
    def pending(self) -> bool:
        """A request is waiting for the interval to end."""
        return self._pending

    def request(self) -> bool:
        """Register a keyframe request; True means "send a PLI now"."""
        now = self._clock()
        if now - self._last_sent >= self._min_interval:
            self._last_sent = now
            self._pending = False
            return True
        self._pending = True
        return False

    def defer(self) -> None:
        """Register a request that cannot be sent yet (publisher not connected); it is
        returned by :meth:`poll` once sending is possible and the interval allows."""
        self._pending = True

    def poll(self) -> bool:
        """Called periodically: True when a deferred request is now due."""
        if self._pending and self._clock() - self._last_sent >= self._min_interval:
            self._last_sent = self._clock()
            self._pending = False
            return True
        return False

    def expect(self) -> None:
        """A key frame is coming unasked (a resumed simulcast encoding starts with one):
        the interval starts now, as if a PLI had just been sent; a request meanwhile is
        sent when it ends, unless the key frame came (:meth:`keyframe_received`)."""
        self._last_sent = self._clock()

    def keyframe_received(self) -> None:
        """A keyframe arrived from the publisher: a deferred request is satisfied."""
        self._pending = False
