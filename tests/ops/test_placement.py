"""Room placement: least loaded, sticky, capacity-aware (pure functions)."""

from __future__ import annotations

import pytest

from cluster.placement import NoCapacity, NodeLoad, least_loaded, place, spread

NOW, TTL = 1000.0, 4.0


def node(node_id: str, **fields: object) -> NodeLoad:
    fields.setdefault("heartbeat", NOW)
    return NodeLoad(node_id=node_id, **fields)  # type: ignore[arg-type]


def test_least_loaded_compares_participant_share_then_cpu_then_rooms() -> None:
    nodes = [node("a", participants=40, capacity=100), node("b", participants=30, capacity=50),
             node("c", participants=40, capacity=100, cpu=0.1)]
    assert least_loaded(nodes, NOW, TTL).node_id == "a"  # 0.4 share, less CPU than c
    nodes.append(node("d", participants=10, capacity=100, cpu=0.9))
    assert least_loaded(nodes, NOW, TTL).node_id == "d"  # share wins over CPU


def test_dead_draining_and_full_nodes_take_no_new_room() -> None:
    nodes = [node("dead", heartbeat=NOW - 5), node("drain", draining=True),
             node("full", participants=10, capacity=10), node("busy", participants=9,
                                                              capacity=10)]
    assert least_loaded(nodes, NOW, TTL).node_id == "busy"
    with pytest.raises(NoCapacity):
        least_loaded(nodes[:3], NOW, TTL)
    with pytest.raises(NoCapacity):
        least_loaded([], NOW, TTL)


def test_placement_is_sticky_while_the_node_lives() -> None:
    nodes = [node("a", participants=90, capacity=100, draining=True), node("b")]
    assert place("r1", "a", nodes, NOW, TTL) == ("a", False)  # draining keeps its rooms
    assert place("r1", None, nodes, NOW, TTL) == ("b", False)
    dead = [node("a", heartbeat=NOW - 10), node("b")]
    assert place("r1", "a", dead, NOW, TTL) == ("b", True)
    assert place("r1", "gone", [node("b")], NOW, TTL) == ("b", True)


def test_spread_places_rooms_evenly_over_equal_workers() -> None:
    placed = spread([f"room-{i}" for i in range(8)], [node("w0"), node("w1")], 5, NOW, TTL)
    per_node = {n: sum(1 for v in placed.values() if v == n) for n in ("w0", "w1")}
    assert per_node == {"w0": 4, "w1": 4}


def test_spread_fills_the_emptier_node_first_and_stops_at_capacity() -> None:
    nodes = [node("w0", participants=20, capacity=30), node("w1", capacity=30)]
    placed = spread(["r1", "r2", "r3"], nodes, 10, NOW, TTL)
    assert placed == {"r1": "w1", "r2": "w1", "r3": "w0"}
    with pytest.raises(NoCapacity):
        spread(["r1", "r2", "r3", "r4", "r5"], nodes, 10, NOW, TTL)
