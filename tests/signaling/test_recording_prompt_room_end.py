"""The recording prompt's per-room memory ends with the room, however it ends."""

from __future__ import annotations

from types import SimpleNamespace

from signaling.recording_control import RecordingControl
from signaling.rooms import RoomRegistry
from tests.features.room_fakes import FakeConn, meeting_record


def test_an_ended_room_is_not_remembered_as_prompted() -> None:
    registry = RoomRegistry(4, 200)
    control = RecordingControl(SimpleNamespace(  # type: ignore[arg-type]
        rooms=registry, media=SimpleNamespace(records_here=True), store=None,
        settings=None, webhooks=None))
    room, host, _ = registry.join(meeting_record("group"), "Host", "host", FakeConn())
    registry.join(room.meeting, "Guest", "participant", FakeConn())
    registry.observers.append(control)
    assert control.claim_prompt(room, host, ("cloud", "prompt"))
    assert room.name in control.prompted

    registry.end(room.name)  # a host's end-meeting, the end date, or the meeting deleted
    assert control.prompted == set()
