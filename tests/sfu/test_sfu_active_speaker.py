"""Dominant speaker detection (sfu/active_speaker.py): audio-level traces replayed through
the detector on a simulated clock, one RFC 6464 level per 20 ms packet."""

import random

import pytest

from sfu.active_speaker import (
    DECISION_INTERVAL,
    DominantSpeakerDetector,
    _score,
    level_from_rfc6464,
)

PACKET = 0.020
QUIET = 90  # RFC 6464 -dBov of a microphone's background noise
TALK = 25  # ... of speech


def trace(script: list[tuple[float, dict[str, int | None]]]) -> list[tuple[float, str, int]]:
    """Packets ``(time, speaker, RFC 6464 byte)`` from ``[(seconds, {speaker: -dBov or None
    for no packets})]`` segments, with +-3 dB of jitter so levels are not flat."""
    rng = random.Random(7)
    out, start = [], 0.0
    for seconds, levels in script:
        for i in range(round(seconds / PACKET)):
            for speaker, dbov in levels.items():
                if dbov is not None:
                    value = max(0, min(127, dbov + rng.randint(-3, 3)))
                    out.append((start + i * PACKET, speaker, 0x80 | value))
        start += seconds
    return out


def replay(packets, speakers=("a", "b", "c")) -> list[tuple[float, str]]:
    """Feed ``packets`` and tick every 20 ms; the (time, speaker) of each change."""
    detector = DominantSpeakerDetector()
    for speaker in speakers:
        detector.add(speaker, 0.0)
    changes, i, now = [], 0, 0.0
    end = packets[-1][0] + PACKET
    while now < end:
        while i < len(packets) and packets[i][0] <= now:
            _, speaker, value = packets[i]
            detector.level(speaker, level_from_rfc6464(value), now)
            i += 1
        changed = detector.tick(now)
        if changed is not None:
            changes.append((round(now, 3), changed))
        now += PACKET
    return changes


def test_rfc6464_byte_to_level() -> None:
    assert level_from_rfc6464(0x80 | 0) == 127  # 0 dBov, voice: the loudest
    assert level_from_rfc6464(127) == 0  # -127 dBov: silence
    assert level_from_rfc6464(0x80 | 30) == 97


def test_scores_grow_with_activity() -> None:
    assert _score(0, 13, 0.78) == pytest.approx(1e-10)  # silence: the floor
    assert _score(8, 13, 0.78) > _score(12, 13, 0.78) > _score(2, 13, 0.78)
    assert _score(5, 5, 24.0) > _score(1, 5, 24.0)


def test_speaker_turns_are_followed_and_a_cough_is_not() -> None:
    packets = trace([
        (1.0, {"a": QUIET, "b": QUIET, "c": QUIET}),
        (3.0, {"a": TALK, "b": QUIET, "c": QUIET}),  # a talks
        (0.2, {"a": TALK, "b": QUIET, "c": TALK}),  # c coughs over a
        (1.8, {"a": TALK, "b": QUIET, "c": QUIET}),
        (3.0, {"a": QUIET, "b": TALK, "c": QUIET}),  # b answers
    ])
    changes = replay(packets)
    # The first decision nominates the first speaker; a takes the floor well within 2 s of
    # starting to talk, c's 200 ms cough changes nothing, b takes over within 2 s too.
    assert changes[0] == (0.0, "a")
    speakers = [s for _, s in changes]
    assert "c" not in speakers
    assert speakers[-1] == "b"
    b_at = next(t for t, s in changes if s == "b")
    assert 6.0 < b_at <= 6.0 + 2.0


def test_a_new_talker_takes_over_from_a_nominated_silent_one() -> None:
    packets = trace([
        (2.0, {"a": QUIET, "b": QUIET, "c": QUIET}),
        (3.0, {"a": QUIET, "b": QUIET, "c": TALK}),
    ])
    changes = replay(packets)
    assert changes[0][1] == "a"  # nominated: nobody talks yet
    c_at = next(t for t, s in changes if s == "c")
    assert 2.0 < c_at <= 2.0 + 2.0
    assert changes[-1][1] == "c"


def test_a_speaker_without_packets_is_silent_and_can_be_removed() -> None:
    packets = trace([
        (1.0, {"a": QUIET, "b": QUIET, "c": QUIET}),
        (3.0, {"a": None, "b": TALK, "c": QUIET}),  # a's packets stop (muted, DTX)
    ])
    changes = replay(packets)
    assert changes[-1][1] == "b"
    detector = DominantSpeakerDetector()
    detector.level("a", 100, 0.0)
    assert detector.tick(0.0) == "a"  # the only speaker dominates
    detector.remove("a")
    assert detector.dominant is None
    assert detector.tick(DECISION_INTERVAL) is None


def test_a_dominant_speaker_who_leaves_hands_over_to_the_most_recent_other_speaker() -> None:
    """a, b and c joined in that order; c spoke, then b. When b leaves, the active speaker is
    c (who spoke last), not a (who joined first and never spoke), and last-N follows."""
    from sfu.participant import Participant
    from sfu.room_speakers import RoomSpeakers

    participants = {pid: Participant(pid) for pid in "abc"}
    room = RoomSpeakers(participants, {})
    for pid in "abc":
        room.join(pid)
    packets = trace([
        (1.0, {"a": QUIET, "b": QUIET, "c": QUIET}),
        (3.0, {"a": QUIET, "b": QUIET, "c": TALK}),
        (3.0, {"a": QUIET, "b": TALK, "c": QUIET}),
    ])
    changes, i, now = [], 0, 0.0
    while now < packets[-1][0] + PACKET:
        while i < len(packets) and packets[i][0] <= now:
            _, speaker, value = packets[i]
            room.level(speaker, level_from_rfc6464(value), now)
            i += 1
        if (changed := room.tick(now)) is not None:
            changes.append(changed)
        now += PACKET
    assert changes[-2:] == ["c", "b"]
    del participants["b"]
    room.leave("b")
    after = [room.tick(now + k * DECISION_INTERVAL) for k in range(1, 4)]
    assert [s for s in after if s is not None] == ["c"]
    assert list(room.order) == ["c", "a"]


def test_a_successor_that_is_not_tracked_is_passed_over() -> None:
    detector = DominantSpeakerDetector()
    detector.level("a", 100, 0.0)
    detector.level("b", 100, 0.0)
    detector.level("c", 100, 0.0)
    assert detector.tick(0.0) == "a"
    detector.remove("a", successors=["gone", "c", "b"])
    assert detector.tick(DECISION_INTERVAL) == "c"
