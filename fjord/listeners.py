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


class RelayAddressUnavailable(OSError):
    """``turn_relay_ip`` (or ``turn_relay_ip6``) cannot be bound on this host; ``str()`` is
    one line naming the setting."""

    def __init__(self, setting: str, ip: str, cause: OSError) -> None:
        why = os.strerror(cause.errno) if cause.errno else str(cause)
        super().__init__(cause.errno, f"TURN relay cannot bind UDP {ip} "
                         f"({setting_name(setting)}): {why}: relayed addresses are bound on "
                         "this host (behind NAT, set announced_ip to the public address "
                         "instead)")

    def __str__(self) -> str:
        return str(self.strerror)


def _check_relay_addresses(settings: Settings) -> None:
    """Each relay address binds here: one this host does not have let the role start, and
    every Allocate then failed with a traceback in the log and no answer to the client.

    Raises:
        RelayAddressUnavailable: one of them cannot be bound.
    """
    for setting in ("turn_relay_ip", "turn_relay_ip6"):
        ip = getattr(settings, setting)
        if ip is None:
            continue
        with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET,
                           socket.SOCK_DGRAM) as probe:
            try:
                probe.bind((ip, 0))
            except OSError as exc:
                raise RelayAddressUnavailable(setting, ip, exc) from exc


@contextlib.contextmanager
def binding_turn(settings: Settings) -> Iterator[None]:
    """Start the TURN server inside: the listener it could not bind becomes
    :class:`ListenerUnavailable`, a relay address that cannot be bound
    :class:`RelayAddressUnavailable` (checked first)."""
    _check_relay_addresses(settings)
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
