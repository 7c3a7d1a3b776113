"""Loopback UDP sockets for the native relay core's tests and its fuzz driver.

The driver runs as a script (``python tests/turn/native_fuzz_driver.py``) and imports this
module from its own directory, so it imports nothing from the project.
"""

from __future__ import annotations

import socket


def udp(rcvbuf: int = 1 << 20, ip: str = "127.0.0.1") -> socket.socket:
    """A non-blocking UDP socket bound to an ephemeral port of ``ip`` (a loopback
    address), asking for a receive buffer of ``rcvbuf`` bytes (the kernel caps it at
    net.core.rmem_max)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind((ip, 0))
    sock.setblocking(False)
    return sock
