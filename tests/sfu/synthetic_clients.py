"""Light WebRTC endpoints for SFU tests that need many legs or exact packets: real SDP, ICE,
DTLS-SRTP (bench/sfu_session.py's legs), no media decoding.

- :class:`SimulcastPublisher` sends three VP8 encodings as Chromium does (rid and mid
  header extensions, no signalled SSRC, PictureID / TL0PICIDX / TID payload descriptors,
  libwebrtc's temporal pattern), or three H.264 ones (RFC 6184 packetization-mode 1: a key
  frame's SPS and PPS in a STAP-A, slices in FU-A fragments), and answers each PLI with a
  key frame on that layer.
- :class:`LeanSubscriber` receives its subscribe leg, decrypts every packet, keeps them,
  asks for a key frame as a browser's decoder does until one comes, and can drop a seeded
  fraction of its video on arrival and NACK it (RFC 4585 Generic NACK).
"""

from __future__ import annotations

import asyncio
import functools
import random
import re
import secrets
import struct

import av
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.codecs.h264 import H264Encoder
from test_sfu_simulcast_sdp import simulcast_offer

from bench.rtp_source import StreamInfo, rtp_packet
from bench.sfu_session import Leg, connect_leg, new_leg, rewrite_transport_lines
from sfu.dtls import DtlsCertificate
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.nack import GenericNack
from sfu.rtcp.pli import PictureLossIndication
from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START, SSRC, read_header
from sfu.rtp.keyframe import h264_is_keyframe, vp8_is_keyframe

RIDS = ("q", "h", "f")
MID_ID, RID_ID, TRANSPORT_CC_ID = 4, 10, 3  # test_sfu_sdp.CHROME_OFFER's video m-line ids
VP8_PT = 96
H264_PT = 102  # test_sfu_sdp.CHROME_OFFER's H.264 packetization-mode 1 payload type
TEMPORAL_PATTERN = (0, 2, 1, 2)
FPS = 30


def _is_rtp(data: bytes) -> bool:
    return len(data) >= 12 and 127 < data[0] < 192 and not 191 < data[1] < 224


class _Layer:
    def __init__(self, rid: str) -> None:
        self.rid = rid
        self.ssrc = secrets.randbits(32) or 1
        self.seq = secrets.randbits(16)
        self.ts = secrets.randbits(32)
        self.pid = secrets.randbits(15)
        self.tl0 = secrets.randbits(8)
        self.frame = 0
        self.key = True


@functools.cache
def h264_parameter_sets(width: int, height: int) -> bytes:
    """A STAP-A payload (RFC 6184 section 5.7.1) of the SPS and PPS libx264 writes for a
    ``width`` x ``height`` picture, as libwebrtc sends them ahead of each IDR picture."""
    encoder = av.CodecContext.create("libx264", "w")
    encoder.width, encoder.height, encoder.pix_fmt = width, height, "yuv420p"
    encoder.options = {"preset": "ultrafast", "tune": "zerolatency"}
    frame = av.VideoFrame(width, height, "yuv420p")
    frame.pts = 0
    stream = b"".join(bytes(p) for p in [*encoder.encode(frame), *encoder.encode(None)])
    nals = [nal for nal in H264Encoder._split_bitstream(stream) if nal[0] & 0x1F in (7, 8)]
    return bytes([0x78]) + b"".join(struct.pack("!H", len(nal)) + nal for nal in nals)


class SimulcastPublisher:
    """Three encodings (lowest first) of ``codec`` ("vp8" or "h264") at :data:`FPS`,
    ``packets`` per frame of ``size`` bytes (one count for every layer, or one per layer,
    lowest first), for ``participant_id`` in ``room_id`` of the
    in-process ``worker`` (whose ``video_codecs`` must take ``codec``); with
    ``transport_cc``, every packet carries a transport-wide sequence number as a browser's
    does (the SFU numbers its packets to a subscriber in that element's place)."""

    def __init__(self, worker, room_id: str, participant_id: str,
                 packets: int | tuple[int, int, int] = 3, size: int = 900, codec: str = "vp8",
                 transport_cc: bool = False) -> None:
        if codec not in ("vp8", "h264"):
            raise ValueError(f"codec must be vp8 or h264, not {codec!r}")
        self.codec = codec
        self.sizes: list[tuple[int, int]] | None = None
        """Per layer, the picture size its key frames state (VP8: in their header, RFC 6386
        section 9.1; H.264: in the SPS ahead of them), as an encoder writes it; None: key
        frames without it."""
        self.worker = worker
        self.room_id = room_id
        self.participant_id = participant_id
        self.packets = (packets,) * len(RIDS) if isinstance(packets, int) else packets
        self.size = size
        self.layers = [_Layer(rid) for rid in RIDS]
        self.transport_cc = transport_cc
        self._transport_seq = 0
        self.plis = [0, 0, 0]
        "PLIs received per layer."
        self.leg: Leg | None = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self.leg = new_leg(DtlsCertificate())
        offer = rewrite_transport_lines(simulcast_offer(), self.leg)
        await self.worker.join(self.room_id, self.participant_id)
        answer = await self.worker.publish(self.room_id, self.participant_id, offer)
        await connect_leg(self.leg, self.worker.address, answer, offerer=True)
        asyncio.get_running_loop().add_reader(self.leg.sock.fileno(), self._on_rtcp)
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self.leg is not None:
            asyncio.get_running_loop().remove_reader(self.leg.sock.fileno())
            self.leg.sock.close()

    def _on_rtcp(self) -> None:
        leg = self.leg
        assert leg is not None
        while True:
            try:
                data = leg.sock.recv(2048)
            except OSError:
                return
            if len(data) < 8 or not 191 < data[1] < 224:
                continue
            try:
                packets, _ = parse_compound(leg.srtp.rx.unprotect_rtcp(data))
            except Exception:  # noqa: BLE001 - not ours to judge here
                continue
            for packet in packets:
                if isinstance(packet, PictureLossIndication):
                    for index, layer in enumerate(self.layers):
                        if layer.ssrc == packet.media_ssrc:
                            layer.key = True
                            self.plis[index] += 1

    def _elements(self, layer: _Layer) -> list[tuple[int, bytes]]:
        """The header extension elements of ``layer``'s next packet."""
        elements = [(MID_ID, b"1"), (RID_ID, layer.rid.encode())]
        if self.transport_cc:
            elements.append((TRANSPORT_CC_ID, struct.pack("!H", self._transport_seq)))
            self._transport_seq = (self._transport_seq + 1) & 0xFFFF
        return elements

    def frame(self, layer: _Layer) -> list[bytes]:
        """The next frame of ``layer``: a key frame when one was asked for."""
        key = layer.key
        layer.key = False
        if key:
            layer.frame = 0
        if self.codec == "h264":
            return self._h264_frame(layer, key)
        tid = 0 if key else TEMPORAL_PATTERN[layer.frame % 4]
        if tid == 0:
            layer.tl0 = (layer.tl0 + 1) & 0xFF
        sync = tid > 0 and layer.frame % 4 in (1, 2)
        info = StreamInfo(layer.ssrc, VP8_PT, "1")
        out = []
        packets = self.packets[RIDS.index(layer.rid)]
        for i in range(packets):
            descriptor = bytes([0x90 if i == 0 else 0x80, 0xE0,
                                0x80 | (layer.pid >> 8), layer.pid & 0xFF, layer.tl0,
                                (tid << 6) | (0x20 if sync else 0)])
            # payload: descriptor, VP8 header (P bit 0: key frame), then bytes that tell
            # this packet apart (layer, sequence number) so a resend can be matched exactly
            header = bytes([0x00 if key else 0x01])
            if key and i == 0 and self.sizes is not None:  # frame tag, start code, size
                width, height = self.sizes[RIDS.index(layer.rid)]
                header = b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height)
            body = descriptor + header + struct.pack("!BH", RIDS.index(layer.rid), layer.seq)
            body += bytes(max(0, self.size - len(body)))
            out.append(rtp_packet(info, layer.seq, layer.ts, i == packets - 1, body,
                                  self._elements(layer)))
            layer.seq = (layer.seq + 1) & 0xFFFF
        layer.ts = (layer.ts + 90000 // FPS) & 0xFFFFFFFF
        layer.pid = (layer.pid + 1) & 0x7FFF
        layer.frame += 1
        return out

    def _h264_frame(self, layer: _Layer, key: bool) -> list[bytes]:
        """An IDR picture (after a STAP-A of SPS and PPS when ``sizes`` is set) or a P
        picture, as FU-A fragments (RFC 6184 section 5.8) of ``packets`` packets in all."""
        info = StreamInfo(layer.ssrc, H264_PT, "1")
        payloads = []
        if key and self.sizes is not None:
            payloads.append(h264_parameter_sets(*self.sizes[RIDS.index(layer.rid)]))
        nal_type = 5 if key else 1
        fragments = max(1, self.packets[RIDS.index(layer.rid)] - len(payloads))
        for i in range(fragments):
            # FU indicator (NRI 3, type 28), FU header (S, E, the slice's type), then bytes
            # that tell this packet apart (layer, sequence number)
            fu_header = (0x80 if i == 0 else 0) | (0x40 if i == fragments - 1 else 0)
            body = bytes([0x7C, fu_header | nal_type]) + struct.pack(
                "!BH", RIDS.index(layer.rid), (layer.seq + len(payloads)) & 0xFFFF)
            payloads.append(body + bytes(max(0, self.size - len(body))))
        out = []
        for i, payload in enumerate(payloads):
            out.append(rtp_packet(info, layer.seq, layer.ts, i == len(payloads) - 1, payload,
                                  self._elements(layer)))
            layer.seq = (layer.seq + 1) & 0xFFFF
        layer.ts = (layer.ts + 90000 // FPS) & 0xFFFFFFFF
        layer.frame += 1
        return out

    async def _run(self) -> None:
        leg = self.leg
        assert leg is not None
        loop = asyncio.get_running_loop()
        next_frame = loop.time()
        while True:
            for layer in self.layers:
                for packet in self.frame(layer):
                    leg.sock.sendto(leg.srtp.tx.protect(packet), self.worker.address)
            next_frame += 1 / FPS
            await asyncio.sleep(max(0.0, next_frame - loop.time()))


class LeanSubscriber:
    """A subscribe leg for ``participant_id``: keeps every decrypted RTP packet, sends a
    PLI every ``pli_interval`` s until a video key frame came, and drops a seeded fraction
    ``loss`` of the video packets on arrival, NACKing each at once."""

    def __init__(self, worker, room_id: str, participant_id: str, loss: float = 0.0,
                 seed: int = 1, pli_interval: float = 0.3) -> None:
        self.worker = worker
        self.room_id = room_id
        self.participant_id = participant_id
        self.loss = loss
        self.pli_interval = pli_interval
        self._random = random.Random(seed)
        self.leg: Leg | None = None
        self.video_ssrc = 0
        self.rtx_ssrc = 0
        self.received: list[bytes] = []
        "Video packets of the media SSRC as the SFU sent them (dropped ones included)."
        self.dropped: dict[int, bytes] = {}
        "Sequence number -> packet, for the video packets dropped and NACKed."
        self.resent: list[bytes] = []
        "RTX packets received."
        self.keyframe = asyncio.Event()
        self.rtcp_ssrc = secrets.randbits(32) or 1
        self._is_keyframe = vp8_is_keyframe
        "Key frame detector of the offered video codec (set by :meth:`start`)."
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Join, answer the subscribe offer (aiortc's SDP with this leg's ICE and DTLS
        credentials) and connect."""
        self.leg = new_leg(DtlsCertificate())
        await self.worker.join(self.room_id, self.participant_id)
        offer = await self.worker.subscribe_offer(self.room_id, self.participant_id)
        assert offer is not None, "nothing to subscribe to"
        video = offer[offer.index("m=video"):]
        fid = re.search(r"a=ssrc-group:FID (\d+) (\d+)", video)
        assert fid, "the SFU offers video with its RTX SSRC"
        self.video_ssrc, self.rtx_ssrc = int(fid.group(1)), int(fid.group(2))
        codec = re.search(r"a=rtpmap:\d+ ([\w-]+)/90000", video)
        assert codec, "the SFU offers a video codec"
        self._is_keyframe = h264_is_keyframe if codec.group(1) == "H264" else vp8_is_keyframe
        pc = RTCPeerConnection()
        try:
            await pc.setRemoteDescription(RTCSessionDescription(offer, "offer"))
            answer = rewrite_transport_lines((await pc.createAnswer()).sdp, self.leg)
        finally:
            await pc.close()
        await self.worker.subscribe_answer(self.room_id, self.participant_id, answer)
        await connect_leg(self.leg, self.worker.address, offer, offerer=False)
        asyncio.get_running_loop().add_reader(self.leg.sock.fileno(), self._on_packet)
        self._task = asyncio.get_running_loop().create_task(self._ask_keyframes())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self.leg is not None:
            asyncio.get_running_loop().remove_reader(self.leg.sock.fileno())
            self.leg.sock.close()

    def _send_rtcp(self, packet: object) -> None:
        leg = self.leg
        assert leg is not None
        leg.sock.sendto(leg.srtp.tx.protect_rtcp(bytes(packet)), self.worker.address)

    async def _ask_keyframes(self) -> None:
        while not self.keyframe.is_set():
            self._send_rtcp(PictureLossIndication(self.rtcp_ssrc, self.video_ssrc))
            await asyncio.sleep(self.pli_interval)

    def _on_packet(self) -> None:
        leg = self.leg
        assert leg is not None
        while True:
            try:
                data = leg.sock.recv(2048)
            except OSError:
                return
            if not _is_rtp(data):
                continue  # sender reports, STUN, DTLS
            plain = leg.srtp.rx.unprotect(data)
            hdr = read_header(plain)
            if hdr[SSRC] == self.rtx_ssrc:
                self.resent.append(plain)
                continue
            if hdr[SSRC] != self.video_ssrc:
                continue
            self.received.append(plain)
            if self._is_keyframe(plain[hdr[PAYLOAD_START]:hdr[PAYLOAD_END]]):
                self.keyframe.set()
            if self.loss and self._random.random() < self.loss:
                seq = struct.unpack_from("!H", plain, 2)[0]
                self.dropped[seq] = plain
                self._send_rtcp(GenericNack(self.rtcp_ssrc, self.video_ssrc, [seq]))
