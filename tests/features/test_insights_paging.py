"""Pages of Whereby's insights lists (``GET /v1/insights/*``): a cursor holds where its page
ended in the order, so results that arrive between two requests shift nothing."""

from __future__ import annotations

import pytest

from signaling.errors import ApiError
from signaling.insights_api import ROOM_FIELDS, page


def room(name: str, created: str, sessions: int) -> dict:
    return {"roomName": name, "createdAt": created, "totalSessions": sessions}


def pages(results: list[dict], sort_by: str, limit: int) -> list[list[str]]:
    out, cursor = [], None
    while True:
        body = page(list(results), sort_by, "createdAt:asc", cursor, limit, ROOM_FIELDS,
                    ("roomName",))
        out.append([r["roomName"] for r in body["results"]])
        if "cursor" not in body:
            return out
        cursor = body["cursor"]


def test_a_room_created_between_two_pages_shifts_nothing() -> None:
    """Newest first, two per page: a room created after page 1 was read made page 2 start
    with page 1's last room again (the cursor was an offset)."""
    rooms = [room(f"/r{i}", f"2026-12-0{i}T10:00:00.000Z", 1) for i in range(1, 6)]
    first = page(list(rooms), "createdAt:desc", "createdAt:asc", None, 2, ROOM_FIELDS,
                 ("roomName",))
    assert [r["roomName"] for r in first["results"]] == ["/r5", "/r4"]
    rooms.append(room("/r6", "2026-12-06T10:00:00.000Z", 1))
    second = page(list(rooms), "createdAt:desc", "createdAt:asc", first["cursor"], 2,
                  ROOM_FIELDS, ("roomName",))
    assert [r["roomName"] for r in second["results"]] == ["/r3", "/r2"]


def test_ties_are_broken_by_room_name_and_every_room_comes_once() -> None:
    rooms = [room(f"/r{i}", "2026-12-01T10:00:00.000Z", i % 2) for i in range(7)]
    for sort_by in ("totalSessions:desc", "totalSessions:asc", "createdAt:asc"):
        seen = [name for one in pages(rooms, sort_by, 2) for name in one]
        assert sorted(seen) == sorted(r["roomName"] for r in rooms), sort_by
    assert pages(rooms, "totalSessions:desc", 3) == [["/r5", "/r3", "/r1"],
                                                     ["/r6", "/r4", "/r2"], ["/r0"]]


@pytest.mark.parametrize("cursor", ["o2", "not base64 !", "W10", "WyJjcmVhdGVkQXQ6YXNjIiwxXQ"])
def test_a_cursor_this_server_did_not_issue_is_a_400(cursor: str) -> None:
    with pytest.raises(ApiError) as info:
        page([room("/a", "2026-12-01T10:00:00.000Z", 1)], None, "createdAt:asc", cursor, 1,
             ROOM_FIELDS, ("roomName",))
    assert info.value.status == 400 and info.value.message.startswith("cursor:")


def test_a_cursor_pages_only_the_order_it_was_issued_for() -> None:
    rooms = [room(f"/r{i}", f"2026-12-0{i}T10:00:00.000Z", i) for i in range(1, 4)]
    cursor = page(list(rooms), "createdAt:desc", "createdAt:asc", None, 1, ROOM_FIELDS,
                  ("roomName",))["cursor"]
    with pytest.raises(ApiError) as info:
        page(list(rooms), "totalSessions:desc", "createdAt:asc", cursor, 1, ROOM_FIELDS,
             ("roomName",))
    assert info.value.status == 400
    assert "issued for sortBy=createdAt:desc, not totalSessions:desc" in info.value.message
