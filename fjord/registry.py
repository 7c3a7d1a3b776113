"""The node registry and room placement, kept in Redis.

Keys (all under ``fjord:``; values are JSON or node ids, never personal data):

- ``fjord:sfu:node:<node_id>``  the node's last :class:`NodeLoad`, expiring after the node
  TTL: a node that stops heartbeating disappears by itself.
- ``fjord:sfu:nodes``           set of node ids ever seen (pruned when their key is gone).
- ``fjord:sfu:drain:<node_id>`` present while the node drains (``fjord sfu drain``).
- ``fjord:sfu:pending:<node_id>`` rooms placed on the node since its last heartbeat, so a
  burst of placements within one heartbeat interval spreads instead of piling onto the
  node that looked least loaded (cleared by the next heartbeat).
- ``fjord:sfu:room:<room>``     the node a room is placed on (sticky; refreshed on join,
  deleted by the node when the room empties, expires after a day otherwise).
- ``fjord:sfu:epoch:<node_id>`` a random token of the node's current process, expiring with
  the node key: a worker restarted under the same node id (``fjord sfu`` restarts a crashed
  worker within seconds, before its heartbeat key expires) has a new epoch, so signaling
  nodes notice that its rooms are gone even though the node id stayed alive.

Placement itself is the pure :func:`fjord.placement.place`; this module makes it atomic
across signaling nodes (``SET NX`` for a first placement, compare-and-set to move a room off
a dead node).
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

from prometheus_client import Counter
from redis.asyncio import Redis

from fjord.placement import NodeLoad, place

PREFIX = "fjord:sfu:"
PLACEMENTS = Counter(
    "fjord_sfu_room_placements_total",
    "Rooms placed on an SFU node by this signaling node: new, or replaced off a lost node",
    ["reason"],
)
for _reason in ("new", "replaced"):
    PLACEMENTS.labels(_reason)
ROOM_TTL_S = 86400

_COMPARE_AND_SET = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end
return 0
"""
_COMPARE_AND_DELETE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def node_key(node_id: str) -> str:
    return f"{PREFIX}node:{node_id}"


def room_key(room_id: str) -> str:
    return f"{PREFIX}room:{room_id}"


def drain_key(node_id: str) -> str:
    return f"{PREFIX}drain:{node_id}"


def pending_key(node_id: str) -> str:
    return f"{PREFIX}pending:{node_id}"


def epoch_key(node_id: str) -> str:
    return f"{PREFIX}epoch:{node_id}"


def control_channel(node_id: str) -> str:
    """Pub/sub channel an SFU node takes requests on."""
    return f"{PREFIX}ctl:{node_id}"


def load_to_json(load: NodeLoad) -> str:
    return json.dumps(dataclasses.asdict(load))


def load_from_json(text: str | bytes) -> NodeLoad | None:
    """A :class:`NodeLoad` from its JSON, or None when malformed."""
    try:
        fields: dict[str, Any] = json.loads(text)
        names = {f.name for f in dataclasses.fields(NodeLoad)}
        return NodeLoad(**{k: v for k, v in fields.items() if k in names})
    except (ValueError, TypeError):
        return None


class NodeRegistry:
    """SFU nodes, their load, and where rooms are placed.

    :param redis: a ``redis.asyncio.Redis`` client (``decode_responses=False``).
    :param ttl: seconds after its last heartbeat a node counts as dead.
    """

    def __init__(self, redis: Redis, ttl: float) -> None:
        self.redis = redis
        self.ttl = ttl

    # --- nodes
    async def heartbeat(self, load: NodeLoad, epoch: str | None = None) -> bool:
        """Publish ``load`` (expiring after the TTL), and the process's ``epoch`` token when
        given; returns whether the node drains."""
        ttl_ms = int(self.ttl * 1000)
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(node_key(load.node_id), load_to_json(load), px=ttl_ms)
            pipe.sadd(f"{PREFIX}nodes", load.node_id)
            pipe.exists(drain_key(load.node_id))
            pipe.delete(pending_key(load.node_id))
            if epoch is not None:
                pipe.set(epoch_key(load.node_id), epoch, px=ttl_ms)
            results = await pipe.execute()
        return bool(results[2])

    async def epochs(self, node_ids: list[str]) -> dict[str, str | None]:
        """``{node_id: epoch}`` of the given nodes (None: no epoch, dead or never set)."""
        if not node_ids:
            return {}
        values = await self.redis.mget([epoch_key(i) for i in node_ids])
        return {i: (v.decode() if v is not None else None)
                for i, v in zip(node_ids, values, strict=True)}

    async def remove(self, node_id: str) -> None:
        """Forget a node at once (clean shutdown)."""
        await self.redis.delete(node_key(node_id), epoch_key(node_id))
        await self.redis.srem(f"{PREFIX}nodes", node_id)

    async def nodes(self) -> list[NodeLoad]:
        """Live nodes, with their drain flag as of now. Dead ids are pruned from the set."""
        ids = sorted(m.decode() for m in await self.redis.smembers(f"{PREFIX}nodes"))
        if not ids:
            return []
        values = await self.redis.mget([node_key(i) for i in ids])
        drains = await self.redis.mget([drain_key(i) for i in ids])
        pendings = await self.redis.mget([pending_key(i) for i in ids])
        now = time.time()
        out: list[NodeLoad] = []
        for node_id, value, drain, pending in zip(ids, values, drains, pendings, strict=True):
            load = load_from_json(value) if value is not None else None
            if load is None:
                await self.redis.srem(f"{PREFIX}nodes", node_id)
                continue
            # Liveness is the key's Redis expiry, so clocks of other hosts do not matter.
            extra = int(pending or 0)  # each fresh room counts as one participant
            out.append(dataclasses.replace(
                load, heartbeat=now, draining=drain is not None,
                rooms=load.rooms + extra, participants=load.participants + extra,
            ))
        return out

    async def set_draining(self, node_id: str, draining: bool = True) -> None:
        """Start (or stop) draining: the node keeps its rooms and takes no new one."""
        if draining:
            await self.redis.set(drain_key(node_id), b"1")
        else:
            await self.redis.delete(drain_key(node_id))

    # --- rooms
    async def room_node(self, room_id: str) -> str | None:
        value = await self.redis.get(room_key(room_id))
        return value.decode() if value is not None else None

    async def place_room(self, room_id: str) -> tuple[str, bool]:
        """The node ``room_id`` lives on, placing or re-placing it: ``(node_id, moved)``.

        :raises NoCapacity: no node can take the room.
        """
        for _ in range(5):
            current = await self.room_node(room_id)
            chosen, moved = place(room_id, current, await self.nodes(), time.time(), self.ttl)
            if current is None:
                if await self.redis.set(room_key(room_id), chosen, nx=True, ex=ROOM_TTL_S):
                    await self._count_pending(chosen)
                    PLACEMENTS.labels("new").inc()
                    return chosen, False
                continue  # another signaling node placed it first: use theirs
            if not moved:
                await self.redis.expire(room_key(room_id), ROOM_TTL_S)
                return chosen, False
            swapped = await self.redis.eval(
                _COMPARE_AND_SET, 1, room_key(room_id), current, chosen, ROOM_TTL_S
            )
            if swapped:
                await self._count_pending(chosen)
                PLACEMENTS.labels("replaced").inc()
                return chosen, True
        raise RuntimeError("room placement kept racing")

    async def _count_pending(self, node_id: str) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.incr(pending_key(node_id))
            pipe.pexpire(pending_key(node_id), int(self.ttl * 1000))
            await pipe.execute()

    async def release_room(self, room_id: str, node_id: str) -> None:
        """Forget the placement of an ended room if it is still on ``node_id``."""
        await self.redis.eval(_COMPARE_AND_DELETE, 1, room_key(room_id), node_id)
