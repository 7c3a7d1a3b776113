"""The spotlights of rooms spanning signaling nodes (:mod:`signaling.spotlight`), kept apart
from :mod:`cluster.room_bus` (which is long): the node where a host changes them tells its
clients through the stand-ins, records them in the room's state hash for later joiners on
any node (the claim returns them: :mod:`cluster.room_claim`) and tells every node's copy of
the room with a ``spot`` envelope on the shared channel, as the lock is told: a node whose
first participant of the room is joining right then is not yet one of the room's nodes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

from cluster.room_keys import ALL_CHANNEL, encode, state_key
from signaling.room_model import Room
from signaling.spotlight import spotlighted


class SpotlightMirror:
    """:meth:`signaling.room_bus.RoomBus.spotlight_changed` and its mirror, for
    :class:`cluster.room_bus.RedisRoomBus`, whose queue, Redis client and node id it uses."""

    redis: Redis
    node_id: str
    _queue: asyncio.Queue[Callable[[], Awaitable[Any]]]
    _record: Callable[[str, str, str | int, Room], None]
    "Queue ``HSET key field value``, the key expiring with the room (RedisRoomBus's)."

    def spotlight_changed(self, room: Room) -> None:
        ids = spotlighted(room)
        self._record(state_key(room.name), "spotlights", json.dumps(ids), room)
        data = encode("spot", room.name, s=ids, o=self.node_id)
        self._queue.put_nowait(lambda: self.redis.publish(ALL_CHANNEL, data))

    @staticmethod
    def apply_spotlights(room: Room | None, envelope: dict[str, Any]) -> None:
        """Another node's ``spot`` envelope: this node's copy of the room (if any) takes
        its spotlights; that node told the clients.

        Raises:
            ValueError: the envelope's ids are not a list of strings.
        """
        ids = envelope["s"]
        if not isinstance(ids, list) or not all(isinstance(pid, str) for pid in ids):
            raise ValueError("spotlights are not a list of ids")
        if room is not None:
            room.spotlights = list(ids)
