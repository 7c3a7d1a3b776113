"""Prometheus collectors read at scrape time from live objects other packages own.

Rooms and participants are counted where they live (the signaling room registry, the SFU
workers) when ``/metrics`` is scraped, so no code path has to keep a gauge in step.
Labels carry the topology only: never room names, ids or addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector, CollectorRegistry

from sfu.worker import SfuWorker
from signaling.rooms import RoomRegistry


class SignalingRoomsCollector(Collector):
    """``fjord_signaling_rooms`` and ``fjord_signaling_participants`` by topology
    (``p2p`` normal rooms, ``sfu`` group rooms) of one node's :class:`RoomRegistry`."""

    def __init__(self, rooms: RoomRegistry) -> None:
        self.rooms = rooms

    def collect(self) -> Iterator[GaugeMetricFamily]:
        rooms = GaugeMetricFamily(
            "fjord_signaling_rooms", "Live rooms on this signaling node", labels=["topology"]
        )
        participants = GaugeMetricFamily(
            "fjord_signaling_participants", "Participants connected to this signaling node",
            labels=["topology"],
        )
        counts = {"p2p": [0, 0], "sfu": [0, 0]}
        for room in list(self.rooms.rooms.values()):
            entry = counts.setdefault(room.topology, [0, 0])
            entry[0] += 1
            # Stand-ins for participants of other signaling nodes (node set) count there.
            entry[1] += sum(1 for p in room.participants.values() if p.node is None)
        for topology, (n_rooms, n_participants) in counts.items():
            rooms.add_metric([topology], n_rooms)
            participants.add_metric([topology], n_participants)
        yield rooms
        yield participants


class SfuWorkersCollector(Collector):
    """``fjord_sfu_rooms`` and ``fjord_sfu_participants`` of the workers in this process."""

    def __init__(self, workers: Callable[[], Iterable[SfuWorker]]) -> None:
        self.workers = workers

    def collect(self) -> Iterator[GaugeMetricFamily]:
        n_rooms = n_participants = 0
        for worker in self.workers():
            for router in list(worker.rooms.values()):
                n_rooms += 1
                n_participants += len(router.participants)
        yield GaugeMetricFamily("fjord_sfu_rooms", "Rooms on the SFU workers of this process",
                                value=n_rooms)
        yield GaugeMetricFamily(
            "fjord_sfu_participants", "Participants on the SFU workers of this process",
            value=n_participants,
        )


SIGNALING_SFU_FAMILIES = ("fjord_sfu_room_placements", "fjord_sfu_rooms_lost")
"""``fjord_sfu_*`` families that signaling nodes count (room placement over Redis)."""
SUPERVISOR_FAMILIES = ("fjord_sfu_worker_",)
"""The ``fjord sfu`` supervisor's families (worker processes alive, restarts)."""
SFU_WORKER_EXCLUDES = SUPERVISOR_FAMILIES + SIGNALING_SFU_FAMILIES
"""``fjord_sfu_*`` families an SFU worker process does not export: it neither supervises
workers nor places rooms."""


def exported_by(*, sfu: bool, turn: bool, supervisor: bool) -> Callable[[str], bool]:
    """Which metric families the signaling app of a process exports on ``/metrics``: those
    of the roles running in this process only. Every module's metrics live in one registry,
    so a ``fjord signaling`` node would otherwise export zeros for an SFU and a relay that run
    elsewhere: Prometheus would read them as idle, and ``fjord doctor`` would take them for
    the SFU's count and report a STUN it sent there as not received."""

    def keep(name: str) -> bool:
        if name.startswith("fjord_turn_"):
            return turn
        if name.startswith(SUPERVISOR_FAMILIES):
            return supervisor
        if name.startswith("fjord_sfu_") and not name.startswith(SIGNALING_SFU_FAMILIES):
            return sfu
        return True

    return keep


def register(collector: Collector, registry: CollectorRegistry = REGISTRY) -> Callable[[], None]:
    """Register ``collector``; returns a function that unregisters it."""
    registry.register(collector)
    return lambda: registry.unregister(collector)
