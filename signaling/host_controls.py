"""Host controls: admit/reject/hold knockers, mute, remove, lock/unlock, spotlight, end the
meeting.

Every function checks the actor's role itself (the server never trusts a client's claim);
a participant or viewer trying any of these gets ``forbidden``. The role comes only from
the room key verified at join.
"""

from __future__ import annotations

from signaling import messages as m
from signaling import spotlight
from signaling.insights import RECORDER
from signaling.room_model import Participant, Room
from signaling.rooms import GRACE, RoomRegistry

KNOCK_ANSWERS = (m.KnockAccept, m.KnockReject, m.KnockHold)
"""A host's answers to a knocker, which the knocker's signaling node carries out."""
KNOCK_REJECTED_CLOSE = 4403
REMOVED_CLOSE = 4401


def _require_host(actor: Participant) -> None:
    if actor.role != "host":
        raise m.ProtocolError("forbidden", "only hosts can do this")


def _knocker(room: Room, participant_id: str) -> Participant:
    knocker = room.waiting.get(participant_id)
    if knocker is None:
        raise m.ProtocolError("unknown_knock", "nobody with this id is knocking")
    return knocker


def _member(room: Room, participant_id: str) -> Participant:
    """A person in the room a host may mute or remove. The cloud recorder is none: removing
    it would take it off everyone's people list while the recording goes on."""
    target = room.participants.get(participant_id)
    if target is None:
        raise m.ProtocolError("unknown_peer", "no such participant in this room")
    if target.role == RECORDER:
        raise m.ProtocolError("bad_message", "the recorder cannot be muted or removed; "
                              "stop-recording ends the cloud recording")
    return target


def apply(registry: RoomRegistry, room: Room, actor: Participant, msg: m.HostAction) -> None:
    """Carry out one host action in ``room``.

    Messages sent: to a knocker ``knock-held {message}`` / ``knock-rejected {message}``
    (then closed) or, once admitted, the usual ``joined``; to a muted participant
    ``muted {by}``; to a removed one ``removed {by}`` (then closed), to the others
    ``participant-left``; to everyone ``room-locked {locked, by}``, ``spotlight
    {participantIds, by}`` or ``meeting-ended``.

    Raises:
        ProtocolError: ``forbidden`` (actor is not a host), ``unknown_knock``,
            ``unknown_peer``, ``room_full`` (admitting into a full room), ``bad_message``
            (a host removing itself, muting or removing the cloud recorder, spotlighting a
            viewer or the recorder), ``too_many_spotlights``.
    """
    _require_host(actor)
    if isinstance(msg, KNOCK_ANSWERS):
        knocker = _knocker(room, msg.participantId)
        if isinstance(msg, m.KnockReject):
            # nor may a knocker turned away walk in on an older rejoinToken (rooms.py)
            registry.revoke_readmissions(room)
        if knocker.node is not None and registry.bus is not None:
            # knocking on another signaling node: that node lets it in or turns it away
            # (and tells this host there of a full room)
            registry.bus.answer_knock(room, knocker, actor, msg.model_dump())
            return
    if isinstance(msg, m.KnockAccept):
        _knocker(room, msg.participantId)
        if not registry.has_room_for(room, "participant"):
            raise m.ProtocolError("room_full", "the room is full")
        registry.admit(room, msg.participantId)
    elif isinstance(msg, m.KnockReject):
        knocker = _knocker(room, msg.participantId)
        registry.dismiss(room, knocker.id)
        knocker.conn.send({"type": "knock-rejected", "message": msg.message})
        knocker.conn.close(KNOCK_REJECTED_CLOSE, "knock rejected")
    elif isinstance(msg, m.KnockHold):
        _knocker(room, msg.participantId).conn.send({"type": "knock-held",
                                                     "message": msg.message})
    elif isinstance(msg, m.Mute):
        _member(room, msg.participantId).conn.send({"type": "muted", "by": actor.id})
    elif isinstance(msg, m.Remove):
        target = _member(room, msg.participantId)
        if target.id == actor.id:
            raise m.ProtocolError("bad_message", "use leave to leave")
        # the leave below comes before the session sees its close: it keeps no readmission
        # (Session.close); a participant of another node leaves there on the close (room_bus)
        target.conn.send({"type": "removed", "by": actor.id})
        target.conn.close(REMOVED_CLOSE, "removed by a host")
        registry.leave(room, target.id)
        # an older rejoinToken of the one removed must not bring it back (rooms.py)
        registry.revoke_readmissions(room)
    elif isinstance(msg, m.Lock):
        room.locked = msg.locked
        room.broadcast({"type": "room-locked", "locked": msg.locked, "by": actor.id})
        registry.lock_changed(room)
    elif isinstance(msg, m.Spotlight):
        spotlight.apply(room, actor, msg, registry.bus)
    elif isinstance(msg, m.EndMeeting):
        until = (room.meeting.end_date + GRACE).timestamp()
        registry.end(room.name, refuse_until=until)
