"""Configuration of the TURN server (one dataclass, validated by :meth:`TurnConfig.validate`)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


@dataclass
class TurnConfig:
    """Everything :class:`turn.server.TurnServer` needs. Times are seconds, sizes bytes."""

    listen_ip: str = "127.0.0.1"
    """Address of the UDP, TCP and TLS listeners (IPv4 or IPv6)."""
    relay_ip: str = "127.0.0.1"
    """IPv4 address the relay sockets bind to."""
    relay_ip6: str | None = None
    """IPv6 address for IPv6 relays (REQUESTED-ADDRESS-FAMILY IPv6); None disables them."""
    announced_ip: str | None = None
    """External IPv4 of ``relay_ip`` behind a NAT, put in XOR-RELAYED-ADDRESS."""
    announced_ip6: str | None = None
    """External IPv6 of ``relay_ip6``, if it differs."""
    udp_port: int | None = 3478
    """UDP listener port; 0 picks a free one, None disables the listener."""
    tcp_port: int | None = 3478
    """TCP listener port; 0 picks a free one, None disables the listener."""
    tls_port: int | None = 5349
    """TLS listener port; used only when ``tls_cert`` and ``tls_key`` are set."""
    tls_cert: Path | None = None
    """PEM certificate chain for TURN over TLS."""
    tls_key: Path | None = None
    """PEM private key for ``tls_cert``."""
    relay_port_min: int = 49152
    relay_port_max: int = 65535
    """Inclusive range of relay ports."""
    secrets: list[bytes] = field(default_factory=list)
    """TURN REST API shared secrets, current first, then previous ones during rotation."""
    static_users: dict[str, str] = field(default_factory=dict)
    """Optional fixed ``username -> password`` long-term credentials."""
    realm: str = "fjord"
    allowed_peer_ips: list[str] = field(default_factory=list)
    """CIDRs allowed as peers although they are special-purpose (e.g. ``127.0.0.1/32``)."""
    max_allocations: int = 10000
    """The server's capacity: above it Allocate gets 508 (Insufficient Capacity)."""
    max_allocations_per_user: int = 10
    """A username's quota: above it Allocate gets 486 (Allocation Quota Reached)."""
    bandwidth_limit: int = 0
    """Per-allocation relay bandwidth in bytes/s, both directions together; 0 = unlimited."""
    default_lifetime: int = 600
    max_lifetime: int = 3600
    """Allocation lifetimes (RFC 8656 section 3.2)."""
    permission_lifetime: int = 300
    max_permissions: int = 256
    """Peer IPs one allocation may hold permissions for (CreatePermission and ChannelBind
    install them, for ``permission_lifetime`` each): a request that would pass it gets
    508 (Insufficient Capacity, RFC 8656 sections 10.2 and 12.2) and installs nothing."""
    channel_lifetime: int = 600
    nonce_lifetime: int = 3600
    """Seconds a NONCE stays valid; afterwards requests get 438 Stale Nonce."""
    nonce_secret: bytes | None = None
    """Key for stateless nonces; None = random per process."""
    software: str = "fjord-turn"
    """SOFTWARE attribute in authenticated responses; empty string omits it."""
    accept_rfc5766_channels: bool = True
    """Also accept channel numbers 0x5000-0x7FFE (RFC 5766 range) as coturn does, for
    coturn-based clients; False restricts ChannelBind to 0x4000-0x4FFF (RFC 8656)."""
    max_message_size: int = 8192
    """Largest STUN message or ChannelData frame accepted (bytes); larger ones are dropped
    (UDP) or close the connection (TCP/TLS)."""
    unauthenticated_rate: float = 100.0
    unauthenticated_burst: int = 200
    """Per source IP: 401/438 answers per second and burst; beyond them requests are dropped
    (``rate_limited``). Every client's first Allocate is answered 401 (RFC 8656 section
    7.2), and a browser asks each TURN URL it has: the bound must admit a NAT's worth of
    clients starting at once, while capping what a spoofed source address can be sent."""
    request_rate: float = 1000.0
    request_burst: int = 2000
    """Per source IP (any port): STUN messages per second and burst the UDP listener hands
    to the STUN handler (ChannelData and Send indications aside); beyond them datagrams are
    dropped (``request_rate_limited``), before they queue, so that one flooding address
    cannot crowd out everyone's Allocate and Refresh. Rate 0: no limit."""
    max_allocations_per_address: int = 1000
    """Allocations and port reservations one client address (IPv6: its /64) may hold at
    once; more are refused with 486 (Allocation Quota Reached)."""
    max_connections: int = 10000
    """TCP + TLS connections accepted at once."""
    max_connections_per_address: int = 256
    """TCP + TLS connections one client address (IPv6: its /64) may hold at once, so that one
    client cannot take every place of ``max_connections`` from the others."""
    stream_idle_timeout: float = 60.0
    """Seconds a TCP/TLS connection without allocation may stay idle, or wait for the rest
    of a frame, before it is closed."""
    tls_handshake_timeout: float = 10.0
    """Seconds from a TLS connection's accept to its handshake's end; a slower one is closed
    (``tls_handshake_timeout``)."""
    max_tls_handshakes: int = 512
    """TLS connections whose handshake has not ended yet, at once (each counts in its
    address's ``max_connections_per_address`` too); one more is closed as soon as it is
    accepted (``tls_handshake_limit``). A handshake takes a round trip or two: this bounds
    the descriptors that connections which never finish one hold, from any number of
    addresses, below a process's usual limit of 1024."""
    sweep_interval: float = 1.0
    """Period of expiry sweeps and metric flushes."""
    reuse_port: bool = False
    """Bind the listeners with SO_REUSEPORT so that several relay processes share their
    ports (``fjord turn --workers``); the kernel keeps each client 5-tuple on one process."""
    native_coalesce_us: int = 500
    """Native relay core only: after a wake-up that read fewer than 16 datagrams, its thread
    sleeps this many microseconds (0-10000) before the next, so that one system call carries
    several datagrams; each relayed packet waits at most this long. 0 disables it."""

    def validate(self) -> None:
        """Raise :class:`ConfigError` on inconsistent values."""
        if not 0 < self.relay_port_min <= self.relay_port_max <= 65535:
            raise ConfigError("relay port range must be within 1-65535 and ordered")
        if not self.secrets and not self.static_users:
            raise ConfigError("configure at least one secret or static user")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ConfigError("tls_cert and tls_key go together")
        if self.default_lifetime <= 0 or self.max_lifetime < self.default_lifetime:
            raise ConfigError("need 0 < default_lifetime <= max_lifetime")
        if not (0 <= self.request_rate <= 1e9 and (self.request_rate == 0
                                                    or 1 <= self.request_burst <= 1e9)):
            raise ConfigError("request_rate must be within 0-1e9 per second and, when set, "
                              "request_burst within 1-1e9")
        if not 0 <= self.native_coalesce_us <= 10000:
            raise ConfigError("native_coalesce_us must be within 0-10000 microseconds")
        if self.max_permissions < 1:
            raise ConfigError("max_permissions must be at least 1")
        if (self.max_connections_per_address < 1 or self.max_allocations_per_address < 1
                or self.max_tls_handshakes < 1):
            raise ConfigError("max_connections_per_address, max_allocations_per_address and "
                              "max_tls_handshakes must be at least 1")
        if self.tls_handshake_timeout <= 0:
            raise ConfigError("tls_handshake_timeout must be positive")
        if self.bandwidth_limit < 0 or self.max_message_size < 64:
            raise ConfigError("bandwidth_limit >= 0 and max_message_size >= 64 required")
        for text in (self.listen_ip, self.relay_ip, self.announced_ip, self.relay_ip6):
            if text is not None:
                try:
                    ipaddress.ip_address(text)
                except ValueError as exc:
                    raise ConfigError(f"not an IP address: {text!r}") from exc
        for cidr in self.allowed_peer_ips:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ConfigError(f"not a CIDR: {cidr!r}") from exc
