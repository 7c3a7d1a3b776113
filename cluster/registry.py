"""The node registry and room placement, kept in Redis.

Keys (all under ``fjord:``; values are JSON or node ids, never personal data):

- ``fjord:sfu:node:<node_id>``  the node's last :class:`NodeLoad`, expiring after the node
  TTL: a node that stops heartbeating disappears by itself.
- ``fjord:sfu:nodes``           set of node ids ever seen (pruned when their key is gone).
- ``fjord:sfu:drain:<node_id>`` present while the node drains (``fjord sfu drain``), until a
  new process claims the node id: the host's next start takes rooms again.
- ``fjord:sfu:pending:<node_id>`` rooms placed on the node since its last heartbeat, so a
  burst of placements within one heartbeat interval spreads instead of piling onto the
  node that looked least loaded (cleared by the next heartbeat).
- ``fjord:sfu:room:<room>``     the node a room is placed on (sticky; refreshed on join,
  deleted by the node when the room empties, expires after a day otherwise).
- ``fjord:sfu:epoch:<node_id>`` the node's current process (:func:`new_epoch`: a random
  token, host name and supervisor pid), expiring with the node key: a worker restarted under
  the same node id (``fjord sfu`` restarts a crashed worker within seconds, before its
  heartbeat key expires) has a new epoch, so signaling nodes notice that its rooms are gone
  even though the node id stayed alive. It is also the node id's lock: a process takes it
  with :meth:`NodeRegistry.claim` (refused while another live process heartbeats under it)
  and a heartbeat never overwrites another process's epoch.
- ``fjord:boot`` a random token set (``SET NX``) by the first process to look after Redis
  started empty: when it changes, Redis lost its data (restart without persistence,
  ``FLUSHALL``, failover to an empty replica) and every heartbeat key with it
  (:class:`RedisLink`).

Placement itself is the pure :func:`cluster.placement.place`; this module makes it atomic
across signaling nodes (``SET NX`` for a first placement, compare-and-set to move a room off
a dead node).

Losing Redis for a while is survivable: :class:`RedisLink` keeps pub/sub subscriptions alive
across reconnects, logs one warning when Redis stops answering and one line when it answers
again, and gives the nodes one TTL after Redis came back (or lost its data) to heartbeat
again before anyone declares them lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, ClassVar

from prometheus_client import Counter
from redis.asyncio import Redis

from cluster.placement import NodeLoad, place

log = logging.getLogger("fjord.registry")
PREFIX = "fjord:sfu:"
BOOT_KEY = "fjord:boot"
RESUBSCRIBE_FIRST_S = 0.1
RESUBSCRIBE_MAX_S = 2.0
"""Backoff of a pub/sub subscription that lost its connection: doubling from the first."""
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
# KEYS: node, nodes set, drain, pending, epoch, boot
# ARGV: node id, load JSON, TTL in ms, epoch ('' = none), boot token candidate
_HEARTBEAT = """
local holder = redis.call('GET', KEYS[5])
if ARGV[4] ~= '' and holder and holder ~= ARGV[4] then return {'taken', holder} end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[4])
if ARGV[4] ~= '' then redis.call('SET', KEYS[5], ARGV[4], 'PX', ARGV[3]) end
redis.call('SET', KEYS[6], ARGV[5], 'NX')
return {'ok', redis.call('EXISTS', KEYS[3]), redis.call('GET', KEYS[6])}
"""
# KEYS: epoch, drain. ARGV: epoch it may replace ('' = none), new epoch, TTL in ms
# A new process (no epoch to replace) ends the drain of the process before it.
_CLAIM = """
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  if ARGV[1] == '' then redis.call('DEL', KEYS[2]) end
  return 1 end
return 0
"""
# KEYS: epoch, node. ARGV: epoch
_REMOVE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1], KEYS[2]) return 1 end
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


def new_epoch(pid: int | None = None) -> str:
    """A fresh epoch token for a node process: JSON ``{"epoch", "host", "pid"}`` (``pid`` of
    the process an operator sees, the ``fjord sfu`` supervisor; this process by default)."""
    return json.dumps({"epoch": secrets.token_hex(8), "host": socket.gethostname(),
                       "pid": pid or os.getpid()}, separators=(",", ":"))


def describe_holder(epoch: str | bytes | None, load: NodeLoad | None = None) -> str:
    """``host h, pid n, UDP ip:port`` of the process behind an epoch, as far as known."""
    parts = []
    try:
        fields = json.loads(epoch) if epoch is not None else {}
        if isinstance(fields, dict):
            parts += [f"host {fields['host']}" if "host" in fields else "",
                      f"pid {fields['pid']}" if "pid" in fields else ""]
    except ValueError:
        pass
    if load is not None and load.host:
        parts.append(f"UDP {load.host}")
    return ", ".join(p for p in parts if p) or "unknown process"


SFU_ADVICE = "give every fjord sfu its own --node-id"


class NodeIdHeld(Exception):
    """Another live process heartbeats under this node id; ``str()`` is one line naming the
    id, where the holder runs and ``advice``."""

    def __init__(self, node_id: str, holder: str, advice: str = SFU_ADVICE) -> None:
        super().__init__(f"node id {node_id} is held by another live process ({holder}); "
                         f"{advice}")
        self.node_id = node_id


async def claim_held_key(redis: Redis, key: str, attempt: Callable[[], Awaitable[Any]],
                         node_id: str, ttl: float, poll: float = 0.1,
                         load_key: str | None = None, advice: str = SFU_ADVICE) -> None:
    """Take a node id's lock ``key`` (its epoch, expiring after ``ttl`` unless its holder
    refreshes it) by ``attempt`` (true when taken). While another process holds it, the
    holder is watched for one TTL (and a second): if the key's expiry moves later (it
    heartbeats) or another process takes it, the holder lives and the claim is refused; if
    the key expires, the holder was dead and the id is taken.

    :param load_key: the holder's :class:`NodeLoad` key, for its address in the refusal.
    :raises NodeIdHeld: another live process holds the id.
    """
    deadline = time.monotonic() + ttl + 1.0
    first: bytes | None = None
    last_ttl = int(ttl * 1000)
    while True:
        if await attempt():
            return
        async with redis.pipeline(transaction=False) as pipe:
            pipe.get(key)
            pipe.pttl(key)
            if load_key is not None:
                pipe.get(load_key)
            holder, holder_ttl, *load = await pipe.execute()
        if holder is None:
            continue  # expired in between: try again
        refreshed = first is not None and (holder != first or holder_ttl > last_ttl)
        first, last_ttl = first or holder, holder_ttl
        if refreshed or time.monotonic() > deadline:
            told = load_from_json(load[0]) if load and load[0] is not None else None
            raise NodeIdHeld(node_id, describe_holder(holder, told), advice)
        await asyncio.sleep(poll)


@dataclasses.dataclass(frozen=True)
class Beat:
    """What one heartbeat found: the node's drain flag, Redis's boot token, and the epoch of
    another process that holds the node id (None: the heartbeat was recorded)."""

    draining: bool
    boot: str | None = None
    taken_by: str | None = None


def redis_address(redis: Redis) -> str:
    """``host:port`` (or socket path) of a client's Redis, for logs: never the password."""
    kwargs = redis.connection_pool.connection_kwargs
    if "path" in kwargs:
        return str(kwargs["path"])
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"


class Reachability:
    """Whether one Redis answers, as this process last saw it (shared by every loop of the
    process that talks to that address): one warning when it stops answering, one info line
    when it answers again, instead of a line per failed call."""

    _by_address: ClassVar[dict[str, Reachability]] = {}

    def __init__(self, address: str) -> None:
        self.address = address
        self.reachable = True
        self._since = 0.0
        self._boot: str | None = None

    @classmethod
    def of(cls, redis: Redis) -> Reachability:
        address = redis_address(redis)
        if address not in cls._by_address:
            cls._by_address[address] = cls(address)
        return cls._by_address[address]

    def failed(self, exc: BaseException) -> None:
        if self.reachable:
            self.reachable = False
            self._since = time.monotonic()
            log.warning("redis unreachable at %s error=%s; retrying", self.address,
                        type(exc).__name__)

    def answered(self) -> None:
        if not self.reachable:
            self.reachable = True
            log.info("redis reachable again at %s after %.1f s", self.address,
                     time.monotonic() - self._since)

    def lost_data(self, boot: str, grace: float) -> None:
        """Redis was found empty (new boot token ``boot``); logged once per token."""
        if boot != self._boot:
            self._boot = boot
            log.info("redis at %s lost its data (restarted?); nodes get %.1f s to register "
                     "again", self.address, grace)


class RedisLink:
    """One component's link to Redis: reachability (logged once per change, see
    :class:`Reachability`), its pub/sub subscription kept across reconnects, and a grace
    period after Redis came back or lost its data, during which a node missing from the
    registry may only not have heartbeated yet.

    :param grace: seconds of the grace period (the node TTL).
    :param timeout: seconds one check may take before it counts as a failure.
    """

    def __init__(self, redis: Redis, grace: float, timeout: float | None = None) -> None:
        self.redis = redis
        self.grace = grace
        self.timeout = timeout if timeout is not None else max(grace, 1.0)
        self.reachability = Reachability.of(redis)
        self.up = True
        "The last call over this link succeeded."
        self.subscribed = False
        "The subscription of :meth:`serve` is in place."
        self.boot: str | None = None
        "The last :data:`BOOT_KEY` token seen (None: not looked yet)."
        self.restored = -float("inf")
        "Monotonic time Redis last came back or was found empty."
        self.data_lost = 0
        "Times this link found that Redis lost its data."

    @property
    def ready(self) -> bool:
        """Redis answers and the subscription (if any) is in place."""
        return self.up and self.subscribed

    def failed(self, exc: BaseException) -> None:
        """A call failed (Redis unreachable, timed out)."""
        self.up = False
        self.reachability.failed(exc)

    def answered(self) -> None:
        """A call succeeded: after a failure, the grace period starts."""
        if not self.up:
            self.up = True
            self.restored = time.monotonic()
        self.reachability.answered()

    def settled(self) -> bool:
        """True once a grace period since Redis came back (or lost its data) has passed:
        a node missing from the registry now is really gone."""
        return time.monotonic() - self.restored >= self.grace

    def saw_boot(self, boot: str | bytes | None) -> bool:
        """Record Redis's boot token; True when it changed (Redis lost its data since)."""
        if isinstance(boot, bytes):
            boot = boot.decode()
        lost = self.boot is not None and boot is not None and boot != self.boot
        if boot is not None:
            self.boot = boot
        if lost:
            self.data_lost += 1
            self.restored = time.monotonic()
            self.reachability.lost_data(boot, self.grace)  # type: ignore[arg-type]
        return lost

    async def check(self) -> bool:
        """One round trip: set the boot token if missing and read it. Returns whether Redis
        lost its data since the last check.

        :raises RedisError, OSError, TimeoutError: Redis does not answer (recorded).
        """
        try:
            async with asyncio.timeout(self.timeout):
                async with self.redis.pipeline(transaction=False) as pipe:
                    pipe.set(BOOT_KEY, secrets.token_hex(8), nx=True)
                    pipe.get(BOOT_KEY)
                    results = await pipe.execute()
        except Exception as exc:
            self.failed(exc)
            raise
        self.answered()
        return self.saw_boot(results[1])

    async def subscribe(self, channels: Iterable[str]) -> Any:
        """A pub/sub subscribed to ``channels`` (the first one; :meth:`serve` keeps it).

        :raises RedisError, OSError: Redis does not answer.
        """
        pubsub = self.redis.pubsub()
        try:
            await pubsub.subscribe(*channels)
        except BaseException:
            with contextlib.suppress(Exception):
                await pubsub.aclose()
            raise
        self.subscribed = True
        return pubsub

    async def serve(self, pubsub: Any, channels: Iterable[str],
                    handle: Callable[[Any], Awaitable[None] | None]) -> None:
        """Pass the data of every message on ``channels`` to ``handle``, forever: when the
        connection is lost, subscribe again (backoff from 0.1 s doubling to 2 s). Messages
        published while unsubscribed are lost (their senders time out or retry)."""
        channels = list(channels)
        delay = RESUBSCRIBE_FIRST_S
        while True:
            try:
                if pubsub is None:
                    pubsub = await self.subscribe(channels)
                    self.answered()
                delay = RESUBSCRIBE_FIRST_S
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    try:
                        result = handle(message["data"])
                        if result is not None:
                            await result
                    except Exception:
                        log.exception("pub/sub message handler failed")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.failed(exc)
            finally:
                self.subscribed = False
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        await pubsub.aclose()
                    pubsub = None
            await asyncio.sleep(delay)
            delay = min(delay * 2, RESUBSCRIBE_MAX_S)


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
        self._heartbeat = redis.register_script(_HEARTBEAT)
        self._claim = redis.register_script(_CLAIM)
        self._remove = redis.register_script(_REMOVE)

    # --- nodes
    async def heartbeat(self, load: NodeLoad, epoch: str | None = None) -> Beat:
        """Publish ``load`` (expiring after the TTL), and the process's ``epoch`` token when
        given. Nothing is written when another process's epoch holds the node id
        (``taken_by`` says whose)."""
        node_id = load.node_id
        result = await self._heartbeat(
            keys=[node_key(node_id), f"{PREFIX}nodes", drain_key(node_id),
                  pending_key(node_id), epoch_key(node_id), BOOT_KEY],
            args=[node_id, load_to_json(load), int(self.ttl * 1000), epoch or "",
                  secrets.token_hex(8)])
        if result[0] == b"taken":
            return Beat(draining=False, taken_by=result[1].decode())
        return Beat(draining=bool(result[1]), boot=result[2].decode())

    async def claim(self, node_id: str, epoch: str, previous: str | None = None,
                    poll: float = 0.1) -> None:
        """Take ``node_id`` for the process of ``epoch`` before it serves.

        Free when nobody holds it or its holder is ``previous`` (this supervisor's worker
        that died). Otherwise the holder is watched for one TTL (and a second): if it
        heartbeats, it lives and the claim is refused; if its keys expire, it was dead and
        the id is taken. A new process (no ``previous``) ends the node's drain: the drain
        was of the process that stopped, and an upgraded host must take rooms again.

        :raises NodeIdHeld: another live process holds the id.
        """
        ttl_ms = int(self.ttl * 1000)
        await claim_held_key(
            self.redis, epoch_key(node_id),
            lambda: self._claim(keys=[epoch_key(node_id), drain_key(node_id)],
                                args=[previous or "", epoch, ttl_ms]),
            node_id, self.ttl, poll, load_key=node_key(node_id))

    async def epochs(self, node_ids: list[str]) -> dict[str, str | None]:
        """``{node_id: epoch}`` of the given nodes (None: no epoch, dead or never set)."""
        if not node_ids:
            return {}
        values = await self.redis.mget([epoch_key(i) for i in node_ids])
        return {i: (v.decode() if v is not None else None)
                for i, v in zip(node_ids, values, strict=True)}

    async def remove(self, node_id: str, epoch: str | None = None) -> None:
        """Forget a node at once (clean shutdown); with ``epoch``, only while that process
        still holds the id."""
        if epoch is None:
            await self.redis.delete(node_key(node_id), epoch_key(node_id))
        elif not await self._remove(keys=[epoch_key(node_id), node_key(node_id)],
                                    args=[epoch]):
            return
        await self.redis.srem(f"{PREFIX}nodes", node_id)

    async def restore(self, node_id: str, rooms: Iterable[str], draining: bool) -> None:
        """After Redis lost its data: place the node's live ``rooms`` on it again (unless
        placed elsewhere meanwhile) and its drain flag."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for room_id in rooms:
                pipe.set(room_key(room_id), node_id, nx=True, ex=ROOM_TTL_S)
            if draining:
                pipe.set(drain_key(node_id), b"1")
            await pipe.execute()

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

    async def place_room(self, room_id: str, hint: str | None = None) -> tuple[str, bool]:
        """The node ``room_id`` lives on, placing or re-placing it: ``(node_id, moved)``.

        ``hint`` is the node the caller knows the room on: an unplaced room goes there while
        it lives (its placement was lost with Redis's data; its participants are there).

        :raises NoCapacity: no node can take the room.
        """
        for _ in range(5):
            current = await self.room_node(room_id)
            chosen, moved = place(room_id, current or hint, await self.nodes(), time.time(),
                                  self.ttl)
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
