"""The meetings REST API: validation, auth, errors, pagination, room keys."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from keys.room_keys import RoomKeyError
from signaling.app import create_app
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
        # None of these is nullable in Whereby's schema (isLocked: null was a 400, these
        # were read as left out).
        ({"endDate": future(), "roomMode": None}, 400),
        ({"endDate": future(), "roomNamePrefix": None}, 400),
        ({"endDate": future(), "roomNamePattern": None}, 400),
        ({"endDate": future(), "startDate": None}, 400),
        ({"endDate": future(), "templateType": None}, 400),
        ({"endDate": future(), "isLocked": None}, 400),
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


@pytest.mark.parametrize("body", [b"{not json", b'{"endDate": "\xff"}'])
async def test_a_bad_api_key_is_401_before_the_body_is_read(client: httpx.AsyncClient,
                                                           body: bytes) -> None:
    """A body JSON cannot decode was answered 400 before the API key was checked: a
    caller without a valid key learnt how its body was read. The key comes first."""
    anonymous = httpx.AsyncClient(transport=client._transport, base_url=str(client.base_url))
    json_type = {"Content-Type": "application/json"}
    for headers, status in ((json_type, 401),
                            ({**json_type, "Authorization": "Bearer fjk_not_a_key"}, 401),
                            ({**json_type, "Authorization": client.headers["Authorization"]},
                             400)):
        resp = await anonymous.post("/v1/meetings", content=body, headers=headers)
        assert resp.status_code == status, (headers, resp.text)
        assert "error" in resp.json()


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


async def test_two_api_keys_in_one_request_are_refused(
    client: httpx.AsyncClient, ctx: SignalingContext
) -> None:
    """Authorization is no list header (RFC 9110 section 11.6.2). Two of them, one per
    organization (a proxy that adds its own key, a client library that appends one), were
    answered with the first one's organization and the other silently dropped: the meeting
    went to whichever header came first. Now a 400 says so, and nothing is created."""
    other_key = await ctx.store.create_api_key(await ctx.store.ensure_organization("other"))
    headers = [("Authorization", client.headers["Authorization"]),
               ("Authorization", f"Bearer {other_key}"), ("Content-Type", "application/json")]
    async with httpx.AsyncClient(transport=client._transport, base_url="https://t") as anon:
        resp = await anon.post("/v1/meetings", content=f'{{"endDate": "{future()}"}}',
                               headers=headers)
        assert resp.status_code == 400, resp.text
        assert resp.json() == {"error": "Authorization: given more than once; send one API key"}
        listed = await anon.get("/v1/meetings", headers=headers[:1])
    assert listed.json()["results"] == []


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
        # A string while there is a next page, null on the last one: Whereby's text, and
        # what a client reading body["cursor"] or looping while cursor !== null needs.
        cursor = page["cursor"]
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
        # nor is one written as a string, which pydantic read as seconds or milliseconds
        {"endDate": str(int(dt.datetime.now(dt.UTC).timestamp()) + 3600)},
        {"endDate": str(int(dt.datetime.now(dt.UTC).timestamp()) * 1000 + 3_600_000)},
        {"startDate": "0"},
    ],
)
async def test_no_lax_coercion_of_types(client: httpx.AsyncClient, body: dict) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": future(), **body})
    assert resp.status_code == 400, resp.json()


@pytest.mark.parametrize("body", [
    {"endDate": "0001-01-01T00:00:00+01:00"},
    {"endDate": "9999-12-31T23:59:59-01:00"},
    {"startDate": "9999-12-31T23:59:59-01:00"},
    {"startDate": "0001-01-01T00:30:00+01:00"},
])
async def test_a_date_whose_offset_leaves_the_calendar_is_400(
        client: httpx.AsyncClient, body: dict) -> None:
    """A valid ISO 8601 date-time at the edge of the years Python represents, whose offset
    takes it out of them in UTC, is a 400 naming the field (it was an OverflowError, a 500
    with a text body)."""
    resp = await client.post("/v1/meetings", json={"endDate": future(), **body})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(f"invalid field {next(iter(body))}: out of range")


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


@pytest.mark.parametrize("part", ["tokens", "logo", "room-background",
                                  "room-knock-page-background"])
async def test_theme_body_not_utf8_is_400(client: httpx.AsyncClient, part: str) -> None:
    room = (await create(client)).json()["roomName"]
    resp = await client.put(f"/v1/rooms{room}/theme/{part}", content=b'{"a": "\xff\xfe"}',
                            headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body is not UTF-8 (byte 0xFF at offset 7): JSON "
                                    "between systems must be UTF-8 (RFC 8259 section 8.1)"}


@pytest.mark.parametrize("part", ["logo", "room-background", "room-knock-page-background"])
async def test_theme_form_fields_other_than_image_are_refused(client: httpx.AsyncClient,
                                                              part: str) -> None:
    """Whereby's form has one field, ``image``; another one was dropped without a word
    (a JSON body's unknown field is a 400)."""
    room = (await create(client)).json()["roomName"]
    resp = await client.put(f"/v1/rooms{room}/theme/{part}", data={"title": "Acme"},
                            files={"image": ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith("invalid field title:")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
async def test_a_json_body_without_its_content_type_is_told_so(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    body = b'{"endDate": "2099-01-01T00:00:00Z"}'
    headers = {"Content-Type": content_type} if content_type else {}
    resp = await client.post("/v1/meetings", content=body, headers=headers)
    assert resp.status_code == 415
    assert "Content-Type: application/json" in resp.json()["error"]


@pytest.mark.parametrize("end", ["2099-01-01T10:00:00+23:59", "2099-01-01T10:00:00-14:01"])
async def test_an_offset_no_time_zone_has_is_refused(client: httpx.AsyncClient,
                                                     end: str) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": end})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field endDate: UTC offset beyond +-14:00 (no "
                                    "time zone is further)"}
    kiribati = dt.timezone(dt.timedelta(hours=14))
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).astimezone(kiribati).isoformat()
    assert end.endswith("+14:00")
    assert (await client.post("/v1/meetings", json={"endDate": end})).status_code == 201


@pytest.mark.parametrize("end", [1893456000, "2099-01-01", "2099-01-01T"])  # a Unix time,
async def test_an_end_date_without_its_time_is_refused(  # a date alone: which midnight?
        client: httpx.AsyncClient, end: object) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": end})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field endDate: must be an RFC 3339 date-time "
                                    "with its time, e.g. 2025-05-07T17:42:49Z or "
                                    "2025-05-07T17:42:49-05:00 (UTC unless it has an offset, "
                                    "written Z or +hh:mm)"}


@pytest.mark.parametrize(("body", "error"), [
    (b'{"endDate": "\xff"}', "request body is not UTF-8 (byte 0xFF at offset 13): JSON "
                             "between systems must be UTF-8 (RFC 8259 section 8.1)"),
    (b'{"n": ' + b"9" * 5000 + b"}",
     "request body is not valid JSON (numbers of at most 4300 digits)")])
async def test_a_body_json_cannot_decode_is_named(client: httpx.AsyncClient, body: bytes,
                                                  error: str) -> None:
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": error}


@pytest.mark.parametrize("path", ["/v1/transcriptions", "/v1/summaries"])
@pytest.mark.parametrize(("params", "named"), [
    ({"sortBy": "size:asc"}, "sortBy"), ({"sortBy": "startDate:up"}, "sortBy"),
    ({"cursor": "null"}, "cursor"), ({"cursor": "8f4031bfc7640c5f267b11b6fe0c2507"}, "cursor"),
])
async def test_empty_content_lists_still_refuse_bad_parameters(
        client: httpx.AsyncClient, path: str, params: dict, named: str) -> None:
    """Transcriptions and summaries are empty lists, but a bad ``sortBy`` or a cursor this
    server never issued is a 400 as on the recordings and meetings lists (they were
    accepted silently), and Whereby's own sort values are taken."""
    resp = await client.get(path, params=params)
    assert resp.status_code == 400, resp.text
    assert named in resp.json()["error"]
    for sort in ("durationInSeconds:desc", "roomName", "startDate:asc"):
        ok = await client.get(path, params={"sortBy": sort})
        assert ok.status_code == 200 and ok.json() == {"results": [], "cursor": None}


async def test_fields_repeated_in_the_query_are_all_taken(client: httpx.AsyncClient) -> None:
    """``fields=hostRoomUrl&fields=viewerRoomUrl`` is how requests, httpx and most clients
    send a list; only the last one was used, so ``hostRoomUrl`` went missing without a
    word. Every one counts, as does Whereby's ``hostRoomUrl,viewerRoomUrl``."""
    group = (await create(client, roomMode="group")).json()
    wanted = {"fields": ["hostRoomUrl", "viewerRoomUrl"]}
    for path in (f"/v1/meetings/{group['meetingId']}", "/v1/meetings"):
        resp = await client.get(path, params=wanted)
        assert resp.status_code == 200, resp.text
        got = resp.json() if "results" not in resp.json() else resp.json()["results"][0]
        assert "roomKey=" in got["hostRoomUrl"] and "roomKey=" in got["viewerRoomUrl"]
    # axios and Node's qs write a list as fields[]=... (or fields[0]=...), which Whereby's
    # Express server reads as fields: they were ignored, and hostRoomUrl was missing.
    for key in ("fields[]", "fields[0]"):
        resp = await client.get(f"/v1/meetings/{group['meetingId']}",
                                params={key: "hostRoomUrl"})
        assert resp.status_code == 200 and "roomKey=" in resp.json()["hostRoomUrl"], resp.text
        resp = await client.get("/v1/meetings", params={key: ["hostRoomUrl", "viewerRoomUrl"]})
        assert "viewerRoomUrl" in resp.json()["results"][0], resp.text
    refused = await client.get("/v1/meetings", params={"fields": ["hostRoomUrl", "password"]})
    assert refused.status_code == 400 and "password" in refused.json()["error"]
    too_many = await client.get("/v1/meetings", params={"fields": ["hostRoomUrl"] * 3})
    assert too_many.status_code == 400 and "fields" in too_many.json()["error"]


@pytest.mark.parametrize(("field", "value", "named"), [
    # Whereby: streaming "none" means "the meeting host is able to manually start and stop
    # the stream"; with a destination that is a stream Fjord would never send.
    ("streaming", {"destination": {"url": "rtmp://a.rtmp.youtube.com/live2/key"},
                   "startTrigger": "none"}, "streaming:"),
    # "If true, live captions will be enabled for the meeting."
    ("liveTranscription", {"destination": None, "startTrigger": "none", "liveCaptions": True},
     "liveTranscription.liveCaptions:"),
])
async def test_streaming_and_captions_asked_for_are_refused_by_name(
        client: httpx.AsyncClient, field: str, value: dict, named: str) -> None:
    """Both were accepted (201) and nothing happened: the host had no stream to start and
    nobody saw captions."""
    resp = await create(client, **{field: value})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(named)


@pytest.mark.parametrize(("field", "value", "error"), [
    ("liveTranscription", {"startTrigger": "none", "liveCaptions": True},
     "liveTranscription.liveCaptions: not supported (Fjord does not caption meetings); send "
     "false or leave it out"),
    ("liveTranscription", {"startTrigger": "manual"},
     'liveTranscription: not supported (Fjord does not transcribe meetings); only '
     'startTrigger "none" or null is accepted'),
    ("streaming", {"startTrigger": "prompt"},
     'streaming: not supported (Fjord does not stream meetings over RTMP); only startTrigger '
     '"none" or null is accepted'),
])
async def test_what_fjord_refuses_is_named_before_a_missing_destination(
        client: httpx.AsyncClient, field: str, value: dict, error: str) -> None:
    """Whereby requires destination; naming it sent the client to add one only to be refused
    for what it asked for (captions, transcription, a stream)."""
    resp = await create(client, **{field: value})
    assert resp.status_code == 400
    assert resp.json() == {"error": error}


async def test_a_missing_destination_is_named_when_nothing_else_is_wrong(
        client: httpx.AsyncClient) -> None:
    resp = await create(client, liveTranscription={"startTrigger": "none", "liveCaptions": False})
    assert resp.status_code == 400
    assert resp.json()["error"].startswith("invalid field liveTranscription.destination:")


async def test_streaming_and_transcription_left_off_are_accepted(
        client: httpx.AsyncClient) -> None:
    for streaming, transcription in (
            ({"destination": None, "startTrigger": "none"},
             {"destination": None, "startTrigger": "none", "liveCaptions": False}),
            ({"destination": {"url": "rtmp://example.test/live"}, "startTrigger": None},
             {"destination": {"provider": "whereby"}, "startTrigger": None})):
        resp = await create(client, streaming=streaming, liveTranscription=transcription)
        assert resp.status_code == 201, resp.text


@pytest.mark.parametrize("path", ["/v1/meetings", "/v1/recordings", "/v1/insights/rooms",
                                  "/v1/insights/room-sessions", "/v1/transcriptions",
                                  "/v1/summaries"])
async def test_an_empty_cursor_is_400_naming_it(client: httpx.AsyncClient, path: str) -> None:
    """Tester finding: ``cursor=`` (a null cursor sent back as an empty string) answered
    the first page again, so a client paging until the cursor is empty looped forever."""
    await create(client)
    resp = await client.get(f"{path}?cursor=")
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"] == ("invalid field cursor: empty: send back the cursor of the "
                                    "previous page; leave the parameter out for the first page")


@pytest.mark.parametrize("value", [10 ** 30, -1, True, 1.5])
async def test_a_forged_recordings_cursor_is_400(client: httpx.AsyncClient,
                                                 value: object) -> None:
    """A cursor is base64 JSON a client can write: a size no database integer holds made
    the driver raise OverflowError (a 500); any value that is no size is a 400."""
    raw = json.dumps(["sizeInMegaBytes", False, value, "rec_x"]).encode()
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    resp = await client.get("/v1/recordings",
                            params={"sortBy": "sizeInMegaBytes", "cursor": cursor})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith("invalid cursor")


async def test_a_server_fault_still_answers_a_json_error(
        ctx: SignalingContext, api_key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/api.md: errors are JSON ``{"error": ...}``; an unexpected exception answered
    Starlette's plain-text "Internal Server Error", which a client parsing the body as
    JSON fails on."""
    async def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ctx.store.meetings, "page", broken)
    transport = httpx.ASGITransport(app=create_app(ctx), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver",
                                 headers={"Authorization": f"Bearer {api_key}"}) as http:
        resp = await http.get("/v1/meetings")
    assert resp.status_code == 500
    assert resp.json() == {"error": "internal server error"}
    assert "a bug" not in resp.text
