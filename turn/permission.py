"""A permission: the peer IP an allocation may exchange data with (RFC 8656 section 9)."""

from __future__ import annotations


class Permission:
    """Installed by CreatePermission or ChannelBind, for ``peer_ip`` (ports are ignored).

    Attributes:
        peer_ip: canonical text form of the peer's IP.
        expires: monotonic time (s) after which it is removed; refreshed by CreatePermission,
            ChannelBind, and by client traffic on a channel bound to this IP (as coturn does).
    """

    __slots__ = ("peer_ip", "expires")

    def __init__(self, peer_ip: str, expires: float) -> None:
        self.peer_ip = peer_ip
        self.expires = expires
