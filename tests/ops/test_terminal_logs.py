"""``fjord serve`` on a terminal (``make run``) prints readable one-line text logs, still
without names, emails or chat text; JSON when stderr is no terminal (tests/ops/test_logs.py)."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, FjordServer, create_api_key, fjord_env
from tests.signaling_client import SignalingClient


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    out = b""
    deadline = time.monotonic() + timeout
    while needle not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:  # the other side closed
                break
    return out


async def test_serve_on_a_terminal_prints_text_logs_without_personal_data(
    tmp_path: Path,
) -> None:
    env = fjord_env(tmp_path / "data")
    api_key = create_api_key(env)
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.stdout.readline().startswith(b"Fjord is running at"):
                break
        server = FjordServer(base_url=f"https://127.0.0.1:{env['FJORD_HTTPS_PORT']}",
                             api_key=api_key, data_dir=tmp_path / "data",
                             ca_cert=tmp_path / "data" / "certs" / "dev-ca.pem", env=env,
                             process=process, log_path=tmp_path / "unused.log")
        name, chat = "Tilda Ttyworth", "terminal secret 4417"
        meeting = server.create_meeting("normal")
        client = await SignalingClient.connect(server, meeting["hostRoomUrl"])
        assert (await client.join(name, meeting["hostRoomUrl"]))["type"] == "joined"
        await client.send({"type": "chat", "text": chat})
        await client.close()
        # The REST request line for the meeting is logged: wait for it on the terminal.
        text = (await asyncio.to_thread(_read_until, leader, b"POST /v1/meetings 201",
                                        30)).decode(errors="replace")
    finally:
        process.terminate()
        process.wait(20)
        os.close(leader)
    lines = [line for line in text.splitlines() if line.strip()]
    assert any("POST /v1/meetings 201" in line for line in lines), text[-2000:]
    assert not any(line.lstrip().startswith("{") for line in lines), lines[:5]
    assert any(" INFO " in line for line in lines), lines[:5]
    for secret in (name, "Tilda", "Ttyworth", chat):
        assert secret not in text
