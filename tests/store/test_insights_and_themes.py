"""Insights and room themes at rest, on SQLite and PostgreSQL (issue 15).

The insights recorder, driven by a live room and an injected clock, stores a session with
its stays (minutes rounded up per stay); the organization's retention setting purges it;
a data-key rotation re-encrypts the sealed external ids and theme parts, which stay
readable afterwards.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import insert

from signaling.accounts import PrivacyRecord
from signaling.insights import ParticipantStay, SessionRecord
from signaling.insights_recorder import InsightsRecorder
from signaling.models import ParticipantSessionInsight, RoomSessionInsight
from signaling.retention import purge_once
from signaling.rooms import RoomRegistry
from signaling.store import Store
from signaling.theme_store import MeetingGone
from tests.conftest import wait_until
from tests.features.room_fakes import FakeConn

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


async def wait_recorded(store: Store, org_id: str) -> None:
    """Until the recorder has stored the session that just ended (it writes in a task)."""
    async def stored() -> bool:
        return bool(await store.insights.rooms(org_id))

    assert await wait_until(stored, 10)


async def record_one_session(store: Store, org_id: str) -> tuple[str, str, str]:
    """Ada (host) alone from T0, Bo from T0+10 s to T0+70 s, Ada leaves at T0+100 s.
    Returns the room name, Bo's participant id and the ``roomSessionId`` the session's
    webhooks carried (signaling.webhooks: the room's ``session_id``)."""
    now = [T0]
    recorder = InsightsRecorder(store.insights, clock=lambda: now[0])
    registry = RoomRegistry(4, 200)
    registry.observers.append(recorder)
    announced: list[str | None] = []
    registry.observers.append(lambda event, room, _participant: announced.append(
        room.session_id) if event.startswith("room.session.") else None)
    meeting = await store.meetings.create(org_id, "insights-room", "normal", False, T0,
                                         T0 + dt.timedelta(hours=1))
    room, ada, _ = registry.join(meeting, "Ada", "host", FakeConn())
    now[0] = T0 + dt.timedelta(seconds=10)
    _, bo, _ = registry.join(meeting, "Bo", "participant", FakeConn(), external_id="crm-bo")
    now[0] = T0 + dt.timedelta(seconds=70)
    registry.leave(room, bo.id)
    now[0] = T0 + dt.timedelta(seconds=100)
    registry.leave(room, ada.id)
    await wait_recorded(store, org_id)
    assert len(announced) == 2 and announced[0] == announced[1] is not None
    return meeting.room_name, bo.id, announced[0]


async def test_recorded_session_and_stays(store: Store, org: tuple[str, str]) -> None:
    org_id = org[0]
    room_name, bo, session_id = await record_one_session(store, org_id)
    [room] = await store.insights.rooms(org_id)
    assert room["roomName"] == "/" + room_name and room["totalSessions"] == 1
    assert room["firstSessionStartedAt"] == "2026-01-05T09:00:10.000Z"
    # Ada 100 s -> 2 minutes, Bo 60 s -> 1 minute (rounded up per stay).
    assert (room["totalParticipantMinutes"], room["totalUniqueParticipants"]) == (3, 2)
    [session] = await store.insights.room_sessions(org_id, room_name)
    assert (session["startedAt"], session["endedAt"]) == (
        "2026-01-05T09:00:10.000Z", "2026-01-05T09:01:40.000Z")
    # The id webhooks and recordings gave the session finds it in insights.
    assert session["roomSessionId"] == session_id
    stays = await store.insights.participants(org_id, session_id, None)
    assert sorted((s["roleName"], s["joinedAt"], s["leftAt"]) for s in stays) == [
        ("host", "2026-01-05T09:00:00.000Z", "2026-01-05T09:01:40.000Z"),
        ("visitor", "2026-01-05T09:00:10.000Z", "2026-01-05T09:01:10.000Z"),
    ]
    [found] = await store.insights.participants(org_id, None, "crm-bo")
    assert (found["participantId"], found["externalId"]) == (bo, "crm-bo")
    other = await store.ensure_organization("other")
    assert await store.insights.participants(other, None, "crm-bo") == []


async def test_parts_written_at_once_by_several_nodes_merge_into_one_session(
        store: Store, org: tuple[str, str]) -> None:
    """With several signaling nodes, each writes its participants' stays of one session
    when the session ends, so the parts often arrive together: one inserts the session's
    row and the others merge into it. None may be lost (the first insert races the
    others, and two merges must not overwrite each other's start and end)."""
    org_id = org[0]
    meeting = await store.meetings.create(org_id, "split-room", "normal", False, T0,
                                         T0 + dt.timedelta(hours=1))

    def part(session_id: str, node: int) -> SessionRecord:
        # node 0 holds the earliest start, node 5 the latest end
        start, end = T0 + dt.timedelta(seconds=node), T0 + dt.timedelta(seconds=60 + node)
        return SessionRecord(
            room_session_id=session_id, organization_id=org_id,
            room_name=meeting.room_name, room_created_at=T0,
            room_end_at=T0 + dt.timedelta(hours=1), started_at=start, ended_at=end,
            stays=(ParticipantStay(f"p{node}", "visitor", start, end, None),))

    ids = [f"sess-{n}" for n in range(3)]  # the interleaving varies: three sessions
    for session_id in ids:
        assert set(await asyncio.gather(*(store.insights.record(part(session_id, n))
                                          for n in range(6)))) == {session_id}
    sessions = await store.insights.room_sessions(org_id, meeting.room_name)
    assert sorted((s["roomSessionId"], s["startedAt"], s["endedAt"]) for s in sessions) == [
        (session_id, "2026-01-05T09:00:00.000Z", "2026-01-05T09:01:05.000Z")
        for session_id in ids]
    for session_id in ids:
        stays = await store.insights.participants(org_id, session_id, None)
        assert sorted(s["participantId"] for s in stays) == [f"p{n}" for n in range(6)]


async def test_a_participant_who_rejoins_under_their_external_id_is_counted_once(
        store: Store, org: tuple[str, str]) -> None:
    """A reloaded page joins again under a new participant id: with the customer's
    ``externalId`` it is the same person, one of the session's and the room's distinct
    participants (Whereby's ``totalUniqueParticipants``); each stay keeps its minutes."""
    org_id = org[0]
    now = [T0]
    recorder = InsightsRecorder(store.insights, clock=lambda: now[0])
    registry = RoomRegistry(4, 200)
    registry.observers.append(recorder)
    meeting = await store.meetings.create(org_id, "rejoin-room", "normal", False, T0,
                                         T0 + dt.timedelta(hours=1))
    room, ada, _ = registry.join(meeting, "Ada", "host", FakeConn())
    stays = []
    for left_at in (40, 100):  # Bo's page reloads at T0+40 s
        _, bo, _ = registry.join(meeting, "Bo", "participant", FakeConn(),
                                 external_id="crm-bo")
        stays.append(bo.id)
        now[0] = T0 + dt.timedelta(seconds=left_at)
        registry.leave(room, bo.id)
    # Cy has no externalId: each of their joins is a participant of its own
    _, cy, _ = registry.join(meeting, "Cy", "participant", FakeConn())
    registry.leave(room, cy.id)
    now[0] = T0 + dt.timedelta(seconds=120)
    registry.leave(room, ada.id)
    await wait_recorded(store, org_id)
    assert stays[0] != stays[1]
    [room_totals] = await store.insights.rooms(org_id)
    [session] = await store.insights.room_sessions(org_id, meeting.room_name)
    for totals in (room_totals, session):
        # Ada 2 minutes, Bo 1 + 1, Cy 0 (a stay of no time)
        assert (totals["totalUniqueParticipants"], totals["totalParticipantMinutes"]) == (3, 4)
    assert len(await store.insights.participants(org_id, None, "crm-bo")) == 2


async def test_an_organization_with_more_sessions_than_a_query_takes_parameters(
        store: Store, org: tuple[str, str]) -> None:
    """33,000 sessions in retention (a busy organization): the stays were read with an
    ``IN`` list of every session id, one bound parameter each, past PostgreSQL's 32,767
    (asyncpg refused the query: a 500 on ``GET /v1/insights/rooms``)."""
    org_id = org[0]
    sessions = [{"id": f"s{i}", "organization_id": org_id, "room_name": f"r{i % 2}",
                 "room_created_at": T0, "room_end_at": T0, "started_at": T0 + dt.timedelta(
                     minutes=i), "ended_at": T0 + dt.timedelta(minutes=i + 1)}
                for i in range(33_000)]
    stays = [{"id": f"p{i}", "organization_id": org_id, "room_session_id": f"s{i}",
              "participant_id": f"p{i % 7}", "role_name": "host", "joined_at": T0,
              "left_at": T0 + dt.timedelta(seconds=61)} for i in range(0, 33_000, 1000)]
    async with store.insights._session.begin() as session:
        await session.execute(insert(RoomSessionInsight), sessions)
        await session.execute(insert(ParticipantSessionInsight), stays)
    rooms = {r["roomName"]: r for r in await store.insights.rooms(org_id)}
    assert {name: (r["totalSessions"], r["totalParticipantMinutes"],
                   r["totalUniqueParticipants"]) for name, r in rooms.items()} == {
        "/r0": (16_500, 66, 7), "/r1": (16_500, 0, 0)}
    by_id = {s["roomSessionId"]: s for s in await store.insights.room_sessions(org_id, "r0")}
    assert len(by_id) == 16_500
    assert (by_id["s2000"]["totalParticipantMinutes"], by_id["s2"]["totalParticipantMinutes"]
            ) == (2, 0)


async def test_rotation_keeps_sealed_values_readable(store: Store, org: tuple[str, str]) -> None:
    org_id = org[0]
    await record_one_session(store, org_id)
    meeting = await store.meetings.by_room_name("insights-room")
    assert meeting is not None
    await store.themes.put(org_id, meeting.meeting_id, "tokens", {"primary": "#123456"})
    progress = await store.accounts.rotate_data_key(org_id)
    assert progress.values_rewritten >= 2  # the external id and the theme part
    [found] = await store.insights.participants(org_id, None, "crm-bo")
    assert found["externalId"] == "crm-bo"
    assert await store.themes.theme(meeting.meeting_id) == {"tokens": {"primary": "#123456"}}


async def test_retention_purges_insights(store: Store, org: tuple[str, str]) -> None:
    org_id = org[0]
    await record_one_session(store, org_id)
    ended = T0 + dt.timedelta(seconds=100)
    # Within the operator's 90 days: kept; past the organization's 7 days: purged.
    result = await purge_once(store, 90, now=ended + dt.timedelta(days=8))
    assert result.insight_sessions == 0 and await store.insights.rooms(org_id)
    await store.accounts.set_privacy(org_id, PrivacyRecord(False, 7), "test")
    result = await purge_once(store, 90, now=ended + dt.timedelta(days=8))
    assert result.insight_sessions == 1 and await store.insights.rooms(org_id) == []


async def test_a_theme_put_racing_the_meeting_deletion_or_another_put(
        store: Store, org: tuple[str, str]) -> None:
    """Tester finding: ``PUT /v1/rooms/{room}/theme/*`` looks the meeting up, then writes
    the part; a ``DELETE /v1/meetings/{id}`` in between made the insert meet the foreign key
    (a 500, in most tries of a theme PUT sent with the delete), and two PUTs of one part at
    once met the unique (meeting, part) key. Now the write holds the meeting's row: a
    meeting gone is :class:`MeetingGone` (the API's 404), and PUTs at once take turns."""
    start = dt.datetime.now(dt.UTC)
    meeting = await store.meetings.create(org[0], "themed", "normal", False, start,
                                         start + dt.timedelta(hours=1), False, 0)
    puts = [store.themes.put(org[0], meeting.meeting_id, "tokens", {"primary": f"#00000{i}"})
            for i in range(6)]
    await asyncio.gather(*puts)
    assert (await store.themes.theme(meeting.meeting_id))["tokens"]["primary"].startswith("#")
    await store.meetings.delete(org[0], meeting.meeting_id)
    with pytest.raises(MeetingGone):
        await store.themes.put(org[0], meeting.meeting_id, "tokens", {"primary": "#ffffff"})
