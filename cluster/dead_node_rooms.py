"""The rooms a dead signaling node leaves behind that no live node holds a copy of (used by
:mod:`cluster.room_bus`).

:class:`cluster.room_reaper.Reaper` reaps a dead node's people through the stand-ins a
surviving node's copy of their room holds. When everyone in a room was on the node that
died, no node holds such a copy: nobody reaped them, their ``room.client.left`` never came,
and the room's session ended only at the next join. Each node's set of rooms
(:data:`cluster.room_keys.ROOMS_PREFIX`, kept by the scripts that count people in and out)
now tells a survivor where the dead node had people: at each heartbeat every live node looks
at the sets of the nodes whose heartbeat expired, and for a room where nobody of a live node
is (:data:`LEFT_BEHIND_SCRIPT`, atomically: one node wins each person, and the session) it
sends each person's ``room.client.left`` naming the session, then ``room.session.ended``,
and hands their stays (when their node recorded them: the entry's ``j``; when the session
started: the state's ``since``) to insights
(:meth:`signaling.rooms.RoomRegistry.left_unseen`). A room where someone of a live node is
is left to that node's reaper.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

from cluster.room_keys import (
    LIVE_ENTRIES,
    NODE_PREFIX,
    ROOMS_PREFIX,
    decode_recorded_at,
    decode_since,
    knockers_key,
    members_key,
    node_key,
    node_rooms_key,
    reaped_key,
    state_key,
)
from cluster.room_session import RoomSessions
from signaling.meeting_store import MeetingRecord
from signaling.room_model import Participant, Room
from signaling.rooms import GRACE, RoomRegistry
from signaling.store import database_outage

log = logging.getLogger("fjord.room_bus")  # the bus's: its operators' log filters hold

# KEYS: the room's members hash, its knockers hash, its state hash, its reaped hash, the
# dead node's set of rooms. ARGV: the dead node's bus id, the room's name, signaling node
# key prefix, the rooms prefix (ROOMS_PREFIX), expire at (unix s), this node's bus id, only
# look (1/0). Returns {'alive'} (the node heartbeats again: it was paused), {'gone'} (nobody
# of it is in the room: the set no longer lists the room), {'held'} (someone of a live node
# is in it, members or knockers: its reaper reaps them), {'due'} when only looking, else
# removes every entry of the room (all of dead nodes), marks them reaped, ends the session
# and returns {'reaped', the session that ran (or ''), when it started (unix s, or ''), the
# entries this node marked reaped first...}.
LEFT_BEHIND_SCRIPT = LIVE_ENTRIES + """
if redis.call('EXISTS', ARGV[3] .. ARGV[1]) == 1 then return {'alive'} end
local held, _, known = live(KEYS[1], ARGV[3], false, 1)
if not known[ARGV[1]] then
  redis.call('SREM', KEYS[5], ARGV[2])
  return {'gone'}
end
if held > 0 or live(KEYS[2], ARGV[3], false, 1) > 0 then return {'held'} end
if ARGV[7] == '1' then return {'due'} end
local all = redis.call('HGETALL', KEYS[1])
local out = {'reaped', '', ''}
for i = 1, #all, 2 do
  redis.call('HDEL', KEYS[1], all[i])
  local ok, entry = pcall(cjson.decode, all[i + 1])
  if ok and type(entry) == 'table' and type(entry['n']) == 'string' then
    redis.call('SREM', ARGV[4] .. ':' .. entry['n'], ARGV[2])
  end
  if redis.call('HSETNX', KEYS[4], all[i], ARGV[6]) == 1 then
    table.insert(out, all[i + 1])
  end
end
redis.call('EXPIREAT', KEYS[4], ARGV[5])
local session = redis.call('HGET', KEYS[3], 'session')
if session then
  out[2], out[3] = session, redis.call('HGET', KEYS[3], 'since') or ''
  redis.call('HDEL', KEYS[3], 'session', 'starter')
  redis.call('HSET', KEYS[3], 'over', session)
end
return out
"""

# KEYS: a node's heartbeat key, its set of rooms, the set of nodes (ROOMS_PREFIX). ARGV: its
# bus id. Forgets a dead node whose set of rooms is empty (or expired).
FORGET_NODE_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[1])
end
"""


class _Gone:
    """The connection of a dead node's participant: it goes nowhere."""

    def send(self, message: dict[str, Any]) -> None:
        pass

    def close(self, code: int, reason: str) -> None:
        pass


def reaped_person(text: bytes, node: str) -> tuple[Participant, dt.datetime | None] | None:
    """The participant of a reaped room-hash entry (connected to ``node``, once) and when
    its node recorded it (None: an entry of an earlier version); None when malformed."""
    try:
        entry = json.loads(text)
        view = entry["v"]
        person = Participant(str(view["id"]), str(view["displayName"]), str(view["role"]),
                             _Gone(), screen_sharing=bool(view.get("screenSharing")),
                             node=str(entry.get("n", node)), external_id=view.get("externalId"),
                             metadata=view.get("metadata"), knocked=bool(entry.get("k")),
                             avatar_url=view.get("avatarUrl"))
    except (ValueError, TypeError, KeyError):
        return None
    return person, decode_recorded_at(text)


class LeftBehind:
    """One node's reaper of the rooms dead nodes left behind.

    :param redis: the bus's ``redis.asyncio.Redis`` client.
    :param registry: this node's rooms (their observers get the events).
    :param node_id: the bus id of this node process.
    :param sessions: the bus's :class:`cluster.room_session.RoomSessions` (tells the end).
    :param meeting: reads a room's meeting from the database, which the events need; None
        (a bus without a database, in tests): nothing is reaped here, a room left behind
        ends its session at the next join (:data:`cluster.room_claim.CLAIM_SCRIPT`).
    """

    def __init__(self, redis: Redis, registry: RoomRegistry, node_id: str,
                 sessions: RoomSessions,
                 meeting: Callable[[str], Awaitable[MeetingRecord | None]] | None) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.sessions = sessions
        self.meeting = meeting
        self._script = redis.register_script(LEFT_BEHIND_SCRIPT)
        self._forget = redis.register_script(FORGET_NODE_SCRIPT)

    async def reap(self) -> None:
        """Reap the people of dead nodes in the rooms nobody of a live node is in.

        Raises:
            redis.exceptions.RedisError, OSError: Redis did not answer (tried again at the
                next heartbeat).
        """
        if self.meeting is None:
            return
        nodes = sorted({n.decode() for n in await self.redis.smembers(ROOMS_PREFIX)}
                       - {self.node_id})
        if not nodes:
            return
        # the database's reads run within the bus's heartbeat, whose time limit is Redis's: a
        # slow database must not make Redis look away (half of it, for all rooms at once)
        budget = asyncio.get_running_loop().time() + self.sessions.link.timeout / 2
        alive = await self.redis.mget([node_key(n) for n in nodes])
        for node, value in zip(nodes, alive, strict=True):
            if value is not None:
                continue
            rooms = sorted(r.decode() for r in await self.redis.smembers(node_rooms_key(node)))
            for room_name in rooms:
                if not await self._reap_room(node, room_name, budget):
                    break  # the database is away: tried again at the next heartbeat
            await self._forget(keys=[node_key(node), node_rooms_key(node), ROOMS_PREFIX],
                               args=[node])

    async def _reap_room(self, node: str, room_name: str, budget: float) -> bool:
        """Reap dead ``node``'s room ``room_name`` if nobody of a live node is in it; False
        when the database did not answer (by ``budget``, event loop time)."""
        keys = [members_key(room_name), knockers_key(room_name), state_key(room_name),
                reaped_key(room_name), node_rooms_key(node)]
        args = [node, room_name, NODE_PREFIX, ROOMS_PREFIX, 0, self.node_id]
        if (await self._script(keys=keys, args=[*args, 1]))[0] != b"due":
            return True
        assert self.meeting is not None
        try:
            async with asyncio.timeout_at(budget):
                meeting = await self.meeting(room_name)
        except Exception as exc:
            if isinstance(exc, TimeoutError) or database_outage(exc):
                return False
            log.exception("reading the meeting of room=%s failed", room_name)
            meeting = None
        args[4] = int(((meeting.end_date + GRACE) if meeting is not None else (
            dt.datetime.now(dt.UTC) + GRACE)).timestamp())
        result = await self._script(keys=keys, args=[*args, 0])
        if result[0] != b"reaped":
            return True
        session = result[1].decode() or None
        log.info("signaling node lost room=%s node=%s left=%d", room_name, node,
                 len(result) - 3)
        if meeting is None:  # deleted (or unreadable): the other nodes hear of the end
            if session is not None:
                self.sessions.tell(room_name, ended=session)
            return True
        room = Room(meeting)  # for its events only: not opened on this node
        room.session_id = session
        started = decode_since(result[2])
        for text in result[3:]:
            reaped = reaped_person(text, node)
            if reaped is not None:
                self.registry.left_unseen(room, reaped[0], reaped[1], started)
        if session is not None:
            self.sessions.ended(room, session)
        return True
