"""The recordings REST API, compatible with Whereby's ``/v1/recordings`` (docs/api.md).

Fjord keeps only each recording's metadata; the media is in the customer's bucket (or the
operator's). Access links are S3 presigned GET URLs (at most 43,200 s, Whereby's bound), made
with the recording's own sealed credentials; deleting a recording removes the object where
those credentials allow, then the metadata (and so the credentials).
"""

from __future__ import annotations

import logging
import time
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from signaling.api import (
    INVALID_CURSOR,
    Ctx,
    CursorQuery,
    IntegerQuery,
    Org,
    room_name_filter,
)
from signaling.api_route import ClientJsonRoute
from signaling.errors import ApiError, no_nul
from signaling.recording_objects import abort_uploads, client, remove_object
from signaling.recordings import SORT_COLUMNS, InvalidRecordingCursor, RecordingRecord

router = APIRouter(prefix="/v1", route_class=ClientJsonRoute)
log = logging.getLogger(__name__)
MAX_LINK_SECONDS = 43_200


class BulkDelete(BaseModel):
    """Body of ``POST /v1/recordings/bulk-delete``."""

    model_config = ConfigDict(extra="forbid")
    recordingIds: list[Annotated[str, Field(max_length=40), AfterValidator(no_nul)]] = Field(
        max_length=100)


CREDENTIALS_DELETED = ("the bucket credentials were deleted with the meeting "
                       "(DELETE /v1/meetings/{id}); this server cannot reach the object")


async def _delete(ctx: Ctx, org: str, recording_ids: list[str], keep_object: bool) -> None:
    """Delete the objects (unless ``keep_object``), then the metadata, of the recordings
    that are finished or failed. Objects first: a recording whose bucket cannot be reached
    now keeps its metadata, the only thing naming its object, for a later delete.

    Raises:
        ApiError: 409 naming the ids kept (still recording: their upload would complete
            after the deletion and leave an orphan object behind; or credentials deleted
            with the meeting, without ``keep_object``), 503 naming those whose bucket could
            not be reached (nothing of them deleted); every other id was deleted.
    """
    allowed = ctx.settings.recording_allowed_private_ips
    unreachable: list[str] = []
    recording: list[str] = []
    for recording_id in [] if keep_object else list(dict.fromkeys(recording_ids)):
        record = await ctx.store.recordings.get(org, recording_id)
        if record is not None and record.status == "recording":
            recording.append(recording_id)  # kept, even if it ends before the store's delete
        if record is None or record.status == "recording" or record.credentials_deleted:
            continue  # the store's delete below keeps or ignores these
        if not await remove_object(record, allowed):
            unreachable.append(recording_id)
        elif record.status == "failed":  # its abort may have been refused then: the
            # parts would stay in the bucket, billed, with nothing left to name them
            await abort_uploads(record, allowed)
    _, running, orphaned = await ctx.store.recordings.delete(
        org, [i for i in recording_ids if i not in unreachable and i not in recording],
        keep_object)
    running = recording + [i for i in running if i not in recording]
    kept = []
    if unreachable:
        kept.append(f"recordingId: {', '.join(unreachable)}: the bucket could not be reached "
                    "to delete the object; nothing of it was deleted, try again later")
    if running:
        kept.append(f"recordingId: {', '.join(running)} has state recording (still being "
                    "uploaded); delete it once its state is finished or failed")
    if orphaned:
        kept.append(f"recordingId: {', '.join(orphaned)}: {CREDENTIALS_DELETED}; delete the "
                    "object in your bucket, then send keepObject=true to delete the metadata")
    if kept:
        kept_ids = {*unreachable, *running, *orphaned}
        others = ("; every other recording was deleted"
                  if set(recording_ids) - kept_ids else "")
        raise ApiError(503 if unreachable else 409, "; ".join(kept) + others)


@router.get("/recordings")
async def list_recordings(
    ctx: Ctx, org: Org,
    limit: Annotated[int, IntegerQuery, Query(ge=1, le=100)] = 50,
    cursor: CursorQuery = None,
    roomName: Annotated[str | None, Query(max_length=81)] = None,  # noqa: N803 (Whereby's)
    sortBy: Annotated[str, Query(max_length=40)] = "startDate:asc",  # noqa: N803
) -> dict[str, object]:
    """The organization's recordings, ``limit`` per page, in Whereby's ``sortBy`` order
    (``roomName``, ``startDate``, ``sizeInMegaBytes``, then ``:asc`` or ``:desc``; default
    ``startDate:asc``; ties by recording id); ``cursor`` carries the order it was issued
    for. 400 naming ``sortBy`` for another field (``duration`` included) or direction."""
    room = room_name_filter(roomName, "recordings")
    field, _, direction = sortBy.partition(":")
    if field not in SORT_COLUMNS or direction not in ("", "asc", "desc"):
        raise ApiError(400, "invalid field sortBy: one of roomName, startDate, "
                       "sizeInMegaBytes, with :asc or :desc (duration is not sortable here)")
    try:
        page, next_cursor = await ctx.store.recordings.list_recordings(
            org, limit, cursor, room, field, direction == "desc")
    except InvalidRecordingCursor:
        raise ApiError(400, INVALID_CURSOR) from None
    # Whereby: a string, null on the last page (signaling.api.list_meetings)
    return {"results": [r.as_json() for r in page], "cursor": next_cursor}


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
    validForSeconds: Annotated[int, IntegerQuery, Query(ge=1, le=MAX_LINK_SECONDS)] = 3600,  # noqa: N803
) -> dict[str, object]:
    """A presigned GET URL into the bucket, valid ``validForSeconds`` (1..43,200);
    ``expires`` in milliseconds since the epoch. 409 while the recording is not finished,
    when the recording has no object (it failed before the bucket held any byte) and when
    its credentials were deleted with its meeting."""
    record = await _recording(ctx, org, recording_id)
    if record.status == "recording":
        raise ApiError(409, "the recording is still being uploaded")
    if record.size_bytes == 0:
        raise ApiError(409, f"recording {record.recording_id} has state {record.status} and "
                       "no object in the bucket (nothing was uploaded)")
    if record.credentials_deleted:
        raise ApiError(409, CREDENTIALS_DELETED)
    expires = int((time.time() + validForSeconds) * 1000)
    url = client(record).generate_presigned_url(
        "get_object", Params={"Bucket": record.destination.bucket, "Key": record.filename},
        ExpiresIn=validForSeconds)
    return {"accessLink": url, "expires": expires}


@router.delete("/recordings/{recording_id}", status_code=204)
async def delete_recording(
    recording_id: str, ctx: Ctx, org: Org,
    keepObject: Annotated[bool, Query()] = False,  # noqa: N803 (Whereby's casing)
) -> Response:
    """Delete the object (where the credentials allow) and the metadata. Idempotent, as
    Whereby documents it (204, no 404): an unknown or another organization's id changes
    nothing. 409 (nothing deleted) while the recording runs, and when its credentials
    were deleted with its meeting unless ``keepObject=true`` (the metadata goes, the object
    stays in the bucket)."""
    await _delete(ctx, org, [recording_id], keepObject)
    return Response(status_code=204)


@router.post("/recordings/bulk-delete", status_code=204)
async def bulk_delete(
    body: BulkDelete, ctx: Ctx, org: Org,
    keepObject: Annotated[bool, Query()] = False,  # noqa: N803 (Whereby's casing)
) -> Response:
    """Delete up to 100 recordings of the organization as :func:`delete_recording` does;
    unknown ids are ignored. 204 when all went; else 409 naming the ids kept, and every
    other one is deleted."""
    await _delete(ctx, org, body.recordingIds, keepObject)
    return Response(status_code=204)
