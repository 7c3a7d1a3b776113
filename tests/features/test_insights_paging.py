"""Pages of Whereby's insights lists (``GET /v1/insights/*``): a cursor holds where its page
ended in the order, so results that arrive between two requests shift nothing."""

from __future__ import annotations

import base64
import json

import pytest

from signaling.errors import ApiError
from signaling.insights_api import ROOM_FIELDS, page


def room(name: str, created: str, sessions: int) -> dict:
    return {"roomName": name, "createdAt": created, "totalSessions": sessions}


def pages(results: list[dict], sort_by: str, limit: int) -> list[list[str]]:
    out, cursor = [], None
    while True:
        body = page(list(results), sort_by, "createdAt:asc", cursor, limit, ROOM_FIELDS,
                    ("roomName",), "rooms")
        out.append([r["roomName"] for r in body["results"]])
        if body["cursor"] is None:
            return out
        cursor = body["cursor"]


def test_a_room_created_between_two_pages_shifts_nothing() -> None:
    """Newest first, two per page: a room created after page 1 was read made page 2 start
    with page 1's last room again (the cursor was an offset)."""
    rooms = [room(f"/r{i}", f"2026-12-0{i}T10:00:00.000Z", 1) for i in range(1, 6)]
    first = page(list(rooms), "createdAt:desc", "createdAt:asc", None, 2, ROOM_FIELDS,
                 ("roomName",), "rooms")
    assert [r["roomName"] for r in first["results"]] == ["/r5", "/r4"]
    rooms.append(room("/r6", "2026-12-06T10:00:00.000Z", 1))
    second = page(list(rooms), "createdAt:desc", "createdAt:asc", first["cursor"], 2,
                  ROOM_FIELDS, ("roomName",), "rooms")
    assert [r["roomName"] for r in second["results"]] == ["/r3", "/r2"]


def test_ties_are_broken_by_room_name_and_every_room_comes_once() -> None:
    rooms = [room(f"/r{i}", "2026-12-01T10:00:00.000Z", i % 2) for i in range(7)]
    for sort_by in ("totalSessions:desc", "totalSessions:asc", "createdAt:asc"):
        seen = [name for one in pages(rooms, sort_by, 2) for name in one]
        assert sorted(seen) == sorted(r["roomName"] for r in rooms), sort_by
    assert pages(rooms, "totalSessions:desc", 3) == [["/r5", "/r3", "/r1"],
                                                     ["/r6", "/r4", "/r2"], ["/r0"]]


def _cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


@pytest.mark.parametrize("cursor", [
    "o2", "not base64 !", "W10", "WyJjcmVhdGVkQXQ6YXNjIiwxXQ", "null",
    # a sort value that is no number json.loads still takes
    base64.urlsafe_b64encode(b'["0","totalSessions:asc",[false,NaN,"/x"]]').decode(),
])
def test_a_cursor_this_server_did_not_issue_is_a_400(cursor: str) -> None:
    with pytest.raises(ApiError) as info:
        page([room("/a", "2026-12-01T10:00:00.000Z", 1)], None, "createdAt:asc", cursor, 1,
             ROOM_FIELDS, ("roomName",), "rooms")
    assert info.value.status == 400 and info.value.message.startswith("invalid cursor")


def test_a_cursor_pages_only_the_list_and_order_it_was_issued_for() -> None:
    rooms = [room(f"/r{i}", f"2026-12-0{i}T10:00:00.000Z", i) for i in range(1, 4)]
    cursor = page(list(rooms), "createdAt:desc", "createdAt:asc", None, 1, ROOM_FIELDS,
                  ("roomName",), "rooms")["cursor"]
    with pytest.raises(ApiError) as info:
        page(list(rooms), "totalSessions:desc", "createdAt:asc", cursor, 1, ROOM_FIELDS,
             ("roomName",), "rooms")
    assert info.value.status == 400
    assert "issued for sortBy=createdAt:desc, not totalSessions:desc" in info.value.message
    # Another list (another endpoint, or other filters): it was paged from anywhere.
    with pytest.raises(ApiError) as info:
        page(list(rooms), "createdAt:desc", "createdAt:asc", cursor, 1, ROOM_FIELDS,
             ("roomName",), "rooms with other filters")
    assert info.value.status == 400 and info.value.message.startswith("invalid cursor")


def test_cursors_of_long_room_names_are_taken_back(fjord_server) -> None:  # noqa: ANN001
    """A cursor of a roomName sort holds the name twice: with a 39-character prefix it passed
    the 200 characters the parameter took, and the next page was a 400."""
    from urllib.parse import urlencode

    from tests.features.conftest import org_api_key

    rooms = [room("/" + "p" * 39 + f"-{i:036d}", "2026-12-01T10:00:00.000Z", 1)
             for i in range(3)]
    cursor = page(list(rooms), "roomName:desc", "createdAt:asc", None, 1, ROOM_FIELDS,
                  ("roomName",), json.dumps(["rooms", []]))["cursor"]
    assert len(cursor) > 200
    key = org_api_key(fjord_server, "insights-cursor")
    query = urlencode({"sortBy": "roomName:desc", "cursor": cursor})
    status, body = fjord_server.request("GET", f"/v1/insights/rooms?{query}", api_key=key)
    # Taken as a cursor of this list (the organization has no rooms: an empty page), not
    # refused for its length.
    assert (status, body) == (200, {"results": [], "cursor": None})
