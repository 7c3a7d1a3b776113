"""Receive-side bandwidth estimate from abs-send-time, sent to publishers as REMB
(draft-alvestrand-rmcat-remb; delay-based idea of draft-ietf-rmcat-gcc-02 section 5).

A deliberately small estimator: packets are grouped by send time (5 ms bursts), the
one-way delay variation between groups is accumulated into a queueing-delay trend, and
every update either backs off to 85 % of the lower of the incoming rate and the
current estimate (trend above
``overuse_ms``) or grows multiplicatively, capped near the incoming rate so an
application-limited sender is not handed an unbounded estimate.
"""

from collections.abc import Callable

_WRAP = 64.0  # abs-send-time wraps every 64 s


class RembRate:
    """The once-a-second part of :class:`RembEstimator`, shared with its native twin
    (:meth:`sfu.native_forward.NativeForwarding.remb_estimator`), whose ``on_packet`` keeps
    the same ``_bytes`` and ``_queue_ms``."""

    _bytes: int
    _queue_ms: float

    def _start(self, clock: Callable[[], float], initial: int, maximum: int,
               overuse_ms: float) -> None:
        self._clock = clock
        self.estimate = float(initial)
        self.maximum = maximum
        "Upper bound of the estimate, bit/s (raised and lowered by :mod:`sfu.reports`)."
        self._overuse_ms = overuse_ms
        self._window_start = clock()
        self._last_update = clock()
        self.incoming_bps = 0.0

    def update(self) -> int:
        """Recompute the estimate (call about once a second); returns it in bit/s."""
        now = self._clock()
        span = now - self._window_start
        if span > 0:
            self.incoming_bps = self._bytes * 8 / span
        self._bytes = 0
        self._window_start = now
        elapsed = max(now - self._last_update, 0.0)
        self._last_update = now
        if self._queue_ms > self._overuse_ms and self.incoming_bps > 0:
            self.estimate = max(0.85 * min(self.incoming_bps, self.estimate), 50_000.0)
            self._queue_ms = 0.0
        else:
            grown = self.estimate * (1.0 + 0.15 * min(elapsed, 2.0))
            ceiling = max(2.0 * self.incoming_bps + 200_000.0, self.estimate)
            self.estimate = min(grown, ceiling)
        self.estimate = min(self.estimate, float(self.maximum))
        return int(self.estimate)


class RembEstimator(RembRate):
    """Estimate the bitrate one publisher transport can sustain.

    :param clock: monotonic clock in seconds.
    :param initial: first estimate in bit/s.
    :param maximum: upper bound in bit/s.
    :param overuse_ms: queueing delay growth (ms) treated as overuse.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        initial: int,
        maximum: int,
        overuse_ms: float = 12.0,
    ) -> None:
        self._start(clock, initial, maximum, overuse_ms)
        self._group_send: float | None = None
        self._group_arrival = 0.0
        self._prev_send: float | None = None
        self._prev_arrival = 0.0
        self._queue_ms = 0.0
        self._bytes = 0

    def on_packet(self, send_time: float, size: int) -> None:
        """Account one packet: its abs-send-time in seconds (mod 64) and size in bytes."""
        arrival = self._clock()
        self._bytes += size
        if self._group_send is None:
            self._group_send = send_time
            self._group_arrival = arrival
            return
        if (send_time - self._group_send) % _WRAP < 0.005:
            self._group_arrival = arrival
            return
        if self._prev_send is not None:
            send_delta = (self._group_send - self._prev_send) % _WRAP
            arrival_delta = self._group_arrival - self._prev_arrival
            variation_ms = (arrival_delta - send_delta) * 1000.0
            if -1000.0 < variation_ms < 1000.0:
                self._queue_ms = max(0.0, self._queue_ms * 0.98 + variation_ms)
        self._prev_send = self._group_send
        self._prev_arrival = self._group_arrival
        self._group_send = send_time
        self._group_arrival = arrival
