"""A test-only copy of the media the SFU forwards, after SRTP unprotect (issue 16).

The end-to-end encryption tests must see what the SFU sees: that in an end-to-end encrypted
room the VP8 payloads it routes are ciphertext. Production never builds an :class:`RtpTap`:
only the composition root does, and only when the test-only environment variable
``FJORD_TEST_RTP_TAP`` names a loopback UDP address (``fjord.serve``). Unset (always, in a
deployment), routers have no tap and the hot path pays one ``is None`` test per packet.

Each datagram to the tap is ``kind (b"a" or b"v") | len(participant id) (1 byte) |
participant id (ASCII) | the RTP packet as the publisher sent it, SRTP removed``.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Protocol


class TappedProducer(Protocol):
    """What the tap reads of a :class:`sfu.producer.Producer`."""

    participant_id: str
    kind: str


class RtpTap:
    """Sends a copy of each forwarded RTP packet to ``address`` (a loopback UDP address).

    :raises ValueError: ``address`` is not a loopback address: media never leaves the host.
    """

    def __init__(self, address: tuple[str, int]) -> None:
        host, port = address
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError("the RTP tap sends to loopback addresses only")
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_DGRAM)
        self._sock.setblocking(False)
        self._address = (host, port)
        self.dropped = 0
        "Copies the socket refused (buffer full): the test reader was too slow."

    def __call__(self, producer: TappedProducer, plain: bytes) -> None:
        pid = producer.participant_id.encode("ascii")
        head = (b"v" if producer.kind == "video" else b"a") + bytes((len(pid),)) + pid
        try:
            self._sock.sendto(head + plain, self._address)
        except OSError:
            self.dropped += 1

    async def close(self) -> None:
        """Close the socket (awaited with the server's other closers)."""
        self._sock.close()


def parse_tap_address(value: str) -> tuple[str, int]:
    """``"127.0.0.1:5000"`` or ``"[::1]:5000"`` as ``(host, port)``.

    :raises ValueError: not ``host:port`` with a loopback host and a port in 1..65535.
    """
    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not host:port: {value!r}")
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError("the RTP tap sends to loopback addresses only")
    return host, int(port)
