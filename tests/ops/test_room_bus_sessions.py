"""One room session id cluster-wide (``room.session.started``/``ended``, ``roomSessionId``):
two (or three) node registries over a real redis-server, as in test_room_bus.py.

Before, each node started its own session when the room, as it saw it, held two people: a
room with people on two nodes got two ids, two ``room.session.started`` and at most one
``room.session.ended``. The room's state in Redis now holds its session, started and ended
by the scripts that count people in and out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cluster.room_bus import RedisRoomBus
from cluster.room_claim import claim_request, left_request
from cluster.room_keys import state_key
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring
from signaling import host_controls
from signaling import messages as m
from signaling.insights_recorder import InsightsRecorder
from signaling.meeting_store import MeetingRecord
from signaling.messages import participant_view
from signaling.room_model import Participant, Room
from signaling.room_policy import RoomPolicy
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.conftest import wait_until
from tests.ops.test_room_bus import (  # noqa: F401 (fixture)
    INTERVAL,
    TTL,
    FakeConn,
    meeting_record,
    nodes,
    until,
)

Event = tuple[str, str, str | None, str | None]
"""(node, event type, the roomSessionId its webhook names, participant id or None)."""


def record(buses: list[RedisRoomBus]) -> list[Event]:
    """Every room life-cycle event of ``buses``' registries, as the webhooks see them."""
    events: list[Event] = []
    for bus in buses:
        def observer(event: str, room: Room, participant: Participant | None,
                     node: str = bus.node_id) -> None:
            events.append((node, event, room.session_id,
                           participant.id if participant is not None else None))
        bus.registry.observers.append(observer)
    return events


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e[1] == kind]


async def settled(buses: list[RedisRoomBus], check: Callable[[], bool]) -> None:
    """Wait for ``check`` and for every bus to have sent what it queued (a duplicate event
    would come with the same steps)."""
    await until(check, timeout=10.0)
    await until(lambda: all(bus._queue.empty() for bus in buses), timeout=10.0)
    await until(check, timeout=10.0)


@pytest.fixture
async def two_nodes(redis) -> AsyncIterator[list[RedisRoomBus]]:  # noqa: ANN001
    """Nodes sig-a and sig-b on ``redis``. A test may let sig-b die (:func:`die`): only
    sig-a closes at the end, and sig-b's registry lets go of its bus."""
    buses = []
    for name in ("sig-a", "sig-b"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    try:
        yield buses
    finally:
        buses[1].registry.bus = None
        await buses[0].close()


def die(bus: RedisRoomBus) -> None:
    """``bus``'s node dies: no heartbeat, no goodbye."""
    for task in bus._tasks:
        task.cancel()


async def shared_session(buses: list[RedisRoomBus], events: list[Event],
                         meeting: MeetingRecord | None = None
                         ) -> tuple[Room, Participant, Participant]:
    """A joins through ``buses[0]``, B through ``buses[-1]``: one session, B in A's copy of
    the room (of ``meeting``, a new normal room by default): ``(A's copy, A, B)``."""
    meeting = meeting or meeting_record("normal")
    room_a, alice, _ = await buses[0].registry.join_shared(meeting, "A", "participant",
                                                           FakeConn())
    _, bob, _ = await buses[-1].registry.join_shared(meeting, "B", "participant", FakeConn())
    await settled(buses, lambda: len(of(events, "room.session.started")) == 1
                  and bob.id in room_a.participants)
    return room_a, alice, bob


async def test_one_session_id_for_people_on_two_nodes(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    """A via node 1, B via node 2: one session; C joins via node 1 and leaves; A and B leave
    through their own nodes: one end, naming the same id as every client event."""
    a, b = nodes
    events = record(nodes)
    meeting = meeting_record("normal")
    room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant", FakeConn())
    room_b, bob, _ = await b.registry.join_shared(meeting, "B", "participant", FakeConn())
    await settled(nodes, lambda: len(of(events, "room.session.started")) >= 1)
    [started] = of(events, "room.session.started")
    session = started[2]
    assert session is not None and started[0] == b.node_id  # the join that made it two
    await until(lambda: room_a.session_id == session)  # node 1 knows it too
    _, carol, _ = await a.registry.join_shared(meeting, "C", "participant", FakeConn())
    a.registry.leave(room_a, carol.id)
    a.registry.leave(room_a, alice.id)
    await until(lambda: alice.id not in room_b.participants)
    b.registry.leave(room_b, bob.id)
    await settled(nodes, lambda: len(of(events, "room.session.ended")) >= 1)
    assert len(of(events, "room.session.started")) == 1
    assert of(events, "room.session.ended") == [(b.node_id, "room.session.ended", session,
                                                 None)]
    joined = {e[3]: e for e in of(events, "room.client.joined")}
    assert joined[alice.id][2] is None  # alone: no session yet, as on one node
    assert joined[bob.id][2] == joined[carol.id][2] == session
    assert (joined[bob.id][0], joined[carol.id][0]) == (b.node_id, a.node_id)
    assert {e[2] for e in of(events, "room.client.left")} == {session}
    assert room_b.session_id is None  # the copy that told the end


async def test_simultaneous_joins_through_both_nodes_start_one_session(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    a, b = nodes
    events = record(nodes)
    meeting = meeting_record("group")
    joins = [await asyncio.gather(
        a.registry.join_shared(meeting, "A", "participant", FakeConn()),
        b.registry.join_shared(meeting, "B", "participant", FakeConn())) for _ in range(2)]
    await settled(nodes, lambda: len(of(events, "room.session.started")) >= 1
                  and len(of(events, "room.client.joined")) == 4)
    [started] = of(events, "room.session.started")
    session = started[2]
    named = [e[2] for e in of(events, "room.client.joined")]
    assert session is not None and sorted(named, key=str) == sorted(
        [None, session, session, session], key=str)
    # everyone leaves at once, through their own nodes
    for pair in joins:
        for node, (room, person, _) in zip(nodes, pair, strict=True):
            node.registry.leave(room, person.id)
    await settled(nodes, lambda: len(of(events, "room.session.ended")) >= 1
                  and len(of(events, "room.client.left")) == 4)
    assert [e[2] for e in of(events, "room.session.ended")] == [session]
    assert len(of(events, "room.session.started")) == 1


async def test_a_host_ending_the_meeting_ends_its_one_session_once(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    a, b = nodes
    events = record(nodes)
    meeting = meeting_record("normal")
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", FakeConn())
    await b.registry.join_shared(meeting, "B", "participant", FakeConn())
    await a.registry.join_shared(meeting, "C", "participant", FakeConn())
    await settled(nodes, lambda: len(of(events, "room.client.joined")) == 3)
    host_controls.apply(a.registry, room_a, host, m.EndMeeting(type="end-meeting"))
    await settled(nodes, lambda: len(of(events, "room.session.ended")) >= 1
                  and len(of(events, "room.client.left")) == 3)
    [started] = of(events, "room.session.started")
    assert [e[2] for e in of(events, "room.session.ended")] == [started[2]]


async def test_the_last_leave_after_a_dead_node_was_reaped_ends_the_session(
        two_nodes: list[RedisRoomBus]) -> None:
    """B's node dies; node 1 reaps B, then A, the last, leaves: node 1 ends the session
    node 2 started (before, node 1 knew of no session and nobody ended it)."""
    a, b = buses = two_nodes
    events = record(buses)
    room_a, alice, bob = await shared_session(buses, events)
    die(b)
    await until(lambda: bob.id not in room_a.participants, timeout=10.0)
    assert not of(events, "room.session.ended")  # A is still in it
    a.registry.leave(room_a, alice.id)
    await settled([a], lambda: len(of(events, "room.session.ended")) >= 1)
    [started] = of(events, "room.session.started")
    assert of(events, "room.session.ended") == [(a.node_id, "room.session.ended",
                                                 started[2], None)]


@pytest.mark.parametrize("first", [0, 1])
async def test_a_knocker_let_in_through_another_node_joins_the_one_session(
        nodes: list[RedisRoomBus], first: int) -> None:  # noqa: F811
    """A knocker let in (no claim of its own: its node records it) starts the session when
    it makes two, or names the running one."""
    a, b = nodes
    events = record(nodes)
    meeting = meeting_record("normal", locked=True)
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", FakeConn())
    if first:
        await a.registry.join_shared(meeting, "H2", "host", FakeConn())
    room_b, knocker, admitted = await b.registry.join_shared(meeting, "K", "participant",
                                                             FakeConn())
    assert not admitted
    await until(lambda: knocker.id in room_a.waiting)
    host_controls.apply(a.registry, room_a, host,
                        m.KnockAccept(type="knock-accept", participantId=knocker.id))
    await settled(nodes, lambda: any(e[3] == knocker.id for e in
                                     of(events, "room.client.joined")))
    [started] = of(events, "room.session.started")
    [knocker_joined] = [e for e in of(events, "room.client.joined") if e[3] == knocker.id]
    assert knocker_joined[2] == started[2] is not None
    assert started[0] == (b.node_id if not first else a.node_id)
    await until(lambda: room_a.session_id == room_b.session_id == started[2])


async def test_insights_merge_every_nodes_part_of_the_one_session(
        nodes: list[RedisRoomBus], tmp_path: Path) -> None:  # noqa: F811
    """Each node's insights see only their own people's stays: each writes its part of the
    session when it ends (where it ended, or on hearing of the end), under the one id,
    and the store merges them (before, node 1 knew of no session and wrote nothing)."""
    cipher = FieldCipher(Keyring(tmp_path / "keys" / "keyring", FileKek(tmp_path / "keys")))
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}", cipher)
    try:
        org = await store.ensure_organization("acme")
        for bus in nodes:
            recorder = InsightsRecorder(store.insights)
            bus.registry.observers.append(recorder)
            bus.registry.ended_elsewhere.append(recorder.ended_elsewhere)
        a, b = nodes
        events = record(nodes)
        meeting = replace(meeting_record("normal"), organization_id=org)
        room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant",
                                                        FakeConn())
        room_b, bob, _ = await b.registry.join_shared(meeting, "B", "participant", FakeConn())
        await until(lambda: room_a.session_id is not None and bob.id in room_a.participants)
        session = room_a.session_id
        b.registry.leave(room_b, bob.id)  # B's node first: A's node ends it
        await until(lambda: bob.id not in room_a.participants)
        a.registry.leave(room_a, alice.id)
        await settled(nodes, lambda: len(of(events, "room.session.ended")) == 1)

        async def both_parts() -> bool:
            stays = await store.insights.participants(org, session, None)
            return len(stays) == 2

        assert await wait_until(both_parts, 10)
        [summary] = await store.insights.room_sessions(org, meeting.room_name)
        assert summary["roomSessionId"] == session
        assert summary["totalUniqueParticipants"] == 2
        stays = await store.insights.participants(org, session, None)
        assert {s["participantId"] for s in stays} == {alice.id, bob.id}
    finally:
        await store.close()


async def test_a_session_whose_node_died_with_everyone_ends_at_the_next_join(
        redis, two_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """A and B on node 2, which dies: no node holds a stand-in of them, and these buses read
    no meeting from a database, so nobody reaps them (a node that does:
    test_dead_node_rooms.py). The next join (through node 1) finds the session's people
    gone and ends it, once; the joiner alone starts none."""
    a, b = buses = two_nodes
    events = record(buses)
    meeting = meeting_record("normal")
    await b.registry.join_shared(meeting, "A", "participant", FakeConn())
    await b.registry.join_shared(meeting, "B", "participant", FakeConn())
    await settled(buses, lambda: len(of(events, "room.session.started")) == 1)
    die(b)

    async def expired() -> bool:
        return not await redis.exists(f"fjord:signode:{b.node_id}")

    deadline = asyncio.get_running_loop().time() + 10
    while not await expired():
        assert asyncio.get_running_loop().time() < deadline, "node B never expired"
        await asyncio.sleep(0.05)
    room_a, carol, _ = await a.registry.join_shared(meeting, "C", "participant",
                                                    FakeConn())
    await settled([a], lambda: len(of(events, "room.session.ended")) == 1)
    [started] = of(events, "room.session.started")
    assert of(events, "room.session.ended") == [(a.node_id, "room.session.ended",
                                                 started[2], None)]
    assert room_a.session_id is None and set(room_a.participants) == {carol.id}


async def test_the_last_leave_before_a_dead_node_expired_ends_the_session(
        redis, two_nodes: list[RedisRoomBus]) -> None:  # noqa: ANN001
    """Tester finding: A on node 1, B on node 2; node 2 dies and A leaves at once, before
    node 2's heartbeat key expired. A's leave counted B as alive and ended nothing, and
    node 1, its copy of the room closed, held no stand-in of B to reap: the session never
    ended (no ``room.session.ended``, no insights of it). Node 1 now looks again once a
    dead node's key must have expired, and ends it."""
    a, b = buses = two_nodes
    events = record(buses)
    meeting = meeting_record("normal")
    room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant",
                                                    FakeConn())
    await b.registry.join_shared(meeting, "B", "participant", FakeConn())
    await settled(buses, lambda: len(of(events, "room.session.started")) == 1)
    die(b)
    a.registry.leave(room_a, alice.id)  # at once: B's node still counts as alive
    await settled([a], lambda: len(of(events, "room.session.ended")) >= 1)
    [started] = of(events, "room.session.started")
    assert of(events, "room.session.ended") == [(a.node_id, "room.session.ended",
                                                 started[2], None)]
    assert await redis.hget(state_key(meeting.room_name), "session") is None


async def test_a_given_back_place_keeps_the_session_others_were_told(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    """Tester finding (Redis paused during two joins): B's claim through node 2 ran only
    after node 2 gave up on it, and started the session as the second person with A; C's
    claim through node 1 ran next and was told that session (C's ``room.client.joined``
    named it). Node 2 then gave B's place back, which dropped the session untold: A's and
    C's events named a session with no ``room.session.started`` nor ``ended``. The place
    given back now keeps a session others were told, and its node tells its start."""
    a, b = nodes
    events = record(nodes)
    meeting = meeting_record("normal")
    room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant", FakeConn())
    bob = participant_view("p_bob", "B", "participant", False, None, None, None)
    keys, args = claim_request(meeting, bob, "member", 4, True, RoomPolicy(), None,
                               b.node_id, False, b.link.boot or "")
    await b._claim(keys=keys, args=args)  # run after node 2 gave up on it
    _, carol, _ = await a.registry.join_shared(meeting, "C", "participant", FakeConn())
    b.recovery.unsent(meeting.room_name, *left_request(meeting, "p_bob", given_back=True),
                      "left", meeting=meeting)
    await settled(nodes, lambda: len(of(events, "room.session.started")) == 1)
    [started] = of(events, "room.session.started")
    [carol_joined] = [e for e in of(events, "room.client.joined") if e[3] == carol.id]
    assert started[2] == carol_joined[2] is not None
    a.registry.leave(room_a, carol.id)
    a.registry.leave(room_a, alice.id)
    await settled(nodes, lambda: len(of(events, "room.session.ended")) == 1)
    assert [e[2] for e in of(events, "room.session.ended")] == [started[2]]
    assert len(of(events, "room.session.started")) == 1


async def test_a_dead_nodes_participant_gets_one_client_left_naming_the_session(
        two_nodes: list[RedisRoomBus]) -> None:
    """Tester finding: B's node is killed; node 1 reaps B and tells its people
    ``participant-left``, but only a participant's own node sent its
    ``room.client.left``: a webhook consumer saw B join the session and never leave. The
    node that reaps it (one cluster-wide) now sends it, naming the running session."""
    a, b = buses = two_nodes
    events = record(buses)
    room_a, alice, bob = await shared_session(buses, events)
    die(b)
    await settled([a], lambda: any(e[3] == bob.id for e in of(events, "room.client.left")))
    [started] = of(events, "room.session.started")
    assert [e for e in of(events, "room.client.left") if e[3] == bob.id] == [
        (a.node_id, "room.client.left", started[2], bob.id)]
    a.registry.leave(room_a, alice.id)
    await settled([a], lambda: len(of(events, "room.session.ended")) == 1)
    assert [e[3] for e in of(events, "room.client.left")] == [bob.id, alice.id]


async def test_a_leave_racing_a_join_through_another_node_reaches_that_node(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    """Tester finding: A (node 1) left just as B joined through node 2, before node 1 heard
    of B: its ``left`` went only to the nodes its copy of the room knew (none), so node 2
    kept A as a ghost (B never got ``participant-left``). The leave now also reaches the
    nodes of the people Redis still holds in the room."""
    a, b = nodes
    meeting = meeting_record("normal")
    room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant", FakeConn())
    conn_b = FakeConn()
    room_b, _, _ = await b.registry.join_shared(meeting, "B", "participant", conn_b)
    assert alice.id in room_b.participants
    a.registry.leave(room_a, alice.id)  # node 1 has not heard of B yet
    await until(lambda: alice.id not in room_b.participants, timeout=10.0)
    await until(lambda: any(m["type"] == "participant-left" for m in conn_b.sent),
                timeout=10.0)
