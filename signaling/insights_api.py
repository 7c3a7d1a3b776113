"""Whereby's insights endpoints, ``GET /v1/insights/*``, over :mod:`signaling.insights`.

Filters, ``sortBy`` (``field:asc|desc`` over a result field), ``limit`` and ``cursor`` work as
Whereby documents them; a page's ``cursor`` is null when there is no next page. A cursor
holds the sort key of the last result of its page (keyset pagination) and a digest of its list
(endpoint and filters): results added between two requests do not shift the next page, which
offsets did (a result shown twice, or never); a result whose sort value changes between two
requests (``totalSessions``, ``lastSessionStartedAt``) can still move across the cursor.
``/v1/insights/participant`` (per-participant network
samples and user agent) is always an empty list: Fjord does not collect them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import AfterValidator, TypeAdapter, ValidationError

from signaling.api import (
    HAND_READ_PARAMETERS,
    INVALID_CURSOR,
    Ctx,
    IntegerQuery,
    Org,
    not_empty_cursor,
)
from signaling.api_route import ClientJsonRoute
from signaling.date_times import DATE_TIME_FORMAT, UtcByDefault
from signaling.errors import ApiError
from signaling.room_names import fold_case, stored_room_name

router = APIRouter(prefix="/v1/insights", route_class=ClientJsonRoute)

Limit = Annotated[int, IntegerQuery, Query(ge=1, le=100)]
Text = Annotated[str | None, Query(max_length=200)]
Cursor = Annotated[str | None, Query(max_length=2000), AfterValidator(not_empty_cursor)]
"""A cursor holds a sort value and the result's identity (room names of up to 200 characters
included), in base64."""


_DATE_TIME = TypeAdapter(UtcByDefault)
"""How a ``createdAt`` bound is read: as the meetings API reads ``endDate``."""


def _parse_time(name: str, value: str) -> dt.datetime:
    """``value`` in UTC, read as POST /v1/meetings reads its endDate (Whereby gives both as
    ``format: date-time``): RFC 3339 with its time, since a date alone (or an ISO week)
    would be read as its first midnight and ``createdAt[to]=2026-01-01`` would leave out the
    rooms of that day; UTC unless it has an offset, at most +-14:00; an hour-only offset
    (``+00``, ISO 8601's) is no RFC 3339 date-time."""
    try:
        return _DATE_TIME.validate_python(value)
    except ValidationError as exc:
        why = exc.errors()[0].get("ctx", {}).get("error")
        raise ApiError(400, f"{name}: {why or DATE_TIME_FORMAT}") from None


ROOM_FIELDS = frozenset({
    "roomName", "createdAt", "endAt", "firstSessionStartedAt", "lastSessionStartedAt",
    "totalParticipantMinutes", "totalRecorderMinutes", "totalStreamerMinutes",
    "totalUniqueParticipants", "totalUniqueRecorders", "totalUniqueStreamers", "totalSessions"})
SESSION_FIELDS = (ROOM_FIELDS - {"firstSessionStartedAt", "lastSessionStartedAt",
                                 "totalSessions"}) | {"roomSessionId", "startedAt", "endedAt"}
PARTICIPANT_FIELDS = frozenset({"joinedAt", "leftAt"})
ROOM_FILTERS = frozenset({"roomName[exact]", "roomName[startsWith]", "roomName[contains]",
                          "createdAt[from]", "createdAt[to]"})
"""The query parameters of ``GET /v1/insights/rooms``'s filters (Whereby's deepObject style)."""


def _sort_key(record: dict[str, Any], field: str, identity: tuple[str, ...]) -> tuple[Any, ...]:
    value = record.get(field)
    # Absent values last (first in descending order); ties broken by the result's identity.
    return (value is None, "" if value is None else value, *(record[i] for i in identity))


def _scope_tag(scope: str) -> str:
    """A short digest of the list a cursor belongs to (endpoint and filters)."""
    return hashlib.sha256(scope.encode()).hexdigest()[:16]


def _encode_cursor(scope: str, sort_by: str, key: tuple[Any, ...]) -> str:
    text = json.dumps([_scope_tag(scope), sort_by, list(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a sort value")  # json.loads takes NaN and Infinity


def _decode_cursor(cursor: str, scope: str, sort_by: str, width: int) -> tuple[Any, ...]:
    """The sort key a cursor of this list (``scope``) in order ``sort_by`` holds.

    Raises ApiError 400 naming ``cursor``: not issued by this server, for another list, or
    for another order."""
    try:
        tag, issued_for, key = json.loads(base64.urlsafe_b64decode(cursor + "==="),
                                          parse_constant=_no_constant)
    except (ValueError, TypeError, binascii.Error):
        raise ApiError(400, INVALID_CURSOR) from None
    if not (isinstance(key, list) and len(key) == width and isinstance(key[0], bool)
            and isinstance(key[1], str | int | float) and not isinstance(key[1], bool)
            and all(isinstance(part, str) for part in key[2:]) and tag == _scope_tag(scope)):
        raise ApiError(400, INVALID_CURSOR)
    if issued_for != sort_by:
        raise ApiError(400, f"cursor: issued for sortBy={str(issued_for)[:40]}, not {sort_by}; "
                       "start again without a cursor to change the order")
    return tuple(key)


def page(results: list[dict[str, Any]], sort_by: str | None, default_sort: str,
         cursor: str | None, limit: int, fields: frozenset[str],
         identity: tuple[str, ...], scope: str) -> dict[str, Any]:
    """Sort ``results`` by ``field:asc|desc`` (``field`` one of ``fields``; ties by the
    string fields ``identity``, which tell results apart) and return the page after
    ``cursor``, one this server issued for the list ``scope`` (endpoint and filters).

    Raises ApiError 400 naming ``sortBy`` or ``cursor`` when invalid."""
    # an empty sortBy= is refused as another unknown order is, not read as the default
    field, _, order = (default_sort if sort_by is None else sort_by).partition(":")
    order = order or "asc"
    if order not in ("asc", "desc") or field not in fields:
        raise ApiError(400, f"sortBy: one of {', '.join(sorted(fields))}, with :asc or :desc")
    normalized = f"{field}:{order}"
    descending = order == "desc"
    keys = sorted(((_sort_key(r, field, identity), r) for r in results),
                  key=lambda pair: pair[0], reverse=descending)
    start = 0
    if cursor:
        after = _decode_cursor(cursor, scope, normalized, 2 + len(identity))
        try:
            start = next(i for i, (key, _) in enumerate(keys)
                         if (key < after if descending else key > after))
        except TypeError:  # a key of another type than this field's values
            raise ApiError(400, INVALID_CURSOR) from None
        except StopIteration:
            start = len(keys)
    chosen = keys[start:start + limit]
    more = start + limit < len(keys)  # Whereby: null on the last page
    return {"results": [r for _, r in chosen],
            "cursor": _encode_cursor(scope, normalized, chosen[-1][0]) if more else None}


@router.get("/rooms")
async def rooms(request: Request, ctx: Ctx, org: Org, sortBy: Text = None,  # noqa: N803
                cursor: Cursor = None, limit: Limit = 10) -> dict[str, Any]:
    """Room summaries, filtered by ``roomName[exact|startsWith|contains]`` (any letter case) and
    ``createdAt[from|to]``."""
    q = request.query_params  # a flat roomName=/x or another operator: refused by Org
    results = await ctx.store.insights.rooms(org)
    for key, test in (("exact", str.__eq__), ("startsWith", str.startswith),
                      ("contains", str.__contains__)):
        wanted = q.get(f"roomName[{key}]")
        if wanted is not None and wanted.strip("/") == "":
            # Not read as a filter that every room matches: a backend whose room name came
            # out empty would be handed every room (as /v1/recordings?roomName= is refused).
            raise ApiError(400, f"roomName[{key}]: empty (a room name, or part of one; leave "
                           "the parameter out for every room)")
        if wanted is not None and key != "contains" and not wanted.startswith("/"):
            # With or without its leading "/", as /insights/room-sessions and
            # /recordings take a room name (the roomUrl's last path segment has none).
            wanted = "/" + wanted
        if wanted is not None:
            wanted = fold_case(wanted)
            results = [r for r in results if test(r["roomName"], wanted)]
    bounds = {key: _parse_time(f"createdAt[{key}]", q[f"createdAt[{key}]"])
              for key in ("from", "to") if f"createdAt[{key}]" in q}
    if len(bounds) == 2 and bounds["from"] > bounds["to"]:
        # Not an empty list, which would read as rooms unused in that period.
        raise ApiError(400, "createdAt[from]: after createdAt[to]; send the earlier date as "
                       "from")
    for key, limit_at in bounds.items():
        results = [r for r in results if (_parse_time("createdAt", r["createdAt"]) >= limit_at
                                          if key == "from" else
                                          _parse_time("createdAt", r["createdAt"]) <= limit_at)]
    filters = sorted((k, v) for k, v in q.items() if k in ROOM_FILTERS)
    return page(results, sortBy, "createdAt:asc", cursor, limit, ROOM_FIELDS,
                ("roomName",), json.dumps(["rooms", filters]))


HAND_READ_PARAMETERS[rooms] = ROOM_FILTERS  # Whereby's filters are objects: roomName[exact]


@router.get("/room-sessions")
async def room_sessions(ctx: Ctx, org: Org, roomName: Text = None,  # noqa: N803
                        roomSessionId: Text = None, sortBy: Text = None,  # noqa: N803
                        cursor: Cursor = None, limit: Limit = 10) -> dict[str, Any]:
    """The sessions of ``roomName`` (required; with or without its leading ``/``), of the
    one ``roomSessionId`` when given (an empty one is a 400 naming it, as on
    /insights/participants, not a filter nothing matches)."""
    if not roomName or not roomName.strip("/"):
        raise ApiError(400, "roomName: required")
    if roomSessionId == "":
        raise ApiError(400, "roomSessionId: empty; leave the parameter out for every session "
                       "of the room")
    room = stored_room_name(roomName)
    results = await ctx.store.insights.room_sessions(org, room)
    if roomSessionId is not None:
        results = [r for r in results if r["roomSessionId"] == roomSessionId]
    return page(results, sortBy, "startedAt:asc", cursor, limit, SESSION_FIELDS,
                ("roomSessionId",),
                json.dumps(["room-sessions", room, roomSessionId]))


@router.get("/participants")
async def participants(ctx: Ctx, org: Org, roomSessionId: Text = None,  # noqa: N803
                       externalId: Text = None, sortBy: Text = None,  # noqa: N803
                       cursor: Cursor = None, limit: Limit = 10) -> dict[str, Any]:
    """Participant stays of ``roomSessionId`` or ``externalId`` (one is required; an empty
    one given is a 400 naming it, never dropped as if left out)."""
    for name, value in (("roomSessionId", roomSessionId), ("externalId", externalId)):
        if value == "" and (roomSessionId or externalId):
            raise ApiError(400, f"{name}: empty; leave the parameter out to filter by the "
                           "other one only")
    if not roomSessionId and not externalId:
        raise ApiError(400, "roomSessionId or externalId: one is required")
    results = await ctx.store.insights.participants(org, roomSessionId or None,
                                                    externalId or None)
    return page(results, sortBy, "joinedAt:asc", cursor, limit, PARTICIPANT_FIELDS,
                ("roomSessionId", "participantId", "joinedAt"),
                json.dumps(["participants", roomSessionId, externalId]))


@router.get("/participant")
async def participant(_: Org, roomSessionId: Text = None,  # noqa: N803
                      participantId: Text = None) -> list[dict[str, Any]]:  # noqa: N803
    """Network samples and user agent of a participant: none, Fjord does not collect them."""
    if not roomSessionId or not participantId:
        raise ApiError(400, "roomSessionId and participantId: both are required")
    return []
