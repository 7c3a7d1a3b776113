"""Reaping the people of signaling nodes that died (used by :mod:`cluster.room_bus`).

A node whose heartbeat expired is dead: a surviving node with a stand-in of it removes the
entry from the room hash and marks it in the room's reaped hash (one ``HSETNX`` wins, even
when the entry went with Redis's data), and the winner tells everyone ``participant-left``
once (a knocker: the hosts ``knock-cancelled``), through the registry, whose leave goes
through the bus as any other; its insights get the stay, from when the dead node recorded
the entry (its node knew when it joined, and died with it).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from cluster.room_keys import (
    decode_recorded_at,
    decode_rejoin_digest,
    decode_since,
    knockers_key,
    members_key,
    node_key,
    reaped_key,
    state_key,
)
from signaling.readmissions import READMIT_S
from signaling.room_model import Participant, Room
from signaling.rooms import GRACE, RoomRegistry

log = logging.getLogger("fjord.room_bus")  # the bus's: its operators' log filters hold


class Reaper:
    """The reaper of one node's room bus.

    :param redis: the bus's ``redis.asyncio.Redis`` client.
    :param registry: this node's rooms.
    :param node_id: the bus id of this node process.
    :param keep: keeps a readmission (room, SHA-256 of a rejoinToken, seconds): a reaped
        participant comes back without knocking, as when its node saw its drop.
    """

    def __init__(self, redis: Redis, registry: RoomRegistry, node_id: str,
                 keep: Callable[[Room, str, float], Awaitable[None]]) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self._keep = keep

    async def reap(self) -> None:
        """Remove the participants of signaling nodes whose heartbeat expired; the node
        whose ``HDEL`` wins tells everyone ``participant-left`` (and, its leave leaving the
        room empty, ``room.session.ended``: :data:`cluster.room_claim.LEFT_SCRIPT`)."""
        stand_ins = [(room.name, p.id, p.node) for room in list(self.registry.rooms.values())
                     for p in [*room.participants.values(), *room.waiting.values()]
                     if p.node is not None]
        nodes = sorted({node for _, _, node in stand_ins if node is not None})
        if not nodes:
            return
        alive = await self.redis.mget([node_key(n) for n in nodes])
        dead = {n for n, value in zip(nodes, alive, strict=True) if value is None}
        for room_name, pid, node in stand_ins:
            if node in dead:
                room = self.registry.get(room_name)
                knocker = room is not None and pid in room.waiting
                won, entry, since = await self._reaped(room, pid, knocker)
                if knocker:
                    self.registry.remove_remote_knocker(room_name, pid, announce=won)
                    continue
                log.info("signaling node lost room=%s node=%s", room_name, node)
                if won and room is not None and pid in room.participants:
                    self._stay(room, room.participants[pid], entry, since)
                self.registry.remove_remote(room_name, pid, announce=won)

    def _stay(self, room: Room, participant: Participant, entry: bytes | None,
              since: bytes | None) -> None:
        """Hand the stay of ``participant``, reaped here, to the registry's ``unseen_stays``
        observers (insights): from when its node recorded it (its ``entry``), in the session
        since its start (``since``); its ``room.client.left``, sent here next, ends it."""
        for observer in self.registry.unseen_stays:
            try:
                observer(room, participant, decode_recorded_at(entry), decode_since(since))
            except Exception:  # an observer's bug must not break the reaper
                log.exception("unseen stay observer failed")

    async def _reaped(self, room: Room | None, pid: str, knocker: bool
                      ) -> tuple[bool, bytes | None, bytes | None]:
        """Take dead ``pid``'s place in Redis: ``(True for the one node that is first to
        mark it reaped (it tells everyone), its entry, when the room's session started)``.
        Not the ``HDEL`` alone: after Redis lost its data the entry is gone, and nobody
        would tell anyone."""
        if room is None:
            return False, None, None
        expire_at = int((room.meeting.end_date + GRACE).timestamp())
        key = knockers_key(room.name) if knocker else members_key(room.name)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hget(key, pid)
            pipe.hdel(key, pid)
            pipe.hsetnx(reaped_key(room.name), pid, self.node_id)
            pipe.expireat(reaped_key(room.name), expire_at)
            pipe.hget(state_key(room.name), "since")
            entry, _, marked, _, since = await pipe.execute()
        digest = decode_rejoin_digest(entry) if marked and not knocker else None
        if digest is not None:
            # its connection dropped with its node: it comes back without knocking, as when
            # its node saw the drop (not over a "spent" token: it came back already)
            await self._keep(room, digest, READMIT_S)
        return bool(marked), entry, since
