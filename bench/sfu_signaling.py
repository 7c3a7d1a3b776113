"""How a load process reaches the SFU it loads: Fjord's SFU worker through its control
listener, or Janus's VideoRoom through its HTTP API (``fjord bench sfu --vs janus``), both
behind one small interface (``publish``, ``subscribe``, ``answer``) that
:mod:`bench.sfu_load` drives. With Janus, a publisher is a plugin handle that
``joinandconfigure``s with the client's offer, a subscriber a handle that joins every
publisher's feed in one PeerConnection and answers Janus's offer with ``start``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from multiprocessing.connection import Client
from typing import Any

from .janus_server import ICE_ADDRESS, JanusApi
from .sfu_session import SetupError, loopback_candidate


@dataclass(frozen=True)
class FjordTarget:
    """Fjord's SFU process: media address, control listener and its authkey."""

    server: tuple[str, int]
    control: tuple[str, int]
    authkey: bytes
    room: str = "bench"
    host: str = "127.0.0.1"
    """Address the load processes' legs bind to."""


@dataclass(frozen=True)
class JanusTarget:
    """Janus: HTTP API URL, VideoRoom room number, publishers in it (feed ids 1..n)."""

    url: str
    room: int
    publishers: int
    host: str = ICE_ADDRESS
    """Address the legs bind to: Janus sends from :data:`~bench.janus_server.ICE_ADDRESS`
    bound to its interface, which reaches only addresses routed through it."""


class Control:
    """Blocking client of the SFU process's control listener; safe to call from several
    threads (a load process negotiates in worker threads while its event loop sends
    viewport changes)."""

    def __init__(self, address: tuple[str, int], authkey: bytes) -> None:
        self.conn = Client(address, authkey=authkey)
        self._lock = threading.Lock()

    def call(self, request: Any) -> Any:
        # One request and its reply at a time: interleaved, a subscriber's offer request
        # read a viewport request's Ack (50 publishers, 200 subscribers).
        with self._lock:
            try:
                self.conn.send(request)
                status, value = self.conn.recv()
            except (EOFError, OSError) as exc:  # click would show EOFError as "Aborted!"
                raise SetupError("the SFU process closed its control connection "
                                 f"({type(exc).__name__}): it exited?") from exc
        if status != "ok":
            raise SetupError(f"SFU control request failed: {value}")
        return value


class FjordSignaling:
    """Fjord's SFU worker control API: join, publish, subscribe offer and answer."""

    def __init__(self, target: FjordTarget) -> None:
        self.target = target
        self.control = Control(target.control, target.authkey)

    def publish(self, participant: str, offer: str) -> tuple[str, tuple[str, int]]:
        """The SFU's answer to a publish offer, and where to send media."""
        from sfu import control as api

        room = self.target.room
        self.control.call(api.JoinRequest(room, participant))
        answer = self.control.call(api.PublishRequest(room, participant, offer)).answer_sdp
        return answer, self.target.server

    def subscribe(self, participant: str) -> tuple[str, tuple[str, int]]:
        """The SFU's offer of every published stream, and its media address."""
        from sfu import control as api

        room = self.target.room
        self.control.call(api.JoinRequest(room, participant))
        offer = self.control.call(api.SubscribeOfferRequest(room, participant)).offer_sdp
        if offer is None:
            raise SetupError("the SFU offered nothing to a subscriber")
        return offer, self.target.server

    def answer(self, participant: str, answer: str) -> None:
        from sfu import control as api

        self.control.call(api.SubscribeAnswerRequest(self.target.room, participant, answer))


class JanusSignaling:
    """Janus VideoRoom over the HTTP API: one plugin handle per participant."""

    def __init__(self, target: JanusTarget) -> None:
        self.target = target
        self.api = JanusApi(target.url)
        self.handles: dict[str, int] = {}

    def publish(self, participant: str, offer: str) -> tuple[str, tuple[str, int]]:
        """Janus's answer to ``publisher-<n>``'s offer (feed id n + 1), and the media
        address from its host candidate."""
        handle = self.api.attach()
        reply = self.api.message(handle, {
            "request": "joinandconfigure", "room": self.target.room, "ptype": "publisher",
            "id": int(participant.rsplit("-", 1)[1]) + 1, "display": participant,
            "audio": True, "video": True,
        }, {"type": "offer", "sdp": offer})
        if not reply.get("jsep"):
            raise SetupError(f"Janus answered no SDP to {participant}'s offer")
        answer = reply["jsep"]["sdp"]
        return answer, loopback_candidate(answer)

    def subscribe(self, participant: str) -> tuple[str, tuple[str, int]]:
        """Janus's offer of every publisher's audio and video in one PeerConnection."""
        handle = self.api.attach()
        self.handles[participant] = handle
        reply = self.api.message(handle, {
            "request": "join", "room": self.target.room, "ptype": "subscriber",
            "streams": [{"feed": feed} for feed in range(1, self.target.publishers + 1)],
        })
        if not reply.get("jsep"):
            raise SetupError(f"Janus offered no SDP to {participant}")
        offer = reply["jsep"]["sdp"]
        return offer, loopback_candidate(offer)

    def answer(self, participant: str, answer: str) -> None:
        self.api.message(self.handles[participant], {"request": "start"},
                         {"type": "answer", "sdp": answer})
