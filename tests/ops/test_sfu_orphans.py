"""An SFU node leaves the participants of a signaling process that died (sfu_control/node.py,
``leave_orphans``). Before, a signaling node killed with participants in a group room left
them on the SFU worker for good: the room stayed open (``fjord sfu drain`` never ended,
"1 room(s) still open" 35 minutes later), and they counted in the worker's load, which
placement reads."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from redis.asyncio import Redis

from cluster.registry import node_key
from tests.conftest import ROOT, create_api_key, fjord_env, start_role, start_server, wait_until
from tests.ops.conftest import RedisServer
from tests.ops.test_sfu_failover import kill_group
from tests.signaling_client import SignalingClient

pytestmark = pytest.mark.timeout(180)


async def test_participants_of_a_killed_signaling_node_leave_the_sfu(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "redis")
    server.directory.mkdir()
    server.start()
    common = {"FJORD_REDIS_URL": server.url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
              "FJORD_NODE_TTL": "2"}
    data = tmp_path / "data"
    sfu_env = fjord_env(data, FJORD_NODE_ID="sfu-o", **common)
    sfu = start_role(["sfu", "--workers", "1"], sfu_env, tmp_path / "sfu.log",
                     "Fjord SFU ready")
    redis = Redis.from_url(server.url)
    signaling = None
    try:
        env = fjord_env(data, FJORD_NODE_ID="sig-o", **common)
        signaling = start_server("signaling", env, tmp_path / "sig.log", create_api_key(env),
                                 new_session=True)
        meeting = signaling.create_meeting(room_mode="group")
        clients = [await SignalingClient.connect(signaling, meeting["roomUrl"])
                   for _ in range(2)]
        for i, client in enumerate(clients):
            assert (await client.join(f"P{i}", meeting["roomUrl"]))["type"] == "joined"

        async def load() -> dict:
            value = await redis.get(node_key("sfu-o-w0"))
            return json.loads(value) if value else {}

        assert await wait_until(lambda: _participants(load, 2), timeout=10)
        kill_group(signaling.process)  # no leave reaches the SFU
        killed = time.monotonic()
        assert await wait_until(lambda: _participants(load, 0), timeout=15)
        print(f"participants left the SFU {time.monotonic() - killed:.1f} s after kill -9")
        assert (await load())["rooms"] == 0
        drained = subprocess.run(
            [sys.executable, "-m", "fjord", "sfu", "drain", "--node", "sfu-o", "--timeout",
             "10"], env=sfu_env, cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert drained.returncode == 0 and drained.stdout.rstrip().endswith("drained"), \
            drained.stdout + drained.stderr
        for client in clients:
            await client.ws.close()
    finally:
        if signaling is not None and signaling.process.poll() is None:
            kill_group(signaling.process)
        await redis.aclose()
        sfu.terminate()
        sfu.wait(15)
        server.stop()


async def _participants(load, count: int) -> bool:  # noqa: ANN001
    return (await load()).get("participants") == count
