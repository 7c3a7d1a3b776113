"""Frames from in-order RTP payloads, without decoding.

VP8 (RFC 7741): a frame is the packets of one RTP timestamp, from the packet that starts it
(S=1, partition 0) to the marker bit. After any loss the track waits for a keyframe (a VP8
delta frame needs every frame since the last keyframe), and says so through
``needs_keyframe`` so the recorder can request one (PLI); the first frame of a track is a
keyframe too. H.264 (RFC 6184): an access unit is the packets of one RTP timestamp up to the
marker bit, written as 4-byte length-prefixed NAL units (ISO/IEC 14496-15, Matroska's
V_MPEG4/ISO/AVC); its keyframe is an IDR picture, and the first SPS and PPS seen make the
track's decoder configuration (they stay in the frames too, so a later resolution change
decodes). Opus (RFC 7587): one packet is one frame; a loss only leaves a gap in time.
Timestamps are unwrapped (32-bit, RFC 3550) and become milliseconds on the recording's
timeline, so gaps advance time.
"""

from __future__ import annotations

from dataclasses import dataclass

from recording import h264, vp8
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


MAX_ACCESS_UNIT_BYTES = 4 << 20
"""An H.264 access unit held past this size (a publisher that never sets the marker bit) is
dropped, so memory stays bounded."""


class H264Frames:
    """Assembles H.264 access units from in-order payloads of one stream (same interface
    as :class:`Vp8Frames`)."""

    def __init__(self) -> None:
        self.needs_keyframe = True
        "Set until an IDR access unit has been assembled after the start or a loss."
        self.dropped_frames = 0
        self.bad_payloads = 0
        self.sps: bytes | None = None
        "The first sequence parameter set seen (in a kept access unit)."
        self.pps: bytes | None = None
        self._ts: int | None = None
        self._nals: list[bytes] = []
        self._fragment: bytearray | None = None
        self._broken = False
        "A packet of the current access unit was unusable: drop it at its end."
        self._size = 0

    def decoder_configuration(self) -> bytes | None:
        """The track's AVCDecoderConfigurationRecord, or None before an SPS and a PPS."""
        if self.sps is None or self.pps is None:
            return None
        try:
            return h264.decoder_configuration(self.sps, self.pps)
        except ParseError:
            return None

    def push(self, payload: bytes, ts: int, marker: bool, gap: bool) -> tuple[bytes, bool] | None:
        """Add one payload; returns ``(access unit bytes, keyframe)`` when one completes."""
        if gap:
            self._abandon()
            self.needs_keyframe = True
        if ts != self._ts and (self._nals or self._fragment is not None or self._broken):
            self._abandon()  # the previous access unit lost its marker packet
            self.needs_keyframe = True
        self._ts = ts
        try:
            part = h264.depacketize(payload)
        except ParseError:
            self.bad_payloads += 1
            self._broken = True
            part = None
        if part is not None:
            self._add(part)
        self._size += len(payload)
        if self._size > MAX_ACCESS_UNIT_BYTES:
            self._nals, self._fragment, self._broken = [], None, True
        if not marker:
            return None
        nals, broken = self._nals, self._broken or self._fragment is not None
        self._nals, self._fragment, self._broken, self._ts = [], None, False, None
        self._size = 0
        if broken or not nals:
            if nals or broken:
                self.dropped_frames += 1
            self.needs_keyframe = True
            return None
        key = any(h264.nal_type(n) == h264.NAL_IDR for n in nals)
        if key:
            self.needs_keyframe = False
        elif self.needs_keyframe:
            self.dropped_frames += 1
            return None
        for nal in nals:
            kind = h264.nal_type(nal)
            if kind == h264.NAL_SPS and self.sps is None:
                self.sps = nal
            elif kind == h264.NAL_PPS and self.pps is None:
                self.pps = nal
        return b"".join(len(n).to_bytes(4, "big") + n for n in nals), key

    def _add(self, part: h264.H264Payload) -> None:
        if part.nals:
            if self._fragment is not None:
                self._broken = True  # a fragmented NAL unit lost its end
                self._fragment = None
            self._nals.extend(part.nals)
        elif part.fu_start:
            if self._fragment is not None:
                self._broken = True
            self._fragment = bytearray(part.fragment)
        elif self._fragment is None:
            self._broken = True  # the middle of a NAL unit whose start was lost
        else:
            self._fragment += part.fragment
        if part.fu_end and self._fragment is not None:
            self._nals.append(bytes(self._fragment))
            self._fragment = None

    def _abandon(self) -> None:
        if self._nals or self._fragment is not None or self._broken:
            self.dropped_frames += 1
        self._nals, self._fragment, self._broken, self._size = [], None, False, 0
