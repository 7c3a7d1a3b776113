"""The SFU core's SRTP for the AES-GCM profiles (sfu/srtp_gcm.c: RFC 7714 over OpenSSL EVP)
against pylibsrtp (libsrtp on OpenSSL) with the same profile, key and policy (any SSRC,
replay window 1024, repeated sends allowed: sfu/srtp.py). Random RTP packets of several
SSRCs, across the sequence number wrap (the ROC increments), late, repeated and far-jumping:
the core's protect is byte-identical to pylibsrtp's and refuses the same packets; each side
unprotects the other's output to the original bytes and refuses the same replays. A flipped
bit anywhere, a replay and a packet older than the window are counted drops; the stream
tables are bounded; AES128_CM_SHA1_80 stays on libsrtp."""

from __future__ import annotations

import os
import socket
import struct

import pylibsrtp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylibsrtp import Policy, Session

from sfu.control import WorkerStats
from sfu.dtls import DtlsCertificate
from sfu.native_forward import load_core
from sfu.transport import WebRtcTransport

CORE, WHY = load_core()
pytestmark = pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}")
GCM = {7: 28, 8: 44}  # libsrtp profile (AEAD_AES_128_GCM, AEAD_AES_256_GCM) -> key + salt bytes
TX_STREAMS, RX_STREAMS = 2048, 64  # sfu/srtp_gcm.h


def reference(profile: int, key: bytes, outbound: bool) -> Session:
    """pylibsrtp session with sfu.srtp.SrtpContext's policy."""
    policy = Policy(key=key, srtp_profile=profile,
                    ssrc_type=Policy.SSRC_ANY_OUTBOUND if outbound else Policy.SSRC_ANY_INBOUND)
    policy.allow_repeat_tx = True
    policy.window_size = 1024
    return Session(policy)


def ref_protect(session: Session, rtp: bytes) -> bytes | None:
    try:
        return session.protect(rtp)
    except pylibsrtp.Error:
        return None


def ref_unprotect(session: Session, srtp: bytes) -> bytes | None:
    try:
        return session.unprotect(srtp)
    except pylibsrtp.Error:
        return None


def rtp(ssrc: int, seq: int, payload: bytes = b"\x55" * 20) -> bytes:
    return struct.pack("!BBHII", 0x80, 96, seq, 1000 * seq, ssrc) + payload


@st.composite
def extensions(draw: st.DrawFn) -> bytes:
    """An RTP header extension: RFC 8285 one-byte or two-byte elements, or any profile."""
    form = draw(st.sampled_from(["one-byte", "two-byte", "other"]))
    body = bytearray()
    if form == "one-byte":
        profile = 0xBEDE
        for _ in range(draw(st.integers(0, 5))):
            size = draw(st.integers(1, 16))
            body += bytes([(draw(st.integers(1, 14)) << 4) | (size - 1)])
            body += draw(st.binary(min_size=size, max_size=size))
    elif form == "two-byte":
        profile = 0x1000 | draw(st.integers(0, 15))
        for _ in range(draw(st.integers(0, 5))):
            size = draw(st.integers(0, 20))
            body += bytes([draw(st.integers(1, 255)), size])
            body += draw(st.binary(min_size=size, max_size=size))
    else:
        profile = draw(st.integers(0, 0xFFFF))
        body += draw(st.binary(max_size=40))
    body += bytes(-len(body) % 4)
    return struct.pack("!HH", profile, len(body) // 4) + bytes(body)


@st.composite
def packet_fields(draw: st.DrawFn) -> tuple[int, int, int, bytes, bytes | None, bytes, int]:
    """(marker, payload type, timestamp, CSRCs, extension or None, payload, padding)."""
    csrcs = draw(st.lists(st.integers(0, 2**32 - 1), max_size=15))
    extension = draw(st.none() | extensions())
    return (draw(st.integers(0, 1)), draw(st.integers(0, 127)), draw(st.integers(0, 2**32 - 1)),
            struct.pack(f"!{len(csrcs)}I", *csrcs), extension,
            draw(st.binary(max_size=1200)), draw(st.sampled_from([0, 0, 0, 1, 4])))  # fmt: skip


def build(ssrc: int, seq: int, fields: tuple) -> bytes:
    marker, pt, ts, csrcs, extension, payload, padding = fields
    b0 = 0x80 | (len(csrcs) // 4) | (0x10 if extension is not None else 0)
    b0 |= 0x20 if padding else 0
    pad = bytes(padding - 1) + bytes([padding]) if padding else b""
    return (struct.pack("!BBHII", b0, (marker << 7) | pt, seq, ts, ssrc) + csrcs
            + (extension or b"") + payload + pad)  # fmt: skip


# Sequence number steps: in order, late (inside the window), repeated, just inside and just
# outside the 1024-packet window, and jumps far enough to move the ROC estimate.
STEPS = st.one_of(st.integers(1, 3), st.integers(-40, 0), st.integers(-1030, -1020),
                  st.integers(100, 40000))  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=st.sampled_from(sorted(GCM)),
    ssrcs=st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=4, unique=True),
    starts=st.lists(st.integers(0, 65535), min_size=4, max_size=4),
    events=st.lists(st.tuples(st.integers(0, 3), STEPS, packet_fields()), max_size=60),
    wrap_fields=packet_fields(),
)
def test_protect_and_unprotect_match_pylibsrtp(profile: int, ssrcs: list[int], starts: list[int],
                                               events: list, wrap_fields: tuple) -> None:
    key = os.urandom(GCM[profile])
    tx, rx = CORE.SrtpSession(profile, key, True), CORE.SrtpSession(profile, key, False)
    ref_tx, ref_rx = reference(profile, key, True), reference(profile, key, False)
    # the first SSRC runs in order from just before the wrap past it: its ROC becomes 1
    plan = [(0, 65520 + step, wrap_fields) for step in range(40)]
    cursor = [start for start in starts]
    for index, step, fields in events:
        index %= len(ssrcs)
        cursor[index] = (cursor[index] + step) & 0xFFFF
        plan.append((index, cursor[index], fields))
    accepted = 0
    for index, seq, fields in plan:
        plain = build(ssrcs[index], seq & 0xFFFF, fields)
        ours, theirs = tx.protect(plain), ref_protect(ref_tx, plain)
        assert ours == theirs, (index, seq)
        if theirs is None:
            continue
        got, ref_got = rx.unprotect(theirs), ref_unprotect(ref_rx, ours)
        assert got == ref_got, (index, seq)
        assert got in (None, plain)
        accepted += got is not None
    assert accepted >= 40  # the in-order run over the wrap, on both sides


class Listener:
    """The transport's listener: what it hands up."""

    def __init__(self) -> None:
        self.rtp: list[bytes] = []

    def rtp_received(self, transport: object, plain: bytes) -> None:
        self.rtp.append(bytes(plain))


def receiving_transport(profile: int, key: bytes) -> tuple[WebRtcTransport, Listener]:
    """A publish transport whose RTP goes through a native inbound session of ``key``."""
    listener = Listener()
    transport = WebRtcTransport(
        direction="publish", room_id="r", participant_id="p", certificate=DtlsCertificate(),
        clock=lambda: 0.0, send=lambda data, addr: True, stats=WorkerStats(),
        listener=listener, consent_timeout=30.0, dtls_timeout=30.0,  # type: ignore[arg-type]
    )  # fmt: skip
    transport.native_rx = CORE.SrtpSession(profile, key, False)
    return transport, listener


@settings(max_examples=60, deadline=None)
@given(profile=st.sampled_from(sorted(GCM)), fields=packet_fields(), data=st.data())
def test_a_flipped_bit_anywhere_is_a_counted_drop(profile: int, fields: tuple,
                                                  data: st.DataObject) -> None:
    key = os.urandom(GCM[profile])
    plain = build(0x1234, 7, fields)
    srtp = CORE.SrtpSession(profile, key, True).protect(plain)
    assert srtp is not None and len(srtp) == len(plain) + 16
    bit = data.draw(st.integers(0, 8 * len(srtp) - 1), label="bit")
    tampered = bytearray(srtp)
    tampered[bit // 8] ^= 1 << (bit % 8)
    transport, listener = receiving_transport(profile, key)
    transport.receive_srtp(bytes(tampered))
    assert transport.stats.drops == {"srtp_unprotect": 1}
    assert listener.rtp == []
    transport.receive_srtp(srtp)  # the refused packet left the stream state as it was
    assert listener.rtp == [plain]


@pytest.mark.parametrize("profile", sorted(GCM))
def test_replays_and_packets_older_than_the_window_are_counted_drops(profile: int) -> None:
    key = os.urandom(GCM[profile])
    tx = CORE.SrtpSession(profile, key, True)
    transport, listener = receiving_transport(profile, key)
    sent = {seq: tx.protect(rtp(0xCAFE, seq)) for seq in (65000, 1000, 1010, 1011, 1012)}
    # 65000 then 1000: the ROC estimate is 1 for the second (RFC 3711 appendix A)
    for seq in (65000, 1000, 1012, 1010, 1000, 1010, 1011, 1011):
        transport.receive_srtp(sent[seq])
    # late 1010 and 1011 accepted once each; the repeats of 1000, 1010, 1011 refused
    assert listener.rtp == [rtp(0xCAFE, seq) for seq in (65000, 1000, 1012, 1010, 1011)]
    assert transport.stats.drops == {"srtp_unprotect": 3}
    # held back while 1014 + 1023 arrives: 1014 is then at the window's edge, 1013 beyond it
    held = {seq: tx.protect(rtp(0xCAFE, seq)) for seq in (1013, 1014)}
    transport.receive_srtp(tx.protect(rtp(0xCAFE, 1014 + 1023)))
    transport.receive_srtp(held[1013])
    transport.receive_srtp(held[1014])
    assert listener.rtp[-2:] == [rtp(0xCAFE, 1014 + 1023), rtp(0xCAFE, 1014)]
    assert transport.stats.drops == {"srtp_unprotect": 4}


@pytest.mark.parametrize("profile", sorted(GCM))
def test_protect_refuses_a_sequence_number_older_than_the_window(profile: int) -> None:
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind(("127.0.0.1", 0))
    stats = WorkerStats()
    try:
        forwarder = CORE.Forwarder(sender.fileno(), stats)
        session = CORE.SrtpSession(profile, os.urandom(GCM[profile]), True)
        egress = CORE.Egress(forwarder, session, sink.getsockname())
        for seq in (5000, 5000 - 1023, 5000, 5000 - 1024):  # repeat allowed, too old refused
            packet = rtp(0xBEEF, seq)
            egress.send(packet, len(packet))
    finally:
        sender.close()
        sink.close()
    assert stats.forwarded_packets == 3
    assert stats.drops == {"srtp_protect": 1}


@pytest.mark.parametrize(("profile", "outbound", "bound"),
                         [(7, True, TX_STREAMS), (8, False, RX_STREAMS), (1, False, RX_STREAMS),
                          (1, True, None)])
def test_stream_tables_are_bounded(profile: int, outbound: bool, bound: int | None) -> None:
    """A session takes SSRCs up to its table's size, then refuses new ones (old ones go
    on): GCM both ways, libsrtp (AES128_CM_SHA1_80) inbound, where it keeps a stream per
    SSRC it authenticated; a libsrtp outbound session has no bound."""
    key = os.urandom({1: 30, **GCM}[profile])
    tx = CORE.SrtpSession(profile, key, True)
    rx = CORE.SrtpSession(profile, key, False)
    session = tx if outbound else rx
    apply = session.protect if outbound else session.unprotect
    count = (bound or TX_STREAMS) + 1
    inputs = [rtp(ssrc, 1) for ssrc in range(1, count + 1)]
    if not outbound:
        inputs = [tx.protect(packet) for packet in inputs]
    results = [apply(data) for data in inputs]
    if bound is None:
        assert None not in results
        return
    assert None not in results[:bound] and results[bound] is None
    again = rtp(1, 2)
    assert apply(again if outbound else tx.protect(again)) is not None
    assert not session.wiped


@pytest.mark.parametrize("profile", sorted(GCM))
def test_wipe_stops_a_gcm_session(profile: int) -> None:
    key = os.urandom(GCM[profile])
    session = CORE.SrtpSession(profile, key, True)
    assert session.protect(rtp(1, 1)) is not None and not session.wiped
    session.wipe()
    assert session.wiped and session.protect(rtp(1, 2)) is None


@pytest.mark.parametrize(("profile", "length"), [(7, 44), (8, 28), (7, 0)])
def test_a_gcm_key_of_the_wrong_length_is_refused(profile: int, length: int) -> None:
    with pytest.raises(ValueError, match="bytes"):
        CORE.SrtpSession(profile, bytes(length), True)


def test_each_gcm_session_only_works_its_own_direction() -> None:
    key = os.urandom(GCM[7])
    tx, rx = CORE.SrtpSession(7, key, True), CORE.SrtpSession(7, key, False)
    srtp = tx.protect(rtp(9, 9))
    assert srtp is not None
    assert tx.unprotect(srtp) is None and rx.protect(rtp(9, 9)) is None
    assert rx.unprotect(srtp) == rtp(9, 9)
