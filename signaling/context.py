"""What the signaling app needs, wired once by the composition root (fjord.serve)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fjord.settings import Settings
from keys.room_keys import RoomKeySigner
from signaling.ice import ice_servers
from signaling.media import MediaControl
from signaling.rooms import RoomRegistry
from signaling.store import Store

MEETING_GRACE = dt.timedelta(hours=1)
"""A meeting stays joinable this long after its endDate (room keys expire then too)."""


@dataclass
class SignalingContext:
    settings: Settings
    store: Store
    signer: RoomKeySigner
    turn_secrets: list[bytes]
    """Accepted TURN REST secrets, current first."""
    rooms: RoomRegistry
    media: MediaControl | None = None
    """The SFU control for group rooms; None when no SFU is reachable."""

    def ice_servers_for(self, participant_id: str) -> list[dict[str, Any]]:
        s = self.settings
        return ice_servers(
            secret=self.turn_secrets[0],
            participant_id=participant_id,
            ttl_s=s.turn_credential_ttl,
            turn_host=s.client_facing_ip,
            tls_host=_host_of(s.base_url),
            udp_port=s.turn_udp_port,
            tcp_port=s.turn_tcp_port,
            tls_port=s.turn_tls_port,
        )


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "localhost"
