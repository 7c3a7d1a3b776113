"""Spotlight (Whereby's): participants a host shows large on every page of the room.

The spotlights are the room's (:attr:`signaling.room_model.Room.spotlights`), not a page's:
a late joiner finds them in ``joined.spotlights``, a page that reconnects finds them again,
and they end when the spotlighted participant leaves (its id no longer counts, so no
message is needed: everyone gets ``participant-left``). Only a host changes them
(:mod:`signaling.host_controls` checks the role); each change goes to everyone as
``spotlight {participantIds, by}``, and with several signaling nodes the bus records it and
tells the other nodes' copies of the room (:meth:`signaling.room_bus.RoomBus.spotlight_changed`).
"""

from __future__ import annotations

from typing import Any

from signaling import messages as m
from signaling.insights import RECORDER
from signaling.room_bus import RoomBus
from signaling.room_model import Participant, Room


def spotlighted(room: Room) -> list[str]:
    """The ids of the participants spotlighted in ``room`` who are still in it, in the
    order they were spotlighted."""
    return [pid for pid in room.spotlights if pid in room.participants]


def message(room: Room, by: str | None) -> dict[str, Any]:
    """The ``spotlight`` message telling everyone the room's spotlights, changed by the
    host ``by``."""
    return {"type": "spotlight", "participantIds": spotlighted(room), "by": by}


def apply(room: Room, actor: Participant, msg: m.Spotlight, bus: RoomBus | None) -> None:
    """Spotlight ``msg.participantId`` (``msg.active``) or remove its spotlight, for the
    host ``actor``, and tell everyone. Spotlighting someone already spotlighted, or removing
    a spotlight nobody has, changes nothing and sends nothing.

    Raises:
        ProtocolError: ``unknown_peer`` (nobody with that id in the room),
            ``bad_message`` (a viewer or the cloud recorder, who send no video),
            ``too_many_spotlights`` (already :data:`signaling.messages.MAX_SPOTLIGHTS`).
    """
    target = room.participants.get(msg.participantId)
    if target is None:
        raise m.ProtocolError("unknown_peer", "no such participant in this room")
    if target.role in ("viewer", RECORDER):
        raise m.ProtocolError("bad_message", f"a {target.role} sends no video to spotlight")
    current = spotlighted(room)
    if msg.active == (target.id in current):
        return
    if msg.active and len(current) >= m.MAX_SPOTLIGHTS:
        raise m.ProtocolError("too_many_spotlights", f"at most {m.MAX_SPOTLIGHTS} participants "
                              "can be spotlighted at once; remove a spotlight first")
    room.spotlights = ([*current, target.id] if msg.active
                       else [pid for pid in current if pid != target.id])
    room.broadcast(message(room, actor.id))
    if bus is not None:
        bus.spotlight_changed(room)
