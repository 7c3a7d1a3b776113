"""Acceptance 2 (second half): a wrong KEK stops start-up with one clear line; data survives
``fjord keys rotate-kek`` and ``fjord keys rotate-data-keys``, including an interrupted and
resumed run, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from fjord.cli import main
from fjord.data_dir import prepare_data_dir
from fjord.operations import rotate_data_keys
from fjord.serve import open_store
from fjord.settings import Settings
from signaling.models import AdminUser, WebhookEndpoint
from tests.conftest import ROOT, fjord_env
from tests.store.conftest import Database

N_USERS = 7


async def _seed(settings: Settings) -> tuple[str, list[tuple[str, str]], str]:
    store = await open_store(settings)
    try:
        org_id = await store.ensure_organization("acme")
        users = []
        for i in range(N_USERS):
            user = await store.accounts.create_admin_user(
                org_id, f"user{i}@example.org", f"User Number {i}", "admin", f"x-{i}", "t")
            users.append((user.email, user.display_name))
        hook = await store.accounts.create_webhook(org_id, "https://h.example.org", ["a.b"], "t")
        return org_id, users, hook.secret or ""
    finally:
        await store.close()


async def _read(settings: Settings, org_id: str) -> tuple[list[tuple[str, str]], list[str]]:
    store = await open_store(settings)
    try:
        users = [(u.email, u.display_name) for u in await store.accounts.admin_users(org_id)]
        secrets = [(await store.accounts.webhook(org_id, w.endpoint_id)).secret
                   for w in await store.accounts.webhooks(org_id)]
        return users, secrets
    finally:
        await store.close()


async def _versions(settings: Settings) -> set[int]:
    store = await open_store(settings)
    try:
        async with store.engine.begin() as conn:
            blobs = list((await conn.execute(select(AdminUser.email))).scalars())
            blobs += list((await conn.execute(select(AdminUser.display_name))).scalars())
            blobs += list((await conn.execute(select(WebhookEndpoint.secret))).scalars())
        return {store.cipher.key_version(bytes(b)) for b in blobs}
    finally:
        await store.close()


def _cli(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = {"FJORD_DATA_DIR": str(settings.data_dir)}
    if settings.database_url:
        env["FJORD_DATABASE_URL"] = settings.database_url
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_data_survives_kek_rotation_even_when_interrupted(settings: Settings) -> None:
    org_id, users, secret = asyncio.run(_seed(settings))
    kek_file = settings.data_dir / "keys" / "kek.bin"
    before = kek_file.read_bytes()

    # Interrupted: the new KEK was made current, nothing rewrapped yet. Start-up still works.
    prepare_data_dir(settings).keyring.kek.begin_rotation()
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])

    code, out, err = _cli(settings, "keys", "rotate-kek")
    assert code == 0, err
    assert "rewrapped 2 keys" in out  # data key v1 + blind-index key of acme
    assert kek_file.read_bytes() != before
    assert not (settings.data_dir / "keys" / "kek.next.bin").exists()
    assert oct(kek_file.stat().st_mode & 0o777) == "0o600"
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])


def test_data_survives_data_key_rotation_interrupted_and_resumed(settings: Settings) -> None:
    org_id, users, secret = asyncio.run(_seed(settings))
    assert asyncio.run(_versions(settings)) == {1}

    class Interrupted(Exception):
        pass

    def stop_after_first_batch(progress: object) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        asyncio.run(rotate_data_keys(settings, "acme", 3, stop_after_first_batch))
    keyring = prepare_data_dir(settings).keyring
    assert keyring.versions(org_id) == (1, 2, [1, 2])  # v2 pending, v1 still readable
    assert asyncio.run(_versions(settings)) == {1, 2}  # half-way: both versions in use
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])

    code, out, err = _cli(settings, "keys", "rotate-data-keys", "--org", "acme",
                          "--batch-size", "2")
    assert code == 0, err
    assert f"{org_id}:" in out
    assert keyring.versions(org_id) == (2, None, [2])  # v1 destroyed once unused
    assert asyncio.run(_versions(settings)) == {2}
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])

    code, _, _ = _cli(settings, "keys", "rotate-data-keys")  # every organization, again
    assert code == 0
    assert keyring.versions(org_id) == (3, None, [3])
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])


def test_wrong_kek_stops_start_up_with_one_line(settings: Settings, database: object) -> None:
    asyncio.run(_seed(settings))
    (settings.data_dir / "keys" / "kek.bin").write_bytes(os.urandom(32))
    code, _, err = _cli(settings, "api-key", "create", "--org", "acme")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("fjord: ") and "wrong" in err and "KEK" in err

    env = fjord_env(settings.data_dir)
    if settings.database_url:
        env["FJORD_DATABASE_URL"] = settings.database_url
    serve = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert serve.returncode == 1
    assert serve.stderr.strip().count("\n") == 0, serve.stderr
    assert "KEK" in serve.stderr and "Traceback" not in serve.stderr


def test_unreadable_kek_file_stops_start_up(settings: Settings) -> None:
    """A data dir in use whose KEK file was damaged (a restore gone wrong): one line naming
    it. (A data dir holding only a KEK is no deployment's: operations.is_data_dir.)"""
    asyncio.run(_seed(settings))
    keys = settings.data_dir / "keys"
    (keys / "kek.bin").write_bytes(b"short")
    code, _, err = _cli(settings, "api-key", "create")
    assert code == 1
    assert err == f"fjord: KEK file {keys / 'kek.bin'} is not a 32-byte key\n"


def test_a_running_server_keeps_its_data_through_both_rotations(settings: Settings) -> None:
    """The server's store was opened before ``fjord keys rotate-kek`` and ``rotate-data-keys``
    ran in another process: it answered 500 ("a stored value cannot be decrypted") until
    restarted, since its KEK no longer unwrapped the new data key version."""
    org_id, users, secret = asyncio.run(_seed(settings))

    async def serve_through_rotations() -> tuple[list[tuple[str, str]], str]:
        store = await open_store(settings)  # the running server
        try:
            await store.accounts.admin_users(org_id)
            for command in (["keys", "rotate-kek"], ["keys", "rotate-data-keys"]):
                code, _, err = await asyncio.to_thread(_cli, settings, *command)
                assert code == 0, err
            user = await store.accounts.create_admin_user(
                org_id, "late@example.org", "Late Comer", "admin", None, "t")
            return [(u.email, u.display_name)
                    for u in await store.accounts.admin_users(org_id)], user.user_id
        finally:
            await store.close()

    seen, _ = asyncio.run(serve_through_rotations())
    assert sorted(seen) == sorted([*users, ("late@example.org", "Late Comer")])
    assert asyncio.run(_versions(settings)) == {2}
    assert sorted(asyncio.run(_read(settings, org_id))[0]) == sorted(seen)


def test_a_keyring_older_than_the_database_is_not_rotated_over(settings: Settings) -> None:
    """A keyring restored from a backup taken before a data-key rotation lacks the version
    the rows were moved to. ``rotate-data-keys`` then made a new key under that same version
    number, skipped the rows (their version matched), reported success and destroyed v1:
    rows written from then on were unreadable once the right keyring came back."""
    import shutil

    org_id, users, secret = asyncio.run(_seed(settings))
    keyring_dir = settings.data_dir / "keys" / "keyring"
    backup = settings.data_dir / "keyring-backup"
    shutil.copytree(keyring_dir, backup)
    assert _cli(settings, "keys", "rotate-data-keys")[0] == 0  # rows now under v2
    shutil.copytree(keyring_dir, settings.data_dir / "keyring-now")
    shutil.rmtree(keyring_dir)
    shutil.copytree(backup, keyring_dir)  # the older keyring restored

    before = (keyring_dir / f"{org_id}.json").read_bytes()
    code, out, err = _cli(settings, "keys", "rotate-data-keys", "--org", "acme")
    assert code == 1, out
    assert err == (f"fjord: organization {org_id} has values sealed under data key version 2, "
                   f"which {keyring_dir} lacks: the keyring is older than the database "
                   "(restored from an earlier backup?); restore the keyring that holds it "
                   "(docs/operations.md, Backups)\n")
    assert (keyring_dir / f"{org_id}.json").read_bytes() == before  # nothing made

    shutil.rmtree(keyring_dir)
    shutil.copytree(settings.data_dir / "keyring-now", keyring_dir)  # the right one back
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])
    assert _cli(settings, "keys", "rotate-data-keys", "--org", "acme")[0] == 0
    assert asyncio.run(_read(settings, org_id)) == (users, [secret])


def test_a_database_older_than_the_keyrings_rotation_stops_start_up(
    settings: Settings, database: Database, request: pytest.FixtureRequest
) -> None:
    """A database backup taken before ``rotate-data-keys``, restored beside the current
    keyring (backed up apart, as docs/operations.md asks): its values are sealed under the
    version the rotation destroyed. Start-up passed and every read of them answered 500
    ("a stored value cannot be decrypted"); the server and the commands now stop with one
    line, and so they do with a keyring older than the database."""
    import shutil

    org_id, users, secret = asyncio.run(_seed(settings))
    if database.kind == "sqlite":
        backup_db = settings.data_dir / "backup.db"
        shutil.copy(settings.data_dir / "fjord.db", backup_db)
        backup_url = f"sqlite+aiosqlite:///{backup_db}"
    else:
        cluster = request.getfixturevalue("postgres")
        name = database.url.rsplit("/", 1)[1]
        cluster.psql(f"CREATE DATABASE {name}_backup TEMPLATE {name}")
        backup_url = f"{database.url}_backup"
    assert _cli(settings, "keys", "rotate-data-keys")[0] == 0  # rows now under v2, v1 gone
    keyring_dir = settings.data_dir / "keys" / "keyring"
    restored = settings.model_copy(update={"database_url": backup_url})

    code, out, err = _cli(restored, "api-key", "list", "--org", "acme")
    assert code == 1, out
    assert err == (f"fjord: organization {org_id} has values sealed under data key version 1, "
                   f"which {keyring_dir} no longer holds (it holds version 2): the database "
                   "is older than the keyring's last fjord keys rotate-data-keys (restored "
                   "from an earlier backup?); restore the keyring backup taken with it "
                   "(docs/operations.md, Backups)\n")
    env = fjord_env(settings.data_dir)
    env["FJORD_DATABASE_URL"] = backup_url
    serve = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert serve.returncode == 1
    assert serve.stderr.splitlines()[-1] == err.strip(), serve.stderr
    assert "Traceback" not in serve.stderr

    backup = settings.data_dir / "keyring-v2"
    shutil.copytree(keyring_dir, backup)
    assert _cli(settings, "keys", "rotate-data-keys")[0] == 0  # the current database: v3
    shutil.rmtree(keyring_dir)
    shutil.copytree(backup, keyring_dir)  # a keyring older than the database
    code, _, err = _cli(settings, "api-key", "list", "--org", "acme")
    assert code == 1
    assert err == (f"fjord: organization {org_id} has values sealed under data key version 3, "
                   f"which {keyring_dir} lacks: the keyring is older than the database "
                   "(restored from an earlier backup?); restore the keyring that holds it "
                   "(docs/operations.md, Backups)\n")
