"""Two ``fjord signaling`` nodes and one ``fjord sfu`` over Redis: a group room is placed on
the remote SFU and a subscriber connected to the other signaling node decodes the video an
aiortc publisher sends through the first."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aioice.ice
import pytest

from tests.conftest import ROOT, FjordServer, fjord_env, stop_fjord
from tests.signaling_client import SignalingClient

sys.path.insert(0, str(Path(__file__).parent.parent / "integration"))
from test_aiortc_group import GroupPeer, wait_until  # noqa: E402


def _start(args: list[str], env: dict[str, str], log: Path, ready: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "fjord", *args], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=open(log, "wb"))  # noqa: SIM115
    assert process.stdout is not None
    lines = []
    while True:
        line = process.stdout.readline().decode()
        lines.append(line)
        if not line or line.startswith(ready):
            break
    if not line:
        process.kill()
        raise RuntimeError("".join(lines) + log.read_text()[-3000:])
    return process


@pytest.fixture
def cluster(tmp_path: Path, redis_url: str) -> Iterator[list[FjordServer]]:
    data = tmp_path / "data"
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
              "FJORD_NODE_TTL": "2"}
    sfu_env = fjord_env(data, FJORD_NODE_ID="sfu-a", **common)
    sfu = _start(["sfu", "--workers", "1"], sfu_env, tmp_path / "sfu.log", "Fjord SFU ready")
    nodes: list[FjordServer] = []
    try:
        api_key = subprocess.run(
            [sys.executable, "-m", "fjord", "api-key", "create", "--org", "ops"], env=sfu_env,
            capture_output=True, text=True, check=True, cwd=ROOT,
        ).stdout.strip().splitlines()[-1]
        for name in ("sig-a", "sig-b"):
            env = fjord_env(data, FJORD_NODE_ID=name, **common)
            log = tmp_path / f"{name}.log"
            process = _start(["signaling"], env, log, "Fjord is running at")
            port = int(env["FJORD_HTTPS_PORT"])
            nodes.append(FjordServer(
                base_url=f"https://127.0.0.1:{port}", api_key=api_key, data_dir=data,
                ca_cert=data / "certs" / "dev-ca.pem", env=env, process=process,
                log_path=log,
            ))
        yield nodes
    finally:
        for node in nodes:
            stop_fjord(node)
        sfu.terminate()
        sfu.wait(15)


async def test_group_room_across_two_signaling_nodes_on_a_remote_sfu(
    cluster: list[FjordServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    pub_client = await SignalingClient.connect(node_a, url)
    sub_client = await SignalingClient.connect(node_b, url)
    publisher = GroupPeer(pub_client)
    subscriber = GroupPeer(sub_client)
    serving = []
    try:
        assert (await sub_client.join("S", url))["topology"] == "sfu"
        serving.append(asyncio.create_task(subscriber.serve_signaling()))
        assert (await pub_client.join("P", url))["topology"] == "sfu"
        await publisher.publish()
        await wait_until(lambda: subscriber.frames.get("video", 0) >= 5, timeout=30)
    finally:
        for task in serving:
            task.cancel()
        await publisher.close()
        await subscriber.close()
    for node in cluster:
        assert "Quaxley" not in node.log_text()


async def test_fjord_serve_with_redis_runs_sfu_worker_processes(
    tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import start_fjord

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    server = start_fjord(tmp_path / "data", tmp_path / "serve.log", FJORD_REDIS_URL=redis_url,
                         FJORD_SFU_WORKERS="1", FJORD_NODE_ID="serve-node")
    try:
        from redis.asyncio import Redis

        from fjord.registry import NodeRegistry

        client = Redis.from_url(redis_url)
        try:
            nodes = [n.node_id for n in await NodeRegistry(client, 4).nodes()]
        finally:
            await client.aclose()
        assert "serve-node-w0" in nodes
        meeting = server.create_meeting(room_mode="group")
        url = meeting["roomUrl"]
        pub = GroupPeer(await SignalingClient.connect(server, url))
        sub = GroupPeer(await SignalingClient.connect(server, url))
        task = None
        try:
            await sub.client.join("S", url)
            task = asyncio.create_task(sub.serve_signaling())
            await pub.client.join("P", url)
            await pub.publish()
            await wait_until(lambda: sub.frames.get("video", 0) >= 5, timeout=30)
        finally:
            if task is not None:
                task.cancel()
            await pub.close()
            await sub.close()
    finally:
        stop_fjord(server)
