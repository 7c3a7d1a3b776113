"""DTLS 1.2 handshake for DTLS-SRTP (RFC 5763, RFC 5764) over pyOpenSSL memory BIOs.

Sans-IO: datagrams go in through :meth:`DtlsSession.receive`, datagrams to send come
back as lists, timers are driven by :meth:`DtlsSession.handle_timeout`. The certificate
is ECDSA P-256 (aiortc's generator), the peer is authenticated by the sha-256 fingerprint
from its SDP (RFC 8122 section 5), and the SRTP keys come from the exporter.
"""

import datetime
from collections.abc import Callable

from aiortc.rtcdtlstransport import (
    SRTPProtectionProfile,
    certificate_digest,
    generate_certificate,
)
from cryptography.hazmat.primitives.asymmetric import ec
from OpenSSL import SSL

from sfu.srtp import PROFILES, NativeSessionFactory, SrtpContext, profile_by_name

_CIPHERS = (
    b"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    b"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA"
)
_MAX_FLIGHT_READS = 16
_RECORD_HEADER = 13
"DTLS 1.2 record header: type, version (2), epoch (2), sequence number (6), length (2)."


def well_framed(data: bytes) -> bool:
    """True if ``data`` is a sequence of whole DTLS records (RFC 6347 section 4.1; RFC 9147
    section 4: the datagram may carry several): each of content type 20-25
    (change_cipher_spec, alert, handshake, application_data, heartbeat, tls12_cid) with a
    DTLS version (0xFE major) and a length that the datagram holds. A DTLS 1.3 unified-header
    record (first bits 001) is left to OpenSSL unread, as is whatever follows it."""
    pos, end = 0, len(data)
    while pos < end:
        kind = data[pos]
        if kind & 0xE0 == 0x20:
            return True
        if not 20 <= kind <= 25 or end - pos < _RECORD_HEADER or data[pos + 1] != 0xFE:
            return False
        pos += _RECORD_HEADER + int.from_bytes(data[pos + 11 : pos + 13], "big")
    return pos == end


class DtlsCertificate:
    """A self-signed ECDSA P-256 certificate shared by the transports of a worker.

    :param profiles: SRTP protection profiles offered, most preferred first (all
        supported ones by default).
    """

    def __init__(self, profiles: list[SRTPProtectionProfile] | None = None) -> None:
        self._profiles = list(profiles or PROFILES)
        self._key = ec.generate_private_key(ec.SECP256R1())
        self._cert = generate_certificate(self._key)
        self.fingerprint = certificate_digest(self._cert, "sha-256")
        "sha-256 fingerprint as ``AA:BB:...`` (RFC 8122 section 5)."
        self._context = self._make_context()

    @property
    def not_after(self) -> datetime.datetime:
        """Expiry time; a worker should renew before it (30 days)."""
        return self._cert.not_valid_after_utc

    def _make_context(self) -> SSL.Context:
        ctx = SSL.Context(SSL.DTLS_METHOD)
        ctx.set_options(SSL.OP_NO_TICKET)
        # Any certificate is accepted by OpenSSL; identity is the SDP fingerprint check.
        ctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT, lambda *a: True)
        ctx.use_certificate(self._cert)
        ctx.use_privatekey(self._key)
        ctx.set_cipher_list(_CIPHERS)
        ctx.set_tlsext_use_srtp(b":".join(p.openssl_profile for p in self._profiles))
        return ctx

    def new_connection(self) -> SSL.Connection:
        """A fresh memory-BIO connection (role set by the caller)."""
        return SSL.Connection(self._context, None)


def fingerprint_matches(cert_fingerprint: str, remote: list[tuple[str, str]]) -> bool:
    """True when ``remote`` holds a sha-256 fingerprint equal to ``cert_fingerprint``.

    ``remote`` lists ``(algorithm, value)`` pairs from SDP ``a=fingerprint``.
    """
    return any(
        alg.lower() == "sha-256" and value.upper() == cert_fingerprint for alg, value in remote
    )


class DtlsSession:
    """One DTLS association of a transport.

    :param certificate: local certificate.
    :param is_server: True to wait for a ClientHello, False to send one on :meth:`start`.
    :param clock: monotonic clock in seconds.
    :param native_srtp: passed to :class:`sfu.srtp.SrtpContext` (native RTP sessions).

    ``state`` goes ``"new" -> "connecting" -> "connected"`` or ``"failed"``/``"closed"``.
    After connection, ``peer_fingerprint`` holds the peer certificate's sha-256 and
    ``srtp`` the SRTP context.
    """

    def __init__(
        self, certificate: DtlsCertificate, is_server: bool, clock: Callable[[], float],
        native_srtp: NativeSessionFactory | None = None,
    ) -> None:
        self.is_server = is_server
        self._native_srtp = native_srtp
        self._clock = clock
        self._ssl = certificate.new_connection()
        if is_server:
            self._ssl.set_accept_state()
        else:
            self._ssl.set_connect_state()
        self.state = "new"
        self.peer_fingerprint: str | None = None
        self.srtp: SrtpContext | None = None
        self._timer_deadline: float | None = None

    def start(self) -> list[bytes]:
        """Client role: produce the ClientHello flight. Server role: nothing to send."""
        self.state = "connecting"
        if self.is_server:
            return []
        return self._step()

    def receive(self, data: bytes) -> list[bytes]:
        """Feed one DTLS datagram; returns datagrams to send (possibly empty)."""
        if self.state in ("failed", "closed"):
            return []
        if self.state == "new":
            self.state = "connecting"
        self._ssl.bio_write(data)
        if self.state == "connecting":
            return self._step()
        try:
            self._ssl.recv(1500)
        except SSL.ZeroReturnError:
            self.state = "closed"
        except SSL.WantReadError:
            pass
        except SSL.Error:
            pass
        return self._flush()

    def next_timeout(self) -> float | None:
        """Absolute clock time of the next retransmission, or None."""
        return self._timer_deadline

    def handle_timeout(self) -> list[bytes]:
        """Retransmit the last flight if its timer expired."""
        if self.state != "connecting" or self._timer_deadline is None:
            return []
        if self._clock() < self._timer_deadline:
            return []
        self._ssl.DTLSv1_handle_timeout()
        out = self._flush()
        self._arm_timer()
        return out

    def close(self) -> list[bytes]:
        """Send close_notify (if connected) and release the connection."""
        out: list[bytes] = []
        if self.state == "connected":
            try:
                self._ssl.shutdown()
            except SSL.Error:
                pass
            out = self._flush()
        self.state = "closed"
        if self.srtp is not None:
            self.srtp.wipe()
            self.srtp = None
        return out

    def _step(self) -> list[bytes]:
        try:
            self._ssl.do_handshake()
        except SSL.WantReadError:
            out = self._flush()
            self._arm_timer()
            return out
        except SSL.Error:
            self.state = "failed"
            return self._flush()
        out = self._flush()
        self._timer_deadline = None
        self._finish()
        return out

    def _finish(self) -> None:
        cert = self._ssl.get_peer_certificate(as_cryptography=True)
        profile = profile_by_name(self._ssl.get_selected_srtp_profile())
        if cert is None or profile is None:
            self.state = "failed"
            return
        self.peer_fingerprint = certificate_digest(cert, "sha-256")
        material = self._ssl.export_keying_material(
            b"EXTRACTOR-dtls_srtp", 2 * (profile.key_length + profile.salt_length)
        )
        self.srtp = SrtpContext(profile, material, self.is_server, self._native_srtp)
        self.state = "connected"

    def _arm_timer(self) -> None:
        timeout = self._ssl.DTLSv1_get_timeout()
        self._timer_deadline = None if timeout is None else self._clock() + timeout

    def _flush(self) -> list[bytes]:
        out = []
        for _ in range(_MAX_FLIGHT_READS):
            try:
                data = self._ssl.bio_read(1500)
            except SSL.Error:
                break
            if not data:
                break
            out.append(data)
        return out
