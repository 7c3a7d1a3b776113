"""Rooms a host ended are refused until their meeting's end, and forgotten after it."""

from __future__ import annotations

import time

import pytest

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
