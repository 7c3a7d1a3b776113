"""A node whose ``redis_url`` names another database of a Redis server where a Fjord
deployment runs refuses to start (cluster/redis_databases.py): pub/sub channels are not per
database, so an SFU worker of database 2 created the participants of database 0's rooms
placed on its namesake, and a signaling node on a mistyped database saw no SFU node and no
room member of its deployment while hearing their channels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cluster.redis_databases import with_database
from tests.conftest import ROOT, fjord_env, start_role
from tests.ops.conftest import RedisServer

pytestmark = pytest.mark.timeout(120)


def test_with_database_names_another_database() -> None:
    assert with_database("redis://:pw@cache:6379/0", 3) == "redis://:pw@cache:6379/3"
    assert with_database("rediss://cache:6380", 1) == "rediss://cache:6380/1"
    assert with_database("unix:///run/redis.sock?db=0&x=1", 2) == \
        "unix:///run/redis.sock?x=1&db=2"


def test_a_node_on_another_database_of_a_deployments_redis_refuses_to_start(
    tmp_path: Path,
) -> None:
    server = RedisServer(tmp_path / "redis")
    server.directory.mkdir()
    server.start()
    base = server.url.rsplit("/", 1)[0]
    data = tmp_path / "data"
    sfu = start_role(["sfu", "--workers", "1"],
                     fjord_env(data, FJORD_REDIS_URL=base + "/0", FJORD_NODE_ID="sfu-1"),
                     tmp_path / "sfu.log", "Fjord SFU ready")
    try:
        for args in (["sfu", "--workers", "1"], ["signaling"]):
            env = fjord_env(data, FJORD_REDIS_URL=base + "/2", FJORD_NODE_ID="sfu-1")
            done = subprocess.run([sys.executable, "-m", "fjord", *args], env=env, cwd=ROOT,
                                  capture_output=True, text=True, timeout=60)
            assert done.returncode == 1, done.stderr
            assert "Traceback" not in done.stderr
            assert done.stderr.strip().splitlines()[-1] == (
                f"fjord: Redis at 127.0.0.1:{server.port} has live Fjord nodes in database 0 "
                "(fjord:sfu:node:sfu-1-w0) and redis_url names database 2: Redis shares "
                "pub/sub channels between databases, so the nodes would take each other's "
                "requests. Give every node of a deployment the same redis_url, and each "
                "deployment a Redis server of its own (docs/operations.md, Multi-node)")
        # the deployment's own database is no problem
        other = start_role(["sfu", "--workers", "1"],
                           fjord_env(data, FJORD_REDIS_URL=base + "/0", FJORD_NODE_ID="sfu-2"),
                           tmp_path / "sfu2.log", "Fjord SFU ready")
        other.terminate()
        other.wait(15)
    finally:
        sfu.terminate()
        sfu.wait(15)
        server.stop()
