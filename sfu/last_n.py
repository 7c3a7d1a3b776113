"""Last-N: which publishers' camera video a subscriber receives (issue 12).

A room keeps its participants in speaker order (:class:`SpeakerOrder`): the dominant
speaker first (:mod:`sfu.active_speaker`), then the previous ones, most recent first, then
those who never dominated, in the order they joined. Each subscriber receives the camera
video of the first ``last_n`` publishers of that order other than itself that send video
(:func:`forwarded`), and of those it pinned; shared screens always, audio always. The
other video consumers are paused (:meth:`sfu.consumer.Consumer.pause`), and clients show
those participants as avatars. ``last_n`` 0 means no limit.

Pure: participant ids in, participant ids out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

DEFAULT_LAST_N = 0
"No limit unless the room sets one (signaling's meeting setting, docs/api.md)."
MAX_LAST_N = 200
"Largest meaningful setting: the room size limit."
MAX_PINNED = 8
"Participants one subscriber may pin at once."


class SpeakerOrder:
    """Participant ids, most recent dominant speaker first."""

    def __init__(self) -> None:
        self._order: list[str] = []

    def __iter__(self):
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def add(self, participant_id: str) -> None:
        """A participant joined: last, behind everyone who spoke (no-op when known)."""
        if participant_id not in self._order:
            self._order.append(participant_id)

    def remove(self, participant_id: str) -> None:
        """A participant left."""
        if participant_id in self._order:
            self._order.remove(participant_id)

    def promote(self, participant_id: str) -> bool:
        """``participant_id`` became the dominant speaker: first. True when the order
        changed."""
        if self._order and self._order[0] == participant_id:
            return False
        self.remove(participant_id)
        self._order.insert(0, participant_id)
        return True


def forwarded(order: Iterable[str], subscriber: str, with_video: Collection[str],
              last_n: int, pinned: Collection[str] = ()) -> set[str]:
    """Publishers whose camera video ``subscriber`` receives: the first ``last_n`` of
    ``order`` that are not the subscriber and are in ``with_video`` (they publish a camera),
    plus those the subscriber ``pinned``; all of ``with_video`` but the subscriber when
    ``last_n`` is 0."""
    chosen = {p for p in pinned if p in with_video and p != subscriber}
    if not last_n:
        chosen.update(p for p in with_video if p != subscriber)
        return chosen
    speakers = 0
    for participant_id in order:
        if speakers >= last_n:
            break
        if participant_id != subscriber and participant_id in with_video:
            speakers += 1
            chosen.add(participant_id)
    return chosen
