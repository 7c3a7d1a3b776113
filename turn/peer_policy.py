"""Which peers a relay may talk to: special-purpose addresses are denied by default.

Denied (IANA special-purpose registries, RFC 6890 and successors): 0/8, 10/8, 100.64/10,
127/8, 169.254/16, 172.16/12, 192.0.0/24, the documentation nets 192.0.2/24,
198.51.100/24, 203.0.113/24, 192.168/16, 198.18/15, 224/4, 240/4 (which holds
255.255.255.255), ::, ::1, 100::/64, 2001:db8::/32, fc00::/7, fe80::/10, ff00::/8.
IPv6 addresses embedding an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible
::/96, 6to4 2002::/16, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, Teredo 2001::/32) are
judged by the embedded IPv4 addresses, so ``::ffff:127.0.0.1`` is loopback.

Operators allow ranges explicitly (``allowed_peer_ips``). The server's own listening ports
are refused whatever the allow list says, so a client cannot loop the relay into itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DENIED_V4 = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "255.255.255.255/32",
    )
)
DENIED_V6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "::/128",
        "::1/128",
        "100::/64",
        "2001:db8::/32",
        "64:ff9b:1::/48",
        "fc00::/7",
        "fe80::/10",
        "ff00::/8",
    )
)
_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside ``ip`` (mapped, compatible, 6to4, NAT64, Teredo)."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip in _COMPATIBLE or ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def is_special_purpose(ip: IPAddress) -> bool:
    """True when ``ip`` or an IPv4 address embedded in it is in a denied range."""
    if ip.version == 4:
        return any(ip in net for net in DENIED_V4)
    if any(ip in net for net in DENIED_V6):
        return True
    return any(is_special_purpose(v4) for v4 in embedded_ipv4(ip))


class PeerPolicy:
    """Decides whether an allocation may exchange data with a peer.

    Args:
        allowed: CIDRs exempt from the special-purpose denial (``"127.0.0.1/32"``).
        own_addresses: ``(ip, port)`` of the server's listeners; ``ip`` may be the
            unspecified address, then every local address with that port is refused.
    """

    def __init__(
        self, allowed: Iterable[str] = (), own_addresses: Iterable[tuple[str, int]] = ()
    ) -> None:
        self.allowed = tuple(ipaddress.ip_network(c, strict=False) for c in allowed)
        self.own_ports: frozenset[int] = frozenset()
        self._own: set[tuple[IPAddress, int]] = set()
        self._own_any_ports: set[int] = set()
        self.set_own_addresses(own_addresses)
        self._cache: dict[str, bool] = {}

    def set_own_addresses(self, addresses: Iterable[tuple[str, int]]) -> None:
        """Replace the listener addresses (called once the listeners are bound)."""
        self._own = set()
        self._own_any_ports = set()
        for ip_text, port in addresses:
            ip = ipaddress.ip_address(ip_text)
            if ip.is_unspecified:
                self._own_any_ports.add(port)
            self._own.add((ip, port))
        self.own_ports = frozenset(port for _, port in self._own)

    def _is_allowed_listed(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self.allowed)

    def is_allowed_ip(self, ip_text: str) -> bool:
        """May a permission be installed for ``ip_text`` (RFC 8656 section 9)?

        Invalid text is not allowed. Results are cached (bounded).
        """
        cached = self._cache.get(ip_text)
        if cached is not None:
            return cached
        try:
            ip = ipaddress.ip_address(ip_text)
        except ValueError:
            return False
        verdict = True
        if is_special_purpose(ip):
            candidates = [ip]
            if ip.version == 6:
                candidates.extend(embedded_ipv4(ip))
            verdict = any(self._is_allowed_listed(c) for c in candidates)
        if len(self._cache) >= 4096:
            self._cache.clear()
        self._cache[ip_text] = verdict
        return verdict

    def is_own_listener(self, ip_text: str, port: int) -> bool:
        """True when ``(ip_text, port)`` reaches one of this server's listeners."""
        if port not in self.own_ports:
            return False
        try:
            ip = ipaddress.ip_address(ip_text)
        except ValueError:
            return True
        candidates = [ip]
        if ip.version == 6:
            candidates.extend(embedded_ipv4(ip))
        for candidate in candidates:
            if (candidate, port) in self._own:
                return True
            if port in self._own_any_ports or candidate.is_loopback:
                # Loopback always reaches a listener bound to this port on this host.
                return True
        return False

    def is_allowed(self, ip_text: str, port: int) -> bool:
        """Allowed peer IP and not one of our listeners."""
        return self.is_allowed_ip(ip_text) and not self.is_own_listener(ip_text, port)
