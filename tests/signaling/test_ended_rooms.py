"""Rooms a host ended are refused until their meeting's end, and forgotten after it."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest

from signaling.context import SignalingContext
from signaling.rooms import RoomEnded, RoomRegistry
from tests.features.room_fakes import FakeConn, meeting_record


def test_ended_rooms_are_forgotten_once_their_refusal_is_over() -> None:
    registry = RoomRegistry(4, 200)
    done, running = meeting_record("normal"), meeting_record("normal")
    for meeting in (done, running):
        registry.join(meeting, "Host", "host", FakeConn())
    registry.end(done.room_name, refuse_until=time.time() - 1)  # its end date has passed
    registry.end(running.room_name, refuse_until=time.time() + 3600)
    # Nobody asks about the first room again; ending others must not keep it forever.
    assert registry._ended.keys() == {running.room_name}
    with pytest.raises(RoomEnded):
        registry.join(running, "Late", "participant", FakeConn())


async def test_a_join_that_read_the_meeting_before_its_deletion_opens_no_room(
        client: httpx.AsyncClient, ctx: SignalingContext) -> None:
    """A join reads the meeting, then enters its room: a DELETE landing in between found no
    live room to end, and the join then opened one for the deleted meeting, where the
    participant stayed (alone: later joins get room_not_found) until endDate + 1 hour."""
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    meeting = (await client.post("/v1/meetings", json={"endDate": end})).json()
    read_before = await ctx.store.meetings.by_room_name(meeting["roomName"].lstrip("/"))
    assert (await client.delete(f"/v1/meetings/{meeting['meetingId']}")).status_code == 204
    with pytest.raises(RoomEnded):
        ctx.rooms.join(read_before, "Late", "participant", FakeConn())
    assert read_before.room_name not in ctx.rooms.rooms
