"""The lock a host set while Redis was away, caught up on the other nodes once it is back
(cluster/room_recovery.py): their pages are told ``room-locked`` (``by`` null: the database
keeps no host with the lock). Two node registries in one process over a real redis-server
restarted empty, as in test_redis_restart.py."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from cluster.room_bus import RedisRoomBus
from signaling import host_controls
from signaling import messages as m
from signaling.meeting_store import MeetingRecord
from tests.features.room_fakes import FakeConn, meeting_record
from tests.ops.conftest import RedisServer, RoomBuses
from tests.ops.test_redis_restart import until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture
def records() -> dict[str, MeetingRecord]:
    """The database's meetings, by room name, as the nodes read them after an outage."""
    return {}


@pytest.fixture
async def buses(room_buses: RoomBuses, records: dict[str, MeetingRecord]
                ) -> list[RedisRoomBus]:
    """The two nodes' room buses, reading meetings from ``records``."""
    async def meeting(room_name: str) -> MeetingRecord | None:
        return records.get(room_name)

    return await room_buses(meeting=meeting)


def locks(conn: FakeConn) -> list[dict]:
    return [message for message in conn.sent if message["type"] == "room-locked"]


@pytest.mark.parametrize("locked", [True, False])
async def test_pages_of_the_other_node_are_told_the_lock_set_while_redis_was_away(
    buses: list[RedisRoomBus], redis_server: RedisServer,
    records: dict[str, MeetingRecord], locked: bool,
) -> None:
    """A host on node A locks (or unlocks) the room while Redis is away: its ``lock`` went
    nowhere. Once Redis was back node B's copy of the room took the database's lock, but
    its guest was told nothing and its page kept showing the old state. It is now told
    ``room-locked`` once, with ``by`` null; the host's page, which saw the change, is not
    told again."""
    a, b = buses
    meeting = meeting_record("normal", locked=not locked)
    records[meeting.room_name] = meeting
    host_conn, guest_conn = FakeConn(), FakeConn()
    room_a, host, _ = await a.registry.join_shared(meeting, "Host", "host", host_conn)
    room_b, guest, admitted = await b.registry.join_shared(meeting, "Cohost", "host",
                                                           guest_conn)
    assert admitted
    await until(lambda: guest.id in room_a.participants, 10)

    redis_server.stop()
    await until(lambda: not a.link.up and not b.link.up, 10)
    host_controls.apply(a.registry, room_a, host, m.Lock(type="lock", locked=locked))
    records[meeting.room_name] = replace(meeting, is_locked=locked)  # what the host's lock stores
    assert locks(host_conn) == [{"type": "room-locked", "locked": locked, "by": host.id}]
    await asyncio.wait_for(a._queue.join(), 15)  # its envelopes tried, and lost
    redis_server.start()

    await until(lambda: room_b.locked is locked and locks(guest_conn), 15)
    assert locks(guest_conn) == [{"type": "room-locked", "locked": locked, "by": None}]
    # both nodes caught up and told each other (what each sent after is delivered after
    # it: one queue per node, one subscription): nobody is told again
    await until(lambda: all(bus.recovery._caught_up >= bus.link.restored
                            for bus in buses), 15)
    room_a.participants[guest.id].conn.send({"type": "marker"})
    room_b.participants[host.id].conn.send({"type": "marker"})
    await until(lambda: {"type": "marker"} in host_conn.sent
                and {"type": "marker"} in guest_conn.sent, 10)
    assert len(locks(host_conn)) == 1 and len(locks(guest_conn)) == 1
