"""The TURN REST API shared secret (current first, then the previous one during rotation)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from keys.files import read_or_create


def load_turn_secrets(keys_dir: Path) -> list[bytes]:
    """Return the accepted TURN secrets from ``turn-secret.json``, creating one if missing.

    The first is used to mint credentials; all are accepted when verifying.
    """

    def make() -> bytes:
        return json.dumps({"secrets": [secrets.token_urlsafe(32)]}).encode()

    doc = json.loads(read_or_create(keys_dir / "turn-secret.json", make))
    return [s.encode() for s in doc["secrets"]]
