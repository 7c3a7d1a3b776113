"""AIMD rate control of the delay-based estimate (draft-ietf-rmcat-gcc-02 section 5.5).

States hold, increase and decrease follow the detector's signal: overuse decreases to
``BETA`` times the acknowledged bitrate (by at most half), underuse holds (queues
drain), normal increases.
Far from the last known link capacity the increase is multiplicative (8 % a second);
near it, additive (about one packet per response time), as libwebrtc's
``aimd_rate_control.cc`` does. While increasing, the estimate never exceeds
``1.5 * acknowledged + 10 kbit/s``: a sender that sends little is not handed an unproven
estimate. The link capacity is a smoothed average of the acknowledged bitrate at overuse.

Pure: rates in bit/s, times in seconds.
"""

import math

from sfu.bwe.delay_based import Signal

BETA = 0.85
"Decrease factor applied to the acknowledged bitrate on overuse."
MAX_DECREASE = 0.5
"""One decrease keeps at least this share of the estimate: an acknowledged bitrate measured
while the subscriber read late, or while little was sent, is no measure of the link (the
next overuse, from packets sent after this decrease, lowers it further)."""
INCREASE_PER_S = 1.08
"Multiplicative increase factor per second."
RESPONSE_TIME_S = 0.3
"""Round trip plus 100 ms in libwebrtc; the SFU measures no round trip and takes
libwebrtc's default of 200 ms (a shorter one let the estimate creep past a link's capacity
between overuses)."""
MIN_ADDITIVE_BPS_PER_S = 4000
ACKED_HEADROOM = (1.5, 10_000)
"While increasing, the estimate stays under ``a * acknowledged + b``."
CAPACITY_SMOOTHING = 0.05


class AimdRateControl:
    """The delay-based estimate.

    :param initial: first estimate, bit/s.
    :param minimum: floor, bit/s.
    :param maximum: ceiling, bit/s.
    """

    def __init__(self, initial: float, minimum: float, maximum: float) -> None:
        self.estimate = float(initial)
        self.minimum = float(minimum)
        self.maximum = float(maximum)
        self.state = "hold"
        self._last_change: float | None = None
        self._capacity_kbps: float | None = None
        self._capacity_var = 0.4

    def update(self, signal: Signal, acked: float | None, now: float) -> float:
        """Apply the detector's ``signal`` with the acknowledged bitrate ``acked`` (None
        until measured) at ``now``; returns the estimate."""
        if signal == "overuse":
            self.state = "decrease"
        elif signal == "underuse":
            self.state = "hold"
        elif self.state == "hold":
            self.state = "increase"
            self._last_change = now
        if self._last_change is None:
            self._last_change = now
        if self.state == "increase":
            self._increase(acked, now)
        elif self.state == "decrease":
            self._decrease(acked, now)
        return self.estimate

    def set_estimate(self, bitrate: float, now: float) -> None:
        """Take a measured rate (a probe's result) as the estimate."""
        self.estimate = min(self.maximum, max(self.minimum, bitrate))
        self._last_change = now

    def _increase(self, acked: float | None, now: float) -> None:
        assert self._last_change is not None
        elapsed = min(max(now - self._last_change, 0.0), 1.0)
        cap = self._capacity_kbps
        if acked is not None and cap is not None and acked / 1000 > cap + 3 * self._deviation():
            self._capacity_kbps = cap = None  # the link got faster: forget it
        if cap is not None:
            bits_per_frame = self.estimate / 30
            packets = math.ceil(bits_per_frame / (1200 * 8))
            rate = max(MIN_ADDITIVE_BPS_PER_S, bits_per_frame / packets / RESPONSE_TIME_S)
            increased = self.estimate + rate * elapsed
        else:
            increased = self.estimate + max(
                self.estimate * (INCREASE_PER_S ** elapsed - 1), 1000 * elapsed)
        if acked is not None:
            limit = ACKED_HEADROOM[0] * acked + ACKED_HEADROOM[1]
            if increased > limit:
                increased = max(self.estimate, limit)
        self.estimate = min(self.maximum, max(self.minimum, increased))
        self._last_change = now

    def _decrease(self, acked: float | None, now: float) -> None:
        if acked is not None:
            decreased = BETA * acked
            if decreased > self.estimate and self._capacity_kbps is not None:
                decreased = BETA * self._capacity_kbps * 1000
            if decreased < self.estimate:
                self.estimate = max(self.minimum, decreased, MAX_DECREASE * self.estimate)
            self._on_overuse(acked)
        else:
            self.estimate = max(self.minimum, BETA * self.estimate)
        self.state = "hold"
        self._last_change = now

    def _on_overuse(self, acked: float) -> None:
        sample = acked / 1000
        cap = self._capacity_kbps
        if cap is None:
            self._capacity_kbps = sample
            return
        if sample < cap - 3 * self._deviation():
            cap = sample  # the link got slower: start over from this sample
        cap = (1 - CAPACITY_SMOOTHING) * cap + CAPACITY_SMOOTHING * sample
        self._capacity_kbps = cap
        error = cap - sample
        var = (1 - CAPACITY_SMOOTHING) * self._capacity_var + (
            CAPACITY_SMOOTHING * error * error / max(cap, 1.0))
        self._capacity_var = min(2.5, max(0.4, var))

    def _deviation(self) -> float:
        cap = self._capacity_kbps or 0.0
        return math.sqrt(self._capacity_var * cap)
