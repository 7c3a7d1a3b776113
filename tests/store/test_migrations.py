"""The migrations of a first start are all or nothing on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from signaling import store as store_module
from signaling.store import Store


async def test_a_first_start_stopped_during_the_migrations_starts_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM during the first ``fjord serve``'s migrations left the tables of the first
    ones without the version stamp (SQLite ran each CREATE outside the transaction): every
    later start failed with ``table organizations already exists``, the data dir dead."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}"

    def stopped_midway(connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(store_module.MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        raise KeyboardInterrupt  # the process stops here

    monkeypatch.setattr(store_module, "_upgrade", stopped_midway)
    with pytest.raises(KeyboardInterrupt):
        await Store.open(url)
    monkeypatch.undo()
    store = await Store.open(url)  # all migrations again, from the start
    try:
        org = await store.ensure_organization("acme")
        assert await store.organization_id("acme") == org
    finally:
        await store.close()
