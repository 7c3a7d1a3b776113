"""The REST API's input as Whereby's OpenAPI document and RFC 8259 define it: bodies in UTF-8
only, the ``fields`` query parameter, and the meetings' date-times."""

from __future__ import annotations

import datetime as dt
import json
import re

import httpx
import pytest

from signaling.messages import ProtocolError, parse_client_message
from signaling.recording_settings import BucketDestination
from signaling.recordings import RecordingRecord
from tests.signaling.test_api import create, future

RFC_8259 = "JSON between systems must be UTF-8 (RFC 8259 section 8.1)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "utf-32-le"])
async def test_a_body_in_utf16_or_utf32_is_refused_saying_so(client: httpx.AsyncClient,
                                                             encoding: str) -> None:
    """Tester finding: a body in UTF-16 (with or without its byte order mark) or UTF-32
    created the meeting, while the API's own error text said bodies must be UTF-8: Python's
    json guesses the encoding of bytes. RFC 8259 section 8.1: JSON exchanged between
    systems must be UTF-8."""
    body = json.dumps({"endDate": future(), "roomNamePrefix": "x"}).encode(encoding)
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": f"request body is {encoding[:6].upper()}, not UTF-8: "
                                    f"{RFC_8259}"}
    assert (await client.get("/v1/meetings")).json()["results"] == []


async def test_a_body_of_bytes_that_are_no_utf8_names_the_first(
        client: httpx.AsyncClient) -> None:
    """Latin-1 text, say: the body is no UTF-16 or UTF-32 either, so the error says which
    byte is not UTF-8 rather than naming those."""
    body = json.dumps({"endDate": future(), "roomNamePrefix": "café"},
                      ensure_ascii=False).encode("latin-1")
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert (resp.status_code, resp.json()) == (400, {
        "error": f"request body is not UTF-8 (byte 0xE9 at offset {body.index(0xE9)}): "
                 f"{RFC_8259}"})


@pytest.mark.parametrize("body", [b'{"roomNamePrefix": "a\x00b"}', b'{"roomNamePrefix": "ab"}\x00',
                                  b'\x00\x00{"roomNamePrefix": "ab"}'])
async def test_a_utf8_body_with_a_nul_byte_is_told_so(client: httpx.AsyncClient,
                                                      body: bytes) -> None:
    """Tester finding: a body in UTF-8 with a NUL byte (valid UTF-8, no valid JSON) was
    refused as "not UTF-8 ... UTF-16 and UTF-32 are not read", which it was not."""
    resp = await client.post("/v1/meetings", content=body,
                             headers={"Content-Type": "application/json"})
    assert (resp.status_code, resp.json()) == (400, {
        "error": f"request body holds a NUL byte at offset {body.index(0)}: JSON text carries "
                 "one only escaped, as \\u0000 in a string"})


async def test_utf8_with_or_without_a_byte_order_mark_is_read(client: httpx.AsyncClient) -> None:
    """RFC 8259 section 8.1: a parser may ignore a byte order mark, as this one did."""
    for prefix in (b"", b"\xef\xbb\xbf"):
        body = prefix + json.dumps({"endDate": future(), "roomNamePrefix": "øya"},
                                   ensure_ascii=False).encode()
        resp = await client.post("/v1/meetings", content=body,
                                 headers={"Content-Type": "application/json"})
        assert resp.status_code == 400  # ø is no room-name letter: the body was read
        assert resp.json()["error"].startswith("invalid field roomNamePrefix")


async def test_bodies_read_by_hand_refuse_utf16_and_nul_too(client: httpx.AsyncClient) -> None:
    """The admin API and long-polling read their bodies themselves (errors.json_body)."""
    utf16 = {"error": f"request body is UTF-16, not UTF-8: {RFC_8259}"}
    resp = await client.post("/v1/admin/api-keys", content="{}".encode("utf-16"),
                             headers={"Content-Type": "application/json"})
    assert (resp.status_code, resp.json()) == (400, utf16)
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    messages = json.dumps({"messages": [{"type": "ping"}]})
    for body, error in [(messages.encode("utf-16-le"), utf16),
                        (messages.encode() + b"\x00", {
                            "error": f"request body holds a NUL byte at offset {len(messages)}: "
                                     "JSON text carries one only escaped, as \\u0000 in a "
                                     "string"})]:
        resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", content=body,
                                 headers={"Content-Type": "application/json"})
        assert (resp.status_code, resp.json()) == (400, error)


def test_a_binary_signaling_frame_not_in_utf8_or_with_a_nul_is_bad_json() -> None:
    with pytest.raises(ProtocolError) as refused:
        parse_client_message('{"type": "ping"}'.encode("utf-16"))
    assert (refused.value.code, refused.value.message) == (
        "bad_json", f"message is UTF-16, not UTF-8: {RFC_8259}")
    with pytest.raises(ProtocolError) as refused:
        parse_client_message(b'{"type": "ping"}\x00')
    assert (refused.value.code, refused.value.message) == (
        "bad_json", "message holds a NUL byte at offset 16: JSON text carries one only "
                    "escaped, as \\u0000 in a string")
    assert parse_client_message(b'{"type": "ping"}').type == "ping"


@pytest.mark.parametrize("query", ["fields=", "fields=hostRoomUrl,", "fields=,hostRoomUrl",
                                   "fields=hostRoomUrl,,viewerRoomUrl", "fields=,",
                                   "fields[]=", "fields=hostRoomUrl&fields="])
async def test_an_empty_fields_value_is_refused_as_an_unknown_name_is(
        client: httpx.AsyncClient, query: str) -> None:
    """Tester finding: ``?fields=`` was taken as no field. Whereby's ``fields`` is an array
    of ``hostRoomUrl`` and ``viewerRoomUrl`` (form style, not exploded), without
    ``allowEmptyValue`` (OpenAPI's default: false): an empty value, or an empty name in the
    list, is no value the document allows, as an unknown name is not (a client that built
    the list from an empty variable asked for URLs it does not get)."""
    meeting = (await create(client, roomMode="group")).json()
    for path in ("/v1/meetings", f"/v1/meetings/{meeting['meetingId']}"):
        resp = await client.get(f"{path}?{query}")
        assert resp.status_code == 400, (path, resp.text)
        assert resp.json() == {"error": "fields: empty field name in "
                               f"{query.split('&')[-1].split('=', 1)[1]!r}; known: "
                               "hostRoomUrl, viewerRoomUrl (leave the parameter out for "
                               "none)"}
        assert "x-ratelimit-limit" in resp.headers
    unknown = await client.get("/v1/meetings?fields=hostRoomUrl,bogus")
    assert unknown.json() == {"error": "fields: unknown field 'bogus'; known: hostRoomUrl, "
                                       "viewerRoomUrl"}
    both = await client.get(f"/v1/meetings/{meeting['meetingId']}"
                            "?fields=hostRoomUrl,viewerRoomUrl")
    assert {"hostRoomUrl", "viewerRoomUrl"} <= set(both.json())
    created = await create(client, fields=[])  # a JSON list may be empty: no field
    assert created.status_code == 201 and "hostRoomUrl" not in created.json()


WHEREBY_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
"""How Whereby's Meeting example writes startDate and endDate: ``2025-05-12T16:42:49Z``."""


async def test_meeting_dates_are_shown_to_the_second_in_utc(client: httpx.AsyncClient) -> None:
    """Tester finding: a meeting's startDate (the default, now) came back with microseconds
    (``2026-12-07T03:48:26.787398Z``), and a date sent with a fraction kept it; Whereby's
    document shows ``2025-05-12T16:42:49Z``. Input keeps taking any ISO 8601 date-time
    (fractions and offsets included)."""
    end = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=3)
    bodies = [
        {"endDate": end.isoformat()},  # startDate: now
        {"endDate": (end + dt.timedelta(microseconds=987654)).isoformat(),
         "startDate": (end - dt.timedelta(hours=1, microseconds=-123456)).astimezone(
             dt.timezone(dt.timedelta(hours=-5))).isoformat()},
        {"endDate": end.strftime("%Y-%m-%dT%H:%M:%S.5+00:00")},
    ]
    ids = []
    for body in bodies:
        resp = await client.post("/v1/meetings", json=body)
        assert resp.status_code == 201, resp.text
        meeting = resp.json()
        assert WHEREBY_DATE_TIME.fullmatch(meeting["startDate"]), meeting
        assert meeting["endDate"] == end.strftime("%Y-%m-%dT%H:%M:%SZ"), meeting
        ids.append(meeting["meetingId"])
    assert resp.status_code == 201
    second = (await client.get(f"/v1/meetings/{ids[1]}")).json()
    assert second["startDate"] == (end - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for listed in (await client.get("/v1/meetings")).json()["results"]:
        assert WHEREBY_DATE_TIME.fullmatch(listed["startDate"]), listed
        assert listed["endDate"] == end.strftime("%Y-%m-%dT%H:%M:%SZ"), listed


def test_recording_dates_are_shown_to_the_millisecond_as_whereby_writes_them() -> None:
    """Whereby's Recording example writes ``2025-01-01T00:00:00.000Z``; a recording's dates
    came with microseconds, or with no fraction at all on a whole second."""
    start = dt.datetime(2026, 12, 7, 3, 48, 26, 787398, tzinfo=dt.UTC)
    record = RecordingRecord("rec_1", "org_1", "room", "sess", "room.mkv", "finished", 1,
                             start, start.replace(second=59, microsecond=0),
                             BucketDestination("s3", "b", "", "us-east-1", None, "AK", "S"))
    shown = record.as_json()
    assert (shown["startDate"], shown["endDate"]) == ("2026-12-07T03:48:26.787Z",
                                                      "2026-12-07T03:48:59.000Z")


@pytest.mark.parametrize("prefix", ["Clinic", "a" * 40, "clinic-", "-clinic", "a_b", "øya"])
async def test_a_room_name_prefix_refusal_says_what_a_prefix_may_hold(
        client: httpx.AsyncClient, prefix: str) -> None:
    """The refusal quoted a regular expression (``String should match pattern
    '^([a-z0-9]([a-z0-9-]{0,37}[a-z0-9])?)?$'``) rather than saying what is wrong."""
    resp = await client.post("/v1/meetings", json={"endDate": future(), "roomNamePrefix": prefix})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field roomNamePrefix: at most 39 lowercase "
                                    "letters a-z, digits and '-' (not first or last; spaces "
                                    "are removed)"}


DATE_TIME = ("must be an RFC 3339 date-time with its time, e.g. 2025-05-07T17:42:49Z or "
             "2025-05-07T17:42:49-05:00 (UTC unless it has an offset, written Z or +hh:mm)")


@pytest.mark.parametrize("value", [
    "2030-01-01T10:00:00+00", "2030-01-01T10:00:00-05", "2030-01-01T10:00:00+0",
    "2030-01-01T10:00:00+01:00:30", "2030-01-01T10:00:00 +01:00", "2030-02-30T10:00:00Z",
    "2030-01-01T25:00:00Z", "2030-01-01T10:00:00Zulu"])
@pytest.mark.parametrize("field", ["endDate", "startDate"])
async def test_a_date_time_not_as_rfc_3339_writes_it_is_refused_naming_the_format(
        client: httpx.AsyncClient, field: str, value: str) -> None:
    """Tester finding: an hour-only offset (``+00``, which ISO 8601 allows and RFC 3339 does
    not) was refused in pydantic's words, "input should be a valid datetime or date,
    unexpected extra characters at the end of the input". Whereby's OpenAPI document gives
    endDate as ``format: date-time``, RFC 3339's."""
    body = {"endDate": future(), field: value}
    resp = await client.post("/v1/meetings", json=body)
    assert (resp.status_code, resp.json()) == (400, {
        "error": f"invalid field {field}: {DATE_TIME}"})
