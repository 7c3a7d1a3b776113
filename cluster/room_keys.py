"""The Redis layout of rooms spanning signaling nodes (:mod:`cluster.room_bus`): its keys,
channels, room-hash entries and envelopes.

Keys and channels (under ``fjord:``; they live only in Redis memory, like the SFU control
messages: SDP, candidates and chat text pass through and are never stored):

- ``fjord:signode:<bus id>``  heartbeat of a signaling node process (expires after the node
  TTL). The bus id is ``<node id>.<random>``: a restarted process is a new member.
- ``fjord:sig:<bus id>:rooms`` pub/sub channel of that process: envelopes (below).
- ``fjord:sigrooms`` set of the bus ids that have people in rooms, and
  ``fjord:sigrooms:<bus id>`` set of the rooms that process has people in (expiring with the
  last of them): kept by the scripts that count people in and out, so that when a node dies
  a survivor finds its rooms, those that no live node holds a copy of included
  (:mod:`cluster.dead_node_rooms`).
- ``fjord:sig:all:rooms`` pub/sub channel of every node: the rare room-wide events (lock,
  spotlight, end), which must also reach a node whose only people in the room are knockers.
- ``fjord:room:<room>:participants`` hash ``participant id -> {"n": bus id, "v": view,
  "t"?: SHA-256 of a participant's rejoinToken, "j": when recorded (unix ms), "k"?: 1 when
  let in after knocking}``
  (the view is :func:`signaling.messages.participant_view`'s), expiring at the meeting's
  end + grace. Joins are counted in by a Lua script, atomically, against the room limits
  (entries of dead nodes are not counted, except just after Redis lost its data: then no
  node has heartbeated yet and every entry counts until the reaper has had its say). A join
  that finds the room full only through places of nodes that stopped heartbeating waits
  until their keys expire and claims again (:mod:`cluster.room_claim`): a participant of a
  crashed node reconnecting through another one gets its place back.
- ``fjord:room:<room>:knockers`` hash ``participant id -> {"n": bus id, "v": {id,
  displayName, role}}`` of the room's knockers (same expiry), returned with the members by
  the Lua script, so that a host joining on any node sees them.
- ``fjord:room:<room>:recorders`` hash ``host id -> bus id`` of the hosts recording locally
  (same expiry), returned by the Lua script too (``joined.recording`` on every node).
- ``fjord:room:<room>:state`` hash ``locked`` (``0``/``1``, set by a host's lock),
  ``ended`` (unix s until which a host-ended room refuses joins), ``policy`` (the one the
  room runs under), and its session (:mod:`cluster.room_session`): ``session`` (the running
  session's id, one cluster-wide), ``starter`` (the participant whose join started it) and
  ``over`` (the id of its last session that ended), ``since`` (when it started, unix s);
  ``spotlights`` (JSON list of the participant ids a host spotlighted, signaling.spotlight).
- ``fjord:room:<room>:readmit`` hash ``SHA-256 of a rejoinToken -> unix ms | spent``
  (same expiry as the room): a participant whose connection dropped may come back into the
  locked room without knocking (``joined.rejoinToken``) until then; set (unless spent) for
  :data:`signaling.readmissions.READMIT_S` by its node when the connection drops, or by the node
  that reaps it when its node died (fields past their time pruned then); ``spent`` once
  the claim that lets it in, on any node, took it, once its participant left or was
  removed unkept, and for every field when a host removes someone or turns a knocker away
  (:meth:`RoomBus.readmissions_revoked`). The participant's entry in the room hash holds
  the same SHA-256 (``t``): a claim with the token while that entry is still there (its
  node died and is not reaped yet, or has not noticed the drop) lets it in too, and spends
  it. Redis never holds a token itself.
- ``fjord:room:<room>:reaped`` hash ``participant id -> bus id`` of the node that reaped
  that participant or knocker (its node presumed dead; same expiry): the node that adds
  the entry tells everyone, and a node back from a pause through a Redis restart finds
  there the people it must not record again.

Envelopes (JSON, ``k`` is the kind; ``r`` room, ``p`` participant id): ``msg {m}`` and
``close {c, s}`` for a local participant; mirrors ``join {v, n}``, ``left``, ``knock {v, n}``,
``unknock`` (``left`` and ``unknock`` with ``a`` and ``o``, on the shared channel: told
again once Redis answered after it was away, the receivers tell their own people),
``rec {h, a}`` (host ``h`` records locally: ``a``), ``lock {l}``, ``spot {s}`` (the
room's spotlights are the ids ``s``), ``end {u}``, ``sess {s, e, t}`` (the sender started
session ``s`` or ended session ``e`` of the room at ``t``, unix s; these four on the shared
channel, with the sender's bus id ``o``); ``answer {a, h, n}``: a
host ``h`` (view) of node ``n`` answered this node's knocker ``p`` with the client message
``a`` (knock-accept, -reject, -hold), carried out here.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from signaling.room_model import Participant
from signaling.room_policy import RoomPolicy

NODE_PREFIX = "fjord:signode:"


def node_key(bus_id: str) -> str:
    return NODE_PREFIX + bus_id


ROOMS_PREFIX = "fjord:sigrooms"
"""The set of bus ids with people in rooms; ``<it>:<bus id>``: the set of that one's rooms."""


def node_rooms_key(bus_id: str) -> str:
    return f"{ROOMS_PREFIX}:{bus_id}"


INDEX_ROOM = """
-- node n has people in room r: its set of rooms (ROOMS_PREFIX p) lists it, expiring at the
-- latest of its rooms' expiry at (unix s)
local function index_room(p, n, r, at)
  local key = p .. ':' .. n
  redis.call('SADD', p, n)
  redis.call('SADD', key, r)
  local ttl = redis.call('TTL', key)
  if ttl < 0 or tonumber(redis.call('TIME')[1]) + ttl < tonumber(at) then
    redis.call('EXPIREAT', key, at)
  end
end
"""
"""A Lua snippet for the scripts that record a room's entry (:data:`ROOMS_PREFIX`)."""


LIVE_ENTRIES = """
-- the entries of room hash `key` whose node (prefix .. its bus id) heartbeats, or all of them
-- (`every`), counted up to `limit` (0: all); then the nodes of all its entries, each once,
-- in order, and the same as a set
local function live(key, prefix, every, limit)
  local all = redis.call('HGETALL', key)
  local count, nodes, known = 0, {}, {}
  for i = 2, #all, 2 do
    local ok, entry = pcall(cjson.decode, all[i])
    if ok and type(entry) == 'table' and type(entry['n']) == 'string' then
      if not known[entry['n']] then
        known[entry['n']] = true
        table.insert(nodes, entry['n'])
      end
      if (limit == 0 or count < limit)
          and (every or redis.call('EXISTS', prefix .. entry['n']) == 1) then
        count = count + 1
      end
    end
  end
  return count, nodes, known
end
"""
"""A Lua snippet: the one count of a room's live entries (the claim's own count, which also
reads views and categories, apart)."""


# KEYS: a room's members hash. ARGV: the rooms prefix (ROOMS_PREFIX), the room's name. The
# sets of rooms of the nodes of its entries no longer list the room (it ended).
UNLIST_ROOM_SCRIPT = LIVE_ENTRIES + """
local _, nodes = live(KEYS[1], '', true, 1)
for _, node in ipairs(nodes) do redis.call('SREM', ARGV[1] .. ':' .. node, ARGV[2]) end
"""


def forget_room(pipe: Pipeline, room_name: str) -> None:
    """Queue on ``pipe`` forgetting the people of ended room ``room_name``: its members,
    knockers, recorders and readmissions, and its place in its nodes' sets of rooms."""
    pipe.eval(UNLIST_ROOM_SCRIPT, 1, members_key(room_name), ROOMS_PREFIX, room_name)
    pipe.delete(members_key(room_name), knockers_key(room_name), recorders_key(room_name),
                readmit_key(room_name))


def channel(bus_id: str) -> str:
    return f"fjord:sig:{bus_id}:rooms"


ALL_CHANNEL = "fjord:sig:all:rooms"


def members_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:participants"


def state_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:state"


def readmit_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:readmit"


def knockers_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:knockers"


def recorders_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:recorders"


def reaped_key(room_name: str) -> str:
    return f"fjord:room:{room_name}:reaped"


def encode(kind: str, room_name: str, **fields: Any) -> bytes:
    """One envelope: ``{"k": kind, "r": room, ...fields}`` as JSON bytes."""
    return json.dumps({"k": kind, "r": room_name, **fields}, separators=(",", ":")).encode()


def decode(data: bytes) -> dict[str, Any]:
    """An envelope's fields; raises ValueError when it is not one."""
    envelope = json.loads(data)
    if not isinstance(envelope, dict) or not isinstance(envelope.get("k"), str) \
            or not isinstance(envelope.get("r"), str):
        raise ValueError("not an envelope")
    return envelope


def member_entry(node_id: str, participant: Participant) -> str:
    """A room-hash entry of a local participant (``fjord:room:<room>:participants``): ``j``
    when it is recorded (unix ms: its stay in insights, if its node dies), ``k`` when it
    was let in after knocking (its ``roleName``)."""
    entry: dict[str, Any] = {"n": node_id, "v": participant.view(), "j": int(time.time() * 1000)}
    if participant.rejoin_digest is not None:
        entry["t"] = participant.rejoin_digest
    if participant.knocked:
        entry["k"] = 1
    return json.dumps(entry)


def knocker_view(knocker: Participant) -> dict[str, Any]:
    """What the others see of a knocker: its id, name and role (never media)."""
    return {"id": knocker.id, "displayName": knocker.display_name, "role": knocker.role}


def knocker_entry(node_id: str, knocker: Participant) -> str:
    """A knockers-hash entry of a local knocker (``fjord:room:<room>:knockers``)."""
    return json.dumps({"n": node_id, "v": knocker_view(knocker)})


def decode_member(text: bytes | str) -> tuple[dict[str, Any], str] | None:
    """``(view, bus id)`` of a room-hash entry; None when malformed."""
    try:
        entry = json.loads(text)
        view, node = entry["v"], entry["n"]
        if isinstance(view, dict) and isinstance(node, str) and all(
                isinstance(view.get(k), str) for k in ("id", "displayName", "role")):
            return view, node
    except (ValueError, TypeError, KeyError):
        pass
    return None


def decode_rejoin_digest(entry: bytes | None) -> str | None:
    """The SHA-256 of the rejoinToken a room-hash entry holds (``t``), if any."""
    try:
        digest = json.loads(entry)["t"] if entry is not None else None
    except (ValueError, TypeError, KeyError):
        return None
    return digest if isinstance(digest, str) else None


def decode_recorded_at(entry: bytes | None) -> dt.datetime | None:
    """When a room-hash entry was recorded (``j``), if it says."""
    try:
        at = json.loads(entry)["j"] if entry is not None else None
        return dt.datetime.fromtimestamp(at / 1000, dt.UTC) if isinstance(
            at, int | float) else None
    except (ValueError, TypeError, KeyError, OverflowError, OSError):
        return None


def decode_since(value: bytes | None) -> dt.datetime | None:
    """When a room's session started (its state's ``since``, unix s), if it says."""
    try:
        return dt.datetime.fromtimestamp(float(value), dt.UTC) if value else None
    except (ValueError, OverflowError, OSError):
        return None


def decode_spotlights(text: bytes) -> tuple[str, ...]:
    """The participant ids a room's state hash holds as spotlighted; none when malformed."""
    try:
        ids = json.loads(text) if text else []
    except ValueError:
        return ()
    return tuple(ids) if isinstance(ids, list) and all(isinstance(i, str) for i in ids) else ()


def decode_policy(text: bytes | str) -> RoomPolicy | None:
    """The :class:`RoomPolicy` a room's state hash holds (the one it started with); None
    when malformed, or written by a node that knows other settings."""
    try:
        fields = json.loads(text)
        if isinstance(fields, dict) and all(isinstance(v, bool) for v in fields.values()):
            return RoomPolicy(**fields)
    except (ValueError, TypeError):
        pass
    return None


async def peer_heartbeats(redis: Redis) -> dict[str, dict[str, Any]]:
    """What the live signaling nodes (bus ids) tell in their heartbeat
    (:class:`cluster.room_bus.RedisRoomBus`): ``{"kids": [ids of the room-key signing keys
    they verify], "db": their database's deployment id}``, either may be missing; a node of
    a version before these tells nothing and is left out."""
    nodes = [key async for key in redis.scan_iter(match=NODE_PREFIX + "*", count=1000)]
    values = await redis.mget(nodes) if nodes else []
    peers: dict[str, dict[str, Any]] = {}
    for key, value in zip(nodes, values, strict=True):
        try:
            told = json.loads(value) if value not in (None, b"1") else None
        except (ValueError, TypeError):
            continue
        if isinstance(told, dict) and told:
            peers[key.decode()[len(NODE_PREFIX):]] = told
    return peers
