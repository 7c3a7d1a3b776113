"""A node id belongs to one live process: a second ``fjord sfu --node-id X`` (or ``fjord
serve``, ``fjord signaling``) refuses to start with one line, while a worker restarted by
its own supervisor, or a host restarted after its old process died, takes the id back (real
redis-server)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from redis.asyncio import Redis

from cluster.node_lock import SignalingNodeLock, lock_key
from cluster.placement import NodeLoad
from cluster.registry import NodeIdHeld, NodeRegistry, epoch_key, new_epoch, node_key
from tests.conftest import ROOT, fjord_env, free_port, start_role
from tests.ops.test_sfu_failover import kill_group, worker_pid

TTL = 1.0


async def beat(registry: NodeRegistry, node_id: str, epoch: str, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await registry.heartbeat(NodeLoad(node_id, host="127.0.0.1:4000"), epoch)
        await asyncio.sleep(0.2)


async def test_claim_refuses_a_live_holder_and_takes_a_dead_ones_id(redis) -> None:  # noqa: ANN001
    registry = NodeRegistry(redis, TTL)
    first, second = new_epoch(), new_epoch()
    await registry.claim("n-w0", first)
    stop = asyncio.Event()
    beating = asyncio.create_task(beat(registry, "n-w0", first, stop))
    try:
        started = time.monotonic()
        with pytest.raises(NodeIdHeld, match=r"node id n-w0 is held by another live process "
                                             r"\(host .*, pid \d+, UDP 127.0.0.1:4000\)"):
            await registry.claim("n-w0", second)
        assert time.monotonic() - started < 1.0  # one heartbeat told
        # a heartbeat under someone else's epoch writes nothing and says whose it is
        beat_ = await registry.heartbeat(NodeLoad("n-w0", host="127.0.0.1:5000"), second)
        assert beat_.taken_by == first
        assert b"5000" not in await redis.get(node_key("n-w0"))
        await registry.remove("n-w0", second)  # not ours: nothing removed
        assert await redis.get(epoch_key("n-w0")) == first.encode()
    finally:
        stop.set()
        await beating
    # the holder died without a goodbye: its id is free once its keys expire
    started = time.monotonic()
    await registry.claim("n-w0", second)
    assert time.monotonic() - started <= TTL + 0.5
    assert await redis.get(epoch_key("n-w0")) == second.encode()
    # a supervisor restarting its dead worker takes over the worker's epoch at once
    started = time.monotonic()
    await registry.claim("n-w0", first, previous=second)
    assert time.monotonic() - started < 0.2


async def fjord_sfu(env: dict[str, str], *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "fjord", "sfu", *args, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, (out + err).decode()


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_second_sfu_with_the_same_node_id_refuses_to_start(
    tmp_path: Path, redis_url: str
) -> None:
    node_id = f"dup{os.getpid()}"
    env = fjord_env(tmp_path / "data", FJORD_REDIS_URL=redis_url,
                    FJORD_NODE_HEARTBEAT_INTERVAL="0.5", FJORD_NODE_TTL="2")
    first = start_role(["sfu", "--workers", "1", "--node-id", node_id], env,
                       tmp_path / "first.log", "Fjord SFU ready", new_session=True)
    redis = Redis.from_url(redis_url)
    try:
        epoch = await redis.get(epoch_key(f"{node_id}-w0"))
        started = time.monotonic()
        code, output = await fjord_sfu(env, "--workers", "1", "--node-id", node_id,
                                       "--sfu-port", str(free_port(udp_too=True)))
        print(f"second fjord sfu refused after {time.monotonic() - started:.1f} s")
        assert code != 0
        lines = [line for line in output.splitlines() if line.strip()]
        assert lines == [f"fjord: cannot start: node id {node_id}-w0 is held by another live "
                         f"process (host {os.uname().nodename}, pid {first.pid}, UDP "
                         f"127.0.0.1:{env['FJORD_SFU_PORT']}); give every fjord sfu its own "
                         "--node-id"], output
        await asyncio.sleep(1.5)  # the first one keeps its id, untouched
        assert await redis.get(epoch_key(f"{node_id}-w0")) == epoch

        # its own supervisor restarts a killed worker under the same id, at once
        os.kill(worker_pid(first.pid), signal.SIGKILL)
        killed = time.monotonic()
        while await redis.get(epoch_key(f"{node_id}-w0")) in (epoch, None):
            assert time.monotonic() - killed < 15, "worker not restarted"
            await asyncio.sleep(0.1)
        while not await redis.exists(node_key(f"{node_id}-w0")):
            await asyncio.sleep(0.1)
        print(f"worker back under its id {time.monotonic() - killed:.1f} s after kill -9")
        assert "cannot start" not in (tmp_path / "first.log").read_text()

        # the whole host dies; started again, it takes its id back once the old keys expire
        kill_group(first)
        killed = time.monotonic()
        again = start_role(["sfu", "--workers", "1", "--node-id", node_id], env,
                           tmp_path / "again.log", "Fjord SFU ready", new_session=True)
        print(f"host restarted under its id {time.monotonic() - killed:.1f} s after kill")
        again.terminate()
        again.wait(15)
    finally:
        with contextlib.suppress(Exception):
            kill_group(first)
        await redis.aclose()


def fjord_role(role: str, env: dict[str, str]) -> tuple[int, str]:
    """``fjord <role>`` run to its end (it must refuse to start): exit status, stderr."""
    done = subprocess.run([sys.executable, "-m", "fjord", role], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stderr


@pytest.mark.slow
@pytest.mark.timeout(180)
async def test_a_second_signaling_node_with_the_same_node_id_refuses_to_start(
    tmp_path: Path, redis_url: str
) -> None:
    """Tester finding: two ``fjord serve`` (or ``fjord signaling``) with one ``--node-id``
    against one Redis both ran (``fjord signaling`` without a word; ``fjord serve`` stopped
    only by its SFU workers' ids, telling to give every fjord sfu its own id). The node id
    is claimed in Redis before the node serves, as SFU workers' ids are: a newcomer under a
    live id stops with one line naming it; the first one serves on, and once it stopped,
    the id is free at once."""
    node_id = f"sig{os.getpid()}"
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
              "FJORD_NODE_TTL": "2", "FJORD_NODE_ID": node_id, "FJORD_SFU_WORKERS": "1"}
    data = tmp_path / "data"  # one data dir and database, as a deployment's nodes share
    first = start_role(["serve"], fjord_env(data, **common), tmp_path / "first.log",
                       "Fjord is running at", new_session=True)
    redis = Redis.from_url(redis_url)
    try:
        held = await redis.get(lock_key(node_id))
        assert held is not None and f'"pid":{first.pid}'.encode() in held
        for role in ("serve", "signaling"):
            started = time.monotonic()
            code, stderr = fjord_role(role, fjord_env(data, **common))
            print(f"second fjord {role} refused after {time.monotonic() - started:.1f} s")
            assert code == 1 and "Traceback" not in stderr, stderr
            assert stderr.strip().splitlines()[-1] == (
                f"fjord: cannot start: node id {node_id} is held by another live process "
                f"(host {os.uname().nodename}, pid {first.pid}); give every signaling node "
                "(fjord serve, fjord signaling) its own --node-id"), stderr
        await asyncio.sleep(1.5)  # the first keeps its id, and serves
        assert first.poll() is None
        assert await redis.get(lock_key(node_id)) == held
        assert "was taken" not in (tmp_path / "first.log").read_text()

        first.terminate()  # a clean stop gives the id back at once
        first.wait(30)
        assert await redis.get(lock_key(node_id)) is None
        again = start_role(["signaling"], fjord_env(data, **common), tmp_path / "again.log",
                           "Fjord is running at", new_session=True)
        # a node that finds its id taken (it was cut off from Redis past the TTL) stops
        await redis.set(lock_key(node_id), new_epoch(pid=4242))
        assert again.wait(30) == 1
        log = (tmp_path / "again.log").read_text()
        assert log.strip().splitlines()[-1] == (
            f"fjord: stopped: node id {node_id} was taken by another live process (host "
            f"{os.uname().nodename}, pid 4242) while this one was cut off from Redis; give "
            "every signaling node (fjord serve, fjord signaling) its own --node-id"), log
        assert "Traceback" not in log
        assert b"4242" in await redis.get(lock_key(node_id))  # not given back: not its own
    finally:
        with contextlib.suppress(Exception):
            kill_group(first)
        await redis.aclose()


async def test_a_node_whose_id_another_process_took_stops_saying_so(
        redis, redis_url: str, caplog: pytest.LogCaptureFixture) -> None:  # noqa: ANN001
    """Cut off from Redis past the TTL, a node may find its id taken by a newcomer: it
    reports it (one error line naming the id and the taker) so that it stops."""
    lock = SignalingNodeLock(Redis.from_url(redis_url), "sig-x", TTL, 0.1)
    await lock.start()
    try:
        assert await redis.get(lock_key("sig-x")) == lock.epoch.encode()
        await redis.set(lock_key("sig-x"), new_epoch(pid=4242))
        await asyncio.wait_for(lock.lost.wait(), 5)
        assert lock.taken_message() == (
            f"node id sig-x was taken by another live process (host {os.uname().nodename}, "
            "pid 4242) while this one was cut off from Redis; give every signaling node "
            "(fjord serve, fjord signaling) its own --node-id")
        assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
            "stopping: " + lock.taken_message()]
    finally:
        await lock.close()
    assert b"4242" in await redis.get(lock_key("sig-x"))  # not ours to give back
