"""Live rooms: who is in which room, who is knocking, in memory only, and message fan-out.

Nothing here is persisted: participants, display names, knocks, SDP, candidates and chat live
only while the meeting runs. A room ends (everyone is told ``meeting-ended`` and
disconnected) when its meeting is deleted, when a host ends it, or at ``endDate`` + the
grace period; a room a host ended refuses joins until its meeting's end. A room and its
participants are :mod:`signaling.room_model`'s; this module is the registry that changes them.

Observers (webhooks) get one call per life-cycle event: ``room.client.joined``,
``room.client.left``, ``room.client.knocked``, ``room.client.knockCancelled`` (a knocker
left before a host answered), ``room.session.started`` (the second
participant is in) and ``room.session.ended`` (the room emptied or ended after a session).

Across signaling nodes (a :class:`RoomBus`, :mod:`cluster.room_bus`), a participant connected
to another node is a stand-in here: a :class:`Participant` with ``node`` set whose connection
forwards to that node. Broadcasts, relays, host controls and chat reach it unchanged; the
node where a change happens tells everyone and the bus mirrors membership, the lock and the
end of the room to the other nodes (mirrors never broadcast nor notify observers).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from signaling.insights import RECORDER
from signaling.join_outcomes import (  # what a join comes to (kept apart: rooms.py is long)
    KnockLimit,
    RoomEnded,
    RoomFull,
)
from signaling.join_outcomes import (  # re-exported, as the others: callers import it here
    RoomBusUnavailable as RoomBusUnavailable,
)
from signaling.meeting_store import MeetingRecord
from signaling.messages import participant_view
from signaling.readmissions import READMIT_S, rejoin_digest
from signaling.room_bus import RoomBus
from signaling.room_model import (
    Connection,
    Participant,
    Room,
    RoomObserver,
    new_participant_id,
    new_session_id,
)
from signaling.room_policy import RoomPolicy

log = logging.getLogger("fjord.signaling.rooms")

MAX_WAITING = 50
"""Knocking participants a room holds at most (more get ``room_full``)."""
MAX_KNOCKS_PER_ADDRESS = 25
"""Knocking participants of one client address a room holds at most by default (more get
``too_many_knocks``): one address cannot take more than half the waiting places, and a
class or an office behind one NAT still knocks at once."""
REPLACED_CLOSE = 4409
"""Close code of a connection whose participant came back through a new one with its
``rejoinToken`` before the server noticed that it dropped."""
GRACE = dt.timedelta(hours=1)
"""A meeting's room lives until ``endDate`` + this (room keys expire then too)."""


class RoomRegistry:
    """All live rooms of this signaling node."""

    def __init__(self, max_normal: int, max_group: int, max_viewers: int = 400,
                 max_knocks_per_address: int = MAX_KNOCKS_PER_ADDRESS) -> None:
        self.max_normal = max_normal
        self.max_group = max_group
        self.max_viewers = max_viewers
        self.max_knocks_per_address = max_knocks_per_address
        """Knockers of one client address a room holds at most, on this node (a knocker of
        another node is counted by its own node)."""
        self.rooms: dict[str, Room] = {}
        self.observers: list[RoomObserver] = []
        self._ended: dict[str, float] = {}
        """Room names a host ended -> wall-clock time (unix s) until which joins are refused."""
        self.bus: RoomBus | None = None
        """Set (by :mod:`cluster.room_bus`) when rooms span several signaling nodes."""
        self.ended_elsewhere: list[Callable[[str, str, dt.datetime], None]] = []
        """Called with ``(room name, session id, when)`` when another signaling node ended
        a room's session (each node's insights write their part of it)."""
        self.unseen_stays: list[Callable[[Room, Participant, dt.datetime | None,
                                          dt.datetime | None], None]] = []
        """Called with ``(room, participant, when it joined, when the session started)``
        before :meth:`left_unseen` tells its ``room.client.left`` (insights write the stay)."""

    def get(self, room_name: str) -> Room | None:
        return self.rooms.get(room_name)

    def is_ended(self, room_name: str) -> bool:
        until = self._ended.get(room_name)
        if until is not None and until < time.time():
            del self._ended[room_name]
            return False
        return until is not None

    def _emit(self, event: str, room: Room, participant: Participant | None) -> None:
        for observer in self.observers:
            try:
                observer(event, room, participant)
            except Exception:  # an observer's bug must not break the room
                log.exception("room observer failed event=%s", event)

    def join(
        self, meeting: MeetingRecord, display_name: str, role: str, conn: Connection,
        policy: RoomPolicy | None = None, participant_id: str | None = None,
        claimed: bool = False, external_id: str | None = None, metadata: str | None = None,
        e2ee_public_key: str | None = None, client: str | None = None,
        rejoin_token: str | None = None, next_rejoin_token: str | None = None,
        session_started: bool = False, avatar_url: str | None = None,
    ) -> tuple[Room, Participant, bool]:
        """Add a participant, or make it knock when the room is locked.

        Hosts and viewers (their room key proves the invitation) always enter; participants
        of a locked room wait in ``room.waiting`` and the hosts get a ``knock`` message.
        ``external_id``, ``metadata`` and ``avatar_url``: Whereby's URL parameters of the
        same names (the avatar checked: signaling.avatars).
        Returns ``(room, participant, admitted)``. ``participant_id`` and ``claimed`` (the
        bus already counted the participant in, atomically across nodes: no local capacity
        check) are for :mod:`cluster.room_bus`. ``e2ee_public_key``: the participant's
        announced key in an end-to-end encrypted room, shown in its view. ``client``: the
        client's address (``rate_limit_key``), whose knockers are bounded. ``rejoin_token``:
        the ``joined.rejoinToken`` of a participant whose connection dropped, which enters a
        locked room without knocking (:meth:`keep_readmission`); ``next_rejoin_token``: the
        one its ``joined`` will carry. ``session_started``: the bus's claim (``claimed``)
        started the room's session (``room.session_id``).

        Raises:
            RoomEnded: a host ended this meeting.
            RoomFull: the room already has its maximum (4 normal, 200 group by default, plus
                400 viewers in group rooms), or 50 knockers.
            KnockLimit: a knocker whose address has ``max_knocks_per_address`` knocking.
        """
        if self.is_ended(meeting.room_name):
            raise RoomEnded()
        room = self.rooms.get(meeting.room_name)
        if room is None:
            room = self._open(meeting, policy or RoomPolicy())
        previous = None if claimed else self._half_open(room, role, rejoin_token)
        try:
            if previous is None:  # else its place is its own, in a full room too
                self._check_capacity(room, role, claimed, client)
        except RoomFull:
            self._close_if_empty(room)
            raise
        participant = Participant(participant_id or new_participant_id(), display_name, role,
                                  conn, external_id=external_id, metadata=metadata,
                                  avatar_url=avatar_url,
                                  e2ee_public_key=e2ee_public_key, client=client,
                                  rejoin_digest=(rejoin_digest(next_rejoin_token)
                                                 if next_rejoin_token else None))
        if previous is not None:
            self.replace(room, previous)
        # claimed: the bus counted it in as a member (a locked room's readmission, there)
        readmitted = claimed or previous is not None or (
            room.locked and role == "participant" and rejoin_token is not None
            and room.readmissions.take(rejoin_digest(rejoin_token), replacing=False))
        if room.locked and role == "participant" and not readmitted:
            participant.knocked = True
            room.waiting[participant.id] = participant
            if self.bus is not None:
                self.bus.knocker_added(room, participant)
            room.to_hosts({"type": "knock", "participant": {
                "id": participant.id, "displayName": display_name}})
            log.info("participant knocked room=%s waiting=%d", room.name, len(room.waiting))
            self._emit("room.client.knocked", room, participant)
            return room, participant, False
        self._enter(room, participant, session_started if claimed else None)
        return room, participant, True

    async def join_shared(
        self, meeting: MeetingRecord, display_name: str, role: str, conn: Connection,
        policy: RoomPolicy | None = None, external_id: str | None = None,
        metadata: str | None = None, e2ee_public_key: str | None = None,
        client: str | None = None, rejoin_token: str | None = None,
        next_rejoin_token: str | None = None, avatar_url: str | None = None,
    ) -> tuple[Room, Participant, bool]:
        """:meth:`join` across signaling nodes: the bus counts the participant in (the room
        limits hold across nodes; a locked room's participant as a knocker, unless the bus
        kept ``rejoin_token``'s readmission) and brings the room's members and lock first.
        Without a bus it is :meth:`join`.

        Raises:
            RoomEnded, RoomFull, KnockLimit: as :meth:`join`.
            RoomBusUnavailable: the bus cannot be reached.
        """
        if self.bus is None:
            return self.join(meeting, display_name, role, conn, policy,
                             external_id=external_id, metadata=metadata,
                             e2ee_public_key=e2ee_public_key, client=client,
                             rejoin_token=rejoin_token, next_rejoin_token=next_rejoin_token,
                             avatar_url=avatar_url)
        if self.is_ended(meeting.room_name):
            raise RoomEnded()
        pid = new_participant_id()
        p2p = meeting.room_mode == "normal"
        if role == "viewer" and not p2p:
            category, limit = "viewer", self.max_viewers
        else:
            category, limit = "member", self.max_normal if p2p else self.max_group
        view = participant_view(pid, display_name, role, False, external_id, metadata,
                                e2ee_public_key, avatar_url)
        claim = await self.bus.claim(meeting, view, category, limit, role == "participant",
                                     policy or RoomPolicy(), rejoin_token)
        if claim.status == "ended":
            raise RoomEnded()
        if claim.status == "full":
            raise RoomFull()
        policy = claim.policy
        room = self.open(meeting, policy)
        if not room.participants:  # a copy just opened; an older one knows better
            room.spotlights = list(claim.spotlights)
        if claim.session_over is not None:
            self.session_ended(room, claim.session_over)
        if claim.session is not None:  # none: Redis may have lost it (the bus catches up)
            room.session_id = claim.session
        for view, node in claim.members:
            if node != self.bus.node_id:
                self.add_remote(room, view, node, self.bus.stand_in(node, room.name, view["id"]))
        for view, node in claim.knockers:
            if node != self.bus.node_id:
                self.add_remote_knocker(room, view, node,
                                        self.bus.stand_in(node, room.name, view["id"]))
        room.locked = claim.locked
        room.recording_hosts.update(claim.recorders)
        if claim.replaced and (previous := room.participants.get(claim.replaced[0])):
            self.replace(room, previous)  # a half-open connection, on any node
        try:
            return self.join(meeting, display_name, role, conn, policy, participant_id=pid,
                             claimed=claim.status == "ok", external_id=external_id,
                             metadata=metadata, e2ee_public_key=e2ee_public_key,
                             client=client, next_rejoin_token=next_rejoin_token,
                             session_started=claim.session_started, avatar_url=avatar_url)
        except RoomFull:
            if claim.status == "ok":
                self.bus.member_left(room, Participant(pid, display_name, role, conn),
                                     given_back=True)
            raise

    def admit(self, room: Room, participant_id: str) -> Participant | None:
        """Let a knocker in (host accepted, or the room was unlocked); None if unknown."""
        participant = room.waiting.pop(participant_id, None)
        if participant is None:
            return None
        if self.bus is not None:
            self.bus.knocker_removed(room, participant)
        room.to_hosts({"type": "knock-cancelled", "participantId": participant_id})
        self._enter(room, participant)
        if participant.on_admitted is not None:
            participant.on_admitted()
        return participant

    def _half_open(self, room: Room, role: str, token: str | None) -> Participant | None:
        """The connection of this node still in ``room`` that ``token`` (a rejoinToken) was
        given to, when its holder may take its place, locked room or not: the server has
        not noticed that it dropped (a half-open socket after a network change), someone
        else is in the room, and the token is not spent."""
        if role != "participant" or token is None or len(room.participants) < 2:
            return None
        digest = rejoin_digest(token)
        return next((p for p in room.participants.values() if p.node is None
                     and p.rejoin_digest == digest and not room.readmissions.spent(digest)),
                    None)

    def replace(self, room: Room, previous: Participant) -> None:
        """``previous`` (of this node, or a stand-in) is back through a new connection,
        which takes its place: its token is spent, it is closed (a stand-in's node first,
        as for a host's remove), and leaves, its place handed over."""
        if previous.rejoin_digest is not None:
            room.readmissions.take(previous.rejoin_digest, replacing=True)
        previous.conn.close(REPLACED_CLOSE, "replaced by a new connection")
        self.leave(room, previous.id, handover=True)

    def keep_readmission(self, room: Room, token: str) -> None:
        """Let the holder of ``token`` (the ``rejoinToken`` of a participant whose connection
        dropped) back into ``room`` without knocking, once, within :data:`READMIT_S`,
        through any signaling node (the bus keeps it then)."""
        if self.bus is not None:
            self.bus.readmission_kept(room, token, READMIT_S)
            return
        room.readmissions.keep(rejoin_digest(token))

    def revoke_readmissions(self, room: Room) -> None:
        """Withdraw every readmission ``room`` keeps (a host removed someone or turned a
        knocker away). A rejoinToken is not tied to a person: a participant whose
        connection dropped may knock anew (a reloaded page), be let in and removed, or be
        turned away, and still hold the dropped connection's token; without this, that
        token would bring it back past the host. The cost: someone else whose connection
        dropped in the same minute knocks."""
        if self.bus is not None:
            self.bus.readmissions_revoked(room)
        room.readmissions.revoke()

    def dismiss(self, room: Room, participant_id: str) -> Participant | None:
        """Take a knocker off the waiting list (rejected); None if unknown."""
        participant = room.waiting.pop(participant_id, None)
        if participant is not None:
            if self.bus is not None:
                self.bus.knocker_removed(room, participant)
            room.to_hosts({"type": "knock-cancelled", "participantId": participant_id})
            self._close_if_empty(room)
        return participant

    def leave(self, room: Room, participant_id: str, handover: bool = False) -> None:
        """Remove a participant or knocker (idempotent) and tell the others; ``handover``:
        its place goes to a joiner (:meth:`replace`), not to a knocker, and the room stays."""
        knocker = room.waiting.get(participant_id)
        if knocker is not None:
            self._emit("room.client.knockCancelled", room, knocker)
            self.dismiss(room, participant_id)
            return
        participant = room.participants.pop(participant_id, None)
        if participant is None:
            return
        room.departed.append(participant_id)
        if self.bus is not None:
            self.bus.member_left(room, participant)
        room.broadcast({"type": "participant-left", "participantId": participant_id})
        log.info("participant left room=%s participants=%d", room.name, len(room.participants))
        if participant.node is None:
            self._emit("room.client.left", room, participant)
        if not room.locked and not handover:
            self._admit_waiting(room)  # knockers left over from an unlock, first in line
        if not room.participants and room.session_id is not None and self.bus is None:
            self._emit("room.session.ended", room, None)  # with a bus: the bus's leave
            room.session_id = None
        if not handover:
            self._close_if_empty(room)

    def end(self, room_name: str, refuse_until: float | None = None,
            mirror: bool = False) -> None:
        """End a live room for everyone: notify and close every connection (knockers too).

        ``refuse_until`` (unix s): refuse joins until then (a host ended the meeting).
        ``mirror``: the bus reports that another node ended it (its participants are told
        there; not told again to the other nodes).
        """
        if refuse_until is not None:
            # Forget the rooms whose refusal is over: few of them are ever asked again
            # (is_ended), and the map would keep every ended meeting of the server's life.
            now = time.time()
            self._ended = {name: until for name, until in self._ended.items() if until >= now}
            self._ended[room_name] = refuse_until
        room = self.rooms.pop(room_name, None)
        if self.bus is not None and not mirror:
            # also without a copy here: the room's people may all be on other nodes
            self.bus.room_ended(room_name, refuse_until)
        if room is None:
            return
        if room.end_timer is not None:
            room.end_timer.cancel()
        for participant in [*room.waiting.values(), *room.participants.values()]:
            if participant.node is not None:
                continue  # its own node tells it
            participant.conn.send({"type": "meeting-ended"})
            participant.conn.close(1000, "meeting ended")
        room.waiting.clear()
        for participant in list(room.participants.values()):
            if participant.node is None:
                self._emit("room.client.left", room, participant)
        room.participants.clear()
        if room.session_id is not None and self.bus is not None:
            self.bus.session_over(room, room.session_id)  # every node: told once
        elif room.session_id is not None:
            self._emit("room.session.ended", room, None)
        room.session_id = None
        log.info("room ended room=%s", room_name)

    def lock_changed(self, room: Room) -> None:
        """``room.locked`` changed here (a host): share it, and on unlock let the knockers
        in while there is room."""
        if self.bus is not None:
            self.bus.lock_changed(room)
        self.apply_lock(room, room.locked)

    # --- mirrors of other signaling nodes (never broadcast, never notify observers)
    def open(self, meeting: MeetingRecord, policy: RoomPolicy | None = None) -> Room:
        """The live room of ``meeting``, opened if needed."""
        room = self.rooms.get(meeting.room_name)
        return room if room is not None else self._open(meeting, policy or RoomPolicy())

    def add_remote(self, room: Room, view: dict[str, Any], node: str, conn: Connection) -> None:
        """Mirror a participant of ``node`` (a stand-in sending through ``conn``); no-op if
        known. ``view`` is :func:`signaling.messages.participant_view`'s shape."""
        knocker = room.waiting.get(view["id"])
        if knocker is not None and knocker.node is not None:
            del room.waiting[view["id"]]  # a knocker of another node, let in there
        if view["id"] in room.participants or view["id"] in room.waiting:
            return
        room.participants[view["id"]] = Participant(
            view["id"], view["displayName"], view["role"], conn,
            screen_sharing=bool(view.get("screenSharing")), node=node,
            external_id=view.get("externalId"), metadata=view.get("metadata"),
            e2ee_public_key=view.get("e2eePublicKey"), avatar_url=view.get("avatarUrl"))

    def remove_remote(self, room_name: str, participant_id: str, announce: bool,
                      told: bool = False) -> None:
        """A participant left on another node (already announced there), or, with
        ``announce``, this node found its node dead and tells everyone ``participant-left``,
        the bus and the observers (``room.client.left``: its own node cannot). A local
        participant removed elsewhere (a host's ``remove``) is dropped too: its session
        then ends; ``told``: the node that reaped it told its ``room.client.left``."""
        room = self.rooms.get(room_name)
        if room is None:
            return
        participant = room.participants.get(participant_id)
        if participant is None:
            return
        recorded = participant_id in room.recording_hosts  # a browser gone records nothing
        room.recording_hosts.discard(participant_id)
        if announce:
            if participant.node is not None:
                self.leave(room, participant_id)
                self._emit("room.client.left", room, participant)
                if recorded and not room.recording_hosts:  # its node died while recording
                    room.broadcast({"type": "recording-status", "status": "stopped",
                                    "kind": "local"})
            return
        del room.participants[participant_id]
        room.departed.append(participant_id)
        if participant.node is None and not told:
            self._emit("room.client.left", room, participant)
        if not room.participants and room.session_id is not None and self.bus is None:
            self._emit("room.session.ended", room, None)
            room.session_id = None
        self._close_if_empty(room)

    def add_remote_knocker(self, room: Room, view: dict[str, Any], node: str,
                           conn: Connection) -> None:
        """Mirror a knocker of ``node``, which hosts here answer (:meth:`RoomBus.answer_knock`)."""
        if view["id"] not in room.participants and view["id"] not in room.waiting:
            room.waiting[view["id"]] = Participant(view["id"], view["displayName"], "participant",
                                                   conn, node=node, knocked=True)

    def remove_remote_knocker(self, room_name: str, participant_id: str,
                              announce: bool) -> None:
        """A knocker of another node waits no more (its node told the hosts); with
        ``announce`` (its node died) this node tells the hosts ``knock-cancelled``."""
        room = self.rooms.get(room_name)
        knocker = room.waiting.get(participant_id) if room is not None else None
        if room is None or knocker is None or knocker.node is None:
            return
        del room.waiting[participant_id]
        if announce:
            room.to_hosts({"type": "knock-cancelled", "participantId": participant_id})
        self._close_if_empty(room)

    def drop_local_knocker(self, room_name: str, participant_id: str) -> None:
        """This node's knocker lost its place elsewhere (another node reaped it and told the
        hosts ``knock-cancelled``): drop it without telling anyone again."""
        room = self.rooms.get(room_name)
        knocker = room.waiting.get(participant_id) if room is not None else None
        if room is None or knocker is None or knocker.node is not None:
            return
        del room.waiting[participant_id]
        self._emit("room.client.knockCancelled", room, knocker)
        self._close_if_empty(room)

    def apply_lock(self, room: Room, locked: bool) -> None:
        """Set the lock (mirrored or local); unlocking admits this node's knockers."""
        room.locked = locked
        if not locked:
            self._admit_waiting(room)

    def _admit_waiting(self, room: Room) -> None:
        """Let this node's knockers of an unlocked room in, in arrival order, while there is
        room; the rest keep waiting for the next free place."""
        for knocker in list(room.waiting.values()):
            if knocker.node is not None:
                continue  # its own node lets it in (the lock reaches every node)
            if not self.has_room_for(room, "participant"):
                break
            self.admit(room, knocker.id)

    # --- internals
    def _open(self, meeting: MeetingRecord, policy: RoomPolicy) -> Room:
        room = self.rooms[meeting.room_name] = Room(meeting, policy)
        if self.bus is not None:  # the room's copy on this node, opened again when it had
            # emptied while other nodes still had people, must not reuse its earlier ids
            room.chat_prefix = f"m_{self.bus.node_id}.{secrets.token_hex(3)}_"
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (pure unit use): nobody to end the room on time
            return room
        delay = (meeting.end_date + GRACE - dt.datetime.now(dt.UTC)).total_seconds()
        room.end_timer = loop.call_later(max(0.0, delay), self._end_if_current, room)
        return room

    def _end_if_current(self, room: Room) -> None:
        if self.rooms.get(room.name) is room:
            log.info("meeting reached its end date room=%s", room.name)
            self.end(room.name)

    def has_room_for(self, room: Room, role: str) -> bool:
        """Whether one more ``role`` fits: viewers of group rooms are counted apart. The
        limits go by the room's mode, not its topology: a cloud-recorded normal room runs on
        the SFU and still holds at most ``max_normal`` people: the cloud recorder (role
        ``recorder``) takes no one's place."""
        normal = room.meeting.room_mode == "normal"
        if role == "viewer" and not normal:
            viewers = sum(1 for p in room.participants.values() if p.role == "viewer")
            return viewers < self.max_viewers
        limit = self.max_normal if normal else self.max_group
        members = sum(1 for p in room.participants.values()
                      if p.role != RECORDER and (p.role != "viewer" or normal))
        return members < limit

    def _check_capacity(self, room: Room, role: str, claimed: bool, client: str | None) -> None:
        """Raise :class:`RoomFull` (or :class:`KnockLimit`) unless one more ``role`` fits;
        ``claimed``: the bus counted it in already (a knocker's place is still checked)."""
        if not claimed and not self.has_room_for(room, role):
            raise RoomFull()
        if role != "participant" or not room.locked:
            return
        if len(room.waiting) >= MAX_WAITING:
            raise RoomFull()
        if client is not None and sum(1 for p in room.waiting.values()
                                      if p.client == client) >= self.max_knocks_per_address:
            raise KnockLimit()

    def add_participant(self, room: Room, participant: Participant) -> None:
        """Add a server-side participant (the cloud recorder) that everyone sees."""
        self._enter(room, participant)

    def _enter(self, room: Room, participant: Participant,
               started: bool | None = None) -> None:
        """Let ``participant`` in. With a bus the room's session is one cluster-wide, kept
        in Redis: ``started`` tells whether the claim that counted it in started it (None:
        no claim of its own; the bus tells once it recorded it, and its webhook waits)."""
        if self.bus is not None:
            self.bus.member_joined(room, participant, None if started is not None else (
                lambda session, began: self.session_found(room, participant, session, began)))
        room.broadcast({"type": "participant-joined", "participant": participant.view()})
        room.participants[participant.id] = participant
        log.info("participant joined room=%s participants=%d", room.name, len(room.participants))
        if self.bus is None:
            started = room.session_id is None and len(room.participants) >= 2
            if started:  # the join that starts a session is in it: its webhook names it
                room.session_id = new_session_id()
        if started is not None:
            self.session_found(room, participant, room.session_id, started)

    def session_found(self, room: Room, participant: Participant | None,
                      session_id: str | None, started: bool) -> None:
        """``participant`` entered ``room`` (None: the bus caught the room up after an
        outage), whose session is ``session_id`` (``started``: this entry started it): its
        ``room.client.joined`` names it."""
        room.session_id = session_id
        if participant is not None:
            self._emit("room.client.joined", room, participant)
        if started:
            self._emit("room.session.started", room, None)

    def session_ended(self, room: Room, session_id: str) -> None:
        """``room``'s session ``session_id`` is over, cluster-wide: the bus found the room
        empty after a leave here (or a dead node's, reaped here), or ended it here first
        (:meth:`RoomBus.session_over`). Told once, by this node."""
        running = room.session_id
        room.session_id = session_id
        self._emit("room.session.ended", room, None)
        room.session_id = None if running in (None, session_id) else running

    def left_unseen(self, room: Room, participant: Participant, joined_at: dt.datetime | None,
                    session_since: dt.datetime | None) -> None:
        """``participant``, of a node that died, left ``room`` (a copy this node did not
        hold: made for the events): the bus reaped it here, once cluster-wide. Its
        ``room.client.left``, its stay (from ``joined_at``, in the session that began at
        ``session_since``; None: unknown) to the :attr:`unseen_stays` observers first."""
        for observer in self.unseen_stays:
            try:
                observer(room, participant, joined_at, session_since)
            except Exception:  # an observer's bug must not break the bus
                log.exception("unseen stay observer failed")
        self._emit("room.client.left", room, participant)

    def session_ended_elsewhere(self, room_name: str, session_id: str,
                                at: dt.datetime) -> None:
        """Another node ended ``room_name``'s session ``session_id`` at ``at``."""
        for observer in self.ended_elsewhere:
            try:
                observer(room_name, session_id, at)
            except Exception:  # an observer's bug must not break the bus
                log.exception("session end observer failed")

    def _close_if_empty(self, room: Room) -> None:
        """Forget a room nobody on this node is in (stand-ins alone do not keep it)."""
        if not room.has_local() and self.rooms.get(room.name) is room:
            if room.end_timer is not None:
                room.end_timer.cancel()
            del self.rooms[room.name]
