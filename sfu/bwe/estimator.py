"""GCC-like send-side bandwidth estimate of one subscriber transport.

Fed with the fate of each packet that carried the transport-wide sequence number
(send time and size known to the SFU, arrival time from the subscriber's transport-cc
feedback, :mod:`sfu.bwe.sender`), it combines (draft-ietf-rmcat-gcc-02; libwebrtc
``goog_cc``):

- the delay-based estimate: :class:`sfu.bwe.delay_based.InterArrival` groups,
  :class:`sfu.bwe.delay_based.TrendlineDetector`, :class:`sfu.bwe.aimd.AimdRateControl`
  driven by the acknowledged bitrate (bytes the subscriber reports received over the last
  :data:`ACKED_WINDOW_S`);
- the loss-based control (:mod:`sfu.bwe.loss_based`), kept under the delay-based one;
  a decrease for loss stops at ``BETA`` times the acknowledged bitrate (a queue that
  overflows delivers the link's capacity: going lower would starve the subscriber);
- probe results: the rate at which a probe cluster (packets the prober tagged, padding
  included) was sent and received, measured after each feedback that reports part of it,
  taken as the estimate when higher and the detector saw no overuse, as libwebrtc's
  ``probe_bitrate_estimator.cc`` does. This is how the estimate climbs back quickly once a
  limit is lifted, and the only way while the video is paused for bandwidth.

Pure: seconds and bit/s.
"""

from collections import deque
from dataclasses import dataclass

from sfu.bwe.aimd import BETA, AimdRateControl
from sfu.bwe.delay_based import BURST_S, InterArrival, TrendlineDetector
from sfu.bwe.loss_based import LossBasedControl

ACKED_WINDOW_S = 0.5
"Window of the acknowledged bitrate."
MIN_PROBE_PACKETS = 5
"A probe cluster with fewer packets reported says nothing."
MIN_PROBE_RECEIVED = 0.8
"Share of a cluster's packets that must have arrived for its rate to count."
MIN_PROBE_SPAN_S = 0.1
"""A cluster sent or received within less time than this proves nothing: the first bursts
alone (:data:`sfu.bwe.sender.PROBE_BURSTS`, 50 ms apart), measured before the rest was
reported, would make one late or early read the link's rate."""
MAX_RECEIVE_RATIO = 2.0
"A cluster received more than this times faster than sent was read in bursts: invalid."
UNSATURATED = 0.9
"A cluster received slower than this share of its send rate found the link's capacity..."
SATURATED_USE = 0.95
"...and the estimate becomes this share of the receive rate."


@dataclass(slots=True)
class PacketResult:
    """One packet the SFU numbered, as the subscriber reported it."""

    send_time: float
    "Seconds, the SFU's clock."
    size: int
    "Bytes on the wire (RTP, SRTP tag, UDP and IP headers)."
    arrival: float | None
    "Seconds, the subscriber's clock (arbitrary origin); None: reported not received."
    probe: int = -1
    "Probe cluster the packet belonged to, -1 for none."


class _Cluster:
    """Packets of one probe cluster. The SFU sends padding in bursts (one per poll), so
    each rate leaves out the last burst (packets within :data:`BURST_S` of the last send,
    or arrival), as a paced sender's rate leaves out its last packet."""

    __slots__ = ("id", "packets", "sent", "arrived")

    def __init__(self, first: PacketResult) -> None:
        self.id = first.probe
        self.packets = 0
        self.sent: list[tuple[float, int]] = []
        self.arrived: list[tuple[float, int]] = []

    def add(self, r: PacketResult) -> None:
        self.packets += 1
        self.sent.append((r.send_time, r.size))
        if r.arrival is not None:
            self.arrived.append((r.arrival, r.size))

    def rate(self) -> tuple[float, bool] | None:
        """bit/s the link carried the cluster at, and whether it carried it as fast as it
        was sent (received at :data:`UNSATURATED` of the send rate or more); None when it
        proves nothing."""
        if (self.packets < MIN_PROBE_PACKETS
                or len(self.arrived) < MIN_PROBE_RECEIVED * self.packets):
            return None
        send_rate = _burst_rate(self.sent)
        recv_rate = _burst_rate(self.arrived)
        if send_rate is None or recv_rate is None:
            return None
        if recv_rate > MAX_RECEIVE_RATIO * send_rate:
            return None  # arrivals bunched by the receiver: no measure of the link
        if recv_rate < UNSATURATED * send_rate:
            return SATURATED_USE * recv_rate, False
        return min(send_rate, recv_rate), True


def _burst_rate(times: list[tuple[float, int]]) -> float | None:
    """bit/s of ``(time, bytes)`` packets: all but the last burst over the time from the
    first packet to that burst; None over less than :data:`MIN_PROBE_SPAN_S`."""
    times.sort()
    last = times[-1][0]
    before = [(t, size) for t, size in times if t < last - BURST_S]
    if not before:
        return None
    span = last - times[0][0]
    if span < MIN_PROBE_SPAN_S:
        return None
    return sum(size for _, size in before) * 8 / span


class SendSideEstimator:
    """Bandwidth estimate of one transport, bit/s (:attr:`target`).

    :param initial: estimate before any feedback.
    :param minimum: floor.
    :param maximum: ceiling.
    """

    def __init__(self, initial: float, minimum: float, maximum: float) -> None:
        self.target = float(initial)
        "The estimate: the lower of the loss-based and delay-based ones."
        self.minimum = float(minimum)
        self.maximum = float(maximum)
        self.acked_bitrate: float | None = None
        "bit/s the subscriber reported receiving over the last window (None at first)."
        self.inter_arrival = InterArrival()
        self.detector = TrendlineDetector()
        self.rate_control = AimdRateControl(initial, minimum, maximum)
        self.loss = LossBasedControl()
        self._acked: deque[tuple[float, int]] = deque()
        self._acked_bytes = 0
        self._cluster: _Cluster | None = None
        self.decreased_at = float("-inf")
        "When the estimate was last lowered for overuse or loss (clock seconds)."
        self.last_probe: tuple[int, float, bool] | None = None
        """Cluster id, measured rate (bit/s) and whether the link carried it unsaturated
        (:meth:`_Cluster.rate`), of the last probe cluster that proved something."""

    def on_feedback(self, results: list[PacketResult], now: float) -> float:
        """One transport-cc feedback's packets, in sequence order; returns :attr:`target`.

        Overuse and loss shown only by packets sent before the last decrease were already
        answered by it: they hold the estimate rather than lower it again.
        """
        probe = self._probes(results)
        received = sorted((r for r in results if r.arrival is not None),
                          key=lambda r: r.arrival)  # type: ignore[arg-type, return-value]
        for r in received:
            assert r.arrival is not None
            self._ack(r.arrival, r.size)
            delta = self.inter_arrival.add(r.send_time, r.arrival)
            if delta is not None:
                self.detector.update(*delta)
        signal = self.detector.signal
        fresh = [r for r in results if r.send_time > self.decreased_at]
        if signal == "overuse" and not any(r.arrival is not None for r in fresh):
            signal = "underuse"  # hold: the last decrease has not shown yet
        control = self.rate_control
        before = control.estimate
        if probe is not None and signal != "overuse" and probe > self.target:
            # the probe's rate is the estimate, whichever of the two held it lower
            if probe > control.estimate:
                control.set_estimate(probe, now)
            self.target = min(self.maximum, probe)
        else:
            control.update(signal, self.acked_bitrate, now)
        lost = sum(1 for r in fresh if r.arrival is None)
        factor = self.loss.update(lost, len(fresh), now)
        target = self.target
        if factor is not None:
            target *= factor
            if factor < 1 and self.acked_bitrate is not None:
                # what arrived is what the link carries: a queue overflowing does not
                # take the estimate below the delay-based decrease from it
                target = max(target, BETA * self.acked_bitrate)
        self.target = min(self.maximum, max(self.minimum, min(target, control.estimate)))
        if control.estimate < before or (factor is not None and factor < 1):
            self.decreased_at = now
        return self.target

    def _ack(self, arrival: float, size: int) -> None:
        acked = self._acked
        acked.append((arrival, size))
        self._acked_bytes += size
        while acked and acked[0][0] < arrival - ACKED_WINDOW_S:
            self._acked_bytes -= acked.popleft()[1]
        if self.acked_bitrate is not None or arrival - acked[0][0] >= ACKED_WINDOW_S / 2:
            self.acked_bitrate = self._acked_bytes * 8 / ACKED_WINDOW_S

    def _probes(self, results: list[PacketResult]) -> float | None:
        """Feed probe clusters; the best rate measured, else None. A cluster is measured
        after each feedback that reported some of it, over what was reported so far (as
        libwebrtc's ``probe_bitrate_estimator.cc`` does per packet): a subscriber whose
        video is paused sends nothing after a cluster that would close it, and the next
        cluster must know how this one went."""
        best = None
        for r in results:
            cluster = self._cluster
            if cluster is not None and r.probe != cluster.id:
                best = self._measure(cluster, best)
                cluster = self._cluster = None
            if r.probe >= 0:
                if cluster is None:
                    cluster = self._cluster = _Cluster(r)
                cluster.add(r)
        if self._cluster is not None:
            best = self._measure(self._cluster, best)
        return best

    def _measure(self, cluster: _Cluster, best: float | None) -> float | None:
        measured = cluster.rate()
        if measured is None:
            return best
        rate, unsaturated = measured
        self.last_probe = (cluster.id, rate, unsaturated)
        return rate if best is None else max(best, rate)
