"""The servers under test of ``fjord bench sfu``: Fjord's SFU worker process
(:mod:`bench.sfu_runner`) and Janus's VideoRoom (:mod:`bench.janus_server`), each with the
same interface: ``target`` for the load processes, ``stats()``, ``cpu_s()`` (the process
CPU clock), ``check_running()`` and ``stop()``.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .janus_server import JanusServer
from .sfu_runner import AUTHKEY_ENV
from .sfu_session import SetupError
from .sfu_signaling import Control, FjordTarget, JanusTarget
from .turn_servers import ServerError, process_cpu_seconds

JANUS_ROOM = 1234


class SfuProcess:
    """The SFU process: Popen, media address, control client."""

    def __init__(self, core: int) -> None:
        authkey = secrets.token_bytes(16)
        env = dict(os.environ, **{AUTHKEY_ENV: authkey.hex()})
        self.authkey = authkey
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "bench.sfu_runner", str(core)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
            process_group=0,  # not Ctrl-C's: it stops when told or when its stdin closes
        )
        assert self.popen.stdout is not None
        try:
            line = self.popen.stdout.readline().split()
            if len(line) != 3 or line[0] != "ready":
                raise SetupError("SFU process did not start")
            self.server = ("127.0.0.1", int(line[1]))
            self.control_address = ("127.0.0.1", int(line[2]))
            self.control = Control(self.control_address, authkey)
        except BaseException:  # a failure, Ctrl-C or SIGTERM while it starts: none left
            self.stop()
            raise

    @property
    def target(self) -> FjordTarget:
        return FjordTarget(self.server, self.control_address, self.authkey)

    def stats(self) -> dict[str, Any]:
        try:
            return self.control.call("stats")
        except SetupError:
            time.sleep(0.5)  # let a process that closed the connection be seen to exit
            self.check_running()
            raise

    def cpu_s(self) -> float:
        try:
            return process_cpu_seconds(self.popen.pid)
        except ServerError as exc:
            raise SetupError(f"the SFU process is gone: {exc}") from exc

    def check_running(self) -> None:
        """Raise SetupError when the SFU process has exited: a window without it
        measured nothing."""
        if self.popen.poll() is not None:
            raise SetupError(f"the SFU process exited with {self.popen.returncode} "
                             "during the run")

    def stop(self) -> None:
        if self.popen.poll() is None:
            try:
                assert self.popen.stdin is not None
                self.popen.stdin.write("stop\n")
                self.popen.stdin.flush()
                self.popen.wait(10)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.popen.kill()
                self.popen.wait()


class JanusProcess:
    """Janus under test: a started :class:`~bench.janus_server.JanusServer` with one room.
    It has no forwarded-packet counter here (``stats`` reports None)."""

    def __init__(self, core: int, publishers: int) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="fjord-bench-janus-")
        try:
            self.server = JanusServer(Path(self._tmp.name), core)
        except BaseException:
            self._tmp.cleanup()
            raise
        try:
            self.server.create_room(JANUS_ROOM, publishers)
        except BaseException:  # a failure, Ctrl-C or SIGTERM: no Janus left running
            self.stop()
            raise
        self.target = JanusTarget(self.server.url, JANUS_ROOM, publishers)

    def stats(self) -> dict[str, Any]:
        """No SFU counters here: Janus's figures that need them are null."""
        return {"forwarded_packets": None, "layer_switches": None, "consumers": None,
                "retransmission_bytes": None, "retransmission_packets": None, "drops": {}}

    def cpu_s(self) -> float:
        try:
            return self.server.cpu_s()
        except ServerError as exc:
            raise SetupError(f"Janus is gone: {exc}") from exc

    def check_running(self) -> None:
        """Raise SetupError when Janus has exited."""
        if self.server.popen.poll() is not None:
            raise SetupError(f"Janus exited with {self.server.popen.returncode} during the run")

    def stop(self) -> None:
        self.server.stop()
        self._tmp.cleanup()
