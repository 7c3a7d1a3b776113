"""Control interface of an SFU worker: configuration, typed requests/responses, listener.

The signaling layer drives an SFU through :class:`SfuControl`: the async methods named after
the requests below (``join``, ``publish``, ``subscribe_offer``, ``subscribe_answer``,
``leave``) and the :class:`SfuListener` it sets as ``listener``. Two implementations: an
in-process :class:`sfu.worker.SfuWorker` (which also takes the dataclasses generically in
:meth:`sfu.worker.SfuWorker.handle`), and :class:`sfu_control.remote.ClusterSfu`, which
sends these dataclasses as JSON over Redis to a worker elsewhere. Control-path failures
raise :class:`sfu.errors.SfuError` subclasses.
"""

import logging
from dataclasses import dataclass, field
from typing import Protocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SfuConfig:
    """Settings of one SFU worker process."""

    listen_ip: str = "0.0.0.0"
    "Address the UDP socket binds to."
    port: int = 40000
    "UDP port shared by every transport of the worker; 0 picks a free port (tests)."
    announced_ip: str | None = None
    "Address put in the host candidate; defaults to ``listen_ip`` (must not be 0.0.0.0)."
    max_participants: int = 200
    "Room size limit."
    consent_timeout: float = 30.0
    "Seconds without a valid STUN binding request before a transport is closed (RFC 7675)."
    dtls_timeout: float = 30.0
    "Seconds allowed from transport creation to a connected DTLS-SRTP session."
    video_codecs: tuple[str, ...] = ("VP8", "VP9", "H264")
    "Video codecs accepted from publishers, in order of preference."
    retransmission_buffer_size: int = 512
    "Packets kept per video stream to answer NACKs."
    retransmission_max_age: float = 2.0
    "Seconds a cached packet may still be resent."
    pli_min_interval: float = 0.5
    "Minimum seconds between two PLIs sent to one publisher stream."
    max_bitrate: int = 2_500_000
    """Upper bound of the REMB estimate sent to publishers, bit/s per video track the
    publisher sends (its camera, its screen: :func:`sfu.reports.publisher_cap`); the REMB
    value itself for publishers that negotiated transport-cc and estimate on their side."""
    initial_bitrate: int = 500_000
    "First REMB estimate sent to a new publisher, bit/s."
    rtcp_interval: float = 1.0
    "Seconds between sender/receiver reports and REMB messages."
    native: str = "auto"
    """"auto": forward RTP in the native core (sfu/_forwardcore.c) when it was built;
    "off": always the Python path (sfu/native_forward.py)."""

class SfuListener(Protocol):
    """Upward events from a worker to the signaling layer (called on the event loop)."""

    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        """The set of tracks ``participant_id`` should receive changed: call
        ``subscribe_offer`` and send the offer to that participant."""

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        """A transport of the participant closed (``reason``: "consent-timeout",
        "dtls-failed", "dtls-timeout", "dtls-closed"); it should re-join or leave."""

    def active_speaker(self, room_id: str, participant_id: str) -> None:
        """``participant_id`` became the room's dominant speaker (:mod:`sfu.active_speaker`):
        tell the room's clients (``active-speaker``, docs/signaling.md)."""

    def video_paused(self, room_id: str, participant_id: str,
                     publishers: tuple[str, ...], reason: str = "last_n") -> None:
        """``reason`` now holds back from ``participant_id`` the camera video of
        ``publishers`` (all of them, sorted; empty: none): ``"last_n"`` (the room's last-N)
        or ``"bandwidth"`` (its downlink's estimate, :mod:`sfu.allocator`), each set told
        apart; tell that client (``video-paused``)."""


    def send_encodings(self, room_id: str, participant_id: str, mid: str,
                       encodings: tuple[tuple[str, bool], ...]) -> None:
        """Dynacast (:mod:`sfu.simulcast.dynacast`): ``participant_id`` should set
        ``active`` of the simulcast encodings of its m-line ``mid`` to these
        ``(rid, active)`` pairs, lowest first (``send-encodings``, docs/signaling.md)."""


def notify(listener: object, event: str, *args: object) -> None:
    """Call ``listener.<event>(*args)``, an :class:`SfuListener` method, when the listener
    has it (listeners may implement a subset); a listener bug must not break the room."""
    method = getattr(listener, event, None)
    if method is None:
        return
    try:
        method(*args)
    except Exception:
        logger.exception("%s listener failed", event)


class SfuControl(Protocol):
    """The control methods of an SFU, wherever it runs (see the module docstring).

    Every method raises :class:`sfu.errors.SfuError` when the SFU refuses or is unreachable.
    """

    listener: SfuListener | None
    "Receives the upward events; set by the signaling layer."

    async def join(self, room_id: str, participant_id: str, last_n: int = 0) -> None:
        """Add the participant to the room (created on first join); ``last_n`` is the
        room's last-N setting (:mod:`sfu.last_n`, 0: no limit), applied to the room."""

    async def publish(self, room_id: str, participant_id: str, offer_sdp: str) -> str:
        """Apply a browser's publish offer; returns the SFU's answer SDP."""

    async def subscribe_offer(self, room_id: str, participant_id: str) -> str | None:
        """The SFU's offer for the subscribe transport; None when there is nothing to send."""

    async def subscribe_answer(self, room_id: str, participant_id: str, answer_sdp: str) -> None:
        """Apply the browser's answer to the last subscribe offer."""

    async def leave(self, room_id: str, participant_id: str) -> None:
        """Remove the participant and its transports (no error if absent)."""

    async def pin(self, room_id: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        """``participant_id`` always receives the camera video of ``pinned`` (at most 8
        participant ids, replacing its previous pins), whatever the room's last-N."""

    async def set_viewport(self, room_id: str, participant_id: str,
                           streams: tuple["StreamViewport", ...]) -> None:
        """``participant_id`` shows these received video streams' tiles (at most 64; each
        replaces that stream's previous description): hidden ones are paused, visible ones
        get the lowest simulcast layer that covers the tile (:mod:`sfu.viewport`)."""


@dataclass(frozen=True)
class JoinRequest:
    """Register a participant in a room (room created on first join)."""

    room_id: str
    participant_id: str
    last_n: int = 0
    "The room's last-N setting (:mod:`sfu.last_n`; 0: no limit), 0..200."


@dataclass(frozen=True)
class PublishRequest:
    """Browser offer for the publish transport (sendonly/sendrecv audio and video)."""

    room_id: str
    participant_id: str
    offer_sdp: str


@dataclass(frozen=True)
class PublishResponse:
    """SFU answer: ICE-lite, one host candidate, DTLS passive."""

    answer_sdp: str


@dataclass(frozen=True)
class SubscribeOfferRequest:
    """Ask for a (re-)offer on the subscribe transport."""

    room_id: str
    participant_id: str


@dataclass(frozen=True)
class SubscribeOfferResponse:
    """Server offer, or None when there is nothing to receive."""

    offer_sdp: str | None


@dataclass(frozen=True)
class SubscribeAnswerRequest:
    """Browser answer to the last subscribe offer."""

    room_id: str
    participant_id: str
    answer_sdp: str


@dataclass(frozen=True)
class LeaveRequest:
    """Remove a participant, its transports, producers and consumers."""

    room_id: str
    participant_id: str


@dataclass(frozen=True)
class PinRequest:
    """Set the participants whose camera video a subscriber always receives (last-N)."""

    room_id: str
    participant_id: str
    pinned: tuple[str, ...] = ()
    "Participant ids, at most 8; empty: no pins."


@dataclass(frozen=True)
class StreamViewport:
    """How a subscriber shows one received video stream."""

    stream_id: str
    "The msid stream id the subscriber received it with (``<participantId>[.<n>]``)."
    visible: bool
    "The tile is on screen (in the viewport, the page visible)."
    width: int
    "Tile width in device pixels (CSS pixels x devicePixelRatio), 0..16384."
    height: int
    "Tile height in device pixels, 0..16384."


@dataclass(frozen=True)
class ViewportRequest:
    """Set how a subscriber shows received video streams (adaptive stream, sfu/viewport.py)."""

    room_id: str
    participant_id: str
    streams: tuple[StreamViewport, ...] = ()
    "At most MAX_VIEWPORTS tiles; each replaces that stream's previous description."


MAX_VIEWPORTS = 64
"Tiles one :class:`ViewportRequest` carries at most."


@dataclass(frozen=True)
class Ack:
    """Empty success response."""


@dataclass
class WorkerStats:
    """Plain counters of one worker, updated on the hot path (no locks, no labels).

    :class:`sfu.metrics.StatsExporter` copies their increments into the ``fjord_sfu_*`` metrics.
    """

    forwarded_packets: int = 0
    "RTP packets sent to subscribers (including retransmissions)."
    forwarded_bytes: int = 0
    "Bytes of those packets after SRTP protection."
    received_packets: int = 0
    "SRTP/SRTCP datagrams received from known transports."
    nacks_received: int = 0
    "Sequence numbers requested by subscribers."
    nacks_sent: int = 0
    "NACK packets sent to publishers for upstream losses."
    retransmitted_packets: int = 0
    "Packets resent from the retransmission cache."
    nack_cache_misses: int = 0
    """Sequence numbers a subscriber NACKed that the retransmission cache does not hold
    (older than its size or age limit, or never sent); a key frame is asked instead."""
    rtx_received: int = 0
    "RTX packets with a payload received from publishers (RFC 4588)."
    recovered_packets: int = 0
    "Upstream losses repaired by a requested retransmission (then forwarded)."
    plis_received: int = 0
    "PLI/FIR received from subscribers."
    plis_sent: int = 0
    "PLI sent to publishers."
    twcc_feedback_sent: int = 0
    "transport-cc feedback packets sent to publishers."
    refused_consumers: int = 0
    """Tracks a subscriber's answer refused: the m-line rejected or without the offered
    codec (a receiver that cannot decode the publisher's codec, e.g. H.264 High profile)."""
    drops: dict[str, int] = field(default_factory=dict)
    "Dropped datagrams by reason."

    def drop(self, reason: str, count: int = 1) -> None:
        """Count ``count`` dropped datagrams (packets) of ``reason``."""
        self.drops[reason] = self.drops.get(reason, 0) + count
