"""Whereby's insights endpoints over seeded sessions: filters of ``GET /v1/insights/rooms``."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from signaling.context import SignalingContext
from signaling.date_times import DATE_TIME_FORMAT
from signaling.insights import ParticipantStay, SessionRecord

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


async def seed(ctx: SignalingContext, org: str, room: str, session_id: str,
               created: dt.datetime = T0) -> None:
    """One finished session of two participants, three minutes long."""
    org_id = await ctx.store.ensure_organization(org)
    start, end = created + dt.timedelta(minutes=5), created + dt.timedelta(minutes=8)
    await ctx.store.insights.record(SessionRecord(
        session_id, org_id, room, created, created + dt.timedelta(hours=2), start, end,
        (ParticipantStay("p1-" + session_id, "host", start, end, None),
         ParticipantStay("p2-" + session_id, "visitor", start, end, None))))


async def rooms(client: httpx.AsyncClient, **params: str) -> httpx.Response:
    return await client.get("/v1/insights/rooms", params=params)


@pytest.mark.parametrize("key", ["roomName", "roomName[equals]", "createdAt",
                                 "createdAt[after]", "roomName[exact][0]"])
async def test_a_room_filter_in_another_shape_is_refused(
        client: httpx.AsyncClient, ctx: SignalingContext, key: str) -> None:
    """Whereby's rooms filters are objects: ``roomName[exact|startsWith|contains]``,
    ``createdAt[from|to]``. A flat ``roomName=/x`` (the shape /insights/room-sessions
    takes) or another operator was ignored, and every room came back as if filtered: now a
    400 naming the parameter."""
    await seed(ctx, "acme", "alpha-1", "s1")
    await seed(ctx, "acme", "beta-1", "s2")
    resp = await client.get("/v1/insights/rooms", params={key: "/alpha-1"})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(f"{key}: ")


async def test_the_documented_room_filters_apply(client: httpx.AsyncClient,
                                                 ctx: SignalingContext) -> None:
    await seed(ctx, "acme", "alpha-1", "s1")
    await seed(ctx, "acme", "beta-1", "s2", T0 + dt.timedelta(days=1))

    def names(resp: httpx.Response) -> list[str]:
        assert resp.status_code == 200, resp.text
        return [r["roomName"] for r in resp.json()["results"]]

    assert names(await rooms(client)) == ["/alpha-1", "/beta-1"]
    assert names(await client.get("/v1/insights/rooms",
                                  params={"roomName[exact]": "/alpha-1"})) == ["/alpha-1"]
    assert names(await client.get("/v1/insights/rooms",
                                  params={"roomName[startsWith]": "/be"})) == ["/beta-1"]
    assert names(await client.get("/v1/insights/rooms",
                                  params={"createdAt[from]": "2026-01-02T00:00:00.000Z"})
                 ) == ["/beta-1"]


async def test_a_room_name_filter_takes_the_name_without_its_slash(
        client: httpx.AsyncClient, ctx: SignalingContext) -> None:
    """``alpha-1`` (the roomUrl's last path segment, as /insights/room-sessions and
    /recordings take it) matched nothing in roomName[exact] and roomName[startsWith]: an
    empty list, as if the room had no sessions."""
    await seed(ctx, "acme", "alpha-1", "s1")
    await seed(ctx, "acme", "beta-1", "s2")
    for key, value in (("roomName[exact]", "alpha-1"), ("roomName[startsWith]", "alp")):
        resp = await client.get("/v1/insights/rooms", params={key: value})
        assert [r["roomName"] for r in resp.json()["results"]] == ["/alpha-1"], resp.text



@pytest.mark.parametrize(("params", "named"), [
    ({"roomSessionId": "s1", "externalId": ""}, "externalId"),
    ({"roomSessionId": "", "externalId": "ext-1"}, "roomSessionId"),
])
async def test_an_empty_participant_filter_is_refused_not_dropped(
        client: httpx.AsyncClient, ctx: SignalingContext, params: dict[str, str],
        named: str) -> None:
    """Tester finding: ``/v1/insights/participants?roomSessionId=s1&externalId=`` (a backend
    whose external id came out empty) dropped the empty filter and listed every participant
    of the session as if it matched: now a 400 naming the empty parameter."""
    await seed(ctx, "acme", "alpha-1", "s1")
    resp = await client.get("/v1/insights/participants", params=params)
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(f"{named}: ")
    stays = await client.get("/v1/insights/participants", params={"roomSessionId": "s1"})
    assert len(stays.json()["results"]) == 2


@pytest.mark.parametrize("path", ["/v1/insights/rooms", "/v1/insights/room-sessions?roomName=a",
                                  "/v1/insights/participants?roomSessionId=s1"])
async def test_an_empty_sort_is_refused_as_on_the_recordings_list(
        client: httpx.AsyncClient, ctx: SignalingContext, path: str) -> None:
    """Tester finding: ``sortBy=`` (a backend whose sort setting came out empty) was read
    as the default order, while /v1/recordings and /v1/transcriptions answer it with a 400
    naming sortBy."""
    await seed(ctx, "acme", "a", "s1")
    resp = await client.get(path + ("&" if "?" in path else "?") + "sortBy=")
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith("sortBy: one of ")


@pytest.mark.parametrize("key", ["roomName[exact]", "roomName[startsWith]",
                                 "roomName[contains]"])
@pytest.mark.parametrize("value", ["", "/"])
async def test_an_empty_room_name_filter_is_refused(
        client: httpx.AsyncClient, ctx: SignalingContext, key: str, value: str) -> None:
    """Tester finding: ``roomName[startsWith]=`` or ``roomName[contains]=`` (a backend whose
    room name came out empty) matched every room, so the whole organization's rooms came
    back as one room's; /v1/recordings refuses an empty roomName for that reason."""
    await seed(ctx, "acme", "alpha-1", "s1")
    resp = await client.get("/v1/insights/rooms", params={key: value})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(f"{key}: empty")


@pytest.mark.parametrize(("params", "error"), [
    ({"roomName": "/", "roomSessionId": "s1"}, "roomName: required"),
    ({"roomName": "alpha-1", "roomSessionId": ""},
     "roomSessionId: empty; leave the parameter out for every session of the room"),
])
async def test_an_empty_room_session_filter_is_refused(
        client: httpx.AsyncClient, ctx: SignalingContext, params: dict[str, str],
        error: str) -> None:
    """Tester finding: ``roomSessionId=`` (or ``roomName=/``) answered an empty list, as if
    the room had no sessions, while /insights/participants refuses an empty filter."""
    await seed(ctx, "acme", "alpha-1", "s1")
    resp = await client.get("/v1/insights/room-sessions", params=params)
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": error}
    listed = await client.get("/v1/insights/room-sessions", params={"roomName": "alpha-1"})
    assert [r["roomSessionId"] for r in listed.json()["results"]] == ["s1"]


@pytest.mark.parametrize(("value", "why"), [
    ("2026-01-01", DATE_TIME_FORMAT), ("20260101", DATE_TIME_FORMAT),
    ("2026-W01", DATE_TIME_FORMAT), ("2026-01-01T12", DATE_TIME_FORMAT),
    ("2026-01-01T12:00:00+00", DATE_TIME_FORMAT),
    ("2026-01-01T12:00:00+20:00", "UTC offset beyond +-14:00 (no time zone is further)")])
@pytest.mark.parametrize("key", ["createdAt[from]", "createdAt[to]"])
async def test_a_created_at_bound_without_its_time_is_refused(
        client: httpx.AsyncClient, ctx: SignalingContext, key: str, value: str,
        why: str) -> None:
    """Tester finding: ``createdAt[to]=2026-01-01`` (a dashboard's date picker) was read as
    that day's first midnight, so the rooms created that day were left out and the day
    looked unused; an ISO week (``2026-W01``) or an offset no time zone has was taken too.
    Whereby's filter is a date-time (RFC 3339), read as POST /v1/meetings reads endDate: an
    hour-only offset (``+00``, ISO 8601's), which meetings refuse, was taken here too."""
    await seed(ctx, "acme", "alpha-1", "s1")
    resp = await rooms(client, **{key: value})
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": f"{key}: {why}"}
    day = await rooms(client, **{"createdAt[from]": "2026-01-01T00:00:00+14:00",
                                 "createdAt[to]": "2026-01-01T23:59:59.999-12:00"})
    assert [r["roomName"] for r in day.json()["results"]] == ["/alpha-1"], day.text


async def test_a_reversed_created_at_range_is_refused(client: httpx.AsyncClient,
                                                     ctx: SignalingContext) -> None:
    """Tester finding: ``createdAt[from]`` after ``createdAt[to]`` (bounds swapped by the
    caller) answered an empty list, as if the rooms had no use in that period."""
    await seed(ctx, "acme", "alpha-1", "s1")
    resp = await rooms(client, **{"createdAt[from]": "2026-01-02T00:00:00Z",
                                  "createdAt[to]": "2026-01-01T00:00:00Z"})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith("createdAt[from]: after createdAt[to]")


@pytest.mark.parametrize(("path", "params"), [
    ("/v1/insights/rooms", {"roomName[exact]": "/Alpha-1"}),
    ("/v1/insights/rooms", {"roomName[exact]": "ALPHA-1"}),
    ("/v1/insights/rooms", {"roomName[startsWith]": "/ALP"}),
    ("/v1/insights/rooms", {"roomName[contains]": "PHA-"}),
    ("/v1/insights/room-sessions", {"roomName": "/Alpha-1"}),
])
async def test_a_room_name_filter_ignores_letter_case(client: httpx.AsyncClient,
                                                      ctx: SignalingContext, path: str,
                                                      params: dict[str, str]) -> None:
    """Room names are lowercase and the room page and signaling take one in any case
    (signaling/room_names.py: ``/Alpha-1`` opens room ``alpha-1``), but these filters
    matched exactly: ``/Alpha-1`` was an empty list, as if the room had no sessions."""
    await seed(ctx, "acme", "alpha-1", "s1")
    await seed(ctx, "acme", "beta-1", "s2")
    resp = await client.get(path, params=params)
    assert resp.status_code == 200, resp.text
    assert [r.get("roomName", "/alpha-1") for r in resp.json()["results"]] == ["/alpha-1"]


async def test_a_filter_in_other_letters_than_ascii_is_not_folded(
        client: httpx.AsyncClient, ctx: SignalingContext) -> None:
    """The Kelvin sign lowercases to "k" in Python: it names no room all the same."""
    await seed(ctx, "acme", "kilo-1", "s1")
    resp = await client.get("/v1/insights/rooms", params={"roomName[exact]": "/\u212aILO-1"})
    assert resp.status_code == 200 and resp.json()["results"] == []
