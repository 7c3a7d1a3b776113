"""The ``iceServers`` handed to clients: our TURN relay with TURN REST API credentials."""

from __future__ import annotations

import ipaddress
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


def turns_host(turn_host: str | None, site_host: str) -> str:
    """The host of ``turns:`` URLs: a TLS certificate names hosts, so the relay's own name
    (``turn_host``) when it is one, else the site's (the public URL's host)."""
    if turn_host is None:
        return site_host
    try:
        ipaddress.ip_address(turn_host)
    except ValueError:
        return turn_host
    return site_host
