"""Meetings in the account store: what the meetings API creates, lists and deletes, what a
room reads when someone joins, what its host changes (lock, end) and what retention purges.

:class:`MeetingStore` is ``Store.meetings``; it shares the store's session factory, so its
rows live in the same database and migrations (``signaling.models.Meeting``).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from signaling.audit import as_utc, utcnow
from signaling.models import Meeting
from signaling.recording_models import MeetingRecordingSettings

if TYPE_CHECKING:
    from signaling.recordings import Recordings


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
    ended_at: dt.datetime | None = None
    """Set when a host ended the meeting for everyone."""
    end_to_end_encryption: bool = False
    """The ``endToEndEncryption`` option: group room media encrypted in the browsers."""
    last_n: int = 0
    """The ``lastN`` option: camera videos each subscriber of a group room gets (0: all)."""
    cloud_recording: bool = False
    """The meeting's ``recording.type`` is ``cloud`` (issue 14): its room runs on the SFU,
    which records, whatever its mode (set by :meth:`MeetingStore.by_room_name`)."""

    @property
    def topology(self) -> str:
        """``p2p`` (mesh) for a normal room, ``sfu`` for a group room and for a normal room
        whose meeting is cloud-recorded (it keeps the normal room's participant limit)."""
        return "p2p" if self.room_mode == "normal" and not self.cloud_recording else "sfu"

    @classmethod
    def of(cls, row: Meeting) -> MeetingRecord:
        return cls(
            row.id, row.organization_id, row.room_name, row.room_mode, row.is_locked,
            as_utc(row.start_date), as_utc(row.end_date), as_utc(row.created_at),
            as_utc(row.ended_at) if row.ended_at else None, bool(row.end_to_end_encryption),
            int(row.last_n or 0),
        )


class InvalidCursor(ValueError):
    """A pagination cursor that this server did not issue."""


def _encode_cursor(record: MeetingRecord) -> str:
    raw = json.dumps([record.created_at.isoformat(), record.meeting_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        created, meeting_id = json.loads(base64.urlsafe_b64decode(cursor + "==="))
        if not isinstance(meeting_id, str) or "\x00" in meeting_id:
            # Never issued; a NUL would fail the query on PostgreSQL (a 500).
            raise ValueError("not a meeting id")
        return as_utc(dt.datetime.fromisoformat(created)), meeting_id
    except (ValueError, TypeError):
        raise InvalidCursor("invalid cursor") from None


class MeetingStore:
    """The meetings of every organization (``Store.meetings``)."""

    def __init__(self, session: async_sessionmaker[AsyncSession], recordings: Recordings) -> None:
        self._session = session
        self._recordings = recordings

    async def create(
        self,
        organization_id: str,
        room_name: str,
        room_mode: str,
        is_locked: bool,
        start_date: dt.datetime,
        end_date: dt.datetime,
        end_to_end_encryption: bool = False,
        last_n: int = 0,
    ) -> MeetingRecord:
        """Create a meeting with a new id (``m_`` and 20 hex digits); ``room_name`` must be
        free (:meth:`room_name_taken`), else the database's unique constraint raises."""
        row = Meeting(
            id="m_" + secrets.token_hex(10),
            organization_id=organization_id,
            room_name=room_name,
            room_mode=room_mode,
            is_locked=is_locked,
            start_date=start_date,
            end_date=end_date,
            created_at=utcnow(),
            end_to_end_encryption=end_to_end_encryption,
            last_n=last_n,
        )
        async with self._session.begin() as session:
            session.add(row)
        return MeetingRecord.of(row)

    async def newest_open(self, organization_id: str, room_name_prefix: str, name_length: int,
                          ends_after: dt.datetime) -> MeetingRecord | None:
        """``organization_id``'s normal-room meeting ending last of those whose room name is
        ``name_length`` characters starting with ``room_name_prefix``, that no host ended or
        locked and that ends after ``ends_after``; None if there is none."""
        query = (select(Meeting)
                 .where(Meeting.organization_id == organization_id,
                        Meeting.room_name.startswith(room_name_prefix, autoescape=True),
                        func.length(Meeting.room_name) == name_length,
                        Meeting.room_mode == "normal", Meeting.ended_at.is_(None),
                        Meeting.is_locked.is_(False), Meeting.end_date > ends_after)
                 .order_by(Meeting.end_date.desc()).limit(1))
        async with self._session() as session:
            row = await session.scalar(query)
            return MeetingRecord.of(row) if row else None

    async def room_name_taken(self, room_name: str) -> bool:
        async with self._session() as session:
            found = await session.scalar(select(Meeting.id).where(Meeting.room_name == room_name))
            return found is not None

    async def get(self, organization_id: str, meeting_id: str) -> MeetingRecord | None:
        """``organization_id``'s meeting ``meeting_id``, or None (also when another
        organization owns it)."""
        async with self._session() as session:
            row = await session.scalar(
                select(Meeting).where(
                    Meeting.id == meeting_id, Meeting.organization_id == organization_id
                )
            )
            return MeetingRecord.of(row) if row else None

    async def by_room_name(self, room_name: str) -> MeetingRecord | None:
        """The meeting of ``room_name`` as its room sees it (``cloud_recording`` set)."""
        async with self._session() as session:
            row = await session.scalar(select(Meeting).where(Meeting.room_name == room_name))
            if row is None:
                return None
            recording = await session.scalar(select(MeetingRecordingSettings.type).where(
                MeetingRecordingSettings.id == row.id))
            return dataclasses.replace(MeetingRecord.of(row),
                                       cloud_recording=recording == "cloud")

    async def page(
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

    async def mark_ended(self, room_name: str) -> None:
        """Record that a host ended the meeting (idempotent: the first time is kept)."""
        async with self._session.begin() as session:
            await session.execute(
                update(Meeting)
                .where(Meeting.room_name == room_name, Meeting.ended_at.is_(None))
                .values(ended_at=utcnow())
            )

    async def set_locked(self, room_name: str, locked: bool) -> None:
        """Record a host's lock or unlock: the room keeps it once it empties, and on restart."""
        async with self._session.begin() as session:
            await session.execute(update(Meeting).where(Meeting.room_name == room_name)
                                  .values(is_locked=locked))

    async def delete(self, organization_id: str, meeting_id: str) -> MeetingRecord | None:
        """Delete a meeting and the bucket credentials its recordings keep (their metadata
        stays); returns what was deleted, or None if it did not exist."""
        async with self._session.begin() as session:
            row = await session.scalar(
                select(Meeting).where(
                    Meeting.id == meeting_id, Meeting.organization_id == organization_id
                )
            )
            if row is None:
                return None
            record = MeetingRecord.of(row)
            await self._recordings.shred_meeting(session, meeting_id)
            await session.execute(delete(Meeting).where(Meeting.id == meeting_id))
            return record

    async def purge(self, ended_before: dt.datetime) -> int:
        """Delete meetings whose endDate is before ``ended_before``; returns how many."""
        async with self._session.begin() as session:
            result = await session.execute(delete(Meeting).where(Meeting.end_date < ended_before))
            return result.rowcount
