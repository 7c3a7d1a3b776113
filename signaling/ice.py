"""The ``iceServers`` handed to clients: our TURN relay with TURN REST API credentials."""

from __future__ import annotations

from typing import Any

from turn.credentials import rest_credentials


def ice_servers(
    *,
    secret: bytes,
    participant_id: str,
    ttl_s: int,
    turn_host: str,
    tls_host: str,
    udp_port: int,
    tcp_port: int,
    tls_port: int | None,
) -> list[dict[str, Any]]:
    """Return an RTCIceServer list (W3C WebRTC 4.2.1) for one participant.

    ``turn_host`` is the relay's client-facing IP; ``tls_host`` the name on its certificate.
    The username is ``<expiry unix s>:<participant_id>``, valid ``ttl_s`` seconds.
    """
    username, password = rest_credentials(secret, participant_id, ttl_s)
    host = f"[{turn_host}]" if ":" in turn_host else turn_host
    urls = [f"turn:{host}:{udp_port}?transport=udp", f"turn:{host}:{tcp_port}?transport=tcp"]
    if tls_port:
        urls.append(f"turns:{tls_host}:{tls_port}?transport=tcp")
    return [{"urls": urls, "username": username, "credential": password}]
