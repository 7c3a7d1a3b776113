"""VP8 RTP payload (RFC 7741): the payload descriptor and the keyframe header.

```
      0 1 2 3 4 5 6 7
     +-+-+-+-+-+-+-+-+
     |X|R|N|S|R| PID | (REQUIRED)
     +-+-+-+-+-+-+-+-+
X:   |I|L|T|K| RSV   | (OPTIONAL)
     +-+-+-+-+-+-+-+-+
I:   |M| PictureID   | (OPTIONAL; M=1: 15 bits, two bytes)
     +-+-+-+-+-+-+-+-+
L:   |   TL0PICIDX   | (OPTIONAL)
     +-+-+-+-+-+-+-+-+
T/K: |TID|Y| KEYIDX  | (OPTIONAL)
     +-+-+-+-+-+-+-+-+
```
Section 4.2 (descriptor) and 4.3 (the first bytes of a frame: P bit 0 marks a keyframe,
whose header carries the start code 9d 01 2a and 14-bit width and height, RFC 6386 9.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from recording.errors import ParseError

START_CODE = b"\x9d\x01\x2a"


@dataclass(frozen=True, slots=True)
class Vp8Payload:
    """One packet's VP8 data after the descriptor."""

    data: bytes
    frame_start: bool
    """S=1 and partition index 0: the first packet of a frame."""
    keyframe: bool
    """The frame starting here is a keyframe (only when ``frame_start``)."""


def depacketize(payload: bytes) -> Vp8Payload:
    """Split one RTP payload into descriptor flags and VP8 data.

    Raises:
        ParseError: truncated descriptor or no data after it.
    """
    n = len(payload)
    if n < 2:
        raise ParseError("VP8 payload shorter than a descriptor and one byte")
    first = payload[0]
    pos = 1
    if first & 0x80:  # X: extended control bits
        ext = payload[1]
        pos = 2
        if ext & 0x80:  # I: PictureID, M bit selects 15 bits
            if pos >= n:
                raise ParseError("VP8 descriptor truncated in PictureID")
            pos += 2 if payload[pos] & 0x80 else 1
        if ext & 0x40:  # L: TL0PICIDX
            pos += 1
        if ext & 0x30:  # T or K: TID/Y/KEYIDX
            pos += 1
    if pos >= n:
        raise ParseError("VP8 payload has no data after its descriptor")
    start = bool(first & 0x10) and (first & 0x07) == 0
    keyframe = start and not payload[pos] & 0x01
    return Vp8Payload(payload[pos:], start, keyframe)


def keyframe_size(frame: bytes) -> tuple[int, int]:
    """``(width, height)`` in pixels from a keyframe's header (RFC 6386 section 9.1).

    Raises:
        ParseError: not a keyframe header (too short or no start code).
    """
    if len(frame) < 10 or frame[0] & 0x01 or frame[3:6] != START_CODE:
        raise ParseError("not a VP8 keyframe header")
    return (int.from_bytes(frame[6:8], "little") & 0x3FFF,
            int.from_bytes(frame[8:10], "little") & 0x3FFF)
