"""One recorded RTP stream: reordering, frame assembly and timing, without decoding.

Pure: the recorder hands in each forwarded packet's fields and its arrival on the
recording's timeline (milliseconds since the recording started) and gets frames back.
"""

from __future__ import annotations

from typing import NamedTuple

from recording import h264, vp8
from recording.errors import ParseError
from recording.frames import Frame, H264Frames, RtpClock, Vp8Frames
from recording.reorder import ReorderBuffer

VIDEO_CODECS = ("vp8", "h264")


class _Packet(NamedTuple):
    ts: int
    marker: bool
    payload: bytes


class TrackRecorder:
    """Frames of one stream: ``kind`` "audio" (Opus) or "video" (``codec`` "vp8" or
    "h264").

    The first packet anchors the RTP clock at its arrival unless :meth:`align` was called
    first (a Sender Report's mapping, RFC 3550 section 6.4.1, so audio and video of one
    participant line up). ``needs_keyframe`` (video) tells the recorder to request one.
    """

    def __init__(self, kind: str, clock_rate: int, reorder_capacity: int = 64,
                 reorder_wait_ms: float = 200.0, codec: str = "vp8") -> None:
        if kind not in ("audio", "video"):
            raise ValueError("kind must be audio or video")
        if kind == "video" and codec not in VIDEO_CODECS:
            raise ValueError(f"video codec must be one of {VIDEO_CODECS}")
        self.kind = kind
        self.codec = codec if kind == "video" else "opus"
        self.clock = RtpClock(clock_rate)
        self.reorder: ReorderBuffer[_Packet] = ReorderBuffer(reorder_capacity, reorder_wait_ms)
        self.vp8 = Vp8Frames() if self.codec == "vp8" else None
        self.h264 = H264Frames() if self.codec == "h264" else None
        self.video = self.vp8 or self.h264
        "The frame assembler of a video track (None for audio)."
        self.frames_out = 0
        self._vp8_size: tuple[int, int] | None = None
        "A VP8 track's first keyframe's size."
        self._gap = False
        "A loss before padding-only packets, for the next packet with a payload."

    @property
    def needs_keyframe(self) -> bool:
        return self.video is not None and self.video.needs_keyframe

    def frame_left_out(self) -> None:
        """The file did not take the last frame (its time was before the recording's start
        or not after the previous frame's): a video track waits for its next keyframe, as
        after a loss, since the frames after a missing one do not decode."""
        if self.video is not None:
            self.video.needs_keyframe = True

    def codec_private(self) -> bytes | None:
        """What the track's codec needs in the header that only its frames tell: an H.264
        track's AVCDecoderConfigurationRecord once it saw an SPS and a PPS, else None."""
        return self.h264.decoder_configuration() if self.h264 is not None else None

    def restarted(self) -> TrackRecorder:
        """A recorder for this track's next stream (its participant came back): reordering,
        timing and frame assembly afresh, but what the header takes from the track's first
        stream kept (the first keyframe's size, H.264's first parameter sets), for a next
        stream that sends none before the recording ends."""
        new = TrackRecorder(self.kind, self.clock.clock_rate, codec=self.codec)
        new._vp8_size = self._vp8_size
        if self.h264 is not None and new.h264 is not None:
            new.h264.sps, new.h264.pps = self.h264.sps, self.h264.pps
        return new

    def size(self) -> tuple[int, int] | None:
        """A video track's picture size in pixels, ``(width, height)``, from its first
        keyframe (VP8) or first SPS (H.264); None before one came or for audio."""
        if self.h264 is not None and self.h264.sps is not None:
            try:
                sps = h264.parse_sps(self.h264.sps)
            except ParseError:
                return None
            return sps.width, sps.height
        return self._vp8_size

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
            gap = gap or self._gap
            self._gap = gap and not packet.payload
            if not packet.payload:
                continue  # padding only (RFC 3550 5.1): a sequence number, nothing to record
            if self.video is None:
                data, key = packet.payload, True
            else:
                done = self.video.push(packet.payload, packet.ts, packet.marker, gap)
                if done is None:
                    continue
                data, key = done
                if key and self.vp8 is not None and self._vp8_size is None:
                    try:
                        self._vp8_size = vp8.keyframe_size(data)
                    except ParseError:
                        pass  # a keyframe without a readable header: the next one tells
            out.append(Frame(self.clock.to_ms(packet.ts), data, key))
        self.frames_out += len(out)
        return out
