"""Live rooms: who is in which room, in memory only, and message fan-out between them.

Nothing here is persisted: participants, display names, SDP and candidates live only while
the meeting runs.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any, Protocol

from signaling.messages import participant_view
from signaling.store import MeetingRecord

log = logging.getLogger("fjord.signaling.rooms")


class Connection(Protocol):
    """A client connection a room can send to (WebSocket today, HTTPS polling later)."""

    def send(self, message: dict[str, Any]) -> None:
        """Queue ``message``; never blocks. A connection that cannot keep up closes itself."""

    def close(self, code: int, reason: str) -> None:
        """Close after the queued messages are sent."""


class RoomFull(Exception):
    """The room holds its maximum number of participants."""


@dataclass
class Participant:
    id: str
    display_name: str
    role: str
    conn: Connection

    def view(self) -> dict[str, str]:
        return participant_view(self.id, self.display_name, self.role)


@dataclass
class Room:
    meeting: MeetingRecord
    participants: dict[str, Participant] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.meeting.room_name

    @property
    def topology(self) -> str:
        """``p2p`` for normal rooms (mesh), ``sfu`` for group rooms."""
        return "p2p" if self.meeting.room_mode == "normal" else "sfu"

    def broadcast(self, message: dict[str, Any], exclude: str | None = None) -> None:
        for participant in self.participants.values():
            if participant.id != exclude:
                participant.conn.send(message)


class RoomRegistry:
    """All live rooms of this signaling node."""

    def __init__(self, max_normal: int, max_group: int) -> None:
        self.max_normal = max_normal
        self.max_group = max_group
        self.rooms: dict[str, Room] = {}

    def get(self, room_name: str) -> Room | None:
        return self.rooms.get(room_name)

    def join(
        self, meeting: MeetingRecord, display_name: str, role: str, conn: Connection
    ) -> tuple[Room, Participant]:
        """Add a participant and tell the others.

        Raises:
            RoomFull: the room already has its maximum (4 normal, 200 group by default).
        """
        room = self.rooms.get(meeting.room_name)
        if room is None:
            room = self.rooms[meeting.room_name] = Room(meeting)
        limit = self.max_normal if room.topology == "p2p" else self.max_group
        if len(room.participants) >= limit:
            if not room.participants:
                del self.rooms[meeting.room_name]
            raise RoomFull()
        participant = Participant("p_" + secrets.token_urlsafe(12), display_name, role, conn)
        room.broadcast({"type": "participant-joined", "participant": participant.view()})
        room.participants[participant.id] = participant
        log.info("participant joined room=%s participants=%d", room.name, len(room.participants))
        return room, participant

    def leave(self, room: Room, participant_id: str) -> None:
        """Remove a participant (idempotent) and tell the others."""
        if room.participants.pop(participant_id, None) is None:
            return
        room.broadcast({"type": "participant-left", "participantId": participant_id})
        log.info("participant left room=%s participants=%d", room.name, len(room.participants))
        if not room.participants and self.rooms.get(room.name) is room:
            del self.rooms[room.name]

    def end(self, room_name: str) -> None:
        """End a live room for everyone (meeting deleted): notify and close every connection."""
        room = self.rooms.pop(room_name, None)
        if room is None:
            return
        for participant in list(room.participants.values()):
            participant.conn.send({"type": "meeting-ended"})
            participant.conn.close(1000, "meeting ended")
        room.participants.clear()
        log.info("room ended room=%s", room_name)
