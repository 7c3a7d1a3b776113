"""How a signaling node's rooms come back from an outage (:mod:`cluster.room_bus`): Redis
away or emptied, or this node presumed dead by the others (paused, cut off past its TTL).

Redis going away is not a node death: the channels are subscribed again when Redis is back
(:class:`cluster.registry.RedisLink`), no node is reaped until one TTL after Redis came back
or lost its data (every node heartbeats again within it), and a node that finds Redis empty
records its own participants, knockers and its rooms' lock and policy again
(:meth:`OutageRecovery.record_again`). Envelopes sent while Redis was away are lost (counted
as ``send_failed``); of those, leaves and abandoned knocks are sent again
(:meth:`OutageRecovery.resend_left`), and a meeting's end and a room's lock are caught up:
once Redis answers again, each node ends its rooms whose meeting the database says was
ended or deleted meanwhile, and gives the others the database's lock; the pages of a node
whose room changed are told ``room-locked`` (:func:`tell_caught_up_lock`,
:meth:`OutageRecovery.watch_outages`).

A node presumed dead that was only paused or cut off comes back to find its people reaped:
each one it still holds is told ``unavailable`` and closed, so its client joins again
(:meth:`OutageRecovery.rejoin_reaped`, or the reaper's ``left``: :meth:`place_lost`).

Each step is only right together with the others (what is recorded again, who is reaped,
what is caught up): :meth:`OutageRecovery.after_heartbeat` runs them in their order at each
of the bus's heartbeats.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from redis.asyncio import Redis

from cluster.registry import RedisLink
from cluster.room_claim import LEFT_SCRIPT, left_args, left_reply
from cluster.room_keys import (
    ALL_CHANNEL,
    ROOMS_PREFIX,
    decode_member,
    encode,
    knocker_entry,
    knockers_key,
    member_entry,
    members_key,
    node_rooms_key,
    reaped_key,
    recorders_key,
    state_key,
)
from cluster.room_session import RoomSessions, session_envelope
from signaling.meeting_store import MeetingRecord
from signaling.messages import error
from signaling.room_model import Participant, Room
from signaling.rooms import GRACE, RoomRegistry
from signaling.store import database_outage

log = logging.getLogger("fjord.room_bus")  # the bus's: its operators' log filters hold


class OutageRecovery:
    """The outage recovery of one node's room bus.

    :param redis: the bus's ``redis.asyncio.Redis`` client.
    :param registry: this node's rooms.
    :param node_id: the bus id of this node process.
    :param link: the bus's :class:`cluster.registry.RedisLink`.
    :param interval: seconds between the bus's heartbeats (and catch-up checks).
    :param sessions: the bus's :class:`cluster.room_session.RoomSessions`, caught up once
        every node recorded its people again.
    """

    def __init__(self, redis: Redis, registry: RoomRegistry, node_id: str, link: RedisLink,
                 interval: float, sessions: RoomSessions | None = None) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.link = link
        self.interval = interval
        self.sessions = sessions
        self._left = redis.register_script(LEFT_SCRIPT)
        self._caught_up = -float("inf")
        "The link's ``restored`` time this node last caught its rooms up with the database."
        self._check_places = False
        self._unsent_left: list[tuple[str, list[str], list[Any], str, Room | None,
                                      MeetingRecord | None]] = []
        """``(room, keys, args, kind, room's copy, meeting)`` of the leaves (``left``: LEFT_SCRIPT's
        keys and args, :func:`cluster.room_claim.left_request`) and abandoned knocks
        (``unknock``: the knockers key and the knocker's id) that did not reach Redis, sent
        again with an envelope of that kind to every node once Redis answers
        (:meth:`resend_left`)."""

    def unsent(self, room_name: str, keys: list[str], args: list[Any], kind: str,
               room: Room | None = None, meeting: MeetingRecord | None = None) -> None:
        """A leave (``left``) or abandoned knock (``unknock``) of ``room_name`` did not
        reach Redis: sent again once it answers (:meth:`resend_left`). ``room``: this
        node's copy of the room a participant left, whose session the leave may end;
        ``meeting``: the room's meeting, for a place given back (whose node may have no
        copy of the room) that may keep a session whose start it then tells."""
        self._unsent_left.append((room_name, keys, args, kind, room, meeting))

    async def after_heartbeat(self, lost: bool, expired: bool) -> None:
        """Recover what a heartbeat found: Redis ``lost`` its data, or this node's key had
        ``expired`` (it was presumed dead); and send what did not reach Redis.

        Raises:
            redis.exceptions.RedisError, OSError: Redis did not answer (tried again at the
                next heartbeat).
        """
        if lost:
            # the others may have reaped this node's people meanwhile (their
            # entries went with Redis's data): those must not be recorded again
            await self.rejoin_reaped(data_lost=True)
            await self.record_again()
            self._check_places = True
        elif expired or self._check_places:
            # once more at the next beat: a node that read the key as missing
            # just before this beat may remove a place just after it
            self._check_places = expired
            await self.rejoin_reaped()
        if self._unsent_left:
            await self.resend_left()
        if self.sessions is not None:  # once every node recorded its people again
            await self.sessions.catch_up()

    async def resend_left(self) -> None:
        """Remove the entries of the participants who left (and knockers who gave up) while
        Redis was away, and tell every node (``left`` or ``unknock`` with ``a``: the
        participant-left or knock-cancelled its people were sent went nowhere either). The
        leave that finds the room empty on every node ends its session, told once from
        here (the room emptied while Redis was away)."""
        while self._unsent_left:
            room_name, keys, args, kind, room, meeting = self._unsent_left[0]
            ended = untold = None
            if kind == "left":
                ended, untold = left_reply(await self._left(keys=keys, args=left_args(
                    args, not self.link.settled(), self.link.boot or "")))
            else:
                await self.redis.hdel(keys[0], args[0])
            await self.redis.publish(ALL_CHANNEL, encode(kind, room_name, p=args[0], a=1,
                                                         o=self.node_id))
            self._unsent_left.pop(0)
            copy = room or self.registry.get(room_name) or (
                Room(meeting) if meeting is not None else None)
            if untold is not None and copy is not None and self.sessions is not None:
                self.sessions.untold(copy, untold, ended is not None)
            elif ended and room is not None:
                self.registry.session_ended(room, ended)
                await self.redis.publish(ALL_CHANNEL, session_envelope(
                    room_name, self.node_id, ended=ended))
            elif kind == "left" and room is not None and self.sessions is not None:
                self.sessions.orphaned(room)

    async def watch_outages(self, meeting: Callable[[str], Awaitable[MeetingRecord | None]]
                            ) -> None:
        """After Redis was away (or lost its data), catch this node's rooms up with the
        database, since the envelopes of other nodes' hosts went nowhere meanwhile: end the
        rooms whose meeting was ended or deleted, and give every other room the lock the
        database holds, recorded and told to the other nodes again (one with a stale lock
        may have recorded it in an emptied Redis). Once the grace period after Redis came
        back is over: by then :meth:`after_heartbeat` recorded this node's people again, so
        that a knocker let in here moves from its recorded knock to a recorded place (let in
        before, it was found missing and told to join again). Apart from the heartbeats, so
        that reading the database for many rooms delays none; tried again at the next beat
        while the database is unreachable.

        A room whose lock changed so tells this node's pages (:func:`tell_caught_up_lock`),
        and each other node's whose copy of it changed with this node's ``lock``."""
        while True:
            await asyncio.sleep(self.interval)
            if self.link.up and self.link.settled() and self._caught_up < self.link.restored:
                await self._catch_up(meeting)

    async def _catch_up(self, meeting: Callable[[str], Awaitable[MeetingRecord | None]]
                        ) -> None:
        restored = self.link.restored
        for room in list(self.registry.rooms.values()):
            try:
                record = await meeting(room.name)
            except Exception as exc:
                if database_outage(exc):
                    return  # tried again at the next beat
                # one room's bad record must not end the catch-up of every other, or
                # this task (no later outage would be caught up)
                log.exception("catching room=%s up with the database failed", room.name)
                continue
            if self.registry.rooms.get(room.name) is not room:
                continue
            if record is None or record.ended_at is not None:
                log.info("room ended while redis was away room=%s", room.name)
                self.registry.end(room.name, (room.meeting.end_date + GRACE).timestamp(),
                                  mirror=True)
            else:
                if room.locked != record.is_locked:
                    room.locked = record.is_locked
                    tell_caught_up_lock(room)
                if self.registry.bus is not None:
                    self.registry.bus.lock_changed(room, caught_up=True)
                self.registry.apply_lock(room, room.locked)
        self._caught_up = restored

    def apply_lock(self, room: Room, locked: bool, caught_up: bool) -> None:
        """Take another node's lock of ``room`` (its ``lock`` envelope); ``caught_up``: that
        node took the database's after Redis was away, and this node's pages are told
        when it changes the room here (:func:`tell_caught_up_lock`): the host's
        ``room-locked`` went nowhere."""
        if caught_up and room.locked != locked:
            room.locked = locked
            tell_caught_up_lock(room)
        self.registry.apply_lock(room, locked)

    async def record_again(self) -> None:
        """After Redis lost its data: record this node's participants in their rooms'
        hashes (and its set of rooms) again, and the rooms' lock, policy and running
        session (the first node to record it again sets it: every node's copy of a room
        has the same)."""
        indexed = 0  # the latest expiry of the rooms this node has people in
        async with self.redis.pipeline(transaction=False) as pipe:
            for room in list(self.registry.rooms.values()):
                expire_at = int((room.meeting.end_date + GRACE).timestamp())
                key = members_key(room.name)
                local = [p for p in room.participants.values() if p.node is None]
                for participant in local:
                    pipe.hset(key, participant.id, member_entry(self.node_id, participant))
                if local:
                    pipe.expireat(key, expire_at)
                    pipe.sadd(node_rooms_key(self.node_id), room.name)
                    indexed = max(indexed, expire_at)
                knockers = [p for p in room.waiting.values() if p.node is None]
                for knocker in knockers:
                    pipe.hset(knockers_key(room.name), knocker.id,
                              knocker_entry(self.node_id, knocker))
                if knockers:
                    pipe.expireat(knockers_key(room.name), expire_at)
                recorders = [h for h in room.recording_hosts if h in room.participants
                             and room.participants[h].node is None]
                for host_id in recorders:
                    pipe.hset(recorders_key(room.name), host_id, self.node_id)
                if recorders:
                    pipe.expireat(recorders_key(room.name), expire_at)
                if room.locked:
                    pipe.hset(state_key(room.name), "locked", 1)
                if room.session_id is not None:  # not started again by the next join
                    pipe.hsetnx(state_key(room.name), "session", room.session_id)
                pipe.hsetnx(state_key(room.name), "policy", json.dumps(asdict(room.policy)))
                pipe.expireat(state_key(room.name), expire_at)
            if indexed:
                pipe.sadd(ROOMS_PREFIX, self.node_id)
                pipe.expireat(node_rooms_key(self.node_id), indexed)
            await pipe.execute()

    async def rejoin_reaped(self, data_lost: bool = False) -> None:
        """After this node's heartbeat key expired (the process was paused, or cut off from
        Redis longer than the TTL) other nodes may have reaped its people: they told
        everyone ``participant-left`` or ``knock-cancelled`` and gave the places away. Each
        local participant or knocker whose entry is gone from its room's hash loses its
        place here too (:meth:`place_lost`); the others stay. (The reaper's ``left``
        usually comes first and does the same: this covers envelopes lost meanwhile.)

        ``data_lost``: Redis lost its data meanwhile, entries and all: only the people in
        the rooms' :func:`reaped_key` lost their place (before they are recorded again)."""
        checks = []
        async with self.redis.pipeline(transaction=False) as pipe:
            for room in list(self.registry.rooms.values()):
                for people, key in ((room.participants, members_key(room.name)),
                                    (room.waiting, knockers_key(room.name))):
                    local = [p for p in people.values() if p.node is None]
                    if local:
                        ids = [p.id for p in local]
                        pipe.hmget(key, ids)
                        pipe.hmget(reaped_key(room.name), ids)
                        checks.append((room, local))
            replies = await pipe.execute() if checks else []
        for index, (room, local) in enumerate(checks):
            entries, reaped = replies[2 * index], replies[2 * index + 1]
            for person, value, mark in zip(local, entries, reaped, strict=True):
                member = decode_member(value) if value is not None else None
                if mark is not None or not data_lost and (
                        member is None or member[1] != self.node_id):
                    self.place_lost(room, person)

    def place_lost(self, room: Room, person: Participant) -> None:
        """Another node reaped local ``person`` (and told everyone): drop it here without
        telling anyone again, tell it ``unavailable`` and close its connection (1012,
        "service restart" in IANA's WebSocket close codes), so that its client joins again."""
        log.warning("place lost while this node was presumed dead room=%s participant=%s",
                    room.name, person.id)
        if person.id in room.participants:
            # the node that reaped it told its room.client.left
            self.registry.remove_remote(room.name, person.id, announce=False, told=True)
        else:  # a knocker: its close must not tell the hosts knock-cancelled again
            self.registry.drop_local_knocker(room.name, person.id)
        person.conn.send(error("unavailable", "this signaling node was cut off and lost your "
                               "place in the room; join again"))
        person.conn.close(1012, "join again")


def tell_caught_up_lock(room: Room) -> None:
    """Tell this node's people in ``room`` its lock, which changed while Redis was away
    (:meth:`OutageRecovery.watch_outages`): the ``room-locked`` of the host's change went
    nowhere, and their pages showed the old state. ``by`` is null: the database keeps the
    lock, not who set it (docs/signaling.md, ``room-locked``)."""
    message = {"type": "room-locked", "locked": room.locked, "by": None}
    for person in list(room.participants.values()):
        if person.node is None:
            person.conn.send(message)
