"""The account store's tables: only what DESIGN.md lists ("What is stored")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the key (hex); the key itself is never stored."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    room_name: Mapped[str] = mapped_column(String(80), unique=True)
    room_mode: Mapped[str] = mapped_column(String(10))
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    end_date: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """When a host ended the meeting for everyone; joins are refused from then on."""
    end_to_end_encryption: Mapped[bool] = mapped_column(Boolean, default=False)
    """Group room media is encrypted in the browsers, with keys the server never sees."""
    last_n: Mapped[int] = mapped_column(Integer, default=0)
    """Group rooms: camera videos each subscriber receives, the most recent speakers'
    (0: all; sfu/last_n.py)."""


class AdminUser(Base):
    """An organization's administrator. Personal values are envelope ciphertexts
    (keys.envelope) bound to this table, their column and the row id."""

    __tablename__ = "admin_users"
    __table_args__ = (UniqueConstraint("organization_id", "email_index"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[bytes] = mapped_column(LargeBinary)
    email_index: Mapped[str] = mapped_column(String(64))
    """Blind index: HMAC-SHA256 of the normalized email under the organization's index key."""
    display_name: Mapped[bytes] = mapped_column(LargeBinary)
    external_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[str] = mapped_column(String(500))
    """Comma-separated event names."""
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    """Envelope ciphertext of the signing secret."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PrivacySettings(Base):
    __tablename__ = "privacy_settings"

    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    relay_only: Mapped[bool] = mapped_column(Boolean, default=False)
    """Normal rooms use the TURN relay only, so participants never learn each other's IP."""
    audit_retention_days: Mapped[int | None] = mapped_column(Integer)
    """Shorter audit retention than the operator's default, or None."""
    redact_display_names: Mapped[bool] = mapped_column(Boolean, default=False)
    """Display names appear as ``[[redacted]]`` everywhere outside the live room."""
    chat_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_embed_origins: Mapped[str] = mapped_column(String(4000), default="")
    """Space-separated origins allowed to embed the room pages (CSP frame-ancestors)."""
    end_to_end_encryption: Mapped[bool] = mapped_column(Boolean, default=False)
    """Every group room of the organization is end-to-end encrypted."""
    recording_encryption_public_key: Mapped[str | None] = mapped_column(String(100))
    """age X25519 recipient (``age1...``) every cloud recording is encrypted to, or None."""
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Who did what, when; ids only, never personal values. Kept after its organization is
    deleted (no foreign key) until the retention period ends."""

    __tablename__ = "audit_events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str | None] = mapped_column(String(40), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class RoomSessionInsight(Base):
    """A room session (from the second participant in until the room emptied): times and
    counts only. Kept after its meeting is purged, under the retention of audit events."""

    __tablename__ = "insight_room_sessions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    room_name: Mapped[str] = mapped_column(String(80), index=True)
    room_created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    room_end_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    ended_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ParticipantSessionInsight(Base):
    """One participant's stay in a room session: role and times, never a name or address.
    ``external_id`` is the customer's own id for the participant (``externalId`` URL
    parameter), an envelope ciphertext like other account data; ``external_id_index`` its
    blind index (HMAC-SHA256 under the organization's index key) for the filter."""

    __tablename__ = "insight_participant_sessions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    room_session_id: Mapped[str] = mapped_column(
        ForeignKey("insight_room_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[str] = mapped_column(String(64))
    role_name: Mapped[str] = mapped_column(String(20))
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    left_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    external_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    external_id_index: Mapped[str | None] = mapped_column(String(64), index=True)


class RoomTheme(Base):
    """A room's theme part (``tokens``, ``logo``, ``room-background``,
    ``room-knock-page-background``): an envelope ciphertext of its JSON, purged with the
    meeting."""

    __tablename__ = "room_themes"
    __table_args__ = (UniqueConstraint("meeting_id", "part"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    part: Mapped[str] = mapped_column(String(40))
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Deployment(Base):
    """One row: a random id made when this database was created, which the signaling nodes
    of a deployment tell each other to find a node started on another database."""

    __tablename__ = "deployment"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
