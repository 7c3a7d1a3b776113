"""Readmissions: who may come back into a locked room without knocking (``rejoinToken``).

A participant let into a room gets a ``rejoinToken`` in ``joined`` (docs/signaling.md,
"Locked rooms and knocking"). The rules, on one signaling node as across several:

- a token admits once: it is spent when it lets its holder back in;
- it admits within :data:`READMIT_S` of its connection's drop (kept then, unless spent), or
  while that connection is still in the room with someone else (the server has not noticed
  the drop: :class:`signaling.rooms.RoomRegistry` closes the old connection, 4409);
- a participant who left or was removed keeps none (on one node its place is gone with it;
  across nodes its token is spent when its entry goes);
- a host's remove or knock-reject spends every token the room keeps.

:class:`Readmissions` keeps one room's on one node. Across nodes the bus keeps the same
mapping in Redis (``fjord:room:<room>:readmit``, :mod:`cluster.room_keys`), keyed by the same
:func:`rejoin_digest`, with the same ``spent`` mark.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

READMIT_S = 60.0
"""How long a participant whose connection dropped may come back into a locked room without
knocking again, with its ``joined.rejoinToken`` (:meth:`Readmissions.keep`)."""
SPENT = "spent"
"""The mark of a token that admits no more (the value Redis holds for it too)."""


def rejoin_digest(token: str) -> str:
    """The SHA-256 of a ``rejoinToken`` (hex): what a room keeps of it, here and in Redis."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Readmissions:
    """One room's readmissions on one signaling node: :func:`rejoin_digest` of a token ->
    until when (``time.monotonic()``) it lets its holder back in, or :data:`SPENT`."""

    by_digest: dict[str, float | str] = field(default_factory=dict)

    def keep(self, digest: str) -> None:
        """Let the holder of the token whose SHA-256 is ``digest`` (its connection dropped)
        back in within :data:`READMIT_S`, unless the token is spent (it let its holder back
        in before the connection it replaced closed). Forgets those past their time."""
        if self.by_digest.get(digest) == SPENT:
            return
        now = time.monotonic()
        self.by_digest = {kept: until for kept, until in self.by_digest.items()
                          if not isinstance(until, float) or until > now}
        self.by_digest[digest] = now + READMIT_S

    def take(self, digest: str, replacing: bool) -> bool:
        """Whether the token whose SHA-256 is ``digest`` lets its holder in now, spent then:
        kept and not past its time, or ``replacing`` a connection of it still in the room
        (the half-open case); never once spent."""
        until = self.by_digest.get(digest)
        if until == SPENT:
            return False
        kept = isinstance(until, float) and until > time.monotonic()
        if not kept and not replacing:
            return False
        self.by_digest[digest] = SPENT
        return True

    def spent(self, digest: str) -> bool:
        """Whether the token whose SHA-256 is ``digest`` admits no more."""
        return self.by_digest.get(digest) == SPENT

    def revoke(self) -> None:
        """Spend every token kept (a host removed someone or turned a knocker away)."""
        self.by_digest = dict.fromkeys(self.by_digest, SPENT)
