"""RTCP codecs from annotated hex fixtures of the packets Chromium sends.

Each fixture is a whole RTCP packet: common header (V=2, count/FMT, PT, length in
32-bit words minus one) then the body described beside it.
"""

import pytest

from sfu.errors import ParseError
from sfu.rtcp.bye import Goodbye
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.fir import FullIntraRequest
from sfu.rtcp.nack import GenericNack
from sfu.rtcp.pli import PictureLossIndication
from sfu.rtcp.remb import ReceiverEstimatedMaxBitrate
from sfu.rtcp.rr import ReceiverReport, ReportBlock
from sfu.rtcp.sdes import SdesChunk, SourceDescription
from sfu.rtcp.sr import SenderReport
from sfu.rtcp.twcc import TransportFeedback

H = bytes.fromhex

SR = H(
    "81c8000c"  # V=2 RC=1 PT=200 length=12
    "11111111"  # sender SSRC
    "e9b0c1d2" "80000000"  # NTP 0xe9b0c1d2.80000000
    "0001e240"  # RTP timestamp 123456
    "0000000a"  # packet count 10
    "000003e8"  # octet count 1000
    "22222222"  # report block: source SSRC
    "10" "fffffe"  # fraction lost 16/256, cumulative lost -2
    "00010005"  # extended highest seq: 1 cycle, seq 5
    "00000020"  # jitter 32
    "c1d28000"  # LSR
    "00010000"  # DLSR 1 s
)
RR = H(
    "81c90007"  # V=2 RC=1 PT=201 length=7
    "00000001"  # sender SSRC (Chromium uses 1 on receive-only legs)
    "33333333" "00000000" "0000ffff" "00000003" "00000000" "00000000"
)
SDES = H(
    "81ca0006"  # V=2 SC=1 PT=202 length=6
    "11111111"  # chunk SSRC
    "0110" "6162636465666768696a6b6c6d6e6f70"  # CNAME, 16 bytes "abcdefghijklmnop"
    "00" "00"  # end of items, pad to 32 bits
)
BYE = H(
    "82cb0003"  # V=2 SC=2 PT=203 length=3
    "11111111" "22222222"  # leaving SSRCs
    "03627965"  # reason length 3, "bye" (ends on a word boundary: no padding)
)
NACK = H(
    "81cd0003"  # V=2 FMT=1 PT=205 (RTPFB) length=3
    "00000001"  # sender SSRC
    "44444444"  # media SSRC
    "0064" "0005"  # PID 100, BLP bits 0 and 2: 101 and 103 lost too
)
PLI = H(
    "81ce0002"  # V=2 FMT=1 PT=206 (PSFB) length=2
    "00000001" "44444444"
)
FIR = H(
    "84ce0004"  # V=2 FMT=4 PT=206 length=4
    "00000001" "00000000"  # sender, media SSRC unused
    "44444444" "07000000"  # FCI: SSRC, seq nr 7, reserved
)
REMB = H(
    "8fce0005"  # V=2 FMT=15 PT=206 length=5
    "00000001" "00000000"  # sender, media SSRC 0
    "52454d42"  # "REMB"
    "01" "0b" "d4c0"  # 1 SSRC, exp=2 (bits 0000 10), mantissa=0x3d4c0: 1003264 bit/s
    "44444444"
)
TWCC = H(
    "8fcd0006"  # V=2 FMT=15 PT=205 length=6
    "00000001" "44444444"
    "0064" "0003"  # base seq 100, status count 3
    "000010" "02"  # reference time 16 (x64 ms), feedback count 2
    "2003"  # run-length chunk: status 1 (small delta), run 3
    "04" "08" "0c"  # three 8-bit deltas: 1 ms, 2 ms, 3 ms
    "00" "0000"  # padding to 32 bits
)


def only(data: bytes):
    packets, dropped = parse_compound(data)
    assert dropped == 0
    assert len(packets) == 1
    return packets[0]


def test_sender_report():
    sr = only(SR)
    assert isinstance(sr, SenderReport)
    assert (sr.ssrc, sr.ntp_timestamp, sr.rtp_timestamp) == (0x11111111, 0xE9B0C1D280000000,
                                                             123456)
    assert (sr.packet_count, sr.octet_count) == (10, 1000)
    block = sr.reports[0]
    assert block == ReportBlock(0x22222222, 16, -2, 0x10005, 32, 0xC1D28000, 0x10000)
    assert bytes(sr) == SR


def test_receiver_report():
    rr = only(RR)
    assert isinstance(rr, ReceiverReport) and rr.ssrc == 1
    assert rr.reports[0].highest_sequence == 0xFFFF and rr.reports[0].jitter == 3
    assert bytes(rr) == RR


def test_sdes_cname():
    sdes = only(SDES)
    assert sdes == SourceDescription([SdesChunk(0x11111111, [(1, b"abcdefghijklmnop")])])
    assert bytes(sdes) == SDES


def test_bye_with_reason():
    bye = only(BYE)
    assert bye == Goodbye([0x11111111, 0x22222222], b"bye")
    assert bytes(bye) == BYE


def test_generic_nack():
    nack = only(NACK)
    assert isinstance(nack, GenericNack)
    assert (nack.sender_ssrc, nack.media_ssrc) == (1, 0x44444444)
    assert nack.lost == [100, 101, 103]
    assert bytes(nack) == NACK


def test_nack_encodes_wrapping_pid_blocks():
    nack = GenericNack(1, 2, [0xFFFF, 0, 5, 40])
    assert GenericNack.parse(1, bytes(nack)[4:]).lost == [0xFFFF, 0, 5, 40]


def test_pli_and_fir():
    assert only(PLI) == PictureLossIndication(1, 0x44444444)
    assert bytes(PictureLossIndication(1, 0x44444444)) == PLI
    fir = only(FIR)
    assert fir == FullIntraRequest(1, 0, [(0x44444444, 7)])
    assert bytes(fir) == FIR


def test_remb():
    remb = only(REMB)
    assert isinstance(remb, ReceiverEstimatedMaxBitrate)
    assert remb.bitrate == 0x3D4C0 << 2
    assert remb.ssrcs == [0x44444444]
    assert bytes(remb) == REMB


def test_transport_cc_feedback():
    fb = only(TWCC)
    assert isinstance(fb, TransportFeedback)
    assert (fb.base_sequence, fb.reference_time, fb.feedback_count) == (100, 16, 2)
    assert fb.statuses == [1, 1, 1] and fb.deltas == [4, 8, 12]
    again = TransportFeedback.parse(15, bytes(fb)[4:])  # re-encoded with vector chunks
    assert again == fb


def test_transport_cc_large_and_missing():
    fb = TransportFeedback(1, 2, 65534, -3, 9, [2, 0, 1, 2, 0, 0, 0, 0, 1], [-400, 7, 3000, 255])
    assert TransportFeedback.parse(15, bytes(fb)[4:]) == fb


def test_chromium_compound_sr_sdes():
    packets, dropped = parse_compound(SR + SDES)
    assert dropped == 0
    assert [type(p) for p in packets] == [SenderReport, SourceDescription]


@pytest.mark.parametrize(
    "extra",
    [
        H("80cc0002" "11111111" "6e616d65"),  # APP (PT=204) "name": unknown to the SFU
        H("80cf0002" "00000001" "04000000"),  # XR (PT=207)
        H("83cd0002" "00000001" "44444444"),  # RTPFB FMT=3 (TMMBR) unsupported
        H("81cd0002" "00000001" "44444444"),  # NACK without FCI: malformed
        H("8fce0003" "00000001" "00000000" "4e4f5045"),  # AFB that is not REMB
    ],
)
def test_unknown_or_malformed_packets_are_dropped_and_counted(extra):
    packets, dropped = parse_compound(RR + extra + PLI)
    assert dropped == 1
    assert [type(p) for p in packets] == [ReceiverReport, PictureLossIndication]


@pytest.mark.parametrize(
    "data",
    [
        H("81c9"),  # shorter than a header
        H("41c90001" "00000001"),  # version 1
        H("81c90007" "00000001"),  # length overruns the datagram
        H("a1c90001" "00000000"),  # padding flag with a zero pad count
        RR + H("81"),  # trailing garbage
    ],
)
def test_broken_framing_raises_parse_error(data):
    with pytest.raises(ParseError):
        parse_compound(data)
