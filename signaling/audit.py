"""Audit events (who did what, when: ids and action names only, never personal values) and
the UTC timestamps of stored rows.

Below both :mod:`signaling.store` and :mod:`signaling.accounts`, which record events here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from signaling.models import AuditEvent


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware UTC datetime (SQLite returns naive ones; everything is stored
    in UTC)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class AuditRecord:
    """One audit event: ids and an action name only, never personal values."""

    event_id: str
    organization_id: str | None
    actor: str
    action: str
    target: str | None
    created_at: dt.datetime

    @classmethod
    def of(cls, row: AuditEvent) -> AuditRecord:
        return cls(row.id, row.organization_id, row.actor, row.action, row.target,
                   as_utc(row.created_at))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.event_id, "organizationId": self.organization_id, "actor": self.actor,
                "action": self.action, "target": self.target,
                "createdAt": self.created_at.isoformat().replace("+00:00", "Z")}


def add_audit(session: AsyncSession, org_id: str | None, actor: str, action: str,
              target: str | None = None) -> None:
    """Record ``actor`` did ``action`` (e.g. ``api_key.create``) on ``target`` (an id)."""
    session.add(AuditEvent(id="ev_" + secrets.token_hex(10), organization_id=org_id,
                           actor=actor, action=action, target=target, created_at=utcnow()))
