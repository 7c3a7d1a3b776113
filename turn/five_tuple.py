"""The 5-tuple identifying a client's allocation (RFC 8656 section 2)."""

from __future__ import annotations

from typing import NamedTuple

from .stun.attributes import Address


def truncate_ip(ip: str) -> str:
    """Log-safe form of an IP: first two IPv4 octets or first two IPv6 groups."""
    if ":" in ip:
        return ":".join(ip.split(":")[:2]) + ":*"
    return ".".join(ip.split(".")[:2]) + ".*.*"


class FiveTuple(NamedTuple):
    """Transport (``"udp"``, ``"tcp"`` or ``"tls"``), client and server ``(ip, port)``."""

    transport: str
    client: Address
    server: Address

    def key(self) -> bytes:
        """Stable bytes form, used to bind nonces and retransmission entries."""
        return (
            f"{self.transport}|{self.client[0]}|{self.client[1]}|{self.server[0]}|{self.server[1]}"
        ).encode()

    def log_label(self) -> str:
        """Truncated, port-free description for logs."""
        return f"{self.transport}/{truncate_ip(self.client[0])}"
