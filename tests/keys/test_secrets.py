"""TURN secret rotation (current + previous) and webhook secrets."""

from __future__ import annotations

import time
from pathlib import Path

from keys.turn_secret import load_turn_secrets, rotate_turn_secret
from keys.webhook_secret import new_webhook_secret, sign_webhook, verify_webhook


def test_turn_secret_rotation_keeps_exactly_the_previous(tmp_path: Path) -> None:
    first = load_turn_secrets(tmp_path)
    assert len(first) == 1 and len(first[0]) >= 43
    second = rotate_turn_secret(tmp_path)
    assert second[1:] == first and second[0] != first[0]
    third = rotate_turn_secret(tmp_path)
    assert third[1:] == second[:1]
    assert oct((tmp_path / "turn-secret.json").stat().st_mode & 0o777) == "0o600"


def test_webhook_signatures() -> None:
    current, previous = new_webhook_secret(), new_webhook_secret()
    assert current.startswith("whsec_") and current != previous
    now = int(time.time())
    signature = sign_webhook(previous, now, b'{"type":"room.session.started"}')
    assert verify_webhook([current, previous], now, b'{"type":"room.session.started"}', signature)
    assert not verify_webhook([current], now, b'{"type":"room.session.started"}', signature)
    assert not verify_webhook([previous], now + 1, b'{"type":"room.session.started"}', signature)
