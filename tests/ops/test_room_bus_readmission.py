"""Readmission into locked rooms across signaling nodes (``joined.rejoinToken``,
docs/signaling.md "Locked rooms and knocking"): kept in Redis by the node where the
connection dropped, taken by the claim of whichever node the participant comes back
through, withdrawn by a host's removal or refusal on any node; two node registries over a
real redis-server, as in test_room_bus.py."""

from __future__ import annotations

import asyncio
import time

import pytest

from cluster.room_bus import RedisRoomBus
from cluster.room_keys import members_key
from signaling import host_controls
from signaling import messages as m
from signaling.readmissions import rejoin_digest
from signaling.rooms import REPLACED_CLOSE, RoomFull
from tests.ops.test_room_bus import FakeConn, meeting_record, nodes, until  # noqa: F401 (fixture)


async def test_a_dropped_participant_comes_back_through_the_other_node_without_knocking(
        nodes: list[RedisRoomBus], redis) -> None:  # noqa: ANN001, F811
    """A patient let into a locked room through node A drops; its page reconnects through
    node B (a load balancer) with its rejoinToken and enters at once, once. Before, a
    cluster gave out no token: the claim counted the patient as a knocker again and the
    doctor had to let it in a second time."""
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    room_a, host, _ = await a.registry.join_shared(meeting, "Doctor", "host", FakeConn())
    _, patient, admitted = await a.registry.join_shared(meeting, "Patient", "participant",
                                                        FakeConn())
    assert not admitted
    assert a.registry.admit(room_a, patient.id) is not None
    a.registry.keep_readmission(room_a, "token-1")  # what Session.close does on a drop
    a.registry.leave(room_a, patient.id)
    key = f"fjord:room:{meeting.room_name}:readmit"
    for _ in range(150):
        kept = await redis.hgetall(key)
        if kept:
            break
        await asyncio.sleep(0.02)
    [(field, until_ms)] = kept.items()
    assert b"token-1" not in field and len(field) == 64  # Redis holds only its digest
    assert 0 < int(until_ms) - time.time() * 1000 <= 60_000
    assert await redis.ttl(key) > 3000  # the room's expiry: the meeting's end + grace
    conn = FakeConn()
    room_b, again, admitted = await b.registry.join_shared(
        meeting, "Patient", "participant", conn, rejoin_token="token-1")
    assert admitted and again.id in room_b.participants and not room_b.waiting
    await until(lambda: again.id in room_a.participants)
    # once: the same token knocks the next time, as does a made-up one
    for token in ("token-1", "made-up"):
        _, knocker, admitted = await b.registry.join_shared(
            meeting, "Patient", "participant", FakeConn(), rejoin_token=token)
        assert not admitted and knocker.id in room_b.waiting

async def test_a_host_removal_on_one_node_withdraws_the_readmissions_kept_on_another(
        nodes: list[RedisRoomBus], redis) -> None:  # noqa: ANN001, F811
    """A participant whose connection through node A dropped still holds that token; it
    knocked anew, was let in, and a host on node B removed it. The older token must not
    bring it back past the host through either node (docs/signaling.md, "Locked rooms")."""
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    room_a, _, _ = await a.registry.join_shared(meeting, "Doctor", "host", FakeConn())
    _, patient, _ = await a.registry.join_shared(meeting, "Patient", "participant", FakeConn())
    a.registry.admit(room_a, patient.id)
    a.registry.keep_readmission(room_a, "token-3")  # the first connection dropped
    a.registry.leave(room_a, patient.id)
    key = f"fjord:room:{meeting.room_name}:readmit"
    for _ in range(150):
        if await redis.exists(key):
            break
        await asyncio.sleep(0.02)
    room_b, host_b, _ = await b.registry.join_shared(meeting, "Nurse", "host", FakeConn())
    _, again, admitted = await b.registry.join_shared(meeting, "Patient", "participant",
                                                      FakeConn())  # knocked anew
    assert not admitted
    b.registry.admit(room_b, again.id)
    host_controls.apply(b.registry, room_b, host_b,
                        m.Remove(type="remove", participantId=again.id))
    for _ in range(150):  # every readmission kept is spent
        if set((await redis.hgetall(key)).values()) == {b"spent"}:
            break
        await asyncio.sleep(0.02)
    assert set((await redis.hgetall(key)).values()) == {b"spent"}
    for registry in (a.registry, b.registry):
        _, knocker, admitted = await registry.join_shared(
            meeting, "Patient", "participant", FakeConn(), rejoin_token="token-3")
        assert not admitted and knocker.id in registry.get(meeting.room_name).waiting

async def test_a_readmission_into_a_room_everyone_left_knocks(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    """As on one node, where the room closes when it empties: a token lets its holder back
    while someone is still in the room, and then only with a host to answer a knock."""
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    room_a, host, _ = await a.registry.join_shared(meeting, "Doctor", "host", FakeConn())
    _, patient, _ = await a.registry.join_shared(meeting, "Patient", "participant", FakeConn())
    a.registry.admit(room_a, patient.id)
    a.registry.keep_readmission(room_a, "token-2")
    a.registry.leave(room_a, patient.id)
    a.registry.leave(room_a, host.id)
    await until(lambda: a.registry.get(meeting.room_name) is None)
    await asyncio.sleep(0.2)  # the bus's queue: the leaves reach Redis
    _, knocker, admitted = await b.registry.join_shared(
        meeting, "Patient", "participant", FakeConn(), rejoin_token="token-2")
    assert not admitted and knocker.id in b.registry.get(meeting.room_name).waiting

async def test_a_readmission_past_its_time_knocks_and_is_pruned(
        nodes: list[RedisRoomBus], redis) -> None:  # noqa: ANN001, F811
    a, b = nodes
    meeting = meeting_record("normal", locked=True)
    room_a, _, _ = await a.registry.join_shared(meeting, "Doctor", "host", FakeConn())
    a.registry.bus.readmission_kept(room_a, "short-lived", 0.05)
    key = f"fjord:room:{meeting.room_name}:readmit"
    await asyncio.sleep(0.3)
    _, knocker, admitted = await b.registry.join_shared(
        meeting, "Patient", "participant", FakeConn(), rejoin_token="short-lived")
    assert not admitted and knocker.id in b.registry.get(meeting.room_name).waiting
    a.registry.bus.readmission_kept(room_a, "expired", 0.05)
    await asyncio.sleep(0.3)
    a.registry.bus.readmission_kept(room_a, "fresh", 60)  # prunes what is past its time
    fresh = rejoin_digest("fresh").encode()
    for _ in range(150):
        if fresh in await redis.hgetall(key):
            break
        await asyncio.sleep(0.02)
    assert list(await redis.hgetall(key)) == [fresh]


@pytest.mark.parametrize(("locked", "through"), [(False, 1), (True, 1), (False, 0)])
async def test_a_half_open_participant_takes_its_own_place_in_a_full_room_on_any_node(
        nodes: list[RedisRoomBus], redis, locked: bool, through: int) -> None:  # noqa: ANN001, F811
    """A normal room holds 4 across the nodes, the half-open connection of a participant of
    node A counted: back with its rejoinToken through node B (or A) it got ``room_full``.
    It now takes that place: the old connection is closed (4409) on its node, everyone
    sees it leave, and the room holds 4 again; the token admits once."""
    a, b = nodes
    meeting = meeting_record("normal", locked=locked)
    room_a, _, _ = await a.registry.join_shared(meeting, "Host", "host", FakeConn())
    old_conn = FakeConn()
    _, old, admitted = await a.registry.join_shared(meeting, "Guest", "participant", old_conn,
                                                    next_rejoin_token="token-h")
    if not admitted:
        assert a.registry.admit(room_a, old.id) is not None
    await b.registry.join_shared(meeting, "C", "host", FakeConn())
    watcher = FakeConn()
    await b.registry.join_shared(meeting, "D", "host", watcher)
    key = members_key(meeting.room_name)
    await until(lambda: len(room_a.participants) == 4)
    for _ in range(150):  # the bus records the entries in the background
        if await redis.hlen(key) == 4:
            break
        await asyncio.sleep(0.02)
    node = nodes[through]
    with pytest.raises(RoomFull):
        await node.registry.join_shared(meeting, "Stranger", "participant", FakeConn())
    room, back, admitted = await node.registry.join_shared(
        meeting, "Guest", "participant", FakeConn(), rejoin_token="token-h",
        next_rejoin_token="token-i")
    assert admitted and back.id in room.participants and old.id not in room.participants
    await until(lambda: old_conn.closed is not None)
    assert old_conn.closed is not None and old_conn.closed[0] == REPLACED_CLOSE
    await until(lambda: any(msg == {"type": "participant-left", "participantId": old.id}
                            for msg in watcher.sent))
    await until(lambda: old.id not in room_a.participants and back.id in room_a.participants)
    for _ in range(150):
        if await redis.hlen(key) == 4 and not await redis.hexists(key, old.id):
            break
        await asyncio.sleep(0.02)
    assert await redis.hlen(key) == 4 and not await redis.hexists(key, old.id)
    with pytest.raises(RoomFull):  # once: the token is spent, and the room is full
        await b.registry.join_shared(meeting, "Guest", "participant", FakeConn(),
                                     rejoin_token="token-h")
