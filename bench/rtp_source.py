"""Synthetic publisher media for the hot-path benchmark: real RTP packets (RFC 3550).

Pure: no sockets, no crypto. :class:`RtpSource` produces plaintext RTP packets of one
publisher as a browser sends them: Opus audio (``audio_size`` bytes, 20 ms packets) and
VP8 video (``video_size`` bytes) with a one-byte header extension block (RFC 8285: mid,
plus audio level or abs-send-time), a VP8 payload descriptor (RFC 7741 section 4.2), the
first video packet a key frame and the rest delta frames, sequence numbers and timestamps
advancing per stream. Payload bytes are zeros.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_HEADER = struct.Struct("!BBHII")


@dataclass(frozen=True)
class StreamInfo:
    """One publisher stream as negotiated: SSRC, payload type, extension ids (0 = absent)."""

    ssrc: int
    payload_type: int
    mid: str
    mid_id: int = 0
    audio_level_id: int = 0
    abs_send_time_id: int = 0
    rid_id: int = 0
    "Id of the rid header extension (RFC 8852) of a simulcast layer, 0 when not one."
    rid: str = ""
    "The layer's rid (simulcast), sent in every packet when ``rid_id``."


VP8_TEMPORAL_PATTERN = (0, 2, 1, 2)
"TIDs of successive frames after a key frame: libwebrtc's three-layer VP8 pattern."


def vp8_head(first: bool, key: bool, picture_id: int, tl0picidx: int, tid: int | None,
             sync: bool, size: tuple[int, int]) -> bytes:
    """The start of a VP8 RTP payload as libwebrtc writes it for a simulcast layer: the
    payload descriptor (RFC 7741 section 4.2) with a 15-bit PictureID, TL0PICIDX, TID and
    the layer sync bit ``sync`` (``tid`` None: neither TL0PICIDX nor TID, as an encoder
    without temporal layers writes it), then on the first
    packet of a frame the frame tag, and for a key frame its start code and ``size``
    (width, height; RFC 6386 section 9.1)."""
    descriptor = bytes([0x90 if first else 0x80, 0x80 if tid is None else 0xE0,
                        0x80 | ((picture_id >> 8) & 0x7F), picture_id & 0xFF])
    if tid is not None:
        descriptor += bytes([tl0picidx & 0xFF, (tid << 6) | (0x20 if sync else 0)])
    if not first:
        return descriptor
    if not key:
        return descriptor + b"\x11\x00\x00"  # inter frame, shown
    width, height = size
    return descriptor + b"\x10\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height)


def _extension_block(elements: list[tuple[int, bytes]]) -> bytes:
    body = b"".join(bytes([(ext_id << 4) | (len(value) - 1)]) + value for ext_id, value in elements)
    body += b"\x00" * (-len(body) % 4)
    return struct.pack("!HH", 0xBEDE, len(body) // 4) + body


def rtp_packet(
    stream: StreamInfo, seq: int, timestamp: int, marker: bool, payload: bytes,
    elements: list[tuple[int, bytes]],
) -> bytes:
    """One RTP packet (version 2, no CSRC), with the extension block when ``elements``."""
    first = 0x90 if elements else 0x80
    second = (0x80 if marker else 0) | stream.payload_type
    header = _HEADER.pack(first, second, seq & 0xFFFF, timestamp & 0xFFFFFFFF, stream.ssrc)
    return header + (_extension_block(elements) if elements else b"") + payload


class RtpSource:
    """Interleaved audio and video packets of one publisher.

    :param audio: the audio stream, or None for video only.
    :param video: the video stream, or None for audio only.
    :param audio_size: total RTP packet size of audio packets, bytes (~100).
    :param video_size: total RTP packet size of video packets, bytes (1200).
    :param video_per_audio: video packets sent per audio packet (e.g. 4: 50 audio
        packets/s with 200 video packets/s, about 1.9 Mbit/s of video).
    """

    def __init__(
        self,
        audio: StreamInfo | None,
        video: StreamInfo | None,
        audio_size: int = 100,
        video_size: int = 1200,
        video_per_audio: int = 4,
    ) -> None:
        if audio is None and video is None:
            raise ValueError("need an audio or a video stream")
        self.audio = audio
        self.video = video
        self.audio_size = audio_size
        self.video_size = video_size
        self.video_per_audio = video_per_audio
        self._audio_seq = 1000
        self._audio_ts = 0
        self._video_seq = 5000
        self._video_ts = 0
        self._video_in_frame = 0
        self._count = 0
        self.keyframe_sent = False

    def _pad(self, head: bytes, size: int) -> bytes:
        if len(head) > size:
            raise ValueError(f"packet size {size} is below the header size {len(head)}")
        return head + bytes(size - len(head))

    def next_audio(self) -> bytes:
        stream = self.audio
        assert stream is not None
        elements = []
        if stream.mid_id:
            elements.append((stream.mid_id, stream.mid.encode()))
        if stream.audio_level_id:
            elements.append((stream.audio_level_id, b"\x9e"))  # voice, -30 dBov
        head = rtp_packet(stream, self._audio_seq, self._audio_ts, False, b"\xfc", elements)
        self._audio_seq += 1
        self._audio_ts += 960  # 20 ms at 48 kHz
        return self._pad(head, self.audio_size)

    def next_video(self) -> bytes:
        stream = self.video
        assert stream is not None
        elements = []
        if stream.mid_id:
            elements.append((stream.mid_id, stream.mid.encode()))
        if stream.abs_send_time_id:
            elements.append((stream.abs_send_time_id, b"\x00\x00\x00"))
        start = self._video_in_frame == 0
        last = self._video_in_frame == 3  # four packets per frame
        descriptor = 0x10 if start else 0x00  # S bit on the first packet, partition 0
        key = start and not self.keyframe_sent
        vp8_header = 0x00 if key else 0x01  # P bit: 0 = key frame (RFC 7741 section 4.3)
        payload = bytes([descriptor, vp8_header])
        head = rtp_packet(stream, self._video_seq, self._video_ts, last, payload, elements)
        if key:
            self.keyframe_sent = True
        self._video_seq += 1
        self._video_in_frame = (self._video_in_frame + 1) % 4
        if self._video_in_frame == 0:
            self._video_ts += 3000  # 30 frames/s at 90 kHz
        return self._pad(head, self.video_size)

    def next(self) -> bytes:
        """The next packet in send order (audio, then ``video_per_audio`` video, ...)."""
        slot = self._count % (self.video_per_audio + 1)
        self._count += 1
        if self.audio is None:
            return self.next_video()
        if self.video is None or slot == 0:
            return self.next_audio()
        return self.next_video()
