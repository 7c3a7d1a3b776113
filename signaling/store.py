"""The account store: SQLAlchemy 2 (async) over SQLite (default) or PostgreSQL, with Alembic.

Holds organizations, API key hashes and audit events here; meetings in
:mod:`signaling.meeting_store` (``store.meetings``); admin users, webhook endpoints and
privacy settings in :mod:`signaling.accounts` (``store.accounts``). Nothing about
media, chat or addresses. Personal values are encrypted with the owning organization's data
key (keys.field_cipher); deleting an organization destroys that key (crypto-shredding).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import os
import secrets
import threading
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, event, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from signaling import schema
from signaling.accounts import Accounts
from signaling.audit import AuditRecord, add_audit, as_utc, utcnow
from signaling.errors import EncryptionNotConfigured, StoreError
from signaling.insights import InsightsStore
from signaling.meeting_store import MeetingStore
from signaling.models import (
    AdminUser,
    ApiKey,
    AuditEvent,
    Deployment,
    Meeting,
    Organization,
    PrivacySettings,
    WebhookEndpoint,
)
from signaling.recordings import Recordings
from signaling.theme_store import ThemeStore

if TYPE_CHECKING:
    from keys.field_cipher import FieldCipher

API_KEY_PREFIX = "fjk_"
log = logging.getLogger("fjord.signaling.store")


def hash_api_key(key: str) -> str:
    """SHA-256 hex of an API key: keys carry 256 random bits, so a fast hash suffices."""
    return hashlib.sha256(key.encode()).hexdigest()


class DatabaseUnavailable(StoreError):
    """The database cannot be reached or read at start; ``str()`` is one line naming it
    (password masked) and the cause."""


class DatabasesDiffer(StoreError):
    """A live signaling node of the deployment uses another database than this node's
    (:meth:`Store.deployment_id` differs): meetings made through one would be unknown to
    the other. ``str()`` is one line; start-up stops with it."""


def database_error(url: str, error: BaseException, failure: str) -> DatabaseUnavailable:
    parsed = make_url(url)
    where = (parsed.database or "(in memory)") if parsed.get_backend_name() == "sqlite" \
        else parsed.render_as_string(hide_password=True)
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return DatabaseUnavailable(f"{failure} {where}: "
                               f"{lines[0] if lines else type(cause).__name__}")


def _unavailable(error: BaseException) -> bool:
    """Is ``error`` the database being unreachable, refused or unreadable (not a bug)?"""
    if isinstance(error, OSError | sa_exc.OperationalError | sa_exc.InterfaceError):
        return True
    # sqlite3.DatabaseError itself: "file is not a database", "disk image is malformed".
    return type(error) is sa_exc.DatabaseError or type(error).__name__ in _DRIVER_REFUSALS


DATABASE_MODULES = ("sqlalchemy.", "asyncpg.", "aiosqlite.")
"""Modules an error of the database itself is raised in."""


def database_outage(error: BaseException) -> bool:
    """Is ``error``, raised while serving a request, the database being unreachable or
    unreadable (an outage, not a bug)? Only when the driver raised it: an OSError from
    anything else (a webhook, an S3 endpoint) is no database outage."""
    if not isinstance(error, Exception) or not _unavailable(error):
        return False
    frame = error.__traceback__
    while frame is not None:
        if str(frame.tb_frame.f_globals.get("__name__", "")).startswith(DATABASE_MODULES):
            return True
        frame = frame.tb_next
    return False


_DRIVER_REFUSALS = frozenset({
    "InvalidPasswordError", "InvalidAuthorizationSpecificationError",
    "InvalidCatalogNameError", "ConnectionDoesNotExistError", "TooManyConnectionsError",
    "CannotConnectNowError",
})
"""asyncpg errors raised while connecting (not wrapped by SQLAlchemy there)."""


OPERATOR = "operator"
"""Actor of audit events caused by the ``fjord`` command (the operator)."""


class Store:
    """Async access to the account store. Create with :meth:`open`, release with :meth:`close`."""

    def __init__(self, engine: AsyncEngine, cipher: FieldCipher | None = None) -> None:
        self.engine = engine
        self.cipher = cipher
        self._session = async_sessionmaker(engine, expire_on_commit=False)
        self.accounts: Accounts = Accounts(self._session, cipher)
        self.insights: InsightsStore = InsightsStore(self._session, cipher)
        self.themes: ThemeStore = ThemeStore(self._session, cipher)
        self.recordings: Recordings = Recordings(self._session, cipher)
        self.meetings: MeetingStore = MeetingStore(self._session, self.recordings)

    @classmethod
    async def open(cls, url: str, cipher: FieldCipher | None = None,
                   check_keys: bool = True) -> Store:
        """Connect to ``url`` (``sqlite+aiosqlite:///...`` or ``postgresql+asyncpg://...``)
        and apply pending migrations.

        ``cipher`` encrypts personal values (admin users, webhook secrets); without it those
        operations raise :class:`EncryptionNotConfigured`. SQLite connections zero deleted
        content (``secure_delete``) and enforce foreign keys.

        With ``cipher`` and ``check_keys``: every organization has its data key in the keyring
        or was deleted on purpose (:meth:`check_data_keys`, then :meth:`finish_deletions`),
        and an empty database is refused while the keyring holds organizations' keys.

        Raises:
            DatabaseUnavailable: the database cannot be reached, refuses the connection, or
                is not a database (one line).
            KeyringIncomplete: an organization has no data key, or the database is empty
                and the keyring is not (one line).
        """
        engine = create_async_engine(url, hide_parameters=True)  # errors name no value
        if engine.dialect.name == "sqlite":
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
            _owner_only(engine.url.database)
        store = cls(engine, cipher)
        migrator = _sqlite_migrator(url) if engine.dialect.name == "sqlite" else engine
        try:
            try:
                async with migrator.begin() as conn:
                    if await conn.run_sync(schema.upgrade) and cipher is not None and check_keys:
                        cipher.keyring.check_new_database()  # raising rolls the tables back
            finally:
                if migrator is not engine:
                    await migrator.dispose()
            if cipher is not None and check_keys:
                await store.check_data_keys()
                await store.finish_deletions()
        except BaseException as error:
            await engine.dispose()
            if engine.dialect.name == "sqlite":
                await _aiosqlite_threads_ended()
            if isinstance(error, Exception) and _unavailable(error):
                raise database_error(url, error, "cannot open the database") from error
            raise
        return store

    async def check_data_keys(self, ignore: Collection[str] = ()) -> None:
        """Check that every organization but ``ignore`` has its data key in the keyring, with
        each version its values use, or was deleted on purpose (the keyring's tombstone).

        Raises:
            KeyringIncomplete: one line naming the first key or key version missing, and why.
        """
        if self.cipher is None:
            raise EncryptionNotConfigured("checking the data keys needs the keyring")
        async with self._session() as session:
            org_ids = (await session.scalars(select(Organization.id))).all()
        self.cipher.keyring.check(o for o in org_ids if o not in ignore)
        await self.accounts.check_key_versions(self.cipher.keyring.organizations())

    async def finish_deletions(self) -> list[str]:
        """Delete the rows of every organization the keyring says was deleted (a tombstone):
        a deletion interrupted after its keys went, or a backup from before it restored.
        Their sealed values are unreadable and their API keys must not work again. Each is
        audited (``organization.delete_finished``) and logged; returns their ids."""
        assert self.cipher is not None
        async with self._session() as session:
            finished = self.cipher.keyring.destroyed(await session.scalars(select(Organization.id)))
        for org_id in finished:
            async with self._session.begin() as session:
                counts = await _delete_rows(session, org_id)
                add_audit(session, org_id, OPERATOR, "organization.delete_finished", org_id)
            log.warning("organization %s was deleted (keys destroyed) but the database held "
                        "its rows (a restored backup, or an interrupted deletion): deleted %s",
                        org_id, counts)
        return finished

    async def deployment_id(self) -> str:
        """The random id of this database (``dep_`` and 32 hex digits), made with it."""
        async with self._session() as session:
            return str((await session.execute(select(Deployment.id))).scalar_one())

    async def close(self) -> None:
        await self.engine.dispose()

    # --- organizations and API keys
    async def ensure_organization(self, name: str) -> str:
        """Return the id of organization ``name``, creating it if needed.

        A new organization gets its data key at once (with a cipher), before its row is
        committed: the only place a data key is made, so a key missing later means a wrong
        or lost keyring, never a new organization.
        """
        async with self._session.begin() as session:
            org_id = await session.scalar(select(Organization.id).where(Organization.name == name))
            if org_id is None:
                org_id = "org_" + secrets.token_hex(8)
                if self.cipher is not None:
                    self.cipher.keyring.create(org_id)
                session.add(Organization(id=org_id, name=name, created_at=utcnow()))
            return org_id

    async def organization_id(self, name: str) -> str | None:
        """The id of organization ``name``, or None."""
        async with self._session() as session:
            return await session.scalar(select(Organization.id).where(Organization.name == name))

    async def organizations(self) -> list[dict[str, str]]:
        """Every organization by name: ``{name, id, createdAt}``."""
        async with self._session() as session:
            rows = (await session.scalars(select(Organization).order_by(Organization.name))).all()
        return [{"name": r.name, "id": r.id, "createdAt": as_utc(r.created_at).isoformat()}
                for r in rows]

    async def create_api_key(self, organization_id: str, actor: str = OPERATOR) -> str:
        """Create and return a new API key; only its hash is stored. Audited."""
        return (await self.create_api_key_with_id(organization_id, actor))[1]

    async def create_api_key_with_id(
        self, organization_id: str, actor: str = OPERATOR
    ) -> tuple[str, str]:
        """Like :meth:`create_api_key`; returns ``(key id, key)``."""
        key = API_KEY_PREFIX + secrets.token_urlsafe(32)
        key_id = "key_" + secrets.token_hex(8)
        async with self._session.begin() as session:
            session.add(
                ApiKey(
                    id=key_id,
                    organization_id=organization_id,
                    key_hash=hash_api_key(key),
                    created_at=utcnow(),
                )
            )
            add_audit(session, organization_id, actor, "api_key.create", key_id)
        return key_id, key

    async def revoke_api_key(self, organization_id: str, key_id: str, actor: str) -> bool:
        """Revoke an API key of the organization; False if unknown or already revoked."""
        async with self._session.begin() as session:
            result = await session.execute(
                update(ApiKey)
                .where(ApiKey.id == key_id, ApiKey.organization_id == organization_id,
                       ApiKey.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            if result.rowcount:
                add_audit(session, organization_id, actor, "api_key.revoke", key_id)
            return bool(result.rowcount)

    async def list_api_keys(self, organization_id: str) -> list[dict[str, str | None]]:
        """The organization's API keys, oldest first: ``{id, createdAt, revokedAt}``."""
        async with self._session() as session:
            rows = (await session.scalars(
                select(ApiKey).where(ApiKey.organization_id == organization_id)
                .order_by(ApiKey.created_at, ApiKey.id)
            )).all()
        return [
            {"id": r.id, "createdAt": as_utc(r.created_at).isoformat(),
             "revokedAt": as_utc(r.revoked_at).isoformat() if r.revoked_at else None}
            for r in rows
        ]

    async def api_key_identity(self, key: str) -> tuple[str, str] | None:
        """``(organization id, key id)`` of an active API key, or None."""
        async with self._session() as session:
            row = (await session.execute(
                select(ApiKey.organization_id, ApiKey.id).where(
                    ApiKey.key_hash == hash_api_key(key), ApiKey.revoked_at.is_(None)
                )
            )).first()
            return (row[0], row[1]) if row else None

    async def organization_for_api_key(self, key: str) -> str | None:
        """Return the organization id of an active API key, or None."""
        async with self._session() as session:
            return await session.scalar(
                select(ApiKey.organization_id).where(
                    ApiKey.key_hash == hash_api_key(key), ApiKey.revoked_at.is_(None)
                )
            )

    # --- organizations: deletion with crypto-shredding
    async def delete_organization(self, organization_id: str, actor: str = OPERATOR) -> dict:
        """Delete an organization and everything it owns, destroying its data keys first.

        Its ciphertexts, in this database or any copy or backup, can no longer be decrypted.
        The audit event of the deletion is kept. Returns rows deleted per table.

        Raises:
            EncryptionNotConfigured: no cipher, so the keys could not be destroyed.
        """
        if self.cipher is None:
            raise EncryptionNotConfigured("organization deletion needs the keyring")
        self.cipher.keyring.destroy(organization_id)
        async with self._session.begin() as session:
            counts = await _delete_rows(session, organization_id)
            add_audit(session, organization_id, actor, "organization.delete", organization_id)
        return counts

    # --- audit events
    async def audit(self, organization_id: str | None, actor: str, action: str,
                    target: str | None = None) -> None:
        """Record one audit event in its own transaction."""
        async with self._session.begin() as session:
            add_audit(session, organization_id, actor, action, target)

    async def audit_events(self, organization_id: str | None = None,
                           limit: int = 1000) -> list[AuditRecord]:
        """Audit events, oldest first (of one organization, or all)."""
        query = select(AuditEvent).order_by(AuditEvent.created_at, AuditEvent.id).limit(limit)
        if organization_id is not None:
            query = query.where(AuditEvent.organization_id == organization_id)
        async with self._session() as session:
            return [AuditRecord.of(r) for r in (await session.scalars(query)).all()]

    # --- retention
    async def purge_audit_events(self, now: dt.datetime, default_days: int) -> int:
        """Delete audit events older than ``default_days``, or than an organization's shorter
        ``audit_retention_days`` privacy setting; returns how many."""
        async with self._session.begin() as session:
            deleted = (await session.execute(
                delete(AuditEvent).where(
                    AuditEvent.created_at < now - dt.timedelta(days=default_days)
                )
            )).rowcount
            shorter = (await session.execute(
                select(PrivacySettings.organization_id, PrivacySettings.audit_retention_days)
                .where(PrivacySettings.audit_retention_days < default_days)
            )).all()
            for org_id, days in shorter:
                deleted += (await session.execute(
                    delete(AuditEvent).where(
                        AuditEvent.organization_id == org_id,
                        AuditEvent.created_at < now - dt.timedelta(days=days),
                    )
                )).rowcount
            return deleted


SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


async def _delete_rows(session: AsyncSession, organization_id: str) -> dict[str, int]:
    """Delete an organization's rows in ``session``'s transaction; counts per table."""
    counts: dict[str, int] = {}
    for model in (AdminUser, WebhookEndpoint, PrivacySettings, Meeting, ApiKey, Organization):
        column = Organization.id if model is Organization else model.organization_id
        result = await session.execute(delete(model).where(column == organization_id))
        counts[model.__tablename__] = result.rowcount
    return counts


def _owner_only(database: str | None) -> None:
    """Create the SQLite file mode 0600 (it holds wrapped personal data, like the key files)
    and tighten one an older version made 0644, with its side files; SQLite gives its
    journal, WAL and shared-memory files the database file's mode."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    # A directory that is missing or not ours: SQLite's own error names it on connect.
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for name in [path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)]:
        with contextlib.suppress(OSError):
            os.chmod(name, 0o600)


async def _aiosqlite_threads_ended(timeout: float = 1.0) -> None:
    """Let aiosqlite's worker threads end while the event loop still runs.

    A connection that fails to open (a missing directory, a directory for a file) asks its
    thread to stop without awaiting it (aiosqlite 0.22 ``Connection._connect``); when the
    loop closed first, that thread printed ``RuntimeError: Event loop is closed`` with its
    traceback before the command's one line.
    """
    for thread in threading.enumerate():
        if thread.name.endswith("(_connection_worker_thread)"):
            await asyncio.to_thread(thread.join, timeout)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_migrator(url: str) -> AsyncEngine:
    """An engine for the migrations whose transaction is SQLite's own, DDL included: the
    driver runs CREATE and ALTER outside any transaction, so a first start stopped midway
    (SIGTERM, a crash, a power cut) left tables without their version stamp, and every later
    start failed (``table organizations already exists``). IMMEDIATE: two processes
    migrating at once take turns instead of deadlocking."""
    engine = create_async_engine(url, poolclass=NullPool, hide_parameters=True)

    def connect(dbapi_connection: Any, record: Any) -> None:
        _sqlite_pragmas(dbapi_connection, record)
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN/COMMIT itself

    event.listen(engine.sync_engine, "connect", connect)
    event.listen(engine.sync_engine, "begin",
                 lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine
