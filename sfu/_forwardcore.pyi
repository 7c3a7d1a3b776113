"""Types of the native SFU forwarding core (sfu/_forwardcore.c); see sfu/native_forward.py."""

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
    AES128_CM_SHA1_80 runs through libsrtp (RFC 3711), with no bound on SSRCs.

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
    (``forwarded_packets``, ``forwarded_bytes``, ``drop(reason)``)."""

    def __init__(self, fd: int, stats: WorkerStats) -> None: ...
    def forward(self, plain: _Buffer, routes: list[Route], now: float, ext_ok: bool,
                abs_pos: int, abs_value: _Buffer, transport_cc_id: int) -> None:
        """Rewrite, protect and send decrypted RTP ``plain`` once per route (one sendmmsg).

        ``now``: arrival time (s); ``ext_ok``: the extension block is well formed (else a
        counted ``rtp_extension`` drop per route); ``abs_pos``/``abs_value``: offset and
        new 3 bytes of the one-byte abs-send-time element (-1 and b"" when none);
        ``transport_cc_id``: the publisher's transport-wide sequence number id (0: none):
        a route with its own ``transport_cc_id`` writes its egress's next number in that
        element's place (:func:`sfu.rtp.transport_cc.element_offset`; a packet without it
        goes unnumbered) and the egress remembers it (:meth:`Egress.take_sent`).
        A packet that is not RTP is one ``rtp_parse`` drop per route.
        """

class Egress:
    """A subscriber transport's outbound session and selected address."""

    address: tuple[str, int]
    transport_seq: int
    "The next transport-wide sequence number ``Forwarder.forward`` writes (0-65535)."
    def __init__(self, forwarder: Forwarder, session: SrtpSession,
                 address: tuple[str, int]) -> None: ...
    def send(self, buffer: _Buffer, size: int) -> None:
        """Protect ``buffer[:size]`` and send it now (drops counted in the stats)."""
    def take_sent(self) -> list[tuple[int, float, int]]:
        """``(sequence number, send time s, RTP bytes)`` of the packets numbered since the
        last call, oldest first; at most 1024 (older ones are forgotten)."""

class Route:
    """One consumer's rewrite: SSRC, payload type, extension id map (256 bytes),
    abs-send-time stamping, the subscriber's transport-wide sequence number id (0: the
    packets are not numbered; 1-14 in the one-byte form), and its output stream state."""

    last_seq: int
    last_ts: int
    last_time: float
    packets: int
    octets: int
    def __init__(self, egress: Egress, ssrc: int, payload_type: int, id_map: _Buffer,
                 stamps_abs_send_time: bool, transport_cc_id: int = 0) -> None: ...
    def set_state(self, seq_offset: int, ts_offset: int, last_seq: int, last_ts: int,
                  last_time: float, packets: int, octets: int) -> None:
        """Offsets of the mapping (output = input + offset) and the stream state so far."""
