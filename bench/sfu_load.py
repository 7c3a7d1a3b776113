"""Load processes of ``fjord bench sfu``: paced publishers and measuring subscribers.

Each process runs :func:`load_main` with a :class:`LoadSpec` and a pipe to the
orchestrator. It negotiates its participants with the SFU under test, SDP written by
aiortc: Fjord's SFU process through the worker's control API (:mod:`bench.sfu_runner`,
:class:`FjordTarget`), or Janus through its VideoRoom plugin's HTTP API
(:class:`JanusTarget`: a publisher per handle with ``joinandconfigure``, a subscriber per
handle joining every publisher's feed in one PeerConnection and answering Janus's offer
with ``start``). Then it connects each leg as a browser does: ICE (STUN Binding checks,
answering a full ICE agent's own checks) and a DTLS-SRTP handshake
(:func:`bench.sfu_session.connect_leg`); connectivity and consent checks that arrive later
are answered too (:func:`bench.sfu_session.answer_binding`).

Publishers send SRTP at a browser's pace: per publisher Opus audio every 20 ms
(``audio_size`` bytes) and VP8 video at ``fps`` frames/s of ``packets_per_frame`` packets
(``video_size`` bytes, the last one of a frame 60 % of that); the first frame, and the
next one after a PLI/FIR from the SFU, is a key frame. Every payload carries a stamp right
after the two payload-descriptor bytes, :data:`STAMP` ``!HBIQ``: publisher index, kind
(0 audio, 1 video), per-stream sequence number and the send time in ``CLOCK_MONOTONIC``
nanoseconds (system wide on Linux). Subscribers decrypt every packet and, for stamps sent
inside the current measurement window, count arrivals, keep one-way latency samples
(bounded) and the RFC 3550 interarrival jitter per stream.

Pipe commands (tuples): ``("add", [participant ids])`` -> ``("added", count)``;
``("start",)`` (publishers begin sending); ``("window", start_ns, end_ns)`` -> ``("ok",)``;
``("report",)`` -> ``("report", dict)`` for the window, then forgotten; ``("stop",)``.
Errors are sent as ``("error", message)``. Payloads are synthetic zeros and never kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import struct
import threading
import time
from array import array
from dataclasses import dataclass, field
from multiprocessing.connection import Client, Connection
from typing import Any

from .janus_server import ICE_ADDRESS, JanusApi
from .rtp_source import StreamInfo, rtp_packet
from .sfu_session import (
    Leg,
    SetupError,
    answer_binding,
    answering_checks,
    connect_leg,
    loopback_candidate,
    new_leg,
    publish_offer,
    rewrite_transport_lines,
    sdp_streams,
)

STAMP = struct.Struct("!HBIQ")
STAMP_OFFSET = 2
"Bytes of payload before the stamp (VP8 descriptor + VP8 header, or Opus TOC + 1)."
MAX_LATENCY_SAMPLES = 200_000
"Latency samples kept per window and process (every packet until then, then a stride)."
_MAX_BURST_FRAMES = 3
"Frames sent back to back at most when a publisher process falls behind its schedule."


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


@dataclass(frozen=True)
class LoadSpec:
    """What one load process does. Sizes are bytes, rates per second."""

    index: int
    role: str
    """"publisher" or "subscriber"."""
    target: FjordTarget | JanusTarget
    core: int = -1
    """Logical CPU to pin to (-1: no pinning)."""
    fps: float = 30.0
    packets_per_frame: int = 5
    video_size: int = 1100
    audio_pps: float = 50.0
    audio_size: int = 100
    seed: int = 1


class Control:
    """Blocking client of the SFU process's control listener."""

    def __init__(self, address: tuple[str, int], authkey: bytes) -> None:
        self.conn = Client(address, authkey=authkey)

    def call(self, request: Any) -> Any:
        self.conn.send(request)
        status, value = self.conn.recv()
        if status != "ok":
            raise SetupError(f"SFU control request failed: {value}")
        return value


# -- publishers ---------------------------------------------------------------------------

@dataclass
class _Stream:
    info: StreamInfo
    kind: int
    seq: int
    timestamp: int
    counter: int = 0


@dataclass
class _Publisher:
    number: int
    leg: Leg
    audio: _Stream
    video: _Stream
    next_audio_ns: int = 0
    next_video_ns: int = 0
    keyframe: bool = True
    sent_window: list[int] = field(default_factory=lambda: [0, 0])


def _rtcp_asks_keyframe(plain: bytes) -> bool:
    """True when a compound RTCP packet holds a PLI or FIR (RFC 4585 6.3.1, RFC 5104 4.3.1)."""
    pos = 0
    while pos + 4 <= len(plain):
        fmt = plain[pos] & 0x1F
        if plain[pos + 1] == 206 and fmt in (1, 4):
            return True
        pos += 4 * (((plain[pos + 2] << 8) | plain[pos + 3]) + 1)
    return False


class PublisherLoad:
    """Publishers of one process and their sending schedule."""

    def __init__(self, spec: LoadSpec) -> None:
        self.spec = spec
        self.publishers: list[_Publisher] = []
        self.window = (0, 0)
        self.max_lag_ns = 0
        self.send_errors = 0
        self._random = random.Random(spec.seed)
        self._task: asyncio.Task | None = None

    def add(self, leg: Leg, streams: dict[str, StreamInfo], number: int) -> None:
        rnd = self._random
        publisher = _Publisher(
            number, leg,
            _Stream(streams["audio"], 0, rnd.randrange(0x10000), rnd.randrange(1 << 32)),
            _Stream(streams["video"], 1, rnd.randrange(0x10000), rnd.randrange(1 << 32)),
        )
        asyncio.get_running_loop().add_reader(leg.sock.fileno(), self._on_rtcp, publisher)
        self.publishers.append(publisher)

    def _on_rtcp(self, publisher: _Publisher) -> None:
        rx = publisher.leg.srtp.rx
        while True:
            try:
                data = publisher.leg.sock.recv(2048)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if data and data[0] < 4:  # STUN: a full ICE agent's consent check
                reply = answer_binding(publisher.leg, data)
                if reply is not None:
                    publisher.leg.sock.sendto(reply, publisher.leg.remote)
                continue
            if len(data) < 8 or not 191 < data[1] < 224 or rx is None:
                continue
            try:
                plain = rx.unprotect_rtcp(data)
            except Exception:  # noqa: BLE001 - a bad RTCP packet is ignored
                continue
            if _rtcp_asks_keyframe(plain):
                publisher.keyframe = True

    def start(self) -> None:
        now = time.monotonic_ns()
        count = max(1, len(self.publishers))
        frame_ns = int(1e9 / self.spec.fps)
        for i, publisher in enumerate(self.publishers):  # spread the publishers' frames
            publisher.next_video_ns = now + frame_ns * i // count
            publisher.next_audio_ns = now + int(2e7) * i // count
        self._task = asyncio.get_running_loop().create_task(self._run())

    def _send(self, publisher: _Publisher, stream: _Stream, marker: bool, first: bool,
              size: int, now_ns: int) -> None:
        info = stream.info
        elements: list[tuple[int, bytes]] = []
        if info.mid_id:
            elements.append((info.mid_id, info.mid.encode()))
        if stream.kind == 1:
            if info.abs_send_time_id:
                value = int(now_ns * 262144 // 1_000_000_000) & 0xFFFFFF
                elements.append((info.abs_send_time_id, value.to_bytes(3, "big")))
            key = first and publisher.keyframe
            head = bytes([0x10 if first else 0x00, 0x00 if key else 0x01])
        else:
            if info.audio_level_id:
                elements.append((info.audio_level_id, b"\x9e"))
            head = b"\xfc\x00"
        stamp = STAMP.pack(publisher.number, stream.kind, stream.counter, now_ns)
        packet = rtp_packet(info, stream.seq, stream.timestamp, marker, head + stamp, elements)
        packet += bytes(max(0, size - len(packet)))
        stream.seq = (stream.seq + 1) & 0xFFFF
        stream.counter += 1
        try:
            publisher.leg.sock.sendto(publisher.leg.srtp.tx.protect(packet),  # type: ignore[union-attr]
                                      publisher.leg.remote)
        except OSError:
            self.send_errors += 1
            return
        start, end = self.window
        if start <= now_ns < end:
            publisher.sent_window[stream.kind] += 1

    def _frame(self, publisher: _Publisher, now_ns: int) -> None:
        spec = self.spec
        stream = publisher.video
        count = spec.packets_per_frame
        for i in range(count):
            last = i == count - 1
            size = int(spec.video_size * 0.6) if last and count > 1 else spec.video_size
            self._send(publisher, stream, last, i == 0, size, now_ns)
        if publisher.keyframe:
            publisher.keyframe = False
        stream.timestamp = (stream.timestamp + int(90000 / spec.fps)) & 0xFFFFFFFF

    async def _run(self) -> None:
        spec = self.spec
        frame_ns = int(1e9 / spec.fps)
        audio_ns = int(1e9 / spec.audio_pps)
        while True:
            now = time.monotonic_ns()
            wake = now + frame_ns
            for publisher in self.publishers:
                late = now - publisher.next_video_ns
                if late > self.max_lag_ns:
                    self.max_lag_ns = late
                if late > _MAX_BURST_FRAMES * frame_ns:  # give up on what cannot be caught up
                    publisher.next_video_ns = now - _MAX_BURST_FRAMES * frame_ns
                    publisher.next_audio_ns = max(publisher.next_audio_ns, now - frame_ns)
                while publisher.next_audio_ns <= now:
                    stream = publisher.audio
                    self._send(publisher, stream, False, False, spec.audio_size, now)
                    stream.timestamp = (stream.timestamp + 48000 * audio_ns // 10**9) & 0xFFFFFFFF
                    publisher.next_audio_ns += audio_ns
                while publisher.next_video_ns <= now:
                    self._frame(publisher, now)
                    publisher.next_video_ns += frame_ns
                wake = min(wake, publisher.next_audio_ns, publisher.next_video_ns)
            await asyncio.sleep(max(0.0, (wake - time.monotonic_ns()) / 1e9))

    def report(self) -> dict[str, Any]:
        sent = {str(p.number): list(p.sent_window) for p in self.publishers}
        for publisher in self.publishers:
            publisher.sent_window = [0, 0]
        lag, self.max_lag_ns = self.max_lag_ns, 0
        return {"sent": sent, "max_lag_ms": max(0, lag) / 1e6, "send_errors": self.send_errors}


# -- subscribers --------------------------------------------------------------------------

class SubscriberLoad:
    """Subscriber legs of one process: decrypt, count, measure latency and jitter."""

    def __init__(self, spec: LoadSpec) -> None:
        self.spec = spec
        self.legs: list[Leg] = []
        self._direct: list[Any] = []
        self.window = (0, 0)
        self._buffer = bytearray(2048)
        self._reset()

    def _reset(self) -> None:
        self.received = 0
        self.by_kind = [0, 0]
        self.latencies = array("q")
        self._stride = 1
        self._seen = 0
        self.jitter: dict[tuple[int, int, int], list[float]] = {}
        "(leg, publisher, kind) -> [last transit ns, jitter ns]"
        self.unprotect_errors = 0

    def add(self, leg: Leg) -> None:
        from sfu.srtp import direct_access

        index = len(self.legs)
        self.legs.append(leg)
        self._direct.append(direct_access(leg.srtp.rx))
        asyncio.get_running_loop().add_reader(leg.sock.fileno(), self._on_media, index)

    def _on_media(self, index: int) -> None:
        leg = self.legs[index]
        sock = leg.sock
        buffer = self._buffer
        rx = leg.srtp.rx
        direct = self._direct[index]
        start, end = self.window
        while True:
            try:
                size = sock.recv_into(buffer)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if 0 < size and buffer[0] < 4:  # STUN: a full ICE agent's consent check
                reply = answer_binding(leg, bytes(buffer[:size]))
                if reply is not None:
                    sock.sendto(reply, leg.remote)
                continue
            if size < 12 or not 127 < buffer[0] < 192 or 191 < buffer[1] < 224:
                continue  # not RTP (sender reports and DTLS are ignored)
            now = time.monotonic_ns()
            if direct is not None and size <= direct.unprotect_limit:
                direct.view[:size] = buffer[:size]
                direct.length[0] = size
                if direct.unprotect(direct.srtp, direct.cdata, direct.length):
                    self.unprotect_errors += 1
                    continue
                plain = direct.buffer[0 : direct.length[0]]
            else:
                try:
                    plain = rx.unprotect(bytes(buffer[:size]))  # type: ignore[union-attr]
                except Exception:  # noqa: BLE001 - counted, the run goes on
                    self.unprotect_errors += 1
                    continue
            pos = 12 + 4 * (plain[0] & 0x0F)
            if plain[0] & 0x10:
                pos += 4 + 4 * ((plain[pos + 2] << 8) | plain[pos + 3])
            pos += STAMP_OFFSET
            if pos + STAMP.size > len(plain):
                continue
            publisher, kind, _, sent_ns = STAMP.unpack_from(plain, pos)
            if not start <= sent_ns < end or kind > 1:
                continue
            self.received += 1
            self.by_kind[kind] += 1
            transit = now - sent_ns
            self._seen += 1
            if self._seen % self._stride == 0:
                self.latencies.append(transit)
                if len(self.latencies) >= MAX_LATENCY_SAMPLES:
                    self.latencies = self.latencies[::2]
                    self._stride *= 2
            key = (index, publisher, kind)
            state = self.jitter.get(key)
            if state is None:
                self.jitter[key] = [transit, 0.0]
            else:
                state[1] += (abs(transit - state[0]) - state[1]) / 16.0
                state[0] = transit

    def report(self) -> dict[str, Any]:
        jitters = [state[1] / 1e6 for state in self.jitter.values()]
        out = {
            "received": self.received,
            "received_audio": self.by_kind[0],
            "received_video": self.by_kind[1],
            "latency_ns": self.latencies.tolist(),
            "jitter_ms": jitters,
            "unprotect_errors": self.unprotect_errors,
            "legs": len(self.legs),
        }
        self._reset()
        return out


# -- negotiation and the process main ------------------------------------------------------

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


async def _add_publisher(signaling: FjordSignaling | JanusSignaling, participant: str,
                         certificate: Any) -> tuple[Leg, dict[str, StreamInfo]]:
    leg = new_leg(certificate, signaling.target.host)
    offer = await publish_offer(leg)
    answer, server = await answering_checks(leg, signaling.publish, participant, offer)
    await connect_leg(leg, server, answer, offerer=True)
    return leg, sdp_streams(offer)


async def _add_subscriber(signaling: FjordSignaling | JanusSignaling, participant: str,
                          certificate: Any) -> Leg:
    from aiortc import RTCPeerConnection, RTCSessionDescription

    leg = new_leg(certificate, signaling.target.host)
    offer, server = await asyncio.to_thread(signaling.subscribe, participant)
    pc = RTCPeerConnection()
    try:
        await pc.setRemoteDescription(RTCSessionDescription(offer, "offer"))
        answer = rewrite_transport_lines((await pc.createAnswer()).sdp, leg)
    finally:
        await pc.close()
    await answering_checks(leg, signaling.answer, participant, answer)
    await connect_leg(leg, server, offer, offerer=False)
    return leg


async def _serve(spec: LoadSpec, conn: Connection) -> None:
    from sfu.dtls import DtlsCertificate

    loop = asyncio.get_running_loop()
    target = spec.target
    signaling = (JanusSignaling(target) if isinstance(target, JanusTarget)
                 else FjordSignaling(target))
    certificate = DtlsCertificate()
    publishers = PublisherLoad(spec) if spec.role == "publisher" else None
    subscribers = SubscriberLoad(spec) if spec.role == "subscriber" else None
    messages: asyncio.Queue = asyncio.Queue()

    def read_pipe() -> None:  # a thread: the pipe stays blocking for large reports
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = ("stop",)
            loop.call_soon_threadsafe(messages.put_nowait, message)
            if message[0] == "stop":
                return

    threading.Thread(target=read_pipe, daemon=True).start()
    while True:
        message = await messages.get()
        command = message[0]
        try:
            if command == "stop":
                return
            if command == "add":
                for participant in message[1]:
                    if publishers is not None:
                        leg, streams = await _add_publisher(signaling, participant,
                                                            certificate)
                        publishers.add(leg, streams, int(participant.rsplit("-", 1)[1]))
                    elif subscribers is not None:
                        subscribers.add(await _add_subscriber(signaling, participant,
                                                              certificate))
                conn.send(("added", len(message[1])))
            elif command == "start":
                if publishers is not None:
                    publishers.start()
                conn.send(("ok",))
            elif command == "window":
                for load in (publishers, subscribers):
                    if load is not None:
                        load.window = (message[1], message[2])
                conn.send(("ok",))
            elif command == "report":
                load = publishers if publishers is not None else subscribers
                assert load is not None
                conn.send(("report", load.report()))
            else:
                conn.send(("error", f"unknown command {command!r}"))
        except Exception as exc:  # noqa: BLE001 - reported to the orchestrator
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def load_main(spec: LoadSpec, conn: Connection) -> None:
    """Entry point of a load process (``multiprocessing`` spawn target)."""
    from .sfu_runner import pin_to_core

    pin_to_core(spec.core)
    runner = asyncio.run
    with contextlib.suppress(ImportError):
        import uvloop

        runner = uvloop.run
    try:
        runner(_serve(spec, conn))
    finally:
        with contextlib.suppress(OSError):
            conn.close()
        os._exit(0)  # skip interpreter teardown of aiortc/cffi objects
