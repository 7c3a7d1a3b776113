"""Loss-based control (draft-ietf-rmcat-gcc-02 section 6).

Every :data:`INTERVAL_S` of feedback (at least :data:`MIN_PACKETS` packets), the loss
fraction of the packets reported decides: above 10 % the rate becomes
``rate * (1 - 0.5 * loss)``, below 2 % ``rate * 1.05``, between them it holds. The caller
keeps the result under the delay-based estimate (libwebrtc's
``send_side_bandwidth_estimation.cc`` does the same), so the two together are
``min(loss-based, delay-based)``.

Pure: counts in, a factor out.
"""

INTERVAL_S = 0.5
MIN_PACKETS = 20
HIGH_LOSS = 0.10
LOW_LOSS = 0.02
INCREASE = 1.05


class LossBasedControl:
    """Loss fraction of the transport-cc reports, as a rate factor."""

    __slots__ = ("loss", "_lost", "_total", "_since")

    def __init__(self) -> None:
        self.loss = 0.0
        "Loss fraction of the last completed interval."
        self._lost = 0
        self._total = 0
        self._since: float | None = None

    def update(self, lost: int, total: int, now: float) -> float | None:
        """Packets reported (``total``, of which ``lost`` not received) at ``now``: the
        factor to apply to the rate when an interval completed, else None."""
        if self._since is None:
            self._since = now
        self._lost += lost
        self._total += total
        if now - self._since < INTERVAL_S or self._total < MIN_PACKETS:
            return None
        self.loss = self._lost / self._total
        self._lost = self._total = 0
        self._since = now
        if self.loss > HIGH_LOSS:
            return 1 - 0.5 * self.loss
        if self.loss < LOW_LOSS:
            return INCREASE
        return 1.0
