"""Multi-node mode survives a Redis restart (real redis-server killed and started again on
the same port, no persistence, so every key and subscription is gone).

In-process: the room bus subscribes again, reaps nobody while the nodes re-heartbeat, and
relays again. Processes: one ``fjord sfu`` and two ``fjord signaling`` nodes; after the
restart every control channel is subscribed again, a live room keeps its media without
``media_lost``, a new group room gets media between participants of both signaling nodes,
readiness is false only while Redis is down, and each process logs one warning and one
"reachable again" line naming host:port, never the password; a meeting ended or deleted,
and a room locked or unlocked, while Redis is away is so on every node once it is back.

The restartable Redis server and the two nodes' room buses are tests/ops/conftest.py's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aioice.ice
import pytest
from redis.asyncio import Redis

from cluster.registry import BOOT_KEY, RedisLink
from cluster.room_bus import RedisRoomBus
from cluster.room_keys import ALL_CHANNEL, channel, members_key
from signaling.meeting_store import MeetingRecord
from signaling.room_model import Participant, Room
from signaling.room_policy import RoomPolicy
from tests.conftest import (
    FjordServer,
    create_api_key,
    fjord_env,
    free_port_pair,
    start_role,
    start_server,
    stop_fjord,
)
from tests.ops.conftest import BUS_INTERVAL, BUS_TTL, PASSWORD, RedisServer
from tests.ops.test_multinode import Peer
from tests.signaling_client import SignalingClient

sys.path.insert(0, str(Path(__file__).parent.parent / "features"))
from room_fakes import FakeConn, meeting_record  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


async def until(check, timeout: float, interval: float = 0.1) -> float:  # noqa: ANN001
    """Seconds until ``check()`` (sync or async) is true; fails after ``timeout``."""
    started = time.monotonic()
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return time.monotonic() - started
        assert time.monotonic() - started < timeout, "timed out"
        await asyncio.sleep(interval)


# --- in process: the room bus across a restart

Joined = tuple[Room, Participant, FakeConn]


async def alice_and_bob(a: RedisRoomBus, b: RedisRoomBus
                        ) -> tuple[MeetingRecord, Joined, Joined]:
    """A normal room with Alice on node ``a`` and Bob on node ``b``, each mirrored on the
    other node: the meeting, and each one's room, participant and connection."""
    meeting = meeting_record("normal")
    conn_a, conn_b = FakeConn(), FakeConn()
    room_a, alice, _ = await a.registry.join_shared(meeting, "A", "participant", conn_a)
    room_b, bob, _ = await b.registry.join_shared(meeting, "B", "participant", conn_b)
    await until(lambda: bob.id in room_a.participants, 3)
    return meeting, (room_a, alice, conn_a), (room_b, bob, conn_b)


async def test_room_bus_resubscribes_and_reaps_nobody_after_a_redis_restart(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    a, b = buses
    meeting, (room_a, alice, conn_a), (room_b, bob, conn_b) = await alice_and_bob(a, b)
    assert a.redis_ready and b.redis_ready

    redis_server.stop()
    await until(lambda: not a.redis_ready and not b.redis_ready, 3)
    await asyncio.sleep(2 * BUS_TTL)  # every heartbeat key would have expired by now
    redis_server.start()
    took = await until(lambda: a.redis_ready and b.redis_ready, 10)
    print(f"room bus subscribed again {took:.1f} s after redis came back")
    check = Redis.from_url(redis_server.url)
    try:
        channels = {c.decode() for c in await check.pubsub_channels("fjord:sig:*")}
        assert {f"fjord:sig:{a.node_id}:rooms", f"fjord:sig:{b.node_id}:rooms",
                "fjord:sig:all:rooms"} <= channels
        # a relay through a stand-in reaches the real connection on the other node again
        room_a.participants[bob.id].conn.send({"type": "offer", "from": alice.id, "sdp": "x"})
        await until(lambda: "offer" in [m["type"] for m in conn_b.sent], 5)
        # both nodes recorded their own participants again in the emptied Redis

        async def recorded() -> bool:
            return await check.hlen(members_key(meeting.room_name)) == 2

        await until(recorded, 5)
        await asyncio.sleep(2 * BUS_TTL)  # past the grace period: still nobody reaped
        assert bob.id in room_a.participants and alice.id in room_b.participants
        assert "participant-left" not in [m["type"] for m in conn_a.sent + conn_b.sent]
    finally:
        await check.aclose()


async def test_a_room_keeps_its_policy_across_a_redis_restart(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    """The room's policy lived only in Redis: after Redis lost its data, the first join on a
    node without a copy of the room set the organization's new settings as the room's,
    and one room was end-to-end encrypted (and without chat) on that node only."""
    a, b = buses
    meeting = meeting_record("group")
    room_a, _, _ = await a.registry.join_shared(meeting, "A", "participant", FakeConn(),
                                                policy=RoomPolicy())
    redis_server.stop()
    await until(lambda: not a.redis_ready, 3)
    redis_server.start()
    check = Redis.from_url(redis_server.url)
    try:
        async def recorded() -> bool:
            return await check.hlen(members_key(meeting.room_name)) == 1

        await until(recorded, 10)
    finally:
        await check.aclose()
    changed = RoomPolicy(chat_enabled=False, end_to_end_encryption=True)
    room_b, _, _ = await b.registry.join_shared(meeting, "B", "participant", FakeConn(),
                                                policy=changed)
    assert room_b.policy == room_a.policy == RoomPolicy()


async def test_room_pages_are_served_while_redis_does_not_answer(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    """Redis stopped answering without closing its connections (paused, or its host gone
    without a reset): a node asking it how a room runs, for a room page or the meetings
    API, waited until the HTTP client gave up. It waits a second at most, and not at all
    once it knows Redis is away; the room keeps the policy of its own copy on its node."""
    a, b = buses
    meeting = meeting_record("group")
    await a.registry.join_shared(meeting, "A", "participant", FakeConn(), policy=RoomPolicy())
    name = meeting.room_name
    assert await b.running_policies([name]) == {name: RoomPolicy()}
    assert redis_server.process is not None
    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        for _ in range(2):
            started = time.monotonic()
            assert await asyncio.wait_for(b.running_policies([name]), 5) == {}
            assert time.monotonic() - started < 2
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
    await until(lambda: b.link.up, 10)
    assert await b.running_policies([name]) == {name: RoomPolicy()}


async def test_link_sees_data_loss_without_a_failed_call(redis_server: RedisServer) -> None:
    """A restart between two checks (the pool reconnects silently) still starts the grace
    period: the boot token changed."""
    client = Redis.from_url(redis_server.url)
    try:
        link = RedisLink(client, grace=5.0)
        assert not await link.check() and link.settled()
        await client.delete(BOOT_KEY)  # what a restart without persistence does
        assert await link.check()
        assert not link.settled() and link.data_lost == 1
        assert not await link.check()
    finally:
        await client.aclose()


# --- processes: fjord sfu + two fjord signaling across a restart

def readyz_reason(url: str) -> str | None:
    """The ``reason`` of a ``/readyz`` answer (None: ready, or no reason given)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return json.loads(resp.read()).get("reason")
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read()).get("reason")


def http_status(url: str, context: object = None) -> int:
    try:
        with urllib.request.urlopen(url, context=context, timeout=5) as resp:  # type: ignore[arg-type]
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0



@pytest.fixture
def cluster(tmp_path: Path, redis_server: RedisServer) -> Iterator[dict]:
    data = tmp_path / "data"
    common = {"FJORD_REDIS_URL": redis_server.url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
              "FJORD_NODE_TTL": "2"}
    metrics = free_port_pair()
    sfu_env = fjord_env(data, FJORD_NODE_ID="rr-sfu", FJORD_METRICS_PORT=str(metrics),
                        **common)
    sfu = start_role(["sfu", "--workers", "1"], sfu_env, tmp_path / "sfu.log",
                     "Fjord SFU ready")
    nodes: list[FjordServer] = []
    try:
        api_key = create_api_key(sfu_env, "ops")
        for name in ("rr-sig-a", "rr-sig-b"):
            env = fjord_env(data, FJORD_NODE_ID=name, **common)
            nodes.append(start_server("signaling", env, tmp_path / f"{name}.log", api_key))
        yield {"nodes": nodes, "sfu_log": tmp_path / "sfu.log",
               "worker_ready": f"http://127.0.0.1:{metrics + 1}/readyz"}
    finally:
        for node in nodes:
            stop_fjord(node)
        sfu.terminate()
        sfu.wait(15)


async def test_the_sfu_supervisor_is_not_ready_while_its_workers_are_not(
        tmp_path: Path, redis_server: RedisServer) -> None:
    """The ``fjord sfu`` supervisor's ``/readyz`` stayed 200 while Redis was down and each
    worker's own ``/readyz`` answered 503: it follows its workers now."""
    metrics = free_port_pair()
    env = fjord_env(tmp_path / "data", FJORD_REDIS_URL=redis_server.url,
                    FJORD_NODE_ID="rr-sup", FJORD_METRICS_PORT=str(metrics),
                    FJORD_NODE_HEARTBEAT_INTERVAL="0.5", FJORD_NODE_TTL="2")
    sfu = start_role(["sfu", "--workers", "1"], env, tmp_path / "sfu.log", "Fjord SFU ready")
    supervisor, worker = (f"http://127.0.0.1:{port}/readyz" for port in (metrics, metrics + 1))
    try:
        await until(lambda: http_status(supervisor) == 200 == http_status(worker), 15)
        redis_server.stop()
        await until(lambda: http_status(worker) == 503, 15)
        await until(lambda: http_status(supervisor) == 503, 5)
        # each says why (as signaling's /readyz does), or says where to look
        assert readyz_reason(worker) == "redis unreachable"
        assert readyz_reason(supervisor) == "worker 0 not ready (its own /readyz says why)"
        redis_server.start()
        await until(lambda: http_status(supervisor) == 200 == http_status(worker), 15)
    finally:
        sfu.terminate()
        sfu.wait(15)


async def start_pair(node_a: FjordServer, node_b: FjordServer,
                     tasks: list[asyncio.Task[None]]) -> tuple[Peer, Peer, str, str]:
    """A new group room with a publishing participant on each signaling node."""
    url = node_a.create_meeting(room_mode="group")["roomUrl"]
    alice = Peer(await SignalingClient.connect(node_a, url))
    bob = Peer(await SignalingClient.connect(node_b, url))
    joined_a = await alice.client.join("Ann", url)
    assert joined_a["topology"] == "sfu", joined_a
    tasks.append(asyncio.create_task(alice.serve_signaling()))
    joined_b = await bob.client.join("Bo", url)
    assert joined_b["type"] == "joined", joined_b
    tasks.append(asyncio.create_task(bob.serve_signaling()))
    await asyncio.gather(alice.publish(), bob.publish())
    return alice, bob, joined_a["selfId"], joined_b["selfId"]


async def close_all(tasks: list[asyncio.Task[None]], peers: list[Peer]) -> None:
    for task in tasks:
        task.cancel()
    for peer in peers:
        with contextlib.suppress(Exception):
            await peer.close()


async def test_media_signaling_and_readiness_recover_after_a_redis_restart(
    cluster: dict, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    node_a, node_b = cluster["nodes"]
    ready_a = node_a.base_url + "/readyz"
    tasks: list[asyncio.Task[None]] = []
    peers: list[Peer] = []
    check = Redis.from_url(redis_server.url)
    try:
        expected = {"fjord:sfu:ctl:rr-sfu-w0", "fjord:sig:all:rooms"}

        async def subscribed() -> bool:
            with contextlib.suppress(Exception):
                channels = {c.decode() for c in await check.pubsub_channels("*")}
                # per signaling process: its SFU reply channel and its room bus channel
                return expected <= channels and all(
                    sum(c.startswith(f"fjord:sig:rr-sig-{n}.") and c.endswith(":rooms") == bus
                        for c in channels) == 1 for n in "ab" for bus in (False, True))
            return False

        assert await subscribed()
        # a live room, with media, across both signaling nodes
        old_a, old_b, _, _ = await start_pair(node_a, node_b, tasks)
        peers += [old_a, old_b]
        await until(lambda: old_a.frames.get("video", 0) >= 5
                    and old_b.frames.get("video", 0) >= 5, 30, 0.2)
        assert http_status(ready_a, node_a.ssl_context()) == 200
        assert http_status(cluster["worker_ready"]) == 200

        redis_server.stop()
        stopped = time.monotonic()
        took = await until(lambda: http_status(ready_a, node_a.ssl_context()) == 503, 10)
        print(f"signaling /readyz 503 {took:.1f} s after redis stopped")
        await until(lambda: http_status(cluster["worker_ready"]) == 503, 10)
        await asyncio.sleep(max(0.0, 3.0 - (time.monotonic() - stopped)))  # > node TTL
        redis_server.start()
        restarted = time.monotonic()

        took = await until(subscribed, 15)
        print(f"every control channel subscribed again {took:.1f} s after redis restarted")
        took = await until(lambda: http_status(ready_a, node_a.ssl_context()) == 200
                           and http_status(node_b.base_url + "/readyz",
                                           node_b.ssl_context()) == 200, 15)
        print(f"signaling /readyz 200 {took:.1f} s after redis restarted")
        await until(lambda: http_status(cluster["worker_ready"]) == 200, 15)

        # a new group room right away: media between participants of both nodes
        alice, bob, _, bob_id = await start_pair(node_a, node_b, tasks)
        peers += [alice, bob]
        await until(lambda: any(m["type"] == "participant-joined"
                                and m["participant"]["id"] == bob_id
                                for m in alice.received), 10)
        await until(lambda: alice.frames.get("video", 0) >= 5
                    and bob.frames.get("video", 0) >= 5, 30, 0.2)
        print(f"new group room decodes video {time.monotonic() - restarted:.1f} s after "
              "redis restarted")
        # chat crosses the nodes: the room bus works again
        await alice.client.send({"type": "chat", "text": "after the restart"})
        await until(lambda: bob.got("chat", text="after the restart"), 5)

        # the live room was never declared lost, and still forwards media
        floor = old_b.frames.get("video", 0)
        await until(lambda: old_b.frames.get("video", 0) >= floor + 10, 10, 0.2)
        assert not [m for p in (old_a, old_b, alice, bob) for m in p.received
                    if m.get("code") in ("media_lost", "sfu_error")]
    finally:
        await close_all(tasks, peers)
        await check.aclose()

    for node in (node_a, node_b):
        text = node.log_text()
        assert "sfu node lost" not in text
        assert text.count("redis unreachable at 127.0.0.") == 1, text[-3000:]
        assert text.count("redis reachable again at 127.0.0.") == 1
        assert text.count("lost its data") == 1
        assert PASSWORD not in text
    sfu_log = cluster["sfu_log"].read_text(errors="replace")
    assert sfu_log.count("redis unreachable at 127.0.0.") == 1, sfu_log[-3000:]
    assert sfu_log.count("redis reachable again at 127.0.0.") == 1
    assert PASSWORD not in sfu_log


async def test_a_meeting_ended_or_deleted_while_redis_is_away_ends_on_every_node(
    cluster: dict, redis_server: RedisServer
) -> None:
    """A host's end-meeting and the backend's DELETE reached the other node over Redis only:
    sent while Redis was away they were lost, and that node's participants stayed in the
    ended (or deleted) meeting's room until its endDate + 1 h, Redis back or not."""
    node_a, node_b = cluster["nodes"]
    ended, deleted = node_a.create_meeting(), node_a.create_meeting()
    clients: list[SignalingClient] = []
    try:
        host = await SignalingClient.connect(node_a, ended["hostRoomUrl"])
        clients.append(host)
        assert (await host.join("Host", ended["hostRoomUrl"]))["type"] == "joined"
        guests = []
        for meeting in (ended, deleted):
            guest = await SignalingClient.connect(node_b, meeting["roomUrl"])
            clients.append(guest)
            assert (await guest.join("Guest", meeting["roomUrl"]))["type"] == "joined"
            guests.append(guest)
        await host.expect("participant-joined")

        redis_server.stop()
        await until(lambda: http_status(node_a.base_url + "/readyz",
                                        node_a.ssl_context()) == 503, 10)
        await host.send({"type": "end-meeting"})
        await host.expect("meeting-ended")
        status, _ = await asyncio.to_thread(
            node_a.request, "DELETE", f"/v1/meetings/{deleted['meetingId']}")
        assert status == 204
        redis_server.start()

        for guest in guests:
            await guest.expect("meeting-ended", timeout=15)
        joiner = await SignalingClient.connect(node_b, ended["roomUrl"])
        clients.append(joiner)
        assert (await joiner.join("Late", ended["roomUrl"]))["code"] == "meeting_ended"
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


async def test_a_room_unlocked_while_redis_is_away_is_unlocked_on_every_node(
    cluster: dict, redis_server: RedisServer
) -> None:
    """The unlock reached the other node over Redis only: sent while Redis was away it was
    lost, the knocker there waited on, and that node wrote its stale lock into the emptied
    Redis, so newcomers knocked on every node of a room its host (and the API) said was
    open."""
    node_a, node_b = cluster["nodes"]
    meeting = node_a.create_meeting(isLocked=True)
    clients: list[SignalingClient] = []
    try:
        host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
        clients.append(host)
        assert (await host.join("Host", meeting["hostRoomUrl"]))["type"] == "joined"
        knocker = await SignalingClient.connect(node_b, meeting["roomUrl"])
        clients.append(knocker)
        assert (await knocker.join("Knocker", meeting["roomUrl"]))["type"] == "knock-pending"
        await host.expect("knock")

        redis_server.stop()
        await until(lambda: http_status(node_a.base_url + "/readyz",
                                        node_a.ssl_context()) == 503, 10)
        await host.send({"type": "lock", "locked": False})
        await host.expect("room-locked")
        redis_server.start()

        assert (await knocker.expect("joined", timeout=15))["locked"] is False
        for node in (node_a, node_b):
            newcomer = await SignalingClient.connect(node, meeting["roomUrl"])
            clients.append(newcomer)
            assert (await newcomer.join("Newcomer", meeting["roomUrl"]))["type"] == "joined"
        # and it keeps its place (admitted before its node recorded it again in the emptied
        # Redis, it was found missing there and told to join again)
        await asyncio.sleep(3)  # past the grace period and the checks of places that follow
        await knocker.send({"type": "ping"})
        told = []
        while not told or told[-1]["type"] != "pong":
            told.append(await knocker.recv())
        assert "error" not in [message["type"] for message in told], told
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


@pytest.mark.serial  # sub-second heartbeats: a machine loaded by parallel workers delayed one
# past the 1 s grace period (a node that cannot heartbeat for that long is lost, rightly)
async def test_nodes_missing_after_data_loss_are_not_declared_lost(
    redis_server: RedisServer,
) -> None:
    """Redis emptied under a live room (the SFU node heartbeats only every 0.5 s, the
    signaling watchdog looks every 0.1 s): no ``node-lost``; the node re-registers and puts
    its room back on itself; the room's next join stays there."""
    from cluster.registry import NodeRegistry
    from sfu.control import SfuConfig
    from sfu.worker import SfuWorker
    from sfu_control.node import SfuNode
    from sfu_control.remote import ClusterSfu
    from tests.ops.test_cluster import Events

    client = Redis.from_url(redis_server.url)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    node = SfuNode(worker, client, NodeRegistry(client, 1.0), "grace-w0", capacity=50,
                   interval=0.5)
    await node.start()
    other_worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await other_worker.start()
    other = SfuNode(other_worker, client, NodeRegistry(client, 1.0), "grace-w1", capacity=50,
                    interval=0.5)
    await other.start()
    cluster = ClusterSfu(client, NodeRegistry(client, 1.0), "sig-grace", timeout=2,
                         watch_interval=0.1)
    events = Events()
    cluster.listener = events
    await cluster.start()
    try:
        registry = NodeRegistry(client, 1.0)
        node_of = {"grace-w0": worker, "grace-w1": other_worker}
        await cluster.join("room-g", "p1")
        placed = await registry.room_node("room-g")
        assert placed is not None and "room-g" in node_of[placed].rooms
        # just after the node's heartbeat: it stays missing for ~0.5 s, 5 watchdog looks
        await until(lambda: _pttl_above(client, f"fjord:sfu:node:{placed}", 900), 3, 0.01)
        await client.flushall()  # what a restart without persistence leaves
        await asyncio.sleep(2.5)  # past the grace period (TTL 1 s)
        assert events.closed == []
        assert {n.node_id for n in await registry.nodes()} == {"grace-w0", "grace-w1"}
        assert await registry.room_node("room-g") == placed  # put back by its node
        await cluster.join("room-g", "p2")
        assert set(node_of[placed].rooms["room-g"].participants) == {"p1", "p2"}
    finally:
        await cluster.close()
        for n, w in ((node, worker), (other, other_worker)):
            await n.close()
            await w.close()
        await client.aclose()


async def _pttl_above(client: Redis, key: str, ms: int) -> bool:
    return await client.pttl(key) > ms


async def test_a_join_right_after_redis_restarts_waits_for_the_sfu(
    cluster: dict, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Joined within ~0.1 s of Redis coming back empty, before any periodic check noticed:
    # the placement must look again instead of refusing "no SFU node can take a new room".
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    node_a, node_b = cluster["nodes"]
    tasks: list[asyncio.Task[None]] = []
    peers: list[Peer] = []
    redis_server.stop()
    await asyncio.sleep(2.0)
    redis_server.start()
    try:
        alice, bob, _, _ = await start_pair(node_a, node_b, tasks)
        peers += [alice, bob]
        await until(lambda: alice.frames.get("video", 0) >= 5
                    and bob.frames.get("video", 0) >= 5, 30, 0.2)
        assert not [m for p in peers for m in p.received
                    if m.get("code") in ("media_lost", "sfu_error")]
    finally:
        await close_all(tasks, peers)


async def test_a_node_paused_through_a_redis_restart_and_reaped_tells_its_people_to_join_again(
    buses: list[RedisRoomBus], redis_server: RedisServer
) -> None:
    """Found by the fresh-clone tester: node B is paused (no heartbeat, its channel hears
    nothing) while Redis restarts empty, and stays paused past the grace period, so A reaps
    Bob. Bob's entry went with Redis's data, so A's ``HDEL`` won nothing and nobody told
    Alice that Bob left (her page kept his tile), and B, back, saw only that Redis lost its
    data and recorded Bob again: a place held in Redis for someone A no longer counted, on a
    socket still open. Alice is told ``participant-left`` once, and Bob ``unavailable``
    (1012), as when Redis kept its data."""
    a, b = buses
    meeting, (room_a, alice, conn_a), (room_b, bob, conn_b) = await alice_and_bob(a, b)
    b._tasks[-1].cancel()  # B paused: no heartbeat
    b._tasks[0].cancel()  # and no channel
    redis_server.stop()
    redis_server.start()
    await until(lambda: bob.id not in room_a.participants, 15)  # reaped after the grace
    check = Redis.from_url(redis_server.url)
    try:
        await until(lambda: "participant-left" in [m["type"] for m in conn_a.sent], 5)
        b._tasks[-1] = asyncio.create_task(b._watch())  # B is back
        b._tasks[0] = asyncio.create_task(b.link.serve(
            None, [channel(b.node_id), ALL_CHANNEL], b._receive))
        await until(lambda: conn_b.closed is not None, 10)
        assert conn_b.closed == (1012, "join again")
        assert conn_b.sent[-1]["type"] == "error" and conn_b.sent[-1]["code"] == "unavailable"
        assert bob.id not in room_b.participants
        await asyncio.sleep(4 * BUS_INTERVAL)
        assert not await check.hexists(members_key(meeting.room_name), bob.id)
        assert [m["type"] for m in conn_a.sent].count("participant-left") == 1
        assert alice.id in room_a.participants and conn_a.closed is None
    finally:
        await check.aclose()
