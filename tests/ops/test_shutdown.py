"""SIGTERM stops ``fjord serve`` promptly even with an idle keep-alive HTTPS connection open
(one left by any browser tab): idle connections are closed at shutdown, not waited for; and
with status 0 whether it came while the server ran or while it was still starting."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, fjord_env, start_fjord, stop_fjord
from tests.processes import child_processes


def test_sigterm_with_an_idle_keep_alive_connection_exits_within_seconds(
    tmp_path: Path,
) -> None:
    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log")
    try:
        port = server.ports["FJORD_HTTPS_PORT"]
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        idle = server.ssl_context().wrap_socket(raw, server_hostname="127.0.0.1")
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert idle.recv(4096).startswith(b"HTTP/1.1 200")
        # The connection stays open and idle; the client never answers a TLS close_notify.
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(20)
        took = time.monotonic() - started
        print(f"SIGTERM to exit: {took:.2f} s")
        assert took < 5, f"SIGTERM took {took:.1f} s with one idle keep-alive connection"
        idle.close()
    finally:
        if server.process.poll() is None:
            stop_fjord(server)


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_stops_fjord_turn_cleanly(tmp_path: Path, workers: int) -> None:
    """``fjord turn`` (alone, and supervising relay processes) stops on SIGTERM by closing its
    sockets and exiting 0: what ``docker stop`` and Kubernetes send."""
    from tests.conftest import fjord_env, start_role

    env = fjord_env(tmp_path / "data", FJORD_TURN_SECRET="shutdown-test-secret")
    process = start_role(["turn", "--workers", str(workers)], env, tmp_path / "turn.log",
                         "Fjord TURN relay listening")
    try:
        for _ in range(workers - 1):  # one whole line per worker, naming it
            line = process.stdout.readline()
            assert re.fullmatch(rb"Fjord TURN relay listening on \S+ \(worker [1-9] of "
                                + str(workers).encode() + rb"\)\n", line), line
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0, (tmp_path / "turn.log").read_text()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", int(env["FJORD_TURN_UDP_PORT"])))  # released
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_stop_sent_to_the_group_while_relay_processes_start_is_no_failure(
        tmp_path: Path) -> None:
    """A service manager (or ``timeout``) stopping ``fjord turn --workers 4`` sends SIGTERM
    to the whole process group: relay processes still starting, without a handler yet, die
    of it. The supervisor, stopping too, took that for a worker's failure ("TURN worker
    fjord-turn-0 exited with code -15", status 1); it exits 0, as when it stops running."""
    env = fjord_env(tmp_path / "data", FJORD_TURN_SECRET="group-stop-secret")
    with open(tmp_path / "turn.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "fjord", "turn", "--workers", "4"],
                                   env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not child_processes(process.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert child_processes(process.pid), "no relay process started"
        os.killpg(process.pid, signal.SIGTERM)
        assert process.wait(30) == 0, (tmp_path / "turn.log").read_text()
        assert "exited with code" not in (tmp_path / "turn.log").read_text()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.parametrize(("signals", "status"), [(1, 0), (2, -signal.SIGTERM)])
def test_sigterm_while_fjord_serve_starts_its_sfu_workers(tmp_path: Path, redis_url: str,
                                                          signals: int, status: int) -> None:
    """A stop sent while the server was still starting (here: spawning its SFU worker
    processes) ended it with "Terminated", status 143, where a running one exits 0: start-up
    now finishes, then the server stops and exits 0; a second SIGTERM ends it at once."""
    data, log = tmp_path / "data", tmp_path / "serve.log"
    env = fjord_env(data, FJORD_REDIS_URL=redis_url, FJORD_SFU_WORKERS="2",
                    FJORD_NODE_ID=f"stopped-while-starting-{signals}")
    with open(log, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "fjord", "serve"], env=env,
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr)
    try:
        deadline = time.monotonic() + 60
        while not (data / "keys" / "room-signing.json").exists():  # past the data dir
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.01)
        for _ in range(signals):
            process.send_signal(signal.SIGTERM)
            time.sleep(0.05)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert b"Fjord is running" not in out  # the signal came during start-up
    assert process.returncode == status, log.read_text()
    if status == 0:  # (a worker cut off while being spawned may print its own)
        assert "Traceback" not in log.read_text()
