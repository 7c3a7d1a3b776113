"""STUN/TURN numbers: message methods, classes, attribute types, error codes.

RFC 8489 section 18 (STUN registries), RFC 8656 section 18 (TURN additions),
RFC 8656 section 18.2 (ADDITIONAL-ADDRESS-FAMILY, ADDRESS-ERROR-CODE).
"""

from __future__ import annotations

from enum import IntEnum

MAGIC_COOKIE = 0x2112A442
"""Fixed value of header bytes 4-8 (RFC 8489 section 5)."""
MAGIC_COOKIE_BYTES = MAGIC_COOKIE.to_bytes(4, "big")
HEADER_LENGTH = 20
"""Bytes in a STUN header: type (2), length (2), cookie (4), transaction id (12)."""
TRANSACTION_ID_LENGTH = 12
FINGERPRINT_XOR = 0x5354554E
"""XORed into the CRC-32 of FINGERPRINT (RFC 8489 section 14.7)."""
NONCE_COOKIE = "obMatJos2"
"""Prefix of a NONCE that carries security feature bits (RFC 8489 section 9.2)."""
FEATURE_PASSWORD_ALGORITHMS = 0x800000
"""Security feature bit 0: the server supports PASSWORD-ALGORITHMS (RFC 8489 section 18.5)."""
FEATURE_USERNAME_ANONYMITY = 0x400000
"""Security feature bit 1: the server accepts USERHASH (RFC 8489 section 18.5)."""


class Method(IntEnum):
    """STUN methods (RFC 8489 section 18.2, RFC 8656 section 18)."""

    BINDING = 0x001
    ALLOCATE = 0x003
    REFRESH = 0x004
    SEND = 0x006
    DATA = 0x007
    CREATE_PERMISSION = 0x008
    CHANNEL_BIND = 0x009


class MessageClass(IntEnum):
    """The two class bits of the message type (RFC 8489 section 5)."""

    REQUEST = 0b00
    INDICATION = 0b01
    SUCCESS = 0b10
    ERROR = 0b11


class Attr(IntEnum):
    """Attribute types (RFC 8489 section 18.3, RFC 8656 section 18).

    Types below 0x8000 are comprehension-required, the others comprehension-optional.
    """

    MAPPED_ADDRESS = 0x0001
    USERNAME = 0x0006
    MESSAGE_INTEGRITY = 0x0008
    ERROR_CODE = 0x0009
    UNKNOWN_ATTRIBUTES = 0x000A
    CHANNEL_NUMBER = 0x000C
    LIFETIME = 0x000D
    XOR_PEER_ADDRESS = 0x0012
    DATA = 0x0013
    REALM = 0x0014
    NONCE = 0x0015
    XOR_RELAYED_ADDRESS = 0x0016
    REQUESTED_ADDRESS_FAMILY = 0x0017
    EVEN_PORT = 0x0018
    REQUESTED_TRANSPORT = 0x0019
    DONT_FRAGMENT = 0x001A
    MESSAGE_INTEGRITY_SHA256 = 0x001C
    PASSWORD_ALGORITHM = 0x001D
    USERHASH = 0x001E
    XOR_MAPPED_ADDRESS = 0x0020
    RESERVATION_TOKEN = 0x0022
    PRIORITY = 0x0024
    USE_CANDIDATE = 0x0025
    PASSWORD_ALGORITHMS = 0x8002
    ALTERNATE_DOMAIN = 0x8003
    SOFTWARE = 0x8022
    ALTERNATE_SERVER = 0x8023
    FINGERPRINT = 0x8028
    ICE_CONTROLLED = 0x8029
    ICE_CONTROLLING = 0x802A
    ADDITIONAL_ADDRESS_FAMILY = 0x8000
    ADDRESS_ERROR_CODE = 0x8001
    ICMP = 0x8004
    RESPONSE_ORIGIN = 0x802B
    OTHER_ADDRESS = 0x802C


KNOWN_ATTRIBUTES = frozenset(int(a) for a in Attr)
"""Attribute types this codec understands; others below 0x8000 earn a 420."""


def is_comprehension_required(attr_type: int) -> bool:
    """True for attribute types 0x0000-0x7FFF (RFC 8489 section 14)."""
    return attr_type < 0x8000


class ErrorCode(IntEnum):
    """ERROR-CODE values (RFC 8489 section 14.8, RFC 8656 section 18, RFC 8445 section
    16.1: 487)."""

    TRY_ALTERNATE = 300
    BAD_REQUEST = 400
    UNAUTHENTICATED = 401
    FORBIDDEN = 403
    MOBILITY_FORBIDDEN = 405
    UNKNOWN_ATTRIBUTE = 420
    ALLOCATION_MISMATCH = 437
    STALE_NONCE = 438
    ADDRESS_FAMILY_NOT_SUPPORTED = 440
    WRONG_CREDENTIALS = 441
    UNSUPPORTED_TRANSPORT_PROTOCOL = 442
    PEER_ADDRESS_FAMILY_MISMATCH = 443
    ALLOCATION_QUOTA_REACHED = 486
    ROLE_CONFLICT = 487
    SERVER_ERROR = 500
    INSUFFICIENT_CAPACITY = 508


REASON_PHRASES: dict[int, str] = {
    ErrorCode.TRY_ALTERNATE: "Try Alternate",
    ErrorCode.BAD_REQUEST: "Bad Request",
    ErrorCode.UNAUTHENTICATED: "Unauthenticated",
    ErrorCode.FORBIDDEN: "Forbidden",
    ErrorCode.MOBILITY_FORBIDDEN: "Mobility Forbidden",
    ErrorCode.UNKNOWN_ATTRIBUTE: "Unknown Attribute",
    ErrorCode.ALLOCATION_MISMATCH: "Allocation Mismatch",
    ErrorCode.STALE_NONCE: "Stale Nonce",
    ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED: "Address Family not Supported",
    ErrorCode.WRONG_CREDENTIALS: "Wrong Credentials",
    ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL: "Unsupported Transport Protocol",
    ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH: "Peer Address Family Mismatch",
    ErrorCode.ALLOCATION_QUOTA_REACHED: "Allocation Quota Reached",
    ErrorCode.ROLE_CONFLICT: "Role Conflict",
    ErrorCode.SERVER_ERROR: "Server Error",
    ErrorCode.INSUFFICIENT_CAPACITY: "Insufficient Capacity",
}
"""The recommended reason phrase of each error code (RFC 8489 section 14.8, RFC 8656 section
18, RFC 8016 section 3.2 for 405): what an error response says when it has nothing more
specific."""


class PasswordAlgorithm(IntEnum):
    """PASSWORD-ALGORITHM values (RFC 8489 section 18.5)."""

    MD5 = 0x0001
    SHA256 = 0x0002


class AddressFamily(IntEnum):
    """Family byte of address attributes and of REQUESTED-ADDRESS-FAMILY."""

    IPV4 = 0x01
    IPV6 = 0x02


TRANSPORT_UDP = 17
"""Protocol number in REQUESTED-TRANSPORT for UDP (RFC 8656 section 18.10)."""
