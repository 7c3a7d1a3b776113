"""Errors of the TURN package.

``ParseError`` marks malformed input (a STUN message or attribute that cannot be decoded);
anything else raised from this package is a bug or a configuration problem.
"""

from __future__ import annotations

import os


class TurnError(Exception):
    """Base class of every error raised on purpose by :mod:`turn`."""


class ParseError(TurnError, ValueError):
    """Bytes that are not a valid STUN message, attribute or ChannelData frame."""


class ConfigError(TurnError, ValueError):
    """A :class:`turn.config.TurnConfig` value that cannot be used."""


class ListenError(TurnError, OSError):
    """A listener cannot bind its address (taken, or not local): ``listener`` is ``udp``,
    ``tcp`` or ``tls``, ``address`` the ``(ip, port)`` it tried, ``__cause__`` the OSError."""

    def __init__(self, listener: str, address: tuple[str, int], cause: OSError) -> None:
        super().__init__(cause.errno, f"TURN {listener.upper()} listener cannot bind "
                         f"{address[0]}:{address[1]}: {os.strerror(cause.errno or 0)}")
        self.listener = listener
        self.address = address
