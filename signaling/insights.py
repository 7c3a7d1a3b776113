"""Insights: what Fjord knows anyway about room usage, kept as times, counts and roles only.

Two tables (:class:`signaling.models.RoomSessionInsight`, ``ParticipantSessionInsight``): a
room session with its start and end, and each participant's stay in it with role name,
join and leave times. Never a display name, an email or an address; the customer's own
``externalId`` of a participant is sealed with the organization's data key (like other
account data) and found through a blind index. Rows go after the organization's retention
period (its ``auditRetentionDays`` privacy setting, else the operator's audit retention).

The read side answers Whereby's ``GET /v1/insights/*`` shapes (signaling.insights_api):
dates are ISO 8601 UTC with milliseconds, minutes are rounded up per participant stay.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, case, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from keys.envelope import Place
from signaling.audit import as_utc
from signaling.models import ParticipantSessionInsight, PrivacySettings, RoomSessionInsight
from signaling.sealed_store import SealedStore

EXTERNAL_ID_INDEX = "insight_participant_sessions.external_id"
PARTICIPANTS = "insight_participant_sessions"


def iso_ms(value: dt.datetime) -> str:
    """``2025-01-01T00:00:00.000Z``: UTC with milliseconds, as Whereby writes dates."""
    return as_utc(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class ParticipantStay:
    """One participant's stay in a room session, as the recorder hands it over."""

    participant_id: str
    role_name: str
    joined_at: dt.datetime
    left_at: dt.datetime
    external_id: str | None


@dataclass(frozen=True)
class SessionRecord:
    """A finished room session and its participants' stays."""

    room_session_id: str
    """The id the room gave the session (``Room.session_id``): the ``roomSessionId`` of its
    webhooks and recordings."""
    organization_id: str
    room_name: str
    room_created_at: dt.datetime
    room_end_at: dt.datetime
    started_at: dt.datetime
    ended_at: dt.datetime
    stays: tuple[ParticipantStay, ...]


def stay_minutes(joined: dt.datetime, left: dt.datetime) -> int:
    """Minutes of one stay, rounded up (Whereby: "rounded up per individual connection")."""
    return math.ceil(max(0.0, (left - joined).total_seconds()) / 60)


class InsightsStore(SealedStore):
    """Insights rows of all organizations (``store.insights``)."""

    async def record(self, session_record: SessionRecord) -> str:
        """Store a finished session and its stays under its ``roomSessionId``; returns it.
        With several signaling nodes each writes its part of a session (its participants'
        stays): the parts merge into one session, from the earliest start to the latest
        end."""
        try:
            return await self._record(session_record)
        except IntegrityError:  # another node's part was written first, at the same time
            return await self._record(session_record)

    async def _record(self, r: SessionRecord) -> str:
        session_id = r.room_session_id
        row = RoomSessionInsight
        async with self._session.begin() as session:
            # One statement that widens the stored span, not a read then a write: two
            # nodes' parts merging at once would each write back what they read, and the
            # later commit would drop the other's start or end.
            merged = await session.execute(
                update(row).where(row.id == session_id).values(
                    started_at=case((row.started_at > r.started_at, r.started_at),
                                    else_=row.started_at),
                    ended_at=case((row.ended_at < r.ended_at, r.ended_at),
                                  else_=row.ended_at))
                .execution_options(synchronize_session=False))
            if merged.rowcount == 0:
                session.add(RoomSessionInsight(
                    id=session_id, organization_id=r.organization_id, room_name=r.room_name,
                    room_created_at=r.room_created_at, room_end_at=r.room_end_at,
                    started_at=r.started_at, ended_at=r.ended_at))
                await session.flush()
            for stay in r.stays:
                row_id = str(uuid.uuid4())
                sealed = index = None
                if stay.external_id and self._cipher is not None:
                    sealed = self._cipher.encrypt(
                        r.organization_id, Place(PARTICIPANTS, "external_id", row_id),
                        stay.external_id)
                    index = self._cipher.blind_index(r.organization_id, EXTERNAL_ID_INDEX,
                                                     stay.external_id)
                session.add(ParticipantSessionInsight(
                    id=row_id, organization_id=r.organization_id,
                    room_session_id=session_id, participant_id=stay.participant_id,
                    role_name=stay.role_name, joined_at=stay.joined_at, left_at=stay.left_at,
                    external_id=sealed, external_id_index=index))
        return session_id

    async def _sessions(self, org_id: str, room_name: str | None = None
                        ) -> list[RoomSessionInsight]:
        query = select(RoomSessionInsight).where(RoomSessionInsight.organization_id == org_id)
        if room_name is not None:
            query = query.where(RoomSessionInsight.room_name == room_name)
        async with self._session() as session:
            return list((await session.scalars(query)).all())

    async def _stays_by(self, org_id: str, room_name: str | None = None, by_room: bool = False
                        ) -> dict[str, list[Row[Any]]]:
        """The stays of the organization's sessions (of ``room_name`` only when given) as
        ``(participant_id, external_id_index, role_name, joined_at, left_at)`` rows, by
        ``roomSessionId`` (by room name when ``by_room``).

        Selected through the session's room by a join, not an ``IN`` list of session ids:
        such a list has one bound parameter per session (asyncpg refuses more than 32,767),
        and grouping by a dict keeps a room of thousands of sessions linear."""
        stay, room = ParticipantSessionInsight, RoomSessionInsight
        key = room.room_name if by_room else stay.room_session_id
        query = (select(key.label("key"), stay.participant_id, stay.external_id_index,
                        stay.role_name, stay.joined_at, stay.left_at)
                 .join(room, room.id == stay.room_session_id)
                 .where(stay.organization_id == org_id))
        if room_name is not None:
            query = query.where(room.room_name == room_name)
        grouped: dict[str, list[Row[Any]]] = {}
        async with self._session() as session:
            for row in await session.execute(query):
                grouped.setdefault(row.key, []).append(row)
        return grouped

    async def _stays(self, org_id: str, session_id: str | None = None,
                     external_id: str | None = None) -> list[ParticipantSessionInsight]:
        query = select(ParticipantSessionInsight).where(
            ParticipantSessionInsight.organization_id == org_id)
        if session_id is not None:
            query = query.where(ParticipantSessionInsight.room_session_id == session_id)
        if external_id is not None:
            if self._cipher is None:
                return []
            index = self._cipher.blind_index(org_id, EXTERNAL_ID_INDEX, external_id)
            query = query.where(ParticipantSessionInsight.external_id_index == index)
        async with self._session() as session:
            return list((await session.scalars(query)).all())

    async def rooms(self, org_id: str) -> list[dict[str, Any]]:
        """One summary per room name (Whereby's ``GET /v1/insights/rooms`` items): the
        sessions' times and count aggregated by the database, the stays' minutes (rounded
        up per stay) and distinct participants counted here."""
        s = RoomSessionInsight
        query = (select(s.room_name, func.min(s.room_created_at), func.max(s.room_end_at),
                        func.min(s.started_at), func.max(s.started_at), func.count())
                 .where(s.organization_id == org_id).group_by(s.room_name))
        async with self._session() as session:
            summaries = (await session.execute(query)).all()
        stays = await self._stays_by(org_id, by_room=True)
        return [{
            "roomName": "/" + name,
            "createdAt": iso_ms(created),
            "endAt": iso_ms(end),
            "firstSessionStartedAt": iso_ms(first),
            "lastSessionStartedAt": iso_ms(last),
            **_totals(stays.get(name, [])),
            "totalSessions": count,
        } for name, created, end, first, last, count in summaries]

    async def room_sessions(self, org_id: str, room_name: str) -> list[dict[str, Any]]:
        """The sessions of one room (Whereby's ``GET /v1/insights/room-sessions`` items)."""
        sessions = await self._sessions(org_id, room_name)
        stays = await self._stays_by(org_id, room_name)
        return [{
            "roomSessionId": s.id,
            "roomName": "/" + s.room_name,
            "createdAt": iso_ms(s.started_at),
            "endAt": iso_ms(s.ended_at),
            "startedAt": iso_ms(s.started_at),
            "endedAt": iso_ms(s.ended_at),
            **_totals(stays.get(s.id, [])),
        } for s in sessions]

    async def participants(self, org_id: str, room_session_id: str | None,
                           external_id: str | None) -> list[dict[str, Any]]:
        """Participant stays of a session or of an external id (Whereby's ``GET
        /v1/insights/participants`` items), the cloud recorder's not among them (it is a
        recorder: the totals count it as one). ``displayName``, ``userId`` and ``deviceId``
        are empty strings: Fjord does not keep them."""
        stays = await self._stays(org_id, room_session_id, external_id)
        return [{
            "roomSessionId": stay.room_session_id,
            "participantId": stay.participant_id,
            "deviceId": "",
            "userId": "",
            "roleName": stay.role_name,
            "displayName": "",
            "joinedAt": iso_ms(stay.joined_at),
            "leftAt": iso_ms(stay.left_at),
            "externalId": self._external_id(stay),
        } for stay in stays if stay.role_name != RECORDER]

    def _external_id(self, stay: ParticipantSessionInsight) -> str:
        if stay.external_id is None or self._cipher is None:
            return ""
        return self._cipher.decrypt(stay.organization_id,
                                    Place(PARTICIPANTS, "external_id", stay.id),
                                    bytes(stay.external_id))

    async def purge(self, now: dt.datetime, default_days: int) -> int:
        """Delete sessions (and their stays) that ended more than ``default_days`` ago, or
        than an organization's shorter ``audit_retention_days``; returns how many."""
        async with self._session.begin() as session:
            deleted = (await session.execute(delete(RoomSessionInsight).where(
                RoomSessionInsight.ended_at < now - dt.timedelta(days=default_days)))).rowcount
            shorter = (await session.execute(
                select(PrivacySettings.organization_id, PrivacySettings.audit_retention_days)
                .where(PrivacySettings.audit_retention_days < default_days))).all()
            for org_id, days in shorter:
                deleted += (await session.execute(delete(RoomSessionInsight).where(
                    RoomSessionInsight.organization_id == org_id,
                    RoomSessionInsight.ended_at < now - dt.timedelta(days=days)))).rowcount
            return deleted


RECORDER = "recorder"
"""The cloud recorder's role name (signaling.recording_control): Whereby's recorder, counted
apart from the participants."""


def _totals(stays: list[Row[Any]]) -> dict[str, int]:
    """The usage totals of a room or session: participants' minutes and distinct
    participants, and the cloud recorder's apart (Whereby's ``totalRecorderMinutes``,
    ``totalUniqueRecorders``); Fjord does not stream (zero). A participant is their
    ``externalId`` when they joined with one (a reloaded page joins under a new participant
    id: the same person), else their participant id."""
    people = [s for s in stays if s.role_name != RECORDER]
    recorders = [s for s in stays if s.role_name == RECORDER]

    def minutes(of: list[Row[Any]]) -> int:
        return sum(stay_minutes(as_utc(s.joined_at), as_utc(s.left_at)) for s in of)

    return {
        "totalParticipantMinutes": minutes(people),
        "totalRecorderMinutes": minutes(recorders),
        "totalStreamerMinutes": 0,
        "totalUniqueParticipants": len({s.external_id_index or s.participant_id
                                        for s in people}),
        "totalUniqueRecorders": len({s.participant_id for s in recorders}),
        "totalUniqueStreamers": 0,
    }
