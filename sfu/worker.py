"""SfuWorker: one UDP socket, its transports and rooms, and the control API.

``demultiplex`` demultiplexes by the first byte (RFC 7983): 0-3 STUN (ICE-lite,
looked up by ufrag), 20-63 DTLS and 128-191 SRTP/SRTCP (looked up by remote address;
RTCP when the second byte is 192-223, RFC 5761 section 4). Everything on that path is
synchronous; sends go straight to the non-blocking socket and a full socket buffer is a
counted drop, never a queue. One periodic task drives timers and RTCP reports. With the
native core, the socket's datagrams go to its ``Forwarder.receive`` first, which handles a
publisher's RTP in its steady state whole and hands everything else to ``demultiplex``, or
to ``deliver_rtp`` once decrypted (:mod:`sfu.native_forward`).
"""

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Callable

from operability.socket_buffers import ReceiveDrops, size_buffers
from recording.uploader import MultipartUploader
from sfu import control
from sfu.control import SfuConfig, SfuListener, WorkerStats
from sfu.dtls import DtlsCertificate
from sfu.errors import SfuError, UnknownParticipantError
from sfu.ice_lite import Address, error_response, has_integrity, ufrag_of
from sfu.metrics import StatsExporter
from sfu.native_forward import NativeForwarding, make_native_forwarding
from sfu.recorder import RoomRecorder
from sfu.router import Router
from sfu.simulcast.layers import bitrates_by_layer
from sfu.transport import WebRtcTransport
from turn import stun
from turn.errors import ParseError as StunParseError

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.05
MAX_ROOMS = 10_000


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, worker: "SfuWorker") -> None:
        self.datagram_received = worker.datagram_received  # type: ignore[method-assign]

    def error_received(self, exc: Exception) -> None:  # ICMP errors on UDP: ignore
        pass


class SfuWorker:
    """A media worker. Control methods are coroutines for the signaling layer.

    :param config: worker settings.
    :param listener: receives renegotiation and transport-closed events (settable later
        through :attr:`listener`).
    :param clock: monotonic clock in seconds (tests may inject one).
    """

    def __init__(
        self,
        config: SfuConfig,
        listener: SfuListener | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._listener = listener
        self.clock = clock
        self.stats = WorkerStats()
        self.certificate = DtlsCertificate()
        self.rooms: dict[str, Router] = {}
        self._by_ufrag: dict[str, WebRtcTransport] = {}
        self._by_addr: dict[Address, WebRtcTransport] = {}
        self._transports: set[WebRtcTransport] = set()
        self._sock: socket.socket | None = None
        self._endpoint: asyncio.DatagramTransport | None = None
        self._reading: int | None = None
        "The socket descriptor the native core drains (Python path: the endpoint reads)."
        self._internal_errors = 0
        "Datagram bugs seen, for logging one in 1000."
        self._task: asyncio.Task | None = None
        self._exporter = StatsExporter()
        self._receive_drops = ReceiveDrops()
        self._address: Address | None = None
        self.rtp_tap: Callable[..., None] | None = None
        "Test-only: given to each new room's router as its tap (:mod:`sfu.rtp_tap`)."
        self.native: NativeForwarding | None = None
        "The native forwarding core on the socket once started, or None (Python path)."
        self.datagram_received: Callable[[bytes, Address], None] = self.demultiplex
        """Where the socket's datagrams go: :meth:`demultiplex`, or the native core's
        ``Forwarder.receive`` once started with one."""

    # -- lifecycle -------------------------------------------------------------------
    async def start(self) -> None:
        """Bind the UDP socket and start the timer task.

        :raises SfuError: no usable announced address (listening on a wildcard address
            without ``announced_ip``).
        """
        if (self.config.announced_ip or self.config.listen_ip) in ("0.0.0.0", "::"):
            raise SfuError("announced_ip is required when listening on a wildcard address")
        family = socket.AF_INET6 if ":" in self.config.listen_ip else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        size_buffers(sock, "SFU media socket", receive=4 << 20, send=4 << 20)
        sock.bind((self.config.listen_ip, self.config.port))
        sock.setblocking(False)
        self._sock = sock
        self._address = sock.getsockname()[:2]
        self.native = make_native_forwarding(
            "off" if self.config.native == "off" else "auto", sock.fileno(), self.stats)
        loop = asyncio.get_running_loop()
        if self.native is not None:
            self.datagram_received = self.native.ingress(
                self._by_addr, self.demultiplex, self.deliver_rtp, self.clock,
                self._log_internal_error)  # the core counts its internal_error drops
            # the core reads the socket itself, in batches (recvmmsg), and sends what a
            # batch forwarded at its end, a subscriber's packets in one UDP GSO message
            loop.add_reader(sock.fileno(), self.native.drain)
            self._reading = sock.fileno()
        else:
            self._endpoint, _ = await loop.create_datagram_endpoint(
                lambda: _Protocol(self), sock=sock
            )
        self._task = asyncio.create_task(self._run_timers())
        logger.info("sfu worker listening on port %d", self._address[1])

    async def close(self) -> None:
        """Close every room and transport, then the socket."""
        for router in list(self.rooms.values()):
            router.close()
        self.rooms.clear()
        for t in list(self._transports):
            t.close("worker-closed")
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._endpoint is not None:
            self._endpoint.close()
            self._endpoint = None
        if self._reading is not None:
            asyncio.get_running_loop().remove_reader(self._reading)
            self._reading = None
        if self._sock is not None and self.native is not None:
            self._sock.close()  # the endpoint closed it on the Python path
        self._sock = None

    @property
    def address(self) -> Address:
        """Bound ``(ip, port)``. :raises RuntimeError: before :meth:`start`."""
        if self._address is None:
            raise RuntimeError("worker not started")
        return self._address

    @property
    def announced(self) -> Address:
        """``(ip, port)`` put in host candidates."""
        ip = self.config.announced_ip or self.address[0]
        return ip, self.address[1]

    @property
    def listener(self) -> SfuListener | None:
        """Signaling-side event listener."""
        return self._listener

    @listener.setter
    def listener(self, listener: SfuListener | None) -> None:
        self._listener = listener
        for router in self.rooms.values():
            router.listener = listener

    @property
    def forwarded_packets(self) -> int:
        """RTP packets sent to subscribers since start."""
        return self.stats.forwarded_packets

    @property
    def transport_count(self) -> int:
        """Open transports."""
        return len(self._transports)

    # -- control API -----------------------------------------------------------------
    async def join(self, room_id: str, participant_id: str, last_n: int = 0) -> None:
        """Add ``participant_id`` to ``room_id`` (created on first join), and set the room's
        last-N (:mod:`sfu.last_n`; 0: no limit) if it changed.

        :raises RoomFullError: the room has ``max_participants`` participants.
        """
        router = self._open_room(room_id)
        router.join(participant_id)
        if router.speakers.last_n != last_n:
            router.speakers.set_last_n(last_n)

    async def publish(self, room_id: str, participant_id: str, offer_sdp: str) -> str:
        """Answer a browser's publish offer. :raises NegotiationError: bad offer."""
        return self._room(room_id).publish(participant_id, offer_sdp)

    async def subscribe_offer(self, room_id: str, participant_id: str) -> str | None:
        """Offer the tracks of every other participant; None when there are none."""
        return self._room(room_id).subscribe_offer(participant_id)

    async def subscribe_answer(self, room_id: str, participant_id: str, answer_sdp: str) -> None:
        """Apply the browser's answer to the last subscribe offer."""
        self._room(room_id).subscribe_answer(participant_id, answer_sdp)

    async def leave(self, room_id: str, participant_id: str) -> None:
        """Remove a participant (no error if absent); empty rooms are dropped."""
        router = self.rooms.get(room_id)
        if router is None:
            return
        router.leave(participant_id)
        if not router.participants:
            del self.rooms[room_id]

    async def pin(self, room_id: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        """``participant_id`` always receives the camera of ``pinned`` (:mod:`sfu.last_n`).

        :raises UnknownParticipantError: the room or the participant is not here.
        """
        router = self._room(room_id)
        router.participant(participant_id)
        router.speakers.pin(participant_id, tuple(pinned))

    async def set_viewport(self, room_id: str, participant_id: str,
                           streams: tuple[control.StreamViewport, ...]) -> None:
        """``participant_id`` shows these received streams' tiles (:mod:`sfu.viewport`).

        :raises UnknownParticipantError: the room or the participant is not here.
        """
        self._room(room_id).set_viewport(participant_id, tuple(streams))

    async def start_recording(self, room_id: str, uploader: MultipartUploader,
                        names: Callable[[str], str], gather_s: float = 3.0,
                        encrypt_to: str | None = None) -> RoomRecorder:
        """Record ``room_id``'s producers into ``uploader`` (issue 14; :mod:`sfu.recorder`);
        the caller stops it with :meth:`RoomRecorder.stop`. ``names`` gives a participant's
        track name; ``encrypt_to`` an age recipient to encrypt the file to; the room is
        created if nobody joined it yet.
        :raises SfuError: the room is already recorded, or too many rooms."""
        router = self._open_room(room_id)
        if isinstance(router.recorder, RoomRecorder) and not router.recorder.stopped:
            raise SfuError("the room is already being recorded")
        recorder = RoomRecorder(uploader, self.clock, names, gather_s, encrypt_to=encrypt_to)
        router.recorder = recorder
        recorder.start([pr for p in router.participants.values() for pr in p.producers.values()])
        return recorder

    async def handle(self, request: object) -> object:
        """Generic entry point taking the request dataclasses of :mod:`sfu.control`."""
        if isinstance(request, control.JoinRequest):
            await self.join(request.room_id, request.participant_id, request.last_n)
            return control.Ack()
        if isinstance(request, control.PublishRequest):
            answer = await self.publish(request.room_id, request.participant_id,
                                        request.offer_sdp)
            return control.PublishResponse(answer)
        if isinstance(request, control.SubscribeOfferRequest):
            offer = await self.subscribe_offer(request.room_id, request.participant_id)
            return control.SubscribeOfferResponse(offer)
        if isinstance(request, control.SubscribeAnswerRequest):
            await self.subscribe_answer(request.room_id, request.participant_id,
                                        request.answer_sdp)
            return control.Ack()
        if isinstance(request, control.LeaveRequest):
            await self.leave(request.room_id, request.participant_id)
            return control.Ack()
        if isinstance(request, control.PinRequest):
            await self.pin(request.room_id, request.participant_id, request.pinned)
            return control.Ack()
        if isinstance(request, control.ViewportRequest):
            await self.set_viewport(request.room_id, request.participant_id, request.streams)
            return control.Ack()
        raise TypeError("unknown SFU control request")

    def _open_room(self, room_id: str) -> Router:
        """The router of ``room_id``, created if needed. :raises SfuError: too many rooms."""
        router = self.rooms.get(room_id)
        if router is None:
            if len(self.rooms) >= MAX_ROOMS:
                raise SfuError("too many rooms on this worker")
            router = Router(room_id, self.config, self, self._listener, self.stats, self.clock)
            router.tap = self.rtp_tap
            self.rooms[room_id] = router
        return router

    def _room(self, room_id: str) -> Router:
        try:
            return self.rooms[room_id]
        except KeyError:
            raise UnknownParticipantError("room does not exist on this worker") from None

    # -- TransportFactory ------------------------------------------------------------
    def create_transport(
        self, router: Router, direction: str, participant_id: str
    ) -> WebRtcTransport:
        """Create a transport on the worker socket, registered by its ufrag."""
        t = WebRtcTransport(
            direction=direction,
            room_id=router.room_id,
            participant_id=participant_id,
            certificate=self.certificate,
            clock=self.clock,
            send=self._send,
            stats=self.stats,
            listener=router,
            consent_timeout=self.config.consent_timeout,
            dtls_timeout=self.config.dtls_timeout,
            sendto=self._sock.sendto if self._sock is not None else None,
            native=self.native,
        )
        self._by_ufrag[t.ice.ufrag] = t
        self._transports.add(t)
        return t

    def release_transport(self, transport: WebRtcTransport) -> None:
        """Forget a closed transport's ufrag and addresses."""
        self._by_ufrag.pop(transport.ice.ufrag, None)
        for addr in transport.addresses:
            if self._by_addr.get(addr) is transport:
                del self._by_addr[addr]
        self._transports.discard(transport)

    # -- datagram path ---------------------------------------------------------------
    def demultiplex(self, data: bytes, addr: Address) -> None:
        """Demultiplex one datagram (RFC 7983) and handle it synchronously."""
        if not data:
            self.stats.drop("empty")
            return
        addr = addr[:2]
        b0 = data[0]
        try:
            if 127 < b0 < 192:
                t = self._by_addr.get(addr)
                if t is None:
                    self.stats.drop("unknown_address")
                    return
                self.stats.received_packets += 1
                if len(data) > 1 and 191 < data[1] < 224:
                    t.receive_srtcp(data)
                else:
                    t.receive_srtp(data)
            elif b0 < 4:
                self._handle_stun(data, addr)
            elif 19 < b0 < 64:
                t = self._by_addr.get(addr)
                if t is None:
                    self.stats.drop("unknown_address")
                else:
                    t.handle_dtls(data, addr)
            else:
                self.stats.drop("unknown_protocol")
        except Exception as exc:  # a bug on one datagram must not stop the worker
            self._internal_error(exc)

    def deliver_rtp(self, transport: WebRtcTransport, plain: bytes) -> None:
        """Route RTP the native core decrypted for ``transport`` but left to Python (as
        :meth:`sfu.transport.WebRtcTransport.receive_srtp` does after its unprotect)."""
        try:
            transport.listener.rtp_received(transport, plain)
        except Exception as exc:  # as in demultiplex
            self._internal_error(exc)

    def _internal_error(self, exc: BaseException) -> None:
        """A bug on one datagram: counted, logged once in 1000, and the worker goes on."""
        self.stats.drop("internal_error")
        self._log_internal_error(exc)

    def _log_internal_error(self, exc: BaseException) -> None:
        """Log one in 1000 of the datagram bugs (the native core counts its own)."""
        self._internal_errors += 1
        if self._internal_errors % 1000 == 1:
            logger.error("error handling a datagram", exc_info=exc)

    def _handle_stun(self, data: bytes, addr: Address) -> None:
        try:
            msg = stun.Message.parse(data)
        except StunParseError:
            self.stats.drop("stun_parse")
            return
        if not stun.verify_fingerprint(data):  # mandatory in ICE (RFC 8445 section 7.3)
            self.stats.drop("stun_fingerprint")  # silently (RFC 8489 section 6.3)
            return
        if msg.method != stun.Method.BINDING or msg.message_class != stun.MessageClass.REQUEST:
            self.stats.drop("stun_unexpected")
            return
        ufrag = ufrag_of(msg)
        t = self._by_ufrag.get(ufrag) if ufrag is not None else None
        if t is None:  # refused as RFC 8489 section 9.1.3 says, and counted
            self.stats.drop("stun_unknown_ufrag")
            if stun.Attr.USERNAME not in msg or not has_integrity(msg):
                self._send(error_response(msg, stun.ErrorCode.BAD_REQUEST, "Bad Request"), addr)
            else:
                self._send(error_response(
                    msg, stun.ErrorCode.UNAUTHENTICATED, "Unauthenticated"), addr)
            return
        before = list(t.addresses)
        response = t.handle_stun(data, msg, addr)
        for old in before:
            if old not in t.addresses and self._by_addr.get(old) is t:
                del self._by_addr[old]
        if addr in t.addresses:
            self._by_addr[addr] = t
        if response is not None:
            self._send(response, addr)

    def _send(self, data: bytes, addr: Address) -> bool:
        sock = self._sock
        if sock is None:
            return False
        try:
            sock.sendto(data, addr)
        except (BlockingIOError, InterruptedError):
            self.stats.drop("send_buffer_full")
            return False
        except OSError:
            self.stats.drop("send_error")
            return False
        return True

    # -- timers ----------------------------------------------------------------------
    async def _run_timers(self) -> None:
        last_report = self.clock()
        while True:
            await asyncio.sleep(TICK_SECONDS)
            try:
                for t in list(self._transports):
                    t.tick()
                for router in list(self.rooms.values()):
                    self._tick_room(router.poll, router.room_id)
                now = self.clock()
                if now - last_report >= self.config.rtcp_interval:
                    last_report = now
                    for router in list(self.rooms.values()):
                        self._tick_room(router.send_reports, router.room_id)
                    self._count_receive_drops()
                    self._exporter.export(self.stats, len(self._transports), bitrates_by_layer(
                        producer for router in self.rooms.values()
                        for p in router.participants.values()
                        for producer in p.producers.values()), [
                        allocator.sender.estimate for router in self.rooms.values()
                        for allocator in router.allocators.values()
                        if allocator.sender.feedback_received])
            except Exception:
                logger.exception("sfu timer tick failed")

    def _count_receive_drops(self) -> None:
        """Count what the kernel dropped on the media socket before the worker read it
        (receive buffer full) as ``receive_buffer`` drops: no other counter sees them."""
        if self._sock is not None:
            dropped = self._receive_drops.take((self._sock,))
            if dropped:
                self.stats.drop("receive_buffer", dropped)

    @staticmethod
    def _tick_room(work: Callable[[], None], room_id: str) -> None:
        """One room's share of a tick: a bug there is logged and the other rooms' ticks go
        on (keyframe requests, NACKs, feedback and reports of every room depend on them)."""
        try:
            work()
        except Exception:
            logger.exception("sfu tick of room %s failed", room_id)

