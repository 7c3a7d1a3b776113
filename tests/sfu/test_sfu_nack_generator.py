"""NackGenerator: immediate NACKs, retries, repair, give-up and the pending bound."""

from sfu.nack_generator import NackGenerator


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_gap_is_nacked_at_once_and_retried_until_repaired():
    clock = FakeClock()
    gen = NackGenerator(clock, retry_interval=0.1, max_retries=2)
    assert gen.lost(13, 3) == [10, 11, 12]
    assert gen.due() == []  # interval not over
    clock.now = 0.15
    assert gen.due() == [10, 11, 12]
    assert gen.received(11) is True
    assert gen.received(11) is False  # duplicate
    clock.now = 0.3
    assert gen.due() == [10, 12]
    clock.now = 0.45
    assert gen.due() == []  # 3 NACKs sent each: given up
    assert (gen.recovered, gen.given_up, gen.pending) == (1, 2, {})


def test_sequence_wraps():
    gen = NackGenerator(FakeClock())
    assert gen.lost(1, 3) == [65534, 65535, 0]
    assert gen.received(65535)


def test_pending_is_bounded_and_overflow_is_flagged():
    gen = NackGenerator(FakeClock(), max_pending=8)
    assert gen.lost(6, 5) == [1, 2, 3, 4, 5]
    assert not gen.overflowed
    assert gen.lost(20, 6) == [14, 15, 16, 17, 18, 19]
    assert gen.overflowed
    assert list(gen.pending) == [4, 5, 14, 15, 16, 17, 18, 19]  # oldest abandoned
    assert gen.given_up == 3
    # a gap larger than the bound: only the newest numbers are tracked and NACKed
    assert gen.lost(100, 20) == list(range(92, 100))
    assert list(gen.pending) == list(range(92, 100))
