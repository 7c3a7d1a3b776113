"""The organization admin API: admin users, webhook endpoints, privacy settings, API keys.

Authenticated like the meetings API with the organization's API key (``Authorization: Bearer``);
every change is an audit event whose actor is ``api_key:<key id>``. Personal values are stored
encrypted (signaling.accounts) and returned decrypted. Errors are ``{"error": "..."}`` JSON:
400 invalid body, 401 bad key, 404 unknown id, 409 duplicate email, 500 a stored value that
cannot be decrypted, 503 account encryption not configured.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
)

from signaling.accounts import DuplicateEmail, PrivacyRecord, TooManyWebhooks
from signaling.api import HAND_READ_BODY, Org, get_ctx
from signaling.api_route import ClientJsonRoute
from signaling.context import SignalingContext
from signaling.embedding import ORIGIN_PATTERN, embed_origins_problem
from signaling.errors import ApiError, EncryptionNotConfigured, json_body
from signaling.recording_settings import recipient_problem
from signaling.visible_text import check_visible_text
from signaling.webhook_http import WebhookUrlRefused, check_url
from signaling.webhooks import EVENT_TYPES, MAX_ENDPOINTS

EMAIL = r"^[^@\s]{1,64}@[^@\s]{1,255}$"
URL_PATTERN = r"^https://[^\s\x00-\x1f\x7f-\x9f" + "\u202a-\u202e\u2066-\u2069" + "]+$"
"""An https URL without white space, control characters (C0 and C1; no NUL, which PostgreSQL
does not store in text) or bidirectional overrides: listings, logs and the operator's
terminal show it, where those would make it read as another URL."""
WebhookEvent = Literal[EVENT_TYPES]  # type: ignore[valid-type]


class _AdminRoute(ClientJsonRoute):
    """Bodies parsed as every client's JSON (ClientJsonRoute); turns a missing account
    encryption into a JSON 503 (a stored value that cannot be decrypted is the app's JSON
    500, as on every route)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except EncryptionNotConfigured:
                return JSONResponse({"error": "account encryption is not configured"}, 503)

        return guarded


router = APIRouter(prefix="/v1/admin", route_class=_AdminRoute)


async def admin_identity(request: Request, org: Org) -> tuple[str, str]:
    """``(organization id, actor)`` of the request's bearer API key, checked by the meetings
    API's :func:`~signaling.api.organization` (so the app finds the check: a bad key is a 401
    before the body is parsed, and two Authorization headers are a 400, as on every other
    endpoint; a check of its own here took the first header and read bodies first).

    Raises:
        ApiError: 401 when the header is missing or the key unknown or revoked; 400 when it
            is given more than once.
    """
    return org, "api_key:" + request.state.api_key_id


Ctx = Annotated[SignalingContext, Depends(get_ctx)]
Admin = Annotated[tuple[str, str], Depends(admin_identity)]


class CreateUser(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(pattern=EMAIL, max_length=320)
    displayName: str = Field(min_length=1, max_length=200)
    role: Literal["owner", "admin", "member"] = "admin"
    externalId: str | None = Field(None, min_length=1, max_length=200)

    @field_validator("email", "displayName", "externalId")
    @classmethod
    def _visible_text(cls, value: str | None) -> str | None:
        # Read by people (exports, the operator's terminal): no control characters, line
        # breaks or bidirectional overrides, which would make an email or id show as another.
        return None if value is None else check_visible_text(value)


def distinct_events(value: object) -> object:
    """``value`` (a request's ``events``) without repeats, which are stored once
    (docs/api.md), so that the bound counts distinct events: one event sent 25 times was
    refused as 25 items. Past the event types a list must name something else: refused
    naming the first such value, rather than checking thousands of items one by one."""
    if not isinstance(value, list):
        return value
    seen: set[str] = set()
    distinct = []
    for item in value:
        if isinstance(item, str):
            if item in seen:
                continue
            seen.add(item)
        distinct.append(item)
    if len(distinct) > len(EVENT_TYPES):
        unknown = next(item for item in distinct if item not in EVENT_TYPES)
        raise ValueError(f"{len(distinct)} different events, but only {len(EVENT_TYPES)} "
                         f"exist: {repr(unknown)[:60]} is none of them")
    return distinct


class CreateWebhook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(pattern=URL_PATTERN, max_length=2048)
    events: list[WebhookEvent] = Field(min_length=1)

    _distinct_events = field_validator("events", mode="before")(distinct_events)


class UpdateWebhook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(None, pattern=URL_PATTERN, max_length=2048)
    events: list[WebhookEvent] | None = Field(None, min_length=1)
    rotateSecret: StrictBool = False

    @field_validator("url", "events", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # An endpoint always has a url and events: null would read as "left out" and the
        # endpoint would silently stay as it was.
        if value is None:
            raise ValueError("must not be null (leave the field out to keep its value)")
        return value

    _distinct_events = field_validator("events", mode="before")(distinct_events)


"""A browser origin of a host name or IPv4 address: ``https://...`` or ``https://-`` is no
origin any page has (its frame-ancestors entry would match nothing)."""


class Privacy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Strict, as the meetings API: "yes", 1 or "30" are refused, not coerced.
    relayOnly: StrictBool = False
    auditRetentionDays: StrictInt | None = Field(None, ge=1, le=3650)
    redactDisplayNames: StrictBool = False
    chatDisabled: StrictBool = False
    allowedEmbedOrigins: list[
        Annotated[str, Field(pattern=ORIGIN_PATTERN, max_length=270)]
    ] = Field(default_factory=list, max_length=20)
    endToEndEncryption: StrictBool = False
    encryptionPublicKey: StrictStr | None = Field(None, max_length=100)
    "age X25519 recipient every cloud recording is encrypted to (checked by _privacy_record)."

    @field_validator("allowedEmbedOrigins")
    @classmethod
    def _origins_fit(cls, value: list[str]) -> list[str]:
        problem = embed_origins_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value


# --- admin users
@router.post("/users", status_code=201)
async def create_user(body: CreateUser, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    org, actor = admin
    try:
        user = await ctx.store.accounts.create_admin_user(
            org, body.email, body.displayName, body.role, body.externalId, actor
        )
    except DuplicateEmail:
        raise ApiError(409, "an admin user with this email exists") from None
    return user.as_json()


@router.get("/users")
async def list_users(ctx: Ctx, admin: Admin) -> dict[str, Any]:
    return {"results": [u.as_json() for u in await ctx.store.accounts.admin_users(admin[0])]}


@router.get("/users/{user_id}")
async def get_user(user_id: str, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    user = await ctx.store.accounts.admin_user(admin[0], user_id)
    if user is None:
        raise ApiError(404, "admin user not found")
    return user.as_json()


@router.get("/users/{user_id}/export")
async def export_user(user_id: str, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    """Everything stored about the user: ``{"user": {...}, "auditEvents": [...]}``."""
    org, actor = admin
    exported = await ctx.store.accounts.export_admin_user(org, user_id)
    if exported is None:
        raise ApiError(404, "admin user not found")
    await ctx.store.audit(org, actor, "admin_user.export", user_id)
    return exported


@router.delete("/users/{user_id}", status_code=204)
async def erase_user(user_id: str, ctx: Ctx, admin: Admin) -> Response:
    """Erase the user (data-subject erasure). Idempotent: 204 even if already gone."""
    await ctx.store.accounts.erase_admin_user(admin[0], user_id, admin[1])
    return Response(status_code=204)


# --- webhook endpoints
async def _check_webhook_url(ctx: SignalingContext, url: str, org: str) -> None:
    """422 for a URL the dispatcher would never deliver to (SSRF guard, checked early)."""
    allowed = [ipaddress.ip_network(n, strict=False)
               for n in ctx.settings.webhook_allowed_private_ips]
    try:
        await check_url(url, allowed, owner=org)
    except WebhookUrlRefused as exc:
        raise ApiError(422, f"url: {exc}") from None


@router.post("/webhooks", status_code=201)
async def create_webhook(body: CreateWebhook, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    """Create an endpoint; the response carries its signing secret. 409 when the
    organization has :data:`~signaling.webhooks.MAX_ENDPOINTS` already."""
    org, actor = admin
    await _check_webhook_url(ctx, body.url, org)
    try:
        hook = await ctx.store.accounts.create_webhook(org, body.url, body.events, actor,
                                                       limit=MAX_ENDPOINTS)
    except TooManyWebhooks:
        raise ApiError(409, f"at most {MAX_ENDPOINTS} webhook endpoints per organization: "
                            "delete one, or subscribe an existing one to more events") from None
    return hook.as_json()


@router.get("/webhooks")
async def list_webhooks(ctx: Ctx, admin: Admin) -> dict[str, Any]:
    return {"results": [w.as_json() for w in await ctx.store.accounts.webhooks(admin[0])]}


@router.get("/webhooks/{endpoint_id}")
async def get_webhook(endpoint_id: str, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    hook = await ctx.store.accounts.webhook(admin[0], endpoint_id)
    if hook is None:
        raise ApiError(404, "webhook endpoint not found")
    # The signing secret is shown once, when created or rotated.
    return dataclasses.replace(hook, secret=None).as_json()


@router.put("/webhooks/{endpoint_id}")
async def update_webhook(
    endpoint_id: str, body: UpdateWebhook, ctx: Ctx, admin: Admin
) -> dict[str, Any]:
    org, actor = admin
    if body.url is not None:
        await _check_webhook_url(ctx, body.url, org)
    hook = await ctx.store.accounts.update_webhook(
        org, endpoint_id, body.url, body.events, body.rotateSecret, actor
    )
    if hook is None:
        raise ApiError(404, "webhook endpoint not found")
    return hook.as_json()


@router.delete("/webhooks/{endpoint_id}", status_code=204)
async def delete_webhook(endpoint_id: str, ctx: Ctx, admin: Admin) -> Response:
    await ctx.store.accounts.delete_webhook(admin[0], endpoint_id, admin[1])
    return Response(status_code=204)


# --- privacy settings
@router.get("/privacy")
async def get_privacy(ctx: Ctx, admin: Admin) -> dict[str, Any]:
    return (await ctx.store.accounts.privacy(admin[0])).as_json()


@router.put("/privacy")
async def put_privacy(body: Privacy, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    """Replace every setting: an omitted field takes its default."""
    return (await ctx.store.accounts.set_privacy(admin[0], _privacy_record(body),
                                                 admin[1])).as_json()


@router.patch("/privacy")
async def patch_privacy(body: Privacy, ctx: Ctx, admin: Admin) -> dict[str, Any]:
    """Change only the fields given; the others keep their value (merged with the settings
    in the transaction that writes them: PATCHes sent at once keep each other's fields)."""
    given = body.model_dump(include=body.model_fields_set)

    def merged(current: PrivacyRecord) -> PrivacyRecord:
        return _privacy_record(Privacy.model_validate({**current.as_json(), **given}))

    return (await ctx.store.accounts.update_privacy(admin[0], merged, admin[1])).as_json()


def _privacy_record(body: Privacy) -> PrivacyRecord:
    """Raises: ApiError 422 naming ``encryptionPublicKey`` when it is no age recipient."""
    problem = (recipient_problem(body.encryptionPublicKey)
               if body.encryptionPublicKey is not None else None)
    if problem is not None:
        raise ApiError(422, f"encryptionPublicKey: {problem}")
    return PrivacyRecord(body.relayOnly, body.auditRetentionDays, body.redactDisplayNames,
                         body.chatDisabled, tuple(o.lower() for o in body.allowedEmbedOrigins),
                         body.endToEndEncryption, body.encryptionPublicKey)


# --- API keys
@router.post("/api-keys", status_code=201)
async def create_api_key(request: Request, ctx: Ctx, admin: Admin) -> dict[str, str]:
    """A new API key for the organization, shown once (only its hash is stored).

    The body is empty or ``{}``: it has no fields, so any field is refused (400), as is a
    body that is not JSON."""
    raw = await request.body()
    if raw.strip():
        body = json_body(raw, request.headers.get("content-type"))
        if not isinstance(body, dict):
            raise ApiError(400, "invalid field body: must be a JSON object")
        if body:
            raise ApiError(400, f"invalid field {sorted(body)[0]}: extra inputs are not "
                                "permitted")
    key_id, key = await ctx.store.create_api_key_with_id(admin[0], admin[1])
    return {"id": key_id, "key": key}


HAND_READ_BODY.add(create_api_key)


@router.delete("/api-keys/{key_id}", status_code=204)
async def revoke_api_key(key_id: str, ctx: Ctx, admin: Admin) -> Response:
    if not await ctx.store.revoke_api_key(admin[0], key_id, admin[1]):
        raise ApiError(404, "API key not found or already revoked")
    return Response(status_code=204)
