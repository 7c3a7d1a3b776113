"""Reactions in a room whose people are on two signaling nodes (cluster.room_bus): two node
registries in one process, a real redis-server between them. A reaction sent on one node
reaches everyone on both, as chat does, and only once each."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from cluster.room_bus import RedisRoomBus
from signaling import messages as m
from signaling.reactions import ReactionSender
from signaling.rooms import RoomRegistry

sys.path.insert(0, str(Path(__file__).parent.parent / "features"))
from room_fakes import FakeConn, meeting_record  # noqa: E402


async def until(check, timeout: float = 3.0) -> None:  # noqa: ANN001
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.fixture
async def nodes(redis) -> AsyncIterator[list[RedisRoomBus]]:  # noqa: ANN001
    buses = []
    for name in ("sig-a", "sig-b"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=0.6, interval=0.1)
        await bus.start()
        buses.append(bus)
    yield buses
    for bus in buses:
        await bus.close()


def reactions(conn: FakeConn) -> list[dict]:
    return [message for message in conn.sent if message["type"] == "reaction"]


async def test_a_reaction_reaches_the_people_of_both_nodes_once(
        nodes: list[RedisRoomBus]) -> None:
    a, b = nodes
    meeting = meeting_record("group")
    host_conn, ada_conn, bo_conn = FakeConn(), FakeConn(), FakeConn()
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", host_conn)
    room_b, ada, _ = await b.registry.join_shared(meeting, "A", "participant", ada_conn)
    _, bo, _ = await b.registry.join_shared(meeting, "B", "participant", bo_conn)
    await until(lambda: {ada.id, bo.id} <= set(room_a.participants)
                and host.id in room_b.participants)
    sent = m.parse_client_message(
        '{"type":"reaction","reaction":"thumbs-up","skinTone":"medium"}')
    ReactionSender().send(room_b, room_b.participants[ada.id], sent)
    expected = {"type": "reaction", "from": ada.id, "reaction": "thumbs-up",
                "skinTone": "medium"}
    await until(lambda: reactions(host_conn) == [expected])
    ReactionSender().send(room_a, host, m.Reaction(type="reaction", reaction="heart"))
    from_host = {"type": "reaction", "from": host.id, "reaction": "heart"}
    await until(lambda: all(from_host in reactions(c) for c in (ada_conn, bo_conn)))
    # A last one from node B: the bus keeps each node's order, so a duplicate of the first
    # two would be in before it.
    ReactionSender().send(room_b, room_b.participants[bo.id],
                          m.Reaction(type="reaction", reaction="laugh"))
    last = {"type": "reaction", "from": bo.id, "reaction": "laugh"}
    for conn in (host_conn, ada_conn, bo_conn):
        await until(lambda conn=conn: last in reactions(conn))
        assert reactions(conn) == [expected, from_host, last]
