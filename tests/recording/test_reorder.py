"""The bounded reordering buffer: order restored, losses declared after a bound in packets or
time, late and duplicate packets dropped, sequence wrap-around."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recording.reorder import ReorderBuffer


def seqs(released: list) -> list[tuple[int, bool]]:
    return [(r.seq, r.gap) for r in released]


def test_swapped_packets_come_out_in_order_across_the_wrap() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(8)
    assert seqs(buf.push(65534, "a")) == [(65534, False)]
    assert buf.push(0, "c") == []
    assert seqs(buf.push(65535, "b")) == [(65535, False), (0, False)]
    assert (buf.lost, buf.dropped) == (0, 0)


def test_late_and_duplicate_packets_are_dropped_and_counted() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(8)
    buf.push(10, "a")
    buf.push(11, "b")
    assert buf.push(11, "b") == [] and buf.push(9, "z") == []
    assert buf.dropped == 2


def test_a_loss_is_declared_when_capacity_is_reached() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(3)
    buf.push(1, 1)
    assert buf.push(3, 3) == [] and buf.push(4, 4) == []
    assert seqs(buf.push(5, 5)) == [(3, True), (4, False), (5, False)]
    assert buf.lost == 1 and len(buf.held) == 0
    assert buf.push(2, 2) == []  # arrives too late
    assert buf.dropped == 1


def test_a_loss_is_declared_after_the_wait_bound() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(64, max_wait_ms=100)
    buf.push(1, 1, now_ms=0)
    assert buf.push(3, 3, now_ms=10) == []
    assert buf.push(4, 4, now_ms=109) == []
    assert seqs(buf.push(5, 5, now_ms=110)) == [(3, True), (4, False), (5, False)]


@given(st.permutations(list(range(40))), st.integers(0, 65535))
def test_a_permutation_within_capacity_loses_nothing(order: list[int], base: int) -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(64, max_wait_ms=1e9)
    out = buf.push(base, -1)
    for i in order:
        out += buf.push((base + 1 + i) & 0xFFFF, i)
    out += buf.flush()
    assert [r.item for r in out] == [-1, *range(40)]
    assert buf.lost == 0 and len(buf.held) <= 64
