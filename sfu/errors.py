"""Errors raised by the SFU package.

Media-path parse failures raise :class:`ParseError` inside pure codec modules; the
transport catches it, drops the datagram and counts the drop. Control-path failures
(bad SDP, unknown room or participant, room full) raise the other subclasses of
:class:`SfuError` and become an error reply in the signaling layer.
"""


class SfuError(Exception):
    """Base class of every error raised on purpose by the SFU."""


class ParseError(SfuError, ValueError):
    """Malformed or unsupported wire data (RTP, RTCP, STUN, DTLS record)."""


class NegotiationError(SfuError, ValueError):
    """An SDP offer or answer that cannot be parsed or accepted."""


class RoomFullError(SfuError):
    """The room already holds ``SfuConfig.max_participants`` participants."""


class UnknownParticipantError(SfuError, KeyError):
    """The room or the participant does not exist in this worker."""
