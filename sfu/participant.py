"""Per-participant state inside a router: its two transports, producers and slots."""

import secrets
from dataclasses import dataclass, field

from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.transport import WebRtcTransport


@dataclass
class SubscribeSlot:
    """One m-line of the participant's subscribe session (never removed, see
    :mod:`sfu.sdp.subscribe`); ``consumer`` is None once its producer went away."""

    mid: str
    kind: str
    consumer: Consumer | None = None


@dataclass
class Participant:
    """A member of a room."""

    id: str
    publish: WebRtcTransport | None = None
    subscribe: WebRtcTransport | None = None
    producers: dict[str, Producer] = field(default_factory=dict)
    "Producers by publisher mid."
    slots: list[SubscribeSlot] = field(default_factory=list)
    offered_lines: int = 0
    "m-line count of the last subscribe offer (0: no offer outstanding or made)."
    publish_version: int = 0
    subscribe_version: int = 0
    cname: str = field(default_factory=lambda: secrets.token_hex(8))
    "RTCP CNAME given to this participant's tracks on subscribe legs (random, not a name)."
