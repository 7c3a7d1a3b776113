"""The cloud recorder in insights: counted as Whereby's recorder (``totalRecorderMinutes``,
``totalUniqueRecorders``), not as a participant (``totalUniqueParticipants``,
``totalParticipantMinutes``, ``GET /v1/insights/participants``).

The insights observer sees a recorded session's events as the live room emits them (a host
joins, the recorder joins and so starts the session, a guest comes and goes, everyone
leaves); the store then answers the insights queries."""

from __future__ import annotations

import datetime as dt

from signaling.insights_recorder import InsightsRecorder
from signaling.meeting_store import MeetingRecord
from signaling.room_model import Participant, Room
from signaling.store import Store
from tests.conftest import wait_until

T0 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


class _Conn:
    def send(self, message: object) -> None:
        pass

    def close(self, code: int, reason: str) -> None:
        pass


async def test_the_recorder_counts_as_a_recorder_not_a_participant(store: Store) -> None:
    org = await store.ensure_organization("acme")
    meeting = MeetingRecord("m_1", org, "rec-room", "group", False, T0,
                            T0 + dt.timedelta(hours=2), T0)
    room = Room(meeting)
    now = [T0]
    observer = InsightsRecorder(store.insights, clock=lambda: now[0])
    host = Participant("p_host", "Host", "host", _Conn())
    recorder = Participant("p_rec", "Recorder", "recorder", _Conn())
    guest = Participant("p_guest", "Guest", "participant", _Conn())

    def at(minutes: float, event: str, who: Participant | None) -> None:
        now[0] = T0 + dt.timedelta(minutes=minutes)
        observer(event, room, who)

    at(0, "room.client.joined", host)
    at(0.1, "room.client.joined", recorder)
    room.session_id = "s_recorded"  # the registry names the session as it starts it
    at(0.1, "room.session.started", None)  # the recorder's join started it
    at(1, "room.client.joined", guest)
    at(3.5, "room.client.left", guest)
    at(5.2, "room.client.left", host)
    at(5.3, "room.client.left", recorder)
    at(5.3, "room.session.ended", None)

    async def written() -> bool:
        return bool(await store.insights.rooms(org))

    assert await wait_until(written, 10)
    [summary] = await store.insights.rooms(org)
    assert (summary["totalUniqueParticipants"], summary["totalParticipantMinutes"]) == (2, 6 + 3)
    assert (summary["totalUniqueRecorders"], summary["totalRecorderMinutes"]) == (1, 6)
    [session] = await store.insights.room_sessions(org, "rec-room")
    assert (session["totalUniqueParticipants"], session["totalUniqueRecorders"],
            session["totalRecorderMinutes"]) == (2, 1, 6)
    assert session["roomSessionId"] == "s_recorded"
    stays = await store.insights.participants(org, "s_recorded", None)
    assert sorted(s["roleName"] for s in stays) == ["host", "visitor"]
