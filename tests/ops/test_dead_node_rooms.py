"""A room whose people were all on a signaling node that died (cluster.dead_node_rooms),
with two or three node registries over a real redis-server, as in test_room_bus.py.

Before, no surviving node held a copy of such a room, so nobody reaped its people: no
``room.client.left``, no stays in insights, and the session ended only at the next join
(a customer billing on ``room.session.ended`` saw a session that never ended)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from cluster.room_bus import RedisRoomBus
from cluster.room_keys import members_key, node_rooms_key, reaped_key, state_key
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring
from signaling import host_controls
from signaling import messages as m
from signaling.insights_recorder import InsightsRecorder
from signaling.meeting_store import MeetingRecord
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.conftest import wait_until
from tests.ops.test_room_bus import INTERVAL, TTL, FakeConn, meeting_record, until
from tests.ops.test_room_bus_sessions import Event, die, of, record, settled, shared_session

MEETING = meeting_record("normal")


@pytest.fixture
async def three_nodes(redis) -> AsyncIterator[list[RedisRoomBus]]:  # noqa: ANN001
    """Nodes sig-a, sig-b and sig-c on ``redis``, reading :data:`MEETING` (a test may
    replace ``meetings``' entry, or set ``database_stalled``); sig-c is the one a test lets
    die (:func:`die`)."""
    meetings = {MEETING.room_name: MEETING}
    stalled = asyncio.Event()

    async def meeting(room_name: str) -> MeetingRecord | None:
        if stalled.is_set():  # the database does not answer
            await asyncio.sleep(60)
        return meetings.get(room_name)

    buses = []
    for name in ("sig-a", "sig-b", "sig-c"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL,
                           meeting=meeting)
        bus.meetings = meetings  # type: ignore[attr-defined]
        bus.database_stalled = stalled  # type: ignore[attr-defined]
        await bus.start()
        buses.append(bus)
    try:
        yield buses
    finally:
        buses[2].registry.bus = None
        for bus in buses[:2]:
            await bus.close()


async def everyone_on_c(buses: list[RedisRoomBus], meeting: MeetingRecord = MEETING
                        ) -> tuple[list[Event], list[str], str]:
    """A and B join through sig-c, which then dies: (the events, their ids, the session)."""
    events = record(buses)
    c = buses[2]
    people = [(await c.registry.join_shared(meeting, name, "participant", FakeConn()))[1].id
              for name in ("A", "B")]
    await settled(buses, lambda: len(of(events, "room.session.started")) == 1)
    [started] = of(events, "room.session.started")
    assert started[2] is not None
    die(c)
    return events, people, started[2]


async def test_a_survivor_reaps_a_room_no_live_node_held(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """Each person gets one ``room.client.left`` naming the session, and the session one
    ``room.session.ended``, from one survivor, within a node TTL and a few heartbeats; no
    join needed. Two survivors race for it: one wins each."""
    events, people, session = await everyone_on_c(three_nodes)
    await settled(three_nodes[:2], lambda: len(of(events, "room.session.ended")) == 1
                  and len(of(events, "room.client.left")) == 2)
    assert [e[1:] for e in of(events, "room.session.ended")] == [
        ("room.session.ended", session, None)]
    left = of(events, "room.client.left")
    assert sorted(e[3] or "" for e in left) == sorted(people)
    assert {e[2] for e in left} == {session}
    assert {e[0] for e in (*left, *of(events, "room.session.ended"))} <= {
        three_nodes[0].node_id, three_nodes[1].node_id}
    assert await redis.hget(state_key(MEETING.room_name), "session") is None
    assert await redis.hlen(members_key(MEETING.room_name)) == 0
    assert set(await redis.hkeys(reaped_key(MEETING.room_name))) == {p.encode()
                                                                      for p in people}
    assert not await redis.exists(node_rooms_key(three_nodes[2].node_id))
    # a later join starts afresh: nothing is ended (or told) twice
    room, carol, _ = await three_nodes[0].registry.join_shared(MEETING, "C", "participant",
                                                               FakeConn())
    three_nodes[0].registry.leave(room, carol.id)
    await settled(three_nodes[:2], lambda: not three_nodes[0].registry.rooms)
    assert len(of(events, "room.session.ended")) == 1
    assert len([e for e in of(events, "room.client.left") if e[3] in people]) == 2


async def test_a_paused_node_back_finds_its_people_reaped(
        three_nodes: list[RedisRoomBus]) -> None:
    """sig-c stops heartbeating past its TTL (paused), its channel still open, then comes
    back: a survivor reaped its people (told once), and sig-c tells each one
    ``unavailable`` and closes it (its client joins again), telling no event again."""
    c = three_nodes[2]
    events = record(three_nodes)
    conns = [FakeConn(), FakeConn()]
    for name, conn in zip("AB", conns, strict=True):
        await c.registry.join_shared(MEETING, name, "participant", conn)
    await settled(three_nodes, lambda: len(of(events, "room.session.started")) == 1)
    c._tasks[2].cancel()  # its heartbeats stop (the third task: RedisRoomBus.start)
    await settled(three_nodes[:2], lambda: len(of(events, "room.session.ended")) == 1
                  and len(of(events, "room.client.left")) == 2)
    c._tasks[2] = asyncio.create_task(c._watch())  # it is back
    await until(lambda: all(conn.closed is not None for conn in conns), timeout=10.0)
    await settled(three_nodes, lambda: not c.registry.rooms)
    for conn in conns:
        assert conn.closed == (1012, "join again")
        assert [m["code"] for m in conn.sent if m["type"] == "error"] == ["unavailable"]
    assert len(of(events, "room.client.left")) == 2
    assert len(of(events, "room.session.ended")) == 1
    assert c.node_id not in {e[0] for e in of(events, "room.client.left")}


async def test_a_leave_that_leaves_the_room_to_a_dead_node_ends_it_with_its_left(
        three_nodes: list[RedisRoomBus]) -> None:
    """A on sig-a, B on sig-c; sig-c dies and A leaves at once (B still counts as alive):
    sig-a's copy closes, holding no stand-in of B. Once sig-c's key expired, a survivor
    reaps B (before, nobody did: the session ended without B's ``room.client.left``)."""
    a, b, c = three_nodes
    events = record(three_nodes)
    room_a, alice, bob = await shared_session(three_nodes, events, MEETING)
    die(c)
    a.registry.leave(room_a, alice.id)
    await settled([a, b], lambda: len(of(events, "room.session.ended")) == 1
                  and any(e[3] == bob.id for e in of(events, "room.client.left")))
    [started] = of(events, "room.session.started")
    assert [e[2:] for e in of(events, "room.client.left")] == [
        (started[2], alice.id), (started[2], bob.id)]
    assert [e[2] for e in of(events, "room.session.ended")] == [started[2]]


async def test_a_room_a_live_node_shares_is_left_to_its_reaper(
        three_nodes: list[RedisRoomBus]) -> None:
    """A on sig-a, B on sig-c, which dies: sig-a's copy reaps B as before (sig-b, with no
    copy, takes no part), and A's leave ends the session."""
    a, b, c = three_nodes
    events = record(three_nodes)
    room_a, alice, bob = await shared_session(three_nodes, events, MEETING)
    die(c)
    await settled([a, b], lambda: any(e[3] == bob.id for e in of(events, "room.client.left")))
    assert [e[0] for e in of(events, "room.client.left")] == [a.node_id]
    assert not of(events, "room.session.ended")
    a.registry.leave(room_a, alice.id)
    await settled([a, b], lambda: len(of(events, "room.session.ended")) == 1)
    assert of(events, "room.session.ended")[0][0] == a.node_id


async def test_a_paused_node_back_before_its_key_expired_keeps_its_people(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """A node whose heartbeat is only late (its key still there) is not reaped: the script
    reads the key itself, atomically with the reap."""
    c = three_nodes[2]
    events = record(three_nodes)
    for name in ("A", "B"):
        await c.registry.join_shared(MEETING, name, "participant", FakeConn())
    await settled(three_nodes, lambda: len(of(events, "room.session.started")) == 1)
    for _ in range(3 * round(TTL / INTERVAL)):  # three TTLs of heartbeats from outside
        await redis.set(f"fjord:signode:{c.node_id}", "1", px=int(TTL * 1000))
        await asyncio.sleep(INTERVAL)
    assert not of(events, "room.client.left") and not of(events, "room.session.ended")
    assert await redis.hlen(members_key(MEETING.room_name)) == 2


async def insights(buses: list[RedisRoomBus], tmp_path: Path) -> tuple[Store, str]:
    """An insights store recording what ``buses`` see, and its organization's id, whose
    :data:`MEETING` they read from now on. The caller closes the store."""
    cipher = FieldCipher(Keyring(tmp_path / "keys" / "keyring", FileKek(tmp_path / "keys")))
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}", cipher)
    org = await store.ensure_organization("acme")
    meeting = replace(MEETING, organization_id=org)
    for bus in buses:
        bus.meetings[meeting.room_name] = meeting  # type: ignore[attr-defined]
        recorder = InsightsRecorder(store.insights)
        bus.registry.observers.append(recorder)
        bus.registry.ended_elsewhere.append(recorder.ended_elsewhere)
        bus.registry.unseen_stays.append(recorder.unseen_stay)
    return store, org


async def test_the_stays_of_a_dead_nodes_room_reach_insights(
        three_nodes: list[RedisRoomBus], tmp_path: Path) -> None:
    """The reaping node writes the session with both stays: when each was recorded (the
    entry's ``j``) to its reap, in the session since its start (the state's ``since``)."""
    store, org = await insights(three_nodes, tmp_path)
    try:
        meeting = replace(MEETING, organization_id=org)
        events, people, session = await everyone_on_c(three_nodes, meeting)
        await settled(three_nodes[:2], lambda: len(of(events, "room.session.ended")) == 1)

        async def both_stays() -> bool:
            return len(await store.insights.participants(org, session, None)) == 2

        assert await wait_until(both_stays, 10)
        stays = await store.insights.participants(org, session, None)
        assert {s["participantId"] for s in stays} == set(people)
        [summary] = await store.insights.room_sessions(org, meeting.room_name)
        assert summary["roomSessionId"] == session
        assert summary["totalUniqueParticipants"] == 2
    finally:
        await store.close()


async def test_nobody_reaps_without_the_sets_of_rooms(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """Redis lost the sets (or they expired): nothing is reaped from them, and the next join
    ends the session, as before (late, once)."""
    c = three_nodes[2]
    events = record(three_nodes)
    for name in ("A", "B"):
        await c.registry.join_shared(MEETING, name, "participant", FakeConn())
    await settled(three_nodes, lambda: len(of(events, "room.session.started")) == 1)
    await redis.delete(node_rooms_key(c.node_id))
    die(c)
    deadline = asyncio.get_running_loop().time() + 10
    while await redis.exists(f"fjord:signode:{c.node_id}"):
        assert asyncio.get_running_loop().time() < deadline, "node C never expired"
        await asyncio.sleep(0.05)
    await asyncio.sleep(3 * INTERVAL)  # the survivors' heartbeats look (and find no set)
    room, carol, _ = await three_nodes[0].registry.join_shared(MEETING, "C", "participant",
                                                               FakeConn())
    await settled(three_nodes[:2], lambda: len(of(events, "room.session.ended")) == 1)
    assert set(room.participants) == {carol.id}


async def test_after_redis_lost_its_data_the_sets_are_recorded_again(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """Redis loses its data while everyone is on sig-c, which records its people (and its
    set of rooms) again; when sig-c dies after that, a survivor reaps them all the same and
    ends the session sig-c recorded again."""
    c = three_nodes[2]
    events = record(three_nodes)
    for name in ("A", "B"):
        await c.registry.join_shared(MEETING, name, "participant", FakeConn())
    await settled(three_nodes, lambda: len(of(events, "room.session.started")) == 1)
    [started] = of(events, "room.session.started")
    await redis.flushdb()

    async def recorded_again() -> bool:
        return bool(await redis.sismember(node_rooms_key(c.node_id), MEETING.room_name)
                    and await redis.hget(state_key(MEETING.room_name), "session"))

    assert await wait_until(recorded_again, 10)
    die(c)
    await settled(three_nodes[:2], lambda: len(of(events, "room.session.ended")) == 1
                  and len(of(events, "room.client.left")) == 2)
    assert {e[2] for e in of(events, "room.client.left")} == {started[2]}
    assert [e[2] for e in of(events, "room.session.ended")] == [started[2]]


async def test_a_stalled_database_delays_the_reap_and_leaves_redis_up(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """The meeting is read within the heartbeat, whose time limit is Redis's: a database
    that does not answer only delays the reap (Redis does not count as away meanwhile:
    joins would be refused), which happens once it answers again."""
    a, b, c = three_nodes
    stalled = a.database_stalled  # type: ignore[attr-defined]
    stalled.set()
    events, people, session = await everyone_on_c(three_nodes)
    deadline = asyncio.get_running_loop().time() + 10 * TTL
    while asyncio.get_running_loop().time() < deadline:  # many heartbeats past the TTL
        assert a.redis_ready and b.redis_ready
        await asyncio.sleep(INTERVAL / 2)
    assert not of(events, "room.client.left")
    assert await redis.hlen(members_key(MEETING.room_name)) == 2
    stalled.clear()
    await settled([a, b], lambda: len(of(events, "room.session.ended")) == 1
                  and len(of(events, "room.client.left")) == 2)


async def test_a_room_ended_leaves_no_set_listing_it(
        redis, three_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """A host ends the meeting, its people on two nodes: neither node's set of rooms lists
    it any more (its entries went without a leave each: the sets would grow with every
    room a node ever ended while it lives)."""
    a, _, c = three_nodes
    events = record(three_nodes)
    room_a, host, _ = await a.registry.join_shared(MEETING, "H", "host", FakeConn())
    await c.registry.join_shared(MEETING, "B", "participant", FakeConn())
    await settled(three_nodes, lambda: len(of(events, "room.session.started")) == 1)
    for bus in (a, c):
        assert await redis.sismember(node_rooms_key(bus.node_id), MEETING.room_name)
    host_controls.apply(a.registry, room_a, host, m.EndMeeting(type="end-meeting"))
    await settled(three_nodes, lambda: len(of(events, "room.session.ended")) == 1
                  and not a.registry.rooms and not c.registry.rooms)

    async def unlisted() -> bool:
        return not any([await redis.sismember(node_rooms_key(bus.node_id), MEETING.room_name)
                        for bus in (a, c)])

    assert await wait_until(unlisted, 10)


async def test_a_dead_nodes_stay_in_a_shared_room_reaches_insights(
        three_nodes: list[RedisRoomBus], tmp_path: Path) -> None:
    """A on sig-a, B on sig-c, which dies: sig-a's copy reaps B, and its part of the
    session now holds B's stay too (before, only B's own node knew when B joined, and it
    died with it: insights had A alone)."""
    store, org = await insights(three_nodes, tmp_path)
    try:
        meeting = replace(MEETING, organization_id=org)
        a, b, c = three_nodes
        events = record(three_nodes)
        room_a, alice, bob = await shared_session(three_nodes, events, meeting)
        session = room_a.session_id
        die(c)
        await settled([a, b], lambda: any(e[3] == bob.id
                                           for e in of(events, "room.client.left")))
        a.registry.leave(room_a, alice.id)
        await settled([a, b], lambda: len(of(events, "room.session.ended")) == 1)

        async def both_stays() -> bool:
            return len(await store.insights.participants(org, session, None)) == 2

        assert await wait_until(both_stays, 10)
        stays = await store.insights.participants(org, session, None)
        assert {s["participantId"] for s in stays} == {alice.id, bob.id}
    finally:
        await store.close()
