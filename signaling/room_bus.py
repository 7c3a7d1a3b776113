"""How a :class:`signaling.rooms.RoomRegistry` shares its rooms with the other signaling
nodes: the :class:`RoomBus` protocol, which :class:`cluster.room_bus.RedisRoomBus`
implements over Redis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from signaling.join_outcomes import Claim
from signaling.meeting_store import MeetingRecord
from signaling.room_model import Connection, Participant, Room
from signaling.room_policy import RoomPolicy


class RoomBus(Protocol):
    """How a registry shares its rooms with the other signaling nodes (None: one node).

    Every method returns at once (work is queued, in order); see :mod:`cluster.room_bus`.
    """

    node_id: str

    def member_joined(self, room: Room, participant: Participant,
                      on_session: Callable[[str | None, bool], None] | None = None) -> None:
        """A local participant entered ``room``: record it and tell the room's nodes.
        ``on_session``: it entered without a claim of its own (a knocker let in, the cloud
        recorder), and may start the room's session: called with ``(the room's session id
        or None, whether this entry started it)`` once recorded (with the session this
        node knows and False when Redis did not answer)."""

    def session_over(self, room: Room, session_id: str) -> None:
        """``room`` ended (every node ends its copy): the first node to end its session
        ``session_id`` in Redis tells :meth:`RoomRegistry.session_ended`."""

    def member_left(self, room: Room, participant: Participant,
                    given_back: bool = False) -> None:
        """A participant (local, or a stand-in this node removed) left: forget it and tell
        the room's nodes (its own too). ``given_back``: it never entered (its claimed place
        is given back): a session its claim started, never told, is dropped."""

    def lock_changed(self, room: Room, caught_up: bool = False) -> None:
        """A host of this node locked or unlocked ``room`` (``caught_up``: this node took the
        database's lock after Redis was away): record it and tell its nodes."""

    def spotlight_changed(self, room: Room) -> None:
        """A host of this node changed ``room.spotlights`` (its page was told through the
        stand-ins): record them for later joiners and tell the other nodes' copies."""

    def readmission_kept(self, room: Room, rejoin_token: str, seconds: float) -> None:
        """A local participant of ``room`` whose connection dropped may come back through
        any node without knocking, with ``rejoin_token``, once, within ``seconds``."""

    def readmissions_revoked(self, room: Room) -> None:
        """A host of this node removed someone from ``room`` or turned a knocker away: no
        rejoinToken kept for it, on any node, readmits any more."""

    def room_ended(self, room_name: str, refuse_until: float | None) -> None:
        """This node ended the room (its own copy, or none: a meeting deleted through this
        node while nobody of it was here): forget it and tell every node to end it too."""

    def knocker_added(self, room: Room, knocker: Participant) -> None:
        """A participant of this node knocks on ``room``: record it and tell its nodes."""

    def knocker_removed(self, room: Room, knocker: Participant) -> None:
        """A knocker of this node was let in, turned away or left: forget it and tell."""

    def answer_knock(self, room: Room, knocker: Participant, actor: Participant,
                     action: dict[str, Any]) -> None:
        """A host here answered a knocker of another node, which carries ``action`` out."""

    def recording_changed(self, room: Room, host_id: str, active: bool) -> None:
        """A host of this node started or stopped recording locally: record it, tell."""

    async def running_policies(self, room_names: list[str]) -> dict[str, RoomPolicy]:
        """The policy each of these rooms runs under where someone is in it on any node
        (the one it started with); rooms nobody of a live node is in, and every room
        while the bus cannot be reached or does not answer at once, are left out."""

    def stand_in(self, node: str, room_name: str, participant_id: str) -> Connection:
        """The connection of a participant connected to ``node``."""

    async def claim(self, meeting: MeetingRecord, view: dict[str, Any], category: str,
                    limit: int, may_knock: bool, policy: RoomPolicy,
                    rejoin_token: str | None = None) -> Claim:
        """Count a joining participant in, atomically across nodes.

        ``category`` is ``member`` or ``viewer`` (group-room viewers, counted apart) and
        ``limit`` its maximum; ``may_knock``: a participant, who knocks when locked unless
        ``rejoin_token`` is one kept by :meth:`readmission_kept` (taken then);
        ``policy`` the organization's as this node read it, which becomes the room's when
        the room is empty on every node.

        Raises:
            RoomBusUnavailable: the bus cannot be reached.
        """
