"""VP8 payload descriptor (RFC 7741 section 4.2): annotated fixtures and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sfu.errors import ParseError
from sfu.rtp.keyframe import vp8_is_keyframe
from sfu.rtp.vp8_descriptor import read_tid, read_vp8_descriptor, write_picture_id

FIXTURES = [
    # X=1 S=1 PID=0 | I L T | M + 15-bit PictureID 0x1234 | TL0PICIDX 7 | TID 2 Y=1 | P=0
    ("90 e0 92 34 07 a0 00", (2, 15, 0x1234, 4, 7, 2, True, True, True)),
    # X=1 S=0 (a later packet of the frame) | I only, 7-bit PictureID 0x55 | payload
    ("80 80 55 01", (2, 7, 0x55, -1, 0, 0, False, False, False)),
    # no extension: S=1 PID=0, P=1 (inter frame)
    ("10 01", (-1, 0, 0, -1, 0, 0, False, True, False)),
    # partition index 1 is not a frame start even with S
    ("11 00", (-1, 0, 0, -1, 0, 0, False, False, False)),
    # K without T: a KEYIDX byte, TID 0
    ("90 10 1f 00", (-1, 0, 0, -1, 0, 0, False, True, True)),
]


@pytest.mark.parametrize(("hex_bytes", "expected"), FIXTURES)
def test_fixtures(hex_bytes, expected):
    data = bytes.fromhex(hex_bytes)
    assert read_vp8_descriptor(data, 0, len(data)) == expected


@pytest.mark.parametrize("hex_bytes", ["", "80", "80 80", "80 80 92", "80 40", "80 20"])
def test_truncated_descriptors_raise_parse_error(hex_bytes):
    data = bytes.fromhex(hex_bytes)
    with pytest.raises(ParseError):
        read_vp8_descriptor(data, 0, len(data))


def test_picture_id_is_written_in_its_own_width():
    buf = bytearray.fromhex("90 e0 92 34 07 a0 00")
    write_picture_id(buf, 2, 15, 0x8001)  # reduced modulo 2^15
    assert buf.hex(" ") == "90 e0 80 01 07 a0 00"
    short = bytearray.fromhex("80 80 55 01")
    write_picture_id(short, 2, 7, 0x1FF)
    assert short.hex(" ") == "80 80 7f 01"


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=12))
def test_random_bytes_raise_only_parse_error_and_agree_with_the_keyframe_detector(data):
    try:
        parsed = read_vp8_descriptor(data, 0, len(data))
    except ParseError:
        return
    assert parsed[8] == vp8_is_keyframe(data)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=8), st.integers(0, 3))
def test_read_tid_is_the_descriptors_tid_when_its_t_bit_is_set(data, start):
    """A simulcast layer records :func:`read_tid` of every packet (its temporal layers):
    the descriptor's TID exactly when it is readable and marks one (T bit), else -1 (K
    without T, no extension, a descriptor that overruns the payload)."""
    start = min(start, len(data))
    try:
        parsed = read_vp8_descriptor(data, start, len(data))
    except ParseError:
        assert read_tid(data, start, len(data)) == -1
        return
    marked = len(data) - start >= 2 and data[start] & 0x80 and data[start + 1] & 0x20
    assert read_tid(data, start, len(data)) == (parsed[5] if marked else -1)
