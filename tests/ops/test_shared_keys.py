"""Signaling nodes that do not share a data dir, or a database, refuse to start beside each
other. Started on a fresh database (no organization yet, so the keyring check had nothing to
compare), each made its own signing key, KEK and keyring, and the second served for ever
while refusing every host link of the first ("room key not signed by this server") and
failing the first's organizations' encrypted fields with 500. A node on another database
(its database_url unset: SQLite in the data dir) answered 404 for every meeting made
through the others."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fjord.data_dir import prepare_data_dir
from fjord.settings_loading import load_settings
from tests.conftest import (
    ROOT,
    FjordServer,
    create_api_key,
    fjord_env,
    start_server,
    stop_fjord,
    stop_process,
)
from tests.ops.conftest import RedisServer

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.directory.mkdir()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def common(redis_server: RedisServer) -> dict[str, str]:
    """The settings every signaling node of these tests shares: Redis, quick heartbeats."""
    return {"FJORD_REDIS_URL": redis_server.url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
            "FJORD_NODE_TTL": "2"}


@pytest.fixture
def first(tmp_path: Path, common: dict[str, str]) -> Iterator[FjordServer]:
    """Signaling node ``sig-a``, serving on data dir ``tmp_path / "data"``."""
    env = fjord_env(tmp_path / "data", FJORD_NODE_ID="sig-a", **common)
    server = start_server("signaling", env, tmp_path / "a.log", create_api_key(env))
    yield server
    stop_fjord(server)


def refused(stray: dict[str, str]) -> str:
    """The last stderr line of ``fjord signaling`` with ``stray``, which must refuse to
    start (exit 1, no traceback) naming ``sig-a`` as the live node."""
    done = subprocess.run([sys.executable, "-m", "fjord", "signaling"], env=stray,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith("fjord: signaling node sig-a.") and "(live in Redis)" in line
    return line


def test_a_signaling_node_with_another_data_dir_refuses_to_start(
        tmp_path: Path, common: dict[str, str], first: FjordServer) -> None:
    kid = (tmp_path / "data" / "keys" / "room-signing.json").read_text()
    line = refused(fjord_env(tmp_path / "other-data", FJORD_NODE_ID="sig-b", **common))
    assert f"do not share one data dir (this node's: {tmp_path / 'other-data'})" in line
    assert line.split("verifies room keys signed with ")[1].split(" ")[0] in kid
    # a node of the same data dir joins
    second = start_server("signaling", fjord_env(tmp_path / "data", FJORD_NODE_ID="sig-c",
                                                 **common),
                          tmp_path / "c.log", first.api_key)
    stop_fjord(second)


def test_a_signaling_node_on_another_database_refuses_to_start(
        tmp_path: Path, common: dict[str, str], first: FjordServer) -> None:
    """Another, empty database beside the data dir of a deployment with organizations is
    refused as the store opens (signaling.store); a fresh deployment's nodes on different
    databases are refused by the deployment check (the next test)."""
    other = f"sqlite+aiosqlite:///{tmp_path / 'other.db'}"
    done = subprocess.run([sys.executable, "-m", "fjord", "signaling"], env=fjord_env(
        tmp_path / "data", FJORD_NODE_ID="sig-b", FJORD_DATABASE_URL=other, **common),
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(
        f"fjord: the database is empty but the keyring {tmp_path / 'data' / 'keys' / 'keyring'}"
        " holds the data keys of 2 organizations:")  # the first start's demo one, and "tests"


def test_signaling_nodes_on_other_databases_started_at_once_do_not_both_serve(
        tmp_path: Path, redis_server: RedisServer, common: dict[str, str]) -> None:
    """Nodes started at once (the replicas of one Deployment, each with database_url unset:
    SQLite in its own data dir) each checked their peers before any of them heartbeated,
    and all served. Here Redis is paused while both wait to check, so that both checks see
    an empty registry; one of them at most may serve."""
    assert redis_server.process is not None
    # one data dir for both, with no organization yet (a new deployment's first start)
    prepare_data_dir(load_settings(data_dir=str(tmp_path / "data")))
    assert not list((tmp_path / "data" / "keys").glob("keyring/*.json"))
    nodes = []
    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        for name in ("sig-a", "sig-b"):
            env = fjord_env(tmp_path / "data", FJORD_NODE_ID=name, FJORD_DATABASE_URL=(
                f"sqlite+aiosqlite:///{tmp_path / (name + '.db')}"), **common)
            nodes.append(subprocess.Popen([sys.executable, "-m", "fjord", "signaling"],
                                          env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))

        def connected() -> set[int]:
            """The nodes with a connection to Redis open (waiting for its answer)."""
            lines = subprocess.run(["ss", "-Htnp", "dst", f"127.0.0.1:{redis_server.port}"],
                                   capture_output=True, text=True, check=True).stdout
            return {node.pid for node in nodes if f"pid={node.pid}," in lines}

        deadline = time.monotonic() + 60
        while connected() != {node.pid for node in nodes} and time.monotonic() < deadline:
            assert all(node.poll() is None for node in nodes)
            time.sleep(0.1)
        assert connected() == {node.pid for node in nodes}
        redis_server.process.send_signal(signal.SIGCONT)
        deadline = time.monotonic() + 60  # the one refused stops within seconds
        while sum(node.poll() is None for node in nodes) > 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert sum(node.poll() is None for node in nodes) <= 1
        for node in nodes:
            if node.poll() is not None:
                stderr = node.stderr.read() if node.stderr else ""
                assert node.returncode == 1 and "Traceback" not in stderr, stderr
                # refused by the deployment check, or, when the other had made its demo
                # organization's key first, by the store's empty-database check
                last = stderr.strip().splitlines()[-1]
                assert ("(live in Redis) uses the database dep_" in last
                        or last.startswith("fjord: the database is empty but the keyring")), last
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
        for node in nodes:
            stop_process(node)
