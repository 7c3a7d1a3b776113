"""What the kernel dropped on the load processes' own UDP sockets: loss the load side
caused (a process too slow to read what the server under test delivered), told apart from
the server's own loss."""

from __future__ import annotations

import os
import socket


def socket_drops(socks: list[socket.socket]) -> int:
    """Datagrams the kernel dropped on ``socks`` because their receive buffer was full (the
    ``drops`` column of ``/proc/net/udp``, this network namespace's UDP sockets)."""
    inodes = {os.fstat(sock.fileno()).st_ino for sock in socks}
    drops = 0
    with open("/proc/net/udp", encoding="ascii") as table:
        next(table)
        for line in table:
            fields = line.split()
            if int(fields[9]) in inodes:
                drops += int(fields[12])
    return drops
