"""aiortc clients for SFU integration tests (loopback only)."""

import asyncio
import fractions
import random

import aioice.ice
from aiortc import (
    AudioStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
    VideoStreamTrack,
)
from av import VideoFrame


def loopback_only(monkeypatch) -> None:
    """Make aioice gather a single 127.0.0.1 host candidate."""
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])


class SmallVideoTrack(VideoStreamTrack):
    """160x120 frames at 30 fps: cheap to encode and decode on a shared CI box."""

    async def recv(self) -> VideoFrame:
        pts, time_base = await self.next_timestamp()
        frame = VideoFrame(width=160, height=120)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.pts = pts
        frame.time_base = time_base or fractions.Fraction(1, 90000)
        return frame


def new_peer_connection() -> RTCPeerConnection:
    """No STUN/TURN servers: only host candidates, never an external address."""
    return RTCPeerConnection(RTCConfiguration(iceServers=[]))


class Publisher:
    """Publishes one video and one audio track through ``worker.publish``."""

    def __init__(self, worker, room_id: str, participant_id: str) -> None:
        self.worker = worker
        self.room_id = room_id
        self.participant_id = participant_id
        self.pc = new_peer_connection()

    async def start(self) -> None:
        await self.worker.join(self.room_id, self.participant_id)
        self.pc.addTransceiver(SmallVideoTrack(), direction="sendonly")
        self.pc.addTransceiver(AudioStreamTrack(), direction="sendonly")
        await self.pc.setLocalDescription(await self.pc.createOffer())
        answer = await self.worker.publish(
            self.room_id, self.participant_id, self.pc.localDescription.sdp
        )
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))

    async def stop(self) -> None:
        await self.pc.close()


class Subscriber:
    """Receives every offered track and counts decoded frames per kind."""

    def __init__(self, worker, room_id: str, participant_id: str) -> None:
        self.worker = worker
        self.room_id = room_id
        self.participant_id = participant_id
        self.pc = new_peer_connection()
        self.frames = {"audio": 0, "video": 0}
        self.tracks: list = []
        self._tasks: list[asyncio.Task] = []
        self._lock = asyncio.Lock()

        @self.pc.on("track")
        def on_track(track) -> None:
            self.tracks.append(track)
            self._tasks.append(asyncio.ensure_future(self._consume(track)))

    async def _consume(self, track) -> None:
        try:
            while True:
                await track.recv()
                self.frames[track.kind] += 1
        except Exception:
            return

    async def join(self) -> None:
        await self.worker.join(self.room_id, self.participant_id)

    async def negotiate(self) -> bool:
        """One subscribe offer/answer round; False when the SFU had nothing to offer."""
        async with self._lock:
            offer = await self.worker.subscribe_offer(self.room_id, self.participant_id)
            if offer is None:
                return False
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            await self.worker.subscribe_answer(
                self.room_id, self.participant_id, self.pc.localDescription.sdp
            )
            return True

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self.pc.close()


class LossyLink:
    """Drop a seeded random fraction of the packets handed to ``deliver``.

    Wraps one callable of a transport (``receive_srtp`` for the publisher -> SFU leg;
    :func:`lossy_rtp_receiver` for the SFU -> subscriber leg), so only RTP is lost: STUN,
    DTLS and RTCP take other paths.
    """

    def __init__(self, deliver, loss: float, seed: int) -> None:
        self._deliver = deliver
        self._loss = loss
        self._random = random.Random(seed)
        self.passed = 0
        self.dropped = 0
        self.enabled = True

    def __call__(self, *args) -> None:
        if self.enabled and self._random.random() < self._loss:
            self.dropped += 1
            return
        self.passed += 1
        self._deliver(*args)


def lossy_srtp_ingress(worker, transport, loss: float, seed: int) -> LossyLink:
    """Drop a seeded random fraction of the SRTP datagrams ``transport`` receives on the
    worker socket, before either path (the Python one or the native core's) sees them:
    loss on the publisher -> SFU leg. STUN, DTLS and SRTCP pass. The socket's reader is
    replaced by one that reads each datagram and hands it to ``worker.datagram_received``."""
    sock = worker._sock
    handler = worker.datagram_received
    link = LossyLink(handler, loss, seed)

    def read() -> None:
        while True:
            try:
                data, addr = sock.recvfrom(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                continue  # an ICMP error queued on the socket
            srtp = len(data) > 1 and 127 < data[0] < 192 and not 191 < data[1] < 224
            if srtp and worker._by_addr.get(addr[:2]) is transport:
                link(data, addr)
            else:
                handler(data, addr)

    loop = asyncio.get_running_loop()
    loop.remove_reader(sock.fileno())
    loop.add_reader(sock.fileno(), read)
    return link


def lossy_rtp_receiver(subscriber: "Subscriber", loss: float, seed: int) -> LossyLink:
    """Drop a seeded random fraction of the RTP the aiortc subscriber decrypted, before its
    jitter buffers: loss on the SFU -> subscriber leg whichever path (Python or the native
    core's batched sends) put the packets on the wire."""
    passed: list[bytes] = []
    link = LossyLink(passed.append, loss, seed)
    dtls = subscriber.pc.getTransceivers()[0].receiver.transport
    deliver = dtls._handle_rtp_data

    async def handle(data: bytes, arrival_time_ms: int) -> None:
        passed.clear()
        link(data)
        if passed:
            await deliver(data, arrival_time_ms=arrival_time_ms)

    dtls._handle_rtp_data = handle
    return link

