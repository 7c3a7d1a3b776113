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
