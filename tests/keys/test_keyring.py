"""keys.keyring and keys.field_cipher: per-organization data keys, versions, shredding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keys.envelope import Place
from keys.errors import DataKeyMissing, KeyringIncomplete, ParseError
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring

PLACE = Place("admin_users", "email", "u_1")


@pytest.fixture
def cipher(tmp_path: Path) -> FieldCipher:
    keyring = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    for org_id in ("org_a", "org_b"):  # keys are made with their organization
        keyring.create(org_id)
    return FieldCipher(keyring)


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


def test_keys_are_made_with_the_organization_never_on_first_use(
    cipher: FieldCipher, tmp_path: Path
) -> None:
    """A keyring that lacks an organization's file (restored without it, or another
    directory) must not quietly make a new key: rows sealed under it would be unreadable
    once the right keyring is back."""
    for use in (lambda: cipher.encrypt("org_new", PLACE, "x"),
                lambda: cipher.blind_index("org_new", "email", "a@b.test"),
                lambda: cipher.keyring.begin_data_key_rotation("org_new")):
        with pytest.raises(DataKeyMissing, match="org_new has no data key in"):
            use()
    assert not (tmp_path / "keyring" / "org_new.json").exists()
    cipher.keyring.create("org_new")
    before = (tmp_path / "keyring" / "org_new.json").read_bytes()
    cipher.keyring.create("org_new")  # idempotent: never replaces a key
    assert (tmp_path / "keyring" / "org_new.json").read_bytes() == before
    assert cipher.decrypt("org_new", PLACE, cipher.encrypt("org_new", PLACE, "x")) == "x"


def test_check_names_an_organization_without_its_key_but_not_a_deleted_one(
    cipher: FieldCipher, tmp_path: Path
) -> None:
    keyring = cipher.keyring
    keyring.check(["org_a", "org_b"])
    assert keyring.destroy("org_b")
    keyring.check(["org_a", "org_b"])  # shredded on purpose: its tombstone says so
    assert (tmp_path / "keyring" / "org_b.destroyed").exists()
    assert keyring.organizations() == ["org_a"]
    with pytest.raises(DataKeyMissing, match="destroyed when it was deleted"):
        keyring.write_key("org_b")
    with pytest.raises(DataKeyMissing, match="deleted"):
        keyring.create("org_b")  # a deleted organization gets no new key

    with pytest.raises(KeyringIncomplete) as info:
        keyring.check(["org_a", "org_c", "org_d"])
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"organization org_c has no data key in {tmp_path / 'keyring'}")
    assert "1 other" in message and "docs/operations.md" in message


def test_a_missing_keyring_directory_is_not_created_by_reading(tmp_path: Path) -> None:
    keyring = Keyring(tmp_path / "mistyped", FileKek(tmp_path))
    keyring.verify()
    assert keyring.organizations() == []
    with pytest.raises(KeyringIncomplete, match="mistyped"):
        keyring.check(["org_a"])
    assert not (tmp_path / "mistyped").exists()


def test_a_damaged_keyring_file_is_named(cipher: FieldCipher, tmp_path: Path) -> None:
    path = tmp_path / "keyring" / "org_a.json"
    path.write_text("{not json")
    with pytest.raises(ParseError, match=f"keyring file {path} is not valid JSON"):
        cipher.keyring.write_key("org_a")


@pytest.mark.parametrize("text", ["{}", "[]", "null", '{"key_id": "dk_1", "current": 1}',
                                  '{"key_id": "dk_1", "current": 1, "pending": null, '
                                  '"versions": {"1": "x"}, "index": {"kek": "k", "wrapped": "w"}}'])
def test_a_keyring_file_of_the_wrong_layout_is_named(cipher: FieldCipher, tmp_path: Path,
                                                     text: str) -> None:
    # valid JSON that this version never writes: one line naming the file, no KeyError
    path = tmp_path / "keyring" / "org_a.json"
    path.write_text(text)
    with pytest.raises(ParseError, match=f"keyring file {path} is damaged"):
        cipher.keyring.write_key("org_a")


def test_a_keyring_opened_before_a_kek_rotation_follows_it(tmp_path: Path) -> None:
    """A process that opened the keyring before another ran ``fjord keys rotate-kek`` (a
    server, a long ``rotate-data-keys``, an ``api-key create``): it wrapped new keys under
    the retired KEK, lost for good once that KEK was gone, and could not read the rewrapped
    ones (the server answered 500 until restarted)."""
    older = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    older.create("org_a")
    rotating = Keyring(tmp_path / "keyring", FileKek(tmp_path))  # `fjord keys rotate-kek`
    assert rotating.rotate_kek() == 2
    assert older.write_key("org_a").version == 1  # reads the rewrapped key
    older.create("org_b")  # wrapped under the KEK now in kek.bin, not the retired one
    assert older.begin_data_key_rotation("org_a") == 2
    fresh = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    fresh.verify()
    assert fresh.write_key("org_a").version == 2
    assert fresh.write_key("org_b").version == 1 and fresh.index_key("org_b")


def test_a_kek_rotation_interrupted_after_its_new_kek_resumes(tmp_path: Path) -> None:
    keyring = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    for org_id in ("org_a", "org_b"):
        keyring.create(org_id)
    keyring.kek.begin_rotation()  # then killed: kek.next.bin made, nothing rewrapped
    other = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    other.create("org_c")  # meanwhile, under the new KEK already
    assert Keyring(tmp_path / "keyring", FileKek(tmp_path)).rotate_kek() == 4
    assert not (tmp_path / "kek.next.bin").exists()
    fresh = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    for org_id in ("org_a", "org_b", "org_c"):
        assert fresh.index_key(org_id) and fresh.write_key(org_id).version == 1
