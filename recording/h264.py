"""H.264 RTP payload (RFC 6184, packetization-mode 1) and the parameter sets' fields the
Matroska track needs.

```
 NAL unit header (RFC 6184 section 1.3, ITU-T H.264 7.3.1)
      +---------------+
      |0|1|2|3|4|5|6|7|
      +-+-+-+-+-+-+-+-+
      |F|NRI|  Type   |
      +---------------+
 Type 1-23: a single NAL unit packet (5.6), the payload is the NAL unit
 Type 24, STAP-A (5.7.1): header, then [16-bit size][NAL unit] repeated
 Type 28, FU-A (5.8): FU indicator (F, NRI, 28), then
      +---------------+
      |S|E|R|  Type   |   S: first fragment, E: last fragment, Type: the NAL unit's
      +---------------+      (its header is the indicator's F and NRI with this Type)
```
STAP-B, MTAP and FU-B (types 25-27, 29) belong to the interleaved mode, which the SFU does
not negotiate; they and the undefined types 0, 30, 31 are parse errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from recording.errors import ParseError

NAL_SLICE, NAL_IDR, NAL_SPS, NAL_PPS = 1, 5, 7, 8
STAP_A, FU_A = 24, 28


@dataclass(frozen=True, slots=True)
class H264Payload:
    """One packet's NAL units: ``nals`` whole ones (a single NAL unit or a STAP-A), or one
    FU-A ``fragment`` (its first carries the rebuilt NAL unit header)."""

    nals: tuple[bytes, ...] = ()
    fragment: bytes = b""
    fu_start: bool = False
    fu_end: bool = False


def nal_type(nal: bytes) -> int:
    return nal[0] & 0x1F


def depacketize(payload: bytes) -> H264Payload:
    """The NAL units (or FU-A fragment) of one RTP payload (RFC 6184 sections 5.6-5.8).

    Raises:
        ParseError: empty, truncated, or a packet type of another packetization mode.
    """
    if not payload:
        raise ParseError("empty H.264 payload")
    kind = payload[0] & 0x1F
    if 1 <= kind <= 23:
        return H264Payload(nals=(payload,))
    if kind == STAP_A:
        nals = []
        pos = 1
        while pos < len(payload):
            if pos + 2 > len(payload):
                raise ParseError("STAP-A cut short in a NAL unit size")
            size = int.from_bytes(payload[pos:pos + 2], "big")
            pos += 2
            if size == 0 or pos + size > len(payload):
                raise ParseError("STAP-A NAL unit size past the payload")
            nals.append(payload[pos:pos + size])
            pos += size
        if not nals:
            raise ParseError("STAP-A without a NAL unit")
        return H264Payload(nals=tuple(nals))
    if kind == FU_A:
        if len(payload) < 3:
            raise ParseError("FU-A without a fragment")
        fu = payload[1]
        start, end = bool(fu & 0x80), bool(fu & 0x40)
        if start and end:
            raise ParseError("FU-A fragment both first and last")
        data = payload[2:]
        if start:
            data = bytes([(payload[0] & 0xE0) | (fu & 0x1F)]) + data
        return H264Payload(fragment=data, fu_start=start, fu_end=end)
    raise ParseError(f"H.264 packet type {kind} is not packetization-mode 1")


class _Bits:
    """Reads bits of an RBSP (emulation prevention bytes removed), ITU-T H.264 7.2 / 9.1."""

    def __init__(self, nal: bytes) -> None:
        self.data = nal.replace(b"\x00\x00\x03", b"\x00\x00")
        self.pos = 0

    def bits(self, n: int) -> int:
        value = 0
        for _ in range(n):
            byte = self.pos >> 3
            if byte >= len(self.data):
                raise ParseError("SPS cut short")
            value = value << 1 | (self.data[byte] >> (7 - (self.pos & 7))) & 1
            self.pos += 1
        return value

    def ue(self) -> int:
        zeros = 0
        while not self.bits(1):
            zeros += 1
            if zeros > 31:
                raise ParseError("bad Exp-Golomb code in SPS")
        return (1 << zeros) - 1 + self.bits(zeros)


HIGH_PROFILES = (100, 110, 122, 144)
"Profiles whose AVCDecoderConfigurationRecord carries chroma format and bit depths."


def decoder_configuration(sps: bytes, pps: bytes) -> bytes:
    """The AVCDecoderConfigurationRecord of one SPS and one PPS NAL unit (ISO/IEC 14496-15
    section 5.3.3.1): Matroska's CodecPrivate for V_MPEG4/ISO/AVC, 4-byte NAL unit lengths.

    Raises:
        ParseError: ``sps`` is not an SPS or is cut short, or ``pps`` is not a PPS.
    """
    if len(sps) < 4 or nal_type(sps) != NAL_SPS:
        raise ParseError("not an SPS NAL unit")
    if not pps or nal_type(pps) != NAL_PPS:
        raise ParseError("not a PPS NAL unit")
    profile, constraints, level = sps[1], sps[2], sps[3]
    record = (bytes([1, profile, constraints, level, 0xFF, 0xE1])
              + len(sps).to_bytes(2, "big") + sps + b"\x01" + len(pps).to_bytes(2, "big") + pps)
    if profile in HIGH_PROFILES:
        bits = _Bits(sps[4:])
        bits.ue()  # seq_parameter_set_id
        chroma = bits.ue()
        if chroma == 3:
            bits.bits(1)  # separate_colour_plane_flag
        luma_depth, chroma_depth = bits.ue(), bits.ue()
        if chroma > 3 or luma_depth > 6 or chroma_depth > 6:
            raise ParseError("SPS chroma format or bit depth out of range")
        record += bytes([0xFC | chroma, 0xF8 | luma_depth, 0xF8 | chroma_depth, 0])
    return record
