"""Emoji reactions: a name from a closed set, relayed to everyone in the room, kept nowhere.

A reaction is shown for a few seconds over its sender's tile on every page, the sender's
too (docs/signaling.md, "Reactions"). It travels as chat does: through signaling (so it is
not end-to-end encrypted, docs/e2ee.md), to every participant of every signaling node
(``Room.broadcast`` reaches another node's people through their stand-in connections),
never stored or logged. Viewers have no tile to show one over, so they send none.
"""

from __future__ import annotations

from prometheus_client import Counter

from operability.ratelimit import TokenBucket
from signaling.messages import ProtocolError, Reaction
from signaling.room_model import Participant, Room

REACTIONS_PER_SECOND = 1.0
"""Reactions one participant may send per second, with a burst of :data:`REACTION_BURST`.
Each one draws over a tile on every page of the room and may be read out: above a few
a second it is noise, and in a room of 200 each one is 200 messages."""
REACTION_BURST = 5.0
"""A quick run of claps goes through; a held key does not."""

REACTIONS = Counter("fjord_signaling_reactions_total",
                    "Reactions received from participants, by outcome (relayed, rate_limited, "
                    "forbidden)", ["outcome"])


class ReactionSender:
    """One participant's reactions: who may send, the rate limit, the relay."""

    def __init__(self, rate: float = REACTIONS_PER_SECOND,
                 burst: float = REACTION_BURST) -> None:
        self.bucket = TokenBucket(rate, burst)

    def send(self, room: Room, sender: Participant, msg: Reaction) -> None:
        """Relay ``msg`` to everyone in ``room``, the sender too (its page shows it on its
        own tile as the others do, once the server took it).

        Sent shape: ``{type: "reaction", from, reaction, skinTone?}`` (``skinTone`` only
        when the sender gave one).

        Raises:
            ProtocolError: ``forbidden`` (a viewer) or ``rate_limited`` (over
            :data:`REACTIONS_PER_SECOND`); nothing is sent then, and the connection stays.
        """
        if sender.role == "viewer":
            REACTIONS.labels("forbidden").inc()
            raise ProtocolError("forbidden", "viewers cannot send reactions")
        if not self.bucket.allow():
            REACTIONS.labels("rate_limited").inc()
            raise ProtocolError("rate_limited", "too many reactions; send at most 1 a second "
                                f"(bursts of {int(REACTION_BURST)})")
        REACTIONS.labels("relayed").inc()
        out = {"type": "reaction", "from": sender.id, "reaction": msg.reaction}
        if msg.skinTone is not None:
            out["skinTone"] = msg.skinTone
        room.broadcast(out)
