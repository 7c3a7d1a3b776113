"""Room placement on SFU workers: pure functions over a snapshot of node loads.

A *node* here is one SFU worker process (its own UDP port); a host running ``fjord sfu
--workers 4`` registers four nodes. Placement is sticky (a room stays where it is while its
node lives) and capacity-aware (full, draining or silent nodes take no new room).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class NoCapacity(Exception):
    """No live, non-draining SFU node has room for one more participant."""


@dataclass(frozen=True)
class NodeLoad:
    """What a node reports in each heartbeat (see :mod:`cluster.registry`)."""

    node_id: str
    rooms: int = 0
    participants: int = 0
    egress_pps: float = 0.0
    "RTP packets per second sent to subscribers over the last heartbeat interval."
    cpu: float = 0.0
    "Share of one core used by the process over the last interval, 0.0-1.0 (can exceed 1)."
    capacity: int = 500
    "Participants the node takes before placement skips it."
    draining: bool = False
    "Set by ``fjord sfu drain``: keeps its rooms, takes no new one."
    heartbeat: float = 0.0
    "Unix time of the heartbeat."
    host: str = ""
    "Announced ``ip:port`` clients reach the node's UDP socket on (for operators)."

    def alive(self, now: float, ttl: float) -> bool:
        """True when the last heartbeat is at most ``ttl`` seconds old."""
        return now - self.heartbeat <= ttl

    def accepts(self, now: float, ttl: float) -> bool:
        """True when the node may take a new room."""
        return self.alive(now, ttl) and not self.draining and self.participants < self.capacity

    def load(self) -> tuple[float, float, int, str]:
        """Sort key, least loaded first: participant share of capacity, then CPU, then rooms;
        the node id breaks ties so the choice is deterministic."""
        return (self.participants / self.capacity, self.cpu, self.rooms, self.node_id)


def least_loaded(nodes: Iterable[NodeLoad], now: float, ttl: float) -> NodeLoad:
    """The node a new room goes to.

    :raises NoCapacity: every node is dead, draining or full.
    """
    candidates = [n for n in nodes if n.accepts(now, ttl)]
    if not candidates:
        raise NoCapacity("no SFU node can take a new room")
    return min(candidates, key=NodeLoad.load)


def place(room_id: str, current: str | None, nodes: Iterable[NodeLoad], now: float,
          ttl: float) -> tuple[str, bool]:
    """Sticky placement: ``(node_id, moved)``.

    ``current`` is the node the room is on (None if unplaced). A room stays on a live node,
    draining or full (its participants are already there); it moves, ``moved=True``, only
    when that node is dead or unknown.

    :raises NoCapacity: the room needs a node and none can take it.
    """
    nodes = list(nodes)
    if current is not None:
        for node in nodes:
            if node.node_id == current and node.alive(now, ttl):
                return current, False
    return least_loaded(nodes, now, ttl).node_id, current is not None


def spread(room_ids: Iterable[str], nodes: Iterable[NodeLoad], participants_per_room: int,
           now: float, ttl: float) -> dict[str, str]:
    """Place rooms one after the other, counting each placed room's participants into its
    node's load: ``{room_id: node_id}``. Used to plan (and test) how rooms spread.

    :raises NoCapacity: capacity runs out before every room is placed.
    """
    by_id = {n.node_id: n for n in nodes}
    out: dict[str, str] = {}
    for room_id in room_ids:
        chosen = least_loaded(by_id.values(), now, ttl)
        out[room_id] = chosen.node_id
        by_id[chosen.node_id] = NodeLoad(
            **{**chosen.__dict__, "rooms": chosen.rooms + 1,
               "participants": chosen.participants + participants_per_room}
        )
    return out
