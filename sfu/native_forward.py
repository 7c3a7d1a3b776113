"""The SFU forwarding path in the native core (sfu/_forwardcore.c), and the choice of path.

:func:`make_native_forwarding` returns a :class:`NativeForwarding` for the worker socket
when ``native`` is "auto" and the extension imports; otherwise it logs one line and returns
None, and everything stays on the pure-Python path (sfu/consumer.py), which is the
reference: for the same packets in, the same bytes go to the same addresses
(tests/sfu/test_sfu_native_*).

With it, a connected transport's RTP runs through native SRTP sessions (RFC 7714 AES-GCM
over OpenSSL EVP, AES-CM through libsrtp) keyed with the same DTLS-SRTP material as its
pylibsrtp ones (which keep SRTCP), and each producer gets a
:class:`Fanout`: a consumer whose rewrite is the basic one (``basic_rewrite``: payload
type, SSRC, sequence/timestamp offsets, extension ids, abs-send-time) is handed to the core
as a ``Route`` once its Python path has mapped a packet (offsets fixed, no keyframe
awaited). From then on one ``Forwarder.forward`` call per ingress packet rewrites, protects
and sends it for every routed consumer (one sendmmsg). A simulcast consumer routes itself
in its steady state (:meth:`Fanout.route_layer`, :meth:`Fanout.idle`; see
sfu/simulcast/consumer.py); consumers waiting for a keyframe stay on ``Consumer.send``.
The per-ingress-packet parsers (RTP header, extension block scan) of the transports and
producers on this socket run in the core too (:attr:`NativeForwarding.read_header`,
:attr:`NativeForwarding.scan_extensions`). Retransmissions, RTCP and transport-cc feedback
stay in Python; the core counts into the worker's :class:`sfu.control.WorkerStats`.

The worker socket's datagrams go to the core first (:meth:`NativeForwarding.ingress`,
sfu/ingress.c): a publisher's RTP in its steady state (every consumer routed, no gap, no
loss being repaired) is handled there whole, one call per datagram: unprotect, receive
statistics and retransmission cache (the core's twins of
:class:`sfu.receive_stats.ReceiveStats` and
:class:`sfu.rtp.retransmission_buffer.RetransmissionBuffer`, which the Python path of the
same producer uses too), the transport's transport-cc arrival record and REMB input (the
core's twins of :class:`sfu.twcc_builder.TwccFeedbackBuilder` and
:class:`sfu.remb_estimator.RembEstimator`, whose report sides stay in Python), the audio
level (its Python callback), a VP8 layer's highest temporal layer id (kept for
:meth:`sfu.producer.Producer.take_tid`), and the fan-out. Any other packet goes up to the
Python path unchanged, or decrypted before any state changed, so each is handled once.
A route of a consumer that numbers its packets (transport-cc negotiated on its transport)
writes the transport-wide sequence number in the core, from a counter on the transport's
``Egress`` that the transport's :class:`sfu.bwe.sender.TransportCcSender` shares
(:meth:`~sfu.bwe.sender.TransportCcSender.share_numbering`), and which keeps what it
numbered for the sender's history.
"""

from __future__ import annotations

import importlib
import logging
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol

from sfu.control import WorkerStats
from sfu.errors import ParseError
from sfu.receive_stats import ReceiveReport
from sfu.remb_estimator import RembRate
from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START
from sfu.rtp.seq_ts_mapper import SeqTsMapper
from sfu.rtp.vp8_descriptor import read_vp8_descriptor
from sfu.twcc_builder import TwccFeedbackReport

if TYPE_CHECKING:
    from sfu._forwardcore import Egress, Forwarder, InboundStream, Route, SrtpSession

logger = logging.getLogger(__name__)

NativeMode = Literal["auto", "off"]
Address = tuple[str, int]


def load_core() -> tuple[Any, str]:
    """``(module, "")`` when ``sfu._forwardcore`` imports, else ``(None, why)``."""
    try:
        return importlib.import_module("sfu._forwardcore"), ""
    except ImportError as exc:
        return None, str(exc) or type(exc).__name__


class NativeEgress:
    """:class:`sfu.transport.RtpEgress` over a native ``Egress``: same interface (write
    ``size`` bytes of plaintext RTP into ``view[:size]``, at most ``limit``, then
    :meth:`send`), protected by the transport's native session and sent at once."""

    __slots__ = ("core", "view", "limit", "_buffer")

    def __init__(self, core: Egress, limit: int) -> None:
        self.core = core
        self._buffer = bytearray(limit)
        self.view = memoryview(self._buffer)
        self.limit = limit

    @property
    def address(self) -> Address:
        """The ICE-selected ``(ip, port)`` packets go to."""
        return self.core.address

    @address.setter
    def address(self, address: Address) -> None:
        self.core.address = address

    def send(self, size: int) -> None:
        """Protect ``view[:size]`` (RFC 3711 section 3.3) and send it; failures are counted
        drops in the worker stats."""
        self.core.send(self._buffer, size)


class RoutedConsumer(Protocol):
    """What a :class:`Fanout` reads and writes of a consumer (:class:`sfu.consumer.Consumer`)."""

    route: Route | None
    basic_rewrite: bool
    waiting_keyframe: bool
    mapper: SeqTsMapper
    ssrc: int
    payload_type: int
    id_map: bytes
    stamps_abs_send_time: bool
    transport_cc_id: int
    packets: int
    octets: int

    @property
    def transport(self) -> Any: ...

    def send(self, plain: bytes, hdr: tuple, keyframe: bool, now: float | None = None,
             ext_mask: int = 0, abs_pos: int = -1, abs_value: bytes = b"") -> None: ...


class InboundSource(Protocol):
    """What :meth:`NativeForwarding.inbound_stream` reads of a producer
    (:class:`sfu.producer.Producer`)."""

    stats: Any
    buffer: Any
    nack_generator: Any
    consumers: list
    codec: Any
    abs_send_time_id: int
    audio_level_id: int


IDLE = object()
"""The route of a simulcast consumer's tap on a layer it does not forward now
(:meth:`Fanout.idle`): it counts as routed, and the core skips it."""


class LayerTapLike(Protocol):
    """What a :class:`Fanout` reads and writes of a simulcast consumer's tap on one layer
    (:class:`sfu.simulcast.consumer.LayerTap`)."""

    route: object | None

    def leave_core(self) -> None:
        """Its consumer goes back to the Python path on every layer."""


class Fanout:
    """One producer's fan-out: native routes plus the consumers still on ``Consumer.send``.

    A simulcast consumer in its steady state (sfu/simulcast/consumer.py) is routed on every
    layer: on the one it forwards by a route that renumbers VP8 pictures when the codec is
    VP8 (:meth:`route_layer`), on the others by :data:`IDLE` (:meth:`idle`).

    :param consumers: the producer's list of active consumers (read on every packet).
    :param forward: the worker's ``Forwarder.forward``.
    :param route: ``Route`` constructor of the core.
    :param source: the producer's transport; its ``twcc_id`` (the publisher's
        transport-wide sequence number id, 0 for none) is read on every packet.
    :param vp8: the producer's payloads are VP8.
    """

    __slots__ = ("routes", "layer_taps", "_consumers", "_forward", "_route", "_source", "_vp8")

    def __init__(self, consumers: list, forward: Callable[..., None],
                 route: Callable[..., Route], source: Any, vp8: bool = False) -> None:
        self.routes: list[Route | object] = []
        """The routed consumers' ``Route`` objects (and :data:`IDLE` for each idle tap), in
        the order they were routed."""
        self.layer_taps: list[LayerTapLike] = []
        "Simulcast taps forwarding this layer through the core (:meth:`route_layer`)."
        self._consumers = consumers
        self._forward = forward
        self._route = route
        self._source = source
        self._vp8 = vp8

    def forward(self, plain: bytes, hdr: tuple, keyframe: bool, now: float, ext_mask: int,
                abs_pos: int, abs_value: bytes) -> None:
        """Send one decrypted packet to every consumer (arguments as
        :meth:`sfu.consumer.Consumer.send`): routed ones in one native call, the others
        through ``send``, routing those that became eligible. A packet a simulcast
        consumer would drop (malformed extension block or VP8 descriptor) first sends the
        consumers routed on this layer back to their Python path, which drops it and
        numbers on without it."""
        if self.layer_taps and (ext_mask < 0 or (self._vp8 and not vp8_readable(plain, hdr))):
            for tap in list(self.layer_taps):
                tap.leave_core()
        routes = self.routes
        if routes:
            self._forward(plain, routes, now, ext_mask >= 0, abs_pos, abs_value,
                          self._source.twcc_id)
            # every routed consumer is in the list (it is unrouted before it leaves it)
            if len(routes) == len(self._consumers):
                return
        for consumer in self._consumers:
            if consumer.route is None:
                consumer.send(plain, hdr, keyframe, now, ext_mask, abs_pos, abs_value)
                if (consumer.basic_rewrite and consumer.mapper.started
                        and not consumer.waiting_keyframe):
                    self._add(consumer)

    def _add(self, consumer: RoutedConsumer) -> None:
        route = self._new_route(consumer)
        if route is not None:
            consumer.route = route
            self._set_state(route, consumer)
            self.routes.append(route)

    def _new_route(self, consumer: RoutedConsumer, vp8: bool = False, log_sent: bool = False
                   ) -> Route | None:
        transport = consumer.transport
        egress = transport.egress
        if not isinstance(egress, NativeEgress):
            return None
        numbering = transport.send_cc
        numbered = consumer.transport_cc_id if numbering is not None else 0
        if numbered:
            numbering.share_numbering(egress.core)
        return self._route(egress.core, consumer.ssrc, consumer.payload_type, consumer.id_map,
                           consumer.stamps_abs_send_time, numbered, vp8, log_sent)

    def route_layer(self, tap: LayerTapLike, consumer: RoutedConsumer, vp8: bool
                    ) -> Route | None:
        """Route ``tap``, ``consumer``'s tap on this layer, which it forwards, with its
        parameters and stream state (with ``vp8``, PictureID and TL0PICIDX renumbered: the
        caller sets them, ``Route.set_pictures``), logging what it sends for its NACK ring
        (``Route.take_sent``); None when its transport's egress is not the core's."""
        route = self._new_route(consumer, vp8, log_sent=True)
        if route is not None:
            tap.route = route
            self._set_state(route, consumer)
            self.routes.append(route)
            self.layer_taps.append(tap)
        return route

    def idle(self, tap: LayerTapLike) -> None:
        """Count ``tap``, a simulcast consumer's tap on a layer it does not forward, as
        routed: the core skips it, and Python stops handing it this layer's packets."""
        tap.route = IDLE
        self.routes.append(IDLE)

    def release(self, tap: LayerTapLike) -> None:
        """Hand ``tap`` its packets through ``send`` again (after :meth:`route_layer` or
        :meth:`idle`; its consumer synced its state first)."""
        route = tap.route
        if route is not None:
            tap.route = None
            self.routes.remove(route)
            if tap in self.layer_taps:
                self.layer_taps.remove(tap)

    @staticmethod
    def restate(consumer: RoutedConsumer) -> None:
        """Copy a routed consumer's mapper state and sender counts into the core (when
        routed, and after Python changed them: :meth:`sfu.consumer.Consumer.skip`). It
        touches only the consumer's route: any fan-out may be asked (a simulcast
        consumer's route sits on its current layer's)."""
        if consumer.route is not None:
            Fanout._set_state(consumer.route, consumer)

    @staticmethod
    def _set_state(route: Route, consumer: RoutedConsumer) -> None:
        mapper = consumer.mapper
        route.set_state(mapper.seq_offset, mapper.ts_offset, mapper.last_seq, mapper.last_ts,
                        mapper.last_time, consumer.packets, consumer.octets)

    @staticmethod
    def sync(consumer: RoutedConsumer) -> None:
        """Copy a routed consumer's stream state (newest sequence number and timestamp,
        sender counts) from the core into its mapper and counters (before an RTCP SR);
        like :meth:`restate`, from its route alone."""
        route = consumer.route
        if route is not None:
            consumer.mapper.resume(route.last_seq, route.last_ts, route.last_time)
            consumer.packets = route.packets
            consumer.octets = route.octets

    def unroute(self, consumer: RoutedConsumer) -> None:
        """Move ``consumer`` back to ``Consumer.send`` (closed, or renegotiated parameters;
        it is routed again with the new ones after its next packet)."""
        route = consumer.route
        if route is not None:
            self.sync(consumer)
            consumer.route = None
            self.routes.remove(route)


class NativeForwarding:
    """The native core of one worker socket.

    :param core: the ``sfu._forwardcore`` module.
    :param fd: the worker's non-blocking UDP socket.
    :param stats: the worker's counters; the core adds its sends and drops to them.
    """

    def __init__(self, core: Any, fd: int, stats: WorkerStats) -> None:
        self._core = core
        self.forwarder: Forwarder = core.Forwarder(fd, stats)

        class NativeReceiveStats(core.ReceiveStats, ReceiveReport):
            """:class:`sfu.receive_stats.ReceiveStats` with its state and ``update`` in the
            core (where :meth:`Forwarder.receive` updates it too)."""

            __slots__ = ()

        self._receive_stats = NativeReceiveStats

        class NativeRembEstimator(core.RembArrivals, RembRate):
            """:class:`sfu.remb_estimator.RembEstimator` with ``on_packet`` in the core
            (which :meth:`Forwarder.receive` calls directly)."""

            def __init__(self, clock: Callable[[], float], initial: int, maximum: int,
                         overuse_ms: float = 12.0) -> None:
                self._start(clock, initial, maximum, overuse_ms)

        self.remb_estimator: Callable[..., RembRate] = NativeRembEstimator

        class NativeTwccFeedbackBuilder(core.TwccArrivals, TwccFeedbackReport):
            """:class:`sfu.twcc_builder.TwccFeedbackBuilder` with ``record`` in the core
            (which :meth:`Forwarder.receive` calls directly)."""

            __slots__ = ()

            def __init__(self, window: int = 1024, max_packets: int = 4) -> None:
                if window < 1 or window & (window - 1):
                    raise ValueError("window must be a power of two")
                super().__init__(array("q", [-1]) * window, array("q", [0]) * window,
                                 max_packets)

        self.twcc_feedback_builder: Callable[..., TwccFeedbackReport] = (
            NativeTwccFeedbackBuilder)
        """The core's :class:`sfu.twcc_builder.TwccFeedbackBuilder` (same arguments, same
        feedback)."""
        """The core's :class:`sfu.remb_estimator.RembEstimator` (same arguments, same
        estimates)."""
        self.read_header: Callable[[bytes], tuple] = core.read_header
        "The core's :func:`sfu.rtp.header.read_header` (same tuple and errors)."
        self.scan_extensions: Callable[[bytes, int, int, int, int], tuple[int, int]] = (
            core.scan_extensions)
        "The core's :func:`sfu.rtp.extensions.scan_extensions` (same result and errors)."

    def ingress(self, by_addr: dict, demultiplex: Callable[[bytes, Address], None],
                deliver: Callable[[Any, bytes], None], clock: Callable[[], float],
                on_error: Callable[[BaseException], None]) -> Callable[[bytes, Address], None]:
        """The worker socket's datagram handler: the core's ``Forwarder.receive``, which
        takes a publisher's RTP in its steady state whole and hands the rest to
        ``demultiplex(data, addr)``, or once decrypted to ``deliver(transport, plain)``.

        :param by_addr: the worker's transports by remote address (read on every datagram).
        :param clock: the worker's clock (arrival times).
        :param on_error: called with an exception raised on the core's path (the packet is
            an ``internal_error`` drop).
        """
        self.forwarder.set_ingress(by_addr, demultiplex, deliver, clock, on_error)
        return self.forwarder.receive

    def drain(self) -> None:
        """Read the worker socket until it is empty (at most 128 datagrams a call) and
        handle each as :meth:`ingress`'s handler does; the packets forwarded meanwhile leave
        at the end, each subscriber's runs of equal-size packets as one UDP GSO message
        (one per packet where the kernel refuses it). For the event loop's reader callback.
        A datagram whose Python path raised is an ``internal_error`` drop handed to the
        ingress's ``on_error``, and the batch goes on; KeyboardInterrupt and SystemExit
        propagate after the sends."""
        self.forwarder.drain()

    def srtp_session(self, profile: int, key: bytes, outbound: bool) -> SrtpSession:
        """The core's SRTP session for libsrtp ``profile`` with ``key`` (master key then
        salt): RFC 7714 over OpenSSL EVP for the AES-GCM profiles (7, 8), libsrtp otherwise.

        :raises ValueError: unknown profile or wrong key length.
        """
        return self._core.SrtpSession(profile, key, outbound)

    def receive_stats(self, clock_rate: int) -> ReceiveReport:
        """The core's :class:`sfu.receive_stats.ReceiveStats` (same results, tested)."""
        return self._receive_stats(clock_rate)

    def retransmission_buffer(self, size: int, max_age: float, clock: Callable[[], float]
                              ) -> Any:
        """The core's :class:`sfu.rtp.retransmission_buffer.RetransmissionBuffer` (same
        interface and results; ``size`` at most 65536).

        :raises ValueError: ``size`` outside 1-65536.
        """
        return self._core.RetransmissionBuffer(size, max_age, clock)

    def inbound_stream(self, producer: InboundSource, fanout: Fanout,
                       report_level: Callable[[int, float], None] | None) -> InboundStream:
        """What :meth:`Forwarder.receive` reads and updates of ``producer``: its stats and
        retransmission cache (from this core), NACK tracker, consumers, ``fanout``'s routes,
        and ``report_level`` (None: audio levels are not reported)."""
        nacks = producer.nack_generator
        return self._core.InboundStream(
            producer.stats, producer.buffer, nacks.pending if nacks is not None else None,
            producer.consumers, fanout.routes, producer.codec.payload_type,
            producer.abs_send_time_id, producer.audio_level_id, report_level,
            is_vp8(producer.codec.mime_type), producer.codec.mime_type.lower() == "video/h264")

    def egress(self, session: SrtpSession, address: Address) -> NativeEgress:
        """The RTP sender of a subscriber transport keyed with outbound ``session``."""
        return NativeEgress(self._core.Egress(self.forwarder, session, address),
                            self._core.PROTECT_LIMIT)

    def fanout(self, consumers: list, source: Any, vp8: bool = False) -> Fanout:
        """A :class:`Fanout` over a producer's ``consumers`` list; ``source`` is the
        producer's transport; ``vp8``: its payloads are VP8."""
        return Fanout(consumers, self.forwarder.forward, self._core.Route, source, vp8)


def is_vp8(mime_type: str) -> bool:
    """The codec's payloads carry a VP8 descriptor (RFC 7741) a simulcast route renumbers."""
    return mime_type.lower() == "video/vp8"


def vp8_readable(plain: bytes, hdr: tuple) -> bool:
    """The VP8 payload descriptor of ``plain`` (``hdr``: its read_header) can be read."""
    try:
        read_vp8_descriptor(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END])
    except ParseError:
        return False
    return True


def make_native_forwarding(mode: NativeMode, fd: int, stats: WorkerStats
                           ) -> NativeForwarding | None:
    """The native core for the worker socket ``fd`` if ``mode`` is "auto" and the extension
    imports; else None (with one log line saying why when it does not)."""
    if mode == "off":
        return None
    core, reason = load_core()
    if core is None:
        logger.warning("SFU native forwarding core unavailable (%s): using the Python path",
                       reason)
        return None
    return NativeForwarding(core, fd, stats)
