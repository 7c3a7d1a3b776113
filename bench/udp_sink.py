"""UDP sink process: counts the datagrams arriving on inherited sockets.

``python -m bench.udp_sink FD [FD ...]`` (sockets passed with ``pass_fds``). Prints
``ready`` on stdout, then for every ``count`` line on stdin prints one JSON line
``{"packets": n, "bytes": n}`` (totals so far); exits on ``stop`` or end of input.
Payloads are counted, never kept. A benchmark gone (its end of stdout closed, as after
Ctrl-C) ends the sink quietly.
"""

from __future__ import annotations

import json
import os
import selectors
import socket
import sys


def _say(line: str) -> bool:
    """Print ``line`` to the benchmark; False when it is gone (its pipe closed)."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        # Nobody reads any more: no traceback, and none at exit when Python flushes stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    fds = [int(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    selector = selectors.DefaultSelector()
    for fd in fds:
        sock = socket.socket(fileno=fd)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, "sock")
    selector.register(sys.stdin, selectors.EVENT_READ, "control")
    buffer = bytearray(0x10000)
    packets = octets = 0
    if not _say("ready"):
        return
    while True:
        for key, _ in selector.select():
            if key.data == "control":
                line = sys.stdin.readline()
                if not line or line.strip() == "stop":
                    return
                if not _say(json.dumps({"packets": packets, "bytes": octets})):
                    return
                continue
            sock = key.fileobj
            while True:
                try:
                    size = sock.recv_into(buffer)  # type: ignore[union-attr]
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                packets += 1
                octets += size


if __name__ == "__main__":
    main()
