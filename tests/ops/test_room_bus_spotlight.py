"""A room's spotlights across signaling nodes (cluster.room_spotlight): two node
registries in one process with a real redis-server between them, as tests/ops/test_room_bus.py."""

from __future__ import annotations

from cluster.room_bus import RedisRoomBus
from signaling import host_controls
from signaling import messages as m
from signaling.spotlight import spotlighted
from tests.ops.test_room_bus import FakeConn, meeting_record, nodes, until  # noqa: F401 (fixture)


def spotlight(participant_id: str, active: bool = True) -> m.Spotlight:
    return m.Spotlight(type="spotlight", participantId=participant_id, active=active)


async def test_a_spotlight_reaches_the_other_nodes_people_and_later_joiners(
        nodes: list[RedisRoomBus]) -> None:  # noqa: F811
    a, b = nodes
    meeting = meeting_record("group")
    room_a, host, _ = await a.registry.join_shared(meeting, "H", "host", FakeConn())
    guest_conn = FakeConn()
    room_b, guest, _ = await b.registry.join_shared(meeting, "G", "participant", guest_conn)
    await until(lambda: guest.id in room_a.participants)

    host_controls.apply(a.registry, room_a, host, spotlight(guest.id))
    # the guest's page on node B is told, and node B's copy of the room knows
    await until(lambda: any(msg["type"] == "spotlight" for msg in guest_conn.sent))
    told = next(msg for msg in guest_conn.sent if msg["type"] == "spotlight")
    assert told == {"type": "spotlight", "participantIds": [guest.id], "by": host.id}
    await until(lambda: spotlighted(room_b) == [guest.id])

    host_controls.apply(a.registry, room_a, host, spotlight(host.id))
    await until(lambda: spotlighted(room_b) == [guest.id, host.id])

    # the guest leaves on B: its spotlight ends on both nodes
    b.registry.leave(room_b, guest.id)
    await until(lambda: guest.id not in room_a.participants)
    assert spotlighted(room_a) == [host.id]
    assert b.registry.get(meeting.room_name) is None  # only a stand-in was left on B
    # a joiner through node B, which has no copy of the room: the claim brings them
    room_b, _, _ = await b.registry.join_shared(meeting, "L", "participant", FakeConn())
    assert spotlighted(room_b) == [host.id]
