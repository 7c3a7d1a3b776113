"""transport-cc feedback: chunk encoding and the arrival recorder/builder, from annotated
hex fixtures, round trips through the parser and hypothesis properties."""

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sfu.errors import ParseError
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.header import PT_RTPFB, pack_packet
from sfu.rtcp.twcc import FMT_TWCC, MAX_STATUS_COUNT, TransportFeedback, encode_chunks
from sfu.twcc_builder import TwccFeedbackBuilder

H = bytes.fromhex
SENDER, MEDIA = 0x11111111, 0x22222222

# seq 100 at 1.000 s, 101 at 1.001 s, 102 lost, 103 at 1.100 s, 104 (reordered) at 1.0995 s
BUILT = H(
    "8fcd0006"  # V=2 FMT=15 PT=205, length 6 words
    "11111111" "22222222"  # SSRC of packet sender, SSRC of media source
    "0064" "0005"  # base sequence 100, 5 statuses
    "00000f" "00"  # reference time 15 x 64 ms = 0.960 s (4000 ticks // 256), fb count 0
    "d4a0"  # two-bit vector 11|01 01 00 10 10 00 00: small, small, lost, large, large
    "a0"  # 160 ticks: 1.000 s - 0.960 s = 40 ms
    "04"  # 4 ticks = 1 ms
    "018c"  # 396 ticks = 99 ms (large: does not fit 8 bits)
    "fffe"  # -2 ticks = -0.5 ms (reordered arrival)
)


def test_builder_matches_annotated_fixture_and_round_trips():
    b = TwccFeedbackBuilder()
    b.record(100, 1.000, MEDIA)
    b.record(101, 1.001, MEDIA)
    b.record(104, 1.0995, MEDIA)
    b.record(103, 1.100, MEDIA)  # arrival order differs from sequence order
    assert b.pending
    (fb,) = b.build(SENDER)
    assert bytes(fb) == BUILT
    packets, dropped = parse_compound(BUILT)
    assert dropped == 0 and packets == [fb]
    assert not b.pending and b.build(SENDER) == []


def test_chunk_kinds():
    # run-length: status 1, run 20 -> 0|01|0000000010100
    assert encode_chunks([1] * 20) == [0x2014]
    # one-bit vector: 1|0| 1 0 1 1 0 0 0 0 0 0 0 1, then the trailing run of 2 as run-length
    statuses = [1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    assert encode_chunks(statuses) == [0xAC07, 0x0002]
    # two-bit vector padded with "not received" after the last status
    # 11|10 01 00 10 01 01 01, then the last status as a run of 1
    assert encode_chunks([2, 1, 0, 2, 1, 1, 1, 1]) == [0xE495, 0x2001]
    assert encode_chunks([2] * 9) == [0x4009]
    fb = TransportFeedback(1, 2, 65530, -5, 255, [2, 1, 0, 2] + [1] * 20 + [0] * 14,
                           [-300, 3, 0x7FFF] + [7] * 20)
    assert parse_compound(bytes(fb))[0] == [fb]


def test_sequence_wrap_and_late_packets():
    b = TwccFeedbackBuilder()
    b.record(65534, 10.0, MEDIA)
    b.record(1, 10.004, MEDIA)
    (fb,) = b.build(SENDER)
    assert (fb.base_sequence, fb.statuses) == (65534, [1, 0, 0, 1])
    b.record(65535, 10.005, MEDIA)  # already reported as lost: ignored
    b.record(2, 10.006, MEDIA)
    (fb,) = b.build(SENDER)
    assert (fb.base_sequence, fb.statuses, fb.feedback_count) == (2, [1], 1)
    assert b.late == 1


def test_long_pause_splits_packet_with_new_reference():
    b = TwccFeedbackBuilder()
    b.record(1, 0.0, MEDIA)
    b.record(2, 9.0, MEDIA)  # 36000 ticks: no signed 16-bit delta holds it
    first, second = b.build(SENDER)
    assert (first.base_sequence, first.statuses, first.reference_time) == (1, [1], 0)
    assert (second.base_sequence, second.statuses) == (2, [1])
    assert second.reference_time * 256 + second.deltas[0] == 36000


def test_state_and_output_are_bounded():
    b = TwccFeedbackBuilder(window=1024, max_packets=2)
    for seq in range(5000):
        b.record(seq, seq * 0.001, MEDIA)
    packets = b.build(SENDER)
    assert len(packets) == 2 and all(len(p.statuses) == 400 for p in packets)
    assert packets[0].base_sequence == 5000 - 1024  # older arrivals fell out of the ring
    rest = b.build(SENDER)
    assert sum(len(p.statuses) for p in rest) == 1024 - 800
    assert len(b._seqs) == 1024


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 2000)), min_size=1, max_size=300),
       st.integers(0, 0xFFFF), st.integers(1, 4))
def test_reported_arrivals_equal_recorded_ones(steps, start, builds_every):
    """Each received seq is reported once, with its arrival tick recoverable from the
    reference time and the running sum of deltas; lost ones are reported as lost."""
    b = TwccFeedbackBuilder(max_packets=64)
    seq, now_ms = start, 1000.0
    recorded: dict[int, int] = {}
    reported: dict[int, int | None] = {}

    def collect() -> None:
        for fb in b.build(SENDER):
            parsed = parse_compound(bytes(fb))[0][0]
            assert parsed == fb
            t = fb.reference_time * 256
            deltas = iter(fb.deltas)
            for k, status in enumerate(fb.statuses):
                s = (fb.base_sequence + k) & 0xFFFF
                assert s not in reported
                if status:
                    t += next(deltas)
                    reported[s] = t
                else:
                    reported[s] = None

    for n, (skip, gap_us) in enumerate(steps):
        seq = (seq + 1 + (skip if skip < 3 else 0)) & 0xFFFF
        now_ms += gap_us / 1000
        b.record(seq, now_ms / 1000, MEDIA)
        recorded[seq] = int(now_ms / 1000 * 4000 + 0.5)  # nearest 250 us tick
        if n % builds_every == 0:
            collect()
    collect()
    assert {s: t for s, t in reported.items() if t is not None} == recorded


def _not_received(count: int) -> bytes:
    """Feedback reporting ``count`` packets as not received, in 40 bytes or fewer: nine
    run-length chunks claim up to 73,719 statuses (a review's worker-stalling packet)."""
    chunks = []
    left = count
    while left:
        run = min(left, 0x1FFF)
        chunks.append(run)  # status 0, run length
        left -= run
    body = struct.pack("!IIHHI", 1, 2, 100, count, 0) + b"".join(
        struct.pack("!H", c) for c in chunks)
    body += bytes(-len(body) % 4)
    return bytes(pack_packet(FMT_TWCC, PT_RTPFB, body))


def test_feedback_over_the_send_history_is_refused_cheaply():
    """More statuses than the SFU keeps send times for (4096) match nothing: refused before
    they are expanded, and a datagram's feedback counts at most twice that in all."""
    assert len(TransportFeedback.parse(FMT_TWCC, _not_received(MAX_STATUS_COUNT)[4:]).statuses
               ) == MAX_STATUS_COUNT
    with pytest.raises(ParseError, match="4097 packets"):
        TransportFeedback.parse(FMT_TWCC, _not_received(MAX_STATUS_COUNT + 1)[4:])
    with pytest.raises(ParseError):
        TransportFeedback.parse(FMT_TWCC, _not_received(65535)[4:])
    packets, dropped = parse_compound(_not_received(MAX_STATUS_COUNT) * 3 + _not_received(65535))
    assert len(packets) == 2 and dropped == 2  # the datagram's budget was spent by two
