"""SRTP/SRTCP sessions keyed from DTLS-SRTP (RFC 5764 section 4.2, RFC 7714 for AES-GCM).

Profiles: SRTP_AEAD_AES_256_GCM, SRTP_AEAD_AES_128_GCM, SRTP_AES128_CM_SHA1_80 (those
libsrtp was built with, as listed by aiortc). Crypto runs in libsrtp through pylibsrtp;
:meth:`SrtpContext.wipe` zeroes the key buffers we own and releases the sessions.
"""

from aiortc.rtcdtlstransport import SRTP_PROFILES, SRTPProtectionProfile
from pylibsrtp import Policy, Session

PROFILES: list[SRTPProtectionProfile] = list(SRTP_PROFILES)
"Supported profiles, most preferred first."


def profile_by_name(openssl_name: bytes) -> SRTPProtectionProfile | None:
    """The profile matching OpenSSL's name of the negotiated profile, or None."""
    for profile in PROFILES:
        if profile.openssl_profile == openssl_name:
            return profile
    return None


def _zero_policy_key(policy: Policy) -> None:
    buf = policy.key
    if buf is not None:
        buf[0 : len(buf)] = bytes(len(buf))
    policy.key = None


class SrtpContext:
    """Inbound and outbound SRTP sessions of one transport.

    :param profile: negotiated protection profile.
    :param material: keying material exported from DTLS, ``2 * (key + salt)`` bytes
        (RFC 5764 section 4.2 layout: client key, server key, client salt, server salt).
    :param is_server: True when this side was the DTLS server.
    """

    def __init__(
        self, profile: SRTPProtectionProfile, material: bytes, is_server: bool
    ) -> None:
        self.profile_name = profile.openssl_profile.decode()
        tx_key = profile.get_key_and_salt(material, 1 if is_server else 0)
        rx_key = profile.get_key_and_salt(material, 0 if is_server else 1)
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
        self.rx = None
        self.tx = None
