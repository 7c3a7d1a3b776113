"""Typed values of STUN/TURN attributes: encode to and decode from attribute value bytes.

Each pair follows the RFC section named in its docstring. Decoders raise
:class:`~turn.errors.ParseError` on malformed values; encoders take already-valid values.
"""

from __future__ import annotations

import ipaddress
import struct
from base64 import b64decode, b64encode

from ..errors import ParseError
from .constants import (
    MAGIC_COOKIE,
    MAGIC_COOKIE_BYTES,
    NONCE_COOKIE,
    REASON_PHRASES,
    AddressFamily,
)

Address = tuple[str, int]
"""``(ip, port)``: ip as text (IPv4 dotted quad or compressed IPv6), port 0-65535."""

MAX_USERNAME_BYTES = 508
"""USERNAME is "fewer than 509 bytes" (RFC 8489 section 14.3; RFC 5389 allowed 512)."""
MAX_TEXT_BYTES = 763
"""REALM, NONCE, SOFTWARE and the ERROR-CODE reason are below 128 characters / 763 bytes."""


# --- addresses (RFC 8489 sections 14.1, 14.2; RFC 8656 sections 18.3, 18.5) -------------


def _wire_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address to put on the wire: an IPv4-mapped IPv6 address (how a dual-stack socket
    shows an IPv4 host) is that IPv4 address, family IPv4 (RFC 8489 sections 14.1, 14.2)."""
    ip = ipaddress.ip_address(text)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def encode_address(address: Address) -> bytes:
    """MAPPED-ADDRESS value: 0, family, port, 4 or 16 address bytes."""
    ip = _wire_ip(address[0])
    family = AddressFamily.IPV4 if ip.version == 4 else AddressFamily.IPV6
    return struct.pack("!BBH", 0, family, address[1]) + ip.packed


def decode_address(value: bytes) -> Address:
    """Decode a MAPPED-ADDRESS value into ``(ip, port)``."""
    if len(value) < 4:
        raise ParseError("address attribute too short")
    _, family, port = struct.unpack_from("!BBH", value, 0)
    if family == AddressFamily.IPV4 and len(value) == 8:
        return str(ipaddress.IPv4Address(value[4:8])), port
    if family == AddressFamily.IPV6 and len(value) == 20:
        return str(ipaddress.IPv6Address(value[4:20])), port
    raise ParseError("bad address family or length")


def _xor_pad(transaction_id: bytes) -> bytes:
    return MAGIC_COOKIE_BYTES + transaction_id


def encode_xor_address(address: Address, transaction_id: bytes) -> bytes:
    """XOR-MAPPED-ADDRESS / XOR-PEER-ADDRESS / XOR-RELAYED-ADDRESS value.

    The port is XORed with the cookie's top 16 bits, the address with the cookie (IPv4) or
    cookie + transaction id (IPv6). An IPv4-mapped IPv6 address is encoded as IPv4.
    """
    ip = _wire_ip(address[0])
    packed = ip.packed
    pad = _xor_pad(transaction_id)
    xored = bytes(b ^ p for b, p in zip(packed, pad, strict=False))
    family = AddressFamily.IPV4 if ip.version == 4 else AddressFamily.IPV6
    return struct.pack("!BBH", 0, family, address[1] ^ (MAGIC_COOKIE >> 16)) + xored


def decode_xor_address(value: bytes, transaction_id: bytes) -> Address:
    """Decode an XOR-*-ADDRESS value into ``(ip, port)``."""
    if len(value) < 4:
        raise ParseError("address attribute too short")
    _, family, xport = struct.unpack_from("!BBH", value, 0)
    pad = _xor_pad(transaction_id)
    if family == AddressFamily.IPV4 and len(value) == 8:
        raw = bytes(b ^ p for b, p in zip(value[4:8], pad, strict=False))
        return str(ipaddress.IPv4Address(raw)), xport ^ (MAGIC_COOKIE >> 16)
    if family == AddressFamily.IPV6 and len(value) == 20:
        raw = bytes(b ^ p for b, p in zip(value[4:20], pad, strict=True))
        return str(ipaddress.IPv6Address(raw)), xport ^ (MAGIC_COOKIE >> 16)
    raise ParseError("bad address family or length")


# --- numbers ---------------------------------------------------------------------------


def encode_u32(number: int) -> bytes:
    """32-bit big-endian value: LIFETIME (seconds, RFC 8656 18.4), PRIORITY, FINGERPRINT."""
    return struct.pack("!I", number)


def decode_u32(value: bytes) -> int:
    """Decode a 4-byte unsigned value."""
    if len(value) != 4:
        raise ParseError("expected a 4-byte value")
    return struct.unpack("!I", value)[0]


def encode_channel_number(channel: int) -> bytes:
    """CHANNEL-NUMBER value: number (2 bytes) then RFFU zeros (RFC 8656 section 18.1)."""
    return struct.pack("!HH", channel, 0)


def decode_channel_number(value: bytes) -> int:
    """Decode CHANNEL-NUMBER; the range check (0x4000-0x4FFF) is the server's."""
    if len(value) != 4:
        raise ParseError("CHANNEL-NUMBER must be 4 bytes")
    return struct.unpack_from("!H", value, 0)[0]


def encode_requested_transport(protocol: int) -> bytes:
    """REQUESTED-TRANSPORT value: IP protocol number then 3 RFFU bytes (RFC 8656 18.6)."""
    return struct.pack("!B3x", protocol)


def decode_requested_transport(value: bytes) -> int:
    """Decode REQUESTED-TRANSPORT into the IP protocol number (17 = UDP)."""
    if len(value) != 4:
        raise ParseError("REQUESTED-TRANSPORT must be 4 bytes")
    return value[0]


def encode_address_family(family: int) -> bytes:
    """REQUESTED- / ADDITIONAL-ADDRESS-FAMILY value: family then 3 RFFU bytes (RFC 8656 18.8)."""
    return struct.pack("!B3x", family)


def decode_address_family(value: bytes) -> int:
    """Decode an address family attribute (1 = IPv4, 2 = IPv6; others are returned as is)."""
    if len(value) != 4:
        raise ParseError("address family attribute must be 4 bytes")
    return value[0]


def encode_even_port(reserve: bool) -> bytes:
    """EVEN-PORT value: the R bit asks to reserve the next port (RFC 8656 section 18.7)."""
    return b"\x80" if reserve else b"\x00"


def decode_even_port(value: bytes) -> bool:
    """Decode EVEN-PORT into its R (reserve next port) flag."""
    if len(value) != 1:
        raise ParseError("EVEN-PORT must be 1 byte")
    return bool(value[0] & 0x80)


def decode_reservation_token(value: bytes) -> bytes:
    """RESERVATION-TOKEN is 8 opaque bytes (RFC 8656 section 18.9)."""
    if len(value) != 8:
        raise ParseError("RESERVATION-TOKEN must be 8 bytes")
    return value


# --- text ------------------------------------------------------------------------------


def encode_text(text: str) -> bytes:
    """UTF-8 value of USERNAME, REALM, NONCE or SOFTWARE."""
    return text.encode()


def decode_text(value: bytes, limit: int = MAX_TEXT_BYTES) -> str:
    """Decode a UTF-8 attribute of at most ``limit`` bytes."""
    if len(value) > limit:
        raise ParseError("text attribute too long")
    try:
        return value.decode()
    except UnicodeDecodeError as exc:
        raise ParseError("text attribute is not UTF-8") from exc


# --- ERROR-CODE and UNKNOWN-ATTRIBUTES (RFC 8489 sections 14.8, 14.9) ------------------


def encode_error_code(code: int, reason: str | None = None) -> bytes:
    """ERROR-CODE value: 21 zero bits, class (hundreds), number (0-99), UTF-8 reason (the
    code's recommended phrase, :data:`REASON_PHRASES`, when ``reason`` is None)."""
    phrase = REASON_PHRASES.get(code, "") if reason is None else reason
    return struct.pack("!HBB", 0, code // 100, code % 100) + phrase.encode()


def decode_error_code(value: bytes) -> tuple[int, str]:
    """Decode ERROR-CODE into ``(code, reason)``; code is 300-699."""
    if len(value) < 4:
        raise ParseError("ERROR-CODE too short")
    klass = value[2] & 0x07
    number = value[3]
    if not 3 <= klass <= 6 or number > 99:
        raise ParseError("ERROR-CODE out of range")
    return klass * 100 + number, decode_text(value[4:])


def encode_unknown_attributes(types: list[int]) -> bytes:
    """UNKNOWN-ATTRIBUTES value: a list of 16-bit types."""
    return b"".join(struct.pack("!H", t) for t in types)


def decode_unknown_attributes(value: bytes) -> list[int]:
    """Decode UNKNOWN-ATTRIBUTES into attribute types."""
    if len(value) % 2:
        raise ParseError("UNKNOWN-ATTRIBUTES length must be even")
    return [t for (t,) in struct.iter_unpack("!H", value)]


# --- password algorithms (RFC 8489 sections 14.11, 14.12) ------------------------------


def encode_password_algorithm(algorithm: int, parameters: bytes = b"") -> bytes:
    """PASSWORD-ALGORITHM value: algorithm (2), parameter length (2), parameters, padding."""
    return (
        struct.pack("!HH", algorithm, len(parameters))
        + parameters
        + b"\x00" * (-len(parameters) % 4)
    )


def decode_password_algorithm(value: bytes) -> int:
    """Decode PASSWORD-ALGORITHM into its algorithm number (parameters are ignored)."""
    algorithms = decode_password_algorithms(value)
    if len(algorithms) != 1:
        raise ParseError("PASSWORD-ALGORITHM must hold exactly one algorithm")
    return algorithms[0]


def encode_password_algorithms(algorithms: list[int]) -> bytes:
    """PASSWORD-ALGORITHMS value: a list of parameterless algorithm entries."""
    return b"".join(encode_password_algorithm(a) for a in algorithms)


def decode_password_algorithms(value: bytes) -> list[int]:
    """Decode PASSWORD-ALGORITHMS into algorithm numbers."""
    algorithms = []
    pos = 0
    while pos < len(value):
        if pos + 4 > len(value):
            raise ParseError("truncated password algorithm")
        algorithm, length = struct.unpack_from("!HH", value, pos)
        pos += 4 + length + (-length % 4)
        if pos > len(value):
            raise ParseError("password algorithm parameters run past the value")
        algorithms.append(algorithm)
    return algorithms


# --- NONCE security features (RFC 8489 section 9.2) ------------------------------------


def decode_nonce_features(nonce: str) -> int | None:
    """The 24 security feature bits of a nonce starting with ``obMatJos2``, else None."""
    if not nonce.startswith(NONCE_COOKIE) or len(nonce) < len(NONCE_COOKIE) + 4:
        return None
    try:
        raw = b64decode(nonce[len(NONCE_COOKIE) : len(NONCE_COOKIE) + 4], validate=True)
    except ValueError:
        return None
    return int.from_bytes(raw, "big")


def encode_nonce_features(features: int) -> str:
    """``obMatJos2`` followed by the 24 feature bits in 4 base64 characters."""
    return NONCE_COOKIE + b64encode(features.to_bytes(3, "big")).decode()
