"""The recording tables: a meeting's recording settings and the recordings' metadata.

Only what issue 14 lets Fjord keep: never media, and bucket credentials only as envelope
ciphertexts (keys.field_cipher) sealed with the organization's data key and bound to their
table, column and row. A meeting's settings row goes with the meeting (foreign key, cascade).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, LargeBinary, String, false
from sqlalchemy.orm import Mapped, mapped_column

from signaling.models import Base


class MeetingRecordingSettings(Base):
    """Whereby's ``recording`` object of one meeting (type local or cloud)."""

    __tablename__ = "meeting_recording_settings"

    id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    """The meeting id."""
    organization_id: Mapped[str] = mapped_column(String(40), index=True)
    type: Mapped[str] = mapped_column(String(10))
    """``local`` or ``cloud``."""
    start_trigger: Mapped[str] = mapped_column(String(32))
    provider: Mapped[str | None] = mapped_column(String(10))
    """``s3`` (the customer's bucket) or ``whereby`` (the operator's); None for local."""
    bucket: Mapped[str | None] = mapped_column(String(63))
    key_prefix: Mapped[str] = mapped_column(String(512), default="")
    region: Mapped[str | None] = mapped_column(String(40))
    endpoint: Mapped[str | None] = mapped_column(String(2048))
    file_format: Mapped[str] = mapped_column(String(8), default="mkv")
    access_key_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Envelope ciphertext."""
    access_key_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Envelope ciphertext."""
    encryption_public_key: Mapped[str | None] = mapped_column(String(100))
    """age X25519 recipient (public) the file is encrypted to."""


class Recording(Base):
    """A finished (or failed) cloud recording: metadata and where it lies, never its media.

    Keeps its own sealed copy of the bucket credentials, since the meeting (and its settings)
    is purged within a day of its end while the recording's access links and deletion need
    them; deleting this row shreds them, and so does deleting the meeting
    (``DELETE /v1/meetings/{id}``: ``credentials_deleted``).
    """

    __tablename__ = "recordings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    room_name: Mapped[str] = mapped_column(String(80), index=True)
    room_session_id: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(1100))
    """Object key in the bucket (prefix included)."""
    status: Mapped[str] = mapped_column(String(10))
    """``recording``, ``finished`` or ``failed``."""
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    start_date: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    end_date: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    provider: Mapped[str] = mapped_column(String(10))
    bucket: Mapped[str] = mapped_column(String(63))
    region: Mapped[str | None] = mapped_column(String(40))
    endpoint: Mapped[str | None] = mapped_column(String(2048))
    access_key_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Envelope ciphertext (None: the operator's bucket, credentials from the AWS chain)."""
    access_key_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Envelope ciphertext."""
    meeting_id: Mapped[str | None] = mapped_column(String(40), index=True)
    """The meeting recorded (no foreign key: the recording outlives the meeting)."""
    credentials_deleted: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=false())
    """The meeting was deleted and its bucket credentials with it (customer's bucket)."""
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """While ``recording``: the process recording it renews this; past it (or None), no live
    process does and any node reconciles the row as failed."""
    lease_node: Mapped[str | None] = mapped_column(String(255))
    """The node id of the process holding :attr:`lease_until` (None: a version before, or a
    process that does not know its node is its alone)."""
    lease_boot: Mapped[str | None] = mapped_column(String(32))
    """A random id of that process's start: the node's later process ends the row at once."""
