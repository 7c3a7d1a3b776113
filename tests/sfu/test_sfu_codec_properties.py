"""Hypothesis properties: random bytes make the pure codecs raise ParseError only."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sfu.errors import ParseError
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.nack import GenericNack
from sfu.rtcp.remb import ReceiverEstimatedMaxBitrate
from sfu.rtcp.twcc import TransportFeedback
from sfu.rtp.extensions import find_extension, remap_extensions
from sfu.rtp.header import EXT_END, EXT_PROFILE, EXT_START, PAYLOAD_END, PAYLOAD_START, read_header
from sfu.rtp.keyframe import h264_is_keyframe, vp8_is_keyframe, vp9_is_keyframe
from sfu.rtp.rtx import unwrap_rtx

FAST = settings(max_examples=400, deadline=None)


@FAST
@given(st.binary(max_size=300))
def test_rtcp_random_bytes_only_parse_error(data):
    try:
        packets, dropped = parse_compound(data)
    except ParseError:
        return
    assert dropped >= 0
    for packet in packets:
        bytes(packet)  # whatever parsed can be re-encoded


@FAST
@given(st.binary(min_size=4, max_size=300), st.sampled_from([200, 201, 202, 203, 205, 206]),
       st.integers(0, 31))
def test_rtcp_valid_framing_random_body(body, packet_type, count):
    body = body[: len(body) - len(body) % 4]
    data = bytes([0x80 | count, packet_type]) + (len(body) // 4).to_bytes(2, "big") + body
    try:
        parse_compound(data)
    except ParseError:
        pass


@FAST
@given(st.binary(max_size=300), st.binary(min_size=256, max_size=256))
def test_rtp_random_bytes_only_parse_error(data, id_map):
    try:
        hdr = read_header(data)
    except ParseError:
        return
    buf = bytearray(data)
    for ext_id in range(16):
        try:
            find_extension(data, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], ext_id)
        except ParseError:
            pass
    try:
        remap_extensions(buf, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], id_map)
    except ParseError:
        pass
    assert len(buf) == len(data)  # remapping never changes the packet size
    payload = data[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]]
    for detector in (vp8_is_keyframe, vp9_is_keyframe, h264_is_keyframe):
        assert detector(payload) in (True, False)
    try:
        unwrap_rtx(data, hdr[PAYLOAD_START], hdr[PAYLOAD_END], 96, 1)
    except ParseError:
        pass


@FAST
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1),
       st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=40, unique=True))
def test_nack_round_trip(sender, media, lost):
    parsed = GenericNack.parse(1, bytes(GenericNack(sender, media, lost))[4:])
    assert sorted(parsed.lost) == sorted(lost)


@FAST
@given(st.integers(0, 2**48))
def test_remb_round_trip_keeps_18_significant_bits(bitrate):
    encoded = bytes(ReceiverEstimatedMaxBitrate(1, bitrate, [2]))
    parsed = ReceiverEstimatedMaxBitrate.parse(15, encoded[4:])
    assert parsed.bitrate <= bitrate and bitrate - parsed.bitrate < max(bitrate >> 17, 1)


@FAST
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=60), st.data())
def test_transport_cc_round_trip(statuses, data):
    deltas = []
    for status in statuses:
        if status == 1:
            deltas.append(data.draw(st.integers(0, 255)))
        elif status == 2:
            deltas.append(data.draw(st.integers(-32768, 32767)))
    fb = TransportFeedback(1, 2, data.draw(st.integers(0, 0xFFFF)),
                           data.draw(st.integers(-(2**23), 2**23 - 1)), 3, statuses, deltas)
    assert TransportFeedback.parse(15, bytes(fb)[4:]) == fb


@st.composite
def vp8_descriptor(draw: st.DrawFn) -> bytes:
    """An RFC 7741 section 4.2 payload descriptor starting a frame (S=1, partition 0)."""
    x, i, long_id, l_bit, t_bit = (draw(st.booleans()) for _ in range(5))
    out = bytes([0x10 | (0x80 if x else 0)])
    if x:
        out += bytes([(0x80 if i else 0) | (0x40 if l_bit else 0) | (0x20 if t_bit else 0)])
        if i:
            out += bytes([0x80, draw(st.integers(0, 255))]) if long_id else bytes([0x01])
        if l_bit:
            out += bytes([draw(st.integers(0, 255))])
        if t_bit:
            out += bytes([draw(st.integers(0, 255))])
    return out


@given(vp8_descriptor(), st.booleans(), st.binary(min_size=10, max_size=60),
       st.binary(min_size=0, max_size=60))
def test_vp8_keyframe_detection_reads_only_the_clear_bytes(
    descriptor: bytes, keyframe: bool, frame: bytes, ciphertext: bytes
) -> None:
    # End-to-end encrypted rooms (docs/e2ee.md) keep the VP8 payload header (3 bytes, 10 of
    # a key frame) in clear and encrypt the rest: the SFU must decide from those alone.
    header = bytes([(frame[0] & 0xFE) | (0 if keyframe else 1)]) + frame[1:10]
    clear = header[:10] if keyframe else header[:3]
    assert vp8_is_keyframe(descriptor + clear + ciphertext) is keyframe
