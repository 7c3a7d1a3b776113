"""Claiming a place in a room across signaling nodes (used by :mod:`cluster.room_bus`).

:data:`CLAIM_SCRIPT` counts a join in atomically against the room's limits, counting only
the entries of signaling nodes whose heartbeat key exists. A node that crashed keeps its
key, and so its participants' places, until the key expires (the node TTL); a participant
of that node reconnecting through another node within that time found its own old place
taken and the room full. :func:`stalled_nodes_expired` tells whether waiting can free a
place: the claim waits out the nodes that stopped heartbeating, and is tried once more.

The module holds the room bus's other Lua scripts too (a leave, the policies rooms run
under, readmissions), and what goes into the scripts and comes out of them
(:func:`claim_request`, :func:`claim_reply`, :func:`policies_request`,
:func:`policies_reply`), beside the KEYS and ARGV each script's comment lists.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Container, Sequence
from dataclasses import asdict
from typing import Any

from redis.asyncio import Redis

from cluster.registry import BOOT_KEY
from cluster.room_keys import (
    INDEX_ROOM,
    LIVE_ENTRIES,
    NODE_PREFIX,
    ROOMS_PREFIX,
    decode_member,
    decode_policy,
    decode_spotlights,
    knockers_key,
    members_key,
    readmit_key,
    recorders_key,
    state_key,
)
from signaling.join_outcomes import Claim
from signaling.meeting_store import MeetingRecord
from signaling.readmissions import rejoin_digest
from signaling.room_model import new_session_id
from signaling.room_policy import RoomPolicy
from signaling.rooms import GRACE

# KEYS: the room's members hash, its state hash, the boot key, its knockers hash, its
# recorders hash, and for a participant with a rejoinToken its readmissions hash. ARGV:
# participant id, member entry, category, limit, may knock (1/0), locked by default (1/0),
# now (unix s), expire at (unix s), signaling node key prefix, topology, count every entry
# (1/0), boot token, the organization's policy as this node read it (JSON), the SHA-256 of
# the rejoinToken (or ''), a new session id, the rooms prefix (ROOMS_PREFIX), the room's
# name, the claiming node's bus id (its set of rooms lists a room it records an entry in).
# Returns {'ended'}; {'full', node ids
# of the places counted}; or {status, locked, the room's policy, #members, #knockers, the
# participant id and node of the connection a rejoin replaces (or '', ''), the room's
# session id (or ''), '1' when this claim started it (else '0'), the id of a session this
# claim found over (or ''), the room's spotlights (JSON list of participant ids, or ''),
# members..., knockers..., recording host ids...}. The room's
# policy is the one of the claim that found it empty (no member, no knocker): every node's
# copy of a running room applies the same, and a change applies from its next session.
# The room's session (state ``session``, and ``starter``: the participant whose claim
# started it) is started by the claim that counts the second person in, on any node: one
# id cluster-wide (none while every entry counts: cluster.room_session catches up). A
# session whose people are all gone unseen (their node died with nobody left to reap
# them) is over: the claim that finds it so says so, once.
CLAIM_SCRIPT = INDEX_ROOM + """
local state = redis.call('HMGET', KEYS[2], 'locked', 'ended', 'spotlights')
if state[2] and tonumber(state[2]) > tonumber(ARGV[7]) then return {'ended'} end
local locked = ARGV[6]
if state[1] then locked = state[1] end
-- just after Redis lost its data, nodes have not heartbeated again: count every entry
local every = ARGV[11] == '1' or redis.call('GET', KEYS[3]) ~= ARGV[12]
local all = redis.call('HGETALL', KEYS[1])
local members = {}
local count = 0
local counted = {}
-- the entry of the connection a rejoin token was given to, still there (0: none; 1: there,
-- not counted: its node is dead; 2: there and counted)
local previous = 0
local mine_id, mine_node, mine_counted = '', '', false
for i = 1, #all, 2 do
  local ok, entry = pcall(cjson.decode, all[i + 1])
  local mine = ok and type(entry) == 'table' and ARGV[14] ~= '' and entry['t'] == ARGV[14]
  if mine then previous = 1 end
  if ok and type(entry) == 'table' and type(entry['n']) == 'string'
      and type(entry['v']) == 'table'
      and (every or redis.call('EXISTS', ARGV[9] .. entry['n']) == 1) then
    if mine then previous, mine_id, mine_node = 2, all[i], entry['n'] end
    table.insert(members, all[i + 1])
    local category = 'member'
    if entry['v']['role'] == 'viewer' and ARGV[10] == 'sfu' then category = 'viewer' end
    if entry['v']['role'] == 'recorder' then category = 'recorder' end  -- takes no place
    if category == ARGV[3] then
      count = count + 1
      table.insert(counted, entry['n'])
      if mine then mine_counted = true end
    end
  end
end
-- a participant whose connection dropped comes back without knocking, once, while someone
-- else is still in the room (as on one node, where the room closes when it empties). A
-- token is taken once: kept (until when, unix ms) by the node of its dropped connection
-- (or the reaper of a dead node), or, before that, while its connection's entry is still
-- there (a dead node's not reaped yet, or a node that has not noticed the drop); then
-- spent until the meeting's end, so that neither can keep it again later.
local readmitted = false
local others = #members
if previous == 2 then others = others - 1 end
if KEYS[6] ~= nil and others > 0 then
  local kept = redis.call('HGET', KEYS[6], ARGV[14])
  if kept == 'spent' then
    readmitted = false
  elseif kept then
    readmitted = tonumber(kept) > tonumber(ARGV[7]) * 1000
  else
    readmitted = previous > 0
  end
end
-- the place of the connection it comes back from is its own, in a full room too
if readmitted and mine_counted then count = count - 1 end
if count >= tonumber(ARGV[4]) then
  local out = {'full'}
  for _, node in ipairs(counted) do table.insert(out, node) end
  return out
end
if readmitted then
  redis.call('HSET', KEYS[6], ARGV[14], 'spent')
  redis.call('EXPIREAT', KEYS[6], ARGV[8])
end
local status = 'ok'
if locked == '1' and ARGV[5] == '1' and not readmitted then
  status = 'knock'
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('EXPIREAT', KEYS[1], ARGV[8])
  index_room(ARGV[16], ARGV[18], ARGV[17], ARGV[8])
end
local present = #members
if readmitted and previous == 2 then present = present - 1 end
local session = redis.call('HGET', KEYS[2], 'session') or ''
local stale = ''
if session ~= '' and present == 0 then
  stale, session = session, ''
  redis.call('HDEL', KEYS[2], 'session', 'starter')
  redis.call('HSET', KEYS[2], 'over', stale)
end
local started = '0'
if status == 'ok' and session == '' and present >= 1 and not every then
  session, started = ARGV[15], '1'
  redis.call('HSET', KEYS[2], 'session', session, 'starter', ARGV[1], 'since', ARGV[7])
  redis.call('EXPIREAT', KEYS[2], ARGV[8])
elseif session ~= '' then
  -- this joiner's events name it: the place of its starter given back no longer drops it
  redis.call('HSET', KEYS[2], 'seen', session)
end
local knockers = {}
local knocks = redis.call('HGETALL', KEYS[4])
for i = 1, #knocks, 2 do
  local ok, entry = pcall(cjson.decode, knocks[i + 1])
  if ok and type(entry) == 'table' and type(entry['n']) == 'string'
      and (every or redis.call('EXISTS', ARGV[9] .. entry['n']) == 1) then
    table.insert(knockers, knocks[i + 1])
  end
end
local policy = redis.call('HGET', KEYS[2], 'policy')
if (#members == 0 and #knockers == 0) or not policy then
  policy = ARGV[13]
  redis.call('HSET', KEYS[2], 'policy', policy)
  redis.call('EXPIREAT', KEYS[2], ARGV[8])
end
-- the one let in does not see its old connection's place: the claiming node takes it away
if not readmitted then mine_id, mine_node = '', '' end
local out = {status, locked, policy, #members, #knockers, mine_id, mine_node, session,
             started, stale, state[3] or ''}
for _, member in ipairs(members) do table.insert(out, member) end
for _, knocker in ipairs(knockers) do table.insert(out, knocker) end
local recorders = redis.call('HGETALL', KEYS[5])
for i = 1, #recorders, 2 do
  if every or redis.call('EXISTS', ARGV[9] .. recorders[i + 1]) == 1 then
    table.insert(out, recorders[i])
  end
end
return out
"""


def claim_request(meeting: MeetingRecord, view: dict[str, Any], category: str, limit: int,
                  may_knock: bool, policy: RoomPolicy, rejoin_token: str | None,
                  node_id: str, count_every: bool, boot: str) -> tuple[list[str], list[Any]]:
    """The KEYS and ARGV of :data:`CLAIM_SCRIPT` for a participant (``view``) joining
    ``meeting``'s room through the signaling node (bus id) ``node_id``, as
    :meth:`signaling.room_bus.RoomBus.claim` takes its other arguments; ``count_every``: count
    the places of nodes that have not heartbeated yet (just after Redis came back), ``boot``
    the boot token the node last saw."""
    expire_at = int((meeting.end_date + GRACE).timestamp())
    # Viewers are counted apart in group rooms (signaling.rooms.RoomRegistry.has_room_for
    # goes by the mode too, so a cloud-recorded normal room on the SFU keeps its limit).
    topology = "p2p" if meeting.room_mode == "normal" else "sfu"
    entry = json.dumps({"n": node_id, "v": view})
    keys = [members_key(meeting.room_name), state_key(meeting.room_name), BOOT_KEY,
            knockers_key(meeting.room_name), recorders_key(meeting.room_name)]
    args = [view["id"], entry, category, limit, int(may_knock), int(meeting.is_locked),
            time.time(), expire_at, NODE_PREFIX, topology, int(count_every), boot,
            json.dumps(asdict(policy)),
            rejoin_digest(rejoin_token) if rejoin_token is not None else "", new_session_id(),
            ROOMS_PREFIX, meeting.room_name, node_id]
    if rejoin_token is not None:
        keys.append(readmit_key(meeting.room_name))
    return keys, args


def claim_reply(result: list[bytes], policy: RoomPolicy, gone: Container[str]) -> Claim:
    """The :class:`signaling.rooms.Claim` of a :data:`CLAIM_SCRIPT` reply, leaving out the
    members and knockers whose ids are in ``gone`` (they left meanwhile); ``policy``: the
    one the claim was made with, taken where the reply's is malformed."""
    status = result[0].decode()
    if status in ("full", "ended"):
        return Claim(status)
    split, end = 11 + int(result[3]), 11 + int(result[3]) + int(result[4])
    members, knockers = ([m for m in map(decode_member, part)
                          if m is not None and m[0]["id"] not in gone]
                         for part in (result[11:split], result[split:end]))
    replaced = (result[5].decode(), result[6].decode()) if result[5] else None
    return Claim(status, result[1] == b"1", tuple(members), tuple(knockers),
                 tuple(r.decode() for r in result[end:]), decode_policy(result[2]) or policy,
                 replaced, result[7].decode() or None, result[8] == b"1",
                 result[9].decode() or None, decode_spotlights(result[10]))


# KEYS: the room's members hash, its readmissions hash, its state hash, the boot key
# (:func:`left_request`). ARGV: participant id, expire at (unix s), given back (1/0),
# signaling node key prefix, the rooms prefix (ROOMS_PREFIX), the room's name, count every
# entry (1/0), boot token (:func:`left_args`). The set of rooms of the entry's node no longer
# lists the room when the node has nobody else in it.
# Removes the participant's entry; when it held a rejoin token's SHA-256 that nobody kept
# (its node keeps it before this when the connection dropped), spends it: a participant who
# left or was removed must not come back by it while its entry is still there. Returns the
# id of the room's session when this leave ended it (nobody of a live node is left, as the
# claim counts), else '', the id of a session its node must tell the start of (else ''),
# then the signaling nodes of the entries left in the room. A place given back (a claim
# that may have run after its node gave up) drops a session its claim started, never
# announced, unless a claim or an entry since was told it (state ``seen``): that session
# runs on, its start told by the node giving the place back (and its end too when nobody
# of a live node is left).
LEFT_SCRIPT = LIVE_ENTRIES + """
local entry = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
if entry then
  local ok, view = pcall(cjson.decode, entry)
  if ok and type(view) == 'table' and type(view['t']) == 'string' then
    if redis.call('HSETNX', KEYS[2], view['t'], 'spent') == 1 then
      redis.call('EXPIREAT', KEYS[2], ARGV[2])
    end
  end
end
-- the nodes of the people still in the room: a node this leave's node has not heard of yet
-- (its join is on its way) hears of the leave too
local every = ARGV[7] == '1' or redis.call('GET', KEYS[4]) ~= ARGV[8]
local present, nodes, known = live(KEYS[1], ARGV[4], every, 1)
local ok, gone = pcall(cjson.decode, entry or '')
if ok and type(gone) == 'table' and type(gone['n']) == 'string' and not known[gone['n']] then
  redis.call('SREM', ARGV[5] .. ':' .. gone['n'], ARGV[6])
end
local function reply(ended, untold)
  local out = {ended, untold}
  for _, node in ipairs(nodes) do table.insert(out, node) end
  return out
end
local session = redis.call('HGET', KEYS[3], 'session')
if not session then return reply('', '') end
local untold = ''
if ARGV[3] == '1' then
  if redis.call('HGET', KEYS[3], 'starter') ~= ARGV[1] then return reply('', '') end
  if redis.call('HGET', KEYS[3], 'seen') ~= session then
    redis.call('HDEL', KEYS[3], 'session', 'starter')
    return reply('', '')
  end
  redis.call('HDEL', KEYS[3], 'starter')
  untold = session
end
if present > 0 then return reply('', untold) end
redis.call('HDEL', KEYS[3], 'session', 'starter')
redis.call('HSET', KEYS[3], 'over', session)
return reply(session, untold)
"""


def left_request(meeting: MeetingRecord, participant_id: str,
                 given_back: bool = False) -> tuple[list[str], list[Any]]:
    """The KEYS and ARGV of :data:`LEFT_SCRIPT` for ``participant_id`` leaving ``meeting``'s
    room, or (``given_back``) giving back the place of a claim that may have run after its
    node gave up; without the last two ARGV, which :func:`left_args` adds when it runs
    (Redis may have come back meanwhile)."""
    return ([members_key(meeting.room_name), readmit_key(meeting.room_name),
             state_key(meeting.room_name), BOOT_KEY],
            [participant_id, int((meeting.end_date + GRACE).timestamp()), int(given_back),
             NODE_PREFIX, ROOMS_PREFIX, meeting.room_name])


def left_reply(result: list[bytes]) -> tuple[str | None, str | None]:
    """``(the session a`` :data:`LEFT_SCRIPT` ``run ended, the session whose start its node
    must tell)``, each None when there is none."""
    return result[0].decode() or None, result[1].decode() or None


def left_nodes(result: list[bytes]) -> set[str]:
    """The signaling nodes of the entries a :data:`LEFT_SCRIPT` run left in the room."""
    return {node.decode() for node in result[2:]}


def left_args(args: list[Any], count_every: bool, boot: str) -> list[Any]:
    """:func:`left_request`'s ARGV with the liveness ones of now (``count_every`` and
    ``boot`` as :func:`claim_request` takes them)."""
    return [*args, int(count_every), boot]


# KEYS: the boot key, then for each room its members hash, its knockers hash and its state
# hash. ARGV: count every entry (1/0), boot token, signaling node key prefix. Returns, per
# room, the policy it runs under ('' when nobody of a live node is in it). As the claim
# counts: a room whose people were all on a node that died (until a survivor reaps them:
# cluster.dead_node_rooms) is empty, and the claim that opens it again gives it the
# organization's setting of then, which its page must announce.
POLICIES_SCRIPT = LIVE_ENTRIES + """
local every = ARGV[1] == '1' or redis.call('GET', KEYS[1]) ~= ARGV[2]
local out = {}
for r = 2, #KEYS, 3 do
  local policy = false
  if live(KEYS[r], ARGV[3], every, 1) > 0 or live(KEYS[r + 1], ARGV[3], every, 1) > 0 then
    policy = redis.call('HGET', KEYS[r + 2], 'policy')
  end
  table.insert(out, policy or '')
end
return out
"""

def policies_request(room_names: list[str], count_every: bool,
                     boot: str) -> tuple[list[str], list[Any]]:
    """The KEYS and ARGV of :data:`POLICIES_SCRIPT` for ``room_names`` (``count_every`` and
    ``boot`` as :func:`claim_request` takes them)."""
    keys = [BOOT_KEY]
    for name in room_names:
        keys += [members_key(name), knockers_key(name), state_key(name)]
    return keys, [int(count_every), boot, NODE_PREFIX]


def policies_reply(room_names: list[str], replies: list[bytes]) -> dict[str, RoomPolicy]:
    """The policy of each of ``room_names`` that a :data:`POLICIES_SCRIPT` reply tells (the
    rooms nobody of a live node is in, and malformed policies, left out)."""
    out = {}
    for name, text in zip(room_names, replies, strict=True):
        policy = decode_policy(text) if text else None
        if policy is not None:
            out[name] = policy
    return out


# KEYS: a room's readmissions hash. ARGV: the rejoinToken's SHA-256, until when (unix ms),
# now (unix ms), the room's expiry (unix s). Prunes the kept fields past their time, then
# keeps this one, unless it is spent (the claim let its holder back in before its node saw
# the drop).
KEEP_READMISSION_SCRIPT = """
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if all[i + 1] ~= 'spent' and tonumber(all[i + 1]) <= tonumber(ARGV[3]) then
    redis.call('HDEL', KEYS[1], all[i])
  end
end
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'spent' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('EXPIREAT', KEYS[1], ARGV[4])
"""

# KEYS: a room's readmissions hash. Spends every readmission kept (a host removed someone
# or turned a knocker away): marked, not deleted, so that a spent token stays spent.
REVOKE_READMISSIONS_SCRIPT = """
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do redis.call('HSET', KEYS[1], all[i], 'spent') end
"""


CLAIM_TIMEOUT_S = 2.0
"""Seconds a join waits at most for Redis to run its claim (:data:`CLAIM_SCRIPT`, and each
step of :func:`stalled_nodes_expired` past its budget) before it is refused ``unavailable``,
as when Redis is known to be away: a Redis that stopped answering without closing its
connections (paused, ``DEBUG SLEEP``, its host gone without a reset) held the join as long as
it did. Redis runs the script in well under a millisecond, and answers within a few hundred
even while it forks for a snapshot or under load, so 2 s refuses no join of a Redis that
works, and a client hears within its own join timeout (``JOIN_TIMEOUT_S``, 10 s) and
retries (the web client backs off). The script may still run once Redis answers: the bus
then gives that place back (:func:`left_request`)."""
MAX_WAIT_S = 8.0
"""Seconds a join waits at most for stalled nodes: it is answered within the clients' join
timeouts (signaling.ws and signaling.polling ``JOIN_TIMEOUT_S``, 10 s) and long before
the web client's ping timeout. With the default heartbeat (1 s) and node TTL (4 s) the
whole wait fits; a node whose key outlives it keeps its places until its next check."""


async def stalled_nodes_expired(redis: Redis, keys: Sequence[str], interval: float,
                                budget: float = MAX_WAIT_S) -> bool:
    """Whether a room place held through the signaling nodes of heartbeat ``keys`` may have
    come free: True when one of the keys is gone, or when its node stopped heartbeating
    (the key's remaining TTL only decayed over two heartbeat ``interval`` seconds) and the
    key's expiry has been waited out; False when every node renewed its key meanwhile, or
    when telling or waiting would take longer than ``budget`` seconds (at most that long).

    Raises:
        redis.exceptions.RedisError, OSError: Redis did not answer.
        TimeoutError: Redis took :data:`CLAIM_TIMEOUT_S` longer than ``budget``.
    """
    async with asyncio.timeout(budget + CLAIM_TIMEOUT_S):
        return await _stalled_nodes_expired(redis, keys, interval, budget)


async def _stalled_nodes_expired(redis: Redis, keys: Sequence[str], interval: float,
                                 budget: float) -> bool:
    before = [await redis.pttl(key) for key in keys]
    if -2 in before:  # PTTL of a key that does not exist
        return True
    if 2 * interval > budget:
        return False
    started = time.monotonic()
    await asyncio.sleep(2 * interval)
    after = [await redis.pttl(key) for key in keys]
    decayed_ms = (time.monotonic() - started) * 1000
    # a live node renewed its key at least once in two intervals, which put its TTL about an
    # interval above where decay alone would have left it
    stalled = [ttl for was, ttl in zip(before, after, strict=True)
               if ttl == -2 or 0 <= ttl <= was - decayed_ms + interval * 500]
    if not stalled:
        return False
    if -2 not in stalled:
        left = budget - (time.monotonic() - started)
        if max(stalled) / 1000 + 0.05 > left:
            return False
        await asyncio.sleep(max(stalled) / 1000 + 0.05)
    return True
