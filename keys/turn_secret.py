"""The TURN REST API shared secret: the current one first, then the previous during rotation."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from keys.errors import KeysError, ParseError
from keys.files import exclusive, read_key_file, write_private

TURN_FILE = "turn-secret.json"
MIN_TURN_SECRET = 16
"""Fewest visible characters in a TURN secret (whoever knows it mints credentials): for
``turn_secret`` and for each secret in ``turn-secret.json``."""
WEAK_TURN_SECRET = (f"fewer than {MIN_TURN_SECRET} visible characters (whitespace, control "
                    "and invisible format characters do not count)")
"""How a refused secret is described."""


def is_weak_turn_secret(secret: str) -> bool:
    """True for a secret of fewer than :data:`MIN_TURN_SECRET` visible characters: an empty
    or blank one, or one of NULs or zero-width spaces, is as open as none (a template that
    rendered nothing)."""
    return sum(c.isprintable() and not c.isspace() for c in secret) < MIN_TURN_SECRET


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
    listed = ensure_turn_secret_file(keys_dir)
    if any(is_weak_turn_secret(secret.decode()) for secret in listed):
        raise ParseError(f"{path} holds a TURN secret of {WEAK_TURN_SECRET}: anyone could "
                         "guess it and mint credentials; write a longer one (e.g. the output "
                         "of `openssl rand -base64 32`)")
    return listed


def ensure_turn_secret_file(keys_dir: Path) -> list[bytes]:
    """The secrets of ``turn-secret.json`` (created if missing), unchecked for strength: for
    a data dir whose servers use the ``turn_secret`` setting instead.

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


class RotatedTooSoon(KeysError):
    """The previous rotation is more recent than the caller's ``not_within``: another one
    would drop the secret that rotation replaced while it may still be in use."""

    def __init__(self, rotated_at: float) -> None:
        super().__init__(f"TURN secret rotated at {rotated_at}")
        self.rotated_at = rotated_at


def rotate_turn_secret(keys_dir: Path, not_within: float,
                       now: float | None = None) -> list[bytes]:
    """Generate a new current secret and keep only the previous one besides it.

    Credentials minted before the rotation stay valid until the next rotation, which drops
    the secret this one replaced. The time of the rotation is recorded in the file.
    Returns the new list.

    Raises:
        RotatedTooSoon: the previous rotation was less than ``not_within`` seconds ago
            (nothing is changed); 0 rotates regardless.
    """
    with exclusive(keys_dir):  # another rotation at once must not be lost
        moment = time.time() if now is None else now  # after the rotation that held the lock
        previous = load_turn_secrets(keys_dir)[0].decode()
        rotated_at = json.loads((keys_dir / TURN_FILE).read_bytes()).get("rotated_at")
        if isinstance(rotated_at, (int, float)) and moment - rotated_at < not_within:
            raise RotatedTooSoon(rotated_at)
        doc = {"secrets": [secrets.token_urlsafe(32), previous], "rotated_at": moment}
        write_private(keys_dir / TURN_FILE, json.dumps(doc).encode())
        return load_turn_secrets(keys_dir)
