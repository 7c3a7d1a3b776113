"""Query parameters an endpoint does not take are refused by name: a misspelt filter
(``roomname``, ``roomsessionid``) was ignored, and the list came back unfiltered, as if
the filter had been applied: every room's recordings or sessions instead of one's."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest


@pytest.mark.parametrize(("path", "params", "named"), [
    ("/v1/recordings", {"roomname": "/a-room"}, "roomname"),
    ("/v1/insights/room-sessions", {"roomName": "/a-room", "roomsessionid": "s_1"},
     "roomsessionid"),
    ("/v1/insights/participants", {"roomSessionId": "s_1", "externalid": "patient-7"},
     "externalid"),
    ("/v1/insights/rooms", {"roomname": "/a-room"}, "roomname"),
    ("/v1/meetings", {"limt": "1"}, "limt"),
    ("/v1/transcriptions", {"roomname": "/a-room"}, "roomname"),
    # the admin API's lists take no filter: this one listed every admin user
    ("/v1/admin/users", {"email": "ada@example.org"}, "email"),
    ("/v1/admin/webhooks", {"event": "room.client.joined"}, "event"),
])
async def test_an_unknown_query_parameter_is_named(
        client: httpx.AsyncClient, path: str, params: dict[str, str], named: str) -> None:
    resp = await client.get(path, params=params)
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(f"{named}: unknown query parameter")


async def test_the_parameters_each_endpoint_takes_still_pass(client: httpx.AsyncClient) -> None:
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    meeting = (await client.post("/v1/meetings", json={"endDate": end})).json()
    for path, params in [
        ("/v1/meetings", {"limit": "5", "fields[]": "hostRoomUrl"}),
        (f"/v1/meetings/{meeting['meetingId']}", {"fields": "hostRoomUrl"}),
        ("/v1/recordings", {"roomName": "/a-room", "sortBy": "startDate:desc", "limit": "5"}),
        ("/v1/insights/rooms", {"roomName[exact]": "/a-room", "createdAt[from]": end}),
        ("/v1/insights/room-sessions", {"roomName": "/a-room", "roomSessionId": "s_1"}),
        ("/v1/insights/participants", {"externalId": "patient-7", "sortBy": "joinedAt"}),
        ("/v1/transcriptions", {"roomName": "/a-room"}),
    ]:
        resp = await client.get(path, params=params)
        assert resp.status_code == 200, (path, resp.text)


async def test_a_missing_key_is_still_told_first(client: httpx.AsyncClient) -> None:
    """The API key is checked before the query, as before the body."""
    resp = await client.get("/v1/recordings", params={"roomname": "/a-room"},
                            headers={"Authorization": ""})
    assert resp.status_code == 401, resp.text


INTEGER_PARAMETERS = [
    ("/v1/meetings", "limit"),
    ("/v1/recordings", "limit"),
    ("/v1/recordings/rec_none/access-link", "validForSeconds"),
    ("/v1/transcriptions", "limit"),
    ("/v1/transcriptions/t_none/access-link", "validForSeconds"),
    ("/v1/summaries", "limit"),
    ("/v1/insights/rooms", "limit"),
    ("/v1/insights/room-sessions", "limit"),
    ("/v1/insights/participants", "limit"),
    ("/v1/rooms/a-room/poll/s_none", "cursor"),
]


@pytest.mark.parametrize(("path", "name"), INTEGER_PARAMETERS)
@pytest.mark.parametrize("written", [" 1", "1 ", "+1", "01", "1_0", "1.0", "-0", "1e1", "٣"])
async def test_an_integer_parameter_is_plain_decimal_digits(
        client: httpx.AsyncClient, path: str, name: str, written: str) -> None:
    """Tester finding: ``limit=%201``, ``limit=+1`` and ``limit=01`` were taken as 1 (an
    integer query parameter of Whereby's OpenAPI): a value that is not written as a plain
    decimal integer is a 400 naming the parameter, as a misspelt one is, on every integer
    query parameter of the API."""
    resp = await client.get(path, params={name: written})
    assert resp.status_code == 400, (written, resp.text)
    assert resp.json()["error"].startswith(f"invalid field {name}: "), resp.text


@pytest.mark.parametrize(("path", "name"), INTEGER_PARAMETERS)
async def test_a_plain_integer_parameter_still_passes_its_check(
        client: httpx.AsyncClient, path: str, name: str) -> None:
    """Plainly written values are read; one out of range is still named for its range."""
    resp = await client.get(path, params={name: "1"})
    assert resp.status_code != 400 or not resp.json()["error"].startswith(
        f"invalid field {name}"), resp.text
    if name != "cursor":
        out = await client.get(path, params={name: "-1"})
        assert out.status_code == 400
        assert out.json()["error"] == (
            f"invalid field {name}: Input should be greater than or equal to 1")
