"""VP8 RTP payload descriptor (RFC 7741 section 4.2) and keyframe header (RFC 6386 9.1),
from annotated hex; random bytes raise only ParseError."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recording.errors import ParseError
from recording.vp8 import depacketize, keyframe_size

KEYFRAME_START = bytes.fromhex(
    "90"      # X=1, S=1, PID=0
    "80"      # I=1
    "8123"    # M=1, 15-bit PictureID 0x0123
    "5003009d012a4001f000"  # P=0 (key), show_frame, start code, 320 (0x140) x 240 (0xf0)
)


def test_keyframe_start_with_15_bit_picture_id() -> None:
    part = depacketize(KEYFRAME_START)
    assert (part.frame_start, part.keyframe) == (True, True)
    assert part.data == KEYFRAME_START[4:]
    assert keyframe_size(part.data) == (320, 240)


@pytest.mark.parametrize(("hexdata", "start", "key", "data"), [
    ("10" "31aa", True, False, "31aa"),           # no X; S=1; P=1: a delta frame
    ("00" "bbcc", False, False, "bbcc"),          # continuation packet
    ("11" "3000", False, False, "3000"),          # S=1 but partition 1: not a frame start
    ("90" "e0" "05" "7f" "40" "1000", True, True, "1000"),  # I (7-bit), L, T: 3 bytes skipped
    ("90" "10" "a0" "00ff", True, True, "00ff"),  # K only: KEYIDX byte skipped
])
def test_descriptor_variants(hexdata: str, start: bool, key: bool, data: str) -> None:
    part = depacketize(bytes.fromhex(hexdata))
    assert (part.frame_start, part.keyframe, part.data.hex()) == (start, key, data)


@pytest.mark.parametrize("hexdata", ["", "10", "90", "9080", "908081", "90c0"])
def test_truncated_descriptors_are_parse_errors(hexdata: str) -> None:
    with pytest.raises(ParseError):
        depacketize(bytes.fromhex(hexdata))


def test_keyframe_size_refuses_a_delta_frame() -> None:
    with pytest.raises(ParseError):
        keyframe_size(bytes.fromhex("5103009d012a4001f000"))


@given(st.binary(max_size=40))
def test_random_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        part = depacketize(data)
    except ParseError:
        return
    assert part.data and len(part.data) < len(data)
