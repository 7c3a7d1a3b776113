"""The REST API's HTTP layer: a query parameter given twice, a method a path does not have,
a request body with a Content-Encoding or nested too deeply to parse."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from signaling.api import HAND_READ_BODY
from signaling.api_route import ClientJsonRoute
from signaling.app import create_app
from signaling.context import SignalingContext


@pytest.mark.parametrize(("path", "query"), [
    ("/v1/meetings", "limit=2&limit=3"),
    ("/v1/recordings", "roomName=/a&roomName=/b"),
    ("/v1/insights/rooms", "roomName[exact]=/a&roomName[exact]=/b"),
])
async def test_a_parameter_given_twice_is_400(client: httpx.AsyncClient, path: str,
                                              query: str) -> None:
    """Only the last value was used: the recordings of two rooms came back as one room's,
    without a word. ``fields`` is a list and may repeat (above)."""
    resp = await client.get(f"{path}?{query}")
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(query.split("=")[0] + ": given more than once")
    assert "x-ratelimit-limit" in resp.headers


async def test_a_method_not_allowed_names_the_allowed_ones(client: httpx.AsyncClient) -> None:
    """Tester finding: a 405 (``PUT /v1/meetings``) came without its ``Allow`` header, which
    RFC 9110 section 15.5.6 requires: the JSON error handler dropped the headers of the
    exception Starlette raises."""
    resp = await client.put("/v1/meetings", json={})
    assert resp.status_code == 405 and resp.json() == {"error": "method not allowed"}
    assert set(resp.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    one = await client.patch("/v1/meetings/m_x", json={})
    assert one.status_code == 405
    assert set(one.headers["allow"].replace(" ", "").split(",")) == {"DELETE", "GET", "HEAD"}


@pytest.mark.parametrize("compressed", [True, False])
async def test_a_compressed_request_body_is_415(client: httpx.AsyncClient,
                                                compressed: bool) -> None:
    """Tester finding: the server does not decode request bodies, yet took any
    ``Content-Encoding``: gzip-compressed JSON (as some HTTP clients send it) got a 400 "not
    valid JSON (UTF-8, ...)" that does not say why, and a plain body labelled gzip was read
    as if the label were not there. Now a 415 naming Content-Encoding (RFC 9110 section
    15.5.16), before anything is created."""
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    body = json.dumps({"endDate": end}).encode()
    resp = await client.post("/v1/meetings", headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip"},
        content=gzip.compress(body) if compressed else body)
    assert resp.status_code == 415, resp.text
    assert "Content-Encoding" in resp.json()["error"]
    assert (await client.get("/v1/meetings")).json()["results"] == []
    identity = await client.post("/v1/meetings", headers={
        "Content-Type": "application/json", "Content-Encoding": "identity"}, content=body)
    assert identity.status_code == 201


@pytest.mark.parametrize("body", [b"[" * 30_000 + b"]" * 30_000,
                                  b'{"endDate": ' + b'{"a": ' * 8_000 + b"1" + b"}" * 8_001])
async def test_a_body_nested_too_deeply_is_named(client: httpx.AsyncClient, body: bytes) -> None:
    """Valid JSON nested deeper than the parser follows: the error says so, not that the
    body is not JSON (or names UTF-8 and long numbers, which it has none of)."""
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body nests arrays and objects too deeply to parse"}


@pytest.mark.parametrize(("method", "path", "body", "key"), [
    ("POST", "/v1/meetings", '{"endDate": "%s", "roomMode": "group", "roomMode": "normal"}',
     "roomMode"),
    ("POST", "/v1/meetings",
     '{"endDate": "%s", "recording": {"type": "none", "type": "local"}}', "recording.type"),
    ("POST", "/v1/meetings",
     '{"endDate": "%s", "recording": {"type": "cloud", "destination": {"provider": "s3", '
     '"bucket": "a", "bucket": "b"}}}', "recording.destination.bucket"),
    ("POST", "/v1/recordings/bulk-delete", '{"recordingIds": [], "recordingIds": ["r"]}',
     "recordingIds"),
    ("POST", "/v1/admin/api-keys", '{"a": 1, "a": 1}', "a"),
    ("PATCH", "/v1/admin/privacy", '{"chatDisabled": true, "chatDisabled": false}',
     "chatDisabled"),
])
async def test_a_body_that_repeats_a_key_is_400_naming_it(
        client: httpx.AsyncClient, method: str, path: str, body: str, key: str) -> None:
    """Tester finding: json kept the last of a repeated key without a word, so
    ``"roomMode": "group", "roomMode": "normal"`` made a normal room. Every JSON body a
    client sends, read by FastAPI for a model or by hand, is parsed by one parser that
    refuses it, as a query parameter given twice is refused. Named by its path: a ``type``
    could be the recording's, the streaming's or the transcription's."""
    if "%s" in body:
        body %= (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    resp = await client.request(method, path, content=body.encode(),
                                headers={"Content-Type": "application/json"})
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": f"{key}: given more than once in one object; send it once"}
    assert (await client.get("/v1/meetings")).json()["results"] == []


@pytest.mark.parametrize(("method", "path", "named"), [
    ("DELETE", "/v1/recordings/rec_x", " (its options are query parameters: keepObject)"),
    ("GET", "/v1/meetings", " (its options are query parameters: cursor, fields, limit)"),
    ("DELETE", "/v1/meetings/m_x", ""),
    ("DELETE", "/v1/admin/users/u_x", ""),
])
async def test_a_body_sent_to_an_endpoint_that_takes_none_is_400(
        client: httpx.AsyncClient, method: str, path: str, named: str) -> None:
    """Tester finding: a body where the endpoint takes none was dropped without a word, so
    ``DELETE /v1/recordings/{id}`` with ``{"keepObject": true}`` would delete the object
    the body asked to keep. Nothing, or an empty ``{}``, is still taken."""
    resp = await client.request(method, path, json={"keepObject": True})
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": "request body: this endpoint takes none" + named}
    for empty in (b"", b" {} "):
        ok = await client.request(method, path, content=empty,
                                  headers={"Content-Type": "application/json"})
        assert ok.status_code in (200, 204, 404), ok.text


def test_every_body_model_is_read_by_the_one_client_json_parser(
        ctx: SignalingContext) -> None:
    """A router added without ClientJsonRoute would take a repeated key's last value again
    (the duplicate-key refusal above); so would one reading bodies by hand without
    signaling.errors.json_body, which HAND_READ_BODY lists for review."""
    def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
        for route in routes:  # FastAPI keeps an included router whole, as original_router
            inner = getattr(route, "original_router", None)
            if inner is not None:
                yield from api_routes(inner.routes)
            elif isinstance(route, APIRoute):
                yield route

    routes = list(api_routes(create_app(ctx).routes))
    assert any(r.path == "/v1/meetings" and r.body_field is not None for r in routes)
    assert [r.path for r in routes
            if r.body_field is not None and not isinstance(r, ClientJsonRoute)] == []
    assert {f.__name__ for f in HAND_READ_BODY} == {
        "send", "put_tokens", "put_logo", "put_background", "put_knock_background",
        "create_api_key"}


@pytest.mark.parametrize("path", [
    "/v1/meetings", "/v1/meetings/{id}", "/v1/meetings?limit=1", "/v1/insights/rooms",
    "/v1/insights/room-sessions?roomName=/{room}", "/v1/recordings", "/v1/rooms/no-such-room/theme",
    "/v1/transcriptions", "/v1/admin/privacy", "/v1/meetings/m_unknown",
    "/v1/meetings?limit=0",
])
async def test_head_answers_as_get_without_a_body(client: httpx.AsyncClient,
                                                  path: str) -> None:
    """Tester finding: ``HEAD /v1/meetings`` was a 405, where RFC 9110 section 9.3.2 has
    HEAD wherever GET works: the same status and header fields (an error's included), and
    no body."""
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    made = (await client.post("/v1/meetings", json={"endDate": end})).json()
    path = path.format(id=made["meetingId"], room=made["roomName"].lstrip("/"))
    get, head = await client.get(path), await client.head(path)
    assert head.status_code == get.status_code, (path, head.text)
    assert head.content == b""
    for name in ("content-type", "content-length", "allow"):
        assert head.headers.get(name) == get.headers.get(name), name


@pytest.mark.parametrize("path", ["/assets/room.js", "/.well-known/jwks.json", "/metrics", "/",
                                  "/assets/nope.js"])
async def test_head_answers_as_get_on_the_other_pages(client: httpx.AsyncClient,
                                                      path: str) -> None:
    """The page's assets (what a CDN or link checker asks for first), the room-key JWKS,
    the metrics and the index, as the room page and the REST API."""
    get, head = await client.get(path), await client.head(path)
    assert head.status_code == get.status_code and head.content == b"", path
    assert head.headers.get("content-type") == get.headers.get("content-type")


async def test_head_is_authenticated_as_get(client: httpx.AsyncClient) -> None:
    resp = await client.head("/v1/meetings", headers={"Authorization": "Bearer nope"})
    assert resp.status_code == 401 and resp.content == b""
    assert resp.headers["content-type"] == "application/json"


async def test_head_is_not_offered_where_get_is_not(client: httpx.AsyncClient) -> None:
    post_only = await client.head("/v1/admin/api-keys")
    assert post_only.status_code == 405 and post_only.headers["allow"] == "POST"


async def test_a_query_parameter_without_a_name_is_named_as_such(
        client: httpx.AsyncClient) -> None:
    """``?=x`` was refused as ``: unknown query parameter``, naming nothing."""
    resp = await client.get("/v1/meetings?=x")
    assert resp.status_code == 400
    assert resp.json()["error"].startswith('"" (a parameter with no name): unknown query '
                                           "parameter")
