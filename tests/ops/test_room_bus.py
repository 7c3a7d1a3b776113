"""Rooms across signaling nodes (cluster.room_bus): two node registries in one process, a real
redis-server between them, and recording connections."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from cluster.room_bus import RedisRoomBus, decode, members_key
from signaling import host_controls
from signaling import messages as m
from signaling.chat import ChatSender
from signaling.chat import delete as chat_delete
from signaling.rooms import RECORDER, Participant, RoomEnded, RoomFull, RoomRegistry

sys.path.insert(0, str(Path(__file__).parent.parent / "features"))
from room_fakes import FakeConn, meeting_record  # noqa: E402

TTL, INTERVAL = 0.6, 0.1


async def until(check: Callable[[], bool], timeout: float = 3.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def types(conn: FakeConn) -> list[str]:
    return [message["type"] for message in conn.sent]


@pytest.fixture
async def nodes(redis) -> AsyncIterator[list[RedisRoomBus]]:  # noqa: ANN001
    buses = []
    for name in ("sig-a", "sig-b"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    yield buses
    for bus in buses:
        await bus.close()


async def test_members_relay_and_leave_across_nodes(nodes: list[RedisRoomBus]) -> None:
    a, b = nodes
    meeting = meeting_record("normal")
    conn_a, conn_b = FakeConn(), FakeConn()
    _, alice, _ = await a.registry.join_shared(meeting, "A", "participant", conn_a)
    room_b, bob, admitted = await b.registry.join_shared(meeting, "B", "participant", conn_b)
    assert admitted
    assert set(room_b.participants) == {alice.id, bob.id}  # alice mirrored before bob joined
    await until(lambda: "participant-joined" in types(conn_a))
    assert conn_a.sent[-1]["participant"]["id"] == bob.id
    room_a = a.registry.get(meeting.room_name)
    assert room_a is not None and room_a.participants[bob.id].node == b.node_id
    # a relay through the stand-in reaches bob's real connection on node B
    room_a.participants[bob.id].conn.send({"type": "offer", "from": alice.id, "sdp": "x"})
    await until(lambda: "offer" in types(conn_b))
    b.registry.leave(room_b, bob.id)
    await until(lambda: "participant-left" in types(conn_a))
    await until(lambda: bob.id not in room_a.participants)
    assert b.registry.get(meeting.room_name) is None  # only a stand-in was left on B
    assert types(conn_a).count("participant-left") == 1


async def test_room_size_limit_holds_across_nodes(nodes: list[RedisRoomBus]) -> None:
    a, b = nodes
    meeting = meeting_record("normal")
    for i in range(4):
        node = (a, b)[i % 2]
        await node.registry.join_shared(meeting, f"P{i}", "participant", FakeConn())
    for node in (a, b):
        with pytest.raises(RoomFull):
            await node.registry.join_shared(meeting, "P5", "participant", FakeConn())
    assert await a.redis.hlen(members_key(meeting.room_name)) == 4


async def test_the_recorder_takes_no_place_in_a_normal_room(nodes: list[RedisRoomBus]) -> None:
    """A cloud-recorded normal room holds 4 people plus the recorder, across nodes too."""
    a, b = nodes
    meeting = meeting_record("normal")
    room = a.registry.open(meeting)
    a.registry.add_participant(room, Participant("p_rec", "Recorder", RECORDER, FakeConn()))
    key = members_key(meeting.room_name)
    for _ in range(100):  # the bus writes the recorder's entry in the background
        if await a.redis.hexists(key, "p_rec"):
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the recorder never reached Redis")
    for i in range(4):
        node = (b, a)[i % 2]
        await node.registry.join_shared(meeting, f"P{i}", "participant", FakeConn())
    for node in (a, b):
        with pytest.raises(RoomFull):
            await node.registry.join_shared(meeting, "P5", "participant", FakeConn())
    assert await a.redis.hlen(key) == 5


async def test_lock_unlock_and_end_reach_the_other_node(nodes: list[RedisRoomBus]) -> None:
    a, b = nodes
    meeting = meeting_record("normal")
    host_conn, knocker_conn = FakeConn(), FakeConn()
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", host_conn)
    host_controls.apply(a.registry, room_a, host, m.Lock(type="lock", locked=True))
    await until(lambda: a._queue.empty())
    room_b, knocker, admitted = await b.registry.join_shared(meeting, "K", "participant",
                                                             knocker_conn)
    assert not admitted and room_b.locked and knocker.id in room_b.waiting
    host_controls.apply(a.registry, room_a, host, m.Lock(type="lock", locked=False))
    await until(lambda: knocker.id in room_b.participants)  # admitted on its own node
    await until(lambda: knocker.id in room_a.participants)
    await until(lambda: any(msg["type"] == "participant-joined"
                            and msg["participant"]["id"] == knocker.id for msg in host_conn.sent))
    host_controls.apply(a.registry, room_a, host, m.EndMeeting(type="end-meeting"))
    await until(lambda: knocker_conn.closed is not None)
    assert "meeting-ended" in types(knocker_conn) and b.registry.get(meeting.room_name) is None
    assert types(knocker_conn).count("meeting-ended") == 1
    b.registry._ended.clear()  # a node that never saw the end: Redis refuses the join too
    with pytest.raises(RoomEnded):  # refused on every node until the meeting's end
        await b.registry.join_shared(meeting, "L", "participant", FakeConn())


async def test_dead_node_participants_leave_once(redis) -> None:  # noqa: ANN001
    buses = []
    for name in ("sig-a", "sig-b", "sig-c"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    a, b, c = buses
    meeting = meeting_record("group")
    conn_a, conn_b, conn_c = FakeConn(), FakeConn(), FakeConn()
    await a.registry.join_shared(meeting, "A", "participant", conn_a)
    _, bob, _ = await b.registry.join_shared(meeting, "B", "participant", conn_b)
    await c.registry.join_shared(meeting, "C", "participant", conn_c)
    await until(lambda: len(a.registry.get(meeting.room_name).participants) == 3)
    for task in b._tasks:  # node B dies: no heartbeat, no goodbye
        task.cancel()
    try:
        await until(lambda: bob.id not in a.registry.get(meeting.room_name).participants
                    and bob.id not in c.registry.get(meeting.room_name).participants)
        await asyncio.sleep(3 * INTERVAL)
        left = [msg for conn in (conn_a, conn_c) for msg in conn.sent
                if msg["type"] == "participant-left"]
        assert [msg["participantId"] for msg in left] == [bob.id, bob.id]  # once each
        assert not await redis.hexists(members_key(meeting.room_name), bob.id)
    finally:
        b.registry.bus = None
        for bus in (a, c):
            await bus.close()


async def test_malformed_envelopes_are_counted_drops(nodes: list[RedisRoomBus]) -> None:
    a, _ = nodes
    for bad in (b"not json", b"[]", b'{"k": "msg"}', b'{"k": 1, "r": "x"}'):
        with pytest.raises(ValueError):
            a.handle(decode(bad))
    with pytest.raises(ValueError):
        a.handle({"k": "nope", "r": "room"})
    with pytest.raises(KeyError):
        a.handle({"k": "join", "r": "room"})
    a.handle({"k": "msg", "r": "no-such-room", "p": "p_x", "m": {}})  # dropped, counted


async def test_host_removes_a_participant_of_the_other_node(
    nodes: list[RedisRoomBus],
) -> None:
    a, b = nodes
    events: dict[str, list[str]] = {"a": [], "b": []}
    a.registry.observers.append(lambda event, room, p: events["a"].append(event))
    b.registry.observers.append(lambda event, room, p: events["b"].append(event))
    meeting = meeting_record("normal")
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", FakeConn())
    guest_conn = FakeConn()
    room_b, guest, _ = await b.registry.join_shared(meeting, "G", "participant", guest_conn)
    await until(lambda: guest.id in room_a.participants)
    host_controls.apply(a.registry, room_a, host,
                        m.Remove(type="remove", participantId=guest.id))
    await until(lambda: guest_conn.closed is not None and guest.id not in room_b.participants)
    assert guest_conn.closed[0] == host_controls.REMOVED_CLOSE and "removed" in types(guest_conn)
    assert events["a"].count("room.client.joined") == 1 and "room.client.left" not in events["a"]
    # client events on the guest's own node only; the session started where its 2nd joined
    assert events["b"] == ["room.client.joined", "room.session.started", "room.client.left"]


@pytest.mark.parametrize("node_name", ["sig-a", "n" * 64])
async def test_a_host_deletes_a_chat_message_sent_on_a_multi_node_room(
        redis, node_name: str) -> None:  # noqa: ANN001
    """Chat ids carry the bus node id, which holds a dot: ``chat-delete`` takes them."""
    bus = RedisRoomBus(redis, RoomRegistry(4, 200), node_name, ttl=TTL, interval=INTERVAL)
    await bus.start()
    try:
        conn = FakeConn()
        room, host, _ = await bus.registry.join_shared(meeting_record("normal"), "H", "host",
                                                       conn)
        room.chat_seq = 123_456_789  # a long-lived node's counter
        ChatSender().send(room, host, m.Chat(type="chat", text="oops"))
        sent = conn.sent[-1]["id"]
        assert "." in sent
        delete = m.parse_client_message(f'{{"type":"chat-delete","messageId":"{sent}"}}')
        chat_delete(room, host, delete)
        assert conn.sent[-1] == {"type": "chat-deleted", "messageId": sent, "by": host.id}
    finally:
        await bus.close()
