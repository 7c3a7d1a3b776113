"""What a join into a live room comes to, besides a place or a knock: the room bus's claim
of a place across signaling nodes (:class:`Claim`), and the refusals
:meth:`signaling.rooms.RoomRegistry.join` and ``join_shared`` raise. Apart from
:mod:`signaling.rooms` (which re-exports the refusals), since they depend on nothing of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from signaling.room_policy import RoomPolicy


@dataclass(frozen=True)
class Claim:
    """What :meth:`RoomBus.claim` found: ``status`` is ``ok`` (counted in), ``knock``
    (locked: not counted, knocks), ``full`` or ``ended``; ``members`` the room's
    participants on live nodes as ``(view, node)``, ``knockers`` and ``recorders`` (hosts
    recording locally: ids) its knockers and recording hosts there; ``policy`` the one the
    room started with (every node's copy of the room applies it: a setting changed while
    the room runs applies from its next session, as on one node), None when full or ended."""

    status: str
    locked: bool = False
    members: tuple[tuple[dict[str, Any], str], ...] = ()
    knockers: tuple[tuple[dict[str, Any], str], ...] = ()
    recorders: tuple[str, ...] = ()
    policy: RoomPolicy | None = None
    replaced: tuple[str, str] | None = None
    """``(participant id, node)`` of the connection still in the room whose rejoinToken let
    this one in (a half-open socket; among ``members``): its place is this one's, the
    claiming node closes it and takes it out."""
    session: str | None = None
    """The id of the room's session, one cluster-wide (None: no session runs)."""
    session_started: bool = False
    """This claim started ``session``: its join made the room hold two people."""
    session_over: str | None = None
    """The id of a session this claim found over (everyone of it gone unseen: their node
    died with nobody left to reap them); the claiming node tells its end."""
    spotlights: tuple[str, ...] = ()
    """The participant ids a host spotlighted, as last recorded (ids of people who left
    since may be among them: they count no more, signaling.spotlight)."""


class RoomBusUnavailable(Exception):
    """The room bus (Redis) of a multi-node deployment cannot be reached."""


class RoomFull(Exception):
    """The room holds its maximum number of participants (or viewers, or knockers)."""


class KnockLimit(RoomFull):
    """The client's address has :attr:`RoomRegistry.max_knocks_per_address` knockers
    waiting on the room already."""


class RoomEnded(Exception):
    """A host ended this meeting; it refuses joins."""
