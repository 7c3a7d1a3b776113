"""A room's active speaker and last-N, applied to its consumers (issue 12).

The router hands each audio producer :meth:`RoomSpeakers.level` (fed from the RFC 6464
header extension, :meth:`sfu.producer.Producer.on_rtp`) and calls :meth:`RoomSpeakers.tick`
from its periodic poll. When the dominant speaker changes (:mod:`sfu.active_speaker`) it
moves to the front of the speaker order and every subscriber's video consumers are paused
or resumed by :func:`sfu.last_n.forwarded`; :meth:`RoomSpeakers.apply` does the same for a
subscriber whose consumers were just created. Audio consumers are never paused. Each
time the set of cameras last-N holds back from a subscriber changes, ``on_held`` is told,
so its client can show those tiles as paused rather than as cameras turned off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sfu.active_speaker import DominantSpeakerDetector
from sfu.last_n import DEFAULT_LAST_N, MAX_PINNED, SpeakerOrder, forwarded
from sfu.participant import Participant


class RoomSpeakers:
    """Dominant speaker and last-N of one room.

    :param participants: the router's participants by id (read, never changed).
    :param stream_ids: the router's ``participant id -> {mid: msid stream id}``; a video
        stream whose id has a ``.`` is a shared screen (docs/signaling.md), never paused.
    :param on_held: called with a subscriber id and the publisher ids (sorted) whose camera
        last-N now holds back from it, whenever that set changes.
    """

    def __init__(self, participants: Mapping[str, Participant],
                 stream_ids: Mapping[str, Mapping[str, str]],
                 on_held: Callable[[str, tuple[str, ...]], None] | None = None) -> None:
        self._participants = participants
        self._stream_ids = stream_ids
        self._on_held = on_held
        self.held: dict[str, tuple[str, ...]] = {}
        "Subscriber id -> publisher ids whose camera last-N holds back (none: absent)."
        self.detector = DominantSpeakerDetector()
        self.order = SpeakerOrder()
        self.last_n = DEFAULT_LAST_N
        "Camera videos each subscriber receives (0: all), :mod:`sfu.last_n`."
        self.pins: dict[str, tuple[str, ...]] = {}
        "Subscriber id -> publisher ids whose camera it pinned (always received)."

    @property
    def dominant(self) -> str | None:
        """Participant id of the dominant speaker, or None."""
        return self.detector.dominant  # type: ignore[return-value]

    def join(self, participant_id: str) -> None:
        """A participant joined: last in the speaker order, tracked by the detector."""
        self.order.add(participant_id)

    def leave(self, participant_id: str) -> None:
        """A participant left (its successor as dominant speaker: see the detector)."""
        self.order.remove(participant_id)
        self.pins.pop(participant_id, None)
        self.held.pop(participant_id, None)
        # A dominant speaker who leaves hands over to the most recent speaker still here, not
        # to whoever joined first: last-N keeps following who spoke.
        self.detector.remove(participant_id, self.order)

    def level(self, participant_id: str, level: int, now: float) -> None:
        """One audio packet's level (0 silence .. 127 loudest) of ``participant_id``."""
        self.detector.level(participant_id, level, now)

    def pin(self, subscriber: str, pinned: tuple[str, ...]) -> None:
        """``subscriber`` wants the camera of ``pinned`` (at most ``MAX_PINNED`` ids; they
        replace its previous pins) whatever last-N says; applied at once."""
        self.pins[subscriber] = tuple(dict.fromkeys(pinned))[:MAX_PINNED]
        if not self.pins[subscriber]:
            del self.pins[subscriber]
        self.apply(subscriber)

    def set_last_n(self, last_n: int) -> None:
        """Change the room's last-N (0: no limit) and apply it at once."""
        self.last_n = max(0, last_n)
        self.apply()

    def tick(self, now: float) -> str | None:
        """Periodic (every 20-100 ms): the new dominant speaker when it changed (then
        applied to every subscriber), else None."""
        speaker = self.detector.tick(now)
        if speaker is None or speaker not in self._participants:
            return None
        if self.order.promote(speaker) and self.last_n:
            self.apply()
        return speaker  # type: ignore[return-value]

    def apply(self, only: str | None = None) -> None:
        """Pause or resume the video consumers of every subscriber (or of ``only``)."""
        participants = self._participants
        cameras = {pid for pid, p in participants.items()
                   if any(pr.kind == "video" and not self._screen(pid, pr.mid)
                          for pr in p.producers.values())}
        for p in ([participants[only]] if only in participants else
                  [] if only is not None else participants.values()):
            allowed = forwarded(self.order, p.id, cameras, self.last_n,
                                self.pins.get(p.id, ()))
            held = set()
            for slot in p.slots:
                c = slot.consumer
                if c is None or c.producer.kind != "video" or c.producer.closed:
                    continue
                publisher = c.producer.participant_id
                if publisher in allowed or self._screen(publisher, c.producer.mid):
                    c.resume("last_n")
                else:
                    c.pause("last_n")
                    held.add(publisher)
            self._tell_held(p.id, tuple(sorted(held)))

    def _tell_held(self, subscriber: str, held: tuple[str, ...]) -> None:
        if self.held.get(subscriber, ()) == held:
            return
        if held:
            self.held[subscriber] = held
        else:
            del self.held[subscriber]
        if self._on_held is not None:
            self._on_held(subscriber, held)

    def _screen(self, participant_id: str, mid: str) -> bool:
        return "." in self._stream_ids.get(participant_id, {}).get(mid, "")

