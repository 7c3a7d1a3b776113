"""RTP timestamp distance between two simulcast layers, from their sender reports.

Each encoding has its own random RTP timestamp base; a sender report (RFC 3550 6.4.1)
ties one of its timestamps to the publisher's NTP wall clock, which all encodings share.
"""

SrInfo = tuple[int, int, float]
"(NTP timestamp, RTP timestamp, local receive time) of a layer's last sender report."


def _signed32(value: int) -> int:
    return ((value + (1 << 31)) % (1 << 32)) - (1 << 31)


def _wall_clock(sr: SrInfo, ts: int, clock_rate: int) -> float:
    return sr[0] / (1 << 32) + _signed32(ts - sr[1]) / clock_rate


def sr_ts_delta(from_sr: SrInfo | None, from_ts: int, to_sr: SrInfo | None, to_ts: int,
                clock_rate: int) -> int | None:
    """RTP ticks (``clock_rate`` Hz) from timestamp ``from_ts`` of one layer to ``to_ts``
    of another, through each layer's last sender report; None until both have one (the
    caller then falls back to arrival times)."""
    if from_sr is None or to_sr is None:
        return None
    return round((_wall_clock(to_sr, to_ts, clock_rate)
                  - _wall_clock(from_sr, from_ts, clock_rate)) * clock_rate)
