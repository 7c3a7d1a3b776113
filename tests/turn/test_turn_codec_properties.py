"""Hypothesis properties of the STUN codec: round trips, and bytes never crash the parser."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from turn import stun
from turn.errors import ParseError
from turn.stun import Attr

_COMPUTED = {Attr.MESSAGE_INTEGRITY, Attr.MESSAGE_INTEGRITY_SHA256, Attr.FINGERPRINT}
attribute_types = st.integers(0, 0xFFFF).filter(lambda t: t not in _COMPUTED)
attributes = st.lists(st.tuples(attribute_types, st.binary(max_size=64)), max_size=8)
messages = st.builds(
    stun.Message,
    method=st.integers(0, 0xFFF),
    message_class=st.integers(0, 3),
    transaction_id=st.binary(min_size=12, max_size=12),
    attributes=attributes,
)


@given(messages, st.one_of(st.none(), st.binary(min_size=1, max_size=32)), st.booleans(),
       st.booleans())  # fmt: skip
def test_round_trip(message: stun.Message, key: bytes | None, fingerprint: bool, sha: bool) -> None:
    data = message.encode(key, fingerprint, sha256=sha)
    assert len(data) % 4 == 0
    parsed = stun.Message.parse(data)
    assert (parsed.method, parsed.message_class) == (message.method, message.message_class)
    assert parsed.transaction_id == message.transaction_id
    plain = [a for a in parsed.attributes if a[0] not in _COMPUTED]
    assert plain == message.attributes
    assert stun.verify_fingerprint(data) == fingerprint
    if key is not None:
        verify = stun.verify_message_integrity_sha256 if sha else stun.verify_message_integrity
        assert verify(data, key)
        assert not verify(data, key + b"!")
    assert parsed.encode(key, fingerprint, sha256=sha) == data


@given(st.integers(0, 0xFFF), st.integers(0, 3))
def test_message_type_round_trip(method: int, message_class: int) -> None:
    assert stun.decode_type(stun.encode_type(method, message_class)) == (method, message_class)


@given(st.ip_addresses(), st.integers(0, 0xFFFF), st.binary(min_size=12, max_size=12))
def test_xor_address_round_trip(ip: object, port: int, tid: bytes) -> None:
    address = (str(ip), port)
    # an IPv4-mapped IPv6 address (a dual-stack socket's IPv4 host) goes out as IPv4
    mapped = getattr(ip, "ipv4_mapped", None)
    expected = (str(mapped), port) if mapped is not None else address
    assert stun.decode_xor_address(stun.encode_xor_address(address, tid), tid) == expected
    assert stun.decode_address(stun.encode_address(address)) == expected


@given(st.integers(300, 699), st.text(max_size=40))
def test_error_code_round_trip(code: int, reason: str) -> None:
    assert stun.decode_error_code(stun.encode_error_code(code, reason)) == (code, reason)


def _parse_everything(data: bytes) -> None:
    message = stun.Message.parse(data)
    stun.verify_fingerprint(data)
    stun.verify_message_integrity(data, b"key")
    stun.verify_message_integrity_sha256(data, b"key")
    for _, value in message.attributes:
        for decode in (
            lambda v: stun.decode_xor_address(v, message.transaction_id),
            stun.decode_address,
            stun.decode_error_code,
            stun.decode_unknown_attributes,
            stun.decode_password_algorithms,
            stun.decode_text,
            stun.decode_u32,
            stun.decode_channel_number,
            stun.decode_even_port,
        ):
            try:
                decode(value)
            except ParseError:
                pass


@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        _parse_everything(data)
    except ParseError:
        pass


@given(st.integers(0, 0x3FFF), st.binary(min_size=12, max_size=12), st.binary(max_size=120))
def test_valid_header_arbitrary_body_raises_only_parse_error(
    message_type: int, tid: bytes, body: bytes
) -> None:
    data = struct.pack("!HHI", message_type, len(body), stun.MAGIC_COOKIE) + tid + body
    try:
        _parse_everything(data)
    except ParseError:
        pass


def _tlv(attr_type: int, value: bytes) -> bytes:
    return struct.pack("!HH", attr_type, len(value)) + value + b"\x00" * (-len(value) % 4)


def _raw(*tlvs: bytes) -> bytes:
    body = b"".join(tlvs)
    return struct.pack("!HHI", 0x0001, len(body), stun.MAGIC_COOKIE) + b"\x05" * 12 + body


def test_attributes_after_the_integrity_attributes_are_ignored() -> None:
    """RFC 8489 section 9: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and
    FINGERPRINT count; after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT. A MESSAGE-INTEGRITY
    after MESSAGE-INTEGRITY-SHA256, or a second one, was kept: an agent that checks
    MESSAGE-INTEGRITY (the SFU's ICE-lite responder) took an attribute it must ignore."""
    username = _tlv(Attr.USERNAME, b"u")
    sha256 = _tlv(Attr.MESSAGE_INTEGRITY_SHA256, b"\x01" * 32)
    sha1 = _tlv(Attr.MESSAGE_INTEGRITY, b"\x02" * 20)
    software = _tlv(Attr.SOFTWARE, b"ignored")
    fingerprint = _tlv(Attr.FINGERPRINT, b"\x03" * 4)
    cases = [
        ((username, sha256, sha1, software, fingerprint),
         [Attr.USERNAME, Attr.MESSAGE_INTEGRITY_SHA256, Attr.FINGERPRINT]),
        ((username, sha1, sha1, software, sha256, sha256, fingerprint),
         [Attr.USERNAME, Attr.MESSAGE_INTEGRITY, Attr.MESSAGE_INTEGRITY_SHA256,
          Attr.FINGERPRINT]),
        ((username, sha1, software, fingerprint),
         [Attr.USERNAME, Attr.MESSAGE_INTEGRITY, Attr.FINGERPRINT]),
    ]  # fmt: skip
    for tlvs, kept in cases:
        assert [t for t, _ in stun.Message.parse(_raw(*tlvs)).attributes] == kept
