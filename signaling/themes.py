"""Room themes, Whereby's ``PUT /v1/rooms/{roomName}/theme/*``: colors, logo and backgrounds.

A theme part is stored as JSON sealed with the organization's data key (like other account
data, :mod:`signaling.theme_store`) and deleted with its meeting. Images come as
``multipart/form-data`` field ``image``; they must be PNG, JPEG, WebP or GIF by their
content (the declared type is not trusted; SVG, which can carry script, is refused) and at
most :data:`MAX_IMAGE_BYTES`. The room page reads the theme from ``GET
/v1/rooms/{roomName}/theme`` (public, like the room page itself) and applies it.
"""

from __future__ import annotations

import base64
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from signaling.api import HAND_READ_BODY, Ctx, Org, refuse_unknown_input
from signaling.api_route import ClientJsonRoute
from signaling.errors import ApiError, json_body
from signaling.meeting_store import MeetingRecord
from signaling.room_names import stored_room_name
from signaling.theme_store import MeetingGone

router = APIRouter(prefix="/v1/rooms", route_class=ClientJsonRoute)

MAX_IMAGE_BYTES = 600 * 1000
"""Largest theme image (Whereby documents "max 600 kb" for backgrounds)."""
FORM_PARTS = 8
"""Files, and other fields, a theme image's form may have for Starlette to parse it: the
one ``image`` is taken, the others are refused by name (beyond, unnamed)."""
UPLOAD_PATH = re.compile(r"^/v1/rooms/.+/theme/(logo|room-background|room-knock-page-background)$")
"""Routes whose bodies may carry an image (the body limit is larger there)."""
IMAGE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
Color = Annotated[str, Field(pattern=r"^#[a-fA-F0-9]{6}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Colors(_Strict):
    primary: Color | None = None
    secondary: Color | None = None
    focus: Color | None = None


class Tokens(_Strict):
    colors: Colors | None = None


class TokensBody(_Strict):
    """``PUT .../theme/tokens``: colors used when ``tokensPreset`` is ``custom``."""

    tokens: Tokens | None = None
    tokensPreset: Literal["custom", "default"] | None = None


class LogoPreset(_Strict):
    """A JSON body resets the logo (Whereby's schema: "Reset room logo to default", whose
    ``theme`` is not required): ``{}`` too, as a background's."""

    theme: Literal["default"] = "default"


class BackgroundPreset(_Strict):
    palette: Literal["default", "grey", "purple", "burgund"] | None = None
    theme: Literal["default", "mountains", "characters", "rocks"] | None = None


def image_type(data: bytes) -> str | None:
    """The media type of a PNG, JPEG, GIF or WebP image by its first bytes, else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((media for magic, media in IMAGE_TYPES if data.startswith(magic)), None)


async def _meeting(ctx: Ctx, org: str, room_name: str) -> MeetingRecord:
    meeting = await ctx.store.meetings.by_room_name(stored_room_name(room_name))
    if meeting is None or meeting.organization_id != org:
        raise ApiError(404, "room not found")
    return meeting


async def _json_body(request: Request, model: type[BaseModel]) -> BaseModel:
    raw = await request.body()
    data = json_body(raw, request.headers.get("content-type")) if raw else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ApiError(400, f"invalid field {where}: {first['msg']}") from None


async def _image_or_preset(request: Request, preset: type[BaseModel]) -> dict[str, Any] | None:
    """The stored value of an image part: an uploaded image, a preset, or None (default).

    Raises ApiError 400 (content type, missing or unknown image), 413 (too large)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        body = (await _json_body(request, preset)).model_dump(exclude_none=True)
        return None if set(body.values()) <= {"default"} else {"preset": body}
    if content_type != "multipart/form-data":
        raise ApiError(400, "Content-Type must be multipart/form-data or application/json")
    # Room for a few parts more than the one taken, so that the extra ones are named (with
    # one, Starlette refused a second file or field without naming it).
    form = await request.form(max_files=FORM_PARTS, max_fields=FORM_PARTS)
    extra = next((key for key in form if key != "image"), None)
    if extra is not None:
        # As the JSON bodies' unknown fields: refused by name, not dropped.
        raise ApiError(400, f"invalid field {extra[:40]}: the form has one field, image")
    if len(form.getlist("image")) > 1:
        raise ApiError(400, "image: given more than once; send one image")
    upload = form.get("image")
    if upload is None or isinstance(upload, str):
        raise ApiError(400, "image: a file field named image is required")
    data = await upload.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise ApiError(413, f"image: larger than {MAX_IMAGE_BYTES // 1000} kB")
    media_type = image_type(data)
    if media_type is None:
        raise ApiError(400, "image: must be a PNG, JPEG, WebP or GIF image")
    return {"image": {"mediaType": media_type, "data": base64.b64encode(data).decode()}}


@router.put("/{room_name:path}/theme/tokens", status_code=204)
async def put_tokens(room_name: str, request: Request, ctx: Ctx, org: Org) -> Response:
    """Set the room's primary, secondary and focus colors (``tokensPreset: custom``), or go
    back to the defaults (``default`` or absent). 400 names an invalid field, and
    ``tokensPreset`` when colors come without ``custom``: Whereby uses the organization's
    defaults then, so the colors would be dropped."""
    body = await _json_body(request, TokensBody)
    assert isinstance(body, TokensBody)
    colors = body.tokens.colors if body.tokens and body.tokens.colors else None
    if colors is not None and colors.model_dump(exclude_none=True) and (
            body.tokensPreset != "custom"):
        raise ApiError(400, 'invalid field tokensPreset: colors are used only with "custom" '
                            '(absent or "default" means the default colors); send '
                            'tokensPreset "custom" with them, or no colors')
    meeting = await _meeting(ctx, org, room_name)
    custom = body.tokensPreset == "custom" and colors is not None
    value = colors.model_dump(exclude_none=True) if custom and colors else None
    await _put_part(ctx, meeting, "tokens", value)
    return Response(status_code=204)


async def _put_part(ctx: Ctx, meeting: MeetingRecord, part: str,
                    value: dict[str, Any] | None) -> None:
    """Store one theme part. Raises ApiError 404 when the meeting was deleted since it was
    looked up (a ``DELETE /v1/meetings/{id}`` sent at the same time)."""
    try:
        await ctx.store.themes.put(meeting.organization_id, meeting.meeting_id, part, value)
    except MeetingGone:
        raise ApiError(404, "room not found") from None


async def _put_image(part: str, preset: type[BaseModel], room_name: str, request: Request,
                     ctx: Ctx, org: str) -> Response:
    meeting = await _meeting(ctx, org, room_name)
    value = await _image_or_preset(request, preset)
    await _put_part(ctx, meeting, part, value)
    return Response(status_code=204)


@router.put("/{room_name:path}/theme/logo", status_code=204)
async def put_logo(room_name: str, request: Request, ctx: Ctx, org: Org) -> Response:
    """Upload the room's logo, or reset it with ``{"theme": "default"}``."""
    return await _put_image("logo", LogoPreset, room_name, request, ctx, org)


@router.put("/{room_name:path}/theme/room-background", status_code=204)
async def put_background(room_name: str, request: Request, ctx: Ctx, org: Org) -> Response:
    """Upload the room's background image, or pick a ``palette``/``theme`` preset."""
    return await _put_image("room-background", BackgroundPreset, room_name, request, ctx, org)


@router.put("/{room_name:path}/theme/room-knock-page-background", status_code=204)
async def put_knock_background(room_name: str, request: Request, ctx: Ctx, org: Org) -> Response:
    """Upload the knock page's background image, or pick a ``palette``/``theme`` preset."""
    return await _put_image("room-knock-page-background", BackgroundPreset, room_name,
                            request, ctx, org)


HAND_READ_BODY.update((put_tokens, put_logo, put_background, put_knock_background))


@router.get("/{room_name}/theme", dependencies=[Depends(refuse_unknown_input)])
async def get_theme(room_name: str, ctx: Ctx) -> dict[str, Any]:
    """The room's theme for its pages: ``{tokens?, logo?, room-background?, ...}``; images
    as ``{image: {mediaType, data (base64)}}``. Public like the room page (the room name is
    what a participant has); 404 for an unknown room."""
    meeting = await ctx.store.meetings.by_room_name(stored_room_name(room_name))
    if meeting is None:
        raise ApiError(404, "room not found")
    return await ctx.store.themes.theme(meeting.meeting_id)
