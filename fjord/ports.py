"""Fjord's own listening sockets: what listens, on which transport, placed by which address
and port settings; which of them each server command binds together, and when two of one
command clash (the same port of one transport on one address: the second failed with
"Address already in use", as if another program held the port). No settings import: the
settings model checks the clashes (:mod:`fjord.settings`), :mod:`fjord.listeners` binds."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Listener:
    """One listening socket of a role and the settings of its address and port."""

    name: str
    """What listens, as the line says it: ``HTTPS``, ``TURN UDP``, ..."""
    transport: str
    """``TCP`` or ``UDP``."""
    ip_setting: str
    port_setting: str


HTTPS = Listener("HTTPS", "TCP", "listen_ip", "https_port")
HTTP_REDIRECT = Listener("HTTP redirect", "TCP", "listen_ip", "http_redirect_port")
SFU = Listener("SFU", "UDP", "sfu_listen_ip", "sfu_port")
METRICS = Listener("metrics", "TCP", "metrics_listen_ip", "metrics_port")
TURN = {
    "udp": Listener("TURN UDP", "UDP", "turn_listen_ip", "turn_udp_port"),
    "tcp": Listener("TURN TCP", "TCP", "turn_listen_ip", "turn_tcp_port"),
    "tls": Listener("TURN TLS", "TCP", "turn_listen_ip", "turn_tls_port"),
}
"""The TURN server's listeners by :attr:`turn.errors.ListenError.listener`."""
LISTENERS = {listener.port_setting: listener
             for listener in (HTTPS, HTTP_REDIRECT, *TURN.values(), SFU, METRICS)}
"""Every listener by its port setting."""

SERVE_BINDS = ("https_port", "http_redirect_port", "turn_udp_port", "turn_tcp_port",
               "turn_tls_port", "sfu_port")
"""The ports ``fjord serve`` listens on (its SFU workers' metrics: ``metrics_port + 1 + i``)."""
SIGNALING_BINDS = ("https_port", "http_redirect_port")
TURN_BINDS = ("turn_udp_port", "turn_tcp_port", "turn_tls_port", "metrics_port")
SFU_BINDS = ("sfu_port", "metrics_port")
BOUND_TOGETHER = (SERVE_BINDS, SIGNALING_BINDS, TURN_BINDS, SFU_BINDS)
"""The ports each server command listens on together (:func:`port_clashes`)."""


def is_port_clash(names: tuple[str, ...]) -> bool:
    """Is the rule tying ``names`` one of :func:`port_clashes` (two of Fjord's own ports)?
    Such a rule is only the problem of a command that listens on both."""
    return len(names) == 2 and all(name in LISTENERS for name in names)


def addresses_overlap(one: str, other: str) -> bool:
    """Do two listen addresses take the same port: equal, or one the wildcard of the
    other's family (an IPv6 listener is IPv6-only: ``socket.create_server``, the relay)."""
    a, b = ipaddress.ip_address(one), ipaddress.ip_address(other)
    return a == b or (a.version == b.version and (a.is_unspecified or b.is_unspecified))


def port_clashes(settings: Any) -> list[tuple[tuple[str, ...], str]]:
    """Two ports one command listens on (:data:`BOUND_TOGETHER`) that are the same port of
    one transport on one address, in ``settings`` (a :class:`fjord.settings.Settings`):
    ``[(the two settings, the problem), ...]``; a UDP and a TCP port may be equal (the TURN
    defaults are)."""
    pairs = dict.fromkeys((a, b) for ports in BOUND_TOGETHER
                          for i, a in enumerate(ports) for b in ports[i + 1:])
    problems: list[tuple[tuple[str, ...], str]] = []
    for a, b in pairs:
        one, other = LISTENERS[a], LISTENERS[b]
        port = getattr(settings, a)
        address_a, address_b = getattr(settings, one.ip_setting), getattr(settings,
                                                                           other.ip_setting)
        if (one.transport != other.transport or port is None or port != getattr(settings, b)
                or not addresses_overlap(address_a, address_b)):
            continue
        where = address_a if address_a == address_b else f"{address_a} and {address_b}"
        problems.append(((a, b), f"{a} and {b} are both {one.transport} port {port} on "
                         f"{where}: the {one.name} and {other.name} listeners of one command "
                         "cannot share it; give each its own port"))
    return problems
