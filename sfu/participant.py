"""Per-participant state inside a router: its two transports, producers and slots."""

import secrets
from dataclasses import dataclass, field

from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.sdp.subscribe import OfferedTrack
from sfu.transport import WebRtcTransport


@dataclass
class SubscribeSlot:
    """One m-line of the participant's subscribe session (never removed, see
    :mod:`sfu.sdp.subscribe`); ``consumer`` is None once its producer went away.

    A free slot is reused for the next track of the same kind: the new consumer continues
    the slot's outgoing stream (same SSRCs, continuous sequence numbers), so the m-line
    count is bounded by the most tracks received at once, not by how many came and went.
    Until then the m-line stays ``sendonly`` with the last track's msid and SSRCs (and no
    packets), never ``inactive``: Chromium stops a receiver on ``inactive`` and, seeing the
    same SSRC again, never reconnects it to its track (the new publisher is decoded but
    not shown), while aiortc keeps routing only the SSRCs of a transceiver's first
    negotiation. Clients learn the new msid from the SDP (signaling/web/group.js).
    """

    mid: str
    kind: str
    consumer: Consumer | None = None
    previous: Consumer | None = None
    "The last consumer of a free slot, whose stream a new consumer continues."
    offered: OfferedTrack | None = None
    "The track this m-line last carried, described again while the slot is free."


@dataclass
class Participant:
    """A member of a room."""

    id: str
    publish: WebRtcTransport | None = None
    subscribe: WebRtcTransport | None = None
    producers: dict[str, Producer] = field(default_factory=dict)
    "Producers by publisher mid."
    slots: list[SubscribeSlot] = field(default_factory=list)
    offered_mids: tuple[str, ...] = ()
    "mids of the last subscribe offer's m-lines, in order (empty: no offer outstanding)."
    publish_version: int = 0
    subscribe_version: int = 0
    cname: str = field(default_factory=lambda: secrets.token_hex(8))
    "RTCP CNAME given to this participant's tracks on subscribe legs (random, not a name)."
