"""Errors of the TURN package.

``ParseError`` marks malformed input (a STUN message or attribute that cannot be decoded);
anything else raised from this package is a bug or a configuration problem.
"""

from __future__ import annotations


class TurnError(Exception):
    """Base class of every error raised on purpose by :mod:`turn`."""


class ParseError(TurnError, ValueError):
    """Bytes that are not a valid STUN message, attribute or ChannelData frame."""


class ConfigError(TurnError, ValueError):
    """A :class:`turn.config.TurnConfig` value that cannot be used."""
