"""TURN REST API credentials (draft-uberti-behave-turn-rest-00, as coturn implements it).

The username is ``"<expiry unix seconds>:<user>"`` and the password is
``base64(HMAC-SHA1(secret, username))``. A signaling server that shares ``secret`` with the
TURN server mints them without any call to it; the TURN server recomputes the password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from .errors import ParseError

SEPARATOR = ":"


def rest_password(secret: bytes, username: str) -> str:
    """``base64(HMAC-SHA1(secret, username))`` as ASCII text (28 characters)."""
    digest = hmac.new(secret, username.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def rest_credentials(
    secret: bytes, user: str, ttl_s: int, now: float | None = None
) -> tuple[str, str]:
    """Mint ``(username, password)`` valid for ``ttl_s`` seconds from ``now`` (Unix time).

    ``user`` is an opaque identifier (use a random or pseudonymous id, not a name); it may
    be empty. Raises ValueError when ``ttl_s`` is not positive.
    """
    if ttl_s <= 0:
        raise ValueError("ttl_s must be positive")
    expiry = int(time.time() if now is None else now) + int(ttl_s)
    username = f"{expiry}{SEPARATOR}{user}"
    return username, rest_password(secret, username)


def parse_rest_username(username: str) -> tuple[int, str]:
    """Split a REST username into ``(expiry unix seconds, user)``.

    Raises:
        ParseError: no separator, or the expiry is not a decimal number of at most 12 digits.
    """
    expiry_text, sep, user = username.partition(SEPARATOR)
    if not sep or not expiry_text.isascii() or not expiry_text.isdigit() or len(expiry_text) > 12:
        raise ParseError("username is not <expiry>:<user>")
    return int(expiry_text), user
