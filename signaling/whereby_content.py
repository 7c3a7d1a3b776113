"""Whereby's transcriptions and summaries endpoints, answered truthfully for a server that
has none of them: Fjord does not transcribe or summarize meetings (recordings are
:mod:`signaling.recordings_api`).

Lists are empty (their ``sortBy`` and ``cursor`` still checked), a named item is 404,
deleting is idempotent (204, as Whereby documents), and asking for a summary of a
transcription is 404 because that transcription does not exist. Asking for a
transcription of a recording is 404 when there is no such recording and 422 when there is
(Fjord records, but does not transcribe). Bodies are still validated, so a malformed
request gets a 400 naming its field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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

router = APIRouter(prefix="/v1", route_class=ClientJsonRoute)

Limit = Annotated[int, IntegerQuery, Query(ge=1, le=100)]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(no_nul)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TranscriptionIds(_Strict):
    transcriptionIds: list[Id] = Field(max_length=1000)


class CreateTranscription(_Strict):
    recordingId: Id


class CreateSummary(_Strict):
    transcriptionId: Id
    template: Literal["SOAP", "Extended SOAP", "General Narrative", "General Bulleted",
                      "Educational Lecture", "Educational Tutoring"] | None = None


SORT_FIELDS = ("roomName", "startDate", "durationInSeconds")
"""Whereby's ``sortBy`` fields of ``GET /transcriptions`` and ``GET /summaries``."""


def _empty_page(cursor: str | None, sort_by: str | None) -> dict[str, Any]:
    """The one page there is, after checking the parameters as a list with content would:
    ``sortBy`` is one of Whereby's fields with ``:asc`` or ``:desc``, and no cursor is valid
    (none was ever issued; ``cursor=null`` sent back included). Raises ApiError 400."""
    if sort_by is not None:
        field, _, direction = sort_by.partition(":")
        if field not in SORT_FIELDS or direction not in ("", "asc", "desc"):
            raise ApiError(400, f"invalid field sortBy: one of {', '.join(SORT_FIELDS)}, "
                           "with :asc or :desc")
    if cursor:
        raise ApiError(400, INVALID_CURSOR)
    return {"results": [], "cursor": None}  # no next page (signaling.api.list_meetings)


@router.post("/transcriptions", status_code=201)
async def create_transcription(body: CreateTranscription, ctx: Ctx, org: Org
                               ) -> dict[str, Any]:
    """404 for a recording this organization does not have; 422 for one it has, since
    Fjord does not transcribe (a transcript would mean decoding the customer's media)."""
    if await ctx.store.recordings.get(org, body.recordingId) is None:
        raise ApiError(404, "recordingId: recording not found")
    raise ApiError(422, "recordingId: Fjord does not transcribe recordings")


@router.get("/transcriptions")
async def list_transcriptions(_: Org, roomName: Text = None,  # noqa: N803
                              cursor: CursorQuery = None, limit: Limit = 50,
                              sortBy: Text = None,  # noqa: N803
                              ) -> dict[str, Any]:
    """No transcriptions: Fjord does not transcribe meetings. ``roomName`` is checked as
    the recordings list checks it."""
    room_name_filter(roomName, "transcriptions")
    return _empty_page(cursor, sortBy)


@router.get("/transcriptions/{transcription_id}")
async def get_transcription(transcription_id: str, _: Org) -> dict[str, Any]:
    raise ApiError(404, "transcription not found (Fjord does not transcribe meetings)")


@router.get("/transcriptions/{transcription_id}/access-link")
async def transcription_link(
    transcription_id: str, _: Org,
    validForSeconds: Annotated[int | None, IntegerQuery, Query(ge=1, le=43_200)] = None,  # noqa: N803
) -> dict[str, Any]:
    raise ApiError(404, "transcription not found (Fjord does not transcribe meetings)")


@router.delete("/transcriptions/{transcription_id}", status_code=204)
async def delete_transcription(transcription_id: str, _: Org) -> Response:
    return Response(status_code=204)


@router.post("/transcriptions/bulk-delete", status_code=204)
async def bulk_delete_transcriptions(body: TranscriptionIds, _: Org) -> Response:
    return Response(status_code=204)


@router.post("/summaries", status_code=201)
async def create_summary(body: CreateSummary, _: Org) -> dict[str, Any]:
    raise ApiError(404, "transcriptionId: transcription not found (Fjord does not transcribe "
                   "or summarize meetings)")


@router.get("/summaries")
async def list_summaries(_: Org, cursor: CursorQuery = None, limit: Limit = 50,
                         sortBy: Text = None) -> dict[str, Any]:  # noqa: N803
    """No summaries: Fjord does not summarize meetings."""
    return _empty_page(cursor, sortBy)


@router.get("/summaries/{summary_id}")
async def get_summary(summary_id: str, _: Org) -> dict[str, Any]:
    raise ApiError(404, "summary not found (Fjord does not summarize meetings)")


@router.delete("/summaries/{summary_id}", status_code=204)
async def delete_summary(summary_id: str, _: Org) -> Response:
    return Response(status_code=204)
