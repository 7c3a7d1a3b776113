"""keys.keyring and keys.field_cipher: per-organization data keys, versions, shredding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keys.envelope import Place
from keys.errors import DataKeyMissing
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring

PLACE = Place("admin_users", "email", "u_1")


@pytest.fixture
def cipher(tmp_path: Path) -> FieldCipher:
    return FieldCipher(Keyring(tmp_path / "keyring", FileKek(tmp_path)))


def test_keys_are_per_organization_and_stored_wrapped(cipher: FieldCipher, tmp_path: Path) -> None:
    a = cipher.encrypt("org_a", PLACE, "same@example.org")
    b = cipher.encrypt("org_b", PLACE, "same@example.org")
    assert cipher.decrypt("org_a", PLACE, a) == cipher.decrypt("org_b", PLACE, b)
    key_a = cipher.keyring.write_key("org_a")
    raw = (tmp_path / "keyring" / "org_a.json").read_bytes()
    assert key_a.key not in raw and key_a.key.hex().encode() not in raw
    assert json.loads(raw)["versions"]["1"]["kek"] == cipher.keyring.kek.kek_id
    assert oct((tmp_path / "keyring" / "org_a.json").stat().st_mode & 0o777) == "0o600"
    with pytest.raises(DataKeyMissing):
        cipher.decrypt("org_b", PLACE, a)


def test_blind_index_is_keyed_normalized_and_per_organization(cipher: FieldCipher) -> None:
    one = cipher.blind_index("org_a", "email", "Ingrid@Example.org ")
    assert one == cipher.blind_index("org_a", "email", "ingrid@example.org")
    assert one != cipher.blind_index("org_b", "email", "ingrid@example.org")
    assert one != cipher.blind_index("org_a", "other", "ingrid@example.org")
    assert len(one) == 64


def test_versions_rotate_and_old_ones_read_until_completed(cipher: FieldCipher) -> None:
    old = cipher.encrypt("org_a", PLACE, "v1 value")
    assert cipher.keyring.begin_data_key_rotation("org_a") == 2
    assert cipher.keyring.begin_data_key_rotation("org_a") == 2  # resumed, not v3
    new = cipher.encrypt("org_a", PLACE, "v2 value")
    assert (cipher.key_version(old), cipher.key_version(new)) == (1, 2)
    assert cipher.decrypt("org_a", PLACE, old) == "v1 value"
    cipher.keyring.complete_data_key_rotation("org_a")
    assert cipher.keyring.versions("org_a") == (2, None, [2])
    with pytest.raises(DataKeyMissing, match="no data key version 1"):
        cipher.decrypt("org_a", PLACE, old)
    assert cipher.decrypt("org_a", PLACE, new) == "v2 value"


def test_destroy_is_seen_by_another_process(cipher: FieldCipher, tmp_path: Path) -> None:
    blob = cipher.encrypt("org_a", PLACE, "x")
    other = Keyring(tmp_path / "keyring", FileKek(tmp_path))  # e.g. the `fjord org delete` CLI
    assert other.destroy("org_a") and not other.destroy("org_a")
    with pytest.raises(DataKeyMissing, match="destroyed"):
        cipher.decrypt("org_a", PLACE, blob)  # the server's cache is dropped too


def test_invalid_organization_ids_never_become_paths(cipher: FieldCipher) -> None:
    with pytest.raises(ValueError):
        cipher.encrypt("../etc", PLACE, "x")
