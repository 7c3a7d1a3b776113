"""The TURN REST API shared secret: the current one first, then the previous during rotation."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from keys.files import exclusive, read_key_file, write_private

TURN_FILE = "turn-secret.json"


def _make() -> bytes:
    return json.dumps({"secrets": [secrets.token_urlsafe(32)]}).encode()


def load_turn_secrets(keys_dir: Path) -> list[bytes]:
    """Return the accepted TURN secrets from ``turn-secret.json``, creating one if missing.

    The first is used to mint credentials; all are accepted when verifying.

    Raises:
        ParseError: the file is damaged (one line naming it).
    """
    return read_key_file(keys_dir / TURN_FILE, _make, _parse)


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
