"""The migrations of a first start are all or nothing on SQLite; nodes migrating one
database at once take turns."""

from __future__ import annotations

import datetime as dt
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import create_async_engine

from signaling import schema
from signaling.store import Store
from tests.conftest import ROOT, wait_until
from tests.store.conftest import Database


async def test_a_first_start_stopped_during_the_migrations_starts_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM during the first ``fjord serve``'s migrations left the tables of the first
    ones without the version stamp (SQLite ran each CREATE outside the transaction): every
    later start failed with ``table organizations already exists``, the data dir dead."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}"

    def stopped_midway(connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(schema.MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        raise KeyboardInterrupt  # the process stops here

    monkeypatch.setattr(schema, "upgrade", stopped_midway)
    with pytest.raises(KeyboardInterrupt):
        await Store.open(url)
    monkeypatch.undo()
    store = await Store.open(url)  # all migrations again, from the start
    try:
        org = await store.ensure_organization("acme")
        assert await store.organization_id("acme") == org
    finally:
        await store.close()


OPEN_AND_SAY_THE_ID = """
import asyncio, sys
from signaling.store import Store
async def main():
    store = await Store.open(sys.argv[1])
    print(await store.deployment_id())
    await store.close()
asyncio.run(main())
"""


async def test_nodes_upgrading_one_postgresql_database_at_once_both_start(postgres) -> None:
    """Two signaling nodes restarted at once on a PostgreSQL database of the version before
    (a rolling upgrade) both migrated it: the second's CREATE TABLE waited for the first's
    and failed (``duplicate key value violates unique constraint
    "pg_type_typname_nsp_index"``), a traceback and a node that did not start. Now the
    second waits, then finds the database migrated and the first's deployment id. SQLite's
    migrations take turns already (``BEGIN IMMEDIATE``)."""
    name = "t_" + secrets.token_hex(6)
    postgres.psql(f"CREATE DATABASE {name}")
    url = postgres.url(name)
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade_to, "0010")
        async with engine.begin() as conn:  # the first node, migrating
            await conn.run_sync(schema.upgrade)
            other = subprocess.Popen([sys.executable, "-c", OPEN_AND_SAY_THE_ID, url],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
            async with engine.connect() as watcher:
                async def waits() -> bool:
                    found = await watcher.execute(text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
                        "AND wait_event_type = 'Lock'"), {"name": name})
                    await watcher.rollback()  # a fresh snapshot each time
                    return found.scalar_one() > 0
                assert await wait_until(waits, 30.0)  # the other waits for this one
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        store = await Store.open(url)
        try:
            assert out.strip() == await store.deployment_id()
        finally:
            await store.close()
    finally:
        await engine.dispose()


def _upgrade_to(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def test_an_older_node_serves_on_a_database_a_newer_one_migrated(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Found by the fresh tester: during a rolling upgrade a node of the previous release,
    restarted on the database a new node had migrated, stopped with a traceback (alembic:
    "Can't locate revision"), though the Upgrades section says old and new nodes overlap.
    It now serves on the database as it is, with a warning naming both revisions."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}"
    store = await Store.open(url)
    try:
        org = await store.ensure_organization("acme")
        async with store.engine.begin() as conn:  # a later release's migration ran
            await conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        await store.close()
    with caplog.at_level("WARNING", logger="fjord.store"):
        store = await Store.open(url)
    try:
        assert await store.organization_id("acme") == org
        assert "database at migration 9999, newer than this node's" in caplog.text
    finally:
        await store.close()


async def test_an_endpoint_told_of_failed_recordings_stays_told_after_the_upgrade(
        database: Database) -> None:
    """A failed recording used to be a ``recording.finished`` with ``status: failed``; it is
    its own ``recording.failed`` now (Whereby sends ``recording.finished`` for uploaded
    recordings only). An endpoint subscribed to ``recording.finished`` before the upgrade is
    subscribed to ``recording.failed`` too, so it keeps hearing of failures; others are
    left as they were. On SQLite and PostgreSQL (whose migration reads the rows it
    updates)."""
    url = database.url
    engine = create_async_engine(url)
    created = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade_to, "0012")
            await conn.execute(text(
                "INSERT INTO organizations (id, name, created_at) "
                "VALUES ('org_1', 'acme', :created)"), {"created": created})
            for endpoint_id, events in (("wh_rec", "room.client.joined,recording.finished"),
                                        ("wh_room", "room.client.joined")):
                await conn.execute(text(
                    "INSERT INTO webhook_endpoints (id, organization_id, url, events, secret, "
                    "created_at) VALUES (:id, 'org_1', 'https://hooks.example.test/', "
                    ":events, :secret, :created)"),
                    {"id": endpoint_id, "events": events, "secret": b"\x00",
                     "created": created})
    finally:
        await engine.dispose()
    store = await Store.open(url)
    try:
        async with store.engine.connect() as conn:
            rows = dict((await conn.execute(text(
                "SELECT id, events FROM webhook_endpoints"))).all())
    finally:
        await store.close()
    assert rows == {"wh_rec": "room.client.joined,recording.finished,recording.failed",
                    "wh_room": "room.client.joined"}
