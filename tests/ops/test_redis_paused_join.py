"""A join on a signaling node whose Redis stopped answering without closing its connections
(paused: SIGSTOP of the redis-server this test started, a host gone without a reset): two node
registries in one process over a real redis-server, as in test_redis_restart.py."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time

import pytest
from redis.asyncio import Redis

from cluster.room_bus import RedisRoomBus
from cluster.room_claim import CLAIM_TIMEOUT_S
from cluster.room_keys import members_key
from signaling.rooms import RoomBusUnavailable
from tests.features.room_fakes import FakeConn, meeting_record
from tests.ops.conftest import RedisServer
from tests.ops.test_redis_restart import cluster, until  # noqa: F401 (fixture)
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


async def test_a_join_gives_up_on_a_paused_redis_and_leaves_no_phantom_place(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    """Redis paused: a join waited as long as Redis did (the client's join timed out with no
    answer). It now gets ``unavailable`` (RoomBusUnavailable) within CLAIM_TIMEOUT_S, and
    the place its claim takes once Redis runs the script after all is given back then: no
    phantom participant stays in the room for later joiners on any node."""
    a, b = buses
    meeting = meeting_record("normal")
    _, alice, _ = await a.registry.join_shared(meeting, "Alice", "participant", FakeConn())
    client = Redis.from_url(redis_server.url)
    key = members_key(meeting.room_name)

    async def only_alice() -> bool:
        return await client.hkeys(key) == [alice.id.encode()]

    try:
        # node B has a connection to Redis in its pool, which sends the claim at once (a new
        # one would wait for the paused Redis to answer its AUTH, and send nothing)
        room_b, warm, _ = await b.registry.join_shared(meeting, "Warm", "participant",
                                                       FakeConn())
        b.registry.leave(room_b, warm.id)
        await until(only_alice, 10)
        assert redis_server.process is not None
        redis_server.process.send_signal(signal.SIGSTOP)
        try:
            started = time.monotonic()
            with pytest.raises(RoomBusUnavailable):
                await asyncio.wait_for(
                    b.registry.join_shared(meeting, "Bob", "participant", FakeConn()), 10)
            # well before the 10 s Redis stays paused (slack for a loaded machine)
            assert time.monotonic() - started < CLAIM_TIMEOUT_S + 4
        finally:
            redis_server.process.send_signal(signal.SIGCONT)
        await until(lambda: b.link.up, 10)
        await until(only_alice, 10)
        # a later joiner sees Alice alone
        room, carol, admitted = await a.registry.join_shared(meeting, "Carol", "participant",
                                                             FakeConn())
        assert admitted and set(room.participants) == {alice.id, carol.id}
    finally:
        await client.aclose()


async def test_a_page_joining_through_a_node_whose_redis_is_paused_is_told_unavailable(
    cluster: dict, redis_server: RedisServer  # noqa: F811
) -> None:
    """The same through ``fjord signaling`` processes: a page's ``join`` while Redis is
    paused got no answer until the page's own timeout; it is now told ``unavailable`` (and
    retries), and once Redis answers the room holds nobody who never came in."""
    node_a, _ = cluster["nodes"]
    meeting = node_a.create_meeting(room_mode="normal")
    client = Redis.from_url(redis_server.url)
    clients: list[SignalingClient] = []
    try:
        for name in ("Alice", "Warm"):  # node A's pool has connections to Redis
            page = await SignalingClient.connect(node_a, meeting["roomUrl"])
            clients.append(page)
            assert (await page.join(name, meeting["roomUrl"]))["type"] == "joined"
        await clients[1].send({"type": "leave"})
        await clients[0].expect("participant-left")
        bob = await SignalingClient.connect(node_a, meeting["roomUrl"])
        clients.append(bob)
        assert redis_server.process is not None
        redis_server.process.send_signal(signal.SIGSTOP)
        try:
            await bob.send({"type": "join", "displayName": "Bob"})
            reply = await bob.recv(timeout=9)  # the page's join timeout is 10 s
            assert reply["type"] == "error" and reply["code"] == "unavailable", reply
        finally:
            redis_server.process.send_signal(signal.SIGCONT)
        key = members_key(meeting["roomName"].strip("/"))

        async def alice_alone() -> bool:
            return await client.hlen(key) == 1

        await until(alice_alone, 15)
        carol = await SignalingClient.connect(node_a, meeting["roomUrl"])
        clients.append(carol)
        joined = await carol.join("Carol", meeting["roomUrl"])
        assert [p["displayName"] for p in joined["participants"]] == ["Alice"], joined
    finally:
        for page in clients:
            with contextlib.suppress(Exception):
                await page.close()
        await client.aclose()
