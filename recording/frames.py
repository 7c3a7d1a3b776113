"""Frames from in-order RTP payloads, without decoding.

VP8 (RFC 7741): a frame is the packets of one RTP timestamp, from the packet that starts it
(S=1, partition 0) to the marker bit. After any loss the track waits for a keyframe (a VP8
delta frame needs every frame since the last keyframe), and says so through
``needs_keyframe`` so the recorder can request one (PLI); the first frame of a track is a
keyframe too. Opus (RFC 7587): one packet is one frame; a loss only leaves a gap in time.
Timestamps are unwrapped (32-bit, RFC 3550) and become milliseconds on the recording's
timeline, so gaps advance time.
"""

from __future__ import annotations

from dataclasses import dataclass

from recording import vp8
from recording.errors import ParseError


@dataclass(frozen=True, slots=True)
class Frame:
    """One coded frame: presentation time (ms on the recording's timeline) and bytes."""

    pts_ms: int
    data: bytes
    keyframe: bool


class RtpClock:
    """Unwraps 32-bit RTP timestamps and maps them to recording milliseconds.

    ``anchor(rtp_ts, at_ms)`` fixes where timestamp ``rtp_ts`` lies on the recording's
    timeline (from a Sender Report mapping, or the first packet's arrival).
    """

    def __init__(self, clock_rate: int) -> None:
        self.clock_rate = clock_rate
        self._last: int | None = None
        self._unwrapped = 0
        self._base: int | None = None
        self._base_ms = 0.0

    @property
    def anchored(self) -> bool:
        return self._base is not None

    def unwrap(self, rtp_ts: int) -> int:
        if self._last is None:
            self._unwrapped = rtp_ts
        else:
            delta = (rtp_ts - self._last) & 0xFFFFFFFF
            self._unwrapped += delta - (1 << 32) if delta >= 1 << 31 else delta
        self._last = rtp_ts
        return self._unwrapped

    def anchor(self, rtp_ts: int, at_ms: float) -> None:
        self._base = self.unwrap(rtp_ts)
        self._base_ms = at_ms

    def to_ms(self, rtp_ts: int) -> int:
        ts = self.unwrap(rtp_ts)
        assert self._base is not None
        return round(self._base_ms + (ts - self._base) * 1000 / self.clock_rate)


class Vp8Frames:
    """Assembles VP8 frames from in-order payloads of one stream."""

    def __init__(self) -> None:
        self.needs_keyframe = True
        "Set until a keyframe has been assembled after the start or a loss."
        self.dropped_frames = 0
        self.bad_payloads = 0
        self._ts: int | None = None
        self._parts: list[bytes] = []
        self._key = False
        self._complete_start = False

    def push(self, payload: bytes, ts: int, marker: bool, gap: bool) -> tuple[bytes, bool] | None:
        """Add one payload; returns ``(frame bytes, keyframe)`` when a frame completes."""
        if gap:
            self._abandon()
            self.needs_keyframe = True
        try:
            part = vp8.depacketize(payload)
        except ParseError:
            self.bad_payloads += 1
            self._abandon()
            self.needs_keyframe = True
            return None
        if part.frame_start:
            if self._parts:
                self._abandon()  # the previous frame lost its last packet
            self._ts, self._key, self._complete_start = ts, part.keyframe, True
            self._parts = [part.data]
        elif self._complete_start and ts == self._ts:
            self._parts.append(part.data)
        else:
            return None  # the middle of a frame whose start was lost
        if not marker:
            return None
        frame, key = b"".join(self._parts), self._key
        self._parts, self._complete_start = [], False
        if key:
            self.needs_keyframe = False
        elif self.needs_keyframe:
            self.dropped_frames += 1
            return None
        return frame, key

    def _abandon(self) -> None:
        if self._parts:
            self.dropped_frames += 1
        self._parts, self._complete_start = [], False
