"""UDP socket buffer sizes, and one warning when the kernel grants less than asked.

Linux caps ``SO_RCVBUF`` at ``net.core.rmem_max`` and ``SO_SNDBUF`` at
``net.core.wmem_max`` (about 208 KiB on a default install) without an error: a media
server that asked for megabytes to ride out bursts then drops datagrams in the kernel
(``UdpRcvbufErrors``) with nothing in its own counters. :func:`size_buffers` asks, reads
back what was granted (``socket(7)``: the kernel reports twice the usable size) and logs
one warning per process and buffer, naming the sysctl to raise. :class:`ReceiveDrops`
reads what the kernel dropped on each socket anyway, for the servers' drop counters.
"""

from __future__ import annotations

import logging
import platform
import socket
import struct
import sys
import weakref
from collections.abc import Iterable

logger = logging.getLogger(__name__)

_SYSCTLS = {socket.SO_RCVBUF: "net.core.rmem_max", socket.SO_SNDBUF: "net.core.wmem_max"}
_warned: set[tuple[str, int]] = set()

SO_MEMINFO = 55
"""``socket(7)``'s SO_MEMINFO (Linux 4.6): the socket's memory counters as u32 values."""
_SK_MEMINFO_DROPS = 8
"""Index of ``sk_drops`` in them (``linux/sock_diag.h``, SK_MEMINFO_DROPS)."""
_MEMINFO_KNOWN = sys.platform.startswith("linux") and not platform.machine().startswith(
    ("parisc", "sparc"))


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


def receive_drops(sock: socket.socket) -> int | None:
    """Datagrams the kernel dropped on ``sock`` before the server could read them (mostly a
    full receive buffer; also bad UDP checksums): the socket's ``sk_drops`` counter, read with
    SO_MEMINFO, cumulative since the socket was opened (it wraps at 2**32). None for a closed
    socket, where the read fails, or where the kernel does not report it (not Linux, or a
    Linux port whose SO_MEMINFO is not the generic 55: parisc, sparc)."""
    if not _MEMINFO_KNOWN or sock.fileno() < 0:
        return None
    try:
        raw = sock.getsockopt(socket.SOL_SOCKET, SO_MEMINFO, 4 * (_SK_MEMINFO_DROPS + 1))
    except OSError:
        return None
    if len(raw) < 4 * (_SK_MEMINFO_DROPS + 1):
        return None
    return struct.unpack_from("=I", raw, 4 * _SK_MEMINFO_DROPS)[0]


class ReceiveDrops:
    """What the kernel dropped on a set of sockets since the last look: each socket's
    :func:`receive_drops` is remembered (weakly: a closed and collected socket is forgotten)
    and :meth:`take` returns the sum of the increments. Call it before closing a socket to
    count its last drops."""

    def __init__(self) -> None:
        self._seen: weakref.WeakKeyDictionary[socket.socket, int] = weakref.WeakKeyDictionary()

    def take(self, sockets: Iterable[socket.socket]) -> int:
        """Datagrams dropped on ``sockets`` since the previous call that named them (a socket
        seen for the first time counts from its opening); >= 0."""
        total = 0
        for sock in sockets:
            now = receive_drops(sock)
            if now is None:  # closed, or unreadable now: counted when it reads again
                continue
            total += (now - self._seen.get(sock, 0)) % (1 << 32)
            self._seen[sock] = now
        return total
