"""Receive side of transport-wide congestion control: record arrivals, build feedback
(draft-holmer-rmcat-transport-wide-cc-extensions-01 sections 2 and 3.1).

A publisher stamps every RTP packet of a transport (media, RTX, padding probes) with a
16-bit transport-wide sequence number; the SFU records when each one arrived and, every
50-100 ms, reports the arrivals since the previous report as
:class:`sfu.rtcp.twcc.TransportFeedback` packets. The sender runs its bandwidth
estimator (libwebrtc's GoogCC) on them.

Time is kept in integer 250 us ticks so deltas carry no rounding drift: the reference
time of a feedback packet is the first reported arrival floored to 64 ms (256 ticks),
the first delta is measured from it and each next delta from the previous received
packet. Recording is O(1) into a fixed ring of ``window`` slots, so memory is bounded
whatever the sender does; arrivals older than the last report are ignored.
"""

from array import array

from sfu.rtcp.twcc import LARGE_DELTA, NOT_RECEIVED, SMALL_DELTA, TransportFeedback

TICKS_PER_SECOND = 4000
"Receive deltas are in 250 us units."
TICKS_PER_REFERENCE = 256
"The reference time is in 64 ms units."
MAX_STATUSES = 400
"Statuses per feedback packet: at most ~950 bytes with every delta large."


class TwccFeedbackReport:
    """The reporting side of :class:`TwccFeedbackBuilder`, shared with its native twin
    (:meth:`sfu.native_forward.NativeForwarding.twcc_feedback_builder`), which records into
    the same state under the same names."""

    __slots__ = ()
    _mask: int
    _seqs: array
    _ticks: array
    _max: int
    _next: int
    _ssrc: int
    _count: int
    _max_packets: int

    @property
    def pending(self) -> bool:
        """Arrivals wait to be reported."""
        return self._max >= self._next

    def build(self, sender_ssrc: int) -> list[TransportFeedback]:
        """Report every arrival since the previous call (at most ``max_packets`` packets).

        A packet ends early when a delta would not fit 16 signed bits (a pause of more
        than ~8 s); the next packet starts a new reference time there.
        """
        out: list[TransportFeedback] = []
        first = max(self._next, self._max - self._mask)
        seqs, ticks, mask = self._seqs, self._ticks, self._mask
        while first <= self._max and len(out) < self._max_packets:
            statuses: list[int] = []
            deltas: list[int] = []
            reference = prev = None
            seq = first
            end = min(self._max, first + MAX_STATUSES - 1)
            while seq <= end:
                i = seq & mask
                if seqs[i] != seq:
                    statuses.append(NOT_RECEIVED)
                    seq += 1
                    continue
                t = ticks[i]
                if prev is None:
                    reference = t // TICKS_PER_REFERENCE
                    prev = reference * TICKS_PER_REFERENCE
                d = t - prev
                if 0 <= d <= 0xFF:
                    statuses.append(SMALL_DELTA)
                elif -0x8000 <= d <= 0x7FFF:
                    statuses.append(LARGE_DELTA)
                else:
                    break  # report from here in a new packet with its own reference
                deltas.append(d)
                prev = t
                seq += 1
            if reference is None:  # nothing but losses in range: nothing to report
                first = end + 1
                continue
            while statuses[-1] == NOT_RECEIVED:  # trailing losses go to the next packet
                statuses.pop()
                seq -= 1
            ref = reference & 0xFFFFFF
            if ref & 0x800000:
                ref -= 1 << 24
            out.append(
                TransportFeedback(
                    sender_ssrc, self._ssrc, first & 0xFFFF, ref, self._count & 0xFF,
                    statuses, deltas,
                )
            )
            self._count += 1
            first = seq
        self._next = first
        return out


class TwccFeedbackBuilder(TwccFeedbackReport):
    """Arrival recorder and feedback packet builder of one transport.

    :param window: ring size, a power of two: how many sequence numbers one report may
        cover (1024: over 3 s at 300 packets/s, 16 KiB); older unreported ones are
        dropped from the report.
    :param max_packets: feedback packets returned by one :meth:`build` call; the rest is
        reported by the next call.
    """

    __slots__ = (
        "_mask",
        "_seqs",
        "_ticks",
        "_max",
        "_next",
        "_ssrc",
        "_count",
        "_max_packets",
        "late",
    )

    def __init__(self, window: int = 1024, max_packets: int = 4) -> None:
        if window < 1 or window & (window - 1):
            raise ValueError("window must be a power of two")
        self._mask = window - 1
        self._seqs = array("q", [-1]) * window
        self._ticks = array("q", [0]) * window
        self._max = -1
        "Highest unwrapped sequence number recorded (-1: none yet)."
        self._next = 0
        "First unwrapped sequence number not reported yet."
        self._ssrc = 0
        self._count = 0
        self._max_packets = max_packets
        self.late = 0
        "Arrivals ignored because their sequence number was already reported."

    def record(self, seq: int, arrival: float, media_ssrc: int) -> None:
        """Hot path: packet with transport-wide sequence ``seq`` (16 bits) arrived at
        ``arrival`` seconds of a monotonic clock, on stream ``media_ssrc``."""
        last = self._max
        if last < 0:
            useq = self._next = seq + 0x10000  # room below for reordered first packets
            self._max = useq
        else:
            delta = (seq - last) & 0xFFFF
            if delta >= 0x8000:
                delta -= 0x10000
            useq = last + delta
            if useq < self._next:
                self.late += 1
                return
            if delta > 0:
                self._max = useq
        i = useq & self._mask
        self._seqs[i] = useq
        self._ticks[i] = int(arrival * TICKS_PER_SECOND + 0.5)
        self._ssrc = media_ssrc
