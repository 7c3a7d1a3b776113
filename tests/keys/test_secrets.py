"""TURN secret rotation (current + previous), webhook secrets, damaged secret files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from keys.errors import ParseError
from keys.room_keys import RoomKeySigner
from keys.turn_secret import RotatedTooSoon, load_turn_secrets, rotate_turn_secret
from keys.webhook_secret import new_webhook_secret, sign_webhook, verify_webhook


def test_turn_secret_rotation_keeps_exactly_the_previous(tmp_path: Path) -> None:
    first = load_turn_secrets(tmp_path)
    assert len(first) == 1 and len(first[0]) >= 43
    second = rotate_turn_secret(tmp_path, 0)
    assert second[1:] == first and second[0] != first[0]
    third = rotate_turn_secret(tmp_path, 0)
    assert third[1:] == second[:1]
    assert oct((tmp_path / "turn-secret.json").stat().st_mode & 0o777) == "0o600"


def test_a_turn_secret_rotation_within_the_wait_is_refused_and_changes_nothing(
        tmp_path: Path) -> None:
    first = load_turn_secrets(tmp_path)  # never rotated: no wait
    second = rotate_turn_secret(tmp_path, 3600, now=1_000_000)
    before = (tmp_path / "turn-secret.json").read_bytes()
    with pytest.raises(RotatedTooSoon) as info:
        rotate_turn_secret(tmp_path, 3600, now=1_003_599)
    assert info.value.rotated_at == 1_000_000
    assert (tmp_path / "turn-secret.json").read_bytes() == before
    assert rotate_turn_secret(tmp_path, 3600, now=1_003_600)[1:] == second[:1] != first


def test_webhook_signatures() -> None:
    current, previous = new_webhook_secret(), new_webhook_secret()
    assert current.startswith("whsec_") and current != previous
    now = int(time.time())
    signature = sign_webhook(previous, now, b'{"type":"room.session.started"}')
    assert verify_webhook([current, previous], now, b'{"type":"room.session.started"}', signature)
    assert not verify_webhook([current], now, b'{"type":"room.session.started"}', signature)
    assert not verify_webhook([previous], now + 1, b'{"type":"room.session.started"}', signature)


@pytest.mark.parametrize(
    "content", ["{trunc", "[]", '{"secrets": []}', '{"secrets": "abc"}', '{"other": 1}']
)
def test_a_damaged_turn_secret_file_is_one_line_naming_it(tmp_path: Path, content: str) -> None:
    (tmp_path / "turn-secret.json").write_text(content)
    with pytest.raises(ParseError) as info:
        load_turn_secrets(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'turn-secret.json'} is damaged")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "content",
    ["", "{trunc", '{"current": "rk_1", "keys": {}}', '{"current": "rk_1", "keys": {"rk_1": "x"}}'],
)
def test_a_damaged_signing_key_file_is_one_line_naming_it(tmp_path: Path, content: str) -> None:
    (tmp_path / "room-signing.json").write_text(content)
    with pytest.raises(ParseError, match="room-signing.json is damaged"):
        RoomKeySigner.from_data_dir(tmp_path)


def test_concurrent_rotations_lose_nothing(tmp_path: Path) -> None:
    """Two ``fjord keys rotate-*`` at once shared one temporary file (one failed with
    ``No such file or directory: ...json.tmp``) and read the file before the other wrote
    it: a signing key that a command reported as new was not in the file."""
    from concurrent.futures import ThreadPoolExecutor

    from keys.room_keys import rotate_signing_key

    initial = load_turn_secrets(tmp_path)[0]
    first = RoomKeySigner.from_data_dir(tmp_path).current_kid
    with ThreadPoolExecutor(8) as pool:
        kids = list(pool.map(lambda _: rotate_signing_key(tmp_path, 3600), range(40)))
        turns = list(pool.map(lambda _: rotate_turn_secret(tmp_path, 0), range(40)))
    signer = RoomKeySigner.from_data_dir(tmp_path)
    assert signer.current_kid in kids
    assert {k["kid"] for k in signer.jwks()["keys"]} == {first, *kids}  # all in their overlap
    # One after the other: each kept as previous the secret another had made current.
    made = [secrets[0] for secrets in turns]
    final = load_turn_secrets(tmp_path)[0]
    assert final in made and len(set(made)) == 40
    assert {secrets[1] for secrets in turns} == {initial, *made} - {final}
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("weak", ["x", " " * 40, "short secret 15", "\u200b" * 20,
                                  "\x00" * 20])
def test_a_turn_secret_file_with_a_guessable_secret_is_refused(tmp_path: Path,
                                                               weak: str) -> None:
    """An operator's hand-written ``{"secrets": ["x"]}`` was accepted: anyone could then
    mint TURN credentials. It is refused by name, as ``turn_secret`` is, also as the
    previous secret of a rotation."""
    for listed in ([weak], ["a" * 43, weak]):
        (tmp_path / "turn-secret.json").write_text(json.dumps({"secrets": listed}))
        with pytest.raises(ParseError) as info:
            load_turn_secrets(tmp_path)
        assert str(info.value).startswith(
            f"{tmp_path / 'turn-secret.json'} holds a TURN secret of fewer than 16 visible "
            "characters")
    (tmp_path / "turn-secret.json").write_text(json.dumps({"secrets": ["s" * 16]}))
    assert load_turn_secrets(tmp_path) == [b"s" * 16]


def test_a_weak_secret_file_the_servers_do_not_read_does_not_stop_them(tmp_path: Path) -> None:
    """With ``turn_secret`` set the servers use it: ``fjord serve`` refused to start over a
    weak ``keys/turn-secret.json`` it never reads (``fjord turn`` started)."""
    from fjord.data_dir import prepare_data_dir
    from fjord.settings import Settings

    settings = Settings(data_dir=str(tmp_path / "data"), turn_secret="s" * 43)
    prepare_data_dir(settings)
    (tmp_path / "data" / "keys" / "turn-secret.json").write_text('{"secrets": ["x"]}')
    assert prepare_data_dir(settings).turn_secrets == [b"s" * 43]
