"""bench.wake_cost: the machine's wake-up costs recorded beside TURN figures."""

from __future__ import annotations

import os

from bench.wake_cost import measure_wake_cost


def test_wake_costs_are_measured_and_the_affinity_restored() -> None:
    cores = os.sched_getaffinity(0)
    wake = measure_wake_cost()
    assert os.sched_getaffinity(0) == cores
    assert wake is not None  # CI machines have two cores or more
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
