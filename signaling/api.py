"""The meetings REST API, compatible with Whereby's ``/v1/meetings`` (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
import string
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, field_validator

from signaling.context import MEETING_GRACE, SignalingContext
from signaling.errors import ApiError, EncryptionNotConfigured
from signaling.recording_settings import (
    OperatorBucket,
    RecordingBody,
    RecordingSettings,
    check_recording,
)
from signaling.store import InvalidCursor, MeetingRecord

router = APIRouter(prefix="/v1")

HUMAN_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "01ilo")
MAX_MEETING_DAYS = 366


class CreateMeeting(BaseModel):
    """Body of ``POST /v1/meetings``."""

    model_config = ConfigDict(extra="forbid")
    endDate: AwareDatetime
    roomMode: Literal["normal", "group"] = "normal"
    isLocked: StrictBool = False
    roomNamePrefix: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,38}$")
    roomNamePattern: Literal["uuid", "human-short"] = "uuid"
    fields: list[Literal["hostRoomUrl", "viewerRoomUrl"]] = Field(default_factory=list)
    startDate: AwareDatetime | None = None
    recording: RecordingBody | None = None

    @field_validator("endDate", "startDate", mode="before")
    @classmethod
    def _iso_8601_only(cls, value: object) -> object:
        # Pydantic would read a number as a Unix time; the API takes ISO 8601 text only.
        if value is not None and not isinstance(value, str):
            raise ValueError("must be an ISO 8601 date-time string with a timezone")
        return value


def get_ctx(request: Request) -> SignalingContext:
    return request.app.state.ctx


async def organization(
    request: Request, ctx: Annotated[SignalingContext, Depends(get_ctx)]
) -> str:
    """The organization of the request's ``Authorization: Bearer <API key>``.

    Raises:
        ApiError: 401 when the header is missing, malformed, or the key unknown or revoked.
    """
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "missing bearer API key")
    org_id = await ctx.store.organization_for_api_key(key.strip())
    if org_id is None:
        raise ApiError(401, "invalid API key")
    return org_id


Ctx = Annotated[SignalingContext, Depends(get_ctx)]
Org = Annotated[str, Depends(organization)]


def _room_name(prefix: str | None, pattern: str) -> str:
    if pattern == "uuid":
        core = str(uuid.uuid4())
    else:
        core = "".join(secrets.choice(HUMAN_ALPHABET) for _ in range(10))
    return f"{prefix}-{core}" if prefix else core


def _meeting_json(
    ctx: SignalingContext, meeting: MeetingRecord, fields: list[str] | None = None
) -> dict[str, object]:
    room_url = f"{ctx.settings.base_url}/{meeting.room_name}"
    out: dict[str, object] = {
        "meetingId": meeting.meeting_id,
        "roomName": "/" + meeting.room_name,
        "roomUrl": room_url,
        "roomMode": meeting.room_mode,
        "isLocked": meeting.is_locked,
        "startDate": meeting.start_date.isoformat().replace("+00:00", "Z"),
        "endDate": meeting.end_date.isoformat().replace("+00:00", "Z"),
    }
    expires = int((meeting.end_date + MEETING_GRACE).timestamp())
    if fields and "hostRoomUrl" in fields:
        out["hostRoomUrl"] = (
            f"{room_url}?roomKey={ctx.signer.sign(meeting.room_name, 'host', expires)}"
        )
    if fields and "viewerRoomUrl" in fields:
        out["viewerRoomUrl"] = (
            f"{room_url}?roomKey={ctx.signer.sign(meeting.room_name, 'viewer', expires)}"
        )
    return out


@router.post("/meetings", status_code=201)
async def create_meeting(body: CreateMeeting, ctx: Ctx, org: Org) -> dict[str, object]:
    """Create a meeting. 201 with its URLs; 422 when endDate is not in the future."""
    now = dt.datetime.now(dt.UTC)
    end = body.endDate.astimezone(dt.UTC)
    if end <= now:
        raise ApiError(422, "endDate must be in the future")
    if end > now + dt.timedelta(days=MAX_MEETING_DAYS):
        raise ApiError(422, f"endDate must be within {MAX_MEETING_DAYS} days")
    start = body.startDate.astimezone(dt.UTC) if body.startDate else now
    if start >= end:
        raise ApiError(422, "startDate must be before endDate")
    if body.roomMode == "normal" and "viewerRoomUrl" in body.fields:
        raise ApiError(422, "viewerRoomUrl is only available for roomMode group")
    recording = _checked_recording(ctx, body)
    for _ in range(5):
        name = _room_name(body.roomNamePrefix, body.roomNamePattern)
        if not await ctx.store.room_name_taken(name):
            break
    else:
        raise ApiError(409, "could not allocate a unique room name; try again")
    meeting = await ctx.store.create_meeting(
        org, name, body.roomMode, body.isLocked, start, end
    )
    out = _meeting_json(ctx, meeting, list(body.fields))
    if recording is not None:
        await ctx.store.recordings.save_settings(org, meeting.meeting_id, recording)
        out["recording"] = recording.as_json()
    return out


def _checked_recording(ctx: SignalingContext, body: CreateMeeting) -> RecordingSettings | None:
    """The meeting's recording settings, checked (issue 14), or None when not recorded.

    Raises:
        ApiError: 422 naming the field of a combination that cannot work; 503 when the
            server cannot seal bucket credentials (no keyring).
    """
    if body.recording is None:
        return None
    s = ctx.settings
    allowed = [ipaddress.ip_network(n, strict=False) for n in s.recording_allowed_private_ips]
    recording = check_recording(
        body.recording, body.roomMode,
        OperatorBucket(s.recording_bucket, s.recording_region, s.recording_endpoint), allowed,
    )
    if recording is not None and recording.destination is not None:
        try:
            ctx.store.recordings.cipher  # noqa: B018 (raises without a keyring)
        except EncryptionNotConfigured:
            raise ApiError(503, "this server cannot store bucket credentials encrypted") from None
    return recording


@router.get("/meetings")
async def list_meetings(
    ctx: Ctx,
    org: Org,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, object]:
    """List the organization's meetings, oldest first, ``limit`` per page."""
    try:
        page, next_cursor = await ctx.store.list_meetings(org, limit, cursor)
    except InvalidCursor:
        raise ApiError(400, "invalid cursor") from None
    return {"results": [_meeting_json(ctx, m) for m in page], "cursor": next_cursor}


@router.get("/meetings/{meeting_id}")
async def get_meeting(meeting_id: str, ctx: Ctx, org: Org) -> dict[str, object]:
    meeting = await ctx.store.get_meeting(org, meeting_id)
    if meeting is None:
        raise ApiError(404, "meeting not found")
    out = _meeting_json(ctx, meeting)
    recording = await ctx.store.recordings.settings(meeting_id)
    if recording is not None:
        out["recording"] = recording.as_json()
    return out


@router.delete("/meetings/{meeting_id}", status_code=204)
async def delete_meeting(meeting_id: str, ctx: Ctx, org: Org) -> Response:
    """Delete a meeting and remove everyone in it. Idempotent: 204 even if already gone."""
    meeting = await ctx.store.delete_meeting(org, meeting_id)
    if meeting is not None:
        ctx.rooms.end(meeting.room_name)
    return Response(status_code=204)
