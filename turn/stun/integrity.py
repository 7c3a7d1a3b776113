"""MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT on raw message bytes.

RFC 8489 sections 14.5 (HMAC-SHA1), 14.6 (HMAC-SHA256), 14.7 (CRC-32 FINGERPRINT) and
9.2.2 (long-term key derivation). All functions take the message as sent on the wire; the
header length field is rewritten for the computation as the RFC requires.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
import zlib

from .constants import FINGERPRINT_XOR, HEADER_LENGTH, Attr, PasswordAlgorithm
from .saslprep import saslprep

_SHA1_LENGTH = 20
_SHA256_LENGTH = 32


def _with_length(data: bytes | memoryview, body_length: int) -> bytes:
    return bytes(data[0:2]) + struct.pack("!H", body_length) + bytes(data[4:])


def compute_fingerprint(prefix: bytes) -> int:
    """CRC-32 XOR 0x5354554E over ``prefix`` (the message up to FINGERPRINT).

    ``prefix`` must already carry a header length that counts the FINGERPRINT attribute.
    """
    return (zlib.crc32(prefix) ^ FINGERPRINT_XOR) & 0xFFFFFFFF


def hmac_sha1(key: bytes, prefix: bytes) -> bytes:
    """HMAC-SHA1 over ``prefix`` whose header length already counts MESSAGE-INTEGRITY."""
    return hmac.new(key, prefix, hashlib.sha1).digest()


def hmac_sha256(key: bytes, prefix: bytes) -> bytes:
    """HMAC-SHA256 over ``prefix`` whose header length counts MESSAGE-INTEGRITY-SHA256."""
    return hmac.new(key, prefix, hashlib.sha256).digest()


def _find_attribute(raw: bytes, wanted: int) -> tuple[int, int] | None:
    """Offset and value length of the first ``wanted`` attribute, or None (no bounds trust)."""
    pos = HEADER_LENGTH
    end = len(raw)
    while pos + 4 <= end:
        attr_type, attr_len = struct.unpack_from("!HH", raw, pos)
        if attr_type == wanted:
            if pos + 4 + attr_len > end:
                return None
            return pos, attr_len
        pos += 4 + attr_len + (-attr_len % 4)
    return None


def verify_message_integrity(raw: bytes, key: bytes) -> bool:
    """Check MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 section 14.5) of ``raw`` with ``key``.

    ``key`` is the short-term password or the long-term key (:func:`long_term_key`).
    Returns False when the attribute is missing or malformed.
    """
    found = _find_attribute(raw, Attr.MESSAGE_INTEGRITY)
    if found is None or found[1] != _SHA1_LENGTH:
        return False
    pos, _ = found
    prefix = _with_length(raw[:pos], pos + 4 + _SHA1_LENGTH - HEADER_LENGTH)
    return hmac.compare_digest(raw[pos + 4 : pos + 24], hmac_sha1(key, prefix))


def verify_message_integrity_sha256(raw: bytes, key: bytes, *, min_length: int = 16) -> bool:
    """Check MESSAGE-INTEGRITY-SHA256 (RFC 8489 section 14.6) of ``raw`` with ``key``.

    A truncated HMAC of ``min_length`` to 32 bytes (multiple of 4) is accepted: 16 is the
    least the RFC allows, and a usage that does not allow truncation (TURN, RFC 8656)
    passes 32.
    """
    found = _find_attribute(raw, Attr.MESSAGE_INTEGRITY_SHA256)
    if found is None:
        return False
    pos, length = found
    if length < max(16, min_length) or length > _SHA256_LENGTH or length % 4:
        return False
    prefix = _with_length(raw[:pos], pos + 4 + length - HEADER_LENGTH)
    return hmac.compare_digest(raw[pos + 4 : pos + 4 + length], hmac_sha256(key, prefix)[:length])


def verify_fingerprint(raw: bytes) -> bool:
    """Check the FINGERPRINT attribute of ``raw`` (RFC 8489 section 14.7).

    False when it is missing, malformed or not the last attribute.
    """
    found = _find_attribute(raw, Attr.FINGERPRINT)
    if found is None or found[1] != 4 or found[0] + 8 != len(raw):
        return False
    pos, _ = found
    (value,) = struct.unpack_from("!I", raw, pos + 4)
    return value == compute_fingerprint(_with_length(raw[:pos], pos + 8 - HEADER_LENGTH))


def long_term_key(
    username: str,
    realm: str,
    password: str,
    algorithm: PasswordAlgorithm = PasswordAlgorithm.MD5,
) -> bytes:
    """Long-term credential key (RFC 8489 section 9.2.2).

    MD5 or SHA-256 of ``username ":" realm ":" SASLprep(password)`` (UTF-8): 16 or 32 bytes.
    """
    text = f"{username}:{realm}:{saslprep(password)}".encode()
    if algorithm == PasswordAlgorithm.SHA256:
        return hashlib.sha256(text).digest()
    return hashlib.md5(text, usedforsecurity=False).digest()


def userhash(username: str, realm: str) -> bytes:
    """USERHASH value: SHA-256 of ``username ":" realm`` (RFC 8489 section 14.4), 32 bytes."""
    return hashlib.sha256(f"{username}:{realm}".encode()).digest()
