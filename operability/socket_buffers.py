"""UDP socket buffer sizes, and one warning when the kernel grants less than asked.

Linux caps ``SO_RCVBUF`` at ``net.core.rmem_max`` and ``SO_SNDBUF`` at
``net.core.wmem_max`` (about 208 KiB on a default install) without an error: a media
server that asked for megabytes to ride out bursts then drops datagrams in the kernel
(``UdpRcvbufErrors``) with nothing in its own counters. :func:`size_buffers` asks, reads
back what was granted (``socket(7)``: the kernel reports twice the usable size) and logs
one warning per process and buffer, naming the sysctl to raise.
"""

from __future__ import annotations

import logging
import socket

logger = logging.getLogger(__name__)

_SYSCTLS = {socket.SO_RCVBUF: "net.core.rmem_max", socket.SO_SNDBUF: "net.core.wmem_max"}
_warned: set[tuple[str, int]] = set()


def size_buffers(sock: socket.socket, what: str, receive: int, send: int | None = None) -> None:
    """Ask for ``receive`` (and ``send``, when given) bytes of kernel buffer on ``sock``;
    when less is granted, log a warning once per process for ``what`` (a name for the
    socket, e.g. ``"TURN listener"``) and buffer. Raises nothing the setsockopt call does
    not (OSError on a closed socket)."""
    for option, size in ((socket.SO_RCVBUF, receive), (socket.SO_SNDBUF, send)):
        if size is None:
            continue
        sock.setsockopt(socket.SOL_SOCKET, option, size)
        granted = sock.getsockopt(socket.SOL_SOCKET, option) // 2
        if granted < size and (what, option) not in _warned:
            _warned.add((what, option))
            logger.warning(
                "%s: %s buffer is %d KiB, not the %d KiB asked: %s caps it; raise it "
                "(sysctl -w %s=%d) or bursts are dropped in the kernel",
                what, "receive" if option == socket.SO_RCVBUF else "send", granted >> 10,
                size >> 10, _SYSCTLS[option], _SYSCTLS[option], size)
