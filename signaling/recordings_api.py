"""The recordings REST API, compatible with Whereby's ``/v1/recordings`` (docs/api.md).

Fjord keeps only each recording's metadata; the media is in the customer's bucket (or the
operator's). Access links are S3 presigned GET URLs (at most 43,200 s, Whereby's bound), made
with the recording's own sealed credentials; deleting a recording removes the object where
those credentials allow, then the metadata (and so the credentials).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from typing import Annotated, Any

from botocore.exceptions import BotoCoreError, ClientError
from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from recording.bucket import s3_client
from signaling.api import Ctx, Org
from signaling.errors import ApiError
from signaling.recording_settings import endpoint_refused
from signaling.recordings import InvalidRecordingCursor, RecordingNotFinished, RecordingRecord

router = APIRouter(prefix="/v1")
log = logging.getLogger(__name__)
MAX_LINK_SECONDS = 43_200


class BulkDelete(BaseModel):
    """Body of ``POST /v1/recordings/bulk-delete``."""

    model_config = ConfigDict(extra="forbid")
    recordingIds: list[Annotated[str, Field(max_length=40)]] = Field(max_length=100)


def _client(record: RecordingRecord):  # noqa: ANN202 (a boto3 client has no public type)
    d = record.destination
    return s3_client(d.region, d.endpoint, d.access_key_id, d.access_key_secret)


async def _delete(ctx: Ctx, org: str, recording_ids: list[str]) -> None:
    """Delete the metadata, then the objects. 409 while one of them is still recording: its
    upload would complete after the deletion and leave an orphan object behind."""
    try:
        records = await ctx.store.recordings.delete(org, recording_ids)
    except RecordingNotFinished as running:
        ids = ", ".join(running.recording_ids)
        raise ApiError(409, f"recordingId: {ids} has state recording (still being uploaded); "
                       "delete it once its state is finished or failed") from None
    await _remove_objects(ctx, records)


async def _remove_objects(ctx: Ctx, records: list[RecordingRecord]) -> None:
    """Delete the recordings' objects; a refusal, an unreachable bucket or an endpoint that
    resolves to a non-public address now (the meetings' check, again before connecting) is
    logged (without names) and the metadata goes anyway, as Whereby's "where the credentials
    allow"."""
    allowed = [ipaddress.ip_network(n, strict=False)
               for n in ctx.settings.recording_allowed_private_ips]
    for record in records:
        if await endpoint_refused(record.destination, allowed) is not None:
            log.warning("recording object not deleted",
                        extra={"recording_id": record.recording_id,
                               "reason": "endpoint_refused"})
            continue
        try:
            await asyncio.to_thread(_client(record).delete_object,
                                    Bucket=record.destination.bucket, Key=record.filename)
        except (BotoCoreError, ClientError) as error:
            log.warning("recording object not deleted",
                        extra={"recording_id": record.recording_id,
                               "reason": type(error).__name__})


@router.get("/recordings")
async def list_recordings(
    ctx: Ctx, org: Org,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    roomName: Annotated[str | None, Query(max_length=81)] = None,  # noqa: N803 (Whereby's)
) -> dict[str, object]:
    """The organization's recordings, oldest first, ``limit`` per page."""
    room = roomName.removeprefix("/") if roomName else None
    try:
        page, next_cursor = await ctx.store.recordings.list_recordings(org, limit, cursor, room)
    except InvalidRecordingCursor:
        raise ApiError(400, "invalid cursor") from None
    out: dict[str, Any] = {"results": [r.as_json() for r in page]}
    if next_cursor is not None:  # Whereby's schema: a string, or absent on the last page
        out["cursor"] = next_cursor
    return out


async def _recording(ctx: Ctx, org: str, recording_id: str) -> RecordingRecord:
    record = await ctx.store.recordings.get(org, recording_id)
    if record is None:
        raise ApiError(404, "recording not found")
    return record


@router.get("/recordings/{recording_id}")
async def get_recording(recording_id: str, ctx: Ctx, org: Org) -> dict[str, object]:
    return (await _recording(ctx, org, recording_id)).as_json()


@router.get("/recordings/{recording_id}/access-link")
async def access_link(
    recording_id: str, ctx: Ctx, org: Org,
    validForSeconds: Annotated[int, Query(ge=1, le=MAX_LINK_SECONDS)] = 3600,  # noqa: N803
) -> dict[str, object]:
    """A presigned GET URL into the bucket, valid ``validForSeconds`` (1..43,200);
    ``expires`` in milliseconds since the epoch. 409 while the recording is not finished."""
    record = await _recording(ctx, org, recording_id)
    if record.status == "recording":
        raise ApiError(409, "the recording is still being uploaded")
    expires = int((time.time() + validForSeconds) * 1000)
    url = _client(record).generate_presigned_url(
        "get_object", Params={"Bucket": record.destination.bucket, "Key": record.filename},
        ExpiresIn=validForSeconds)
    return {"accessLink": url, "expires": expires}


@router.delete("/recordings/{recording_id}", status_code=204)
async def delete_recording(recording_id: str, ctx: Ctx, org: Org) -> Response:
    """Delete the object (where the credentials allow) and the metadata. Idempotent, as
    Whereby documents it (204, no 404): an unknown or another organization's id changes
    nothing. 409 while the recording runs."""
    await _delete(ctx, org, [recording_id])
    return Response(status_code=204)


@router.post("/recordings/bulk-delete", status_code=204)
async def bulk_delete(body: BulkDelete, ctx: Ctx, org: Org) -> Response:
    """Delete up to 100 recordings of the organization; unknown ids are ignored. 409 (and
    nothing deleted) when one of them still runs."""
    await _delete(ctx, org, body.recordingIds)
    return Response(status_code=204)
