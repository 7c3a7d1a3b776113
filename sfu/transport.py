"""WebRtcTransport: ICE-lite + DTLS + SRTP for one participant leg over the worker socket.

A participant has a publish transport (browser offers, SFU receives media) and a
subscribe transport (SFU offers and sends media). Both share the worker's UDP socket;
the worker hands each demultiplexed datagram (RFC 7983) to the right transport. Events
go up through :class:`TransportListener`; nothing here awaits.
"""

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import pylibsrtp

from sfu.control import WorkerStats
from sfu.dtls import DtlsCertificate, DtlsSession, fingerprint_matches, well_framed
from sfu.errors import ParseError
from sfu.ice_lite import Address, IceLiteAgent, new_ice_credentials
from sfu.rtcp.compound import RtcpPacket, parse_compound
from sfu.rtp.header import read_header
from sfu.srtp import NativeSession, SrtpContext, SrtpDirect, direct_access
from turn import stun

if TYPE_CHECKING:
    from sfu.bwe.sender import TransportCcSender
    from sfu.native_forward import NativeEgress, NativeForwarding
    from sfu.remb_estimator import RembRate
    from sfu.twcc_builder import TwccFeedbackReport

MAX_ADDRESSES = 8
MAX_RX_SSRCS = 64
"""SSRCs a transport's inbound SRTP session takes, as the native core's sessions (a
publisher sends at most 4 tracks x 3 simulcast layers x (media + RTX) = 24, plus its
RTCP): an authenticated peer sending a new SSRC per packet grew libsrtp's stream list
without bound, and slowed every packet's lookup in it."""


class TransportListener(Protocol):
    """Receiver of a transport's events (the router)."""

    def transport_connected(self, transport: "WebRtcTransport") -> None: ...

    def transport_closed(self, transport: "WebRtcTransport", reason: str) -> None: ...

    def rtp_received(self, transport: "WebRtcTransport", plain: bytes) -> None: ...

    def rtcp_received(self, transport: "WebRtcTransport", packets: list[RtcpPacket]) -> None: ...


class TransportFactory(Protocol):
    """What a router needs from its worker to create and forget transports; the router
    passes itself as each transport's listener."""

    def create_transport(
        self, router: TransportListener, direction: str, participant_id: str
    ) -> "WebRtcTransport": ...

    def release_transport(self, transport: "WebRtcTransport") -> None: ...

    @property
    def announced(self) -> tuple[str, int]: ...


class RtpEgress:
    """Protect-and-send of RTP on one connected transport: the forwarding loop's sink.

    The caller writes a plaintext RTP packet of ``size`` bytes (at most ``limit``) into
    ``view[:size]`` (libsrtp's own work buffer, so protecting copies nothing) and calls
    :meth:`send`. ``address`` follows the ICE-selected address; ``sendto`` is the worker
    socket's ``sendto``. Failures are counted drops in the worker stats.
    """

    __slots__ = ("view", "limit", "address", "sendto", "_srtp", "_cdata", "_length",
                 "_protect", "_stats")

    def __init__(self, direct: SrtpDirect, sendto: Callable[[object, Address], object],
                 address: Address, stats: WorkerStats) -> None:
        self.view = direct.view
        self.limit = direct.protect_limit
        self.address = address
        self.sendto = sendto
        self._srtp = direct.srtp
        self._cdata = direct.cdata
        self._length = direct.length
        self._protect = direct.protect
        self._stats = stats

    def send(self, size: int) -> None:
        """Protect ``view[:size]`` in place (RFC 3711 section 3.3) and send it."""
        length = self._length
        length[0] = size
        if self._protect(self._srtp, self._cdata, length):
            self._stats.drop("srtp_protect")
            return
        size = length[0]
        try:
            self.sendto(self.view[:size], self.address)
        except (BlockingIOError, InterruptedError):
            self._stats.drop("send_buffer_full")
            return
        except OSError:
            self._stats.drop("send_error")
            return
        stats = self._stats
        stats.forwarded_packets += 1
        stats.forwarded_bytes += size


class WebRtcTransport:
    """One ICE-lite/DTLS-SRTP transport.

    :param direction: "publish" or "subscribe".
    :param send: ``send(datagram, address) -> bool`` (False when dropped).
    :param stats: worker counters.
    :param sendto: the worker socket's raw ``sendto`` for the RTP fast path
        (:attr:`egress`); None keeps every send on ``send``.
    :param native: the worker's native forwarding core: RTP in and out then goes through
        its SRTP sessions (:mod:`sfu.native_forward`); None: pylibsrtp.
    """

    def __init__(
        self,
        *,
        direction: str,
        room_id: str,
        participant_id: str,
        certificate: DtlsCertificate,
        clock: Callable[[], float],
        send: Callable[[bytes, Address], bool],
        stats: WorkerStats,
        listener: TransportListener,
        consent_timeout: float,
        dtls_timeout: float,
        sendto: Callable[[object, Address], object] | None = None,
        native: "NativeForwarding | None" = None,
    ) -> None:
        self.id = secrets.token_hex(6)
        self.native = native
        self.read_header = native.read_header if native is not None else read_header
        """:func:`sfu.rtp.header.read_header` for this transport's RTP: the native core's
        (the same tuple and errors) with ``native``."""
        self.direction = direction
        self.room_id = room_id
        self.participant_id = participant_id
        self.certificate = certificate
        self._clock = clock
        self._send = send
        self._sendto = sendto
        self.stats = stats
        self.listener = listener
        ufrag, pwd = new_ice_credentials()
        self.ice = IceLiteAgent(ufrag, pwd, clock, consent_timeout)
        self._created = clock()
        self._dtls_timeout = dtls_timeout
        self.was_connected = False
        "Whether DTLS-SRTP was ever set up (it carried or could carry media)."
        self.remote_fingerprints: list[tuple[str, str]] | None = None
        self.remote_setup: str | None = None
        "aiortc role of the remote side: auto/client/server; None before its SDP."
        self.dtls: DtlsSession | None = None
        self._srtp: SrtpContext | None = None
        self.srtp_rx: pylibsrtp.Session | None = None
        self.srtp_tx: pylibsrtp.Session | None = None
        self.ingress: SrtpDirect | None = None
        "In-place SRTP unprotect of the connected transport (None: use ``srtp_rx``)."
        self.egress: RtpEgress | NativeEgress | None = None
        "RTP protect-and-send of the connected transport (None: use :meth:`send_rtp`)."
        self.native_rx: NativeSession | None = None
        "Native RTP unprotect of the connected transport (with ``native``)."
        self._rx_ssrcs: set[int] = set()
        """SSRCs ``srtp_rx`` made a stream for (libsrtp keeps one per SSRC it authenticated,
        for ever): at most :data:`MAX_RX_SSRCS`, packets of more are refused."""
        self.rtcp_ssrc = secrets.randbits(32) or 1
        self.addresses: list[Address] = []
        self.state = "new"
        # The router's indexes: the producers and consumers sit above the transport (they
        # send through it), so it holds them without knowing their types.
        self.producers_by_ssrc: dict[int, Any] = {}
        "Inbound SSRC (and RTX SSRC) -> :class:`sfu.producer.Producer` on this transport."
        self.consumers_by_ssrc: dict[int, Any] = {}
        "Outbound SSRC -> :class:`sfu.consumer.Consumer` on this transport."
        self.bwe: RembRate | None = None
        "REMB estimator of a publish transport without transport-cc."
        self.twcc: TwccFeedbackReport | None = None
        "transport-cc arrival recorder of a publish transport that negotiated it."
        self.twcc_id = 0
        "Publisher's transport-wide sequence number extension id (0: not negotiated)."
        self.send_cc: TransportCcSender | None = None
        """Transport-wide numbering and send-side estimate of a subscribe transport whose
        subscriber negotiated transport-cc (:mod:`sfu.bwe.sender`)."""

    # -- negotiation -----------------------------------------------------------------
    def set_remote(self, ufrag: str, fingerprints: list[tuple[str, str]], setup: str) -> None:
        """Remote ICE ufrag, DTLS fingerprints and role from its SDP."""
        self.ice.remote_ufrag = ufrag
        self.remote_fingerprints = fingerprints
        self.remote_setup = setup
        self._maybe_start_client()
        self._check_connected()

    # -- datagrams -------------------------------------------------------------------
    def handle_stun(self, raw: bytes, msg: stun.Message, addr: Address) -> bytes | None:
        """Answer a Binding request; remembers ``addr`` when the request is valid."""
        before = self.ice.valid_requests
        response = self.ice.handle_request(raw, msg, addr)
        egress = self.egress
        if egress is not None and self.ice.selected is not None:
            egress.address = self.ice.selected
        if self.ice.valid_requests != before or self.ice.selected == addr:
            if addr not in self.addresses:
                self.addresses.append(addr)
                if len(self.addresses) > MAX_ADDRESSES:
                    self.addresses.pop(0)
            self._maybe_start_client()
        return response

    def handle_dtls(self, data: bytes, addr: Address) -> None:
        """Feed a datagram of DTLS records from a validated address; one that is not whole
        records (:func:`sfu.dtls.well_framed`) is the counted drop ``dtls_malformed`` (OpenSSL
        would discard it without a word, RFC 6347 section 4.1.2.7)."""
        if self.state == "closed":
            return
        if not well_framed(data):
            self.stats.drop("dtls_malformed")
            return
        if self.dtls is None:
            if self.remote_setup == "server":
                self.stats.drop("dtls_unexpected")
                return
            if data[0] != 22:  # only a handshake record can start the server side
                self.stats.drop("dtls_unexpected")
                return
            self.dtls = DtlsSession(self.certificate, True, self._clock, self._native_srtp)
        before = self.dtls.state
        for out in self.dtls.receive(data):
            self._send(out, addr)
        self._after_dtls(before)

    def receive_srtp(self, data: bytes) -> None:
        """Hot path: decrypt an SRTP packet and hand it to the listener."""
        native = self.native_rx
        if native is not None:
            plain = native.unprotect(data)
            if plain is None:
                self.stats.drop("srtp_unprotect")
                return
            self.listener.rtp_received(self, plain)
            return
        ssrc = int.from_bytes(data[8:12], "big")
        if ssrc not in self._rx_ssrcs and len(self._rx_ssrcs) >= MAX_RX_SSRCS:
            self.stats.drop("srtp_unprotect")
            return
        direct = self.ingress
        if direct is not None:
            size = len(data)
            if size > direct.unprotect_limit:
                self.stats.drop("srtp_unprotect")
                return
            length = direct.length
            direct.view[:size] = data
            length[0] = size
            if direct.unprotect(direct.srtp, direct.cdata, length):
                self.stats.drop("srtp_unprotect")
                return
            self._rx_ssrcs.add(ssrc)
            self.listener.rtp_received(self, direct.buffer[0 : length[0]])
            return
        rx = self.srtp_rx
        if rx is None:
            self.stats.drop("not_connected")
            return
        try:
            plain = rx.unprotect(data)
        except (pylibsrtp.Error, ValueError):
            self.stats.drop("srtp_unprotect")
            return
        self._rx_ssrcs.add(ssrc)
        self.listener.rtp_received(self, plain)

    def receive_srtcp(self, data: bytes) -> None:
        """Decrypt and parse a compound SRTCP packet; malformed parts are counted drops."""
        rx = self.srtp_rx
        if rx is None:
            self.stats.drop("not_connected")
            return
        ssrc = int.from_bytes(data[4:8], "big")  # the sender's
        if ssrc not in self._rx_ssrcs and len(self._rx_ssrcs) >= MAX_RX_SSRCS:
            self.stats.drop("srtcp")
            return
        try:
            plain = rx.unprotect_rtcp(data)
        except (pylibsrtp.Error, ValueError):
            self.stats.drop("srtcp")
            return
        self._rx_ssrcs.add(ssrc)
        try:
            packets, dropped = parse_compound(plain)
        except ParseError:
            self.stats.drop("rtcp_malformed")
            return
        if dropped:
            self.stats.drop("rtcp_unknown", dropped)
        if packets:
            self.listener.rtcp_received(self, packets)

    def send_rtp(self, buf: bytearray) -> None:
        """Protect a plaintext RTP packet and send it to the selected address."""
        egress = self.egress
        if egress is not None:
            size = len(buf)
            if size > egress.limit:
                self.stats.drop("srtp_protect")
                return
            egress.view[:size] = buf
            egress.send(size)
            return
        tx = self.srtp_tx
        addr = self.ice.selected
        if tx is None or addr is None:
            self.stats.drop("not_connected")
            return
        try:
            packet = tx.protect(bytes(buf))
        except (pylibsrtp.Error, ValueError):
            self.stats.drop("srtp_protect")
            return
        if self._send(packet, addr):
            stats = self.stats
            stats.forwarded_packets += 1
            stats.forwarded_bytes += len(packet)

    def send_rtcp(self, packet: bytes) -> None:
        """Protect and send a compound RTCP packet."""
        tx = self.srtp_tx
        addr = self.ice.selected
        if tx is None or addr is None:
            return
        try:
            self._send(tx.protect_rtcp(packet), addr)
        except (pylibsrtp.Error, ValueError):
            self.stats.drop("srtcp_protect")

    # -- timers and lifecycle --------------------------------------------------------
    def tick(self) -> None:
        """Periodic: DTLS retransmissions, handshake deadline, consent freshness."""
        if self.state == "closed":
            return
        if self.dtls is not None and self.dtls.state == "connecting":
            addr = self.ice.selected
            for out in self.dtls.handle_timeout():
                if addr is not None:
                    self._send(out, addr)
        if self.state != "connected" and self._clock() - self._created > self._dtls_timeout:
            self.close("dtls-timeout")
        elif self.ice.consent_expired():
            self.close("consent-timeout")

    def close(self, reason: str) -> None:
        """Send close_notify (not after consent expired: RFC 7675 section 5.1 allows
        nothing more to that address), wipe SRTP keys and tell the listener (once)."""
        if self.state == "closed":
            return
        self.state = "closed"
        if self.dtls is not None:
            addr = self.ice.selected if reason != "consent-timeout" else None
            for out in self.dtls.close():
                if addr is not None:
                    self._send(out, addr)
        if self._srtp is not None:
            self._srtp.wipe()
        self._srtp = None
        self.srtp_rx = None
        self.srtp_tx = None
        self.ingress = None
        self.egress = None
        self.native_rx = None
        self.listener.transport_closed(self, reason)

    @property
    def connected(self) -> bool:
        """DTLS done, fingerprint verified, SRTP keys installed."""
        return self.state == "connected"

    @property
    def _native_srtp(self) -> "Callable[[int, bytes, bool], NativeSession] | None":
        return self.native.srtp_session if self.native is not None else None

    def _maybe_start_client(self) -> None:
        if (
            self.dtls is None
            and self.remote_setup == "server"
            and self.ice.selected is not None
            and self.state != "closed"
        ):
            self.dtls = DtlsSession(self.certificate, False, self._clock, self._native_srtp)
            for out in self.dtls.start():
                self._send(out, self.ice.selected)

    def _after_dtls(self, before: str) -> None:
        dtls = self.dtls
        if dtls is None:
            return
        if dtls.state == "failed":
            self.close("dtls-failed")
        elif dtls.state == "closed" and before != "closed":
            self.close("dtls-closed")
        else:
            self._check_connected()

    def _check_connected(self) -> None:
        dtls = self.dtls
        if (
            self.state != "new"
            or dtls is None
            or dtls.state != "connected"
            or self.remote_fingerprints is None
        ):
            return
        if dtls.peer_fingerprint is None or not fingerprint_matches(
            dtls.peer_fingerprint, self.remote_fingerprints
        ):
            self.close("dtls-failed")
            return
        self._srtp = dtls.srtp
        if self._srtp is None:
            self.close("dtls-failed")
            return
        self.srtp_rx = self._srtp.rx
        self._rx_ssrcs.clear()  # a new session has no streams yet
        self.srtp_tx = self._srtp.tx
        self.ingress = direct_access(self.srtp_rx)
        direct = direct_access(self.srtp_tx)
        addr = self.ice.selected
        native_tx = self._srtp.native_tx
        if self.native is not None and native_tx is not None and addr is not None:
            self.native_rx = self._srtp.native_rx
            self.egress = self.native.egress(native_tx, addr)
        elif direct is not None and self._sendto is not None and addr is not None:
            self.egress = RtpEgress(direct, self._sendto, addr, self.stats)
        self.state = "connected"
        self.was_connected = True
        self.listener.transport_connected(self)
