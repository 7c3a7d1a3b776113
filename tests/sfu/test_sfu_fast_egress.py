"""In-place SRTP egress and the once-per-packet extension scan: same bytes as the slow path."""

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pylibsrtp import Policy, Session

from sfu.control import WorkerStats
from sfu.errors import ParseError
from sfu.rtp.extensions import (
    URI_ABS_SEND_TIME,
    URI_AUDIO_LEVEL,
    URI_MID,
    abs_send_time_bytes,
    build_id_map,
    changed_ids_mask,
    remap_extensions,
    scan_extensions,
)
from sfu.rtp.header import EXT_END, EXT_PROFILE, EXT_START, read_header
from sfu.srtp import PROFILES, direct_access
from sfu.transport import RtpEgress
from tests.sfu.test_sfu_consumer import FakeClock, make_pair, vp8_packet


def _sessions() -> tuple[Session, Session]:
    profile = PROFILES[0]
    key = os.urandom(profile.key_length + profile.salt_length)
    out = Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile.libsrtp_profile)
    into = Policy(key=key, ssrc_type=Policy.SSRC_ANY_INBOUND, srtp_profile=profile.libsrtp_profile)
    return Session(out), Session(into)


class Capture:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes, tuple]] = []

    def __call__(self, data, addr) -> None:
        self.sent.append((bytes(data), addr))


def test_consumer_fast_path_sends_what_the_slow_path_would():
    pub_ext = {4: URI_MID, 2: URI_ABS_SEND_TIME, 1: URI_AUDIO_LEVEL}
    sub_ext = {URI_ABS_SEND_TIME: 7, URI_AUDIO_LEVEL: 9}
    ext = bytes([0x40, 0x30, 0x22, 0x01, 0x02, 0x03, 0x10, 0x7F])
    packets = [vp8_packet(100 + i, 3000 * i, keyframe=(i == 0), ext=ext) for i in range(5)]
    outputs = []
    for fast in (False, True):
        clock = FakeClock()
        producer, consumer, sub, _ = make_pair(clock, pub_ext)
        consumer.ssrc = 0x11223344  # same output stream in both runs
        consumer.activate(100, None, build_id_map(pub_ext, sub_ext), 7)
        tx, rx = _sessions()
        capture = Capture()
        if fast:
            direct = direct_access(tx)
            assert direct is not None
            sub.egress = RtpEgress(direct, capture, ("127.0.0.1", 9), sub.stats)
        for packet in packets:
            clock.now += 0.02
            producer.on_rtp(packet, read_header(packet), clock(), None)
        if fast:
            assert [a for _, a in capture.sent] == [("127.0.0.1", 9)] * 5
            assert sub.sent == [] and sub.stats.forwarded_packets == 5
            outputs.append([rx.unprotect(d) for d, _ in capture.sent])
        else:
            outputs.append(sub.sent)
    assert outputs[0] == outputs[1]
    # abs-send-time restamped (subscriber id 7) from the fake clock, mid blanked.
    first = outputs[1][0]
    assert first[16:24] == bytes([0x00, 0x00, 0x72]) + abs_send_time_bytes(10.02) + bytes(
        [0x90, 0x7F])


def test_egress_counts_protect_and_socket_failures():
    tx, _ = _sessions()
    direct = direct_access(tx)
    assert direct is not None
    stats = WorkerStats()

    def full(data, addr):
        raise BlockingIOError

    egress = RtpEgress(direct, full, ("127.0.0.1", 9), stats)
    packet = vp8_packet(1, 2, True)
    egress.view[: len(packet)] = packet
    egress.send(len(packet))
    assert stats.drops == {"send_buffer_full": 1} and stats.forwarded_packets == 0
    assert direct.protect_limit < direct.unprotect_limit


def _block(elements: list[tuple[int, bytes]]) -> bytes:
    body = b"".join(bytes([(i << 4) | (len(v) - 1)]) + v for i, v in elements)
    body += bytes(-len(body) % 4)
    return body


@given(st.binary(min_size=0, max_size=24), st.integers(0, 14))
def test_scan_raises_exactly_when_remap_raises(body, abs_id):
    body += bytes(-len(body) % 4)
    header = bytes([0x90, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    packet = header + bytes([0xBE, 0xDE, 0, len(body) // 4]) + body
    hdr = read_header(packet)
    id_map = bytes(range(256))
    try:
        remap_extensions(bytearray(packet), hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                         id_map)
        remap_error = False
    except ParseError:
        remap_error = True
    with pytest.raises(ParseError) if remap_error else _no_error():
        mask, pos = scan_extensions(packet, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                    abs_id)
        if pos >= 0:
            assert packet[pos - 1] >> 4 == abs_id and packet[pos - 1] & 0x0F == 2
        assert mask & 1 == 0 and mask & (1 << 15) == 0


class _no_error:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_scan_finds_ids_and_abs_send_time_and_identity_skips_remap():
    block = _block([(1, b"0"), (3, b"\x01\x02\x03")])
    packet = bytes([0x90, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0,
                    len(block) // 4]) + block
    hdr = read_header(packet)
    mask, pos = scan_extensions(packet, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], 3)
    assert mask == (1 << 1) | (1 << 3)
    assert packet[pos : pos + 3] == b"\x01\x02\x03"
    identity = build_id_map({1: URI_MID, 3: URI_ABS_SEND_TIME}, {URI_MID: 1, URI_ABS_SEND_TIME: 3})
    assert mask & changed_ids_mask(identity) == 0  # nothing to rewrite
    swapped = build_id_map({1: URI_MID, 3: URI_ABS_SEND_TIME}, {URI_ABS_SEND_TIME: 1})
    assert mask & changed_ids_mask(swapped) == mask
