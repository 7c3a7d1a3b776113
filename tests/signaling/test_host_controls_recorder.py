"""Host controls never take the cloud recorder off the people list: ``stop-recording`` does."""

from __future__ import annotations

import pytest

from signaling import host_controls
from signaling import messages as m
from signaling.room_model import Participant, new_participant_id
from signaling.rooms import RoomRegistry
from tests.features.room_fakes import FakeConn, meeting_record


@pytest.mark.parametrize("kind", ["remove", "mute"])
def test_a_host_cannot_remove_or_mute_the_recorder(kind: str) -> None:
    registry = RoomRegistry(4, 200)
    room, host, _ = registry.join(meeting_record("group"), "Host", "host", FakeConn())
    recorder = Participant(new_participant_id(), "Recorder", "recorder", FakeConn())
    registry.add_participant(room, recorder)
    action = (m.Remove(type="remove", participantId=recorder.id) if kind == "remove"
              else m.Mute(type="mute", participantId=recorder.id))
    with pytest.raises(m.ProtocolError) as caught:
        host_controls.apply(registry, room, host, action)
    assert caught.value.code == "bad_message"
    assert "stop-recording" in caught.value.message
    assert room.participants.get(recorder.id) is recorder  # still on everyone's list
    assert not any(msg["type"] == "participant-left" for msg in host.conn.sent)
    assert recorder.conn.sent == [] and recorder.conn.closed is None
