"""The meetings REST API, compatible with Whereby's ``/v1/meetings`` (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import secrets
import string
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from signaling.api_route import ClientJsonRoute
from signaling.client_json import loads
from signaling.context import MEETING_GRACE, SignalingContext
from signaling.date_times import UtcByDefault, whereby_date_time
from signaling.errors import ApiError, EncryptionNotConfigured
from signaling.media import RECORDING_NOT_HERE
from signaling.meeting_store import InvalidCursor, MeetingRecord
from signaling.recording_settings import (
    OperatorBucket,
    RecordingBody,
    RecordingSettings,
    check_endpoint_address,
    check_recording,
)
from signaling.room_names import stored_room_name
from signaling.room_policy import RoomPolicy

router = APIRouter(prefix="/v1", route_class=ClientJsonRoute)

HUMAN_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "01ilo")
MAX_MEETING_DAYS = 366
CONFLICTING_OPTIONS = "conflicting_options"
"""Validation error type of a body whose options exclude each other: answered 422, not 400."""
UNSUPPORTED_OPTION = "unsupported_option"
"""Validation error type of an option of a feature Fjord does not offer, checked before the
object's other fields: answered 400 with its message, which names the field."""
MAX_LAST_N = 200
"Largest ``lastN``: a group room's participant limit (sfu.last_n.MAX_LAST_N)."
INVALID_CURSOR = ("invalid cursor: send back the cursor of the previous page; the last page "
                  "has none (leave the parameter out for the first page)")
"""The 400 of a list given a cursor it did not issue (``null`` sent back included)."""


def not_empty_cursor(value: str | None) -> str | None:
    """``value``; raises ValueError for an empty ``cursor=``, which was read as the first
    page (a client that sends a null cursor back as "" would loop over the pages forever)."""
    if value == "":
        raise ValueError("empty: send back the cursor of the previous page; leave the "
                         "parameter out for the first page")
    return value


CursorQuery = Annotated[str | None, Query(max_length=200), AfterValidator(not_empty_cursor)]

PLAIN_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


def plain_integer(value: object) -> object:
    """``value``, an integer query parameter's text; raises ValueError unless it is written
    as a plain decimal integer. Pydantic reads `` 1``, ``+1``, ``01``, ``1_0`` and ``1.0`` as
    numbers, so a value mangled on its way (a template's stray space or padding) was taken
    as another than its sender wrote; a misspelt parameter name is refused, so is this."""
    if isinstance(value, str) and not PLAIN_INTEGER.fullmatch(value):
        raise ValueError("not a plain decimal integer such as 50 (digits only: no spaces, "
                         "'+', leading zeros, '_' or decimal point)")
    return value


IntegerQuery = BeforeValidator(plain_integer)
"""The check of every integer query parameter: ``Annotated[int, IntegerQuery, Query(...)]``."""


def room_name_filter(value: str | None, listed: str) -> str | None:
    """A list's ``roomName`` filter (Whereby's ``/my-room``; the ``/`` is optional; any
    letter case, :func:`stored_room_name`) as a room name, None when left out. Raises ApiError 400
    when empty: not read as "no filter", or a backend whose room name came out empty would
    be handed every room's ``listed``."""
    room = stored_room_name(value) if value is not None else None
    if room == "":
        raise ApiError(400, "invalid field roomName: empty (a room name such as /my-room; "
                       f"leave the parameter out for every room's {listed})")
    return room


ROOM_NAME_PREFIX = re.compile(r"([a-z0-9]([a-z0-9-]{0,37}[a-z0-9])?)?")


def room_name_prefix(value: str) -> str:
    """``value``; raises ValueError saying what a prefix may hold (the room name is
    ``<prefix>-<uuid>``, so a hyphen first or last would make a name with ``--``)."""
    if not ROOM_NAME_PREFIX.fullmatch(value):
        raise ValueError("at most 39 lowercase letters a-z, digits and '-' (not first or "
                         "last; spaces are removed)")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorageDestination(_Strict):
    """Where Whereby would store a recording or transcript (``destination``)."""

    provider: Literal["s3", "whereby"]
    authenticationType: Literal["accessKey", "roleBased"] | None = None
    bucket: str | None = None
    accessKeyId: str | None = None
    accessKeySecret: str | None = None
    region: str | None = None
    fileFormat: Literal["mkv", "mp4"] | None = None
    oidcRoleArn: str | None = None


TRANSCRIPTION_LANGUAGES = (
    "ca", "zh", "zh-TW", "cs", "da", "nl", "en", "en-US", "en-GB", "fi", "fr", "de", "de-CH",
    "el", "hi", "id", "it", "ja", "ko", "lv", "ms", "no", "pl", "pt", "pt-BR", "ro", "ru", "sk",
    "es", "sv", "th", "uk", "vi")
"""Whereby's ``liveTranscription.language`` values. Its document lists each with a stray
trailing comma (``"en,"``); both spellings are taken."""


def transcription_language(value: str | None) -> str | None:
    """``value``; raises ValueError for a language Whereby does not list (taken without a
    check, a misspelt one went unnoticed where Whereby refuses it)."""
    if value is not None and value.removesuffix(",") not in TRANSCRIPTION_LANGUAGES:
        raise ValueError("not one of Whereby's languages, "
                         f"{', '.join(TRANSCRIPTION_LANGUAGES)} (with or without the trailing "
                         "comma its document gives them)")
    return value


class LiveTranscriptionOptions(_Strict):
    """``liveTranscription``: only ``startTrigger`` ``"none"`` or null (Fjord does not
    transcribe; null is Whereby's "not required or inherited"), without ``liveCaptions:
    true``. What Fjord refuses is named before a missing field (Whereby requires
    ``destination``): adding the field would only bring that refusal next."""

    destination: StorageDestination | None
    startTrigger: Literal["none", "manual", "automatic", "automatic-2nd-participant"] | None
    language: Annotated[str | None, AfterValidator(transcription_language)] = None
    liveCaptions: StrictBool | None = None

    @model_validator(mode="before")
    @classmethod
    def _refuse_transcribing(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("startTrigger") not in ("none", None):
            raise PydanticCustomError(
                UNSUPPORTED_OPTION, "liveTranscription: not supported (Fjord does not "
                "transcribe meetings); only startTrigger \"none\" or null is accepted")
        if isinstance(data, dict) and data.get("liveCaptions") is True:
            raise PydanticCustomError(
                UNSUPPORTED_OPTION, "liveTranscription.liveCaptions: not supported (Fjord "
                "does not caption meetings); send false or leave it out")
        return data


class StreamDestination(_Strict):
    url: str


class StreamingOptions(_Strict):
    """``streaming``: only ``startTrigger`` ``"none"`` or null (Fjord does not stream over
    RTMP; null is Whereby's "not required or inherited"), and no destination with
    ``"none"``. Named before a missing field, as in :class:`LiveTranscriptionOptions`."""

    destination: StreamDestination | None
    startTrigger: Literal["none", "prompt", "automatic"] | None

    @model_validator(mode="before")
    @classmethod
    def _refuse_streaming(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        if data.get("startTrigger") not in ("none", None):
            raise PydanticCustomError(
                UNSUPPORTED_OPTION, "streaming: not supported (Fjord does not stream meetings "
                "over RTMP); only startTrigger \"none\" or null is accepted")
        if data.get("startTrigger") == "none" and data.get("destination"):
            # Whereby's streaming "none" is not "off": "the meeting host is able to manually
            # start and stop the stream" to this destination.
            raise PydanticCustomError(
                UNSUPPORTED_OPTION, "streaming: not supported (Fjord does not stream meetings "
                "over RTMP); startTrigger \"none\" lets the host start a stream to the "
                "destination: send destination null, or startTrigger null")
        return data


class CreateMeeting(_Strict):
    """Body of ``POST /v1/meetings``: every field of Whereby's document."""

    endDate: UtcByDefault
    roomMode: Literal["normal", "group"] | None = None
    isLocked: StrictBool = False
    roomNamePrefix: Annotated[str, AfterValidator(room_name_prefix)] | None = None
    """Lowercase letters, digits and inner hyphens, at most 39 (spaces are removed first,
    as Whereby does); empty: no prefix."""
    roomNamePattern: Literal["uuid", "human-short"] = "uuid"
    fields: list[Literal["hostRoomUrl", "viewerRoomUrl"]] = Field(default_factory=list)
    startDate: UtcByDefault | None = None
    templateType: Literal["viewerMode"] | None = None
    recording: RecordingBody | None = None
    """Whereby's ``recording`` object (:mod:`signaling.recording_settings`)."""
    liveTranscription: LiveTranscriptionOptions | None = None
    streaming: StreamingOptions | None = None
    endToEndEncryption: StrictBool = False
    """Fjord extension (docs/api.md): group room media encrypted in the browsers."""
    lastN: StrictInt = Field(0, ge=0, le=MAX_LAST_N)
    """Fjord extension (docs/api.md): group rooms send each subscriber the camera video of
    the ``lastN`` most recent speakers only (0: everyone's)."""

    @model_validator(mode="before")
    @classmethod
    def _no_cloud_recording_with_e2ee(cls, data: object) -> object:
        # Checked on the raw body, before the fields are validated, so the combination gets
        # its own reason (422) rather than recording's own refusal: a cloud recorder would
        # need the keys end-to-end encryption keeps from the server.
        if isinstance(data, dict) and data.get("endToEndEncryption") is True:
            recording = data.get("recording")
            if isinstance(recording, dict) and recording.get("type") == "cloud":
                raise PydanticCustomError(
                    CONFLICTING_OPTIONS,
                    "endToEndEncryption cannot be combined with cloud recording")
        return data

    @field_validator("roomMode", "roomNamePrefix", "roomNamePattern", "startDate",
                     "templateType", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Whereby's schema types these as strings, none nullable, as isLocked is a boolean:
        # an explicit null is refused like a wrong type rather than read as "left out".
        if value is None:
            raise ValueError("must not be null (leave the field out for its default)")
        return value

    @field_validator("roomNamePrefix", mode="before")
    @classmethod
    def _spaces_removed(cls, value: object) -> object:
        # Whereby's roomNamePrefix: "spaces will be automatically removed".
        return value.replace(" ", "") if isinstance(value, str) else value


def get_ctx(request: Request) -> SignalingContext:
    return request.app.state.ctx


async def organization(
    request: Request, ctx: Annotated[SignalingContext, Depends(get_ctx)]
) -> str:
    """The organization of the request's ``Authorization: Bearer <API key>``; the key's id
    is left in ``request.state.api_key_id`` (the admin API's audit actor).

    Raises:
        ApiError: 401 when the header is missing, malformed, or the key unknown or revoked;
            400 when it is given more than once (no list header: RFC 9110 section 11.6.2),
            rather than the first one's organization being taken and the rest ignored.
    """
    if len(request.headers.getlist("authorization")) > 1:
        raise ApiError(400, "Authorization: given more than once; send one API key")
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "missing bearer API key")
    identity = await ctx.store.api_key_identity(key.strip())
    if identity is None:
        raise ApiError(401, "invalid API key")
    request.state.api_key_id = identity[1]
    await refuse_unknown_input(request)
    return identity[0]


HAND_READ_PARAMETERS: dict[Callable[..., Any], frozenset[str]] = {}
"""Query parameters an endpoint reads from the request itself rather than as arguments, by
endpoint function (``/v1/insights/rooms``'s ``roomName[exact]`` filters)."""
HAND_READ_BODY: set[Callable[..., Any]] = set()
"""Endpoints that read their request body themselves (an image form, the polling batch)
rather than through a body model."""


def _query_parameters(route: Any) -> set[str]:
    """The query parameters the endpoint of ``route`` takes, its dependencies' included."""
    known = set(HAND_READ_PARAMETERS.get(route.endpoint, frozenset()))
    dependants = [route.dependant]
    while dependants:  # the endpoint's own parameters and its dependencies'
        current = dependants.pop()
        known.update(param.alias for param in current.query_params)
        dependants.extend(current.dependencies)
    return known


async def refuse_unknown_input(request: Request) -> None:
    """Raise ApiError 400 naming a query parameter the matched endpoint does not take: a
    misspelt filter (``roomname``) would be ignored, and the whole list returned as if it
    had been applied. ``fields[]`` counts as ``fields`` (:data:`BRACKETED_FIELDS`). So is
    a request body (other than nothing or ``{}``) sent to an endpoint that takes none:
    ``DELETE /v1/recordings/{id}`` with ``{"keepObject": true}`` would delete the object
    that the body asked to keep."""
    route = request.scope.get("route")
    if getattr(route, "dependant", None) is None:
        return
    known = _query_parameters(route)
    for key in request.query_params:
        if key not in known and not ("fields" in known and BRACKETED_FIELDS.fullmatch(key)):
            takes = ", ".join(sorted(known)) or "none"
            named = key[:40] or '"" (a parameter with no name)'
            raise ApiError(400, f"{named}: unknown query parameter (this endpoint takes "
                           f"{takes})")
    if route.body_field is None and route.endpoint not in HAND_READ_BODY:
        raw = (await request.body()).strip()
        if raw and not _empty_object(raw):
            options = f" (its options are query parameters: {', '.join(sorted(known))})"
            raise ApiError(400, "request body: this endpoint takes none"
                           + (options if known else ""))


def _empty_object(raw: bytes) -> bool:
    try:
        return loads(raw) == {}
    except (ValueError, RecursionError):
        return False


Ctx = Annotated[SignalingContext, Depends(get_ctx)]
Org = Annotated[str, Depends(organization)]


def _room_name(prefix: str | None, pattern: str) -> str:
    if pattern == "uuid":
        core = str(uuid.uuid4())
    else:
        core = "".join(secrets.choice(HUMAN_ALPHABET) for _ in range(10))
    return f"{prefix}-{core}" if prefix else core


def _meeting_json(
    ctx: SignalingContext, meeting: MeetingRecord, policy: RoomPolicy,
    fields: list[str] | None = None,
) -> dict[str, object]:
    """A meeting as the API shows it, with the URLs ``fields`` asks for (``viewerRoomUrl``
    only for a group room: a normal room has no viewers). ``endToEndEncryption`` is what
    the room does, not only the option asked for: true too for a group room that
    ``policy`` encrypts (:meth:`SignalingContext.running_policies`: a running room's own,
    on whichever node it runs)."""
    room_url = f"{ctx.settings.base_url}/{meeting.room_name}"
    out: dict[str, object] = {
        "meetingId": meeting.meeting_id,
        "roomName": "/" + meeting.room_name,
        "roomUrl": room_url,
        "roomMode": meeting.room_mode,
        "isLocked": meeting.is_locked,
        "startDate": whereby_date_time(meeting.start_date),
        "endDate": whereby_date_time(meeting.end_date),
        "endToEndEncryption": (meeting.end_to_end_encryption
                               or ctx.end_to_end_encrypted(meeting, policy)),
        "lastN": meeting.last_n,
    }
    expires = int((meeting.end_date + MEETING_GRACE).timestamp())
    if fields and "hostRoomUrl" in fields:
        out["hostRoomUrl"] = (
            f"{room_url}?roomKey={ctx.signer.sign(meeting.room_name, 'host', expires)}"
        )
    if fields and "viewerRoomUrl" in fields and meeting.room_mode == "group":
        out["viewerRoomUrl"] = (
            f"{room_url}?roomKey={ctx.signer.sign(meeting.room_name, 'viewer', expires)}"
        )
    return out


@router.post("/meetings", status_code=201)
async def create_meeting(body: CreateMeeting, ctx: Ctx, org: Org) -> dict[str, object]:
    """Create a meeting. 201 with its URLs; 400 for options of features Fjord lacks
    (refused in validation: :data:`UNSUPPORTED_OPTION`) and for ``templateType:
    "viewerMode"`` with ``roomMode: "normal"``; 422 when endDate is not in the future.

    ``templateType: "viewerMode"`` makes a locked group room and returns ``hostRoomUrl``
    and ``viewerRoomUrl`` (Whereby's document, ``POST /meetings``).
    """
    fields = list(body.fields)
    room_mode, is_locked = body.roomMode or "normal", body.isLocked
    if body.templateType == "viewerMode":
        if body.roomMode == "normal":
            raise ApiError(400, "templateType: viewerMode rooms are group rooms; omit roomMode "
                           "or set it to \"group\"")
        if "isLocked" in body.model_fields_set and not body.isLocked:
            raise ApiError(400, "templateType: viewerMode rooms are locked; omit isLocked or "
                           "set it to true")
        room_mode, is_locked = "group", True
        fields += [f for f in ("hostRoomUrl", "viewerRoomUrl") if f not in fields]
    now = dt.datetime.now(dt.UTC)
    # Kept to the second, as shown (whereby_date_time): a fraction sent is dropped.
    end = body.endDate.astimezone(dt.UTC).replace(microsecond=0)
    if end <= now:
        raise ApiError(422, "endDate must be in the future")
    if end > now + dt.timedelta(days=MAX_MEETING_DAYS):
        raise ApiError(422, f"endDate must be within {MAX_MEETING_DAYS} days")
    start = (body.startDate.astimezone(dt.UTC) if body.startDate else now).replace(microsecond=0)
    if start >= end:
        raise ApiError(422, "startDate must be before endDate")
    if room_mode == "normal" and "viewerRoomUrl" in fields:
        raise ApiError(422, "viewerRoomUrl is only available for roomMode group")
    if room_mode == "normal" and body.lastN:
        raise ApiError(422, "lastN is only available for roomMode group (normal rooms are "
                       "peer to peer: every participant sends to every other)")
    recording = await _checked_recording(ctx, body, org)
    if (recording is not None and recording.type == "cloud" and ctx.media is not None
            and not ctx.recording.available):
        # Refused now rather than a recording that fails at every join of the meeting.
        raise ApiError(422, f"recording.type: {RECORDING_NOT_HERE}")
    policy = await ctx.room_policy(org)
    if recording is not None and recording.type == "cloud" and policy.end_to_end_encryption:
        # The organization's setting makes group rooms end-to-end encrypted (a recorder would
        # need the browsers' keys), and a cloud-recorded normal room leaves peer-to-peer
        # DTLS for the SFU: refused either way, as the meeting's own option is.
        raise ApiError(422, "endToEndEncryption cannot be combined with cloud recording "
                       "(the organization's privacy settings ask for end-to-end "
                       "encryption, and a cloud recording reads the media on the server)")
    for _ in range(5):
        name = _room_name(body.roomNamePrefix, body.roomNamePattern)
        if not await ctx.store.meetings.room_name_taken(name):
            break
    else:
        raise ApiError(409, "could not allocate a unique room name; try again")
    meeting = await ctx.store.meetings.create(org, name, room_mode, is_locked, start, end,
                                             body.endToEndEncryption, body.lastN)
    out = _meeting_json(ctx, meeting, policy, fields)
    if recording is not None:
        await ctx.store.recordings.save_settings(org, meeting.meeting_id, recording)
        out["recording"] = recording.as_json()
    return out


FIELDS = ("hostRoomUrl", "viewerRoomUrl")
FieldsQuery = Annotated[list[Annotated[str, Field(max_length=200)]] | None,
                        Query(max_length=len(FIELDS))]
"""Every ``fields`` parameter of the query: Whereby's form style (``hostRoomUrl,viewerRoomUrl``),
and the exploded form (``fields=hostRoomUrl&fields=viewerRoomUrl``) that HTTP clients write
for a list, which must not keep only the last one."""
BRACKETED_FIELDS = re.compile(r"fields\[[0-9]{0,3}\]")
"""``fields[]=...`` and ``fields[0]=...``: how axios and Node's qs write a list (and how a
server that parses queries with qs, as Express does, reads ``fields``)."""


def parse_fields(fields: list[str] | None, request: Request | None = None) -> list[str]:
    """The ``fields`` query parameters, each a comma-separated list of names, with the
    bracketed ones (:data:`BRACKETED_FIELDS`) of ``request``'s query.

    Raises ApiError 400 naming an unknown field, an empty one (``fields=``, or
    ``hostRoomUrl,``: Whereby's parameter has no ``allowEmptyValue``, and its items are one
    of the names), or when there are more values than fields."""
    values = list(fields or ())
    if request is not None:
        values += [value for key, value in request.query_params.multi_items()
                   if BRACKETED_FIELDS.fullmatch(key)]
    if len(values) > len(FIELDS):
        raise ApiError(400, f"fields: at most {len(FIELDS)} values")
    for value in values:
        if "" in value.split(","):
            raise ApiError(400, f"fields: empty field name in {value[:40]!r}; known: "
                           f"{', '.join(FIELDS)} (leave the parameter out for none)")
    names = [f for value in values for f in value.split(",")]
    for name in names:
        if name not in FIELDS:
            raise ApiError(400, f"fields: unknown field {name[:40]!r}; known: "
                           + ", ".join(FIELDS))
    return names

async def _checked_recording(ctx: SignalingContext, body: CreateMeeting,
                             org: str) -> RecordingSettings | None:
    """The meeting's recording settings, checked (issue 14), or None when not recorded.
    A cloud recording may be asked of either room mode: a normal room whose meeting is
    cloud-recorded runs on the SFU, unless the organization's end-to-end encryption keeps it
    peer to peer (:func:`signaling.room_policy.topology`).

    Raises:
        ApiError: 422 naming the field of a combination that cannot work; 503 when the
            server cannot seal bucket credentials (no keyring).
    """
    if body.recording is None:
        return None
    s = ctx.settings
    allowed = [ipaddress.ip_network(n, strict=False) for n in s.recording_allowed_private_ips]
    recording = check_recording(
        body.recording,
        OperatorBucket(s.recording_bucket, s.recording_region, s.recording_endpoint), allowed,
    )
    if recording is not None and recording.destination is not None:
        await check_endpoint_address(recording.destination, allowed, owner=org)
        try:
            ctx.store.recordings.cipher  # noqa: B018 (raises without a keyring)
        except EncryptionNotConfigured:
            raise ApiError(503, "this server cannot store bucket credentials encrypted") from None
    return recording



@router.get("/meetings")
async def list_meetings(
    ctx: Ctx,
    org: Org,
    request: Request,
    limit: Annotated[int, IntegerQuery, Query(ge=1, le=100)] = 50,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
) -> dict[str, object]:
    """List the organization's meetings, oldest first, ``limit`` per page, each with its
    ``recording`` when set (``fields=viewerRoomUrl`` gives it to group rooms only).
    ``cursor`` is the next page's cursor, null on the last page as Whereby's text says (its
    schema requires the field and types it a string: a client reading ``body["cursor"]`` or
    looping ``while (cursor !== null)`` needs it there); ``cursor=null`` sent back is a 400
    saying so, not the first page again."""
    wanted = parse_fields(fields, request)
    try:
        page, next_cursor = await ctx.store.meetings.page(org, limit, cursor)
    except InvalidCursor:
        raise ApiError(400, INVALID_CURSOR) from None
    recordings = await ctx.store.recordings.public_settings([m.meeting_id for m in page])
    policies = await ctx.running_policies(page, await ctx.room_policy(org))
    results = []
    for meeting in page:
        out = _meeting_json(ctx, meeting, policies[meeting.room_name], wanted)
        if meeting.meeting_id in recordings:  # as GET /v1/meetings/{id} shows it
            out["recording"] = recordings[meeting.meeting_id].as_json()
        results.append(out)
    return {"results": results, "cursor": next_cursor or None}


@router.get("/meetings/{meeting_id}")
async def get_meeting(meeting_id: str, ctx: Ctx, org: Org, request: Request,
                      fields: FieldsQuery = None) -> dict[str, object]:
    wanted = parse_fields(fields, request)
    meeting = await ctx.store.meetings.get(org, meeting_id)
    if meeting is None:
        raise ApiError(404, "meeting not found")
    if wanted and "viewerRoomUrl" in wanted and meeting.room_mode != "group":
        raise ApiError(422, "viewerRoomUrl is only available for roomMode group")
    out = _meeting_json(ctx, meeting, await ctx.running_policy(meeting), wanted)
    recording = await ctx.store.recordings.settings(meeting_id)
    if recording is not None:
        out["recording"] = recording.as_json()
    return out


@router.delete("/meetings/{meeting_id}", status_code=204)
async def delete_meeting(meeting_id: str, ctx: Ctx, org: Org) -> Response:
    """Delete a meeting and remove everyone in it. Idempotent: 204 even if already gone."""
    meeting = await ctx.store.meetings.delete(org, meeting_id)
    if meeting is not None:
        # Refused as a host's end is: a join that read the meeting before its deletion must
        # not open its room again once this ended it.
        ctx.rooms.end(meeting.room_name,
                      refuse_until=(meeting.end_date + MEETING_GRACE).timestamp())
    return Response(status_code=204)
