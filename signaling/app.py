"""The signaling web application: REST API, room pages, WebSocket signaling, health, metrics."""

from __future__ import annotations

import logging
import math
import re
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, WebSocket
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from keys.errors import KeysError
from operability.ratelimit import KeyedRateLimiter, TokenBucket, rate_limit_key
from signaling.admin_api import router as admin_router
from signaling.api import (
    BRACKETED_FIELDS,
    CONFLICTING_OPTIONS,
    UNSUPPORTED_OPTION,
    organization,
)
from signaling.api import router as api_router
from signaling.api_route import ClientJsonRoute
from signaling.avatars import avatar_img_src
from signaling.client_json import DuplicateKey, NotJsonText
from signaling.context import SignalingContext
from signaling.embedding import PAGE_CSP, room_page_csp
from signaling.errors import NOT_JSON_TYPE, TOO_DEEP, ApiError, invalid_field
from signaling.insights_api import router as insights_router
from signaling.polling import router as polling_router
from signaling.recordings_api import router as recordings_router
from signaling.request_target import AbsoluteFormTarget
from signaling.room_names import ROOM_NAME, lowercase_room_name, room_name_in_path
from signaling.room_policy import recording_type_told
from signaling.store import database_outage
from signaling.themes import MAX_IMAGE_BYTES, UPLOAD_PATH
from signaling.themes import router as themes_router
from signaling.whereby_content import router as content_router
from signaling.ws import refuse_room_path, refuse_unknown_path, room_socket

WEB = Path(__file__).parent / "web"
ROOM_PAGE = (WEB / "room.html").read_text(encoding="utf-8")
E2EE_MARK = 'data-e2ee="off"'
"""The room page's marker that the room is end-to-end encrypted (``on``) or not."""
RECORDING_MARK = 'data-recording="none"'
"""The room page's marker of the meeting's recording type (``cloud``, ``local`` or none), so
the pre-call screen says the meeting is recorded before anyone joins."""
TOPOLOGY_MARK = 'data-topology="p2p"'
"""The room page's marker of the room's topology (``p2p`` or ``sfu``): the pre-call screen
says whether the server can read the media (it can in a group room not end-to-end
encrypted)."""
POLL_TRAFFIC = re.compile(r"^/v1/rooms/[^/]+/poll/[^/]+")
"""Long-polling traffic of an open session: limited per session like a WebSocket instead."""
MAX_BODY_BYTES = 64 * 1024
POLL_SEND = re.compile(r"^/v1/rooms/[^/]+/poll/[^/]+/send$")
POLL_BATCH_OVERHEAD = 64 * 1024
"""A long-polling batch may exceed ``ws_max_message_bytes`` by this much (JSON framing and
the batch's other, small, messages)."""
UPLOAD_OVERHEAD = 16 * 1024
"""Room theme images may be larger: their limit plus this much multipart framing."""
API_RATE_PER_S = 20.0
API_BURST = 40.0

API_CSP = "default-src 'none'; frame-ancestors 'none'"
NOT_FOUND_PAGE_CSP = PAGE_CSP.format(ancestors="*", avatars="")
"""The room page's CSP, but any site may frame it: the room is unknown, so is the organization
whose allowed origins would apply, and the page is static (no personal data, no control)."""


def rate_limit_headers(bucket: TokenBucket) -> dict[str, str]:
    """``X-RateLimit-Limit`` (requests per second), ``-Remaining`` (requests allowed now)
    and ``-Reset`` (seconds until the bucket is full again)."""
    until_full = bucket.retry_after(bucket.burst)
    remaining = max(0, math.floor(bucket.burst - until_full * bucket.rate))
    reset = math.ceil(until_full)
    return {"X-RateLimit-Limit": f"{bucket.rate:g}", "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(reset)}


def _takes_api_key(dependant: Any) -> bool:
    """Whether a route's dependencies include the API key check (signaling.api.organization),
    however deep."""
    return dependant is not None and any(
        dep.call is organization or _takes_api_key(dep) for dep in dependant.dependencies)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


log = logging.getLogger("fjord.http")
OUTAGE_LOG_INTERVAL_S = 30.0
"""While the database is down, one warning line per this many seconds."""
_last_outage_log = [0.0]


def _log_outage(error: BaseException) -> None:
    """One line, no traceback (nor the SQL and its parameters), at most every
    :data:`OUTAGE_LOG_INTERVAL_S`: a probe every few seconds must not flood the log."""
    now = time.monotonic()
    if now - _last_outage_log[0] >= OUTAGE_LOG_INTERVAL_S:
        _last_outage_log[0] = now
        cause = getattr(error, "orig", None) or error
        first = (str(cause).strip().splitlines() or [""])[0]
        log.warning("database unreachable, answering 503: %s: %s", type(cause).__name__,
                    first)


async def _check_writes(engine: AsyncEngine) -> None:
    """Raise what a write would when the database refuses writes it still reads (a full
    disk, a file made read-only), for ``/readyz``. On SQLite: a write rolled back, which
    writes its rollback journal before the change and deletes it after (nothing grows,
    nothing is synced; it waits for a writer holding the lock, as a request would). On
    PostgreSQL nothing: a write there leaves WAL and a dead row per probe, and a server that
    cannot write fails its own checks (monitor its disk)."""
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as conn:  # rolled back on leaving: nothing committed
        await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, declared or streamed (chunked).

    The body is read here first (at most ``limit`` bytes are held) and replayed to the app,
    so an oversized body is refused before any parsing or authentication.
    """

    def __init__(self, app: ASGIApp, limit: int,
                 larger: tuple[tuple[str, re.Pattern[str], int], ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger
        """``(method, path pattern, limit)``: requests that may carry more than ``limit``."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = next((larger for method, path, larger in self.larger
                      if scope["method"] == method and path.match(scope["path"])), self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _error(413, "request body too large")(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        first: Message = {"type": "http.request", "body": b"", "more_body": False}
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                first = message
                break
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await _error(413, "request body too large")(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                first = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return first
            return await receive()

        await self.app(scope, replay, send)


def _accept_quality(accept: str, media_type: str) -> float:
    """The q-value ``accept`` (an Accept header) gives ``media_type`` exactly; 0 if unlisted."""
    for media_range in accept.lower().split(","):
        kind, *params = (part.strip() for part in media_range.split(";"))
        if kind != media_type:
            continue
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    return float(value)
                except ValueError:
                    return 0.0
        return 1.0
    return 0.0


def room_not_found(request: Request, message: str) -> Response:
    """The 404 of a room path. A browser (``Accept`` prefers ``text/html`` to JSON) gets
    web/not-found.html, which says the meeting does not exist or has ended and tells a
    ``<fjord-embed>`` parent so (an ``error`` event); API clients get ``{"error": message}``."""
    accept = request.headers.get("accept", "")
    if _accept_quality(accept, "text/html") <= _accept_quality(accept, "application/json"):
        return _error(404, message)
    return FileResponse(
        WEB / "not-found.html",
        status_code=404,
        headers={"Content-Security-Policy": NOT_FOUND_PAGE_CSP, "Cache-Control": "no-store"},
    )


def redis_ready(ctx: SignalingContext) -> bool:
    """False while a part that works over Redis is cut off from it: the SFU control channel
    (:class:`sfu_control.remote.ClusterSfu`, behind ``ctx.media``) or the room bus
    (:class:`cluster.room_bus.RedisRoomBus`, ``ctx.rooms.bus``). Parts of a single-node
    deployment have no ``redis_ready`` and count as ready."""
    parts = (getattr(ctx.media, "worker", None), ctx.rooms.bus)
    return all(getattr(part, "redis_ready", True) for part in parts)


def repeated_parameter(request: Request) -> str | None:
    """The first query parameter given more than once, other than ``fields`` (a list, see
    :func:`signaling.api.parse_fields`), or None. Only one value of a repeated
    ``limit``, ``cursor``, ``roomName``, ``sortBy`` ... would be used, and a client asking
    for the recordings of two rooms would get one room's without a word."""
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen and key != "fields" and not BRACKETED_FIELDS.fullmatch(key):
            return key
        seen.add(key)
    return None


def _allowed_methods(request: Request) -> str:
    """The methods of every route of ``request``'s path (its ``Allow`` header)."""
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}
    routes = list(request.app.router.routes)
    while routes:
        route = routes.pop()
        # Included routers (FastAPI's _IncludedRouter) hold their routes, full paths and all.
        included = getattr(route, "original_router", None) or getattr(route, "router", None)
        if included is not None and hasattr(included, "routes"):
            routes += included.routes
        elif route.matches(scope)[0] != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


def create_app(ctx: SignalingContext) -> FastAPI:
    """Build the signaling app around ``ctx`` (store, keys, rooms, SFU control)."""
    app = FastAPI(title="Fjord", version="1", docs_url=None, redoc_url=None, openapi_url=None,
                  redirect_slashes=False)
    app.router.route_class = ClientJsonRoute  # the app's own GET routes take HEAD too
    app.state.ctx = ctx
    limiter = KeyedRateLimiter(API_RATE_PER_S, API_BURST)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.headers)

    async def unauthenticated(request: Request) -> JSONResponse | None:
        """The 401 of a request whose API key does not pass, for the errors FastAPI raises
        before the route's dependencies ran (a body JSON cannot decode): a client without a
        valid key learns nothing of how its body is read. None when it passes or the route
        takes no API key."""
        route = request.scope.get("route")
        if not _takes_api_key(getattr(route, "dependant", None)):
            return None
        try:
            await organization(request, request.app.state.ctx)
        except ApiError as exc:
            return _error(exc.status, exc.message, exc.headers)
        return None

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":
            return await unauthenticated(request) or _error(
                400, "request body is not valid JSON")
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if tuple(first.get("loc", ())) == ("body",) and media_type != "application/json":
            # FastAPI reads a body of another type as no object at all (curl -d sends
            # application/x-www-form-urlencoded), which its message does not say.
            return _error(415, NOT_JSON_TYPE)
        if first.get("type") == CONFLICTING_OPTIONS:
            return _error(422, first.get("msg", "conflicting options"))
        if first.get("type") == UNSUPPORTED_OPTION:
            return _error(400, first.get("msg", "not supported"))
        return _error(400, invalid_field(first))

    @app.exception_handler(KeysError)
    async def undecryptable(request: Request, exc: KeysError) -> JSONResponse:
        # A value sealed at rest that does not open (altered, moved, or its key gone): the
        # cause in one line, whose text names ids and places, never a value.
        log.error("%s %s: a stored value cannot be decrypted: %s", request.method,
                  request.url.path, exc)
        return _error(500, "a stored value cannot be decrypted")

    @app.exception_handler(Exception)
    async def server_error(_: Request, exc: Exception) -> JSONResponse:
        # A fault of ours still answers in the API's error format, so that a client that
        # parses {"error": ...} is not handed Starlette's "Internal Server Error" text.
        # Starlette re-raises the exception after sending this, so it is still logged.
        return _error(500, "internal server error")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's words for a body json cannot decode: not UTF-8 or with a NUL byte
            # (NotJsonText), an integer of more digits than Python converts
            # (sys.get_int_max_str_digits), or nesting deeper than the parser follows
            # (RecursionError, which FastAPI puts as the cause); or an object that repeats a
            # key (DuplicateKey, named).
            if isinstance(exc.__cause__, RecursionError):
                reason = f"request body {TOO_DEEP}"
            elif isinstance(exc.__cause__, DuplicateKey):
                reason = str(exc.__cause__)
            elif isinstance(exc.__cause__, NotJsonText):
                reason = f"request body {exc.__cause__}"
            else:
                reason = "request body is not valid JSON (numbers of at most 4300 digits)"
            return await unauthenticated(request) or _error(400, reason)
        headers = exc.headers
        if exc.status_code == 405:
            # RFC 9110 section 15.5.6: a 405 names the methods the resource has. Starlette
            # names those of the first route of the path only (GET and POST /v1/meetings are
            # two routes), and its headers were dropped here.
            headers = {**(headers or {}), "Allow": _allowed_methods(request)}
        return _error(exc.status_code, str(exc.detail).lower(), headers)

    @app.middleware("http")
    async def headers_and_limits(request: Request, call_next: Any) -> Response:
        limits: dict[str, str] = {}
        path = request.url.path
        if path.startswith("/v1/") and not POLL_TRAFFIC.match(path):
            bucket = limiter.bucket(rate_limit_key(request.client.host if request.client
                                                   else None))
            allowed = bucket.allow()
            limits = rate_limit_headers(bucket)
            if not allowed:
                # Whereby's ThrottleError body: {error, data: {msLeft}}.
                left = bucket.retry_after()
                return JSONResponse(
                    {"error": "rate limit exceeded",
                     "data": {"msLeft": max(1, math.ceil(left * 1000))}},
                    status_code=429,
                    headers={"Retry-After": str(max(1, math.ceil(left))), **limits})
        repeated = repeated_parameter(request) if path.startswith("/v1/") else None
        coding = request.headers.get("content-encoding", "").strip().lower()
        if repeated is not None:
            response: Response = _error(400, f"{repeated[:40]}: given more than once; "
                                             "send it once")
        elif "\x00" in path or path.startswith("/v1/") and b"%00" in request.scope.get(
                "query_string", b""):
            # PostgreSQL stores no NUL in text: an id or filter with one would fail the
            # query (a 500) where SQLite finds nothing. No name or id of the API has one.
            # (The room page's Whereby parameters, displayName=%00 say, are the page's to
            # clean, as Whereby's room does.)
            response = _error(400, "the URL has a NUL character (%00): no name or id has one")
        elif coding not in ("", "identity"):
            # Request bodies are not decoded: a gzip body would be read as (invalid) JSON,
            # and a plain body labelled gzip as if the label were not there.
            response = _error(415, f"Content-Encoding {coding[:40]!r} is not supported: "
                                   "send the request body uncompressed")
        else:
            try:
                response = await call_next(request)
            except Exception as error:
                if not database_outage(error):
                    raise
                _log_outage(error)
                response = _error(503, "database unavailable", {"Retry-After": "5"})
        response.headers.update(limits)
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Room URLs carry room keys: never leak them in a Referer header.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Content-Security-Policy", API_CSP)
        return response

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, larger=(
        ("PUT", UPLOAD_PATH, MAX_IMAGE_BYTES + UPLOAD_OVERHEAD),
        # A long-polling batch may carry one signaling message as large as a WebSocket
        # frame may be (a subscribe-answer of a large room), plus small ones.
        ("POST", POLL_SEND, ctx.settings.ws_max_message_bytes + POLL_BATCH_OVERHEAD),
    ))
    app.add_middleware(AbsoluteFormTarget)  # outermost: every route sees origin-form
    app.include_router(api_router)
    app.include_router(admin_router)
    app.include_router(recordings_router)
    app.include_router(polling_router)
    app.include_router(insights_router)
    app.include_router(themes_router)
    app.include_router(content_router)

    @app.api_route("/healthz", methods=["GET", "HEAD"], include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.api_route("/readyz", methods=["GET", "HEAD"], include_in_schema=False)
    async def readyz() -> JSONResponse:
        reason = "database unreachable"
        try:
            await ctx.store.meetings.by_room_name("readiness-probe")
            reason = "database refuses writes"
            await _check_writes(ctx.store.engine)
        except Exception as error:
            if not database_outage(error):
                raise
            _log_outage(error)
            return JSONResponse({"status": "not ready", "reason": reason}, status_code=503)
        if not redis_ready(ctx):
            return JSONResponse({"status": "not ready", "reason": "redis unreachable"},
                                status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        registry = REGISTRY if ctx.metrics is None else ctx.metrics
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/.well-known/jwks.json", include_in_schema=False)
    async def jwks() -> dict[str, Any]:
        return ctx.signer.jwks()

    @app.websocket("/v1/rooms/{room_name}/ws")
    async def ws(websocket: WebSocket, room_name: str) -> None:
        await room_socket(websocket, room_name_in_path(room_name), ctx,
                          rate_limit_key(websocket.client.host if websocket.client else None))

    # A room name with a "/" (%2F decoded): refused naming roomName, not a bare 403.
    @app.websocket("/v1/rooms/{room_path:path}/ws")
    async def ws_bad_room(websocket: WebSocket, room_path: str) -> None:
        await refuse_room_path(websocket, room_path)

    @app.get("/assets/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        path = WEB / name
        if not re.fullmatch(r"[a-z0-9-]+\.(js|css|svg)", name) or not path.is_file():
            raise ApiError(404, "not found")
        return FileResponse(path, headers={"Cache-Control": "no-cache"})

    @app.get("/", include_in_schema=False)
    async def index() -> dict[str, str]:
        return {"service": "fjord", "api": "/v1/meetings", "docs": "docs/api.md"}

    # HEAD too: link checkers and chat apps' link previews ask before they fetch.
    @app.api_route("/{room_name}", methods=["GET", "HEAD"], include_in_schema=False)
    async def room_page(room_name: str, request: Request) -> Response:
        if not ROOM_NAME.fullmatch(room_name):
            lowered = lowercase_room_name(room_name)
            if lowered is not None:
                return await room_redirect(lowered, request)
            return room_not_found(request, "not found")
        meeting = await ctx.store.meetings.by_room_name(room_name)
        if meeting is None:
            return room_not_found(request, "no meeting with this room name")
        privacy = await ctx.store.accounts.privacy(meeting.organization_id)
        page = ROOM_PAGE
        policy = await ctx.running_policy(meeting)
        e2ee = ctx.end_to_end_encrypted(meeting, policy)
        if e2ee:
            # The page must know before it joins: a browser that cannot encrypt frames is
            # refused there, and never sends a plaintext frame (docs/e2ee.md).
            page = page.replace(E2EE_MARK, 'data-e2ee="on"', 1)
        sfu = ctx.topology(meeting, policy) == "sfu"
        if sfu:
            page = page.replace(TOPOLOGY_MARK, 'data-topology="sfu"', 1)
        recording = recording_type_told(
            await ctx.store.recordings.recording_type(meeting.meeting_id), e2ee or not sfu)
        if recording in ("cloud", "local"):
            page = page.replace(RECORDING_MARK, f'data-recording="{recording}"', 1)
        return HTMLResponse(
            page,
            headers={
                "Content-Security-Policy": room_page_csp(
                    privacy.allowed_embed_origins, avatar_img_src(ctx.settings.avatar_domains)),
                "Permissions-Policy": "camera=(self), microphone=(self), display-capture=(self)",
                "Cache-Control": "no-store",
            },
        )

    # A room link that a mail client or a template ended with "/": redirect to the room.
    @app.api_route("/{room_name}/", methods=["GET", "HEAD"], include_in_schema=False)
    async def room_page_slash(room_name: str, request: Request) -> Response:
        return await room_redirect(room_name, request)

    async def room_redirect(room_name: str, request: Request) -> Response:
        """A 308 to room ``room_name``'s page (what its link should have been), by path only
        (a Location built from the Host header could point anywhere), keeping the query
        (displayName, roomKey, ...); the room page's 404 where there is no such room."""
        page = await room_page(room_name, request)
        if page.status_code != 200:
            return page
        query = request.url.query
        return RedirectResponse(f"/{room_name}?{query}" if query else f"/{room_name}", 308)

    # A WebSocket to any other path gets a JSON 404, as an HTTP request does, rather than
    # Starlette's bare 403.
    not_found = app.router.default

    async def no_route(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await refuse_unknown_path(WebSocket(scope, receive, send))
        else:
            await not_found(scope, receive, send)

    app.router.default = no_route
    return app
