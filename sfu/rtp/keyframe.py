"""Keyframe detection from RTP payload descriptors, without decoding.

- VP8: RFC 7741 section 4.2 (descriptor) and 4.3 (payload header, P bit 0 = key frame).
- VP9: draft-ietf-payload-vp9-16 section 4.2 (B bit set and P bit clear).
- H264: RFC 6184 section 5 (an IDR or SPS NAL unit, alone, in STAP-A or starting a FU-A).

The key frames' picture sizes too: VP8's from its uncompressed header, H.264's from the
SPS that starts the key frame (parsed by :mod:`recording.h264`, which the recorder shares).
"""

from recording import h264
from recording.errors import ParseError


def _vp8_header_pos(payload: bytes) -> int:
    """Offset of the VP8 payload header (RFC 7741 section 4.3) when ``payload`` starts a
    frame (S bit, partition index 0), else -1."""
    n = len(payload)
    if n < 1:
        return -1
    b0 = payload[0]
    if not (b0 & 0x10) or (b0 & 0x07) != 0:  # S bit and partition index 0
        return -1
    pos = 1
    if b0 & 0x80:  # X: extension byte
        if n < 2:
            return -1
        x = payload[1]
        pos = 2
        if x & 0x80:  # I: picture id
            if n <= pos:
                return -1
            pos += 2 if payload[pos] & 0x80 else 1
        if x & 0x40:  # L: tl0picidx
            pos += 1
        if x & 0x30:  # T or K
            pos += 1
    return pos if n > pos else -1


def vp8_is_keyframe(payload: bytes) -> bool:
    """True if ``payload`` is the first packet of a VP8 key frame."""
    pos = _vp8_header_pos(payload)
    return pos >= 0 and (payload[pos] & 0x01) == 0


def vp8_keyframe_size(payload: bytes) -> tuple[int, int] | None:
    """``(width, height)`` in pixels of the VP8 key frame ``payload`` starts, from its
    uncompressed header (RFC 6386 section 9.1: the 3-byte frame tag, the start code
    9d 01 2a, then 14-bit little-endian width and height, each with 2 scaling bits), or
    None when it starts no key frame or the header is cut short."""
    pos = _vp8_header_pos(payload)
    if pos < 0 or payload[pos] & 0x01 or len(payload) < pos + 10:
        return None
    if bytes(payload[pos + 3 : pos + 6]) != b"\x9d\x01\x2a":
        return None
    width = (payload[pos + 6] | (payload[pos + 7] << 8)) & 0x3FFF
    height = (payload[pos + 8] | (payload[pos + 9] << 8)) & 0x3FFF
    return (width, height) if width and height else None


def vp9_is_keyframe(payload: bytes) -> bool:
    """True if ``payload`` starts a VP9 frame that is not inter-predicted."""
    if len(payload) < 1:
        return False
    b0 = payload[0]
    return bool(b0 & 0x08) and not (b0 & 0x40)  # B (start of frame) and not P


def _h264_carries(payload: bytes, types: tuple[int, ...]) -> bool:
    """True if ``payload`` carries a NAL unit of one of ``types``: as a single NAL unit
    packet, in a STAP-A, or as the first fragment of a FU-A (RFC 6184 5.6, 5.7.1, 5.8)."""
    n = len(payload)
    if n < 1:
        return False
    nal = payload[0] & 0x1F
    if nal in types:
        return True
    if nal == 24:  # STAP-A
        pos = 1
        while pos + 2 < n:
            size = (payload[pos] << 8) | payload[pos + 1]
            if size == 0:
                return False
            if payload[pos + 2] & 0x1F in types:
                return True
            pos += 2 + size
        return False
    if nal == 28 and n >= 2:  # FU-A
        return bool(payload[1] & 0x80) and (payload[1] & 0x1F) in types
    return False


def h264_is_keyframe(payload: bytes) -> bool:
    """True if ``payload`` carries an IDR slice or SPS (single NAL, STAP-A or FU-A start)."""
    return _h264_carries(payload, (5, 7))


def h264_carries_sps(payload: bytes) -> bool:
    """True if ``payload`` carries an SPS: the first packet of a libwebrtc key frame,
    which sends SPS and PPS ahead of every IDR picture."""
    return _h264_carries(payload, (7,))


MAX_SPS_READ = 64
"""Bytes of an SPS :func:`h264_keyframe_size` reads: its fields up to the cropping window
take about 16 (more only with scaling lists), and the SPS of every H.264 key frame a
publisher sends is read in Python (sfu/ingress.c hands it up), bit by bit: a longer one, of
one-bit codes, cost milliseconds per packet. One that needs more reads as no size."""


def h264_keyframe_size(payload: bytes) -> tuple[int, int] | None:
    """``(width, height)`` in pixels of the SPS ``payload`` carries, alone or in a STAP-A
    (RFC 6184 sections 5.6 and 5.7.1; :func:`recording.h264.parse_sps`): libwebrtc sends
    SPS and PPS ahead of every IDR picture. None when it carries no SPS (an FU-A, a slice),
    or the payload or the SPS is malformed or needs more than :data:`MAX_SPS_READ` bytes."""
    try:
        nals = h264.depacketize(bytes(payload)).nals
        sps = next((nal for nal in nals if h264.nal_type(nal) == h264.NAL_SPS), None)
        if sps is None:
            return None
        fields = h264.parse_sps(sps[:MAX_SPS_READ])
    except ParseError:
        return None
    return fields.width, fields.height


SIZE_CARRIERS = {
    "video/vp8": vp8_is_keyframe,
    "video/h264": h264_carries_sps,
}
"""Whether a packet states a key frame's picture size, by codec (cheap: the header bytes):
the packets :data:`KEYFRAME_SIZES` reads a size from."""

KEYFRAME_SIZES = {
    "video/vp8": vp8_keyframe_size,
    "video/h264": h264_keyframe_size,
}
"""Picture size a packet of :data:`SIZE_CARRIERS` states, by codec (None when it is
malformed): what :mod:`sfu.viewport` sizes a simulcast layer by."""

DETECTORS = {
    "video/vp8": vp8_is_keyframe,
    "video/vp9": vp9_is_keyframe,
    "video/h264": h264_is_keyframe,
}
