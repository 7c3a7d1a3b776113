"""Types of the native SFU forwarding core (sfu/_forwardcore.c); see sfu/native_forward.py."""

from collections.abc import Callable
from typing import Any

from sfu.control import WorkerStats

_Buffer = bytes | bytearray | memoryview

PROTECT_LIMIT: int
"""Largest plaintext RTP packet (bytes) that fits the 1500-byte work buffer with libsrtp's
largest trailer (the same for every profile)."""

def read_header(data: _Buffer) -> tuple[int, int, int, int, int, int, int, int, int, int]:
    """:func:`sfu.rtp.header.read_header` in C: the same tuple, the same
    :class:`sfu.errors.ParseError` for a malformed packet."""

def scan_extensions(data: _Buffer, start: int, end: int, profile: int, ext_id: int
                    ) -> tuple[int, int]:
    """:func:`sfu.rtp.extensions.scan_extensions` in C: the same ``(mask, value_pos)``, the
    same :class:`sfu.errors.ParseError` for a malformed block.

    :raises ValueError: an RFC 8285 block (``start`` < ``end``) not inside ``data``.
    """

class SrtpSession:
    """One SRTP session for RTP, any inbound or outbound SSRC, replay window 1024, repeated
    sends allowed (as sfu.srtp.SrtpContext's pylibsrtp ones, and the same bytes).

    AEAD_AES_128_GCM and AEAD_AES_256_GCM run over OpenSSL's EVP interface (sfu/srtp_gcm.c,
    RFC 7714 sections 8.1-8.2; keys by RFC 3711 section 4.3, index and replay window by
    RFC 3711 section 3.3.1 and appendix A, as libsrtp): one fixed table of streams per
    session, 2048 SSRCs outbound and 64 inbound; a packet of one more SSRC is refused. Such
    a session only works its own direction (protect outbound, unprotect inbound).
    AES128_CM_SHA1_80 runs through libsrtp (RFC 3711); an inbound session takes 64 SSRCs
    too (libsrtp keeps a stream per SSRC it authenticated), outbound ones are unbounded.

    :param profile: libsrtp profile number (1 AES128_CM_SHA1_80, 7/8 AEAD_AES_128/256_GCM).
    :param key: master key followed by master salt (30, 28 or 44 bytes).
    :raises ValueError: unknown profile, wrong key length, or libsrtp/OpenSSL refused it.
    """

    wiped: bool
    def __init__(self, profile: int, key: _Buffer, outbound: bool) -> None: ...
    def protect(self, rtp: _Buffer) -> bytes | None:
        """SRTP packet (RTP plus 16-byte tag for AES-GCM, 10 for AES-CM), or None when
        refused (wiped, shorter than 12 or over PROTECT_LIMIT, header longer than the
        packet, sequence number older than the window, stream table full)."""
    def unprotect(self, srtp: _Buffer) -> bytes | None:
        """Plaintext RTP, or None (authentication or replay check failed, wiped, too long,
        stream table full)."""
    def wipe(self) -> None:
        """Free the session; its key material is zeroed (by libsrtp, or OpenSSL and
        sfu/srtp_gcm.c)."""

class Forwarder:
    """Batched sender on the worker socket ``fd``, adding sends and drops to ``stats``
    (``forwarded_packets``, ``forwarded_bytes``, ``drop(reason, count)``)."""

    def __init__(self, fd: int, stats: WorkerStats) -> None:
        """:raises ValueError: ``fd`` is not a UDP socket (IPv4 or IPv6)."""
    def forward(self, plain: _Buffer, routes: list[Route], now: float, ext_ok: bool,
                abs_pos: int, abs_value: _Buffer, transport_cc_id: int) -> None:
        """Rewrite, protect and send decrypted RTP ``plain`` once per route (one sendmmsg;
        with what a :meth:`drain` in progress queued before it).

        ``now``: arrival time (s); ``ext_ok``: the extension block is well formed (else a
        counted ``rtp_extension`` drop per route); ``abs_pos``/``abs_value``: offset and
        new 3 bytes of the one-byte abs-send-time element (-1 and b"" when none);
        ``transport_cc_id``: the publisher's transport-wide sequence number id (0: none):
        a route with its own ``transport_cc_id`` writes its egress's next number in that
        element's place (:func:`sfu.rtp.transport_cc.element_offset`; a packet without it
        goes unnumbered) and the egress remembers it (:meth:`Egress.take_sent`).
        A packet that is not RTP is one ``rtp_parse`` drop per route.
        """

    def set_ingress(self, by_addr: dict, demultiplex: Callable[[bytes, tuple], None],
                    deliver: Callable[[Any, bytes], None], clock: Callable[[], float],
                    on_error: Callable[[BaseException], None]) -> None:
        """What :meth:`receive` reads and calls: the worker's transports by remote address
        (read on every datagram), its Python datagram path, the path for decrypted RTP it
        leaves to Python (``deliver(transport, plain)``), its clock, and the handler of an
        exception raised on the core's path (the packet is an ``internal_error`` drop).

        :raises TypeError: ``by_addr`` not a dict, or the others not callable.
        """
    def receive(self, data: bytes, addr: tuple) -> None:
        """One datagram from the worker socket (sfu/ingress.c).

        SRTP from a transport of ``by_addr`` with a native inbound session is counted in
        ``received_packets`` and decrypted (a refused one is an ``srtp_unprotect`` drop);
        if it is media of a producer in its steady state (its SSRC and payload type, not
        padding only, every consumer routed, the next sequence number or an older one with
        no loss being repaired, a well-formed extension block, no test tap), the core does
        the Python path's work (receive statistics, retransmission cache, the transport's
        transport-cc ``twcc.record`` and REMB ``bwe.on_packet`` (those of
        :class:`TwccArrivals` and :class:`RembArrivals` directly), ``report_level``, the
        abs-send-time restamp) and forwards it to every route; otherwise it is handed to
        ``deliver`` before any state changed. Every other datagram goes to
        ``demultiplex(data, addr)`` untouched.

        :raises RuntimeError: before :meth:`set_ingress`.
        """

    gso_messages: int
    "Messages of more than one packet sent with UDP GSO (UDP_SEGMENT)."
    gso: int
    "1 until the kernel refused UDP GSO; then every packet is a message of its own."
    def drain(self) -> None:
        """Read the worker socket's waiting datagrams (``recvmmsg``, 32 at a time, at most
        128 a call) and :meth:`receive` each (a datagram over 4096 bytes is an
        ``oversized_datagram`` drop); the packets they forwarded are sent at the end in
        one flush: each subscriber's runs of equal-size packets (the last may be shorter)
        as one UDP GSO message, one message per packet where the kernel refuses GSO. A
        datagram whose handling raised an ``Exception`` is an ``internal_error`` drop handed
        to ``on_error``, and the batch goes on; a ``BaseException`` (KeyboardInterrupt)
        stops it and is raised after the flush.

        :raises RuntimeError: before :meth:`set_ingress`, or when called from within a
            ``drain()`` (by one of its callbacks).
        """

class ReceiveStats:
    """:class:`sfu.receive_stats.ReceiveStats`'s state and ``update`` (subclassed with
    :class:`sfu.receive_stats.ReceiveReport` by :mod:`sfu.native_forward`).

    :raises ValueError: ``clock_rate`` not positive.
    """

    clock_rate: int
    received: int
    octets: int
    def __init__(self, clock_rate: int) -> None: ...
    def update(self, seq: int, ts: int, arrival: float) -> int:
        """As :meth:`sfu.receive_stats.ReceiveStats.update`.

        :raises ValueError: ``seq`` not 16 bits or ``ts`` not 32 bits.
        """

class RetransmissionBuffer:
    """:class:`sfu.rtp.retransmission_buffer.RetransmissionBuffer` (same interface and
    results), ``size`` slots of at most 65536.

    :raises ValueError: ``size`` outside 1-65536.
    :raises TypeError: ``clock`` is not callable.
    :raises RuntimeError: (``store``, ``get``) the buffer was not initialised.
    """

    def __init__(self, size: int, max_age: float, clock: Callable[[], float]) -> None: ...
    def store(self, seq: int, packet: bytes, now: float | None = None) -> None: ...
    def get(self, seq: int) -> bytes | None: ...
    def stored(self) -> tuple[int, int]: ...
    def clear(self) -> None: ...

class TwccArrivals:
    """:class:`sfu.twcc_builder.TwccFeedbackBuilder`'s arrival record (``record``) over the
    two ``array('q')`` rings its report side reads (subclassed with
    :class:`sfu.twcc_builder.TwccFeedbackReport` by :mod:`sfu.native_forward`).

    :raises TypeError: the rings are not writable ``array('q')``.
    :raises ValueError: their length is not a power of two, or differs.
    """

    late: int
    def __init__(self, seqs: Any, ticks: Any, max_packets: int) -> None: ...
    def record(self, seq: int, arrival: float, media_ssrc: int) -> None:
        """As :meth:`sfu.twcc_builder.TwccFeedbackBuilder.record`.

        :raises ValueError: ``seq`` not 16 bits or ``media_ssrc`` not 32 bits.
        """

class RembArrivals:
    """:class:`sfu.remb_estimator.RembEstimator`'s per-packet state (``_bytes``,
    ``_queue_ms``) and ``on_packet`` (subclassed with :class:`sfu.remb_estimator.RembRate`
    by :mod:`sfu.native_forward`; the subclass sets ``_clock``)."""

    _bytes: int
    _queue_ms: float
    def on_packet(self, send_time: float, size: int) -> None:
        """As :meth:`sfu.remb_estimator.RembEstimator.on_packet`: abs-send-time in seconds
        (mod 64), RTP bytes; the arrival time read from ``self._clock()``."""

class InboundStream:
    """What :meth:`Forwarder.receive` reads and updates of one producer: its
    :class:`ReceiveStats` and :class:`RetransmissionBuffer` (None: audio), its NACK
    tracker's pending dict (None: no NACKs), its consumers and its fan-out's routes (lists
    read on every packet), its payload type and abs-send-time and audio level extension ids
    (0: none), and ``report_level(level byte, arrival)`` (None: levels not reported; see
    :meth:`take_levels`).

    :raises TypeError: an argument of the wrong type.
    :raises ValueError: payload type outside 0-127 or an extension id outside 0-255.
    """

    def __init__(self, stats: ReceiveStats, buffer: RetransmissionBuffer | None,
                 nack_pending: dict | None, consumers: list, routes: list[Route],
                 payload_type: int, abs_send_time_id: int, audio_level_id: int,
                 report_level: Callable[[int, float], None] | None, vp8: bool = False
                 ) -> None:
        """``vp8``: the payloads are VP8; a packet whose payload descriptor is malformed
        goes up to Python (a simulcast consumer drops it and numbers on without it)."""
    def take_levels(self) -> list[tuple[int, float]]:
        """``(level byte, arrival)`` of the packets :meth:`Forwarder.receive` took whole
        since the last call, oldest first (RFC 6464 section 3 byte: V flag, then -dBov).
        The core keeps up to 64 for the speaker detector's tick instead of calling
        ``report_level`` per packet; a 65th makes it hand the 64 to ``report_level``."""
    def take_tid(self) -> int:
        """The highest VP8 temporal layer id (TID) of the packets :meth:`Forwarder.receive`
        took whole since the last call, -1 when none carried one (T bit clear, or not VP8):
        kept in the core instead of a Python call per packet
        (:meth:`sfu.producer.Producer.take_tid`)."""

class Egress:
    """A subscriber transport's outbound session and selected address."""

    address: tuple[str, int]
    transport_seq: int
    "The next transport-wide sequence number ``Forwarder.forward`` writes (0-65535)."
    def __init__(self, forwarder: Forwarder, session: SrtpSession,
                 address: tuple[str, int]) -> None: ...
    def send(self, buffer: _Buffer, size: int) -> None:
        """Protect ``buffer[:size]`` and send it now (drops counted in the stats).

        :raises RuntimeError: the Egress was not initialised."""
    def take_sent(self) -> list[tuple[int, float, int]]:
        """``(sequence number, send time s, RTP bytes)`` of the packets numbered since the
        last call, oldest first; at most 1024 (older ones are forgotten)."""

class Route:
    """One consumer's rewrite: SSRC, payload type, extension id map (256 bytes),
    abs-send-time stamping, the subscriber's transport-wide sequence number id (0: the
    packets are not numbered; 1-14 in the one-byte form), and its output stream state.

    With ``vp8``, the route is a simulcast consumer's current VP8 layer with every temporal
    layer forwarded (:class:`sfu.simulcast.codecs.Vp8Rewriter`): each packet's PictureID
    and TL0PICIDX (RFC 7741 section 4.2) are renumbered by fixed offsets
    (:meth:`set_pictures`); a packet whose descriptor is malformed is a counted
    ``vp8_descriptor`` drop, one whose extension block is, an ``rtp_extension`` drop, both
    before any state changes (Python hands such routes neither)."""

    last_seq: int
    last_ts: int
    last_time: float
    packets: int
    octets: int
    last_in_ts: int
    """Input RTP timestamp of the packet forwarded last (set it when routing).

    :raises ValueError: set outside 0-2^32-1."""
    last_pid: int
    "VP8: the newest PictureID written (-1: none)."
    last_tl0: int
    "VP8: the newest TL0PICIDX written (-1: none)."
    floor: int
    """Input sequence number of the key frame a simulcast consumer switched at: packets
    older than it are not forwarded (late ones from before the switch); -1 for none, and
    cleared 4096 numbers past it (:data:`sfu.simulcast.consumer.FLOOR_SPAN`).

    :raises ValueError: set outside -1-65535."""
    def __init__(self, egress: Egress, ssrc: int, payload_type: int, id_map: _Buffer,
                 stamps_abs_send_time: bool, transport_cc_id: int = 0, vp8: bool = False,
                 log_sent: bool = False) -> None:
        """:raises ValueError: ``ssrc`` outside 0-2^32-1, ``payload_type`` outside 0-127,
        ``transport_cc_id`` outside 0-255, or ``id_map`` not 256 bytes."""
    def take_sent(self) -> list[int]:
        """With ``log_sent``: the output sequence numbers of the packets forwarded since the
        last call, oldest first; the newest 1024 when more (a simulcast consumer's NACK
        ring, sfu/simulcast/consumer.py)."""
    def set_state(self, seq_offset: int, ts_offset: int, last_seq: int, last_ts: int,
                  last_time: float, packets: int, octets: int) -> None:
        """Offsets of the mapping (output = input + offset) and the stream state so far.

        :raises ValueError: ``ts_offset`` or ``last_ts`` outside 0-2^32-1, or a negative
            count."""
    def set_pictures(self, pid_offset: int, tl0_offset: int, last_pid: int, last_tl0: int
                     ) -> None:
        """A VP8 route's PictureID (mod 2^15) and TL0PICIDX (mod 2^8) offsets and the
        newest values written so far (-1: none), as
        :class:`sfu.simulcast.picture_ids.PictureIdMapper` holds them.

        :raises ValueError: ``last_pid`` outside -1-32767 or ``last_tl0`` outside -1-255.
        """
