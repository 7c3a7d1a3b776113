"""One recorded RTP stream: reordering, frame assembly and timing, without decoding.

Pure: the recorder hands in each forwarded packet's fields and its arrival on the
recording's timeline (milliseconds since the recording started) and gets frames back.
"""

from __future__ import annotations

from typing import NamedTuple

from recording.frames import Frame, RtpClock, Vp8Frames
from recording.reorder import ReorderBuffer


class _Packet(NamedTuple):
    ts: int
    marker: bool
    payload: bytes


class TrackRecorder:
    """Frames of one stream: ``kind`` "audio" (Opus) or "video" (VP8).

    The first packet anchors the RTP clock at its arrival unless :meth:`align` was called
    first (a Sender Report's mapping, RFC 3550 section 6.4.1, so audio and video of one
    participant line up). ``needs_keyframe`` (video) tells the recorder to request one.
    """

    def __init__(self, kind: str, clock_rate: int, reorder_capacity: int = 64,
                 reorder_wait_ms: float = 200.0) -> None:
        if kind not in ("audio", "video"):
            raise ValueError("kind must be audio or video")
        self.kind = kind
        self.clock = RtpClock(clock_rate)
        self.reorder: ReorderBuffer[_Packet] = ReorderBuffer(reorder_capacity, reorder_wait_ms)
        self.vp8 = Vp8Frames() if kind == "video" else None
        self.frames_out = 0

    @property
    def needs_keyframe(self) -> bool:
        return self.vp8 is not None and self.vp8.needs_keyframe

    def align(self, rtp_ts: int, at_ms: float) -> None:
        """Place RTP time ``rtp_ts`` at ``at_ms`` on the recording's timeline."""
        self.clock.anchor(rtp_ts, at_ms)

    def push(self, seq: int, ts: int, marker: bool, payload: bytes,
             arrival_ms: float) -> list[Frame]:
        """Add one packet (RTP sequence number, timestamp, marker bit, payload)."""
        if not self.clock.anchored:
            self.clock.anchor(ts, arrival_ms)
        return self._frames(self.reorder.push(seq, _Packet(ts, marker, payload), arrival_ms))

    def flush(self) -> list[Frame]:
        """Frames still held in the reordering buffer (end of the recording)."""
        return self._frames(self.reorder.flush())

    def _frames(self, released: list) -> list[Frame]:
        out: list[Frame] = []
        for _seq, packet, gap in released:
            if self.vp8 is None:
                data, key = packet.payload, True
            else:
                done = self.vp8.push(packet.payload, packet.ts, packet.marker, gap)
                if done is None:
                    continue
                data, key = done
            out.append(Frame(self.clock.to_ms(packet.ts), data, key))
        self.frames_out += len(out)
        return out
