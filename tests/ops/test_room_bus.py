"""Rooms across signaling nodes (cluster.room_bus): two node registries in one process, a real
redis-server between them, and recording connections.

Over 600 lines: one test per way the nodes' copies of a room can disagree (membership,
knocks, lock, end, readmission, policy, dead nodes, Redis away), each on the same two
in-process nodes, whose fixture and helpers they share."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from cluster.room_bus import RedisRoomBus
from cluster.room_keys import decode, knockers_key, members_key
from signaling import host_controls
from signaling import messages as m
from signaling.chat import ChatSender
from signaling.chat import delete as chat_delete
from signaling.room_model import Participant
from signaling.room_policy import RoomPolicy
from signaling.rooms import RECORDER, RoomEnded, RoomFull, RoomRegistry

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


async def test_a_host_deletes_chat_of_the_other_node_and_no_made_up_id(
        nodes: list[RedisRoomBus]) -> None:
    """The host's node checks chat-delete: its own ids by its count, another node's (which
    only that node counts: chat is kept nowhere) by their shape. A deletion of a message
    sent on the other node still reaches everyone; an id no node issues reaches no one."""
    a, b = nodes
    meeting = meeting_record("normal")
    host_conn, guest_conn = FakeConn(), FakeConn()
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", host_conn)
    room_b, guest, _ = await b.registry.join_shared(meeting, "G", "participant", guest_conn)
    await until(lambda: guest.id in room_a.participants and host.id in room_b.participants)
    ChatSender().send(room_b, room_b.participants[guest.id], m.Chat(type="chat", text="hi"))
    await until(lambda: "chat" in types(host_conn))
    sent = next(msg["id"] for msg in host_conn.sent if msg["type"] == "chat")
    assert sent.startswith(f"m_{b.node_id}.")
    for made_up in ("m_999", f"{room_a.chat_prefix}1", f"{room_b.chat_prefix}01"):
        with pytest.raises(m.ProtocolError) as caught:
            chat_delete(room_a, host, m.ChatDelete(type="chat-delete", messageId=made_up))
        assert caught.value.code == "unknown_chat_message", made_up
    chat_delete(room_a, host, m.ChatDelete(type="chat-delete", messageId=sent))
    await until(lambda: "chat-deleted" in types(guest_conn))
    deleted = [msg for msg in guest_conn.sent if msg["type"] == "chat-deleted"]
    assert deleted == [{"type": "chat-deleted", "messageId": sent, "by": host.id}]


async def test_a_room_opened_again_on_a_node_does_not_reuse_its_chat_ids(
        nodes: list[RedisRoomBus]) -> None:
    """Node A's copy of the room empties while B's guest stays, then opens again: its
    count restarted at 1 under the same prefix, so the guest held two messages of one id
    and a host's deletion of the new one removed the old one too."""
    a, b = nodes
    meeting = meeting_record("normal")
    guest_conn = FakeConn()
    room_b, guest, _ = await b.registry.join_shared(meeting, "G", "participant", guest_conn)
    def chats() -> list[str]:
        return [x["id"] for x in guest_conn.sent if x["type"] == "chat"]

    for name in ("Ann", "Bea"):
        room_a, person, _ = await a.registry.join_shared(meeting, name, "host", FakeConn())
        pid, seen = person.id, len(chats())
        await until(lambda: pid in room_b.participants)  # noqa: B023 (awaited here)
        ChatSender().send(room_a, person, m.Chat(type="chat", text=f"from {name}"))
        await until(lambda: len(chats()) == seen + 1)  # noqa: B023
        a.registry.leave(room_a, pid)
        await until(lambda: pid not in room_b.participants)  # noqa: B023
        assert meeting.room_name not in a.registry.rooms  # A's copy closed
    first, second = chats()
    assert first != second and guest.id in room_b.participants


async def test_a_host_answers_knockers_of_the_other_node(nodes: list[RedisRoomBus]) -> None:
    """Knocking on node B, answered by a host of node A: let in, turned away, held. The
    host's node found nobody knocking (``unknown_knock``) and the knocker waited for ever."""
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    host_conn = FakeConn()
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", host_conn)
    knockers = []
    for name in ("K1", "K2", "K3"):
        conn = FakeConn()
        room_b, knocker, admitted = await b.registry.join_shared(meeting, name,
                                                                 "participant", conn)
        assert not admitted
        knockers.append((knocker, conn))
    await until(lambda: types(host_conn).count("knock") == 3
                and all(k.id in room_a.waiting for k, _ in knockers))
    (k1, c1), (k2, c2), (k3, c3) = knockers
    host_controls.apply(a.registry, room_a, host,
                        m.KnockAccept(type="knock-accept", participantId=k1.id))
    await until(lambda: k1.id in room_b.participants and k1.id in room_a.participants)
    assert k1.id not in room_a.waiting
    await until(lambda: any(msg["type"] == "participant-joined"
                            and msg["participant"]["id"] == k1.id for msg in host_conn.sent))
    assert {"type": "knock-cancelled", "participantId": k1.id} in host_conn.sent
    host_controls.apply(a.registry, room_a, host, m.KnockReject(
        type="knock-reject", participantId=k2.id, message="not today"))
    await until(lambda: c2.closed is not None)
    assert c2.closed[0] == host_controls.KNOCK_REJECTED_CLOSE
    assert {"type": "knock-rejected", "message": "not today"} in c2.sent
    await until(lambda: k2.id not in room_a.waiting)
    host_controls.apply(a.registry, room_a, host, m.KnockHold(
        type="knock-hold", participantId=k3.id, message="one minute"))
    await until(lambda: {"type": "knock-held", "message": "one minute"} in c3.sent)
    assert k3.id in room_b.waiting and k3.id in room_a.waiting
    # a host joining later on node A is shown the knocker still waiting on node B
    late_conn = FakeConn()
    _, late, _ = await a.registry.join_shared(meeting, "H2", "host", late_conn)
    assert room_a.knocks() == [{"id": k3.id, "displayName": "K3"}]
    await until(lambda: late.id in room_b.participants)
    # and a knocker gone from node B is gone from node A too
    b.registry.leave(room_b, k3.id)
    await until(lambda: k3.id not in room_a.waiting)
    assert {"type": "knock-cancelled", "participantId": k3.id} in late_conn.sent


async def test_hosts_who_joined_after_a_knock_see_the_knocker_let_in(redis) -> None:  # noqa: ANN001
    """Node B holds only a knocker; hosts then join on node C. Unlocked on C, the knocker
    enters on B: C's hosts are told, and the knocker is told of them. Node B knew only the
    room's members at the time of the knock, so neither happened."""
    buses = []
    for name in ("sig-b", "sig-c"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    b, c = buses
    try:
        meeting = meeting_record("normal", locked=True)
        knocker_conn = FakeConn()
        room_b, knocker, _ = await b.registry.join_shared(meeting, "K", "participant",
                                                          knocker_conn)
        await asyncio.wait_for(b._queue.join(), 3)  # the knock is recorded
        host_conn = FakeConn()
        room_c, host, _ = await c.registry.join_shared(meeting, "H", "host", host_conn)
        assert room_c.knocks() == [{"id": knocker.id, "displayName": "K"}]
        await until(lambda: host.id in room_b.participants)
        host_controls.apply(c.registry, room_c, host, m.Lock(type="lock", locked=False))
        await until(lambda: knocker.id in room_c.participants)
        await until(lambda: any(msg["type"] == "participant-joined"
                                and msg["participant"]["id"] == knocker.id
                                for msg in host_conn.sent))
        assert host.id in room_b.participants
    finally:
        for bus in buses:
            await bus.close()


async def test_a_dead_nodes_knocker_is_cancelled_once(redis) -> None:  # noqa: ANN001
    buses = []
    for name in ("sig-a", "sig-b", "sig-c"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    a, b, c = buses
    meeting = meeting_record("normal", locked=True)
    conn_a, conn_c = FakeConn(), FakeConn()
    room_a, _, _ = await a.registry.join_shared(meeting, "HA", "host", conn_a)
    room_c, _, _ = await c.registry.join_shared(meeting, "HC", "host", conn_c)
    _, knocker, _ = await b.registry.join_shared(meeting, "K", "participant", FakeConn())
    await until(lambda: knocker.id in room_a.waiting and knocker.id in room_c.waiting)
    for task in b._tasks:  # node B dies: no heartbeat, no goodbye
        task.cancel()
    try:
        await until(lambda: knocker.id not in room_a.waiting
                    and knocker.id not in room_c.waiting)
        await asyncio.sleep(3 * INTERVAL)
        cancelled = [msg for conn in (conn_a, conn_c) for msg in conn.sent
                     if msg["type"] == "knock-cancelled"]
        assert cancelled == [{"type": "knock-cancelled", "participantId": knocker.id}] * 2
    finally:
        b.registry.bus = None
        for bus in (a, c):
            await bus.close()


async def test_a_local_recording_on_a_dead_node_stops_for_the_others(redis) -> None:  # noqa: ANN001
    """The recording host's node dies: the others were told ``recording`` and never
    ``stopped``; the node that reaps it tells everyone once."""
    buses = []
    for name in ("sig-a", "sig-b", "sig-c"):
        bus = RedisRoomBus(redis, RoomRegistry(4, 200), name, ttl=TTL, interval=INTERVAL)
        await bus.start()
        buses.append(bus)
    a, b, c = buses
    meeting = meeting_record("normal")
    conn_a, conn_c = FakeConn(), FakeConn()
    room_a, _, _ = await a.registry.join_shared(meeting, "A", "participant", conn_a)
    room_c, _, _ = await c.registry.join_shared(meeting, "C", "participant", conn_c)
    room_b, host, _ = await b.registry.join_shared(meeting, "H", "host", FakeConn())
    await until(lambda: host.id in room_a.participants and host.id in room_c.participants)
    room_b.recording_hosts.add(host.id)  # as RecordingControl.local_command does
    b.recording_changed(room_b, host.id, True)
    await until(lambda: host.id in room_a.recording_hosts and host.id in room_c.recording_hosts)
    await asyncio.wait_for(b._queue.join(), 3)
    late = await a.registry.join_shared(meeting, "L", "participant", FakeConn())
    assert late[0].recording_hosts == {host.id}
    for task in b._tasks:  # node B dies: no heartbeat, no goodbye
        task.cancel()
    try:
        await until(lambda: not room_a.recording_hosts and not room_c.recording_hosts)
        await asyncio.sleep(3 * INTERVAL)
        stopped = [msg for conn in (conn_a, conn_c) for msg in conn.sent
                   if msg["type"] == "recording-status"]
        assert stopped == [{"type": "recording-status", "status": "stopped",
                            "kind": "local"}] * 2
        again = await c.registry.join_shared(meeting, "L2", "participant", FakeConn())
        assert again[0].recording_hosts == set()
    finally:
        b.registry.bus = None
        for bus in (a, c):
            await bus.close()


@pytest.mark.parametrize("envelopes", ["delivered", "lost"])
async def test_a_node_presumed_dead_tells_its_reaped_people_to_join_again(
        nodes: list[RedisRoomBus], envelopes: str) -> None:
    """Node B stops heartbeating (paused, or cut off from Redis) long enough for A to reap
    its participant, then comes back: A told everyone ``participant-left`` and the place is
    free, so B's participant would otherwise stay in a room nobody else sees it in. B tells
    it ``unavailable``, drops it without telling anyone again and closes its socket (its
    client joins again): on A's ``left``, or, when B's channel lost that, on B's first
    heartbeat back. B's participant in a room no other node shares was not reaped and
    stays (these buses read no meeting from a database; a node that does reaps it too:
    test_dead_node_rooms.py)."""
    a, b = nodes
    meeting, alone = meeting_record("group"), meeting_record("group")
    conn_a, conn_b, conn_alone = FakeConn(), FakeConn(), FakeConn()
    room_a, _, _ = await a.registry.join_shared(meeting, "A", "participant", conn_a)
    room_b, bob, _ = await b.registry.join_shared(meeting, "B", "participant", conn_b)
    await b.registry.join_shared(alone, "C", "participant", conn_alone)
    await until(lambda: bob.id in room_a.participants)
    b._tasks[-1].cancel()  # B's heartbeats stop
    if envelopes == "lost":
        b._tasks[0].cancel()  # and its channel hears nothing more
    await until(lambda: bob.id not in room_a.participants)
    assert not await a.redis.hexists(members_key(meeting.room_name), bob.id)
    if envelopes == "lost":
        await asyncio.sleep(2 * INTERVAL)
        assert conn_b.closed is None
        b._tasks[-1] = asyncio.create_task(b._watch())  # B is back
    await until(lambda: conn_b.closed is not None)
    if envelopes == "delivered":
        b._tasks[-1] = asyncio.create_task(b._watch())  # B is back
    assert conn_b.closed == (1012, "join again")
    assert conn_b.sent[-1]["type"] == "error" and conn_b.sent[-1]["code"] == "unavailable"
    assert bob.id not in room_b.participants
    await asyncio.sleep(4 * INTERVAL)
    assert conn_alone.closed is None and "error" not in types(conn_alone)
    assert types(conn_b).count("error") == 1
    assert types(conn_a).count("participant-left") == 1


async def test_a_join_let_in_after_a_dead_node_keeps_its_place_when_the_reap_fails(
        nodes: list[RedisRoomBus], monkeypatch: pytest.MonkeyPatch) -> None:
    """A join that finds a normal room full through a dead node's places waits for its key
    to expire and claims again; the reap of the dead node's people right after it hit a
    Redis error, and the join was refused ``unavailable`` with its place already claimed:
    the place leaked until the meeting ended. Now the join goes on (the next check
    reaps)."""
    a, b = nodes
    meeting = meeting_record("normal")
    room_a, _, _ = await a.registry.join_shared(meeting, "A", "participant", FakeConn())
    for name in ("B1", "B2", "B3"):
        await b.registry.join_shared(meeting, name, "participant", FakeConn())
    await until(lambda: len(room_a.participants) == 4)
    for task in b._tasks:  # node B dies: no heartbeat, no goodbye
        task.cancel()
    await until(a.link.settled)  # a node just started counts every place (Redis's grace)

    real_reap = a.reap

    async def reap_fails_in_the_join() -> None:
        if asyncio.current_task() is join:
            raise RedisConnectionError("connection lost")
        await real_reap()  # the node's own check

    with monkeypatch.context() as patch:
        patch.setattr(a, "reap", reap_fails_in_the_join)
        join = asyncio.create_task(a.registry.join_shared(meeting, "N", "participant",
                                                          FakeConn()))
        _, joiner, admitted = await join
    assert admitted and joiner.id in room_a.participants
    assert await a.redis.hexists(members_key(meeting.room_name), joiner.id)
    await until(lambda: len(room_a.participants) == 2)  # the next check reaped B's
    assert await a.redis.hlen(members_key(meeting.room_name)) == 2


@pytest.mark.parametrize(("mode", "cloud_recorded"), [("group", False), ("normal", True)])
async def test_a_room_keeps_the_policy_it_started_with_on_every_node(
        nodes: list[RedisRoomBus], mode: str, cloud_recorded: bool) -> None:
    """The organization turns end-to-end encryption on while a room runs on node A; node B
    then opens its copy for its first joiner. Each node read the setting for itself, so B's
    copy was end-to-end encrypted (a group room) or peer to peer (a cloud-recorded normal
    room) while A's was not: the room split in two. Every node now takes the policy the room
    started with, and the setting applies from the room's next session, on any node."""
    a, b = nodes
    meeting = replace(meeting_record(mode), cloud_recording=cloud_recorded)
    before, after = RoomPolicy(), RoomPolicy(end_to_end_encryption=True)
    room_a, ann, _ = await a.registry.join_shared(meeting, "Ann", "host", FakeConn(),
                                                  policy=before)
    room_b, bea, _ = await b.registry.join_shared(meeting, "Bea", "participant", FakeConn(),
                                                  policy=after)
    assert (room_b.topology, room_b.end_to_end_encrypted) == (
        room_a.topology, room_a.end_to_end_encrypted) == ("sfu", False)
    for node, room, person in ((a, room_a, ann), (b, room_b, bea)):
        node.registry.leave(room, person.id)
    await until(lambda: meeting.room_name not in a.registry.rooms
                and meeting.room_name not in b.registry.rooms)
    for _ in range(500):  # the leaves reach Redis (queued)
        if not await a.redis.hlen(members_key(meeting.room_name)):
            break
        await asyncio.sleep(0.02)
    else:
        pytest.fail("the leaves did not reach Redis within 10 s")
    room_b, _, _ = await b.registry.join_shared(meeting, "Bea", "participant", FakeConn(),
                                                policy=after)
    room_a, _, _ = await a.registry.join_shared(meeting, "Ann", "host", FakeConn(),
                                                policy=before)
    expected = ("sfu", True) if mode == "group" else ("p2p", False)
    assert (room_a.topology, room_a.end_to_end_encrypted) == (
        room_b.topology, room_b.end_to_end_encrypted) == expected


async def test_a_knocker_holds_the_policy_for_the_host_who_comes_later(
        nodes: list[RedisRoomBus]) -> None:
    """The first one in a locked room knocks on node A; the organization then turns
    end-to-end encryption on and the host arrives through node B: both copies of the room
    keep the policy the knock found."""
    a, b = nodes
    meeting = meeting_record("group", locked=True)
    room_a, _, admitted = await a.registry.join_shared(meeting, "Kim", "participant",
                                                       FakeConn(), policy=RoomPolicy())
    assert not admitted
    for _ in range(500):  # the knock reaches Redis (queued)
        if await a.redis.hlen(knockers_key(meeting.room_name)):
            break
        await asyncio.sleep(0.02)
    else:
        pytest.fail("the knock did not reach Redis within 10 s")
    room_b, _, _ = await b.registry.join_shared(
        meeting, "Host", "host", FakeConn(), policy=RoomPolicy(end_to_end_encryption=True))
    assert room_a.end_to_end_encrypted is room_b.end_to_end_encrypted is False


async def test_a_room_whose_people_were_all_on_a_dead_node_says_what_its_next_join_gets(
        nodes: list[RedisRoomBus]) -> None:
    """A group room's people were all on node A when it died (kill -9), after the
    organization turned end-to-end encryption on. Nobody reaps entries that no live node
    holds a stand-in of, so node B went on reading the room as running under its old
    policy: its room page and meetings API said not end-to-end encrypted until the
    meeting's end, while the claim, which counts live nodes only, opened the room again
    end-to-end encrypted, and the page's join was refused (``e2ee_required``)."""
    a, b = nodes
    meeting = meeting_record("group")
    name = meeting.room_name
    await a.registry.join_shared(meeting, "Ann", "host", FakeConn(), policy=RoomPolicy())
    assert await b.running_policies([name]) == {name: RoomPolicy()}  # runs on A
    for task in a._tasks:  # node A dies: no heartbeat, no goodbye
        task.cancel()
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while await b.running_policies([name]):  # A's heartbeat key expires (TTL)
            assert loop.time() < deadline, "the dead node's room still runs for node B"
            await asyncio.sleep(0.05)
        room_b, _, _ = await b.registry.join_shared(
            meeting, "Bea", "host", FakeConn(), policy=RoomPolicy(end_to_end_encryption=True))
        assert room_b.end_to_end_encrypted  # as node B said before the join
        assert await a.running_policies([name]) == {
            name: RoomPolicy(end_to_end_encryption=True)}
    finally:
        a.registry.bus = None


async def test_a_participant_who_left_while_redis_was_away_leaves_every_node(
        nodes: list[RedisRoomBus], redis) -> None:  # noqa: ANN001
    """Node B lost Redis for a moment (Redis kept its data) while Bob left through it: the
    removal of his entry and the envelopes failed, and nothing sent them again. Bob stayed
    in the room hash until the meeting's end (every later joiner saw him, and he took a
    place) and in node A's room (Ann was never told participant-left)."""
    a, b = nodes
    meeting = meeting_record("normal")
    conn_ann = FakeConn()
    room_a, _, _ = await a.registry.join_shared(meeting, "Ann", "participant", conn_ann)
    room_b, bob, _ = await b.registry.join_shared(meeting, "Bob", "participant", FakeConn())
    await until(lambda: bob.id in room_a.participants)
    left_script, publish = b._left, b.publish

    async def unreachable(**_: object) -> None:
        raise RedisConnectionError("Redis is away")

    b._left = unreachable
    b.publish = lambda node, data: None  # what was published meanwhile went nowhere
    b.registry.leave(room_b, bob.id)
    try:
        await asyncio.wait_for(b._queue.join(), 5)  # the leave's jobs ran, and failed
    finally:
        b._left, b.publish = left_script, publish
    await until(lambda: bob.id not in room_a.participants, 5)
    assert {"type": "participant-left", "participantId": bob.id} in conn_ann.sent
    assert not await redis.hexists(members_key(meeting.room_name), bob.id)


async def test_a_knock_abandoned_while_redis_was_away_is_cancelled_on_every_node(
        nodes: list[RedisRoomBus], redis) -> None:  # noqa: ANN001
    """As a leave: a knocker of node B who gave up while B could not reach Redis stayed in
    the knockers hash and in node A's room, a knock the host could never answer."""
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    host_conn = FakeConn()
    room_a, _, _ = await a.registry.join_shared(meeting, "Host", "host", host_conn)
    room_b, kim, admitted = await b.registry.join_shared(meeting, "Kim", "participant",
                                                        FakeConn())
    assert not admitted
    await until(lambda: kim.id in room_a.waiting)
    hdel, publish = b.redis.hdel, b.publish

    async def unreachable(*_: object) -> None:
        raise RedisConnectionError("Redis is away")

    b.redis.hdel = unreachable  # the shared client: node A makes no HDEL meanwhile
    b.publish = lambda node, data: None
    b.registry.leave(room_b, kim.id)
    try:
        await asyncio.wait_for(b._queue.join(), 5)
    finally:
        b.redis.hdel, b.publish = hdel, publish
    await until(lambda: kim.id not in room_a.waiting, 5)
    assert {"type": "knock-cancelled", "participantId": kim.id} in host_conn.sent
    assert not await redis.hexists(knockers_key(meeting.room_name), kim.id)


async def test_running_policies_are_left_out_while_redis_is_away() -> None:
    """A room page asks the bus for the room's policy: with Redis away it gets none (the
    page then shows the organization's setting) rather than an error page."""
    from redis.asyncio import Redis

    from tests.conftest import free_port

    away = Redis.from_url(f"redis://127.0.0.1:{free_port()}/0")
    bus = RedisRoomBus(away, RoomRegistry(4, 200), "sig-a", ttl=TTL, interval=INTERVAL)
    try:
        assert await bus.running_policies(["room-a", "room-b"]) == {}
        assert not bus.link.up
    finally:
        await away.aclose()
