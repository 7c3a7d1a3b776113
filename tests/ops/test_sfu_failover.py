"""Media recovery when the SFU process of a live group room dies (issue 8, acceptance 2).

Real redis-server, one ``fjord signaling`` and two ``fjord sfu --workers 1`` hosts, two aiortc
participants that both publish video and receive each other's through signaling. The client
handles ``media_lost`` as the web client does (group.js ``restart()``): close both
transports, publish again on a new one, answer the next ``subscribe-offer`` on a new
subscribe transport. Default timings (heartbeat 1 s, node TTL 4 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aioice.ice
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from redis.asyncio import Redis

from cluster.registry import NodeRegistry
from tests.conftest import (
    ROOT,
    FjordServer,
    create_api_key,
    fjord_env,
    free_port,
    start_role,
    start_server,
    stop_fjord,
    wait_until,
)
from tests.signaling_client import SignalingClient

sys.path.insert(0, str(Path(__file__).parent.parent / "integration"))
from test_aiortc_group import SmallVideo  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]
RECOVERY_S = 10.0


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and its workers (a crashed host: nobody leaves the registry)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def worker_pid(supervisor: int) -> int:
    """The pid of the SFU worker process (a ``multiprocessing`` spawn child) of ``supervisor``."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    for pid in children:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            return int(pid)
    raise AssertionError("no SFU worker process found")


class RecoveringPeer:
    """A group-room participant that publishes video, counts the frames it decodes, and
    recovers from ``media_lost`` like the web client."""

    def __init__(self, client: SignalingClient, publishes: bool = True) -> None:
        self.client = client
        self.publishes = publishes
        self.publish_pc: RTCPeerConnection | None = None
        self.subscribe_pc: RTCPeerConnection | None = None
        self.frames = 0
        self.media_lost: list[float] = []
        self.errors: list[str] = []
        self._tasks: set[asyncio.Future[None]] = set()

    def _spawn(self, coro) -> None:  # noqa: ANN001
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def publish(self) -> None:
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.publish_pc = pc
        pc.addTransceiver(SmallVideo(), direction="sendonly")
        await pc.setLocalDescription(await pc.createOffer())
        await self.client.send({"type": "publish", "sdp": pc.localDescription.sdp})

    async def run(self) -> None:
        """Serve signaling until cancelled (one message at a time, in order)."""
        while True:
            message = await self.client.recv(timeout=3600)
            kind = message["type"]
            if kind == "publish-answer" and self.publish_pc is not None:
                await self.publish_pc.setRemoteDescription(
                    RTCSessionDescription(message["sdp"], "answer"))
            elif kind == "subscribe-offer":
                await self._answer(message["sdp"])
            elif kind == "error" and message["code"] == "media_lost":
                self.media_lost.append(time.monotonic())
                await self._restart()
            elif kind == "error":
                self.errors.append(message["code"])

    async def _restart(self) -> None:
        for pc in (self.publish_pc, self.subscribe_pc):
            if pc is not None:
                self._spawn(pc.close())
        self.publish_pc = self.subscribe_pc = None
        if self.publishes:
            await self.publish()

    async def _answer(self, sdp: str) -> None:
        if self.subscribe_pc is None:
            pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
            self.subscribe_pc = pc

            @pc.on("track")
            def on_track(track) -> None:  # noqa: ANN001
                self._spawn(self._count(track))

        pc = self.subscribe_pc
        await pc.setRemoteDescription(RTCSessionDescription(sdp, "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        await self.client.send({"type": "subscribe-answer", "sdp": pc.localDescription.sdp})

    async def _count(self, track) -> None:  # noqa: ANN001
        with contextlib.suppress(Exception):
            while True:
                await track.recv()
                self.frames += 1

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for pc in (self.publish_pc, self.subscribe_pc):
            if pc is not None:
                await pc.close()
        await self.client.close()



@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[dict]:
    """One signaling node and SFU hosts ``sfu-a`` and ``sfu-b`` (one worker each)."""
    tmp = tmp_path_factory.mktemp("failover")
    data = tmp / "data"
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": "1",
              "FJORD_NODE_TTL": "4"}
    hosts: dict[str, subprocess.Popen[bytes]] = {}
    server = None
    try:
        for name in ("sfu-a", "sfu-b"):
            env = fjord_env(data, FJORD_NODE_ID=name, FJORD_SFU_PORT=str(free_port(True)),
                            **common)
            hosts[name] = start_role(["sfu", "--workers", "1"], env, tmp / f"{name}.log",
                                     "Fjord SFU ready", new_session=True)
        env = fjord_env(data, FJORD_NODE_ID="sig-1", **common)
        server = start_server("signaling", env, tmp / "sig-1.log", create_api_key(env, "ops"),
                              new_session=True)
        yield {"server": server, "hosts": hosts, "redis_url": redis_url}
    finally:
        if server is not None:
            stop_fjord(server)
        for process in hosts.values():
            kill_group(process)


async def _room_with_media(server: FjordServer, monkeypatch: pytest.MonkeyPatch,
                           watcher: bool = False) -> tuple[str, list[RecoveringPeer],
                                                           list[asyncio.Task[None]]]:
    """A group room where A and B publish video and receive each other's (and, with
    ``watcher``, C only receives both), all decoding; returns (room name, peers, tasks)."""
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    url = server.create_meeting(room_mode="group")["roomUrl"]
    peers, tasks = [], []
    for name in ("A", "B", "C") if watcher else ("A", "B"):
        client = await SignalingClient.connect(server, url)
        assert (await client.join(name, url))["topology"] == "sfu"
        peer = RecoveringPeer(client, publishes=name != "C")
        peers.append(peer)
        tasks.append(asyncio.create_task(peer.run()))
        if peer.publishes:
            await peer.publish()
    assert await wait_until(lambda: all(p.frames >= 10 for p in peers), 30), "no media at all"
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1], peers, tasks


async def _recovers(peers: list[RecoveringPeer], killed_at: float) -> float:
    """Seconds from the kill until every peer lost media, was told so, and decodes again."""
    assert await wait_until(lambda: all(p.media_lost for p in peers), RECOVERY_S), \
        "media_lost not sent"
    floor = [p.frames for p in peers]
    assert await wait_until(lambda: all(p.frames >= f + 10 for p, f in zip(peers, floor,
                                                                          strict=True)),
                            RECOVERY_S - (time.monotonic() - killed_at)), \
        f"media did not resume within {RECOVERY_S} s"
    return time.monotonic() - killed_at


async def _teardown(peers: list[RecoveringPeer], tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for peer in peers:
        await peer.close()


async def test_killed_sfu_worker_is_restarted_and_clients_recover(
    cluster: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 of the room's worker process: the supervisor restarts it under the same node
    id, the signaling node sees the room lost and re-joins its participants, and both decode
    again. Where the room lives afterwards is placement's choice: usually the restarted
    worker (a new epoch within the TTL), but on a loaded machine the restart can come after
    the node expired, and the room is then re-placed on the other host. Either is correct."""
    server = cluster["server"]
    redis = Redis.from_url(cluster["redis_url"])
    registry = NodeRegistry(redis, 4)
    room, peers, tasks = await _room_with_media(server, monkeypatch)
    try:
        before = server.labeled_metrics()
        node = await registry.room_node(room)
        assert node is not None
        epoch = (await registry.epochs([node]))[node]
        host = cluster["hosts"][node.rsplit("-w", 1)[0]]
        os.kill(worker_pid(host.pid), signal.SIGKILL)
        killed_at = time.monotonic()
        elapsed = await _recovers(peers, killed_at)
        print(f"recovered {elapsed:.1f} s after kill -9 of worker {node}")
        live = {n.node_id for n in await registry.nodes()}
        assert await registry.room_node(room) in live
        restarted_epochs: list[str | None] = [None]

        async def worker_restarted() -> bool:
            restarted_epochs[0] = (await registry.epochs([node])).get(node)
            return restarted_epochs[0] not in (None, epoch)

        assert await wait_until(worker_restarted, RECOVERY_S), \
            f"worker {node} not back under its id (epoch {restarted_epochs[0]})"
        after = server.labeled_metrics()
        lost = ('fjord_sfu_rooms_lost_total{reason="restarted"}',
                'fjord_sfu_rooms_lost_total{reason="expired"}')
        assert sum(after[k] for k in lost) >= sum(before[k] for k in lost) + 1
        rejoined = 'fjord_signaling_media_rejoins_total{outcome="ok"}'
        assert after[rejoined] >= before[rejoined] + 2
        assert not [e for p in peers for e in p.errors if e != "rate_limited"]
    finally:
        await _teardown(peers, tasks)
        await redis.aclose()


async def fjord_cli(env: dict[str, str], *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "fjord", *args, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return process.returncode or 0, out.decode()


async def test_draining_host_takes_no_new_room_and_keeps_forwarding_media(
    cluster: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 8, acceptance 3: ``fjord sfu drain`` on the host of a live room; a new room
    goes elsewhere, the live room keeps forwarding media (no ``media_lost``), and the waiting
    drain returns once that room ended."""
    server = cluster["server"]
    redis = Redis.from_url(cluster["redis_url"])
    registry = NodeRegistry(redis, 4)
    room, peers, tasks = await _room_with_media(server, monkeypatch)
    node = await registry.room_node(room)
    assert node is not None
    host = node.rsplit("-w", 1)[0]
    newcomer = None
    try:
        code, out = await fjord_cli(server.env, "sfu", "drain", "--node", host, "--no-wait")
        assert code == 0 and f"draining 1 node(s): {node}" in out, out

        async def draining() -> bool:
            return any(n.node_id == node and n.draining for n in await registry.nodes())

        assert await wait_until(draining, RECOVERY_S), f"{node} not seen draining"
        url = server.create_meeting(room_mode="group")["roomUrl"]
        newcomer = await SignalingClient.connect(server, url)
        assert (await newcomer.join("N", url))["type"] == "joined"
        new_room = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        placed: list[str | None] = [None]

        async def placed_yet() -> bool:
            placed[0] = await registry.room_node(new_room)
            return placed[0] is not None

        # `joined` goes out before the SFU join completes
        assert await wait_until(placed_yet, RECOVERY_S)
        assert placed[0] != node, (placed[0], await registry.nodes())
        # the old room stays on the draining node and keeps decoding for several beats
        floor = [p.frames for p in peers]
        await asyncio.sleep(3)
        assert await wait_until(
            lambda: all(p.frames >= f + 30 for p, f in zip(peers, floor, strict=True)),
            RECOVERY_S), [(f, p.frames) for p, f in zip(peers, floor, strict=True)]
        assert await registry.room_node(room) == node
        assert not [p.media_lost for p in peers if p.media_lost]
        waiting = asyncio.create_task(
            fjord_cli(server.env, "sfu", "drain", "--node", host, "--timeout", "20"))
        await asyncio.sleep(1.0)
        assert not waiting.done()  # the room is still open
        await _teardown(peers, tasks)
        peers, tasks = [], []
        code, out = await asyncio.wait_for(waiting, 25)
        assert code == 0 and out.rstrip().endswith("drained"), repr(out)
    finally:
        await _teardown(peers, tasks)
        if newcomer is not None:
            await newcomer.close()
        await registry.set_draining(node, False)
        await redis.aclose()


async def test_crashed_sfu_host_room_is_replaced_and_clients_recover(
    cluster: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 of the whole SFU host (supervisor and worker): its heartbeat expires, the room
    is re-placed on the other host, both publishers decode each other again and a
    participant that only receives decodes both again."""
    server = cluster["server"]
    redis = Redis.from_url(cluster["redis_url"])
    room, peers, tasks = await _room_with_media(server, monkeypatch, watcher=True)
    try:
        before = server.labeled_metrics()
        node = await NodeRegistry(redis, 4).room_node(room)
        assert node is not None
        kill_group(cluster["hosts"][node.rsplit("-w", 1)[0]])
        killed_at = time.monotonic()
        elapsed = await _recovers(peers, killed_at)
        print(f"recovered {elapsed:.1f} s after kill -9 of host of {node}")
        moved = await NodeRegistry(redis, 4).room_node(room)
        assert moved is not None and moved != node
        after = server.labeled_metrics()
        replaced = 'fjord_sfu_room_placements_total{reason="replaced"}'
        assert after[replaced] == before[replaced] + 1
        assert after['fjord_sfu_rooms_lost_total{reason="expired"}'] >= 1
        assert not [e for p in peers for e in p.errors if e != "rate_limited"]
    finally:
        await _teardown(peers, tasks)
        await redis.aclose()
