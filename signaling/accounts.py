"""Admin users, webhook endpoints and privacy settings: the account data with personal values.

Emails, display names, external ids and webhook secrets are stored as envelope ciphertexts
(keys.field_cipher) sealed with the organization's data key and bound to their table, column
and row; an admin is found by email through a keyed blind index. Also: the data-subject
requests (export, erasure) and the re-encryption pass of a data-key rotation.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from keys.envelope import VERSION_BYTES, Place
from keys.errors import KeyringIncomplete
from keys.webhook_secret import new_webhook_secret
from signaling.audit import AuditRecord, add_audit, as_utc, utcnow
from signaling.models import (
    AdminUser,
    AuditEvent,
    Organization,
    ParticipantSessionInsight,
    PrivacySettings,
    RoomTheme,
    WebhookEndpoint,
)
from signaling.recording_models import MeetingRecordingSettings, Recording
from signaling.sealed_store import SealedStore

ROLES = ("owner", "admin", "member")
EMAIL_INDEX = "admin_users.email"
ENCRYPTED: dict[type, tuple[str, ...]] = {
    AdminUser: ("email", "display_name", "external_id"),
    WebhookEndpoint: ("secret",),
    ParticipantSessionInsight: ("external_id",),
    RoomTheme: ("value",),
    MeetingRecordingSettings: ("access_key_id", "access_key_secret"),
    Recording: ("access_key_id", "access_key_secret"),
}
"""Every encrypted column, per table: what a data-key rotation re-encrypts."""


def _iso(value: dt.datetime) -> str:
    return as_utc(value).isoformat().replace("+00:00", "Z")


class DuplicateEmail(ValueError):
    """An admin user with this email already exists in the organization."""


class TooManyWebhooks(ValueError):
    """The organization has as many webhook endpoints as it may."""


@dataclass(frozen=True)
class AdminUserRecord:
    """An admin user with its personal values decrypted."""

    user_id: str
    organization_id: str
    email: str
    display_name: str
    external_id: str | None
    role: str
    created_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {"id": self.user_id, "organizationId": self.organization_id, "email": self.email,
                "displayName": self.display_name, "externalId": self.external_id,
                "role": self.role, "createdAt": _iso(self.created_at)}


@dataclass(frozen=True)
class WebhookRecord:
    """A webhook endpoint; ``secret`` is decrypted only when asked for."""

    endpoint_id: str
    url: str
    events: list[str]
    created_at: dt.datetime
    secret: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.endpoint_id, "url": self.url, "events": self.events,
                               "createdAt": _iso(self.created_at)}
        if self.secret is not None:
            out["secret"] = self.secret
        return out


@dataclass(frozen=True)
class PrivacyRecord:
    relay_only: bool
    audit_retention_days: int | None
    redact_display_names: bool = False
    chat_disabled: bool = False
    allowed_embed_origins: tuple[str, ...] = ()
    """Origins (``scheme://host[:port]``) allowed to embed the room pages."""
    end_to_end_encryption: bool = False
    """Every group room is end-to-end encrypted (docs/e2ee.md)."""
    encryption_public_key: str | None = None
    """age X25519 recipient every cloud recording of the organization is encrypted to (a
    meeting's own ``recording.encryptionPublicKey`` wins), or None."""

    def as_json(self) -> dict[str, Any]:
        return {"relayOnly": self.relay_only, "auditRetentionDays": self.audit_retention_days,
                "redactDisplayNames": self.redact_display_names,
                "chatDisabled": self.chat_disabled,
                "allowedEmbedOrigins": list(self.allowed_embed_origins),
                "endToEndEncryption": self.end_to_end_encryption,
                "encryptionPublicKey": self.encryption_public_key}


@dataclass
class RotationProgress:
    """What one re-encryption pass did."""

    rows_seen: int = 0
    values_rewritten: int = 0
    batches: int = 0
    complete: bool = False


class Accounts(SealedStore):
    """Account data of organizations (``store.accounts``)."""

    def _seal(self, org_id: str, table: str, column: str, row_id: str, value: str) -> bytes:
        return self.cipher.encrypt(org_id, Place(table, column, row_id), value)

    def _open(self, org_id: str, table: str, column: str, row_id: str, blob: bytes) -> str:
        return self.cipher.decrypt(org_id, Place(table, column, row_id), bytes(blob))

    def _user(self, row: AdminUser) -> AdminUserRecord:
        t, o, i = "admin_users", row.organization_id, row.id
        return AdminUserRecord(
            i, o, self._open(o, t, "email", i, row.email),
            self._open(o, t, "display_name", i, row.display_name),
            self._open(o, t, "external_id", i, row.external_id) if row.external_id else None,
            row.role, as_utc(row.created_at),
        )

    # --- admin users
    async def create_admin_user(self, org_id: str, email: str, display_name: str, role: str,
                                external_id: str | None, actor: str) -> AdminUserRecord:
        """Create an admin user; audited as ``admin_user.create``.

        Raises:
            ValueError: unknown role.
            DuplicateEmail: the email is already used in the organization.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        user_id = "u_" + secrets.token_hex(10)
        t = "admin_users"
        row = AdminUser(
            id=user_id, organization_id=org_id,
            email=self._seal(org_id, t, "email", user_id, email),
            email_index=self.cipher.blind_index(org_id, EMAIL_INDEX, email),
            display_name=self._seal(org_id, t, "display_name", user_id, display_name),
            external_id=(self._seal(org_id, t, "external_id", user_id, external_id)
                         if external_id is not None else None),
            role=role, created_at=utcnow(),
        )
        try:
            async with self._session.begin() as session:
                session.add(row)
                add_audit(session, org_id, actor, "admin_user.create", user_id)
        except IntegrityError:
            raise DuplicateEmail("an admin user with this email exists") from None
        return self._user(row)

    async def admin_users(self, org_id: str) -> list[AdminUserRecord]:
        async with self._session() as session:
            rows = (await session.scalars(
                select(AdminUser).where(AdminUser.organization_id == org_id)
                .order_by(AdminUser.created_at, AdminUser.id)
            )).all()
        return [self._user(r) for r in rows]

    async def admin_user(self, org_id: str, user_id: str) -> AdminUserRecord | None:
        async with self._session() as session:
            row = await session.scalar(select(AdminUser).where(
                AdminUser.id == user_id, AdminUser.organization_id == org_id))
        return self._user(row) if row else None

    async def admin_user_by_email(self, org_id: str, email: str) -> AdminUserRecord | None:
        """Find an admin by email through the blind index (no plaintext comparison in SQL)."""
        index = self.cipher.blind_index(org_id, EMAIL_INDEX, email)
        async with self._session() as session:
            row = await session.scalar(select(AdminUser).where(
                AdminUser.organization_id == org_id, AdminUser.email_index == index))
        return self._user(row) if row else None

    async def export_admin_user(self, org_id: str, user_id: str) -> dict[str, Any] | None:
        """Everything stored about an admin user (data-subject access), or None.

        Shape: ``{"user": {...}, "auditEvents": [...]}`` with the events naming the user.
        """
        user = await self.admin_user(org_id, user_id)
        if user is None:
            return None
        async with self._session() as session:
            events = (await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.organization_id == org_id,
                    or_(AuditEvent.target == user_id, AuditEvent.actor == "admin_user:" + user_id),
                ).order_by(AuditEvent.created_at, AuditEvent.id)
            )).all()
        return {"user": user.as_json(),
                "auditEvents": [AuditRecord.of(e).as_json() for e in events]}

    async def erase_admin_user(self, org_id: str, user_id: str, actor: str) -> bool:
        """Erase an admin user (data-subject erasure): the row, hence its ciphertexts and
        blind index, is deleted (SQLite zeroes the freed pages). Audited with the id only."""
        async with self._session.begin() as session:
            result = await session.execute(delete(AdminUser).where(
                AdminUser.id == user_id, AdminUser.organization_id == org_id))
            if result.rowcount:
                add_audit(session, org_id, actor, "admin_user.erase", user_id)
            return bool(result.rowcount)

    # --- webhook endpoints
    async def create_webhook(self, org_id: str, url: str, events: list[str],
                             actor: str, limit: int | None = None) -> WebhookRecord:
        """Create an endpoint with a fresh secret (returned once here, stored encrypted).

        Raises:
            TooManyWebhooks: the organization has ``limit`` endpoints already (counted in
                the transaction of the insert, after locking the organization's row, so
                that creates sent at once cannot all pass the count).
        """
        endpoint_id = "wh_" + secrets.token_hex(10)
        secret = new_webhook_secret()
        row = WebhookEndpoint(
            id=endpoint_id, organization_id=org_id, url=url, events=",".join(events),
            secret=self._seal(org_id, "webhook_endpoints", "secret", endpoint_id, secret),
            created_at=utcnow(),
        )
        async with self._session.begin() as session:
            if limit is not None:
                await _lock_organization(session, org_id)
                count = await session.scalar(select(func.count()).select_from(
                    WebhookEndpoint).where(WebhookEndpoint.organization_id == org_id))
                if (count or 0) >= limit:
                    raise TooManyWebhooks(org_id)
            session.add(row)
            add_audit(session, org_id, actor, "webhook.create", endpoint_id)
        return WebhookRecord(endpoint_id, url, events, row.created_at, secret)

    def _webhook(self, row: WebhookEndpoint, with_secret: bool) -> WebhookRecord:
        secret = (self._open(row.organization_id, "webhook_endpoints", "secret", row.id,
                             row.secret) if with_secret else None)
        events = [e for e in row.events.split(",") if e]
        return WebhookRecord(row.id, row.url, events, as_utc(row.created_at), secret)

    async def webhooks(self, org_id: str) -> list[WebhookRecord]:
        async with self._session() as session:
            rows = (await session.scalars(select(WebhookEndpoint).where(
                WebhookEndpoint.organization_id == org_id).order_by(WebhookEndpoint.id))).all()
        return [self._webhook(r, with_secret=False) for r in rows]

    async def webhook(self, org_id: str, endpoint_id: str) -> WebhookRecord | None:
        """One endpoint with its secret decrypted, or None."""
        async with self._session() as session:
            row = await session.scalar(select(WebhookEndpoint).where(
                WebhookEndpoint.id == endpoint_id, WebhookEndpoint.organization_id == org_id))
        return self._webhook(row, with_secret=True) if row else None

    async def update_webhook(self, org_id: str, endpoint_id: str, url: str | None,
                             events: list[str] | None, rotate_secret: bool,
                             actor: str) -> WebhookRecord | None:
        """Change url/events and optionally replace the secret; None if unknown."""
        async with self._session.begin() as session:
            row = await session.scalar(select(WebhookEndpoint).where(
                WebhookEndpoint.id == endpoint_id, WebhookEndpoint.organization_id == org_id))
            if row is None:
                return None
            if url is not None:
                row.url = url
            if events is not None:
                row.events = ",".join(events)
            if rotate_secret:
                row.secret = self._seal(org_id, "webhook_endpoints", "secret", row.id,
                                        new_webhook_secret())
                add_audit(session, org_id, actor, "webhook.rotate_secret", endpoint_id)
            add_audit(session, org_id, actor, "webhook.update", endpoint_id)
        return self._webhook(row, with_secret=rotate_secret)

    async def delete_webhook(self, org_id: str, endpoint_id: str, actor: str) -> bool:
        async with self._session.begin() as session:
            result = await session.execute(delete(WebhookEndpoint).where(
                WebhookEndpoint.id == endpoint_id, WebhookEndpoint.organization_id == org_id))
            if result.rowcount:
                add_audit(session, org_id, actor, "webhook.delete", endpoint_id)
            return bool(result.rowcount)

    # --- privacy settings
    async def privacy(self, org_id: str) -> PrivacyRecord:
        """The organization's privacy settings (defaults when never set)."""
        async with self._session() as session:
            row = await session.get(PrivacySettings, org_id)
        return _privacy_of(row)

    async def set_privacy(self, org_id: str, value: PrivacyRecord, actor: str) -> PrivacyRecord:
        """Replace every setting with ``value``."""
        return await self.update_privacy(org_id, lambda _: value, actor)

    async def update_privacy(self, org_id: str,
                             change: Callable[[PrivacyRecord], PrivacyRecord],
                             actor: str) -> PrivacyRecord:
        """Write ``change(current settings)``: read, changed and written in one transaction
        that holds the organization's row (:func:`_lock_organization`), so that changes made
        at once each apply to the one before (a PATCH of one field keeps another PATCH's).
        What ``change`` raises leaves the settings as they were."""
        async with self._session.begin() as session:
            await _lock_organization(session, org_id)
            row = await session.get(PrivacySettings, org_id)
            value = change(_privacy_of(row))
            if row is None:
                row = PrivacySettings(organization_id=org_id)
                session.add(row)
            row.relay_only = value.relay_only
            row.audit_retention_days = value.audit_retention_days
            row.redact_display_names = value.redact_display_names
            row.chat_disabled = value.chat_disabled
            row.allowed_embed_origins = " ".join(value.allowed_embed_origins)
            row.end_to_end_encryption = value.end_to_end_encryption
            row.recording_encryption_public_key = value.encryption_public_key
            row.updated_at = utcnow()
            add_audit(session, org_id, actor, "privacy.update", org_id)
        return value

    # --- data-key rotation
    async def reencrypt(self, org_id: str, batch_size: int = 100,
                        on_batch: Callable[[RotationProgress], None] | None = None
                        ) -> RotationProgress:
        """Re-encrypt every value of ``org_id`` not sealed with its write (pending) data key.

        One transaction per batch of ``batch_size`` rows, in primary-key order, so the server
        keeps serving; idempotent, hence resumable after an interruption (``on_batch`` may
        raise to stop). Returns counts; ``complete`` when a whole pass found nothing left.
        """
        cipher = self.cipher
        progress = RotationProgress()
        target = cipher.keyring.write_key(org_id).version
        for model, columns in ENCRYPTED.items():
            table = model.__tablename__
            after = ""
            while True:
                async with self._session.begin() as session:
                    rows = (await session.scalars(
                        select(model).where(model.organization_id == org_id, model.id > after)
                        .order_by(model.id).limit(batch_size).with_for_update()
                    )).all()
                    for row in rows:
                        for column in columns:
                            blob = getattr(row, column)
                            if blob is None or cipher.key_version(bytes(blob)) == target:
                                continue
                            value = self._open(org_id, table, column, row.id, blob)
                            setattr(row, column, self._seal(org_id, table, column, row.id, value))
                            progress.values_rewritten += 1
                    progress.rows_seen += len(rows)
                if not rows:
                    break
                after = rows[-1].id
                progress.batches += 1
                if on_batch is not None:
                    on_batch(progress)
        progress.complete = progress.values_rewritten == 0
        return progress

    async def _versions_in_use(self, org_ids: Collection[str]) -> dict[str, set[int]]:
        """Per organization of ``org_ids`` (each with its key in the keyring), the versions of
        its data key that its stored values were sealed with. The database reads them from
        the envelope headers (theme images are not fetched), a few queries per encrypted
        column for all the organizations. Values sealed under another key id, one lost
        before ``fjord keys create-missing``, are not counted."""
        keyring = self.cipher.keyring
        key_ids = {org_id: keyring.key_id(org_id) for org_id in org_ids}
        version_at, length_at = VERSION_BYTES.start + 1, VERSION_BYTES.stop + 1  # SQL: 1-based
        found: dict[str, set[int]] = {org_id: set() for org_id in org_ids}
        async with self._session() as session:
            for model, columns in ENCRYPTED.items():
                for name in columns:
                    column = getattr(model, name)
                    sealed = column.is_not(None)  # all organizations': few distinct rows
                    length = func.substr(column, length_at, 1)
                    for raw in await session.scalars(select(length).distinct().where(sealed)):
                        size = bytes(raw)[0]
                        rows = await session.execute(
                            select(model.organization_id, func.substr(column, version_at, 4),
                                   func.substr(column, length_at + 1, size))
                            .distinct().where(sealed, length == bytes(raw)))
                        for org_id, version, key_id in rows:
                            if org_id in key_ids and bytes(key_id) == key_ids[org_id].encode():
                                found[org_id].add(int.from_bytes(bytes(version), "big"))
        return found

    async def check_key_versions(self, org_ids: Collection[str]) -> None:
        """Check that the keyring holds every version of the data key of each organization
        of ``org_ids`` that its stored values were sealed with.

        Raises:
            KeyringIncomplete: one line naming the first version missing and which of the
                database and the keyring is the older (restored from an earlier backup).
        """
        keyring = self.cipher.keyring
        for _ in range(2):  # a rotation in another process may end between the two reads
            lacking = {org_id: sorted(versions - set(keyring.versions(org_id)[2]))
                       for org_id, versions in (await self._versions_in_use(org_ids)).items()}
            lacking = {org_id: versions for org_id, versions in lacking.items() if versions}
            if not lacking:
                return
        org_id = min(lacking)
        version, held = lacking[org_id][0], keyring.versions(org_id)[2]
        prefix = f"organization {org_id} has values sealed under data key version {version}"
        if version > max(held):
            raise KeyringIncomplete(
                f"{prefix}, which {keyring.directory} lacks: the keyring is older than the "
                "database (restored from an earlier backup?); restore the keyring that holds "
                "it (docs/operations.md, Backups)")
        raise KeyringIncomplete(
            f"{prefix}, which {keyring.directory} no longer holds (it holds version "
            f"{', '.join(map(str, held))}): the database is older than the keyring's last "
            "fjord keys rotate-data-keys (restored from an earlier backup?); restore the "
            "keyring backup taken with it (docs/operations.md, Backups)")

    async def rotate_data_key(self, org_id: str, batch_size: int = 100, actor: str = "operator",
                              on_batch: Callable[[RotationProgress], None] | None = None
                              ) -> RotationProgress:
        """Move ``org_id`` to a new data key version without downtime; resumable.

        Adds a pending version (or resumes the one pending after an interruption), re-encrypts
        rows until a pass finds none left under older versions, then makes it current and
        destroys the older versions. Returns the totals. Audited as ``keys.rotate_data_key``.
        """
        keyring = self.cipher.keyring
        await self.check_key_versions([org_id])  # a new key must not take a version in use
        version = keyring.begin_data_key_rotation(org_id)
        total = RotationProgress()
        while True:
            progress = await self.reencrypt(org_id, batch_size, on_batch)
            total.rows_seen += progress.rows_seen
            total.values_rewritten += progress.values_rewritten
            total.batches += progress.batches
            if progress.complete:
                break
        keyring.complete_data_key_rotation(org_id)
        total.complete = True
        async with self._session.begin() as session:
            add_audit(session, org_id, actor, "keys.rotate_data_key", f"v{version}")
        return total


async def _lock_organization(session: AsyncSession, org_id: str) -> None:
    """Hold the organization's row until ``session``'s transaction ends: a write to it takes
    a row lock on PostgreSQL and the database's write lock on SQLite, so that a count or a
    read-modify-write of the organization's rows that follows is not interleaved with
    another's (SELECT ... FOR UPDATE would lock nothing on SQLite)."""
    await session.execute(update(Organization).where(Organization.id == org_id)
                          .values(id=Organization.id))


def _privacy_of(row: PrivacySettings | None) -> PrivacyRecord:
    """The settings ``row`` holds; the defaults without one."""
    if row is None:
        return PrivacyRecord(False, None)
    return PrivacyRecord(row.relay_only, row.audit_retention_days,
                         bool(row.redact_display_names), bool(row.chat_disabled),
                         tuple((row.allowed_embed_origins or "").split()),
                         bool(row.end_to_end_encryption),
                         row.recording_encryption_public_key)
