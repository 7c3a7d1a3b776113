"""bench.wake_cost: the machine's wake-up costs recorded beside TURN figures."""

from __future__ import annotations

import os
import time

import pytest

from bench import wake_cost
from bench.turn_mode import _measure_wake_cost
from bench.wake_cost import measure_wake_cost

two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2,
                               reason="a cross-core wake-up needs two usable cores")


@two_cores
def test_wake_costs_are_measured_and_the_affinity_restored() -> None:
    cores = os.sched_getaffinity(0)
    wake = measure_wake_cost()
    assert os.sched_getaffinity(0) == cores
    assert wake is not None
    assert wake["send_to_sleeping_us"] > 0 and wake["send_to_polling_us"] > 0
    # the waker's share: what a send to a sleeping receiver costs beyond a bare send
    difference = max(wake["send_to_sleeping_us"] - wake["send_to_polling_us"], 0)
    assert abs(wake["cross_core_wake_us"] - difference) <= 0.11
    assert wake["timer_sleep_us"] > 0


def test_one_usable_core_gives_none() -> None:
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        assert measure_wake_cost() is None
    finally:
        os.sched_setaffinity(0, cores)


def _dies(core: int, busy: bool, conn: object) -> None:
    raise SystemExit(3)


@two_cores
def test_a_receiver_that_dies_fails_fast_and_the_bench_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wake_cost, "_receiver", _dies)
    cores = os.sched_getaffinity(0)
    began = time.monotonic()
    with pytest.raises(RuntimeError, match="died"):
        measure_wake_cost()
    assert time.monotonic() - began < 20  # not the 30 s start-up deadline
    assert os.sched_getaffinity(0) == cores
    notes: list[str] = []
    assert _measure_wake_cost(notes) is None
    assert notes == ["wake costs not measured: the wake-cost receiver died before it started"]


def test_a_wake_up_lost_in_noise_is_not_reported_as_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """A send to a sleeping receiver that cost no more than to a polling one (noise on a
    shared machine) was noted as "charges a sender 0.0 CPU us for waking a process"."""
    from bench import turn_mode

    monkeypatch.setattr(turn_mode, "measure_wake_cost", lambda: {
        "send_to_sleeping_us": 6.1, "send_to_polling_us": 6.3, "cross_core_wake_us": 0.0,
        "timer_sleep_us": 24.7})
    notes: list[str] = []
    _measure_wake_cost(notes)
    assert "0.0 CPU us" not in notes[0]
    assert "no measurable extra for waking" in notes[0] and "6.1" in notes[0]
