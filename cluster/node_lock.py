"""A signaling node's id, held in Redis by one live process at a time.

Key (under ``fjord:``; its value is the process's epoch, :func:`cluster.registry.new_epoch`:
a random token, host name and pid, never personal data):

- ``fjord:signaling:epoch:<node_id>`` the node id's lock, expiring after the node TTL
  unless its process refreshes it every heartbeat interval.

Two signaling processes started with the same ``--node-id`` against one Redis both ran:
their room-bus ids differ (a random suffix), but their recordings' leases name the node, and
each took the other's live recordings for those of its own dead predecessor, and their logs
and metrics could not be told apart. A process claims the id before it serves
(:meth:`SignalingNodeLock.start`, refused while another live process refreshes it, as SFU
workers' ids are in :mod:`cluster.registry`), and a process that finds its id taken by
another (it was cut off from Redis past the TTL meanwhile) reports it (:attr:`lost`) so that
it stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from redis.asyncio import Redis

from cluster.registry import claim_held_key, describe_holder, new_epoch

log = logging.getLogger("fjord.registry")
ADVICE = "give every signaling node (fjord serve, fjord signaling) its own --node-id"

# KEYS: lock. ARGV: epoch, TTL in ms
_CLAIM = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
"""
# KEYS: lock. ARGV: epoch, TTL in ms. Ours: refreshed; gone (Redis lost its data, or the key
# expired while this process was cut off): taken back; another's: its epoch.
_KEEP = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return '' end
if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return '' end
return holder
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def lock_key(node_id: str) -> str:
    return f"fjord:signaling:epoch:{node_id}"


class SignalingNodeLock:
    """The lock of signaling node ``node_id`` for this process.

    :param redis: a client of its own (closed by :meth:`close`).
    :param ttl: seconds the lock outlives this process's last refresh (the node TTL).
    :param interval: seconds between refreshes (the heartbeat interval).
    """

    def __init__(self, redis: Redis, node_id: str, ttl: float, interval: float) -> None:
        self.redis = redis
        self.node_id = node_id
        self.ttl = ttl
        self.interval = interval
        self.epoch = new_epoch()
        self.lost = asyncio.Event()
        "Set when another process took the id: this one must stop."
        self.taken_by: str | None = None
        "Where the process that took the id runs (``host h, pid n``)."
        self._claim = redis.register_script(_CLAIM)
        self._keep = redis.register_script(_KEEP)
        self._release = redis.register_script(_RELEASE)
        self._task: asyncio.Task[None] | None = None

    @classmethod
    async def held(cls, url: str, node_id: str, ttl: float,
                   interval: float) -> SignalingNodeLock:
        """The lock of ``node_id``, claimed and kept (:meth:`start`) over a client of
        Redis at ``url`` of its own."""
        lock = cls(Redis.from_url(url), node_id, ttl, interval)
        await lock.start()
        return lock

    async def start(self, poll: float = 0.1) -> None:
        """Claim the id, then keep it refreshed. On failure the lock is closed.

        :raises NodeIdHeld: another live process holds it (one line naming the id).
        :raises RedisError, OSError: Redis does not answer.
        """
        ttl_ms = int(self.ttl * 1000)
        key = lock_key(self.node_id)
        try:
            await claim_held_key(self.redis, key,
                                 lambda: self._claim(keys=[key], args=[self.epoch, ttl_ms]),
                                 self.node_id, self.ttl, poll, advice=ADVICE)
        except BaseException:
            await self.close()
            raise
        self._task = asyncio.create_task(self._refresh())

    async def _refresh(self) -> None:
        key, ttl_ms = lock_key(self.node_id), int(self.ttl * 1000)
        while True:
            await asyncio.sleep(self.interval)
            try:
                holder = await self._keep(keys=[key], args=[self.epoch, ttl_ms])
            except Exception:  # Redis away: the room bus logs it; refreshed when it answers
                continue
            if holder:
                self.taken_by = describe_holder(holder)
                log.error("stopping: %s", self.taken_message())
                self.lost.set()
                return

    def taken_message(self) -> str:
        """One line: the id, who took it, and what to do."""
        return (f"node id {self.node_id} was taken by another live process ({self.taken_by}) "
                f"while this one was cut off from Redis; {ADVICE}")

    async def close(self) -> None:
        """Stop refreshing and give the id back (unless another process holds it now)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with contextlib.suppress(Exception):
            if not self.lost.is_set():
                await self._release(keys=[lock_key(self.node_id)], args=[self.epoch])
        await self.redis.aclose()
