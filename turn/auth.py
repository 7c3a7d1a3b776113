"""Long-term credential authentication of TURN requests (RFC 8489 section 9.2, RFC 8656 6).

Usernames are TURN REST API ones (``"<expiry>:<user>"``, password derived from one of the
shared secrets, see :mod:`turn.credentials`) or static users. PASSWORD-ALGORITHMS are
negotiated as RFC 8489 section 9.2.4 describes, with nonces from :mod:`turn.nonce`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import TurnConfig
from .credentials import parse_rest_username, rest_password
from .errors import ParseError
from .nonce import NonceIssuer, NonceStatus
from .stun.attributes import (
    MAX_USERNAME_BYTES,
    decode_nonce_features,
    decode_password_algorithm,
    decode_text,
    encode_password_algorithms,
)
from .stun.constants import (
    FEATURE_PASSWORD_ALGORITHMS,
    FEATURE_USERNAME_ANONYMITY,
    Attr,
    ErrorCode,
    PasswordAlgorithm,
)
from .stun.integrity import (
    long_term_key,
    userhash,
    verify_message_integrity,
    verify_message_integrity_sha256,
)
from .stun.message import Message

SUPPORTED_ALGORITHMS = [PasswordAlgorithm.SHA256, PasswordAlgorithm.MD5]
"""Server preference order announced in PASSWORD-ALGORITHMS."""
PASSWORD_ALGORITHMS_VALUE = encode_password_algorithms(list(SUPPORTED_ALGORITHMS))


@dataclass(frozen=True, slots=True)
class Authenticated:
    """A request that passed: its username, the key and MAC kind to sign the answer with."""

    username: str
    key: bytes
    sha256: bool


@dataclass(frozen=True, slots=True)
class Rejected:
    """A request that failed: error ``code``, metric ``reason``, and whether the answer
    carries a fresh REALM/NONCE/PASSWORD-ALGORITHMS challenge."""

    code: int
    reason: str
    challenge: bool


class Authenticator:
    """Checks USERNAME/USERHASH, REALM, NONCE and MESSAGE-INTEGRITY(-SHA256) of requests."""

    def __init__(
        self,
        config: TurnConfig,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.realm = config.realm
        self._clock = clock
        features = FEATURE_PASSWORD_ALGORITHMS
        if config.static_users:
            features |= FEATURE_USERNAME_ANONYMITY
        self.nonces = NonceIssuer(config.nonce_lifetime, features, config.nonce_secret, clock)
        self._userhashes = {userhash(name, config.realm): name for name in config.static_users}

    def challenge(self, response: Message, five_tuple_key: bytes) -> None:
        """Add REALM, a new NONCE and PASSWORD-ALGORITHMS to an error ``response``."""
        response.add(Attr.REALM, self.realm.encode())
        response.add(Attr.NONCE, self.nonces.issue(five_tuple_key).encode())
        response.add(Attr.PASSWORD_ALGORITHMS, PASSWORD_ALGORITHMS_VALUE)

    def _passwords(self, username: str) -> list[str] | Rejected:
        static = self.config.static_users.get(username)
        if static is not None:
            return [static]
        if not self.config.secrets:
            return Rejected(ErrorCode.UNAUTHENTICATED, "unknown_user", True)
        try:
            expiry, _ = parse_rest_username(username)
        except ParseError:
            return Rejected(ErrorCode.UNAUTHENTICATED, "bad_username", True)
        if expiry < self._clock():
            return Rejected(ErrorCode.UNAUTHENTICATED, "expired", True)
        return [rest_password(secret, username) for secret in self.config.secrets]

    def authenticate(
        self, message: Message, raw: bytes, five_tuple_key: bytes
    ) -> Authenticated | Rejected:
        """Run RFC 8489 section 9.2.4 on a request, its checks in the order specified there;
        ``raw`` is the message as received."""
        has_sha256 = Attr.MESSAGE_INTEGRITY_SHA256 in message
        if not has_sha256 and Attr.MESSAGE_INTEGRITY not in message:
            return Rejected(ErrorCode.UNAUTHENTICATED, "challenge", True)
        username_value = message.get(Attr.USERNAME)
        hashed = message.get(Attr.USERHASH)
        realm_value = message.get(Attr.REALM)
        nonce_value = message.get(Attr.NONCE)
        if (username_value is None and hashed is None) or realm_value is None or not nonce_value:
            return Rejected(ErrorCode.BAD_REQUEST, "missing_attributes", False)
        try:
            nonce = decode_text(nonce_value)
            realm = decode_text(realm_value)
        except ParseError:
            return Rejected(ErrorCode.BAD_REQUEST, "malformed_attributes", False)

        # Password algorithm negotiation and downgrade protection (RFC 8489 section 9.2.4).
        algorithm = PasswordAlgorithm.MD5
        negotiated = False
        features = decode_nonce_features(nonce)
        if features is not None and features & FEATURE_PASSWORD_ALGORITHMS:
            offered = message.get(Attr.PASSWORD_ALGORITHMS)
            chosen = message.get(Attr.PASSWORD_ALGORITHM)
            negotiated = offered is not None or chosen is not None
            if negotiated:
                if offered != PASSWORD_ALGORITHMS_VALUE or chosen is None:
                    return Rejected(ErrorCode.BAD_REQUEST, "password_algorithm", False)
                try:
                    value = decode_password_algorithm(chosen)
                except ParseError:
                    return Rejected(ErrorCode.BAD_REQUEST, "password_algorithm", False)
                if value not in SUPPORTED_ALGORITHMS:
                    return Rejected(ErrorCode.BAD_REQUEST, "password_algorithm", False)
                algorithm = PasswordAlgorithm(value)

        if realm != self.realm:
            return Rejected(ErrorCode.UNAUTHENTICATED, "wrong_realm", True)

        if hashed is not None and username_value is None:
            found = self._userhashes.get(hashed)
            if found is None:
                return Rejected(ErrorCode.UNAUTHENTICATED, "unknown_user", True)
            username = found
        else:
            assert username_value is not None
            try:
                username = decode_text(username_value, MAX_USERNAME_BYTES)
            except ParseError:
                return Rejected(ErrorCode.UNAUTHENTICATED, "bad_username", True)
        passwords = self._passwords(username)
        if isinstance(passwords, Rejected):
            return passwords
        for password in passwords:
            try:
                key = long_term_key(username, realm, password, algorithm)
            except ParseError:
                continue
            # RFC 8489 section 14.6: the full 32 bytes, since RFC 8656 allows no truncation
            if (
                verify_message_integrity_sha256(raw, key, min_length=32)
                if has_sha256
                else verify_message_integrity(raw, key)
            ):
                # RFC 8489 section 9.2.4 checks the NONCE last: 438 only to a request
                # whose credentials are right, 401 to one whose credentials are wrong
                status = self.nonces.check(nonce, five_tuple_key)
                if status is not NonceStatus.VALID:
                    reason = "stale_nonce" if status is NonceStatus.STALE else "invalid_nonce"
                    return Rejected(ErrorCode.STALE_NONCE, reason, True)
                # RFC 8489 section 9.2.4: responses carry MESSAGE-INTEGRITY-SHA256 unless
                # the request was processed as MD5 for want of PASSWORD-ALGORITHM(S); then
                # MESSAGE-INTEGRITY, except to a client that signed with SHA-256 only and
                # can check no other (as section 9.1.4 answers short-term requests).
                return Authenticated(username, key, negotiated or has_sha256)
        return Rejected(ErrorCode.UNAUTHENTICATED, "bad_integrity", True)
