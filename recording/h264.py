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

    def se(self) -> int:
        code = self.ue()
        return (code + 1) // 2 if code & 1 else -(code // 2)

CHROMA_PROFILES = (100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135)
"Profiles whose SPS carries chroma format, bit depths and scaling lists (ITU-T H.264 7.3.2.1.1)."
HIGH_PROFILES = (100, 110, 122, 144)
"Profiles whose AVCDecoderConfigurationRecord carries chroma format and bit depths."


@dataclass(frozen=True, slots=True)
class SequenceParameterSet:
    """The fields of an SPS NAL unit that the recorder and the SFU use (ITU-T H.264
    7.3.2.1.1 and 7.4.2.1.1)."""

    profile_idc: int
    constraint_flags: int
    level_idc: int
    chroma_format_idc: int
    "0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when the profile does not signal it)."
    bit_depth_luma_minus8: int
    bit_depth_chroma_minus8: int
    width: int
    "Luma samples per row inside the frame cropping window (pixels)."
    height: int
    "Luma rows inside the frame cropping window (pixels; both fields of a field pair)."


def parse_sps(sps: bytes) -> SequenceParameterSet:
    """Read an SPS NAL unit (header byte included, emulation prevention bytes in place)
    as far as its frame cropping window (ITU-T H.264 7.3.2.1.1). The picture is
    ``(pic_width_in_mbs_minus1 + 1) * 16`` by ``(2 - frame_mbs_only_flag) *
    (pic_height_in_map_units_minus1 + 1) * 16`` luma samples, less the crop offsets in
    units of CropUnitX and CropUnitY (equations 7-19 to 7-22).

    Raises:
        ParseError: not an SPS NAL unit, cut short, or a field out of range.
    """
    if len(sps) < 4 or nal_type(sps) != NAL_SPS:
        raise ParseError("not an SPS NAL unit")
    profile, constraints, level = sps[1], sps[2], sps[3]
    bits = _Bits(sps[4:])
    bits.ue()  # seq_parameter_set_id
    chroma, separate_planes, luma_depth, chroma_depth = 1, 0, 0, 0
    if profile in CHROMA_PROFILES:
        chroma = bits.ue()
        if chroma == 3:
            separate_planes = bits.bits(1)
        luma_depth, chroma_depth = bits.ue(), bits.ue()
        if chroma > 3 or luma_depth > 6 or chroma_depth > 6:
            raise ParseError("SPS chroma format or bit depth out of range")
        bits.bits(1)  # qpprime_y_zero_transform_bypass_flag
        if bits.bits(1):  # seq_scaling_matrix_present_flag
            for index in range(8 if chroma != 3 else 12):
                if bits.bits(1):  # seq_scaling_list_present_flag
                    _skip_scaling_list(bits, 16 if index < 6 else 64)
    bits.ue()  # log2_max_frame_num_minus4
    poc_type = bits.ue()
    if poc_type == 0:
        bits.ue()  # log2_max_pic_order_cnt_lsb_minus4
    elif poc_type == 1:
        bits.bits(1)  # delta_pic_order_always_zero_flag
        bits.se()  # offset_for_non_ref_pic
        bits.se()  # offset_for_top_to_bottom_field
        for _ in range(bits.ue()):  # num_ref_frames_in_pic_order_cnt_cycle
            bits.se()  # offset_for_ref_frame
    elif poc_type != 2:
        raise ParseError("SPS pic_order_cnt_type out of range")
    bits.ue()  # max_num_ref_frames
    bits.bits(1)  # gaps_in_frame_num_value_allowed_flag
    width_mbs, height_units = bits.ue() + 1, bits.ue() + 1
    frame_mbs_only = bits.bits(1)
    if not frame_mbs_only:
        bits.bits(1)  # mb_adaptive_frame_field_flag
    bits.bits(1)  # direct_8x8_inference_flag
    width, height = width_mbs * 16, (2 - frame_mbs_only) * height_units * 16
    if bits.bits(1):  # frame_cropping_flag
        left, right, top, bottom = bits.ue(), bits.ue(), bits.ue(), bits.ue()
        chroma_array_type = 0 if separate_planes else chroma
        crop_x = 2 if chroma_array_type in (1, 2) else 1  # SubWidthC (table 6-1)
        crop_y = (2 - frame_mbs_only) * (2 if chroma_array_type == 1 else 1)  # SubHeightC
        width -= crop_x * (left + right)
        height -= crop_y * (top + bottom)
        if width <= 0 or height <= 0:
            raise ParseError("SPS cropping window is empty")
    return SequenceParameterSet(profile, constraints, level, chroma, luma_depth, chroma_depth,
                                width, height)


def _skip_scaling_list(bits: _Bits, size: int) -> None:
    """Read past one scaling_list() (ITU-T H.264 7.3.2.1.1.1)."""
    last = following = 8
    for _ in range(size):
        if following:
            following = (last + bits.se() + 256) % 256
        last = following or last


def decoder_configuration(sps: bytes, pps: bytes) -> bytes:
    """The AVCDecoderConfigurationRecord of one SPS and one PPS NAL unit (ISO/IEC 14496-15
    section 5.3.3.1): Matroska's CodecPrivate for V_MPEG4/ISO/AVC, 4-byte NAL unit lengths.

    Raises:
        ParseError: ``sps`` is not an SPS or is cut short (:func:`parse_sps`), or ``pps``
            is not a PPS.
    """
    fields = parse_sps(sps)
    if not pps or nal_type(pps) != NAL_PPS:
        raise ParseError("not a PPS NAL unit")
    record = (bytes([1, fields.profile_idc, fields.constraint_flags, fields.level_idc,
                     0xFF, 0xE1])
              + len(sps).to_bytes(2, "big") + sps + b"\x01" + len(pps).to_bytes(2, "big") + pps)
    if fields.profile_idc in HIGH_PROFILES:
        record += bytes([0xFC | fields.chroma_format_idc, 0xF8 | fields.bit_depth_luma_minus8,
                         0xF8 | fields.bit_depth_chroma_minus8, 0])
    return record
