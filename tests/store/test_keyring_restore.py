"""A database restored without its keyring (or opened with a wrong keyring directory) stops
the store from opening, with one line naming the organization and the directory; an
organization deleted on purpose (crypto-shredded) does not. Both databases."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from keys.errors import DataKeyMissing, KeyringIncomplete
from signaling.store import Store
from tests.store.conftest import Database, make_cipher


async def test_a_new_organization_gets_its_key_when_it_is_created(
    store: Store, keys_dir: Path
) -> None:
    org_id = await store.ensure_organization("acme")
    assert (keys_dir / "keyring" / f"{org_id}.json").exists()
    assert await store.ensure_organization("acme") == org_id


async def test_a_keyring_without_the_organizations_stops_opening(
    store: Store, database: Database, keys_dir: Path, tmp_path: Path
) -> None:
    acme = await store.ensure_organization("acme")
    await store.accounts.create_admin_user(acme, "a@acme.test", "Ann", "owner", None, "t")
    await store.close()

    restored = tmp_path / "restored-keys"  # e.g. the database restored without its keyring
    shutil.copytree(keys_dir, restored, ignore=shutil.ignore_patterns("keyring"))
    with pytest.raises(KeyringIncomplete) as info:
        await Store.open(database.url, make_cipher(restored))
    message = str(info.value)
    assert message.startswith(f"organization {acme} has no data key in {restored / 'keyring'}")
    assert "docs/operations.md" in message and "\n" not in message
    assert not (restored / "keyring").exists()  # nothing was made meanwhile

    opened = await Store.open(database.url, make_cipher(restored), check_keys=False)
    try:  # even past the check, no key is made on use
        with pytest.raises(DataKeyMissing):
            await opened.accounts.admin_user_by_email(acme, "a@acme.test")
        with pytest.raises(DataKeyMissing):
            await opened.accounts.create_admin_user(acme, "b@acme.test", "Bo", "owner", None, "t")
    finally:
        await opened.close()
    assert not (restored / "keyring").exists()

    reopened = await Store.open(database.url, make_cipher(keys_dir))  # the right keyring
    try:
        assert await reopened.accounts.admin_user_by_email(acme, "a@acme.test") is not None
    finally:
        await reopened.close()


async def test_an_empty_database_with_the_keyring_of_a_deployment_stops_opening(
    store: Store, database: Database, keys_dir: Path, tmp_path: Path,
    request: pytest.FixtureRequest
) -> None:
    """A mistyped database_url, or a restore that left the database empty (a 0-byte SQLite
    file): Fjord made a new deployment there, a fresh demo organization included, and the
    keyring's organizations were silently gone. Nothing is made in it now."""
    await store.ensure_organization("acme")
    if database.kind == "sqlite":
        empty = tmp_path / "empty.db"
        empty.touch()
        url = f"sqlite+aiosqlite:///{empty}"
    else:
        cluster = request.getfixturevalue("postgres")
        name = "empty_" + uuid.uuid4().hex[:8]
        cluster.psql(f"CREATE DATABASE {name}")
        url = cluster.url(name)
    with pytest.raises(KeyringIncomplete) as info:
        await Store.open(url, make_cipher(keys_dir))
    assert str(info.value).startswith(
        f"the database is empty but the keyring {keys_dir / 'keyring'} holds the data keys "
        "of 1 organization:")
    # the tables were not kept: the same refusal again, and a new keyring may start there
    with pytest.raises(KeyringIncomplete):
        await Store.open(url, make_cipher(keys_dir))
    fresh = await Store.open(url, make_cipher(tmp_path / "new-deployment-keys"))
    await fresh.close()


async def test_a_deleted_organization_in_an_old_backup_does_not_stop_opening(
    store: Store, database: Database, keys_dir: Path
) -> None:
    acme = await store.ensure_organization("acme")
    globex = await store.ensure_organization("globex")
    (keys_dir / "keyring" / f"{globex}.json").unlink()  # lost, not deleted on purpose
    with pytest.raises(KeyringIncomplete, match=globex):
        await store.check_data_keys()
    await store.check_data_keys(ignore={globex})
    await store.delete_organization(globex)  # what `fjord org delete` does
    await store.delete_organization(acme)
    await store.close()
    # Opening the database as it was before (both rows still there) works: acme's and
    # globex's keys are gone on purpose, their tombstones say so.
    backup = await Store.open(database.url, make_cipher(keys_dir))
    await backup.close()


async def test_values_under_a_lost_key_do_not_stop_opening_after_new_keys(
    store: Store, database: Database, keys_dir: Path
) -> None:
    """``fjord keys create-missing`` gives an organization whose key was lost a new one; its
    values sealed under the lost key (version 2 here) stay unreadable, as the command says,
    and must not make the version check refuse the store for ever."""
    acme = await store.ensure_organization("acme")
    await store.accounts.create_admin_user(acme, "a@acme.test", "Ann", "owner", None, "t")
    await store.accounts.rotate_data_key(acme)
    await store.close()
    (keys_dir / "keyring" / f"{acme}.json").unlink()  # lost, no backup
    make_cipher(keys_dir).keyring.create(acme)  # what create-missing does
    reopened = await Store.open(database.url, make_cipher(keys_dir))
    try:
        with pytest.raises(DataKeyMissing):
            await reopened.accounts.admin_users(acme)
    finally:
        await reopened.close()
