"""Load processes of ``fjord bench sfu``: paced publishers and measuring subscribers (past
600 lines: both sides share the packet stamp, the window and the pipe protocol).

Each process runs :func:`load_main` with a :class:`LoadSpec` and a pipe to the
orchestrator. It negotiates its participants with the SFU under test, Fjord's or Janus's
(:mod:`bench.sfu_signaling`), SDP written by aiortc, then connects each leg as a browser
does: ICE (STUN Binding checks,
answering a full ICE agent's own checks) and a DTLS-SRTP handshake
(:func:`bench.sfu_session.connect_leg`); connectivity and consent checks that arrive later
are answered too (:func:`bench.sfu_session.answer_binding`).

Publishers send SRTP at a browser's pace: per publisher Opus audio every 20 ms
(``audio_size`` bytes) and VP8 video at ``fps`` frames/s of ``packets_per_frame`` packets
(``video_size`` bytes, the last one of a frame 60 % of that); the first frame, and the
next one after a PLI/FIR from the SFU, is a key frame. With ``simulcast`` the video goes
out as three layers (rids q, h, f; 320x180, 640x360 and 1280x720 in their key frames) on
SSRCs the SFU learns from the rid extension, of 1, ``packets_per_frame // 2`` and
``packets_per_frame`` packets per frame, with libwebrtc's VP8 payload descriptors
(15-bit PictureID, TL0PICIDX, TID in the 0-2-1-2 pattern, layer sync bits) and a key
frame every ``keyframe_interval_s`` and after a PLI/FIR of that layer. Every payload ends
with a stamp, :data:`STAMP` ``!HBIQ``: publisher index, kind (0 audio, 1 video),
per-stream sequence number and the send time in ``CLOCK_MONOTONIC`` nanoseconds (system
wide on Linux). Subscribers decrypt every packet and, for stamps sent inside the current
measurement window, count arrivals and, per received stream, the RTP sequence numbers
expected of each received video stream (RFC 3550 A.3), keep one-way latency samples
(bounded) and the RFC 3550 interarrival jitter per stream.

With ``simulcast`` each subscriber leg also sends transport-cc feedback
(draft-holmer-rmcat-transport-wide-cc-extensions-01) every 100 ms, as a browser does; the
feedback numbers the leg's packets in arrival order (the SFU stamps its own transport-wide
numbers on simulcast video only). A subscriber that :func:`small_tile` picks stands for a
small tile: every ``resize_s`` it sends the SFU a
``video-viewport`` of every publisher's camera alternating 320x180 and 640x360 device
pixels (the lowest and the middle layer), which switches its layers.

Pipe commands (tuples): ``("add", [participant ids])`` -> ``("added", count)``;
``("start",)`` (publishers begin sending); ``("window", start_ns, end_ns)`` -> ``("ok",)``;
``("report",)`` -> ``("report", dict)`` for the window, then forgotten; ``("stop",)``.
Errors are sent as ``("error", message)``. Payloads are synthetic zeros and never kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import re
import struct
import threading
import time
from array import array
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from .rtp_source import VP8_TEMPORAL_PATTERN, StreamInfo, rtp_packet, vp8_head
from .sfu_session import (
    SIMULCAST_RIDS,
    Leg,
    answer_binding,
    answering_checks,
    connect_leg,
    new_leg,
    publish_offer,
    rewrite_transport_lines,
    sdp_streams,
    simulcast_layers,
)
from .sfu_signaling import FjordSignaling, FjordTarget, JanusSignaling, JanusTarget
from .udp_drops import socket_drops

STAMP = struct.Struct("!HBIQ")
LAYER_SIZES = ((320, 180), (640, 360), (1280, 720))
"Picture size of each simulcast layer, lowest first (the web client's 4/2/1 of 720p)."
FEEDBACK_INTERVAL_S = 0.1
"Seconds between two transport-cc feedback rounds of a subscriber process."
SETUP_TIMEOUT_S = 30.0
"""Seconds a leg may take for ICE and DTLS: a machine shared with other work may starve the
SFU process for seconds while it sets up hundreds of legs."""
MAX_LATENCY_SAMPLES = 200_000
"Latency samples kept per window and process (every packet until then, then a stride)."
_MAX_BURST_FRAMES = 3
"Frames sent back to back at most when a publisher process falls behind its schedule."


def small_tile(number: int, pct: float) -> bool:
    """Whether subscriber ``number`` (0, 1, 2, ...) shows small tiles when ``pct`` % of
    them do: of the first N subscribers, exactly ``round(N * pct / 100)`` (half up) do,
    spread evenly, for every N (so each ramp step has its share too)."""
    def share(n: int) -> int:
        return math.floor(n * pct / 100 + 0.5)
    return share(number + 1) > share(number)


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
    simulcast: bool = False
    """Publishers send three VP8 layers; subscribers send transport-cc feedback."""
    keyframe_interval_s: float = 3.0
    "Seconds between a simulcast layer's periodic key frames."
    constrained_pct: float = 0.0
    "Share of subscribers that are small tiles, % (:func:`small_tile`)."
    resize_s: float = 2.0
    "Seconds between a small tile's size changes."


# -- publishers ---------------------------------------------------------------------------

@dataclass
class _Stream:
    info: StreamInfo
    kind: int
    seq: int
    timestamp: int
    counter: int = 0


@dataclass
class _Layer:
    """One video encoding of a publisher (the only one without simulcast)."""

    stream: _Stream
    packets: int
    "Packets per frame."
    size: tuple[int, int] | None
    "Picture size written in key frames; None: no simulcast, a 2-byte VP8-shaped head."
    keyframe: bool = True
    picture_id: int = 0
    tl0: int = 0
    frame: int = 0
    "Frames since the last key frame."
    next_key_ns: int = 0


@dataclass
class _Publisher:
    number: int
    leg: Leg
    audio: _Stream
    layers: list[_Layer]
    next_audio_ns: int = 0
    next_video_ns: int = 0
    sent_window: list[int] = field(default_factory=lambda: [0, 0])


def keyframe_requests(plain: bytes) -> set[int]:
    """Media SSRCs a compound RTCP packet asks key frames of: PLI (RFC 4585 6.3.1) and
    FIR entries (RFC 5104 4.3.1)."""
    asked: set[int] = set()
    pos = 0
    while pos + 4 <= len(plain):
        fmt = plain[pos] & 0x1F
        end = pos + 4 * (((plain[pos + 2] << 8) | plain[pos + 3]) + 1)
        if plain[pos + 1] == 206 and fmt == 1 and pos + 12 <= len(plain):
            asked.add(int.from_bytes(plain[pos + 8 : pos + 12], "big"))
        elif plain[pos + 1] == 206 and fmt == 4:
            for entry in range(pos + 12, min(end, len(plain)) - 7, 8):
                asked.add(int.from_bytes(plain[entry : entry + 4], "big"))
        pos = end
    return asked


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

    def add(self, leg: Leg, audio: StreamInfo, video: list[StreamInfo], number: int) -> None:
        """A connected publisher: its audio stream and video layers (lowest first)."""
        rnd = self._random
        ppf = self.spec.packets_per_frame
        counts = [1, max(1, ppf // 2), ppf] if len(video) == 3 else [ppf]
        sizes = LAYER_SIZES if len(video) == 3 else (None,)
        layers = [_Layer(_Stream(info, 1, rnd.randrange(0x10000), rnd.randrange(1 << 32)),
                         count, size, picture_id=rnd.randrange(0x8000))
                  for info, count, size in zip(video, counts, sizes, strict=True)]
        publisher = _Publisher(
            number, leg,
            _Stream(audio, 0, rnd.randrange(0x10000), rnd.randrange(1 << 32)), layers)
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
            asked = keyframe_requests(plain)
            for layer in publisher.layers:
                if layer.stream.info.ssrc in asked:
                    layer.keyframe = True

    def start(self) -> None:
        now = time.monotonic_ns()
        count = max(1, len(self.publishers))
        frame_ns = int(1e9 / self.spec.fps)
        for i, publisher in enumerate(self.publishers):  # spread the publishers' frames
            publisher.next_video_ns = now + frame_ns * i // count
            publisher.next_audio_ns = now + int(2e7) * i // count
        self._task = asyncio.get_running_loop().create_task(self._run())

    def _send(self, publisher: _Publisher, stream: _Stream, marker: bool, head: bytes,
              size: int, now_ns: int) -> None:
        info = stream.info
        elements: list[tuple[int, bytes]] = []
        if info.mid_id:
            elements.append((info.mid_id, info.mid.encode()))
        if info.rid_id:
            elements.append((info.rid_id, info.rid.encode()))
        if stream.kind == 1:
            if info.abs_send_time_id:
                value = int(now_ns * 262144 // 1_000_000_000) & 0xFFFFFF
                elements.append((info.abs_send_time_id, value.to_bytes(3, "big")))
        elif info.audio_level_id:
            elements.append((info.audio_level_id, b"\x9e"))
        packet = rtp_packet(info, stream.seq, stream.timestamp, marker, head, elements)
        packet += bytes(max(0, size - len(packet) - STAMP.size))
        packet += STAMP.pack(publisher.number, stream.kind, stream.counter, now_ns)
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
        for layer in publisher.layers:
            key = layer.keyframe or (layer.size is not None and now_ns >= layer.next_key_ns)
            if key:
                layer.keyframe = False
                layer.frame = 0
                layer.next_key_ns = now_ns + int(spec.keyframe_interval_s * 1e9)
            tid = 0 if key else VP8_TEMPORAL_PATTERN[layer.frame % 4]
            sync = tid > 0 and layer.frame % 4 in (1, 2)
            if tid == 0:
                layer.tl0 = (layer.tl0 + 1) & 0xFF
            count = layer.packets
            for i in range(count):
                last = i == count - 1
                if layer.size is None:
                    size = int(spec.video_size * 0.6) if last and count > 1 else spec.video_size
                    head = bytes([0x10 if i == 0 else 0x00, 0x00 if key and i == 0 else 0x01])
                else:
                    size = int(spec.video_size * 0.6) if last else spec.video_size
                    head = vp8_head(i == 0, key, layer.picture_id, layer.tl0, tid, sync,
                                    layer.size)
                self._send(publisher, layer.stream, last, head, size, now_ns)
            layer.picture_id = (layer.picture_id + 1) & 0x7FFF
            layer.frame += 1
            layer.stream.timestamp = (layer.stream.timestamp + int(90000 / spec.fps)) & 0xFFFFFFFF

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
                    self._send(publisher, stream, False, b"\xfc\x00", spec.audio_size, now)
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
        from sfu.twcc_builder import TwccFeedbackBuilder

        self.spec = spec
        self.legs: list[Leg] = []
        self._direct: list[Any] = []
        self._feedback: list[TwccFeedbackBuilder] = []
        self._arrivals: list[int] = []
        "Per leg: packets arrived, the transport-wide number of the next one."
        self._rtcp_ssrc = random.Random(spec.seed).randrange(1, 1 << 32)
        self.feedback_sent = 0
        self.window = (0, 0)
        self.drops_at_window = 0
        "What the kernel had dropped on the legs' sockets when the window was set."
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
        self.sequences: dict[tuple[int, int], list[int]] = {}
        "(leg, SSRC) -> [first, highest extended sequence number] of video in the window"
        self.unprotect_errors = 0

    def socket_drops(self) -> int:
        """Datagrams the kernel dropped on the legs' sockets so far (receive buffers full:
        this process fell behind, not the SFU)."""
        return socket_drops([leg.sock for leg in self.legs])

    def add(self, leg: Leg) -> None:
        from sfu.srtp import direct_access
        from sfu.twcc_builder import TwccFeedbackBuilder

        index = len(self.legs)
        self.legs.append(leg)
        self._direct.append(direct_access(leg.srtp.rx))
        self._feedback.append(TwccFeedbackBuilder())
        self._arrivals.append(0)
        asyncio.get_running_loop().add_reader(leg.sock.fileno(), self._on_media, index)

    async def send_feedback(self) -> None:
        """Every FEEDBACK_INTERVAL_S: each leg's transport-cc feedback to the SFU (SRTCP)."""
        while True:
            await asyncio.sleep(FEEDBACK_INTERVAL_S)
            for leg, builder in zip(self.legs, self._feedback, strict=True):
                if not builder.pending:
                    continue
                for feedback in builder.build(self._rtcp_ssrc):
                    try:
                        leg.sock.sendto(leg.srtp.tx.protect_rtcp(bytes(feedback)),  # type: ignore[union-attr]
                                        self.spec.target.server)  # type: ignore[union-attr]
                        self.feedback_sent += 1
                    except OSError:
                        pass

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
            if len(plain) < 12 + STAMP.size:
                continue
            ssrc = int.from_bytes(plain[8:12], "big")
            if self.spec.simulcast:
                self._feedback[index].record(self._arrivals[index] & 0xFFFF, now / 1e9, ssrc)
                self._arrivals[index] += 1
            publisher, kind, _, sent_ns = STAMP.unpack_from(plain, len(plain) - STAMP.size)
            if not start <= sent_ns < end or kind > 1:
                continue
            self.received += 1
            if kind == 1:
                seq = (plain[2] << 8) | plain[3]
                span = self.sequences.get((index, ssrc))
                if span is None:
                    self.sequences[(index, ssrc)] = [seq, seq]
                else:
                    step = (seq - span[1]) & 0xFFFF
                    ext = span[1] + (step - 0x10000 if step >= 0x8000 else step)
                    span[0] = min(span[0], ext)
                    span[1] = max(span[1], ext)
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
            "socket_drops": self.socket_drops() - self.drops_at_window,
            "legs": len(self.legs),
            "expected_video_by_seq": sum(s[1] - s[0] + 1 for s in self.sequences.values()),
            "feedback_sent": self.feedback_sent,
        }
        self.feedback_sent = 0
        self._reset()
        return out


# -- negotiation and the process main ------------------------------------------------------

async def _add_publisher(signaling: FjordSignaling | JanusSignaling, spec: LoadSpec,
                         participant: str, certificate: Any
                         ) -> tuple[Leg, StreamInfo, list[StreamInfo]]:
    leg = new_leg(certificate, signaling.target.host)
    offer = await publish_offer(leg, spec.simulcast)
    answer, server = await answering_checks(leg, signaling.publish, participant, offer)
    await connect_leg(leg, server, answer, offerer=True, timeout_s=SETUP_TIMEOUT_S)
    if not spec.simulcast:
        streams = sdp_streams(offer)
        return leg, streams["audio"], [streams["video"]]
    ssrcs = [random.randrange(1, 1 << 32) for _ in SIMULCAST_RIDS]
    return leg, sdp_streams(offer, ("audio",))["audio"], simulcast_layers(offer, ssrcs)


async def _add_subscriber(signaling: FjordSignaling | JanusSignaling, participant: str,
                          certificate: Any) -> tuple[Leg, list[str]]:
    """A connected subscriber leg and the msid stream ids of the videos it was offered."""
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
    await connect_leg(leg, server, offer, offerer=False, timeout_s=SETUP_TIMEOUT_S)
    videos = re.findall(r"m=video [^\n]*\n(?:(?!m=)[^\n]*\n)*?a=msid:(\S+)", offer)
    return leg, videos


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
    tiles: dict[str, list[str]] = {}
    "Small-tile subscribers and the camera streams they show."

    def resize(participant: str, videos: list[str], small: bool) -> None:
        from sfu import control as api

        width, height = LAYER_SIZES[0 if small else 1]
        views = [api.StreamViewport(v, True, width, height) for v in videos]
        for first in range(0, len(views), api.MAX_VIEWPORTS):
            assert isinstance(signaling, FjordSignaling)  # --simulcast: Fjord only
            signaling.control.call(api.ViewportRequest(target.room, participant,
                                             tuple(views[first : first + api.MAX_VIEWPORTS])))

    async def resize_tiles() -> None:
        small = True
        while True:
            await asyncio.sleep(spec.resize_s)
            small = not small
            for participant, videos in tiles.items():
                resize(participant, videos, small)

    background: list[asyncio.Task] = []
    if subscribers is not None and spec.simulcast:
        background = [loop.create_task(subscribers.send_feedback()),
                      loop.create_task(resize_tiles())]
    while True:
        message = await messages.get()
        command = message[0]
        try:
            if command == "stop":
                for task in background:
                    task.cancel()
                return
            if command == "add":
                for participant in message[1]:
                    number = int(participant.rsplit("-", 1)[1])
                    if publishers is not None:
                        leg, audio, video = await _add_publisher(signaling, spec,
                                                                 participant, certificate)
                        publishers.add(leg, audio, video, number)
                    elif subscribers is not None:
                        leg, videos = await _add_subscriber(signaling, participant,
                                                            certificate)
                        subscribers.add(leg)
                        if small_tile(number, spec.constrained_pct):
                            tiles[participant] = videos
                            resize(participant, videos, small=True)
                conn.send(("added", len(message[1])))
            elif command == "start":
                if publishers is not None:
                    publishers.start()
                conn.send(("ok",))
            elif command == "window":
                for load in (publishers, subscribers):
                    if load is not None:
                        load.window = (message[1], message[2])
                if subscribers is not None:
                    subscribers.drops_at_window = subscribers.socket_drops()
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
