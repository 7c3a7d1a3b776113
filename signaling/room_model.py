"""The live room and who is in it: :class:`Room`, :class:`Participant` and the
:class:`Connection` a room sends to, in memory only (:mod:`signaling.rooms` keeps the
registry of rooms that changes who is in which).

A participant connected to another signaling node is a stand-in here: a :class:`Participant`
with ``node`` set whose connection forwards to that node (:mod:`cluster.room_bus`).
"""

from __future__ import annotations

import asyncio
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from signaling.meeting_store import MeetingRecord
from signaling.messages import participant_view
from signaling.readmissions import Readmissions
from signaling.room_policy import RoomPolicy, end_to_end_encrypted, topology

DEPARTED_KEPT = 64
"Departed participant ids a room remembers (:attr:`Room.departed`)."


class Connection(Protocol):
    """A client connection a room can send to (WebSocket or HTTPS long-polling)."""

    def send(self, message: dict[str, Any]) -> None:
        """Queue ``message``; never blocks. A connection that cannot keep up closes itself."""

    def close(self, code: int, reason: str) -> None:
        """Close after the queued messages are sent."""


@dataclass
class Participant:
    id: str
    display_name: str
    role: str
    conn: Connection
    on_admitted: Callable[[], None] | None = None
    """Called when a host lets this knocker in (its session then sends ``joined``)."""
    screen_sharing: bool = False
    node: str | None = None
    """The signaling node this participant is connected to when not this one (a stand-in)."""
    external_id: str | None = None
    """The customer's id for this participant (Whereby's ``externalId``), if given."""
    metadata: str | None = None
    """Whereby's ``metadata`` URL parameter, if given."""
    avatar_url: str | None = None
    """Whereby's ``avatarUrl``, as the server accepted it (signaling.avatars), if any."""
    knocked: bool = False
    """Entered a locked room after knocking (a host let it in)."""
    e2ee_public_key: str | None = None
    """End-to-end encrypted rooms: the ECDH public key the browser announced in ``join``."""
    client: str | None = None
    """The client's address as per-client limits count it (``rate_limit_key``); None for
    stand-ins of other nodes' people and server-side participants."""
    rejoin_digest: str | None = None
    """:func:`rejoin_digest` of the ``rejoinToken`` its ``joined`` carries (participants of
    this node): with several nodes its entry in Redis holds it, so that it comes back with
    it also when its node died, or has not yet noticed that its connection dropped."""

    def view(self) -> dict[str, Any]:
        return participant_view(self.id, self.display_name, self.role, self.screen_sharing,
                                self.external_id, self.metadata, self.e2ee_public_key,
                                self.avatar_url)

    @property
    def role_name(self) -> str:
        """Whereby's ``roleName``: ``host``, ``visitor`` (room URL), ``granted_visitor`` (let
        in after knocking) or ``viewer``."""
        if self.role == "participant":
            return "granted_visitor" if self.knocked else "visitor"
        return self.role


RoomObserver = Callable[[str, "Room", "Participant | None"], None]
"""``observer(event type, room, participant or None)``; must not block or raise."""


@dataclass
class Room:
    meeting: MeetingRecord
    policy: RoomPolicy = field(default_factory=RoomPolicy)
    participants: dict[str, Participant] = field(default_factory=dict)
    waiting: dict[str, Participant] = field(default_factory=dict)
    """Participants knocking on the locked room, by id (not yet told about the others)."""
    locked: bool = False
    session_id: str | None = None
    """Set while a session runs (from the second participant until the room empties)."""
    chat_seq: int = 0
    chat_prefix: str = "m_"
    """Chat message ids are ``<chat_prefix><chat_seq>``: across nodes, the prefix names the
    node and this opening of the room on it (cluster.room_bus)."""
    end_timer: asyncio.TimerHandle | None = None
    recording_hosts: set[str] = field(default_factory=set)
    """Hosts recording locally (in their browsers), on any node: every page shows it."""
    active_speaker: str | None = None
    """Group rooms: the participant id of the last ``active-speaker`` sent here, which a
    late joiner gets in ``joined.activeSpeaker`` while that participant is still in."""
    spotlights: list[str] = field(default_factory=list)
    """Participant ids a host spotlighted, in order (:mod:`signaling.spotlight`); an id of
    someone who left counts no more (:func:`signaling.spotlight.spotlighted`), so every
    way of leaving, on any node, ends its spotlight."""
    departed: deque[str] = field(default_factory=lambda: deque(maxlen=DEPARTED_KEPT))
    """Ids of the participants who left, newest last: a message a client sent before it saw
    ``participant-left`` may still name one, and is then no error (``Session._departed``:
    viewport tiles skipped; offers, answers, candidates and e2ee keys dropped)."""
    readmissions: Readmissions = field(default_factory=Readmissions)
    """Who may come back into the locked room without knocking, on one signaling node;
    with several, the bus keeps them (:meth:`RoomBus.readmission_kept`)."""

    def __post_init__(self) -> None:
        self.locked = self.meeting.is_locked

    @property
    def name(self) -> str:
        return self.meeting.room_name

    @property
    def topology(self) -> str:
        """``p2p`` for normal rooms (mesh), ``sfu`` for group rooms and cloud-recorded
        normal rooms, unless the organization asks for end-to-end encryption
        (:func:`signaling.room_policy.topology`)."""
        return topology(self.meeting, self.policy)

    @property
    def end_to_end_encrypted(self) -> bool:
        """A group room whose media the browsers encrypt (docs/e2ee.md)."""
        return end_to_end_encrypted(self.meeting, self.policy)

    def has_local(self) -> bool:
        """Whether a participant or knocker is connected to this node."""
        return any(p.node is None for p in [*self.waiting.values(), *self.participants.values()])

    def hosts(self) -> list[Participant]:
        return [p for p in self.participants.values() if p.role == "host"]

    def broadcast(self, message: dict[str, Any], exclude: str | None = None) -> None:
        for participant in list(self.participants.values()):
            if participant.id != exclude:
                participant.conn.send(message)

    def to_hosts(self, message: dict[str, Any]) -> None:
        for host in self.hosts():
            host.conn.send(message)

    def knocks(self) -> list[dict[str, str]]:
        """What hosts see of the knockers: id and name only (never media)."""
        return [{"id": p.id, "displayName": p.display_name} for p in self.waiting.values()]


def new_participant_id() -> str:
    return "p_" + secrets.token_urlsafe(12)


def new_session_id() -> str:
    """A room session's id (``roomSessionId``)."""
    return "s_" + secrets.token_urlsafe(12)
