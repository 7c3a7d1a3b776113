"""A room's session across signaling nodes: one id cluster-wide (used by
:mod:`cluster.room_bus`).

A room's state hash (:func:`cluster.room_keys.state_key`) holds its running session:
``session`` (the id every node's webhooks, recordings and insights name) and ``starter``
(the participant whose join started it). The scripts that count people in and out start
and end it, atomically with the count, so that two joins through two nodes at once start
one session and the last leave, on whichever node, ends it once:

- :data:`cluster.room_claim.CLAIM_SCRIPT`: the claim that counts the second person in
  starts it (``room.session.started`` from that node);
- :data:`MEMBER_JOINED_SCRIPT`: a person counted in without a claim of its own (a knocker
  let in, the cloud recorder) starts it the same way when it makes two;
- :data:`cluster.room_claim.LEFT_SCRIPT`: the leave that leaves nobody of a live node in
  the room ends it (``room.session.ended`` from that node: the node of the last leave, or
  the one that reaped a dead node's last participant, or the node of a leave that left the
  room to a node that died: :meth:`RoomSessions.check_abandoned`);
- :data:`SESSION_END_SCRIPT`: a room ended for everyone (a host, the meeting's end): the
  first node to end it there tells it.

The node that starts or ends a session tells the others (``sess`` envelope), whose copies
of the room then name it in their own ``room.client.*`` webhooks. ``over`` holds the id of
the room's last session that ended, so that none ends twice.

After Redis was away or lost its data (:mod:`cluster.room_recovery`), no session starts
until every node had a node TTL to record its people again (the claim and
:data:`MEMBER_JOINED_SCRIPT` count every entry then, and start none: a session running
before may not be recorded again yet). Then each node catches its rooms up
(:meth:`RoomSessions.catch_up`, :data:`SESSION_DUE_SCRIPT`): a room of two people or more
keeps the session it ran (a new one starts, told once, when none ran), and a room a leave
of this node emptied while Redis was away ends the session it ran, once
(:data:`SESSION_ORPHAN_SCRIPT`), when Redis lost it with its data.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from cluster.registry import BOOT_KEY, RedisLink
from cluster.room_keys import (
    ALL_CHANNEL,
    INDEX_ROOM,
    LIVE_ENTRIES,
    NODE_PREFIX,
    ROOMS_PREFIX,
    encode,
    member_entry,
    members_key,
    state_key,
)
from signaling.room_model import Participant, Room, new_session_id
from signaling.rooms import GRACE, RoomRegistry

# KEYS: the room's members hash, its state hash, the boot key. ARGV: participant id, member
# entry, expire at (unix s), may start a session (1/0), a new session id, signaling node
# key prefix, count every entry (1/0), boot token, the rooms prefix (ROOMS_PREFIX), the
# room's name, this node's bus id. Records the entry (and the room in the node's set of
# rooms); with ARGV[4], starts the room's session (``since``: now) when none runs and the
# entry makes two people of live nodes (as the claim counts; none while every entry counts).
# Returns {the room's session id (or ''), '1' when this started it}.
MEMBER_JOINED_SCRIPT = INDEX_ROOM + LIVE_ENTRIES + """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIREAT', KEYS[1], ARGV[3])
index_room(ARGV[9], ARGV[11], ARGV[10], ARGV[3])
local session = redis.call('HGET', KEYS[2], 'session')
if session and redis.call('HGET', KEYS[2], 'starter') ~= ARGV[1] then
  -- its events name it: the place of its starter given back no longer drops it
  redis.call('HSET', KEYS[2], 'seen', session)
end
if session or ARGV[4] ~= '1' then return {session or '', '0'} end
local every = ARGV[7] == '1' or redis.call('GET', KEYS[3]) ~= ARGV[8]
if every then return {'', '0'} end
if live(KEYS[1], ARGV[6], false, 2) < 2 then return {'', '0'} end
redis.call('HSET', KEYS[2], 'session', ARGV[5], 'starter', ARGV[1],
           'since', redis.call('TIME')[1])
redis.call('EXPIREAT', KEYS[2], ARGV[3])
return {ARGV[5], '1'}
"""

# KEYS: the room's state hash. ARGV: a session id. Ends that session if it is the room's
# running one; returns 1 for the one caller that ended it, else 0.
SESSION_END_SCRIPT = """
if redis.call('HGET', KEYS[1], 'session') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'session', 'starter')
redis.call('HSET', KEYS[1], 'over', ARGV[1])
return 1
"""

# KEYS: the room's members hash, its state hash. ARGV: signaling node key prefix, the
# session this node's copy of the room ran (or ''), a new session id, expire at (unix s).
# Once every node recorded its people again after an outage, a room without a session:
# takes back the one this node ran when someone of a live node is still in it and it has
# not ended (Redis lost it with its data), else starts a new one when it holds two people
# or more. Returns {the room's session id (or ''), '1' when this started it}.
SESSION_DUE_SCRIPT = LIVE_ENTRIES + """
local session = redis.call('HGET', KEYS[2], 'session')
if session then return {session, '0'} end
local present = live(KEYS[1], ARGV[1], false, 0)
local started = '0'
if ARGV[2] ~= '' and present >= 1 and redis.call('HGET', KEYS[2], 'over') ~= ARGV[2] then
  session = ARGV[2]
elseif present >= 2 then
  session, started = ARGV[3], '1'
else
  return {'', '0'}
end
redis.call('HSET', KEYS[2], 'session', session)
if started == '1' or not redis.call('HGET', KEYS[2], 'since') then
  redis.call('HSET', KEYS[2], 'since', redis.call('TIME')[1])
end
redis.call('EXPIREAT', KEYS[2], ARGV[4])
return {session, started}
"""

# KEYS: the room's members hash, its state hash. ARGV: signaling node key prefix, the
# session a leave of this node may have ended while Redis was away. Ends it (returns 1,
# once) when nobody of a live node is in the room, it has not ended, and no other session
# runs (Redis lost it with its data; the leave found none to end).
SESSION_ORPHAN_SCRIPT = LIVE_ENTRIES + """
local session = redis.call('HGET', KEYS[2], 'session')
if session and session ~= ARGV[2] then return 0 end
if redis.call('HGET', KEYS[2], 'over') == ARGV[2] then return 0 end
if live(KEYS[1], ARGV[1], false, 0) > 0 then return 0 end
redis.call('HDEL', KEYS[2], 'session', 'starter')
redis.call('HSET', KEYS[2], 'over', ARGV[2])
return 1
"""

# KEYS: the room's members hash, its state hash. ARGV: signaling node key prefix. Ends the
# room's running session when nobody of a live node is left in it (the people a leave
# counted were on a node that died since, and no node holds a copy of the room: when the
# dead node's set of rooms is missing, cluster.dead_node_rooms does not reap them); returns
# its id, else ''.
SESSION_ABANDONED_SCRIPT = LIVE_ENTRIES + """
local session = redis.call('HGET', KEYS[2], 'session')
if not session or live(KEYS[1], ARGV[1], false, 0) > 0 then return '' end
redis.call('HDEL', KEYS[2], 'session', 'starter')
redis.call('HSET', KEYS[2], 'over', session)
return session
"""


def member_joined_request(room_name: str, participant_id: str, entry: str, expire_at: int,
                          may_start: bool, session_id: str, count_every: bool,
                          boot: str, node_id: str) -> tuple[list[str], list[Any]]:
    """The KEYS and ARGV of :data:`MEMBER_JOINED_SCRIPT`: ``entry`` is
    :func:`cluster.room_keys.member_entry`'s; ``may_start``: the person was counted in
    without a claim (the claim decided for the others); ``session_id`` the id a session it
    starts gets; ``count_every`` and ``boot`` as
    :func:`cluster.room_claim.claim_request` takes them; ``node_id`` the bus id of the
    entry's node."""
    return ([members_key(room_name), state_key(room_name), BOOT_KEY],
            [participant_id, entry, expire_at, int(may_start), session_id, NODE_PREFIX,
             int(count_every), boot, ROOMS_PREFIX, room_name, node_id])


def member_joined_reply(result: list[bytes]) -> tuple[str | None, bool]:
    """``(the room's session id or None, whether this join started it)`` of a
    :data:`MEMBER_JOINED_SCRIPT` reply."""
    return result[0].decode() or None, result[1] == b"1"


class RoomSessions:
    """The room bus's side of its rooms' sessions (one node process).

    :param redis: the bus's ``redis.asyncio.Redis`` client.
    :param registry: this node's rooms.
    :param node_id: the bus id of this node process.
    :param link: the bus's :class:`cluster.registry.RedisLink`.
    :param queue: the bus's send queue: what this queues goes out in order with the rest.
    """

    def __init__(self, redis: Redis, registry: RoomRegistry, node_id: str, link: RedisLink,
                 queue: asyncio.Queue[Callable[[], Awaitable[Any]]]) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.link = link
        self._queue = queue
        self._member_joined = redis.register_script(MEMBER_JOINED_SCRIPT)
        self._end = redis.register_script(SESSION_END_SCRIPT)
        self._due = redis.register_script(SESSION_DUE_SCRIPT)
        self._orphan = redis.register_script(SESSION_ORPHAN_SCRIPT)
        self._abandon = redis.register_script(SESSION_ABANDONED_SCRIPT)
        self._caught_up = -float("inf")
        "The link's ``restored`` time this node last caught its rooms' sessions up."
        self._claimed_starts: dict[str, str] = {}
        "Participant id -> the session its claim started, until it enters."
        self._abandoned: list[tuple[Room, float]] = []
        """Rooms a leave of this node left to people of other nodes only, with when (time
        monotonic) those nodes' heartbeat keys must have expired if they died
        (:meth:`check_abandoned`)."""
        self._orphans: list[tuple[Room, str]] = []
        """Rooms a leave of this node may have emptied while Redis was away, with the
        session their copy here ran (:meth:`catch_up`)."""

    def record_member(self, room: Room, participant: Participant,
                      on_session: Callable[[str | None, bool], None] | None) -> None:
        """Queue the recording of local ``participant``'s entry in ``room``
        (:data:`MEMBER_JOINED_SCRIPT`); ``on_session`` as
        :meth:`signaling.room_bus.RoomBus.member_joined` takes it.

        The queued job raises redis.exceptions.RedisError or OSError when Redis does not
        answer (``on_session`` told the session known here first)."""
        entry = member_entry(self.node_id, participant)
        expire_at = int((room.meeting.end_date + GRACE).timestamp())
        claimed = self._claimed_starts.pop(participant.id, None)
        if claimed is not None:  # the claim that counted it in started the session
            self.tell(room.name, started=claimed)

        async def record() -> None:
            keys, args = member_joined_request(
                room.name, participant.id, entry, expire_at, on_session is not None,
                new_session_id(), not self.link.settled(), self.link.boot or "",
                self.node_id)
            try:
                session, started = member_joined_reply(
                    await self._member_joined(keys=keys, args=args))
            except (RedisError, OSError):
                if on_session is not None:  # its webhook names the session known here
                    on_session(room.session_id, False)
                raise
            if started:
                self.tell(room.name, started=session)
            if on_session is not None:  # none in Redis: it may have lost it (catch_up)
                on_session(session or room.session_id, started)

        self._queue.put_nowait(record)

    def claimed_start(self, participant_id: str, session_id: str) -> None:
        """The claim of ``participant_id`` started session ``session_id``: told to the
        other nodes when it enters (:meth:`record_member`), not if its place is given back
        (:meth:`given_back`)."""
        self._claimed_starts[participant_id] = session_id

    def given_back(self, participant_id: str) -> None:
        """``participant_id`` left, or never entered: a start its claim made is not told."""
        self._claimed_starts.pop(participant_id, None)

    def over(self, room: Room, session_id: str) -> None:
        """``room`` ended here: queue the end of its session ``session_id``, told from here
        when this node is the first to end it (:data:`SESSION_END_SCRIPT`)."""
        keys = [state_key(room.name)]

        async def end() -> None:
            if await self._end(keys=keys, args=[session_id]):
                self.ended(room, session_id)

        self._queue.put_nowait(end)

    def ended(self, room: Room, session_id: str) -> None:
        """This node ended ``room``'s session ``session_id`` in Redis: tell its observers
        (``room.session.ended``, once cluster-wide) and the other nodes."""
        self.registry.session_ended(room, session_id)
        self.tell(room.name, ended=session_id)

    def untold(self, room: Room, session_id: str, ended: bool) -> None:
        """A place given back here kept session ``session_id`` its claim started, which
        others were told (:data:`cluster.room_claim.LEFT_SCRIPT`): tell its start (and its
        end, ``ended``: nobody of a live node is left) from here, once cluster-wide."""
        self.registry.session_found(room, None, session_id, True)
        self.tell(room.name, started=session_id)
        if ended:
            self.ended(room, session_id)

    def tell(self, room_name: str, started: str | None = None,
             ended: str | None = None) -> None:
        """Queue telling every node that this one started or ended ``room_name``'s session
        (``sess`` envelope): their copies of the room name it, or no more, in their
        ``room.client.*`` webhooks."""
        data = session_envelope(room_name, self.node_id, started, ended)
        self._queue.put_nowait(lambda: self.redis.publish(ALL_CHANNEL, data))

    def left_to_others(self, room: Room, ttl: float) -> None:
        """A leave of this node ended no session of ``room`` and left nobody of this node
        in it: the others it counted may be on a node that died (its key lives up to
        ``ttl`` seconds more), whose people nobody reaps once this node's copy of the room
        closes. :meth:`check_abandoned` looks again then."""
        self._abandoned.append((room, time.monotonic() + ttl))

    async def check_abandoned(self) -> None:
        """End (told once, from here) the running session of each room of
        :meth:`left_to_others` that is due and holds nobody of a live node
        (:data:`SESSION_ABANDONED_SCRIPT`); a room with people of live nodes is left to
        their leaves.

        Raises:
            redis.exceptions.RedisError, OSError: Redis did not answer (tried again at the
                next heartbeat).
        """
        now = time.monotonic()
        for entry in [e for e in self._abandoned if e[1] <= now]:
            room = entry[0]
            ended = await self._abandon(keys=[members_key(room.name), state_key(room.name)],
                                        args=[NODE_PREFIX])
            self._abandoned.remove(entry)
            if ended:
                self.ended(self.registry.get(room.name) or room, ended.decode())

    def orphaned(self, room: Room) -> None:
        """A leave of this node, sent again after Redis was away, ended no session of
        ``room``: if its copy here ran one, Redis may have lost it with its data;
        :meth:`catch_up` ends it if the room is empty."""
        if room.session_id is not None:
            self._orphans.append((room, room.session_id))

    async def catch_up(self) -> None:
        """Once every node had a node TTL to record its people again after Redis came back
        or lost its data: start (or take back) the sessions of this node's rooms of two
        people or more, and end those of the rooms its leaves emptied meanwhile
        (:data:`SESSION_DUE_SCRIPT`, :data:`SESSION_ORPHAN_SCRIPT`); each told once.

        Raises:
            redis.exceptions.RedisError, OSError: Redis did not answer (tried again at the
                next heartbeat).
        """
        if not self.link.settled():
            return
        while self._orphans:
            room, session = self._orphans[0]
            if await self._orphan(keys=[members_key(room.name), state_key(room.name)],
                                  args=[NODE_PREFIX, session]):
                self.ended(room, session)
            self._orphans.pop(0)
        if self._caught_up >= self.link.restored:
            return
        restored = self.link.restored
        for room in list(self.registry.rooms.values()):
            if not any(p.node is None for p in room.participants.values()):
                continue  # its nodes catch it up
            expire_at = int((room.meeting.end_date + GRACE).timestamp())
            known = room.session_id
            result = await self._due(keys=[members_key(room.name), state_key(room.name)],
                                     args=[NODE_PREFIX, known or "", new_session_id(),
                                           expire_at])
            session, started = member_joined_reply(result)
            if started:
                self.registry.session_found(room, None, session, True)
                self.tell(room.name, started=session)
            elif session is not None:
                room.session_id = session
        self._caught_up = restored

    def apply(self, room: Room | None, envelope: dict[str, Any]) -> None:
        """Take another node's ``sess`` envelope into this node's copy of its room, and
        tell the end to the registry's ``ended_elsewhere`` observers (with no copy of the
        room too: its people here may have left before the end).

        Raises:
            ValueError, TypeError, KeyError: a malformed envelope.
        """
        started, ended = envelope.get("s"), envelope.get("e")
        if room is not None and isinstance(started, str):
            room.session_id = started
        elif isinstance(ended, str):
            if room is not None and room.session_id == ended:
                room.session_id = None
            at = dt.datetime.fromtimestamp(float(envelope["t"]), dt.UTC)
            self.registry.session_ended_elsewhere(str(envelope["r"]), ended, at)


def session_envelope(room_name: str, node_id: str, started: str | None = None,
                     ended: str | None = None) -> bytes:
    """The ``sess`` envelope of node ``node_id`` that started or ended ``room_name``'s
    session (``t``: when, unix s)."""
    return encode("sess", room_name, s=started, e=ended, o=node_id, t=time.time())
