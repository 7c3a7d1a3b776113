"""RTP header parsing/rewrite, sequence/timestamp mapping and the consumer forward path."""

import pytest

from sfu.errors import ParseError
from sfu.rtp.header import (
    EXT_END,
    EXT_PROFILE,
    EXT_START,
    MARKER,
    PAYLOAD_END,
    PAYLOAD_START,
    PT,
    SEQ,
    SSRC,
    TS,
    read_header,
    rewrite_header,
    seq_newer,
)
from sfu.rtp.seq_ts_mapper import SeqTsMapper

# V=2 P=1 X=1 CC=1 | M=1 PT=96 | seq 0xFFFE | ts 0xFFFFFFF0 | ssrc 0x11223344
# CSRC 0xAABBCCDD | ext profile 0xBEDE len 1 word: id 3 L=2 (3 bytes) 0x00 0x01 0x02
# payload "VP8!" | padding 4 bytes (last byte = 4)
FIXTURE = bytes.fromhex(
    "b1" "e0" "fffe" "fffffff0" "11223344"
    "aabbccdd"
    "bede0001" "32000102"
    "56503821"
    "00000004"
)


def test_read_header_fixture():
    hdr = read_header(FIXTURE)
    assert hdr[PT] == 96 and hdr[MARKER] == 1
    assert hdr[SEQ] == 0xFFFE and hdr[TS] == 0xFFFFFFF0 and hdr[SSRC] == 0x11223344
    assert (hdr[EXT_PROFILE], hdr[EXT_START], hdr[EXT_END]) == (0xBEDE, 20, 24)
    assert FIXTURE[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]] == b"VP8!"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        bytes.fromhex("80"),  # shorter than 12 bytes
        bytes.fromhex("40e0fffefffffff011223344"),  # version 1
        bytes.fromhex("8fe0fffefffffff011223344"),  # 15 CSRCs announced, none present
        bytes.fromhex("90e0fffefffffff011223344bede00ff"),  # extension longer than packet
        bytes.fromhex("a0e0fffefffffff01122334400"),  # padding count 0
        bytes.fromhex("a0e0fffefffffff011223344ff"),  # padding beyond header
    ],
)
def test_read_header_rejects_malformed(data):
    with pytest.raises(ParseError):
        read_header(data)


def test_rewrite_header_keeps_marker_and_wraps():
    buf = bytearray(FIXTURE)
    rewrite_header(buf, 100, 0x1_0005, 0x1_0000_0007, 0xCAFEBABE)
    hdr = read_header(bytes(buf))
    assert hdr[PT] == 100 and hdr[MARKER] == 1
    assert hdr[SEQ] == 5 and hdr[TS] == 7 and hdr[SSRC] == 0xCAFEBABE
    assert buf[12:] == FIXTURE[12:]


def test_seq_newer_serial_arithmetic():
    assert seq_newer(1, 0xFFFF)
    assert not seq_newer(0xFFFF, 1)
    assert not seq_newer(5, 5)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_mapper_wraps_sequence_and_timestamp():
    clock = FakeClock()
    mapper = SeqTsMapper(90000, clock, initial_seq=0xFFFE, initial_ts=0xFFFF_FF00)
    out = [mapper.map(1000 + i, 5000 + 3000 * i) for i in range(4)]
    assert [s for s, _ in out] == [0xFFFE, 0xFFFF, 0, 1]
    assert [t for _, t in out] == [0xFFFF_FF00, 2744, 5744, 8744]  # 0xFFFFFF00 + 3000 wraps to 2744


def test_mapper_input_wrap_and_reordering_map_consistently():
    mapper = SeqTsMapper(48000, FakeClock(), initial_seq=10, initial_ts=0)
    assert mapper.map(0xFFFF, 0xFFFF_FFFF) == (10, 0)
    assert mapper.map(0x0001, 959) == (12, 960)  # 0x0000 lost, input wrapped
    assert mapper.map(0x0000, 0) == (11, 1)  # late packet keeps its slot
    assert mapper.last_seq == 12
    assert mapper.input_seq(11) == 0x0000


def test_mapper_source_switch_continues_stream():
    clock = FakeClock()
    mapper = SeqTsMapper(90000, clock, initial_seq=500, initial_ts=1000)
    mapper.map(7, 70)
    mapper.map(8, 3070)
    clock.now += 0.5
    mapper.switch_source()
    seq, ts = mapper.map(40000, 123456)  # unrelated numbers from the new source
    assert seq == 502
    assert ts == 1000 + 3000 + 45000
    assert mapper.map(40001, 126456) == (503, ts + 3000)
