"""Delay-based overuse detection: packet groups, trendline filter, adaptive threshold.

draft-ietf-rmcat-gcc-02 section 5 with the trendline filter that replaced its Kalman
filter in libwebrtc (``modules/congestion_controller/goog_cc/trendline_estimator.cc``,
read for its constants, not copied). Packets sent within :data:`BURST_S` of a group's
first packet form one group, and so does a packet that arrives within :data:`BURST_S` of
the group's last one and sooner after it than it was sent (libwebrtc's
``inter_arrival_delta.cc``, ``BelongsToBurst``): packets held back together (a sender or
receiver not scheduled for a while on a loaded machine) and then delivered at once are
one late group, not a late group followed by a run of groups arriving 0 ms apart, which
the smoothed trend reads as a steep rise. For consecutive groups the one-way delay
gradient is ``d = arrival delta - send delta``. The accumulated gradients, smoothed, are fitted by a
least-squares line over the last :data:`WINDOW` groups: its slope (the queueing delay
trend) times ``min(groups, 60) * GAIN`` is compared with a threshold that adapts to it
(section 5.4), giving overuse, underuse or normal.

Pure: times in seconds in, a :data:`Signal` out.
"""

from collections import deque
from typing import Literal

Signal = Literal["normal", "overuse", "underuse"]

BURST_S = 0.005
"Packets sent within this of a group's first packet belong to the group."
MAX_BURST_S = 0.1
"A group grows by packets arriving in a burst for at most this after its first arrival."
WINDOW = 20
"Groups in the trendline's least-squares fit."
SMOOTHING = 0.9
"Exponential smoothing of the accumulated delay."
GAIN = 4.0
"Trend gain (libwebrtc's threshold gain)."
MAX_DELTAS = 60
"The trend is scaled by the groups seen, up to this many."
OVERUSE_TIME_MS = 10.0
"A trend above the threshold for longer than this (and two groups) is overuse."
K_UP = 0.0087
"Threshold adaptation gain when the trend exceeds it (gcc-02 section 5.4)."
K_DOWN = 0.039
"Threshold adaptation gain when the trend is below it."
INITIAL_THRESHOLD_MS = 12.5
THRESHOLD_RANGE_MS = (6.0, 600.0)
MAX_ADAPT_OFFSET_MS = 15.0
"A trend this far above the threshold is an outlier: the threshold does not follow it."


class InterArrival:
    """Group packets by send time and arrival bursts; yield the deltas between
    consecutive groups."""

    __slots__ = ("_first_send", "_last_send", "_first_arrival", "_last_arrival", "_prev")

    def __init__(self) -> None:
        self._first_send: float | None = None
        self._last_send = 0.0
        self._first_arrival = 0.0
        self._last_arrival = 0.0
        self._prev: tuple[float, float] | None = None

    def add(self, send: float, arrival: float) -> tuple[float, float, float] | None:
        """A packet (send and arrival time, s, in arrival order). When it starts a new
        group and two complete groups exist: ``(send delta, arrival delta, arrival time
        of the completed group)`` in seconds, else None."""
        if self._first_send is None:
            self._start(send, arrival)
            return None
        if send - self._first_send <= BURST_S or self._in_burst(send, arrival):
            if send >= self._last_send:
                self._last_send = send
            self._last_arrival = max(self._last_arrival, arrival)
            return None
        if send < self._first_send:
            return None  # reordered: older than the current group
        done = (self._last_send, self._last_arrival)
        prev, self._prev = self._prev, done
        self._start(send, arrival)
        if prev is None:
            return None
        return done[0] - prev[0], done[1] - prev[1], done[1]

    def _start(self, send: float, arrival: float) -> None:
        self._first_send = self._last_send = send
        self._first_arrival = self._last_arrival = arrival

    def _in_burst(self, send: float, arrival: float) -> bool:
        """Whether a packet arrived in a burst with the current group: sent with its last
        packet, or within :data:`BURST_S` of its last arrival, less time after it than it
        was sent after its last packet, and within :data:`MAX_BURST_S` of its first
        arrival."""
        send_delta = send - self._last_send
        arrival_delta = arrival - self._last_arrival
        return send_delta == 0 or (arrival_delta < send_delta and arrival_delta <= BURST_S
                                   and arrival - self._first_arrival < MAX_BURST_S)


class TrendlineDetector:
    """Queueing delay trend of packet groups and the overuse detector on it."""

    def __init__(self) -> None:
        self.signal: Signal = "normal"
        self.threshold = INITIAL_THRESHOLD_MS
        "Adaptive threshold (ms) the modified trend is compared with."
        self.trend = 0.0
        "Slope of the smoothed accumulated delay against arrival time (ms per ms)."
        self._deltas = 0
        self._first_arrival: float | None = None
        self._accumulated = 0.0
        self._smoothed = 0.0
        self._history: deque[tuple[float, float]] = deque(maxlen=WINDOW)
        self._time_over = -1.0
        self._overuse_count = 0
        self._last_threshold_update: float | None = None

    def update(self, send_delta: float, arrival_delta: float, arrival: float) -> Signal:
        """One group delta (seconds, :meth:`InterArrival.add`): the detector's signal."""
        send_ms = send_delta * 1000.0
        arrival_ms = arrival * 1000.0
        self._deltas = min(self._deltas + 1, 1000)
        if self._first_arrival is None:
            self._first_arrival = arrival_ms
        self._accumulated += arrival_delta * 1000.0 - send_ms
        self._smoothed = SMOOTHING * self._smoothed + (1 - SMOOTHING) * self._accumulated
        self._history.append((arrival_ms - self._first_arrival, self._smoothed))
        trend = self.trend
        if len(self._history) == WINDOW:
            trend = _slope(self._history, trend)
        self._detect(trend, send_ms, arrival_ms)
        return self.signal

    def _detect(self, trend: float, send_ms: float, now_ms: float) -> None:
        if self._deltas < 2:
            self.signal = "normal"
            self.trend = trend
            return
        modified = min(self._deltas, MAX_DELTAS) * trend * GAIN
        if modified > self.threshold:
            if self._time_over < 0:
                self._time_over = send_ms / 2
            else:
                self._time_over += send_ms
            self._overuse_count += 1
            if (self._time_over > OVERUSE_TIME_MS and self._overuse_count > 1
                    and trend >= self.trend):
                self._time_over = 0.0
                self._overuse_count = 0
                self.signal = "overuse"
        elif modified < -self.threshold:
            self._time_over = -1.0
            self._overuse_count = 0
            self.signal = "underuse"
        else:
            self._time_over = -1.0
            self._overuse_count = 0
            self.signal = "normal"
        self.trend = trend
        self._adapt_threshold(modified, now_ms)

    def _adapt_threshold(self, modified: float, now_ms: float) -> None:
        last = self._last_threshold_update
        self._last_threshold_update = now_ms
        if last is None or abs(modified) > self.threshold + MAX_ADAPT_OFFSET_MS:
            return
        k = K_DOWN if abs(modified) < self.threshold else K_UP
        elapsed = min(now_ms - last, 100.0)
        low, high = THRESHOLD_RANGE_MS
        self.threshold = min(high, max(low, self.threshold
                                       + k * (abs(modified) - self.threshold) * elapsed))


def _slope(points: deque[tuple[float, float]], fallback: float) -> float:
    """Least-squares slope of ``(x, y)`` points; ``fallback`` when x does not vary."""
    n = len(points)
    mean_x = sum(p[0] for p in points) / n
    mean_y = sum(p[1] for p in points) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in points)
    den = sum((x - mean_x) ** 2 for x, _ in points)
    return num / den if den else fallback
