"""A room's one session id across a Redis outage (real redis-server killed and started
again on the same port, no persistence: every key is gone), two node registries in one
process, as in test_redis_restart.py: a session running through the outage is not started
again, and one whose room emptied meanwhile ends once."""

from __future__ import annotations

import pytest

from cluster.room_bus import RedisRoomBus
from signaling.meeting_store import MeetingRecord
from signaling.rooms import Participant, Room, RoomBusUnavailable
from tests.features.room_fakes import FakeConn
from tests.ops.conftest import RedisServer
from tests.ops.test_redis_restart import alice_and_bob, until
from tests.ops.test_room_bus_sessions import Event, of, record

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def caught_up(nodes: list[RedisRoomBus]) -> bool:
    """Every node had a TTL since Redis came back and caught its rooms' sessions up."""
    return all(n.link.up and n.link.settled() and not n.sessions._orphans
               and n.sessions._caught_up >= n.link.restored and n._queue.empty()
               for n in nodes)


async def redis_away_in_a_session(buses: list[RedisRoomBus], redis_server: RedisServer,
                                  events: list[Event]) -> tuple[
        MeetingRecord, tuple[Room, Participant], tuple[Room, Participant], str | None]:
    """A through sig-a and B through sig-b (:func:`alice_and_bob`) share one session, then
    Redis stops and both buses see it down: ``(the meeting, (A's copy of the room, A), (B's
    copy, B), the session)``."""
    a, b = buses
    meeting, (room_a, alice, _), (room_b, bob, _) = await alice_and_bob(a, b)
    await until(lambda: len(of(events, "room.session.started")) == 1
                and room_a.session_id == room_b.session_id is not None, 10)
    redis_server.stop()
    await until(lambda: not a.redis_ready and not b.redis_ready, 10)
    return meeting, (room_a, alice), (room_b, bob), room_a.session_id


async def test_a_session_whose_room_emptied_while_redis_was_away_ends_once(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    a, b = buses
    events = record(buses)
    _, (room_a, alice), (room_b, bob), session = await redis_away_in_a_session(
        buses, redis_server, events)
    a.registry.leave(room_a, alice.id)
    b.registry.leave(room_b, bob.id)
    await until(lambda: a.recovery._unsent_left and b.recovery._unsent_left, 10)
    redis_server.start()  # empty: the session went with the data
    await until(lambda: len(of(events, "room.session.ended")) >= 1, 20)
    await until(lambda: caught_up(buses), 20)
    assert [e[2] for e in of(events, "room.session.ended")] == [session]
    assert len(of(events, "room.session.started")) == 1


async def test_a_session_running_through_a_redis_restart_is_not_started_again(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    a, b = buses
    events = record(buses)
    meeting, (room_a, alice), (room_b, bob), session = await redis_away_in_a_session(
        buses, redis_server, events)
    redis_server.start()
    carol = None
    while carol is None:  # a join as soon as Redis answers, before anyone recorded again
        try:
            _, carol, _ = await a.registry.join_shared(meeting, "C", "participant",
                                                       FakeConn())
        except RoomBusUnavailable:
            await until(lambda: a.link.up, 10, interval=0.02)
    await until(lambda: caught_up(buses), 20)
    a.registry.leave(room_a, carol.id)
    a.registry.leave(room_a, alice.id)
    await until(lambda: alice.id not in room_b.participants, 10)
    b.registry.leave(room_b, bob.id)
    await until(lambda: len(of(events, "room.session.ended")) >= 1, 10)
    await until(lambda: caught_up(buses), 10)
    assert len(of(events, "room.session.started")) == 1
    assert [e[2] for e in of(events, "room.session.ended")] == [session]
    [carol_joined] = [e for e in of(events, "room.client.joined") if e[3] == carol.id]
    assert carol_joined[2] == session
