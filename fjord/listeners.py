"""The listeners of the server roles, each with the settings that place it: one that cannot
bind its address (a port taken, an address not of this host) stops start-up with one line
naming the address, the port and those settings (docs/operations.md), instead of
``[Errno 98] Address already in use`` alone."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass

from fjord.settings import Settings, setting_name
from turn.errors import ListenError


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


class ListenerUnavailable(OSError):
    """A listener cannot bind; ``str()`` is one line naming its address, its port and the
    settings that place it (``fjord.cli`` prints it after ``fjord: cannot start:``)."""

    def __init__(self, listener: Listener, ip: str, port: int, cause: OSError) -> None:
        why = os.strerror(cause.errno) if cause.errno else str(cause)
        host = f"[{ip}]" if ":" in ip else ip
        super().__init__(cause.errno, f"{listener.name} cannot listen on {listener.transport} "
                         f"{host}:{port} ({setting_name(listener.ip_setting)}, "
                         f"{setting_name(listener.port_setting)}): {why}")

    def __str__(self) -> str:
        return str(self.strerror)


@contextlib.contextmanager
def binding(listener: Listener, settings: Settings, port_offset: int = 0) -> Iterator[None]:
    """Start ``listener`` inside (worker ``i`` of a role adds ``port_offset`` ``i`` to its
    port): an OSError becomes :class:`ListenerUnavailable`."""
    ip = getattr(settings, listener.ip_setting)
    port = getattr(settings, listener.port_setting) + port_offset
    try:
        yield
    except OSError as exc:
        raise ListenerUnavailable(listener, ip, port, exc) from exc


@contextlib.contextmanager
def binding_turn(settings: Settings) -> Iterator[None]:
    """Start the TURN server inside: the listener it could not bind becomes
    :class:`ListenerUnavailable`."""
    try:
        yield
    except ListenError as exc:
        cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
        raise ListenerUnavailable(TURN[exc.listener], *exc.address, cause) from exc


def bind_tcp(listener: Listener, settings: Settings) -> socket.socket:
    """A TCP socket bound to ``listener``'s address and listening, for uvicorn's
    ``serve(sockets=...)`` (bound by uvicorn, a port taken was a JSON log line and exit
    status 3).

    Raises:
        ListenerUnavailable: the address cannot be bound.
    """
    with binding(listener, settings):
        ip = getattr(settings, listener.ip_setting)
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        return socket.create_server((ip, getattr(settings, listener.port_setting)),
                                    family=family, backlog=2048)
