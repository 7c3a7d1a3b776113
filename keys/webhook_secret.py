"""Webhook signing secrets and signatures.

A secret is ``whsec_`` + 32 random bytes (base64url). A delivery is signed as
``HMAC-SHA256(secret, timestamp || "." || body)`` in hex (RFC 2104), sent with its Unix
timestamp so receivers can refuse replays; verification compares in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_webhook_secret() -> str:
    """A fresh webhook secret (shown to the customer once, stored encrypted)."""
    return PREFIX + secrets.token_urlsafe(32)


def sign_webhook(secret: str, timestamp: int, body: bytes) -> str:
    """Hex signature of ``body`` sent at ``timestamp`` (Unix s)."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_webhook(secrets_: list[str], timestamp: int, body: bytes, signature: str) -> bool:
    """True when ``signature`` matches ``body`` under any of ``secrets_`` (current, previous)."""
    ok = False
    for secret in secrets_:
        ok |= hmac.compare_digest(sign_webhook(secret, timestamp, body), signature)
    return ok
