"""Room theme parts (colors, logo, backgrounds) at rest: JSON sealed with the organization's
data key, bound to its row (keys.field_cipher), deleted with the meeting (foreign key)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import delete, select, update

from keys.envelope import Place
from signaling.audit import utcnow
from signaling.models import Meeting, RoomTheme
from signaling.sealed_store import SealedStore


class MeetingGone(LookupError):
    """The meeting was deleted (or purged) before its theme part was written."""


class ThemeStore(SealedStore):
    """Theme parts of rooms (``store.themes``), sealed per organization."""

    def _place(self, row_id: str) -> Place:
        return Place("room_themes", "value", row_id)

    async def put(self, org: str, meeting_id: str, part: str,
                  value: dict[str, Any] | None) -> None:
        """Set (or with None, reset to the default) one theme part of a meeting's room.

        The meeting's row is held first (a no-op write: a row lock on PostgreSQL, the write
        lock on SQLite), so that a deletion of the meeting after the caller looked it up,
        or another write of the same part, waits or is seen rather than meeting the foreign
        or unique key of the insert.

        Raises:
            MeetingGone: the meeting no longer exists.
        """
        async with self._session.begin() as session:
            held = await session.execute(update(Meeting).where(Meeting.id == meeting_id)
                                         .values(id=Meeting.id))
            if held.rowcount == 0:
                raise MeetingGone(meeting_id)
            await session.execute(delete(RoomTheme).where(
                RoomTheme.meeting_id == meeting_id, RoomTheme.part == part))
            if value is None:
                return
            row_id = str(uuid.uuid4())
            sealed = self.cipher.encrypt(org, self._place(row_id), json.dumps(value))
            session.add(RoomTheme(id=row_id, meeting_id=meeting_id, part=part,
                                  organization_id=org, value=sealed, updated_at=utcnow()))

    async def theme(self, meeting_id: str) -> dict[str, Any]:
        """Every part set for a meeting's room, by part name."""
        async with self._session() as session:
            rows = (await session.scalars(select(RoomTheme).where(
                RoomTheme.meeting_id == meeting_id))).all()
        cipher = self.cipher
        return {row.part: json.loads(cipher.decrypt(row.organization_id, self._place(row.id),
                                                    bytes(row.value))) for row in rows}
