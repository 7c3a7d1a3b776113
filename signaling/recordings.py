"""Recording settings of meetings and metadata of recordings (``store.recordings``).

Bucket credentials are sealed with the organization's data key (keys.field_cipher), bound to
table, column and row, and opened only for the recorder and the bucket calls of the
recordings API; a meeting's settings row is deleted with the meeting (and zeroed by SQLite's
``secure_delete``), a recording's copy with the recording's metadata.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from keys.envelope import Place
from signaling.audit import as_utc, utcnow
from signaling.recording_models import MeetingRecordingSettings, Recording
from signaling.recording_settings import BucketDestination, RecordingSettings
from signaling.sealed_store import SealedStore


class InvalidRecordingCursor(ValueError):
    """A pagination cursor that this server did not issue."""


SORT_COLUMNS = {"roomName": Recording.room_name, "startDate": Recording.start_date,
                "sizeInMegaBytes": Recording.size_bytes}
"""Whereby's ``sortBy`` fields of ``GET /v1/recordings`` this server sorts by (``duration``,
a difference of two columns, is refused: no portable index or keyset for it)."""


def _iso(value: dt.datetime | None) -> str | None:
    """A recording's date as Whereby's Recording example writes it, in UTC to the
    millisecond: ``2025-01-01T00:00:00.000Z``."""
    if not value:
        return None
    return as_utc(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class LeaseHolder:
    """The process holding a recording's lease: its node id and a random id of its start.
    A later process of the node (same node, another boot) knows the earlier one is gone."""

    node: str
    boot: str


@dataclass(frozen=True)
class RecordingRecord:
    """A recording's metadata and, opened, where it lies."""

    recording_id: str
    organization_id: str
    room_name: str
    room_session_id: str
    filename: str
    status: str
    size_bytes: int
    start_date: dt.datetime
    end_date: dt.datetime | None
    destination: BucketDestination
    credentials_deleted: bool = False
    """The meeting was deleted, and the bucket credentials with it: no access link, no
    deletion of the object by this server."""
    lease_until: dt.datetime | None = None
    "While ``recording``: until when the process recording it holds it."
    meeting_id: str | None = None

    def as_json(self) -> dict[str, object]:
        """Whereby's recording object (``sizeInMegaBytes`` in MB of 10^6 bytes, to the
        byte), plus ``roomName`` and ``state`` (recording, finished, failed)."""
        return {
            # null until the room's session starts (the webhook's value too); never "".
            "recordingId": self.recording_id, "roomSessionId": self.room_session_id or None,
            "roomName": "/" + self.room_name, "filename": self.filename,
            # An end date only with an end state: a row being reconciled keeps its
            # recording's end while it still says ``recording``.
            "startDate": _iso(self.start_date),
            "endDate": _iso(self.end_date) if self.status != "recording" else None,
            "state": self.status, "sizeInMegaBytes": round(self.size_bytes / 1e6, 6),
        }


class Recordings(SealedStore):
    """Recording settings and recordings of all organizations."""

    def _seal(self, org_id: str, table: str, column: str, row_id: str,
              value: str | None) -> bytes | None:
        if value is None:
            return None
        return self.cipher.encrypt(org_id, Place(table, column, row_id), value)

    def _open(self, org_id: str, table: str, column: str, row_id: str,
              blob: bytes | None) -> str | None:
        if blob is None:
            return None
        return self.cipher.decrypt(org_id, Place(table, column, row_id), bytes(blob))

    def _destination(self, row: MeetingRecordingSettings | Recording, prefix: str
                     ) -> BucketDestination:
        t, o, i = row.__tablename__, row.organization_id, row.id
        return BucketDestination(
            row.provider or "s3", row.bucket or "", prefix, row.region, row.endpoint,
            self._open(o, t, "access_key_id", i, row.access_key_id),
            self._open(o, t, "access_key_secret", i, row.access_key_secret),
        )

    # --- meeting settings
    async def save_settings(self, org_id: str, meeting_id: str,
                            settings: RecordingSettings) -> None:
        """Store ``settings`` of a new meeting, credentials sealed.

        Raises:
            EncryptionNotConfigured: cloud settings but no field cipher.
        """
        t = MeetingRecordingSettings.__tablename__
        d = settings.destination
        row = MeetingRecordingSettings(
            id=meeting_id, organization_id=org_id, type=settings.type,
            start_trigger=settings.start_trigger, file_format=settings.file_format,
            provider=d.provider if d else None, bucket=d.bucket if d else None,
            key_prefix=d.key_prefix if d else "", region=d.region if d else None,
            endpoint=d.endpoint if d else None,
            access_key_id=self._seal(org_id, t, "access_key_id", meeting_id,
                                     d.access_key_id if d else None),
            access_key_secret=self._seal(org_id, t, "access_key_secret", meeting_id,
                                         d.access_key_secret if d else None),
            encryption_public_key=settings.encryption_public_key,
        )
        async with self._session.begin() as session:
            session.add(row)

    async def settings(self, meeting_id: str) -> RecordingSettings | None:
        """The meeting's recording settings with credentials opened, or None (not recorded)."""
        async with self._session() as session:
            row = await session.get(MeetingRecordingSettings, meeting_id)
        if row is None:
            return None
        destination = self._destination(row, row.key_prefix) if row.type == "cloud" else None
        return RecordingSettings(row.type, row.start_trigger, row.file_format, destination,
                                 row.encryption_public_key)

    async def public_settings(self, meeting_ids: list[str]) -> dict[str, RecordingSettings]:
        """The recording settings of these meetings (those recorded), credentials left
        sealed: for listing meetings (:meth:`RecordingSettings.as_json` shows none)."""
        async with self._session() as session:
            rows = (await session.scalars(select(MeetingRecordingSettings).where(
                MeetingRecordingSettings.id.in_(meeting_ids)))).all()
        return {row.id: RecordingSettings(
            row.type, row.start_trigger, row.file_format,
            BucketDestination(row.provider or "s3", row.bucket or "", row.key_prefix,
                              row.region, row.endpoint) if row.type == "cloud" else None,
            row.encryption_public_key) for row in rows}

    async def recording_type(self, meeting_id: str) -> str | None:
        """``local``, ``cloud`` or None (not recorded); nothing is decrypted."""
        mode = await self.recording_mode(meeting_id)
        return mode[0] if mode is not None else None

    async def recording_mode(self, meeting_id: str) -> tuple[str, str] | None:
        """``(type, startTrigger)`` of the meeting's recording, e.g. ``("cloud", "prompt")``,
        or None (not recorded); nothing is decrypted."""
        async with self._session() as session:
            row = (await session.execute(select(
                MeetingRecordingSettings.type, MeetingRecordingSettings.start_trigger,
            ).where(MeetingRecordingSettings.id == meeting_id))).first()
        return (row[0], row[1]) if row is not None else None

    # --- recordings' metadata
    async def start(self, org_id: str, room_name: str, room_session_id: str, filename: str,
                    destination: BucketDestination, meeting_id: str | None = None,
                    lease_until: dt.datetime | None = None,
                    holder: LeaseHolder | None = None) -> RecordingRecord:
        """Record that a recording of ``meeting_id`` began uploading to ``filename`` (the
        object key), held by this process (``holder``) until ``lease_until`` (:meth:`renew`)."""
        t = Recording.__tablename__
        rec_id = "rec_" + secrets.token_hex(10)
        d = destination
        row = Recording(
            id=rec_id, organization_id=org_id, room_name=room_name,
            room_session_id=room_session_id, filename=filename, status="recording",
            size_bytes=0, start_date=utcnow(), end_date=None, provider=d.provider,
            bucket=d.bucket, region=d.region, endpoint=d.endpoint,
            access_key_id=self._seal(org_id, t, "access_key_id", rec_id, d.access_key_id),
            access_key_secret=self._seal(org_id, t, "access_key_secret", rec_id,
                                         d.access_key_secret),
            meeting_id=meeting_id, lease_until=lease_until, credentials_deleted=False,
            lease_node=holder.node if holder else None, lease_boot=holder.boot if holder else None,
        )
        async with self._session.begin() as session:
            session.add(row)
        return self._record(row)

    async def renew(self, recording_ids: list[str], lease_until: dt.datetime) -> None:
        """This process still records these: keep them from being reconciled."""
        async with self._session.begin() as session:
            await session.execute(
                update(Recording).where(Recording.id.in_(recording_ids),
                                        Recording.status == "recording")
                .values(lease_until=lease_until))

    async def orphans(self, now: dt.datetime, holder: LeaseHolder | None = None
                      ) -> list[RecordingRecord]:
        """Recordings still ``recording`` that no live process records: their lease ran
        out before ``now``, they never had one (rows of an older version), or an earlier
        process of ``holder``'s node holds it (:func:`_orphaned`)."""
        async with self._session() as session:
            rows = (await session.scalars(select(Recording).where(
                Recording.status == "recording", _orphaned(now, holder)))).all()
        return [self._record(r) for r in rows]

    async def claim_orphan(self, record: RecordingRecord, now: dt.datetime,
                           last_alive: dt.datetime | None, lease_until: dt.datetime,
                           holder: LeaseHolder | None = None) -> bool:
        """Take an orphan (:meth:`orphans`) over for ``holder`` until ``lease_until``, while
        its file is completed from what the bucket holds, its ``endDate`` ``last_alive``
        (its lease's last renewal) or ``now``; True for the one node whose update did it
        (several may reconcile at once). A node that dies meanwhile leaves it to the next
        one past that lease (or to its own next process at once); :meth:`end_orphan` ends
        it."""
        async with self._session.begin() as session:
            result = await session.execute(
                update(Recording).where(
                    Recording.id == record.recording_id, Recording.status == "recording",
                    _orphaned(now, holder))
                .values(end_date=last_alive or now, lease_until=lease_until,
                        lease_node=holder.node if holder else None,
                        lease_boot=holder.boot if holder else None))
        return bool(result.rowcount)

    async def release(self, recording_id: str, end_date: dt.datetime) -> None:
        """This process stops holding a recording it could not end (its upload not completed
        at shutdown): it ended at ``end_date``, and any node reconciles it now."""
        async with self._session.begin() as session:
            await session.execute(
                update(Recording).where(Recording.id == recording_id,
                                        Recording.status == "recording")
                .values(end_date=end_date, lease_until=utcnow()))

    async def end_orphan(self, recording_id: str, size_bytes: int) -> bool:
        """Mark a claimed orphan ``failed`` with the size of the file kept of it (0: none);
        True for the one node whose update did it."""
        async with self._session.begin() as session:
            result = await session.execute(
                update(Recording).where(Recording.id == recording_id,
                                        Recording.status == "recording")
                .values(status="failed", size_bytes=size_bytes, lease_until=None))
        return bool(result.rowcount)

    async def shred_meeting(self, session: AsyncSession, meeting_id: str) -> None:
        """In ``session`` (the meeting's deletion): destroy the sealed bucket credentials of
        the meeting's recordings in the customer's bucket (the operator's bucket has none)."""
        await session.execute(
            update(Recording).where(Recording.meeting_id == meeting_id,
                                    Recording.provider == "s3")
            .values(access_key_id=None, access_key_secret=None, credentials_deleted=True))

    async def set_session(self, recording_id: str, room_session_id: str) -> None:
        """The room's session started after the recording did: the recording belongs to it."""
        async with self._session.begin() as session:
            await session.execute(
                update(Recording).where(Recording.id == recording_id,
                                        Recording.room_session_id == "")
                .values(room_session_id=room_session_id)
            )

    async def finish(self, recording_id: str, status: str, size_bytes: int,
                     end_date: dt.datetime | None = None) -> None:
        """Mark a recording ``finished`` or ``failed`` with its size in bytes; ``end_date``:
        when recording stopped (default now), not when its upload ended."""
        async with self._session.begin() as session:
            await session.execute(
                update(Recording).where(Recording.id == recording_id)
                .values(status=status, size_bytes=size_bytes,
                        end_date=end_date or utcnow(), lease_until=None)
            )

    def _record(self, row: Recording) -> RecordingRecord:
        return RecordingRecord(
            row.id, row.organization_id, row.room_name, row.room_session_id, row.filename,
            row.status, row.size_bytes, as_utc(row.start_date),
            as_utc(row.end_date) if row.end_date else None, self._destination(row, ""),
            bool(row.credentials_deleted),
            as_utc(row.lease_until) if row.lease_until else None, row.meeting_id,
        )

    async def get(self, org_id: str, recording_id: str) -> RecordingRecord | None:
        async with self._session() as session:
            row = await session.scalar(select(Recording).where(
                Recording.id == recording_id, Recording.organization_id == org_id))
        return self._record(row) if row else None

    async def list_recordings(self, org_id: str, limit: int, cursor: str | None,
                              room_name: str | None = None, sort: str = "startDate",
                              descending: bool = False,
                              ) -> tuple[list[RecordingRecord], str | None]:
        """Recordings by ``sort`` (a :data:`SORT_COLUMNS` key; ties by id), oldest or
        smallest first unless ``descending``; the page and the next page's cursor (or None).

        Raises:
            InvalidRecordingCursor: ``cursor`` was not issued by this server for this order.
        """
        column = SORT_COLUMNS[sort]
        query = select(Recording).where(Recording.organization_id == org_id)
        if room_name is not None:
            query = query.where(Recording.room_name == room_name)
        if cursor:
            value, rec_id = _decode_cursor(cursor, sort, descending, room_name)
            after = column < value if descending else column > value
            later_id = Recording.id < rec_id if descending else Recording.id > rec_id
            query = query.where(or_(after, and_(column == value, later_id)))
        order = (column.desc(), Recording.id.desc()) if descending else (column, Recording.id)
        query = query.order_by(*order).limit(limit + 1)
        async with self._session() as session:
            rows = (await session.scalars(query)).all()
        page = [self._record(r) for r in rows[:limit]]
        more = len(rows) > limit
        return page, (_encode_cursor(rows[limit - 1], sort, descending, room_name) if more
                      else None)

    async def delete(self, org_id: str, recording_ids: list[str], keep_object: bool
                     ) -> tuple[list[RecordingRecord], list[str], list[str]]:
        """Delete the metadata (and sealed credentials) of these recordings, except those
        still ``recording`` (their upload would complete after the deletion and leave an
        object nobody knows of) and, unless ``keep_object``, those whose credentials were
        deleted with their meeting (this server can no longer delete their object).

        Returns:
            What was deleted (the caller removes the objects), the ids kept because they
            still record, and the ids kept for their deleted credentials.
        """
        async with self._session.begin() as session:
            rows = (await session.scalars(select(Recording).where(
                Recording.organization_id == org_id, Recording.id.in_(recording_ids)))).all()
            running = [r.id for r in rows if r.status == "recording"]
            orphaned = [r.id for r in rows if r.status != "recording"
                        and r.credentials_deleted and not keep_object]
            records = [self._record(r) for r in rows
                       if r.id not in running and r.id not in orphaned]
            await session.execute(delete(Recording).where(
                Recording.organization_id == org_id,
                Recording.id.in_([r.recording_id for r in records])))
        return records, running, orphaned


def _orphaned(now: dt.datetime, holder: LeaseHolder | None) -> ColumnElement[bool]:
    """A ``recording`` row of no live process: its lease ran out before ``now`` or it has
    none, or it is held by an earlier process of ``holder``'s node (its node id, another
    boot id: that process is gone, as this one holds the node's lock)."""
    expired = or_(Recording.lease_until.is_(None), Recording.lease_until < now)
    if holder is None:
        return expired
    return or_(expired, and_(Recording.lease_node == holder.node,
                             Recording.lease_boot != holder.boot))


def _room_tag(room_name: str | None) -> str:
    """A short digest of the list's room filter: a cursor of one room's recordings sent
    with another filter would start that list from the middle, skipping its first ones.
    (Short, as the whole cursor stays within the lists' 200 characters.)"""
    return hashlib.sha256(json.dumps(room_name).encode()).hexdigest()[:8]


def _encode_cursor(row: Recording, sort: str, descending: bool, room_name: str | None) -> str:
    """The next page starts after ``row`` in this order, in the list of ``room_name`` (None:
    every room's): ``[sort, desc, value, id, room tag]``."""
    value = getattr(row, SORT_COLUMNS[sort].key)
    if isinstance(value, dt.datetime):
        value = as_utc(value).isoformat()
    raw = json.dumps([sort, descending, value, row.id, _room_tag(room_name)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str, descending: bool, room_name: str | None
                   ) -> tuple[object, str]:
    try:
        field, desc, value, rec_id, room = json.loads(base64.urlsafe_b64decode(cursor + "==="))
        if field != sort or desc is not descending or room != _room_tag(room_name):
            raise ValueError("another order's or room filter's cursor")
        if sort == "startDate":
            value = as_utc(dt.datetime.fromisoformat(value))
        elif sort == "sizeInMegaBytes" and (type(value) is not int
                                            or not 0 <= value < 2 ** 63):
            # A size a database integer holds (a forged 10**30 made the driver raise).
            raise ValueError("not this column's value")
        elif sort == "roomName" and not (isinstance(value, str) and "\x00" not in value):
            raise ValueError("not this column's value")
        if not isinstance(rec_id, str) or "\x00" in rec_id:
            # Never issued; a NUL would fail the query on PostgreSQL (a 500).
            raise ValueError("not a recording id")
        return value, rec_id
    except (ValueError, TypeError):
        raise InvalidRecordingCursor("invalid cursor") from None
