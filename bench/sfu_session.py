"""Bench-side WebRTC endpoints for an in-process SFU worker: real SDP, ICE, DTLS-SRTP.

:func:`connect_room` joins one publisher and ``subscribers`` subscribers to a room of a
started :class:`sfu.worker.SfuWorker` through its control API, with SDP written by aiortc
(``createOffer``/``createAnswer``; ICE credentials and fingerprint replaced by ours), then
connects every leg the way a browser does: a STUN Binding request with USE-CANDIDATE
(RFC 8445 section 7.2) from the leg's own UDP socket, then a DTLS-SRTP handshake as DTLS
client (:class:`sfu.dtls.DtlsSession`, RFC 5764). The publisher's SRTP context and every
subscriber's socket are returned: the benchmark protects RTP with the former and hands
the latter to a sink process. Nothing of the worker's internals is touched.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import socket
import time
from dataclasses import dataclass

from sfu.dtls import DtlsCertificate, DtlsSession
from sfu.srtp import SrtpContext
from turn import stun

from .rtp_source import StreamInfo

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

    @property
    def srtp(self) -> SrtpContext:
        if self.dtls is None or self.dtls.srtp is None:
            raise SetupError("leg is not connected")
        return self.dtls.srtp


def new_leg(certificate: DtlsCertificate) -> Leg:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    address = sock.getsockname()[:2]
    return Leg(sock, secrets.token_hex(4), secrets.token_hex(12), certificate, address)


def rewrite_transport_lines(sdp: str, leg: Leg) -> str:
    """Replace ICE credentials and fingerprints of an aiortc SDP with ``leg``'s own."""
    out = []
    for line in sdp.splitlines():
        if line.startswith("a=ice-ufrag:"):
            line = f"a=ice-ufrag:{leg.ufrag}"
        elif line.startswith("a=ice-pwd:"):
            line = f"a=ice-pwd:{leg.pwd}"
        elif line.startswith("a=fingerprint:sha-256"):
            line = f"a=fingerprint:sha-256 {leg.certificate.fingerprint}"
        elif line.startswith("a=fingerprint:"):
            continue
        out.append(line)
    return "\r\n".join(out) + "\r\n"


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


def remote_credentials(sdp: str) -> tuple[str, str]:
    ufrag = re.search(r"a=ice-ufrag:(\S+)", sdp)
    pwd = re.search(r"a=ice-pwd:(\S+)", sdp)
    if not (ufrag and pwd):
        raise SetupError("SFU SDP lacks ICE credentials")
    return ufrag.group(1), pwd.group(1)


async def _recv(loop: asyncio.AbstractEventLoop, sock: socket.socket, timeout: float) -> bytes:
    return await asyncio.wait_for(loop.sock_recv(sock, 0x10000), timeout)


async def connect_leg(
    leg: Leg, server: tuple[str, int], remote_sdp: str, timeout_s: float = 10.0
) -> None:
    """ICE (Binding with USE-CANDIDATE, RFC 8445 7.2) then DTLS client handshake.

    Raises:
        SetupError: no Binding success or no connected DTLS session within ``timeout_s``.
    """
    loop = asyncio.get_running_loop()
    remote_ufrag, remote_pwd = remote_credentials(remote_sdp)
    request = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    request.add(stun.Attr.USERNAME, f"{remote_ufrag}:{leg.ufrag}".encode())
    request.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    request.add(stun.Attr.ICE_CONTROLLING, secrets.token_bytes(8))
    request.add(stun.Attr.USE_CANDIDATE, b"")
    raw = request.encode(integrity_key=remote_pwd.encode(), fingerprint=True)
    deadline = time.monotonic() + timeout_s
    while True:
        leg.sock.sendto(raw, server)
        try:
            answer = stun.Message.parse(await _recv(loop, leg.sock, 0.5))
        except (TimeoutError, ValueError):
            if time.monotonic() > deadline:
                raise SetupError("no ICE Binding success from the SFU") from None
            continue
        if answer.message_class == stun.MessageClass.SUCCESS:
            break
        raise SetupError("SFU refused the ICE Binding request")
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


@dataclass
class Room:
    """A connected room: publisher leg and streams, subscriber legs."""

    publisher: Leg
    streams: dict[str, StreamInfo]
    subscribers: list[Leg]


async def connect_room(worker: object, room_id: str, subscribers: int) -> Room:
    """Publisher (audio + VP8 video) and ``subscribers`` subscribers, all connected.

    ``worker`` is a started :class:`sfu.worker.SfuWorker`. Raises :class:`SetupError`.
    """
    from aiortc import RTCPeerConnection, RTCSessionDescription

    server = worker.address  # type: ignore[attr-defined]
    certificate = DtlsCertificate()
    publisher = new_leg(certificate)
    offer = await publish_offer(publisher)
    await worker.join(room_id, "publisher")  # type: ignore[attr-defined]
    answer = await worker.publish(room_id, "publisher", offer)  # type: ignore[attr-defined]
    await connect_leg(publisher, server, answer)
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
        await connect_leg(leg, server, sub_offer)
        legs.append(leg)
    return Room(publisher, sdp_streams(offer), legs)
