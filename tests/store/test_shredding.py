"""Acceptance 3: after an organization is deleted, its rows cannot be decrypted even from a
copy of the database taken before the deletion (crypto-shredding), on both databases."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from fjord.cli import main
from fjord.serve import open_store
from fjord.settings import Settings
from keys.errors import DataKeyMissing
from signaling.store import Store
from tests.store.conftest import Database


async def _copy(database: Database, store: Store, tmp_path: Path, request) -> str:
    """A copy of the whole database as it is now; returns its URL."""
    if database.kind == "sqlite":
        source = Path(database.url.removeprefix("sqlite+aiosqlite:///"))
        target = tmp_path / "backup.db"
        shutil.copyfile(source, target)
        return f"sqlite+aiosqlite:///{target}"
    cluster = request.getfixturevalue("postgres")
    name = "backup_" + uuid.uuid4().hex[:8]
    source = database.url.rsplit("/", 1)[1]
    await store.engine.dispose()  # CREATE DATABASE ... TEMPLATE needs no open connections
    cluster.psql(f"CREATE DATABASE {name} TEMPLATE {source}")
    return cluster.url(name)


async def test_deleted_organization_is_unreadable_even_from_a_backup(
    store: Store, database: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    acme = await store.ensure_organization("acme")
    globex = await store.ensure_organization("globex")
    doomed = await store.accounts.create_admin_user(acme, "a@acme.test", "Ann", "owner", "e1", "t")
    hook = await store.accounts.create_webhook(acme, "https://h.acme.test", ["a.b"], "t")
    kept = await store.accounts.create_admin_user(globex, "g@globex.test", "Gus", "owner", None,
                                                  "t")
    backup_url = await _copy(database, store, tmp_path, request)

    counts = await store.delete_organization(acme)
    assert counts["admin_users"] == 1 and counts["webhook_endpoints"] == 1
    assert counts["organizations"] == 1
    assert await store.organization_id("acme") is None
    assert not (store.cipher.keyring.directory / f"{acme}.json").exists()
    assert [e.action for e in await store.audit_events(acme)][-1] == "organization.delete"

    # The copy read as it is (Fjord itself would finish the deletion in it, below)
    backup = await Store.open(backup_url, store.cipher, check_keys=False)
    try:
        with pytest.raises(DataKeyMissing, match="destroyed"):
            await backup.accounts.admin_user(acme, doomed.user_id)
        with pytest.raises(DataKeyMissing):
            await backup.accounts.webhook(acme, hook.endpoint_id)
        # The backup stays useful for every other organization.
        assert await backup.accounts.admin_user(globex, kept.user_id) == kept
    finally:
        await backup.close()


async def test_a_backup_from_before_a_deletion_does_not_bring_the_organization_back(
    store: Store, database: Database, tmp_path: Path, request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture
) -> None:
    """Restored from before acme's deletion, the database held acme's rows: its API key
    created meetings again and its admin calls were 500s (its keys are gone). Opening it
    finishes the deletion, logged and audited; globex is untouched."""
    acme = await store.ensure_organization("acme")
    acme_key = await store.create_api_key(acme)
    await store.accounts.create_admin_user(acme, "a@acme.test", "Ann", "owner", None, "t")
    globex = await store.ensure_organization("globex")
    globex_key = await store.create_api_key(globex)
    backup_url = await _copy(database, store, tmp_path, request)
    await store.delete_organization(acme)

    with caplog.at_level("WARNING", "fjord.signaling.store"):
        restored = await Store.open(backup_url, store.cipher)
    try:
        assert await restored.organization_for_api_key(acme_key) is None
        assert await restored.organization_id("acme") is None
        assert await restored.organization_for_api_key(globex_key) == globex
        assert [e.action for e in await restored.audit_events(acme)][-1] == (
            "organization.delete_finished")
        assert f"organization {acme} was deleted" in caplog.text
    finally:
        await restored.close()


def test_org_delete_command(settings: Settings) -> None:
    async def seed() -> str:
        store = await open_store(settings)
        try:
            org_id = await store.ensure_organization("acme")
            await store.accounts.create_admin_user(org_id, "z@acme.test", "Zoe", "owner", None, "t")
            return org_id
        finally:
            await store.close()

    org_id = asyncio.run(seed())
    env = {"FJORD_DATA_DIR": str(settings.data_dir), "FJORD_DATABASE_URL": settings.database_url}
    runner = CliRunner()
    refused = runner.invoke(main, ["org", "delete", "acme"], env=env, input="n\n")
    assert refused.exit_code == 1
    assert (settings.data_dir / "keys" / "keyring" / f"{org_id}.json").exists()
    done = runner.invoke(main, ["org", "delete", "acme", "--yes"], env=env)
    assert done.exit_code == 0, done.stderr
    assert '"admin_users": 1' in done.stdout
    assert not (settings.data_dir / "keys" / "keyring" / f"{org_id}.json").exists()
    again = runner.invoke(main, ["org", "delete", "acme", "--yes"], env=env)
    assert again.exit_code == 1 and again.stderr == (
        "fjord: no organization named 'acme' (fjord org list lists them)\n")
