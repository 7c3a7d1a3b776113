"""The account store: SQLAlchemy 2 (async) over SQLite (default) or PostgreSQL, with Alembic.

Holds organizations, API key hashes and meetings; nothing about media, chat or addresses.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from signaling.models import ApiKey, Meeting, Organization

MIGRATIONS = Path(__file__).parent / "migrations"
API_KEY_PREFIX = "fjk_"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def hash_api_key(key: str) -> str:
    """SHA-256 hex of an API key: keys carry 256 random bits, so a fast hash suffices."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting as the API and the rooms see it."""

    meeting_id: str
    organization_id: str
    room_name: str
    room_mode: str
    is_locked: bool
    start_date: dt.datetime
    end_date: dt.datetime
    created_at: dt.datetime

    @classmethod
    def of(cls, row: Meeting) -> MeetingRecord:
        return cls(
            row.id, row.organization_id, row.room_name, row.room_mode, row.is_locked,
            _utc(row.start_date), _utc(row.end_date), _utc(row.created_at),
        )


class InvalidCursor(ValueError):
    """A pagination cursor that this server did not issue."""


def _encode_cursor(record: MeetingRecord) -> str:
    raw = json.dumps([record.created_at.isoformat(), record.meeting_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        created, meeting_id = json.loads(base64.urlsafe_b64decode(cursor + "==="))
        return _utc(dt.datetime.fromisoformat(created)), str(meeting_id)
    except (ValueError, TypeError):
        raise InvalidCursor("invalid cursor") from None


class Store:
    """Async access to the account store. Create with :meth:`open`, release with :meth:`close`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._session = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    async def open(cls, url: str) -> Store:
        """Connect to ``url`` (``sqlite+aiosqlite:///...`` or ``postgresql+asyncpg://...``)
        and apply pending migrations."""
        store = cls(create_async_engine(url))
        async with store.engine.begin() as conn:
            await conn.run_sync(_upgrade)
        return store

    async def close(self) -> None:
        await self.engine.dispose()

    # --- organizations and API keys
    async def ensure_organization(self, name: str) -> str:
        """Return the id of organization ``name``, creating it if needed."""
        async with self._session.begin() as session:
            org_id = await session.scalar(select(Organization.id).where(Organization.name == name))
            if org_id is None:
                org_id = "org_" + secrets.token_hex(8)
                session.add(Organization(id=org_id, name=name, created_at=utcnow()))
            return org_id

    async def create_api_key(self, organization_id: str) -> str:
        """Create and return a new API key; only its hash is stored."""
        key = API_KEY_PREFIX + secrets.token_urlsafe(32)
        async with self._session.begin() as session:
            session.add(
                ApiKey(
                    id="key_" + secrets.token_hex(8),
                    organization_id=organization_id,
                    key_hash=hash_api_key(key),
                    created_at=utcnow(),
                )
            )
        return key

    async def organization_for_api_key(self, key: str) -> str | None:
        """Return the organization id of an active API key, or None."""
        async with self._session() as session:
            return await session.scalar(
                select(ApiKey.organization_id).where(
                    ApiKey.key_hash == hash_api_key(key), ApiKey.revoked_at.is_(None)
                )
            )

    # --- meetings
    async def create_meeting(
        self,
        organization_id: str,
        room_name: str,
        room_mode: str,
        is_locked: bool,
        start_date: dt.datetime,
        end_date: dt.datetime,
    ) -> MeetingRecord:
        row = Meeting(
            id="m_" + secrets.token_hex(10),
            organization_id=organization_id,
            room_name=room_name,
            room_mode=room_mode,
            is_locked=is_locked,
            start_date=start_date,
            end_date=end_date,
            created_at=utcnow(),
        )
        async with self._session.begin() as session:
            session.add(row)
        return MeetingRecord.of(row)

    async def room_name_taken(self, room_name: str) -> bool:
        async with self._session() as session:
            found = await session.scalar(select(Meeting.id).where(Meeting.room_name == room_name))
            return found is not None

    async def get_meeting(self, organization_id: str, meeting_id: str) -> MeetingRecord | None:
        async with self._session() as session:
            row = await session.scalar(
                select(Meeting).where(
                    Meeting.id == meeting_id, Meeting.organization_id == organization_id
                )
            )
            return MeetingRecord.of(row) if row else None

    async def meeting_by_room_name(self, room_name: str) -> MeetingRecord | None:
        async with self._session() as session:
            row = await session.scalar(select(Meeting).where(Meeting.room_name == room_name))
            return MeetingRecord.of(row) if row else None

    async def list_meetings(
        self, organization_id: str, limit: int, cursor: str | None
    ) -> tuple[list[MeetingRecord], str | None]:
        """Meetings oldest first; returns the page and the cursor of the next page (or None).

        Raises:
            InvalidCursor: ``cursor`` was not issued by this server.
        """
        query = select(Meeting).where(Meeting.organization_id == organization_id)
        if cursor:
            created, meeting_id = _decode_cursor(cursor)
            query = query.where(
                or_(
                    Meeting.created_at > created,
                    and_(Meeting.created_at == created, Meeting.id > meeting_id),
                )
            )
        query = query.order_by(Meeting.created_at, Meeting.id).limit(limit + 1)
        async with self._session() as session:
            rows = [MeetingRecord.of(r) for r in (await session.scalars(query)).all()]
        page = rows[:limit]
        return page, (_encode_cursor(page[-1]) if len(rows) > limit else None)

    async def delete_meeting(self, organization_id: str, meeting_id: str) -> MeetingRecord | None:
        """Delete a meeting; returns what was deleted, or None if it did not exist."""
        async with self._session.begin() as session:
            row = await session.scalar(
                select(Meeting).where(
                    Meeting.id == meeting_id, Meeting.organization_id == organization_id
                )
            )
            if row is None:
                return None
            record = MeetingRecord.of(row)
            await session.execute(delete(Meeting).where(Meeting.id == meeting_id))
            return record


def _upgrade(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
