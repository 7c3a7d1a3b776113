"""The meetings REST API: validation, auth, errors, pagination, room keys."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from keys.room_keys import RoomKeyError
from signaling.context import SignalingContext


def future(hours: float = 1) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)).isoformat()


async def create(client: httpx.AsyncClient, **body: object) -> httpx.Response:
    return await client.post("/v1/meetings", json={"endDate": future(), **body})


async def test_create_meeting_returns_whereby_shape(client: httpx.AsyncClient) -> None:
    resp = await create(
        client, roomMode="group", roomNamePrefix="clinic", fields=["hostRoomUrl", "viewerRoomUrl"]
    )
    assert resp.status_code == 201
    body = resp.json()
    assert set(body) >= {"meetingId", "roomName", "roomUrl", "startDate", "endDate",
                         "hostRoomUrl", "viewerRoomUrl"}
    assert body["roomName"].startswith("/clinic-")
    assert body["roomUrl"] == "https://meet.example.test" + body["roomName"]
    assert body["hostRoomUrl"].startswith(body["roomUrl"] + "?roomKey=")


async def test_an_end_date_without_offset_is_utc(client: httpx.AsyncClient) -> None:
    """Whereby's endDate: "By default in UTC but a timezone can be specified"."""
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).replace(microsecond=0, tzinfo=None)
    start = end - dt.timedelta(hours=1)
    resp = await client.post("/v1/meetings", json={"endDate": end.isoformat(),
                                                   "startDate": start.isoformat()})
    assert resp.status_code == 201, resp.text
    assert (resp.json()["startDate"], resp.json()["endDate"]) == (
        start.isoformat() + "Z", end.isoformat() + "Z")


@pytest.mark.parametrize(("prefix", "room_name"), [
    ("", r"/[0-9a-f-]{36}"), ("my clinic", r"/myclinic-[0-9a-f-]{36}"),
    ("a-b", r"/a-b-[0-9a-f-]{36}")])
async def test_room_name_prefix_as_whereby_takes_it(
        client: httpx.AsyncClient, prefix: str, room_name: str) -> None:
    """Whereby's roomNamePrefix: spaces removed, at most 39 characters; empty: no prefix."""
    resp = await create(client, roomNamePrefix=prefix)
    assert resp.status_code == 201, resp.text
    assert re.fullmatch(room_name, resp.json()["roomName"])


async def test_viewer_urls_belong_to_group_rooms(client: httpx.AsyncClient) -> None:
    normal = (await create(client)).json()
    group = (await create(client, roomMode="group")).json()
    one = await client.get(f"/v1/meetings/{normal['meetingId']}",
                           params={"fields": "viewerRoomUrl"})
    assert one.status_code == 422 and "viewerRoomUrl" in one.json()["error"]
    listed = (await client.get("/v1/meetings", params={"fields": "viewerRoomUrl"})).json()
    by_id = {m["meetingId"]: m for m in listed["results"]}
    assert "viewerRoomUrl" not in by_id[normal["meetingId"]]
    assert "roomKey=" in by_id[group["meetingId"]]["viewerRoomUrl"]
    got = (await client.get(f"/v1/meetings/{group['meetingId']}",
                            params={"fields": "viewerRoomUrl"})).json()
    assert "roomKey=" in got["viewerRoomUrl"]


async def test_host_url_only_when_asked(client: httpx.AsyncClient) -> None:
    body = (await create(client)).json()
    assert "hostRoomUrl" not in body and "viewerRoomUrl" not in body


async def test_human_short_pattern(client: httpx.AsyncClient) -> None:
    body = (await create(client, roomNamePattern="human-short")).json()
    assert len(body["roomName"]) == 11


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),  # endDate missing
        ({"endDate": "tomorrow"}, 400),
        ({"endDate": "2020-01-01T00:00:00Z"}, 422),  # in the past
        ({"endDate": "2030-01-01T00:00:00"}, 422),  # UTC (no offset): too far ahead
        ({"endDate": future(), "roomMode": "huge"}, 400),
        ({"endDate": future(), "roomNamePrefix": "Bad Prefix!"}, 400),
        ({"endDate": future(), "roomNamePrefix": "clinic-"}, 400),  # would make "clinic--..."
        ({"endDate": future(), "roomNamePrefix": "-clinic"}, 400),
        ({"endDate": future(), "templateType": "viewerMode", "isLocked": False}, 400),
        ({"endDate": future(), "fields": ["password"]}, 400),
        ({"endDate": future(), "surprise": 1}, 400),
        ({"endDate": future(), "fields": ["viewerRoomUrl"]}, 422),  # normal rooms have none
        ({"endDate": future(24 * 400)}, 422),
    ],
)
async def test_invalid_bodies_get_json_errors(
    client: httpx.AsyncClient, body: dict, status: int
) -> None:
    resp = await client.post("/v1/meetings", json=body)
    assert resp.status_code == status
    assert isinstance(resp.json()["error"], str)


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    resp = await client.post(
        "/v1/meetings", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body is not valid JSON"}


async def test_oversized_body_is_413(client: httpx.AsyncClient) -> None:
    resp = await client.post(
        "/v1/meetings", content=b"x" * 70_000, headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 413
    assert "error" in resp.json()


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong-key", "Basic abc", "bearer "])
async def test_auth_required(client: httpx.AsyncClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    async with httpx.AsyncClient(transport=client._transport, base_url="https://t") as anon:
        resp = await anon.post("/v1/meetings", json={"endDate": future()}, headers=headers)
    assert resp.status_code == 401
    assert "error" in resp.json()


async def test_get_and_delete_are_scoped_to_the_organization(
    client: httpx.AsyncClient, ctx: SignalingContext
) -> None:
    meeting = (await create(client)).json()
    other_key = await ctx.store.create_api_key(await ctx.store.ensure_organization("other"))
    other = {"Authorization": f"Bearer {other_key}"}
    path = f"/v1/meetings/{meeting['meetingId']}"
    assert (await client.get(path, headers=other)).status_code == 404
    got = await client.get(f"/v1/meetings/{meeting['meetingId']}")
    assert got.status_code == 200 and got.json()["roomName"] == meeting["roomName"]
    assert (await client.delete(f"/v1/meetings/{meeting['meetingId']}")).status_code == 204
    assert (await client.delete(f"/v1/meetings/{meeting['meetingId']}")).status_code == 204
    assert (await client.get(f"/v1/meetings/{meeting['meetingId']}")).status_code == 404


async def test_pagination_visits_every_meeting_once(client: httpx.AsyncClient) -> None:
    created = [(await create(client)).json()["meetingId"] for _ in range(7)]
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/meetings", params=params)).json()
        seen += [m["meetingId"] for m in page["results"]]
        # A string while there is a next page, absent on the last one (never null).
        cursor = page.get("cursor")
        if cursor is None:
            break
        assert isinstance(cursor, str) and cursor
    assert seen == created


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"cursor": "garbage!"}])
async def test_bad_pagination_is_400(client: httpx.AsyncClient, params: dict) -> None:
    resp = await client.get("/v1/meetings", params=params)
    assert resp.status_code == 400 and "error" in resp.json()


async def test_unknown_route_is_json_404(client: httpx.AsyncClient) -> None:
    resp = await client.get("/v1/nothing-here")
    assert resp.status_code == 404 and "error" in resp.json()


async def test_room_key_round_trip_and_tampering(
    client: httpx.AsyncClient, ctx: SignalingContext
) -> None:
    body = (await create(client, fields=["hostRoomUrl"])).json()
    room = body["roomName"].lstrip("/")
    token = parse_qs(urlsplit(body["hostRoomUrl"]).query)["roomKey"][0]
    claims = ctx.signer.verify(token, room)
    assert claims.role == "host"
    end = dt.datetime.fromisoformat(body["endDate"].replace("Z", "+00:00"))
    assert claims.expires_at == int(end.timestamp()) + 3600
    with pytest.raises(RoomKeyError):
        ctx.signer.verify(token, "another-room")
    header, payload, signature = token.split(".")
    tampered = jwt.utils.base64url_encode(
        jwt.utils.base64url_decode(payload).replace(b'"host"', b'"viewer"')
    ).decode()
    with pytest.raises(RoomKeyError):
        ctx.signer.verify(f"{header}.{tampered}.{signature}", room)
    with pytest.raises(RoomKeyError):
        ctx.signer.verify(token, room, now=claims.expires_at + 1)
    unsigned = jwt.encode({"iss": "fjord", "roomName": room, "role": "host", "exp": 9999999999},
                          key=None, algorithm="none")
    with pytest.raises(RoomKeyError):
        ctx.signer.verify(unsigned, room)
    with pytest.raises(RoomKeyError):
        ctx.signer.verify("not-a-jwt", room)


async def test_pages_carry_security_headers(client: httpx.AsyncClient) -> None:
    body = (await create(client)).json()
    page = await client.get(body["roomName"])
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["strict-transport-security"].startswith("max-age=")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert (await client.get("/no-such-room")).status_code == 404


async def test_jwks_publishes_the_signing_key(client: httpx.AsyncClient) -> None:
    keys = (await client.get("/.well-known/jwks.json")).json()["keys"]
    assert keys and keys[0]["kty"] == "OKP" and keys[0]["crv"] == "Ed25519"


async def test_rest_rate_limit_answers_429(still_clock_client: httpx.AsyncClient) -> None:
    client = still_clock_client
    statuses = [(await client.get("/v1/meetings")).status_code for _ in range(60)]
    assert 429 in statuses
    limited = await client.get("/v1/meetings")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1


async def test_rate_limit_headers_on_every_response(
    still_clock_client: httpx.AsyncClient,
) -> None:
    client = still_clock_client
    first = await client.get("/v1/meetings")
    assert first.headers["x-ratelimit-limit"] == "20"
    remaining = int(first.headers["x-ratelimit-remaining"])
    assert 0 <= remaining <= 39 and int(first.headers["x-ratelimit-reset"]) >= 1
    second = await client.get("/v1/meetings")
    assert int(second.headers["x-ratelimit-remaining"]) <= remaining
    for _ in range(60):
        limited = await client.get("/v1/meetings")
    assert limited.status_code == 429
    assert limited.headers["x-ratelimit-remaining"] == "0"
    assert int(limited.headers["retry-after"]) >= 1


@pytest.mark.parametrize(
    "body",
    [
        {"isLocked": "yes"},
        {"isLocked": 1},
        {"endDate": 4102444800},  # a Unix time is not ISO 8601
        {"startDate": 0},
    ],
)
async def test_no_lax_coercion_of_types(client: httpx.AsyncClient, body: dict) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": future(), **body})
    assert resp.status_code == 400, resp.json()


async def test_chunked_oversized_body_is_413_before_auth(client: httpx.AsyncClient) -> None:
    async def chunks():  # no Content-Length: the body is streamed
        for _ in range(20):
            yield b"x" * 8192

    async with httpx.AsyncClient(transport=client._transport, base_url="https://t") as anon:
        resp = await anon.post("/v1/meetings", content=chunks())
    assert resp.status_code == 413 and resp.json() == {"error": "request body too large"}


async def test_health_and_readiness_answer_get_and_head(client: httpx.AsyncClient) -> None:
    # Load balancers probe with HEAD as often as with GET.
    for path in ("/healthz", "/readyz"):
        assert (await client.get(path)).status_code == 200
        head = await client.head(path)
        assert head.status_code == 200 and head.content == b""


async def test_a_database_outage_answers_503_in_one_line(
        ctx: SignalingContext, api_key: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """PostgreSQL stopped under a running server: every request answered a plain-text 500
    and logged a traceback with its SQL (a readiness probe every few seconds); /readyz now
    says why it is not ready, the API answers 503 JSON, and one line is logged."""
    from sqlalchemy.ext.asyncio import create_async_engine

    from signaling import app as app_module
    from signaling.store import Store
    from tests.conftest import free_port
    from tests.signaling.conftest import _client

    monkeypatch.setattr(app_module, "_last_outage_log", [0.0])
    ctx.store = Store(create_async_engine(
        f"postgresql+asyncpg://fjord@127.0.0.1:{free_port()}/fjord"))  # nothing listens
    try:
        async for http in _client(ctx, api_key):
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert ready.json() == {"status": "not ready", "reason": "database unreachable"}
            listed = await http.get("/v1/meetings")
            assert listed.status_code == 503
            assert listed.json() == {"error": "database unavailable"}
            assert listed.headers["Retry-After"] == "5"
    finally:
        await ctx.store.close()
    warnings = [r for r in caplog.records if "database unreachable" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "Traceback" not in caplog.text and "SELECT" not in caplog.text


def test_rate_limit_buckets_are_client_addresses_or_one_shared_bucket() -> None:
    from signaling.app import rate_limit_key

    assert rate_limit_key("203.0.113.7") == "203.0.113.7"
    assert rate_limit_key("2001:DB8::1") == "2001:db8::1"
    # values a forwarding proxy passed on that are no address share one bucket
    assert rate_limit_key("zz1") == rate_limit_key("zz2") == rate_limit_key(None) == "invalid"


@pytest.mark.parametrize("part", ["tokens", "logo", "room-background",
                                  "room-knock-page-background"])
async def test_theme_body_not_utf8_is_400(client: httpx.AsyncClient, part: str) -> None:
    room = (await create(client)).json()["roomName"]
    resp = await client.put(f"/v1/rooms{room}/theme/{part}", content=b'{"a": "\xff\xfe"}',
                            headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body is not valid JSON"}


async def test_polling_session_needs_an_existing_meeting(client: httpx.AsyncClient) -> None:
    resp = await client.post("/v1/rooms/no-such-room/poll")
    assert resp.status_code == 404
    assert resp.json() == {"error": "no meeting with this room name"}
    room = (await create(client)).json()["roomName"].strip("/")
    assert (await client.post(f"/v1/rooms/{room}/poll")).status_code == 201


async def test_polling_send_refuses_unknown_fields(client: httpx.AsyncClient) -> None:
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send",
                             json={"messages": [{"type": "leave"}], "extra": True})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field extra: extra inputs are not permitted"}


async def test_polling_send_takes_a_message_as_large_as_a_websocket_frame(
    client: httpx.AsyncClient,
) -> None:
    """A large group room's subscribe-answer goes through long-polling too: the send body
    may hold one message of up to ws_max_message_bytes (docs/signaling.md), 413 beyond."""
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    big = {"type": "join", "displayName": "x" * 300_000}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", json={"messages": [big]})
    assert resp.status_code == 202
    received = (await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0}))
    assert [m["code"] for m in received.json()["messages"] if m["type"] == "error"] == [
        "bad_message"]  # read and judged (the name is too long), not refused unread
    too_big = {"messages": [{"type": "join", "displayName": "x" * (2_097_152 + 65_536)}]}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", json=too_big)
    assert resp.status_code == 413 and resp.json() == {"error": "request body too large"}


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
async def test_a_json_body_without_its_content_type_is_told_so(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    body = b'{"endDate": "2099-01-01T00:00:00Z"}'
    headers = {"Content-Type": content_type} if content_type else {}
    resp = await client.post("/v1/meetings", content=body, headers=headers)
    assert resp.status_code == 415
    assert "Content-Type: application/json" in resp.json()["error"]


async def test_a_validator_message_reads_without_the_libraries_prefix(
        client: httpx.AsyncClient) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": 1893456000})  # a Unix time
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field endDate: must be an ISO 8601 date-time "
                                    "string (UTC unless it has an offset)"}


@pytest.mark.parametrize("body", [b'{"endDate": "\xff"}', b'{"n": ' + b"9" * 5000 + b"}"])
async def test_a_body_json_cannot_decode_is_named(client: httpx.AsyncClient, body: bytes) -> None:
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body is not valid JSON (UTF-8, numbers of at "
                                    "most 4300 digits)"}
