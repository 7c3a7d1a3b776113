"""Bench-side WebRTC endpoints for an in-process SFU worker: real SDP, ICE, DTLS-SRTP.

:func:`connect_room` joins one publisher and ``subscribers`` subscribers to a room of a
started :class:`sfu.worker.SfuWorker` through its control API, with SDP written by aiortc
(``createOffer``/``createAnswer``; ICE credentials and fingerprint replaced by ours), then
connects every leg the way a browser does: a STUN Binding request (with USE-CANDIDATE
when the leg is the controlling agent, RFC 8445 sections 6.1.1 and 7.2) from the leg's own
UDP socket, answering the peer's own Binding requests when it is a full ICE agent (Janus),
then a DTLS-SRTP handshake as DTLS client (:class:`sfu.dtls.DtlsSession`, RFC 5764; the
leg's SDP says ``a=setup:active``). Every leg's SDP carries its one host candidate. The
publisher's SRTP context and every subscriber's socket are returned: the benchmark
protects RTP with the former and hands the latter to a sink process. Nothing of the
worker's internals is touched.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sfu.dtls import DtlsCertificate, DtlsSession
from sfu.srtp import SrtpContext
from turn import stun

from .rtp_source import StreamInfo

T = TypeVar("T")

URI_MID = "urn:ietf:params:rtp-hdrext:sdes:mid"
URI_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
URI_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
URI_RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"
SIMULCAST_RIDS = ("q", "h", "f")
"The web client's three encodings, lowest resolution first."
RID_EXTENSION_ID = 10
"Id given to the rid header extension in a simulcast offer (aiortc uses 1-3)."


class SetupError(RuntimeError):
    """Negotiation, ICE or DTLS with the worker failed."""


@dataclass
class Leg:
    """One bench-side transport: its socket, ICE credentials, certificate, DTLS session."""

    sock: socket.socket
    ufrag: str
    pwd: str
    certificate: DtlsCertificate
    address: tuple[str, int]
    """Where the socket is bound (kept after the socket is handed over and closed)."""
    dtls: DtlsSession | None = None
    remote: tuple[str, int] | None = None
    """The SFU's media address this leg connected to (:func:`connect_leg`)."""
    checked: bool = False
    """A full ICE peer sent this leg a valid check (:func:`answer_binding`)."""
    nominated: bool = False
    """... one with USE-CANDIDATE (RFC 8445 section 7.3.1.5)."""

    @property
    def srtp(self) -> SrtpContext:
        if self.dtls is None or self.dtls.srtp is None:
            raise SetupError("leg is not connected")
        return self.dtls.srtp


def new_leg(certificate: DtlsCertificate, host: str = "127.0.0.1") -> Leg:
    """A leg with a fresh UDP socket on ``host`` (a 127.0.0.0/8 address), new ICE
    credentials and ``certificate``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((host, 0))
    sock.setblocking(False)
    address = sock.getsockname()[:2]
    return Leg(sock, secrets.token_hex(4), secrets.token_hex(12), certificate, address)


def rewrite_transport_lines(sdp: str, leg: Leg) -> str:
    """Replace ICE credentials and fingerprints of an aiortc SDP with ``leg``'s own, make
    the leg the DTLS client (``a=setup:active``, RFC 5763 section 5) and give every
    m-section the leg's host candidate (RFC 8839 section 5.1) and ``a=end-of-candidates``.
    """
    host, port = leg.address
    out = []
    for line in sdp.splitlines():
        if line.startswith("a=ice-ufrag:"):
            line = f"a=ice-ufrag:{leg.ufrag}"
        elif line.startswith("a=ice-pwd:"):
            line = f"a=ice-pwd:{leg.pwd}"
        elif line.startswith("a=fingerprint:sha-256"):
            line = f"a=fingerprint:sha-256 {leg.certificate.fingerprint}"
        elif line.startswith(("a=fingerprint:", "a=candidate:", "a=end-of-candidates")):
            continue
        elif line.startswith("a=setup:"):
            line = "a=setup:active"
        elif line.startswith("a=mid:"):
            out += [line, f"a=candidate:1 1 udp {_PRIORITY} {host} {port} typ host",
                    "a=end-of-candidates"]
            continue
        out.append(line)
    return "\r\n".join(out) + "\r\n"


_PRIORITY = 2130706431
"RFC 8445 section 5.1.2.1 priority of a host candidate, component 1."


async def publish_offer(leg: Leg, simulcast: bool = False) -> str:
    """A browser-like send-only audio+video offer (aiortc's SDP) carrying ``leg``'s ICE
    credentials and DTLS fingerprint: the bench's own DTLS/SRTP stack answers for it.
    ``simulcast``: the video goes out as Chromium offers three encodings (RFC 8853
    ``a=rid:q send`` ... ``a=simulcast:send q;h;f``, the rid header extension, no SSRC
    signalled)."""
    from aiortc import RTCPeerConnection

    pc = RTCPeerConnection()
    try:
        pc.addTransceiver("audio", direction="sendonly")
        pc.addTransceiver("video", direction="sendonly")
        sdp = rewrite_transport_lines((await pc.createOffer()).sdp, leg)
    finally:
        await pc.close()
    if not simulcast:
        return sdp
    head, video = sdp.split("m=video", 1)
    lines = [line for line in video.split("\r\n") if not line.startswith("a=ssrc")]
    at = lines.index("a=sendonly") + 1
    lines[at:at] = [f"a=extmap:{RID_EXTENSION_ID} {URI_RID}"]
    end = lines.index("")  # the section's last line ends with CRLF
    lines[end:end] = ([f"a=rid:{rid} send" for rid in SIMULCAST_RIDS]
                      + ["a=simulcast:send " + ";".join(SIMULCAST_RIDS)])
    return head + "m=video" + "\r\n".join(lines)


def simulcast_layers(sdp: str, ssrcs: list[int]) -> list[StreamInfo]:
    """The video layers of a :func:`publish_offer` with ``simulcast``, lowest first, sent
    with ``ssrcs`` (unsignalled: the SFU learns them from the rid extension)."""
    section = "m=video" + sdp.split("m=video", 1)[1]
    pt = re.search(r"a=rtpmap:(\d+) VP8/", section)
    mid = re.search(r"a=mid:(\S+)", section)
    if not (pt and mid):
        raise SetupError("no VP8 video section with a mid in the simulcast offer")
    ids = {uri: int(i) for i, uri in re.findall(r"a=extmap:(\d+)(?:/\w+)? (\S+)", section)}
    return [StreamInfo(ssrc=ssrc, payload_type=int(pt.group(1)), mid=mid.group(1),
                       mid_id=ids.get(URI_MID, 0), abs_send_time_id=ids.get(URI_ABS_SEND_TIME, 0),
                       rid_id=ids[URI_RID], rid=rid)
            for ssrc, rid in zip(ssrcs, SIMULCAST_RIDS, strict=True)]


def sdp_streams(sdp: str, kinds: tuple[str, ...] = ("audio", "video")
                ) -> dict[str, StreamInfo]:
    """``{"audio": StreamInfo, "video": StreamInfo}`` of a sending SDP (first SSRC of each
    m-section, Opus / VP8 payload type, mid, extension ids), of the sections of ``kinds``."""
    streams: dict[str, StreamInfo] = {}
    for section in sdp.split("\nm=")[1:]:
        kind = section.split(" ", 1)[0]
        if kind not in kinds:
            continue
        codec = "opus" if kind == "audio" else "VP8"
        pt = re.search(rf"a=rtpmap:(\d+) {codec}/", section)
        ssrc = re.search(r"a=ssrc:(\d+) ", section)
        mid = re.search(r"a=mid:(\S+)", section)
        if not (pt and ssrc and mid):
            raise SetupError(f"no {codec} stream with an SSRC in the {kind} section")
        ids = {uri: int(i) for i, uri in re.findall(r"a=extmap:(\d+)(?:/\w+)? (\S+)", section)}
        streams[kind] = StreamInfo(
            ssrc=int(ssrc.group(1)),
            payload_type=int(pt.group(1)),
            mid=mid.group(1),
            mid_id=ids.get(URI_MID, 0),
            audio_level_id=ids.get(URI_AUDIO_LEVEL, 0) if kind == "audio" else 0,
            abs_send_time_id=ids.get(URI_ABS_SEND_TIME, 0) if kind == "video" else 0,
        )
    return streams


def loopback_candidate(sdp: str) -> tuple[str, int]:
    """The first UDP host candidate of ``sdp`` on 127.0.0.0/8 as ``(ip, port)``.

    Raises:
        SetupError: there is none (the benchmark sends to loopback addresses only).
    """
    for ip, port in re.findall(
        r"a=candidate:\S+ 1 udp \d+ (127\.\d+\.\d+\.\d+) (\d+) typ host", sdp, re.I
    ):
        return ip, int(port)
    raise SetupError("the SFU's SDP has no UDP host candidate on 127.0.0.0/8")


def answer_binding(leg: Leg, data: bytes,
                   source: tuple[str, int] | None = None) -> bytes | None:
    """The Binding success response (XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY with the leg's
    password, FINGERPRINT; RFC 8445 section 7.3) to a connectivity or consent check
    (RFC 7675) that a full ICE peer sent to ``leg`` from ``source`` (``leg.remote`` by
    default), or None when ``data`` is not a valid Binding request for this leg (the
    caller drops it). Sets ``leg.checked`` and, for a nominating check, ``leg.nominated``.
    """
    source = source or leg.remote
    if not stun.is_stun(data) or source is None:
        return None
    try:
        request = stun.Message.parse(data)
    except ValueError:
        return None
    username = request.get(stun.Attr.USERNAME) or b""
    if (request.method != stun.Method.BINDING
            or request.message_class != stun.MessageClass.REQUEST
            or not username.startswith(f"{leg.ufrag}:".encode())
            or not stun.verify_message_integrity(data, leg.pwd.encode())):
        return None
    leg.checked = True
    leg.nominated = leg.nominated or stun.Attr.USE_CANDIDATE in request
    reply = request.reply(stun.MessageClass.SUCCESS)
    reply.add(stun.Attr.XOR_MAPPED_ADDRESS,
              stun.encode_xor_address(source, request.transaction_id))
    return reply.encode(integrity_key=leg.pwd.encode(), fingerprint=True)


async def answering_checks(leg: Leg, call: Callable[..., T], *args: object) -> T:
    """``call(*args)`` (blocking signaling) in a thread while the event loop answers the
    checks a full ICE peer sends to ``leg`` meanwhile: Janus starts checking as soon as
    it has the leg's candidate, before the signaling answer arrives, and gives a pair up
    when its checks go unanswered for a few seconds."""
    loop = asyncio.get_running_loop()

    def on_readable() -> None:
        while True:
            try:
                data, source = leg.sock.recvfrom(2048)
            except OSError:  # BlockingIOError included: drained
                return
            reply = answer_binding(leg, data, source[:2])
            if reply is not None:
                leg.sock.sendto(reply, source[:2])

    loop.add_reader(leg.sock.fileno(), on_readable)
    try:
        return await asyncio.to_thread(call, *args)
    finally:
        loop.remove_reader(leg.sock.fileno())


def remote_credentials(sdp: str) -> tuple[str, str]:
    ufrag = re.search(r"a=ice-ufrag:(\S+)", sdp)
    pwd = re.search(r"a=ice-pwd:(\S+)", sdp)
    if not (ufrag and pwd):
        raise SetupError("SFU SDP lacks ICE credentials")
    return ufrag.group(1), pwd.group(1)


async def _recv(loop: asyncio.AbstractEventLoop, sock: socket.socket, timeout: float) -> bytes:
    return await asyncio.wait_for(loop.sock_recv(sock, 0x10000), timeout)


async def connect_leg(
    leg: Leg, server: tuple[str, int], remote_sdp: str, offerer: bool,
    timeout_s: float = 20.0,
) -> None:
    """ICE, then the DTLS client handshake, with the SFU at ``server``.

    The leg is the controlling agent when it made the offer or the SFU is ICE-lite
    (RFC 8445 section 6.1.1): it then nominates with USE-CANDIDATE (section 7.2). It
    checks ``server`` until a Binding success arrives and answers the SFU's own checks
    meanwhile (:func:`answer_binding`). DTLS starts once its check succeeded and, with a
    full ICE agent, once it answered the agent's check too (a nominating one, with
    USE-CANDIDATE, when the leg is controlled): the agent has then selected the pair
    (section 8.1) and takes the ClientHello instead of dropping it.

    Raises:
        SetupError: no Binding success or no connected DTLS session within ``timeout_s``.
    """
    loop = asyncio.get_running_loop()
    leg.remote = server
    remote_ufrag, remote_pwd = remote_credentials(remote_sdp)
    controlling = offerer or "a=ice-lite" in remote_sdp
    request = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    request.add(stun.Attr.USERNAME, f"{remote_ufrag}:{leg.ufrag}".encode())
    request.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    if controlling:
        request.add(stun.Attr.ICE_CONTROLLING, secrets.token_bytes(8))
        request.add(stun.Attr.USE_CANDIDATE, b"")
    else:
        request.add(stun.Attr.ICE_CONTROLLED, secrets.token_bytes(8))
    raw = request.encode(integrity_key=remote_pwd.encode(), fingerprint=True)
    deadline = time.monotonic() + timeout_s
    succeeded = False
    ice_lite = "a=ice-lite" in remote_sdp
    leg.sock.sendto(raw, server)
    while not (succeeded and (ice_lite or (leg.checked if controlling else leg.nominated))):
        try:
            data = await _recv(loop, leg.sock, 0.5)
        except TimeoutError:
            if time.monotonic() > deadline:
                raise SetupError("no ICE Binding success from the SFU" if not succeeded
                                 else "the SFU did not check (nominate) the pair") from None
            if not succeeded:
                leg.sock.sendto(raw, server)
            continue
        reply = answer_binding(leg, data)
        if reply is not None:
            leg.sock.sendto(reply, server)
            continue
        try:
            answer = stun.Message.parse(data)
        except ValueError:
            continue
        if answer.transaction_id != request.transaction_id:
            continue
        if answer.message_class != stun.MessageClass.SUCCESS:
            raise SetupError("SFU refused the ICE Binding request")
        succeeded = True
    dtls = DtlsSession(leg.certificate, False, time.monotonic)
    leg.dtls = dtls
    for out in dtls.start():
        leg.sock.sendto(out, server)
    while dtls.state != "connected":
        if dtls.state in ("failed", "closed") or time.monotonic() > deadline:
            raise SetupError(f"DTLS handshake with the SFU ended in state {dtls.state}")
        try:
            data = await _recv(loop, leg.sock, 0.2)
        except TimeoutError:
            for out in dtls.handle_timeout():
                leg.sock.sendto(out, server)
            continue
        if data and 19 < data[0] < 64:
            for out in dtls.receive(data):
                leg.sock.sendto(out, server)
        elif (reply := answer_binding(leg, data)) is not None:
            leg.sock.sendto(reply, server)


@dataclass
class Room:
    """A connected room: publisher leg and streams, subscriber legs; with simulcast, the
    video's layers (lowest first) and no "video" stream."""

    publisher: Leg
    streams: dict[str, StreamInfo]
    subscribers: list[Leg]
    layers: list[StreamInfo] = field(default_factory=list)


async def connect_room(worker: object, room_id: str, subscribers: int,
                       simulcast_ssrcs: list[int] | None = None) -> Room:
    """Publisher (audio + VP8 video) and ``subscribers`` subscribers, all connected; with
    ``simulcast_ssrcs`` (one per rid of :data:`SIMULCAST_RIDS`), the video is simulcast
    (:func:`publish_offer`) on those SSRCs.

    ``worker`` is a started :class:`sfu.worker.SfuWorker`. Raises :class:`SetupError`.
    """
    from aiortc import RTCPeerConnection, RTCSessionDescription

    server = worker.address  # type: ignore[attr-defined]
    certificate = DtlsCertificate()
    publisher = new_leg(certificate)
    offer = await publish_offer(publisher, simulcast_ssrcs is not None)
    await worker.join(room_id, "publisher")  # type: ignore[attr-defined]
    answer = await worker.publish(room_id, "publisher", offer)  # type: ignore[attr-defined]
    await connect_leg(publisher, server, answer, offerer=True)
    legs = []
    for index in range(subscribers):
        leg = new_leg(certificate)
        participant = f"subscriber-{index}"
        await worker.join(room_id, participant)  # type: ignore[attr-defined]
        sub_offer = await worker.subscribe_offer(room_id, participant)  # type: ignore[attr-defined]
        if sub_offer is None:
            raise SetupError("the SFU offered nothing to a subscriber")
        pc = RTCPeerConnection()
        try:
            await pc.setRemoteDescription(RTCSessionDescription(sub_offer, "offer"))
            sub_answer = rewrite_transport_lines((await pc.createAnswer()).sdp, leg)
        finally:
            await pc.close()
        await worker.subscribe_answer(room_id, participant, sub_answer)  # type: ignore[attr-defined]
        await connect_leg(leg, server, sub_offer, offerer=False)
        legs.append(leg)
    if simulcast_ssrcs is None:
        return Room(publisher, sdp_streams(offer), legs)
    return Room(publisher, sdp_streams(offer, ("audio",)), legs,
                simulcast_layers(offer, simulcast_ssrcs))
