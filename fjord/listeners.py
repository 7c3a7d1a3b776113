"""The listeners of the server roles, each with the settings that place it: one that cannot
bind its address (a port taken, an address not of this host) stops start-up with one line
naming the address, the port and those settings (docs/operations.md), instead of
``[Errno 98] Address already in use`` alone."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator

from fjord.ports import TURN, Listener
from fjord.settings import Settings
from fjord.settings_loading import setting_name
from turn.errors import ListenError


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
