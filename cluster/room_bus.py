"""Rooms spanning several signaling nodes, over Redis (:class:`signaling.room_bus.RoomBus`).

Participants of one room may be connected to different signaling nodes behind a load
balancer. Each node's :class:`signaling.rooms.RoomRegistry` holds its own participants and a
stand-in for every participant of another node; a stand-in's connection publishes to that
node's channel, where the node hands the message to the real connection. Broadcasts, P2P
relays, host controls and chat therefore work unchanged.

The Redis keys, channels and envelopes are :mod:`cluster.room_keys`'s; the claim of a place,
:mod:`cluster.room_claim`'s. Everything this node sends goes out in order from one queue,
so a node sees a member's ``join`` before the messages about it. The node where a change
happens announces it to the clients (through the stand-ins); mirrors only update the other
registries.

A node whose heartbeat expired is dead: a surviving node with a stand-in of it removes the
entry from the room hash and marks it in the room's reaped hash (one ``HSETNX`` wins, even
when the entry went with Redis's data), and the winner tells everyone ``participant-left``
once (a knocker: the hosts ``knock-cancelled``); :mod:`cluster.dead_node_rooms` does it
where no live node holds a copy of the room. A node presumed dead that was only paused or
cut off comes back to find its people reaped: each one it still holds is told
``unavailable`` and closed, so its client joins again (the reaper's ``left``, or this
node's first heartbeat back when that envelope was lost).

Redis going away is not a node death; how the rooms come back from it, and from this node
being presumed dead, is :mod:`cluster.room_recovery`'s, run at each heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import Counter
from redis.asyncio import Redis
from redis.exceptions import RedisError

from cluster.dead_node_rooms import LeftBehind
from cluster.registry import RedisLink
from cluster.room_claim import (
    CLAIM_SCRIPT,
    CLAIM_TIMEOUT_S,
    KEEP_READMISSION_SCRIPT,
    LEFT_SCRIPT,
    POLICIES_SCRIPT,
    REVOKE_READMISSIONS_SCRIPT,
    claim_reply,
    claim_request,
    left_args,
    left_nodes,
    left_reply,
    left_request,
    policies_reply,
    policies_request,
    stalled_nodes_expired,
)
from cluster.room_keys import (
    ALL_CHANNEL,
    channel,
    decode,
    decode_member,
    encode,
    forget_room,
    knocker_entry,
    knocker_view,
    knockers_key,
    node_key,
    readmit_key,
    recorders_key,
    state_key,
)
from cluster.room_reaper import Reaper
from cluster.room_recovery import OutageRecovery
from cluster.room_session import RoomSessions
from cluster.room_spotlight import SpotlightMirror
from signaling import host_controls
from signaling.join_outcomes import Claim
from signaling.meeting_store import MeetingRecord
from signaling.messages import ProtocolError, error, parse_client_message
from signaling.readmissions import rejoin_digest
from signaling.room_model import Participant, Room
from signaling.room_policy import RoomPolicy
from signaling.rooms import GRACE, REPLACED_CLOSE, RoomBusUnavailable, RoomRegistry

log = logging.getLogger("fjord.room_bus")
DROPPED = Counter("fjord_room_bus_dropped_total",
                  "Room bus envelopes dropped, by reason", ["reason"])
for _reason in ("malformed", "unknown_participant", "send_failed"):
    DROPPED.labels(_reason)
POLICIES_TIMEOUT_S = 1.0
"""Seconds a room page or the meetings API waits at most for Redis to say how rooms run
(:meth:`RedisRoomBus.running_policies`): a Redis that stopped answering (paused, or its
host gone without a reset) held them until the HTTP client gave up."""
TOMBSTONE_S = 60.0
"""How long a departed participant id is remembered, so a late mirror cannot revive it."""


class StandIn:
    """The :class:`signaling.room_model.Connection` of a participant on another node."""

    def __init__(self, bus: RedisRoomBus, node: str, room_name: str, participant_id: str):
        self.bus, self.node, self.room_name, self.participant_id = (
            bus, node, room_name, participant_id)

    def send(self, message: dict[str, Any]) -> None:
        self.bus.publish(self.node, encode("msg", self.room_name, p=self.participant_id,
                                           m=message))

    def close(self, code: int, reason: str) -> None:
        self.bus.publish(self.node, encode("close", self.room_name, p=self.participant_id,
                                           c=code, s=reason))


class RedisRoomBus(SpotlightMirror):
    """The room bus of one signaling node process over Redis.

    :param redis: a ``redis.asyncio.Redis`` client (``decode_responses=False``).
    :param registry: this node's rooms; the bus sets ``registry.bus`` in :meth:`start`.
    :param node_id: the node's configured id (the bus id adds a random suffix).
    :param ttl: seconds after its last heartbeat a signaling node counts as dead.
    :param interval: seconds between heartbeats (and checks for dead nodes).
    :param kids: the ids of the room-key signing keys this node verifies, told in its
        heartbeat (:func:`cluster.room_keys.peer_heartbeats`): nodes that share none cannot
        verify each other's links.
    :param database: this node's database's deployment id, told in its heartbeat too: nodes
        on different databases do not know each other's meetings.
    :param meeting: reads a room's meeting from the database (None: deleted). After Redis
        was away or lost its data, the rooms whose meeting another node ended or deleted
        meanwhile (its ``end`` went nowhere) end here too, and each room takes the lock the
        database holds (a host's lock or unlock meanwhile went nowhere either).
    """

    def __init__(self, redis: Redis, registry: RoomRegistry, node_id: str, ttl: float,
                 interval: float, kids: tuple[str, ...] = (),
                 database: str | None = None,
                 meeting: Callable[[str], Awaitable[MeetingRecord | None]] | None = None
                 ) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = f"{node_id}.{secrets.token_hex(3)}"
        self.ttl = ttl
        self.interval = interval
        self.kids = kids
        self.database = database
        self.meeting = meeting
        self._queue: asyncio.Queue[Callable[[], Awaitable[Any]]] = asyncio.Queue()
        self._gone: dict[str, float] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._claim = redis.register_script(CLAIM_SCRIPT)
        self._policies = redis.register_script(POLICIES_SCRIPT)
        self._left = redis.register_script(LEFT_SCRIPT)
        self._keep_readmission = redis.register_script(KEEP_READMISSION_SCRIPT)
        self._revoke_readmissions = redis.register_script(REVOKE_READMISSIONS_SCRIPT)
        self.link = RedisLink(redis, ttl)
        self.sessions = RoomSessions(redis, registry, self.node_id, self.link, self._queue)
        self.recovery = OutageRecovery(redis, registry, self.node_id, self.link, interval,
                                       self.sessions)
        self.reaper = Reaper(redis, registry, self.node_id, self._keep)
        self.left_behind = LeftBehind(redis, registry, self.node_id, self.sessions, meeting)
        self._beaten = False

    @property
    def redis_ready(self) -> bool:
        """Redis answers and this node's channels are subscribed (for ``/readyz``)."""
        return self.link.ready

    async def start(self) -> None:
        await self.link.check()
        await self._heartbeat()
        channels = [channel(self.node_id), ALL_CHANNEL]
        pubsub = await self.link.subscribe(channels)
        self.registry.bus = self
        self._tasks = [asyncio.create_task(self.link.serve(pubsub, channels, self._receive)),
                       asyncio.create_task(self._send()),
                       asyncio.create_task(self._watch())]
        if self.meeting is not None:
            self._tasks.append(asyncio.create_task(self.recovery.watch_outages(self.meeting)))

    async def close(self) -> None:
        """Flush what is queued (1 s at most), then leave: the other nodes drop this
        node's participants at their next check."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), 1.0)
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.registry.bus = None
        with contextlib.suppress(RedisError, OSError):
            await self.redis.delete(node_key(self.node_id))

    # --- RoomBus
    async def running_policies(self, room_names: list[str]) -> dict[str, RoomPolicy]:
        """As the claim counts people (:data:`cluster.room_claim.POLICIES_SCRIPT`): a room
        whose people were all on a node that died is empty. Answered within
        :data:`POLICIES_TIMEOUT_S`, and at once while Redis is known to be away: a room page
        is served all the same (with the organization's setting)."""
        if not room_names or not self.link.up:
            return {}
        keys, args = policies_request(room_names, not self.link.settled(), self.link.boot or "")
        try:
            async with asyncio.timeout(POLICIES_TIMEOUT_S):
                replies = await self._policies(keys=keys, args=args)
        except (RedisError, OSError, TimeoutError) as exc:
            self.link.failed(exc)
            return {}
        return policies_reply(room_names, replies)

    def stand_in(self, node: str, room_name: str, participant_id: str) -> StandIn:
        return StandIn(self, node, room_name, participant_id)

    async def claim(self, meeting: MeetingRecord, view: dict[str, Any], category: str,
                    limit: int, may_knock: bool, policy: RoomPolicy,
                    rejoin_token: str | None = None) -> Claim:
        """:class:`signaling.room_bus.RoomBus`'s claim. A room full only with places held
        through other signaling nodes waits for those that stopped heartbeating to expire
        (at most two heartbeat intervals and a node TTL) and is claimed once more: a
        participant of a crashed node reconnecting elsewhere gets its place back."""
        result = await self._claim_once(meeting, view, category, limit, may_knock, policy,
                                        rejoin_token)
        if result[0] == b"full":
            nodes = sorted({node.decode() for node in result[1:]} - {self.node_id})
            try:
                expired = nodes and await stalled_nodes_expired(
                    self.redis, [node_key(n) for n in nodes], self.interval)
            except (RedisError, OSError, TimeoutError) as exc:
                self.link.failed(exc)
                raise RoomBusUnavailable(type(exc).__name__) from None
            if expired:
                result = await self._claim_once(meeting, view, category, limit, may_knock,
                                                  policy, rejoin_token)
                if result[0] != b"full" and self.link.settled():
                    # the dead node's people leave here now (announced once), unseen by the
                    # joiner; the place is claimed: a failure must not refuse the join and
                    # leak it (the next check reaps them)
                    try:
                        async with asyncio.timeout(CLAIM_TIMEOUT_S):
                            await self.reap()
                    except (RedisError, OSError, TimeoutError) as exc:
                        self.link.failed(exc)
        if result[0] not in (b"full", b"ended"):
            self._prune()  # before its people are read against those who left
        claim = claim_reply(result, policy, self._gone)
        if claim.session_over is not None:
            self.sessions.tell(meeting.room_name, ended=claim.session_over)
        if claim.session_started and claim.session is not None:
            self.sessions.claimed_start(view["id"], claim.session)
        return claim

    async def _claim_once(self, meeting: MeetingRecord, view: dict[str, Any], category: str,
                          limit: int, may_knock: bool, policy: RoomPolicy,
                          rejoin_token: str | None) -> list[bytes]:
        """One run of :data:`cluster.room_claim.CLAIM_SCRIPT`: its reply. Raises
        RoomBusUnavailable: Redis did not answer (within ``CLAIM_TIMEOUT_S``)."""
        keys, args = claim_request(meeting, view, category, limit, may_knock, policy,
                                   rejoin_token, self.node_id, not self.link.settled(),
                                   self.link.boot or "")
        try:
            async with asyncio.timeout(CLAIM_TIMEOUT_S):
                result = await self._claim(keys=keys, args=args)
        except (RedisError, OSError, TimeoutError) as exc:
            self.link.failed(exc)
            if isinstance(exc, TimeoutError):  # run once Redis answers? give the place back
                self.recovery.unsent(meeting.room_name,
                                     *left_request(meeting, view["id"], given_back=True), "left",
                                     meeting=meeting)
            raise RoomBusUnavailable(type(exc).__name__) from None
        self.link.answered()
        return result

    def member_joined(self, room: Room, participant: Participant,
                      on_session: Callable[[str | None, bool], None] | None = None) -> None:
        self.sessions.record_member(room, participant, on_session)
        data = encode("join", room.name, v=participant.view(), n=self.node_id)
        for node in self._nodes(room):
            self.publish(node, data)

    def member_left(self, room: Room, participant: Participant,
                    given_back: bool = False) -> None:
        self._gone[participant.id] = time.monotonic()
        keys, args = left_request(room.meeting, participant.id, given_back)
        self.sessions.given_back(participant.id)
        # nobody of this node left: the others may be on a node that just died
        last_here = not given_back and participant.node is None and not room.has_local()

        async def forget() -> None:
            try:
                result = await self._left(keys=keys, args=left_args(
                    args, not self.link.settled(), self.link.boot or ""))
            except (RedisError, OSError):
                # Redis away (its data kept): the entry would stay a ghost in the room for
                # every later joiner, and the others' stand-in with it (their
                # participant-left went nowhere either); told again once Redis answers
                self.recovery.unsent(room.name, keys, args, "left", room)
                raise
            ended, untold = left_reply(result)
            late = left_nodes(result) - nodes - {self.node_id}
            if late:  # their joins came after this copy's broadcast: tell their people too
                told = encode("left", room.name, p=participant.id, a=1)
                for node in late:
                    self.publish(node, told)
            if untold is not None:  # a place given back kept a session others were told
                self.sessions.untold(room, untold, ended is not None)
            elif ended is not None:  # the room is empty on every node: its session is over
                self.sessions.ended(room, ended)
            elif last_here:  # nobody here reaps them: look again once a dead one expired
                self.sessions.left_to_others(room, self.ttl + self.interval)

        self._queue.put_nowait(forget)
        data = encode("left", room.name, p=participant.id)
        nodes = self._nodes(room)
        if participant.node is not None:
            nodes.add(participant.node)
        for node in nodes:
            self.publish(node, data)

    def knocker_added(self, room: Room, knocker: Participant) -> None:
        self._record(knockers_key(room.name), knocker.id, knocker_entry(self.node_id, knocker),
                     room)
        data = encode("knock", room.name, v=knocker_view(knocker), n=self.node_id)
        for node in self._nodes(room):
            self.publish(node, data)

    def knocker_removed(self, room: Room, knocker: Participant) -> None:
        key = knockers_key(room.name)

        async def forget() -> None:
            try:
                await self.redis.hdel(key, knocker.id)
            except (RedisError, OSError):  # as member_left's: hosts would see a ghost knock
                self.recovery.unsent(room.name, [key], [knocker.id], "unknock")
                raise

        self._queue.put_nowait(forget)
        data = encode("unknock", room.name, p=knocker.id)
        for node in self._nodes(room):
            self.publish(node, data)

    def answer_knock(self, room: Room, knocker: Participant, actor: Participant,
                     action: dict[str, Any]) -> None:
        assert knocker.node is not None
        self.publish(knocker.node, encode("answer", room.name, p=knocker.id, a=action,
                                          h=actor.view(), n=actor.node or self.node_id))

    def recording_changed(self, room: Room, host_id: str, active: bool) -> None:
        key = recorders_key(room.name)
        if active:
            self._record(key, host_id, self.node_id, room)
        else:
            self._queue.put_nowait(lambda: self.redis.hdel(key, host_id))
        data = encode("rec", room.name, h=host_id, a=active)
        for node in self._nodes(room):
            self.publish(node, data)

    def _record(self, key: str, field: str, value: str | int, room: Room) -> None:
        """Queue ``HSET key field value``, the key expiring with ``room``."""
        expire_at = int((room.meeting.end_date + GRACE).timestamp())

        async def record() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.hset(key, field, value)
                pipe.expireat(key, expire_at)
                await pipe.execute()

        self._queue.put_nowait(record)

    def lock_changed(self, room: Room, caught_up: bool = False) -> None:
        self._record(state_key(room.name), "locked", int(room.locked), room)
        data = encode("lock", room.name, l=room.locked, o=self.node_id, a=int(caught_up))
        self._queue.put_nowait(lambda: self.redis.publish(ALL_CHANNEL, data))

    def readmission_kept(self, room: Room, rejoin_token: str, seconds: float) -> None:
        now_ms = int(time.time() * 1000)
        self._queue.put_nowait(lambda: self._keep(room, rejoin_digest(rejoin_token), seconds,
                                                  now_ms))

    async def _keep(self, room: Room, digest: str, seconds: float,
                    now_ms: int | None = None) -> None:
        """Keep the readmission of the token whose SHA-256 is ``digest`` for ``seconds``
        from ``now_ms`` (unix ms; default now), unless it is spent (its holder came back
        already: :data:`cluster.room_claim.KEEP_READMISSION_SCRIPT`)."""
        now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
        await self._keep_readmission(
            keys=[readmit_key(room.name)],
            args=[digest, now_ms + int(seconds * 1000), now_ms,
                  int((room.meeting.end_date + GRACE).timestamp())])

    def readmissions_revoked(self, room: Room) -> None:
        # after every readmission_kept queued before it (one queue): none outlives it
        keys = [readmit_key(room.name)]
        self._queue.put_nowait(lambda: self._revoke_readmissions(keys=keys))

    def session_over(self, room: Room, session_id: str) -> None:
        self.sessions.over(room, session_id)

    def room_ended(self, room_name: str, refuse_until: float | None) -> None:
        async def record() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                forget_room(pipe, room_name)
                if refuse_until is not None:  # endDate + 1 h: when the room state expires
                    pipe.hset(state_key(room_name), "ended", refuse_until)
                    pipe.expireat(state_key(room_name), int(refuse_until))
                await pipe.execute()

        self._queue.put_nowait(record)
        data = encode("end", room_name, u=refuse_until, o=self.node_id)
        self._queue.put_nowait(lambda: self.redis.publish(ALL_CHANNEL, data))

    # --- transport
    def publish(self, node: str, data: bytes) -> None:
        """Queue one envelope for ``node`` (sent in order)."""
        self._queue.put_nowait(lambda: self.redis.publish(channel(node), data))

    def _nodes(self, room: Room) -> set[str]:
        """The other nodes with participants or knockers in ``room``."""
        return {p.node for p in (*room.participants.values(), *room.waiting.values())
                if p.node is not None}

    def _prune(self) -> None:
        horizon = time.monotonic() - TOMBSTONE_S
        for pid in [p for p, t in self._gone.items() if t < horizon]:
            del self._gone[pid]

    async def _send(self) -> None:
        while True:
            job = await self._queue.get()
            try:
                await job()
            except (RedisError, OSError) as exc:
                DROPPED.labels("send_failed").inc()
                self.link.failed(exc)
            finally:
                self._queue.task_done()

    def _receive(self, data: bytes) -> None:
        try:
            self.handle(decode(data))
        except (ValueError, TypeError, KeyError):
            DROPPED.labels("malformed").inc()

    def handle(self, envelope: dict[str, Any]) -> None:
        """Apply one envelope from another node to this node's rooms.

        Raises:
            ValueError, TypeError, KeyError: a malformed envelope (nothing changed).
        """
        kind, room_name = envelope["k"], envelope["r"]
        if envelope.get("o") == self.node_id:
            return  # our own room-wide event, back from the shared channel
        room = self.registry.get(room_name)
        if kind in ("msg", "close"):
            target = None
            if room is not None:
                pid = envelope["p"]
                target = room.participants.get(pid) or room.waiting.get(pid)
            if target is None or target.node is not None:
                DROPPED.labels("unknown_participant").inc()
            elif kind == "msg":
                if not isinstance(envelope["m"], dict):
                    raise ValueError("message is not an object")
                target.conn.send(envelope["m"])
            else:
                self._gone[target.id] = time.monotonic()  # its "left" follows
                code = int(envelope["c"])
                if code in (host_controls.REMOVED_CLOSE, REPLACED_CLOSE):
                    # removed or replaced on another node, which tells everyone: gone before
                    # its session closes, which so keeps no readmission and tells nothing
                    self.registry.remove_remote(room_name, target.id, announce=False)
                target.conn.close(code, str(envelope["s"]))
        elif kind == "join":
            member = decode_member(json.dumps({"v": envelope["v"], "n": envelope["n"]}))
            if member is None:
                raise ValueError("bad member")
            view, node = member
            if room is not None and view["id"] not in self._gone:
                self.registry.add_remote(room, view, node,
                                         self.stand_in(node, room_name, view["id"]))
        elif kind == "left":
            pid = str(envelope["p"])
            target = room.participants.get(pid) if room is not None else None
            if (room is not None and target is not None and target.node is None
                    and pid not in self._gone):
                # a local participant removed elsewhere without a close first (a host's
                # remove closes first): another node reaped it, this node presumed dead
                self.recovery.place_lost(room, target)
            self._gone[pid] = time.monotonic()
            self.registry.remove_remote(room_name, pid, announce=False)
            if envelope.get("a") and target is not None and target.node is not None:
                # told again after Redis was away: its participant-left went nowhere
                assert room is not None
                for person in list(room.participants.values()):
                    if person.node is None:
                        person.conn.send({"type": "participant-left", "participantId": pid})
        elif kind == "knock":
            member = decode_member(json.dumps({"v": envelope["v"], "n": envelope["n"]}))
            if member is None:
                raise ValueError("bad knocker")
            if room is not None and member[0]["id"] not in self._gone:
                self.registry.add_remote_knocker(
                    room, member[0], member[1], self.stand_in(member[1], room_name,
                                                              member[0]["id"]))
        elif kind == "unknock":
            pid = str(envelope["p"])
            knocker = room.waiting.get(pid) if room is not None else None
            self.registry.remove_remote_knocker(room_name, pid, announce=False)
            if envelope.get("a") and knocker is not None and knocker.node is not None:
                assert room is not None  # told again after Redis was away, as "left"
                for host in room.hosts():
                    if host.node is None:
                        host.conn.send({"type": "knock-cancelled", "participantId": pid})
        elif kind == "rec":
            if room is not None and envelope["a"]:
                room.recording_hosts.add(str(envelope["h"]))
            elif room is not None:
                room.recording_hosts.discard(str(envelope["h"]))
        elif kind == "answer":
            self._answer(room, envelope)
        elif kind == "lock":
            if room is not None:
                self.recovery.apply_lock(room, bool(envelope["l"]), bool(envelope.get("a")))
        elif kind == "spot":
            self.apply_spotlights(room, envelope)
        elif kind == "sess":
            self.sessions.apply(room, envelope)
        elif kind == "end":
            until = envelope.get("u")
            self.registry.end(room_name, float(until) if until is not None else None,
                              mirror=True)
        else:
            raise ValueError("unknown kind")

    def _answer(self, room: Room | None, envelope: dict[str, Any]) -> None:
        """A host of another node answered a knocker of this node: carry it out here, and
        tell that host of a refusal (``room_full``, a knocker gone meanwhile)."""
        member = decode_member(json.dumps({"v": envelope["h"], "n": envelope["n"]}))
        action = parse_client_message(json.dumps(envelope["a"]))
        if member is None or member[0]["role"] != "host" or not isinstance(
                action, host_controls.KNOCK_ANSWERS):
            raise ValueError("bad answer")
        knocker = room.waiting.get(str(envelope["p"])) if room is not None else None
        if room is None or knocker is None or knocker.node is not None:
            DROPPED.labels("unknown_participant").inc()
            return
        view, node = member
        host = room.participants.get(view["id"])
        if host is None:
            self.registry.add_remote(room, view, node, self.stand_in(node, room.name,
                                                                     view["id"]))
            host = room.participants[view["id"]]
        try:
            host_controls.apply(self.registry, room, host, action)
        except ProtocolError as exc:
            host.conn.send(error(exc.code, exc.message))

    # --- liveness
    async def _heartbeat(self) -> bool:
        """Renew this node's key; True when it had expired since the last renewal."""
        told = {"kids": list(self.kids)} if self.kids else {}
        if self.database is not None:
            told["db"] = self.database
        value = json.dumps(told) if told else "1"
        previous = await self.redis.set(node_key(self.node_id), value,
                                        px=int(self.ttl * 1000), get=True)
        expired, self._beaten = previous is None and self._beaten, True
        return expired

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                lost = await self.link.check()
                async with asyncio.timeout(self.link.timeout):
                    expired = await self._heartbeat()
                    if expired:
                        # this node was away past its TTL (paused): the others may have been
                        # too (one VM paused), so give them a TTL to heartbeat before any is
                        # reaped, as after Redis came back
                        self.link.restored = time.monotonic()
                    await self.recovery.after_heartbeat(lost, expired)
                    # just after Redis came back, the other nodes may not have heartbeated
                    if self.link.settled():
                        await self.reap()
                        await self.left_behind.reap()
                        await self.sessions.check_abandoned()
            except (RedisError, OSError, TimeoutError) as exc:
                self.link.failed(exc)

    async def reap(self) -> None:
        """Remove the participants of signaling nodes whose heartbeat expired
        (:meth:`cluster.room_reaper.Reaper.reap`)."""
        await self.reaper.reap()
