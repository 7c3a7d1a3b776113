"""Reception statistics of one inbound stream for receiver reports
(RFC 3550 appendix A.1 sequence tracking, A.3 loss, A.8 jitter)."""

from sfu.rtcp.rr import ReportBlock


class ReceiveReport:
    """The receiver-report side of :class:`ReceiveStats`, shared with its native twin
    (:meth:`sfu.native_forward.NativeForwarding.receive_stats`), which keeps the same state
    under the same names: ``_base``, ``_max_seq``, ``_cycles``, ``received``, ``_jitter``,
    ``_expected_prior``, ``_received_prior``, ``_started``."""

    __slots__ = ()
    _base: int
    _max_seq: int
    _cycles: int
    received: int
    _jitter: float
    _expected_prior: int
    _received_prior: int
    _started: bool
    octets: int

    @property
    def extended_max(self) -> int:
        """Extended highest sequence number received (cycles << 16 | seq)."""
        return self._cycles | self._max_seq

    def report_block(self, ssrc: int, lsr: int, dlsr: int) -> ReportBlock:
        """Build a report block and start a new reporting interval."""
        extended = self.extended_max
        expected = extended - self._base + 1 if self._started else 0
        lost = expected - self.received
        expected_interval = expected - self._expected_prior
        received_interval = self.received - self._received_prior
        self._expected_prior = expected
        self._received_prior = self.received
        lost_interval = expected_interval - received_interval
        fraction = 0
        if expected_interval > 0 and lost_interval > 0:
            fraction = min((lost_interval << 8) // expected_interval, 255)
        return ReportBlock(ssrc, fraction, lost, extended & 0xFFFFFFFF, int(self._jitter), lsr,
                           dlsr)


class ReceiveStats(ReceiveReport):
    """Tracks extended highest sequence, losses and interarrival jitter.

    :param clock_rate: RTP clock rate in Hz (jitter is in timestamp units).
    """

    __slots__ = (
        "clock_rate",
        "_base",
        "_max_seq",
        "_cycles",
        "received",
        "_jitter",
        "_last_transit",
        "_expected_prior",
        "_received_prior",
        "_started",
        "octets",
    )

    def __init__(self, clock_rate: int) -> None:
        self.clock_rate = clock_rate
        self._base = 0
        self._max_seq = 0
        self._cycles = 0
        self.received = 0
        self._jitter = 0.0
        self._last_transit: float | None = None
        self._expected_prior = 0
        self._received_prior = 0
        self._started = False
        self.octets = 0
        "RTP bytes of the media packets received (headers included; padding-only not)."

    def update(self, seq: int, ts: int, arrival: float) -> int:
        """Account one packet: sequence number, RTP timestamp, arrival time in seconds.

        Returns how many sequence numbers were skipped just before this packet (0 when
        it is the next one, a duplicate or a late arrival).
        """
        gap = 0
        if not self._started:
            self._started = True
            self._base = seq
            self._max_seq = seq
        elif ((seq - self._max_seq) & 0xFFFF) < 0x8000:
            gap = ((seq - self._max_seq) & 0xFFFF) - 1
            if seq < self._max_seq:
                self._cycles += 1 << 16
            self._max_seq = seq
        self.received += 1
        transit = arrival * self.clock_rate - ts
        if self._last_transit is not None:
            d = abs(transit - self._last_transit)
            if d < 1 << 30:  # ignore timestamp jumps (source switch, wrap)
                self._jitter += (d - self._jitter) / 16.0
        self._last_transit = transit
        return max(gap, 0)
