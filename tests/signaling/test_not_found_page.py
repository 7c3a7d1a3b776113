"""The 404 of a room path: browsers get a small HTML page, API clients keep the JSON body;
HEAD answers as GET does, without the body."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

BROWSER_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                  "image/webp,*/*;q=0.8")


@pytest.mark.parametrize("path", ["/no-such-room", "/Not_A_Room_Name"])
async def test_browser_gets_an_html_page(client: httpx.AsyncClient, path: str) -> None:
    resp = await client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "does not exist or has ended" in resp.text
    csp = resp.headers["content-security-policy"]
    # Strict like the room page (no inline script or style) ...
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp
    # ... but framable by anyone: the organization (and its origins) is unknown, and the
    # page holds no personal data, so an embedding customer sees it instead of a broken frame.
    assert "frame-ancestors *;" in csp
    assert resp.headers["cache-control"] == "no-store"
    assert '<script type="module" src="/assets/not-found.js">' in resp.text
    assert (await client.get("/assets/not-found.js")).status_code == 200


@pytest.mark.parametrize("accept", [None, "application/json", "*/*",
                                    "application/json, text/html;q=0.5"])
async def test_api_clients_keep_the_json_404(client: httpx.AsyncClient, accept: str | None
                                             ) -> None:
    headers = {"Accept": accept} if accept else {}
    resp = await client.get("/no-such-room", headers=headers)
    assert resp.status_code == 404
    assert resp.json() == {"error": "no meeting with this room name"}
    assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]


async def test_deleted_meeting_gets_the_page(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/meetings", json={
        "endDate": (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat(),
        "roomMode": "normal"})
    assert created.status_code == 201, created.text
    meeting = created.json()
    assert (await client.get(meeting["roomName"], headers={"Accept": BROWSER_ACCEPT})
            ).status_code == 200
    head = await client.head(meeting["roomName"], headers={"Accept": BROWSER_ACCEPT})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/html")
    assert (await client.delete(f"/v1/meetings/{meeting['meetingId']}")).status_code == 204
    gone = await client.get(meeting["roomName"], headers={"Accept": BROWSER_ACCEPT})
    assert gone.status_code == 404 and "has ended" in gone.text
    assert (await client.head(meeting["roomName"])).status_code == 404


async def test_a_trailing_slash_is_a_json_404_not_a_redirect(client: httpx.AsyncClient) -> None:
    # A redirect built from the request's Host header, before authentication, answered
    # here before; no route ends in a slash, so the path is simply unknown.
    for method, path in (("GET", "/v1/recordings/"), ("POST", "/v1/recordings/bulk-delete/"),
                         ("GET", "/v1/meetings/")):
        resp = await client.request(method, path, headers={"Host": "evil.example:8443"})
        assert resp.status_code == 404, (path, resp.status_code)
        assert "location" not in resp.headers
        assert resp.json()["error"]


async def test_a_room_link_with_a_trailing_slash_opens_the_room(client: httpx.AsyncClient
                                                                ) -> None:
    # A mail client or a customer's template that appends "/" to the link: the patient gets
    # the room (a redirect by path only, whatever the Host header says), not raw JSON.
    created = await client.post("/v1/meetings", json={
        "endDate": (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()})
    assert created.status_code == 201, created.text
    room = created.json()["roomName"]
    for method in ("GET", "HEAD"):
        resp = await client.request(method, f"{room}/?displayName=Ada%20L&video=off",
                                    headers={"Accept": BROWSER_ACCEPT,
                                             "Host": "evil.example:8443"})
        assert resp.status_code == 308, (method, resp.status_code, resp.text)
        assert resp.headers["location"] == f"{room}?displayName=Ada%20L&video=off"
    assert (await client.get(f"{room}/")).headers["location"] == room
    # An unknown room with a slash gets the same 404 as without one.
    unknown = await client.get("/no-such-room/", headers={"Accept": BROWSER_ACCEPT})
    assert unknown.status_code == 404 and "does not exist or has ended" in unknown.text
    assert (await client.get("/no-such-room/")).json() == {
        "error": "no meeting with this room name"}


async def test_a_room_link_in_capitals_opens_the_room(client: httpx.AsyncClient) -> None:
    # Room names are lowercase: a link typed by hand, or capitalised by a phone keyboard or
    # a mail client, said the room did not exist. Now a redirect (by path) to the room.
    created = await client.post("/v1/meetings", json={
        "endDate": (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat(),
        "roomNamePrefix": "kiosk"})
    assert created.status_code == 201, created.text
    room = created.json()["roomName"]
    for method in ("GET", "HEAD"):
        resp = await client.request(method, f"{room.upper()}?displayName=Ada",
                                    headers={"Accept": BROWSER_ACCEPT,
                                             "Host": "evil.example:8443"})
        assert resp.status_code == 308, (method, resp.status_code, resp.text)
        assert resp.headers["location"] == f"{room}?displayName=Ada"
    assert (await client.get(f"{room.title()}/")).headers["location"] == room
    # no such room in any case, and non-ASCII that lowercases to the room's name (the
    # Kelvin sign U+212A lowercases to "k"): the room page's 404
    for path in ("/NO-SUCH-ROOM", room.replace("k", "\u212a")):
        resp = await client.get(path, headers={"Accept": BROWSER_ACCEPT})
        assert resp.status_code == 404 and "location" not in resp.headers, path
