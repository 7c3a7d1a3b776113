"""Stateless NONCEs bound to the client's 5-tuple (RFC 8489 section 9.2, RFC 8656 section 6).

A nonce is ``obMatJos2`` + 4 characters of security feature bits (RFC 8489 section 9.2)
followed by ``base64url(expiry (4 bytes, Unix s) || HMAC-SHA256(key, expiry || 5-tuple)[:8])``:
29 characters. Nothing is stored; a nonce presented from another 5-tuple or after its
expiry is refused, and the client receives a fresh one with 438 Stale Nonce.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time
from collections.abc import Callable
from enum import Enum

from .stun.attributes import encode_nonce_features

_MAC_LENGTH = 8


class NonceStatus(Enum):
    VALID = "valid"
    STALE = "stale"
    """Well-formed and authentic but expired."""
    INVALID = "invalid"
    """Not ours, or bound to another 5-tuple."""


class NonceIssuer:
    """Issues and checks nonces.

    Args:
        lifetime: seconds a nonce stays valid.
        features: 24 security feature bits announced in every nonce.
        secret: HMAC key; random when None (nonces then die with the process).
        clock: Unix time source, injectable for tests.
    """

    def __init__(
        self,
        lifetime: float,
        features: int,
        secret: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lifetime = lifetime
        self.prefix = encode_nonce_features(features)
        self._secret = secret if secret is not None else os.urandom(32)
        self._clock = clock

    def _mac(self, expiry: bytes, five_tuple: bytes) -> bytes:
        return hmac.new(self._secret, expiry + five_tuple, hashlib.sha256).digest()[:_MAC_LENGTH]

    def issue(self, five_tuple: bytes) -> str:
        """A new nonce for the connection identified by ``five_tuple`` (opaque bytes)."""
        expiry = struct.pack("!I", int(self._clock() + self.lifetime) & 0xFFFFFFFF)
        token = base64.urlsafe_b64encode(expiry + self._mac(expiry, five_tuple)).decode()
        return self.prefix + token.rstrip("=")

    def check(self, nonce: str, five_tuple: bytes) -> NonceStatus:
        """Is ``nonce`` one of ours, for ``five_tuple``, and unexpired?"""
        if not nonce.startswith(self.prefix) or len(nonce) != len(self.prefix) + 16:
            return NonceStatus.INVALID
        try:
            raw = base64.urlsafe_b64decode(nonce[len(self.prefix) :] + "==")
        except ValueError:
            return NonceStatus.INVALID
        if len(raw) != 4 + _MAC_LENGTH:
            return NonceStatus.INVALID
        expiry = raw[:4]
        if not hmac.compare_digest(raw[4:], self._mac(expiry, five_tuple)):
            return NonceStatus.INVALID
        if struct.unpack("!I", expiry)[0] <= self._clock():
            return NonceStatus.STALE
        return NonceStatus.VALID
