"""``fjord sfu``: a worker that cannot bind its UDP port is not restarted forever; the
supervisor gives up after a few tries at start and exits with one line naming the port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, fjord_env, free_port


def test_a_taken_udp_port_stops_fjord_sfu_with_one_line(tmp_path: Path, redis_url: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        env = fjord_env(tmp_path / "data", FJORD_REDIS_URL=redis_url, FJORD_NODE_ID="bind",
                        FJORD_SFU_PORT=str(port), FJORD_METRICS_PORT=str(free_port()))
        done = subprocess.run([sys.executable, "-m", "fjord", "sfu", "--workers", "1"],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=150)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "Fjord SFU ready" not in done.stdout
    assert done.stderr.strip().splitlines()[-1] == (
        f"fjord: sfu worker 0 cannot bind UDP 127.0.0.1:{port} (port taken, above 65535, or "
        "not a local address; FJORD_SFU_LISTEN_IP (--sfu-listen-ip), FJORD_SFU_PORT "
        "(--sfu-port)) 3 times in a row at start; not restarting it"
    )
    assert done.stderr.count("; restarting") == 2  # the first two failures were retried


def test_a_taken_udp_port_stops_fjord_serve_with_redis_with_one_line(tmp_path: Path,
                                                                     redis_url: str) -> None:
    """fjord serve with redis_url supervises its SFU workers as fjord sfu does: it logged the
    worker it gave up on and served on, one worker short for good (with one worker, none:
    every group room failed). Now it stops with the line fjord sfu ends with."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        env = fjord_env(tmp_path / "data", FJORD_REDIS_URL=redis_url, FJORD_NODE_ID="bind-serve",
                        FJORD_SFU_PORT=str(port))
        done = subprocess.run([sys.executable, "-m", "fjord", "serve", "--sfu-workers", "1"],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=150)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stderr.strip().splitlines()[-1].startswith(
        f"fjord: sfu worker 0 cannot bind UDP 127.0.0.1:{port} (port taken")


def test_a_worker_metrics_port_on_the_https_port_stops_fjord_serve_with_one_line(
        tmp_path: Path, redis_url: str) -> None:
    """fjord serve with Redis puts SFU worker i's /metrics on ``metrics_port + 1 + i``: with
    ``metrics_port`` one below the HTTPS port, worker 0's clashed with it, and each of its
    three starts printed a traceback (``OSError: [Errno 98]``) before a last line naming
    neither ``metrics_port`` nor the port. Now the line says both, without a traceback."""
    env = fjord_env(tmp_path / "data", FJORD_REDIS_URL=redis_url, FJORD_NODE_ID="metrics-serve")
    https = int(env["FJORD_HTTPS_PORT"])
    env["FJORD_METRICS_PORT"] = str(https - 1)
    done = subprocess.run([sys.executable, "-m", "fjord", "serve", "--sfu-workers", "1"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=150)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stderr.strip().splitlines()[-1] == (
        f"fjord: sfu worker 0 cannot listen for /metrics on TCP 127.0.0.1:{https} (port "
        "taken, maybe by another of Fjord's listeners: SFU worker i uses FJORD_METRICS_PORT "
        "(--metrics-port) + 1 + i) 3 times in a row at start; not restarting it")
