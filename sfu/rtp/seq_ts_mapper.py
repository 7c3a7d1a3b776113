"""Sequence number and timestamp translation for one outgoing stream (RFC 3550 5.1).

A subscriber sees one continuous stream per consumer even when the SFU switches the
source (publisher leaving and rejoining, a future simulcast layer switch) or starts
forwarding mid-stream. Output values are ``(input + offset) mod 2^16`` for sequence
numbers and ``(input + offset) mod 2^32`` for timestamps; offsets are recomputed only on
a source switch, so reordered and retransmitted packets map consistently. A packet left
out (:meth:`SeqTsMapper.skip_one`: padding) moves the sequence offset down by one; the
offsets in force before each of the recent ones are kept, so that a NACK for a packet sent
before it still finds that packet (:meth:`SeqTsMapper.input_seq`).
"""

from collections import deque
from collections.abc import Callable

SEQ_MOD = 1 << 16
TS_MOD = 1 << 32
SKIPS_KEPT = 256
"Skips whose earlier offsets :meth:`SeqTsMapper.input_seq` still applies."


class SeqTsMapper:
    """Map input (seq, ts) of the current source to continuous output (seq, ts).

    :param clock_rate: RTP clock rate in Hz, used to advance the timestamp across a
        source switch by the wall-clock time elapsed.
    :param clock: monotonic clock in seconds (injected for tests).
    :param initial_seq: first output sequence number (random in production).
    :param initial_ts: first output timestamp (random in production).
    """

    __slots__ = (
        "clock_rate",
        "_clock",
        "seq_offset",
        "ts_offset",
        "started",
        "last_seq",
        "last_ts",
        "_last_time",
        "_switch_pending",
        "_ts_delta",
        "_initial",
        "_skips",
    )

    def __init__(
        self,
        clock_rate: int,
        clock: Callable[[], float],
        initial_seq: int = 0,
        initial_ts: int = 0,
    ) -> None:
        self.clock_rate = clock_rate
        self._clock = clock
        self.seq_offset = 0
        self.ts_offset = 0
        self.started = False
        self.last_seq = initial_seq & 0xFFFF
        self.last_ts = initial_ts & 0xFFFFFFFF
        self._last_time = 0.0
        self._switch_pending = True
        self._ts_delta: int | None = None
        self._initial = True
        self._skips: deque[tuple[int, int]] = deque(maxlen=SKIPS_KEPT)
        "``(newest output seq when skipped, seq_offset before)``, oldest first."

    def switch_source(self, ts_delta: int | None = None) -> None:
        """Mark that the next packet comes from a new source; offsets are recomputed then.

        ``ts_delta``: RTP ticks from the last packet mapped to the next one when known
        (a simulcast layer switch works it out from the layers' sender reports); None
        derives it from the arrival times. The output timestamp advances by at least 1.
        """
        self._switch_pending = True
        self._ts_delta = ts_delta

    def map(self, seq: int, ts: int, now: float | None = None) -> tuple[int, int]:
        """Return output ``(seq, ts)`` for an input packet and advance the stream state.

        ``now``: the packet's arrival time on the clock (read from the clock when None;
        the forwarding path passes the time it read once per ingress packet).
        """
        if self._switch_pending:
            self._switch_pending = False
            if self._initial:
                self._initial = False
                out_seq = self.last_seq
                out_ts = self.last_ts
            else:
                out_seq = (self.last_seq + 1) & 0xFFFF
                if now is None:
                    now = self._clock()
                delta = self._ts_delta
                if delta is None:
                    delta = int(max(now - self._last_time, 0.001) * self.clock_rate)
                out_ts = (self.last_ts + max(delta, 1)) & 0xFFFFFFFF
            self.seq_offset = (out_seq - seq) % SEQ_MOD
            self.ts_offset = (out_ts - ts) % TS_MOD
            self._skips.clear()  # earlier numbers belong to the previous source
            self.started = True
        out_seq = (seq + self.seq_offset) & 0xFFFF
        out_ts = (ts + self.ts_offset) & 0xFFFFFFFF
        if ((out_seq - self.last_seq) & 0xFFFF) < 0x8000:
            self.last_seq = out_seq
            self.last_ts = out_ts
            self._last_time = self._clock() if now is None else now
        return out_seq, out_ts

    def resume(self, last_seq: int, last_ts: int, last_time: float) -> None:
        """Take over the newest output ``(seq, ts)`` and its clock time from packets mapped
        with these offsets elsewhere (the native forwarding core, sfu/native_forward.py)."""
        self.last_seq = last_seq & 0xFFFF
        self.last_ts = last_ts & 0xFFFFFFFF
        self._last_time = last_time

    @property
    def last_time(self) -> float:
        """Clock time at which the newest packet was mapped."""
        return self._last_time

    def skip_one(self) -> None:
        """The input packet after the newest one sent is left out: later ones are numbered
        one lower, so the output has no gap; what was sent keeps its mapping for
        :meth:`input_seq`."""
        self._skips.append((self.last_seq, self.seq_offset))
        self.seq_offset = (self.seq_offset - 1) & 0xFFFF

    def input_seq(self, out_seq: int) -> int:
        """Inverse of the sequence mapping: the input sequence number of ``out_seq``, with
        the offset in force when it was sent (before the skips that followed it, of the
        newest :data:`SKIPS_KEPT`)."""
        offset = self.seq_offset
        for newest, before in reversed(self._skips):
            if out_seq != newest and (out_seq - newest) & 0xFFFF < 0x8000:
                break  # sent after this skip
            offset = before
        return (out_seq - offset) & 0xFFFF

    def output_ts(self, ts: int) -> int:
        """Translate an input timestamp (e.g. from a sender report) to the output clock."""
        return (ts + self.ts_offset) & 0xFFFFFFFF
