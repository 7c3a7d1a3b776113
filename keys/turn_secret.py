"""The TURN REST API shared secret: the current one first, then the previous during rotation."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from keys.errors import ParseError
from keys.files import exclusive, read_key_file, write_private

TURN_FILE = "turn-secret.json"
MIN_TURN_SECRET = 16
"""Fewest characters besides whitespace in a TURN secret (whoever knows it mints
credentials): for ``turn_secret`` and for each secret in ``turn-secret.json``."""


def is_weak_turn_secret(secret: str) -> bool:
    """True for a secret of fewer than :data:`MIN_TURN_SECRET` characters besides whitespace
    (an empty or blank one is as open as none: a template that rendered nothing)."""
    return sum(not c.isspace() for c in secret) < MIN_TURN_SECRET


def _make() -> bytes:
    return json.dumps({"secrets": [secrets.token_urlsafe(32)]}).encode()


def load_turn_secrets(keys_dir: Path) -> list[bytes]:
    """Return the accepted TURN secrets from ``turn-secret.json``, creating one if missing.

    The first is used to mint credentials; all are accepted when verifying.

    Raises:
        ParseError: the file is damaged, or holds a secret of fewer than
            :data:`MIN_TURN_SECRET` characters (an operator's edit); one line naming it.
    """
    path = keys_dir / TURN_FILE
    listed = read_key_file(path, _make, _parse)
    if any(is_weak_turn_secret(secret.decode()) for secret in listed):
        raise ParseError(f"{path} holds a TURN secret of fewer than {MIN_TURN_SECRET} "
                         "characters besides whitespace: anyone could guess it and mint "
                         "credentials; write a longer one (e.g. the output of `openssl rand "
                         "-base64 32`)")
    return listed


def _parse(doc: dict) -> list[bytes]:
    listed = doc["secrets"]
    if not isinstance(listed, list) or not listed or not all(
        isinstance(s, str) and s for s in listed
    ):
        raise ValueError("no TURN secret")
    return [s.encode() for s in listed]


def rotate_turn_secret(keys_dir: Path) -> list[bytes]:
    """Generate a new current secret and keep only the previous one besides it.

    Credentials minted before the rotation stay valid until the next rotation; rotate again
    after the credential TTL to retire the previous secret. Returns the new list.
    """
    with exclusive(keys_dir):  # another rotation at once must not be lost
        previous = load_turn_secrets(keys_dir)[0].decode()
        doc = {"secrets": [secrets.token_urlsafe(32), previous]}
        write_private(keys_dir / TURN_FILE, json.dumps(doc).encode())
        return load_turn_secrets(keys_dir)
