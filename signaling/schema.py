"""The account store's schema: its Alembic migrations (signaling/migrations/), run at every
start of a node, and how nodes of two releases share one database during an upgrade."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x666A6F7264  # "fjord": PostgreSQL's advisory lock of the migrations


def upgrade(connection: Connection) -> bool:
    """Bring the database of ``connection`` to the newest migration, in the connection's
    transaction (:meth:`signaling.store.Store.open` runs it at every start). Returns whether
    the database was empty (no migration applied before: its tables are made now)."""
    if connection.dialect.name == "postgresql":
        # Nodes started at once (a rolling upgrade) take turns, as SQLite's BEGIN IMMEDIATE
        # makes them: the second read the old version too, and its CREATE TABLE failed on
        # the first's. Held until the migrations' transaction ends.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    script = ScriptDirectory.from_config(config)
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        # A newer node migrated it (a rolling upgrade): the migrations only add tables and
        # columns with defaults, so this older node serves on it as it is (alembic would
        # refuse the revision it does not know, and the node would not restart).
        logging.getLogger("fjord.store").warning(
            "database at migration %s, newer than this node's %s: serving without migrating "
            "(finish the upgrade of every node)", current, script.get_current_head())
        return False
    command.upgrade(config, "head")
    return current is None
