"""SRTP/SRTCP sessions keyed from DTLS-SRTP (RFC 5764 section 4.2, RFC 7714 for AES-GCM).

Profiles: SRTP_AEAD_AES_256_GCM, SRTP_AEAD_AES_128_GCM, SRTP_AES128_CM_SHA1_80 (those
libsrtp was built with, as listed by aiortc). Crypto runs in libsrtp through pylibsrtp;
:meth:`SrtpContext.wipe` zeroes the key buffers we own and releases the sessions.

The forwarding hot path does not go through ``Session.protect``/``unprotect`` (a copy in,
a copy out, an ``int *`` allocation and three Python frames per packet): it writes the
packet straight into the session's own 1500-byte work buffer and calls libsrtp on it
(:class:`SrtpDirect`). That relies on pylibsrtp 1.x internals (``Session._srtp``,
``_cdata``, ``_buffer`` and the ``_binding`` module); when they are missing,
:func:`direct_access` returns None and callers use the public methods.
"""

from collections.abc import Callable
from typing import Protocol

from aiortc.rtcdtlstransport import SRTP_PROFILES, SRTPProtectionProfile
from pylibsrtp import SRTP_MAX_TRAILER_LEN, Policy, Session

try:
    from pylibsrtp._binding import ffi as _ffi
    from pylibsrtp._binding import lib as _lib
except ImportError:  # pragma: no cover - another pylibsrtp layout: public API only
    _ffi = _lib = None

PROFILES: list[SRTPProtectionProfile] = list(SRTP_PROFILES)
"Supported profiles, most preferred first."


def profile_by_name(openssl_name: bytes) -> SRTPProtectionProfile | None:
    """The profile matching OpenSSL's name of the negotiated profile, or None."""
    for profile in PROFILES:
        if profile.openssl_profile == openssl_name:
            return profile
    return None


class NativeSession(Protocol):
    """A native SRTP session for RTP (``sfu._forwardcore.SrtpSession``)."""

    def protect(self, rtp: bytes) -> bytes | None: ...

    def unprotect(self, srtp: bytes) -> bytes | None: ...

    def wipe(self) -> None: ...


NativeSessionFactory = Callable[[int, bytes, bool], NativeSession]


def _zero_policy_key(policy: Policy) -> None:
    buf = policy.key
    if buf is not None:
        buf[0 : len(buf)] = bytes(len(buf))
    policy.key = None


class SrtpDirect:
    """In-place access to one libsrtp session's work buffer (no copies, no wrapper frames).

    Use: write ``n`` bytes of packet into ``view[:n]``, set ``length[0] = n``, call
    ``protect(srtp, cdata, length)`` (or ``unprotect``); a non-zero return is a libsrtp
    error status (the packet is dropped), zero means the result is in ``view[:length[0]]``
    (``buffer[0:length[0]]`` copies it out as bytes). Packets longer than
    ``protect_limit`` (RTP, so the auth tag fits) or ``unprotect_limit`` bytes must not
    be written. Single-threaded: one packet at a time per session.
    """

    __slots__ = ("session", "srtp", "cdata", "buffer", "view", "length", "protect",
                 "unprotect", "protect_limit", "unprotect_limit")

    def __init__(self, session: Session) -> None:
        if _lib is None or _ffi is None:
            raise TypeError("pylibsrtp internals are not available")
        self.session = session
        self.srtp = session._srtp[0]  # type: ignore[attr-defined]
        self.cdata = session._cdata  # type: ignore[attr-defined]
        self.buffer = session._buffer  # type: ignore[attr-defined]
        self.view = memoryview(self.buffer)
        if self.view.format != "B" or self.view.readonly:
            raise TypeError("unexpected pylibsrtp buffer layout")
        self.length = _ffi.new("int *")
        self.protect = _lib.srtp_protect
        self.unprotect = _lib.srtp_unprotect
        self.unprotect_limit = len(self.view)
        self.protect_limit = self.unprotect_limit - SRTP_MAX_TRAILER_LEN


def direct_access(session: Session | None) -> SrtpDirect | None:
    """:class:`SrtpDirect` on ``session``, or None (no session, or pylibsrtp internals
    unavailable: callers then use ``session.protect``/``unprotect``)."""
    if session is None:
        return None
    try:
        return SrtpDirect(session)
    except (TypeError, AttributeError):
        return None


class SrtpContext:
    """Inbound and outbound SRTP sessions of one transport.

    :param profile: negotiated protection profile.
    :param material: keying material exported from DTLS, ``2 * (key + salt)`` bytes
        (RFC 5764 section 4.2 layout: client key, server key, client salt, server salt).
    :param is_server: True when this side was the DTLS server.
    :param native: ``(libsrtp profile, key, outbound) -> session`` of the native forwarding
        core (:meth:`sfu.native_forward.NativeForwarding.srtp_session`): RTP then runs
        through those sessions, keyed before our key copies are zeroed; SRTCP stays here.
    """

    def __init__(
        self, profile: SRTPProtectionProfile, material: bytes, is_server: bool,
        native: NativeSessionFactory | None = None,
    ) -> None:
        self.profile_name = profile.openssl_profile.decode()
        tx_key = profile.get_key_and_salt(material, 1 if is_server else 0)
        rx_key = profile.get_key_and_salt(material, 0 if is_server else 1)
        self.native_rx: NativeSession | None = None
        "Native inbound session for RTP (``native`` given), None otherwise."
        self.native_tx: NativeSession | None = None
        "Native outbound session for RTP (``native`` given), None otherwise."
        if native is not None:
            self.native_rx = native(profile.libsrtp_profile, rx_key, False)
            self.native_tx = native(profile.libsrtp_profile, tx_key, True)
        rx_policy = Policy(
            key=rx_key, ssrc_type=Policy.SSRC_ANY_INBOUND, srtp_profile=profile.libsrtp_profile
        )
        rx_policy.allow_repeat_tx = True
        rx_policy.window_size = 1024
        tx_policy = Policy(
            key=tx_key, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile.libsrtp_profile
        )
        tx_policy.allow_repeat_tx = True
        tx_policy.window_size = 1024
        self.rx: Session | None = Session(rx_policy)
        self.tx: Session | None = Session(tx_policy)
        # libsrtp copied the keys into its sessions: zero our copies at once.
        _zero_policy_key(rx_policy)
        _zero_policy_key(tx_policy)

    def wipe(self) -> None:
        """Zero the session scratch buffers and drop the sessions (libsrtp zeroes its
        key schedule on deallocation). The context is unusable afterwards."""
        for session in (self.rx, self.tx):
            if session is not None:
                buf = getattr(session, "_buffer", None)
                if buf is not None:
                    buf[0 : len(buf)] = bytes(len(buf))
        for native in (self.native_rx, self.native_tx):
            if native is not None:
                native.wipe()
        self.rx = None
        self.tx = None
        self.native_rx = None
        self.native_tx = None
