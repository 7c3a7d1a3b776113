"""Dominant speaker identification from RFC 6464 audio levels (Volfin and Cohen).

I. Volfin and I. Cohen, "Dominant speaker identification for multipoint
videoconferencing", Computer Speech and Language 27 (2013). The detector scores each
speaker's speech activity over three time scales and lets a speaker take over from the
dominant one only when it is clearly more active in all three; that keeps the dominant
speaker through short interjections and coughs, which the loudest-level rule does not.
The parameters are the published ones, as Jitsi's ``DominantSpeakerIdentification`` and
mediasoup's ``ActiveSpeakerObserver`` use them; like them, it works on the audio levels
publishers put in their packets (RFC 6464) instead of on frequency sub-bands:

- a level is ``127 - L`` where ``L`` is the RFC 6464 value (0..127, -dBov: 0 is the
  loudest), so 0 is silence and 127 the loudest; levels below the speaker's own noise floor
  (the lowest non-zero level seen, raised slowly) plus one sub-band count as silence;
- immediate: the newest level in ``N1`` = 13 bands of ``SUBBAND`` = 10 levels;
- medium: how many of each ``N2`` = 5 immediates (100 ms at 20 ms per packet) are above
  ``MEDIUM_THRESHOLD`` = 7 bands;
- long: how many of the ``N3`` = 10 medium blocks (1 s) have more than
  ``LONG_THRESHOLD`` = 4 active immediates;
- each time scale's score is the log-likelihood of that count under a binomial speech
  model (p = 0.5) against an exponential non-speech one (lambda = 0.78 / 24 / 47);
- every ``DECISION_INTERVAL`` = 0.3 s a speaker replaces the dominant one when the log
  ratios of its scores to the dominant's exceed ``C1`` = 3, ``C2`` = 2 and ``C3`` = 0; among
  several, the largest medium ratio wins;
- a speaker without a level for ``LEVEL_IDLE_TIMEOUT`` = 40 ms gets a silent one.

Pure and clocked from outside: no I/O; the caller feeds levels with :meth:`level` and calls
:meth:`DominantSpeakerDetector.tick` periodically (every 20-100 ms).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

C1 = 3.0
"Immediate-time log ratio a challenger must exceed."
C2 = 2.0
"Medium-time log ratio a challenger must exceed."
C3 = 0.0
"Long-time log ratio a challenger must exceed."
N1 = 13
"Sub-bands of the level range (immediate scale)."
N2 = 5
"Immediates per medium block."
N3 = 10
"Medium blocks per long interval."
MAX_LEVEL = 127
SUBBAND = (MAX_LEVEL + N1 - 1) // N1
"Levels per sub-band: 10."
MEDIUM_THRESHOLD = 7
"An immediate above this many sub-bands is active in its medium block."
LONG_THRESHOLD = 4
"A medium block with more than this many active immediates is active in the long interval."
HISTORY = N2 * N3
"Levels kept per speaker: 50 (1 s of 20 ms packets)."
MIN_SCORE = 1e-10
"Floor of a speech activity score (scores are divided and their logarithm taken)."
LEVEL_IDLE_TIMEOUT = 0.040
"Seconds without a level after which a silent one is assumed."
DECISION_INTERVAL = 0.300
"Seconds between two decisions."
NOISE_FLOOR_WINDOW = 15 * 1000 // 20
"Levels (15 s of 20 ms packets) over which a higher noise floor is learned."


def level_from_rfc6464(value: int) -> int:
    """Detector level (0 silence .. 127 loudest) of the RFC 6464 section 3 audio level byte
    (V flag in bit 7, then -dBov 0..127)."""
    return MAX_LEVEL - (value & 0x7F)


def _score(count: int, bands: int, lam: float) -> float:
    """Speech activity score of ``count`` active units out of ``bands`` (Volfin and Cohen,
    eq. 10: binomial speech likelihood, p = 0.5, over exponential non-speech)."""
    score = (math.log(math.comb(bands, count)) + bands * math.log(0.5)
             - math.log(lam) + lam * count)
    return max(score, MIN_SCORE)


class _Speaker:
    """One speaker's level history and scores."""

    __slots__ = ("levels", "immediates", "mediums", "long", "scores", "floor", "next_floor",
                 "next_floor_count", "last_level")

    def __init__(self, now: float) -> None:
        self.levels = [0] * HISTORY
        "Newest first."
        self.immediates = [0] * HISTORY
        self.mediums = [0] * N3
        self.long = 0
        self.scores = [MIN_SCORE, MIN_SCORE, MIN_SCORE]
        "Immediate, medium and long speech activity scores."
        self.floor = 0
        "Lowest non-silent level seen (0: none yet)."
        self.next_floor = 0
        self.next_floor_count = 0
        self.last_level = now

    def push(self, level: int, now: float) -> None:
        level = max(0, min(MAX_LEVEL, level))
        self.levels.pop()
        self.levels.insert(0, level)
        self.last_level = now
        if level == 0:
            return
        if self.floor == 0 or level < self.floor:
            self.floor, self.next_floor, self.next_floor_count = level, 0, 0
            return
        # The floor may have risen (a noisier room): learn the lowest level of a window
        # and move the floor towards it slowly (geometric mean).
        if self.next_floor == 0 or level < self.next_floor:
            self.next_floor = level
        self.next_floor_count += 1
        if self.next_floor_count >= NOISE_FLOOR_WINDOW:
            self.floor = min(MAX_LEVEL, int(math.sqrt(self.floor * self.next_floor)))
            self.next_floor, self.next_floor_count = 0, 0

    def evaluate(self) -> None:
        """Recompute the three scores from the level history."""
        silent_below = self.floor + SUBBAND
        immediates = [0 if lv < silent_below else lv // SUBBAND for lv in self.levels]
        if immediates == self.immediates:
            return
        self.immediates = immediates
        self.scores[0] = _score(immediates[0], N1, 0.78)
        mediums = [sum(1 for x in immediates[i:i + N2] if x > MEDIUM_THRESHOLD)
                   for i in range(0, HISTORY, N2)]
        if mediums == self.mediums:
            return
        self.mediums = mediums
        self.scores[1] = _score(mediums[0], N2, 24.0)
        long = sum(1 for m in mediums if m > LONG_THRESHOLD)
        if long != self.long:
            self.long = long
            self.scores[2] = _score(long, N3, 47.0)


class DominantSpeakerDetector:
    """Which speaker of a room dominates, decided every :data:`DECISION_INTERVAL` seconds.

    Speakers are any hashable ids (the router uses participant ids), added on their first
    level or with :meth:`add`, in order: with no dominant speaker yet, the first one is
    nominated and the others compete against it.
    """

    def __init__(self) -> None:
        self._speakers: dict[Hashable, _Speaker] = {}
        self.dominant: Hashable | None = None
        "The dominant speaker (None until the first decision with a speaker)."
        self._next_decision = 0.0
        self._next_idle_check = 0.0
        self._nominee: Hashable | None = None
        "Who is nominated when no speaker dominates (see :meth:`remove`); None: the first."

    def add(self, speaker: Hashable, now: float) -> None:
        """Track ``speaker`` (no-op when tracked)."""
        if speaker not in self._speakers:
            self._speakers[speaker] = _Speaker(now)

    def remove(self, speaker: Hashable, successors: Iterable[Hashable] = ()) -> None:
        """Stop tracking ``speaker``; if it dominated, the next decision nominates another
        and the others compete against it: the first tracked one of ``successors`` (the
        caller's other speakers, most recent first), else the first tracked one."""
        self._speakers.pop(speaker, None)
        if self.dominant == speaker:
            self.dominant = None
            self._nominee = next((s for s in successors if s in self._speakers), None)

    def level(self, speaker: Hashable, level: int, now: float) -> None:
        """Record one packet's level (0 silence .. 127 loudest, see
        :func:`level_from_rfc6464`) of ``speaker`` at ``now`` (seconds)."""
        s = self._speakers.get(speaker)
        if s is None:
            s = self._speakers[speaker] = _Speaker(now)
        if now >= s.last_level:  # late levels are dropped
            s.push(level, now)

    def tick(self, now: float) -> Hashable | None:
        """Advance to ``now`` (seconds): fill silent levels for idle speakers, and decide when
        the interval is over. Returns the new dominant speaker when it changed, else None."""
        if now >= self._next_idle_check:
            self._next_idle_check = now + LEVEL_IDLE_TIMEOUT
            for s in self._speakers.values():
                if now - s.last_level > LEVEL_IDLE_TIMEOUT:
                    s.push(0, s.last_level)
        if now < self._next_decision:
            return None
        self._next_decision = now + DECISION_INTERVAL
        return self._decide()

    def _decide(self) -> Hashable | None:
        speakers = self._speakers
        if not speakers:
            return None
        if len(speakers) == 1:
            new = next(iter(speakers))
        else:
            current = speakers.get(self.dominant) if self.dominant is not None else None
            if current is None:  # nominate one; the others compete with it
                new = self._nominee if self._nominee in speakers else next(iter(speakers))
                current = speakers[new]
            else:
                new = self.dominant
            current.evaluate()
            best_c2 = C2
            for speaker_id, s in speakers.items():
                if s is current:
                    continue
                s.evaluate()
                c1, c2, c3 = (math.log(a / b) for a, b in zip(s.scores, current.scores,
                                                              strict=True))
                if c1 > C1 and c2 > best_c2 and c3 > C3:
                    best_c2 = c2
                    new = speaker_id
        if new == self.dominant:
            return None
        self.dominant = new
        self._nominee = None
        return new
