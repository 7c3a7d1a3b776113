"""Prometheus metrics of the TURN relay (default registry, names ``fjord_turn_*``).

The data path counts in plain integers (:class:`turn.relay.RelayCounters`) and the server
flushes them here every sweep, so a relayed packet never touches a metric lock.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

ALLOCATIONS = Gauge("fjord_turn_allocations", "TURN allocations currently active")
PERMISSIONS = Gauge("fjord_turn_permissions", "TURN permissions currently installed")
CHANNELS = Gauge("fjord_turn_channels", "TURN channel bindings currently active")
AUTH_FAILURES = Counter(
    "fjord_turn_auth_failures_total",
    "Requests refused by authentication, by reason",
    ["reason"],
)
RELAYED_BYTES = Counter(
    "fjord_turn_relayed_bytes_total",
    "Payload bytes relayed, by direction (to_peer, to_client)",
    ["direction"],
)
RELAYED_PACKETS = Counter(
    "fjord_turn_relayed_packets_total",
    "Datagrams relayed, by direction (to_peer, to_client)",
    ["direction"],
)
DROPS = Counter(
    "fjord_turn_dropped_packets_total",
    "Packets or requests dropped without an answer, by reason",
    ["reason"],
)
REQUESTS = Counter(
    "fjord_turn_requests_total",
    "STUN/TURN requests answered, by method and result class",
    ["method", "result"],
)

for _direction in ("to_peer", "to_client"):  # export zeros before the first relayed packet
    RELAYED_BYTES.labels(_direction)
    RELAYED_PACKETS.labels(_direction)
