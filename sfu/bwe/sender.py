"""The SFU's transport-wide sequence numbers on one subscriber transport, their send
history, the subscriber's transport-cc feedback, and probing.

draft-holmer-rmcat-transport-wide-cc-extensions-01: the sender numbers every packet it
sends on the transport (one 16-bit counter across all SSRCs, header extension
``transport-wide-cc-extensions-01``) and the receiver reports each number's arrival time
(RTCP RTPFB FMT 15, :class:`sfu.rtcp.twcc.TransportFeedback`). :class:`TransportCcSender`
hands out the numbers (:meth:`~TransportCcSender.stamp`), remembers each packet's send
time and size, turns feedback into :class:`sfu.bwe.estimator.PacketResult` for the
:class:`sfu.bwe.estimator.SendSideEstimator`, and runs the prober: while the allocator
would send more than the estimate allows (:attr:`~TransportCcSender.wanted`), a probe
cluster of :data:`PROBE_BURSTS` periodic calls raises the transport's send rate with padding to
:data:`PROBE_GAIN` times the estimate (at most a little above what is wanted), at most
every :data:`PROBE_INTERVAL_S` while probes find room, and at :data:`BACKOFF_PROBE_GAIN`
times, backing off to :data:`MAX_PROBE_INTERVAL_S`, while they find the link saturated.
The transport's first clusters ramp up exponentially instead, as libwebrtc's
``ProbeController`` does at the start of a call, once the media has arrived for a while
(the acknowledged bitrate is known, waited for up to :data:`~sfu.bwe.estimator.ACKED_WINDOW_S`)
without the estimate lowered for overuse or loss:
:data:`EXPONENTIAL_PROBE_SCALES` times the estimate the first one started from, then
:data:`PROBE_GAIN` times the estimate (at least), each as soon as the one before is known
to have found room and raised the estimate to :data:`FURTHER_PROBE_THRESHOLD` of its rate;
the ramp ends for good at the first cluster that does not (the link is saturated: the
cautious probes above take over), is not measured within :data:`PROBE_INTERVAL_S`, asks
for all that is wanted, or leaves nothing more wanted. It also holds retransmissions under
the estimate (:meth:`~TransportCcSender.may_retransmit`).
The native forwarding core numbers the packets it forwards from the same counter
(:meth:`~TransportCcSender.share_numbering`).
"""

from collections import deque
from collections.abc import Callable
from typing import Protocol

from sfu.bwe.estimator import ACKED_WINDOW_S, PacketResult, SendSideEstimator
from sfu.rtcp.twcc import NOT_RECEIVED, TransportFeedback
from sfu.rtp.transport_cc import RTP_HEADER_SIZE

HISTORY = 4096
"Sent packets remembered for feedback (a power of two)."
WIRE_OVERHEAD = 10 + 8 + 20
"Bytes a packet adds on the wire beyond its RTP plaintext: SRTP tag, UDP and IPv4 headers."
INITIAL_BITRATE = 1_000_000
"Estimate (bit/s) before a subscriber's first feedback."
MIN_BITRATE = 100_000
MAX_BITRATE = 30_000_000
PROBE_BURSTS = 5
"""Padding bursts (one per :meth:`TransportCcSender.padding` call, 50 ms apart) of a probe
cluster: about 250 ms, long enough that a subscriber reading its socket late by tens of
milliseconds (a loaded machine) does not halve the measured rate."""
PROBE_GAIN = 2.0
"""A probe after one that found room asks for at most this times the estimate (libwebrtc's
further probes ask for twice it)..."""
BACKOFF_PROBE_GAIN = 1.4
"""...one after a probe that found the link saturated (or the first, when the media was
harmed before it and the exponential ramp does not run), this times: the
link is likely at its capacity, and 250 ms at twice an estimate of 0.85 times the capacity
queues about 170 ms more there (Chromium counts a freeze when a frame comes 150 ms later
than usual), at 1.4 times about 50 ms; saturated, the link still carries it under 90 % of
its send rate..."""
PROBE_WANTED_MARGIN = 1.2
"...and at most this times what the allocator wants."
EXPONENTIAL_PROBE_SCALES = (3.0, 6.0)
"""The first two clusters of a transport ask for these times the estimate the first one
started from (libwebrtc's ``first_exponential_probe_scale`` and
``second_exponential_probe_scale``): a subscriber joining a room from the initial estimate
of 1 Mbit/s reaches 6 Mbit/s in two clusters (about 0.6 s), where doubling it once a second
took three seconds and more; a link that cannot carry the first finds it saturated, and the
cautious probes take over from the estimate that cluster measured."""
FURTHER_PROBE_THRESHOLD = 0.7
"""The ramp goes on after a cluster that raised the estimate to this share of what it
asked for or more (libwebrtc's ``further_probe_threshold``)."""
PROBE_INTERVAL_S = 1.0
MAX_PROBE_INTERVAL_S = 5.0
"""A probe that found room is followed by another after :data:`PROBE_INTERVAL_S`; after
one that found the link saturated (received under 90 % of its send rate, as libwebrtc's
``probe_bitrate_estimator.cc`` tells a saturated link), the interval doubles up to this."""
RETRANSMIT_WINDOW_S = 0.5
"""Window of the send rate that retransmissions are held under
(:meth:`TransportCcSender.may_retransmit`)."""
PADDING_SIZE = 255
"Padding bytes per padding-only packet (RFC 3550 section 5.1: the count fits a byte)."
PADDING_WIRE = RTP_HEADER_SIZE + 8 + PADDING_SIZE + WIRE_OVERHEAD
"Bytes on the wire of one: RTP header, the transport-cc element's block, padding."


class NativeNumbering(Protocol):
    """A native core that numbers the packets it forwards on the same transport
    (``sfu._forwardcore.Egress``): the shared counter and what it numbered."""

    transport_seq: int
    "The next transport-wide sequence number (16 bits)."

    def take_sent(self) -> list[tuple[int, float, int]]:
        """``(sequence number, send time s, RTP bytes)`` of the packets numbered since the
        last call, oldest first."""
        ...


class TransportCcSender:
    """Transport-wide numbering, send history, estimate and prober of one subscriber
    transport.

    :param clock: monotonic seconds.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.sequence = 1
        "The next transport-wide sequence number (16 bits)."
        self.estimator = SendSideEstimator(INITIAL_BITRATE, MIN_BITRATE, MAX_BITRATE)
        self.feedback_received = 0
        "transport-cc feedback packets applied."
        self.last_feedback = float("-inf")
        "When the last one was applied (clock seconds)."
        self.wanted = 0
        "bit/s the allocator would send with no limit (set by :mod:`sfu.allocator`)."
        self.probe = -1
        "Probe cluster running now, -1 for none."
        self.probes = 0
        "Probe clusters started."
        self._history: list[tuple[int, float, int, int] | None] = [None] * HISTORY
        self._bursts = 0
        self.probe_rate = 0.0
        "bit/s the running (or last) probe cluster asks for."
        self._next_probe = 0.0
        self._probe_started = float("-inf")
        self._interval = PROBE_INTERVAL_S
        self._ramp = True
        "The next cluster may belong to the first clusters' exponential ramp."
        self._ramp_from = 0.0
        "The estimate the ramp started from."
        self._ramp_wait = float("inf")
        "Until when the ramp's first cluster waits for the acknowledged bitrate."
        self._sent_bytes = 0
        self._last_padding = clock()
        self._window: deque[tuple[float, int]] = deque()
        self._window_bytes = 0
        self._native: NativeNumbering | None = None

    def share_numbering(self, native: NativeNumbering) -> None:
        """Number packets together with ``native`` (the transport's native egress, which
        numbers what the core forwards): one counter, continued from :attr:`sequence`, and
        what it numbered is taken into the history before every use of it. No-op when
        already shared with ``native``."""
        if native is self._native:
            return
        self._take_native()
        native.transport_seq = self.sequence
        self._native = native

    def _take_native(self) -> None:
        native = self._native
        if native is not None:
            for seq, sent_at, size in native.take_sent():
                self._record(seq, sent_at, size + WIRE_OVERHEAD, False)
            self.sequence = native.transport_seq

    @property
    def estimate(self) -> float:
        """The bandwidth estimate, bit/s."""
        return self.estimator.target

    def stamp(self, size: int, padding: bool = False, now: float | None = None) -> int:
        """Number a packet of ``size`` RTP bytes sent now (``padding``: one that
        :meth:`padding` asked for; ``now``: the send time in clock seconds when the caller
        has it): its transport-wide sequence number, remembered with the send time."""
        self._take_native()
        seq = self.sequence
        self.sequence = (seq + 1) & 0xFFFF
        if self._native is not None:
            self._native.transport_seq = self.sequence
        self._record(seq, self._clock() if now is None else now, size + WIRE_OVERHEAD,
                     padding)
        return seq

    def _record(self, seq: int, now: float, wire: int, padding: bool) -> None:
        self._history[seq & (HISTORY - 1)] = (seq, now, wire, self.probe)
        if not padding:  # the prober's own: neither media nor in the way of repairs
            self._sent_bytes += wire
            self._window.append((now, wire))
            self._window_bytes += wire

    def may_retransmit(self, size: int) -> bool:
        """Whether a retransmission of ``size`` RTP bytes may be sent now: with it, the
        packets numbered over the last :data:`RETRANSMIT_WINDOW_S` (probe padding left out:
        it is worth less than a repair) stay under the estimate.
        A subscriber behind a saturated link NACKs what its queue dropped, again every
        round trip; answering all of it keeps the queue full and the loss high (libwebrtc
        holds retransmissions under the target rate too, ``RetransmissionRateLimiter``)."""
        self._take_native()
        now = self._clock()
        window = self._window
        while window and window[0][0] < now - RETRANSMIT_WINDOW_S:
            self._window_bytes -= window.popleft()[1]
        sent = self._window_bytes + size + WIRE_OVERHEAD
        return sent * 8 / RETRANSMIT_WINDOW_S <= self.estimate

    def on_feedback(self, feedback: TransportFeedback) -> None:
        """Apply a transport-cc feedback packet of the subscriber. Numbers the SFU did
        not send (or forgot) are ignored."""
        self._take_native()
        history = self._history
        results = []
        arrival = feedback.reference_time * 0.064
        deltas = iter(feedback.deltas)
        for i, status in enumerate(feedback.statuses):
            seq = (feedback.base_sequence + i) & 0xFFFF
            received = None
            if status != NOT_RECEIVED:
                arrival += next(deltas, 0) * 0.00025
                received = arrival
            entry = history[seq & (HISTORY - 1)]
            if entry is None or entry[0] != seq:
                continue
            if received is not None:
                history[seq & (HISTORY - 1)] = None  # reported once
            results.append(PacketResult(entry[1], entry[2], received, entry[3]))
        if results:
            self.feedback_received += 1
            self.last_feedback = now = self._clock()
            self.estimator.on_feedback(results, now)

    def padding(self) -> int:
        """Periodic (every 20-100 ms): how many padding bytes to send now, in padding-only
        packets of :data:`PADDING_SIZE` (:data:`PADDING_WIRE` bytes on the wire each), 0
        outside a probe cluster: what the cluster's rate asks for since the last call, less
        the media (not the padding) numbered since. Starts and ends clusters
        (:attr:`probe`)."""
        self._take_native()
        now = self._clock()
        elapsed = min(now - self._last_padding, 0.1)
        self._last_padding = now
        sent, self._sent_bytes = self._sent_bytes, 0
        estimate = self.estimate
        if self.probe >= 0 and self._bursts >= PROBE_BURSTS:
            self.probe = -1
        if self.probe < 0:
            last = self.estimator.last_probe
            known = last is not None and last[0] == self.probes
            room = known and last[2]
            if self._ramp and not self.probes and self.wanted > estimate:
                # the ramp waits (a little) for the media to have arrived for a while, unharmed
                acked = self.estimator.acked_bitrate
                self._ramp_wait = min(self._ramp_wait, now + ACKED_WINDOW_S)
                if acked is None and now < self._ramp_wait:
                    return 0
                self._ramp = acked is not None and self.estimator.decreased_at == float("-inf")
            elif self._ramp and self.probes:
                if not known and now < self._probe_started + PROBE_INTERVAL_S:
                    return 0  # the ramp waits for the last cluster's result
                self._ramp = (room and self.wanted > estimate
                              and estimate >= FURTHER_PROBE_THRESHOLD * self.probe_rate)
            # the wait was set when the last cluster started, from the one before it: once
            # the last one is known to have found room, the next follows a second after it
            # (at once while the ramp goes on)
            due = (now if self._ramp
                   else min(self._next_probe, self._probe_started + PROBE_INTERVAL_S) if room
                   else self._next_probe)
            if now < due or self.wanted <= estimate:
                return 0
            self._interval = (PROBE_INTERVAL_S if room
                              else min(self._interval * 2, MAX_PROBE_INTERVAL_S))
            limit = min(self.wanted * PROBE_WANTED_MARGIN, self.estimator.maximum)
            if self._ramp:
                if not self.probes:
                    self._ramp_from = estimate
                scales = EXPONENTIAL_PROBE_SCALES
                scale = scales[self.probes] if self.probes < len(scales) else 0.0
                rate = max(self._ramp_from * scale, estimate * PROBE_GAIN)
                self._ramp = rate < limit  # one that asks for all that is wanted is the last
            else:
                rate = estimate * (PROBE_GAIN if room else BACKOFF_PROBE_GAIN)
            self.probe_rate = min(rate, limit)
            self.probes += 1
            self.probe = self.probes
            self._bursts = 0
            self._next_probe = now + self._interval
            self._probe_started = now
            sent = 0  # media sent before the cluster is not part of it
        self._bursts += 1
        wire = self.probe_rate * elapsed / 8 - sent
        return max(0, int(wire * PADDING_SIZE / PADDING_WIRE))
