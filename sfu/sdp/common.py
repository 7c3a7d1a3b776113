"""Shared SDP helpers: safe parsing and the transport-level attributes of every m-line."""

import re
import time

from aiortc.rtcdtlstransport import RTCDtlsFingerprint, RTCDtlsParameters
from aiortc.rtcicetransport import RTCIceCandidate, RTCIceParameters
from aiortc.sdp import MediaDescription, SessionDescription, grouplines

from sfu.errors import NegotiationError
from sfu.sdp.limits import MAX_SDP_LENGTH

PROFILE = "UDP/TLS/RTP/SAVPF"
SHA256_FINGERPRINT = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}")
"""RFC 8122 section 5: a sha-256 fingerprint is 32 colon-separated hex pairs."""
OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What Python's str.splitlines (and so aiortc's parser) also ends a line at: a value holding
one would be read as two lines, unlike a browser would."""
ICE_UFRAG = re.compile(r"[A-Za-z0-9+/]{4,256}")
"""RFC 8839 section 5.4: ice-ufrag is 4-256 ice-chars (ALPHA, DIGIT, "+", "/")."""
ICE_PWD = re.compile(r"[A-Za-z0-9+/]{22,256}")
"RFC 8839 section 5.4: ice-pwd is 22-256 ice-chars."


def parse_sdp(sdp: str) -> SessionDescription:
    """Parse with aiortc, turning any failure into :class:`NegotiationError`.

    Raises:
        NegotiationError: ``sdp`` is not a string, is longer than
            :data:`sfu.sdp.limits.MAX_SDP_LENGTH` characters, holds a NUL character (no
            SDP field may: RFC 8866 section 9) or a line break other than CR and LF
            (:data:`OTHER_LINE_BREAKS`), does not parse, or gives an m-line a port outside
            0-65535 (RFC 8866 section 5.14), two mids (RFC 5888 section 4), a header
            extension id outside 1-255 (RFC 8285 section 5), a payload type outside 0-127
            (RFC 3550 section 5.1) or an SSRC past 32 bits.
    """
    if not isinstance(sdp, str):
        raise NegotiationError("SDP missing")
    if len(sdp) > MAX_SDP_LENGTH:
        raise NegotiationError(f"SDP longer than {MAX_SDP_LENGTH} characters")
    if "\x00" in sdp:
        raise NegotiationError("SDP holds a NUL character (RFC 8866 section 9)")
    other_break = OTHER_LINE_BREAKS.search(sdp)
    if other_break is not None:
        raise NegotiationError(f"SDP holds the line break U+{ord(other_break.group()):04X}: "
                               "its lines end in CRLF or LF only (RFC 8866 section 5)")
    try:
        session = SessionDescription.parse(sdp)
    except Exception as exc:  # aiortc raises assorted errors on bad input
        raise NegotiationError("SDP could not be parsed") from exc
    for index, lines in enumerate(grouplines(sdp)[1]):
        if sum(line.startswith("a=mid:") for line in lines) > 1:
            raise NegotiationError(f"m-line {index} has more than one mid (RFC 5888 "
                                   "section 4)")
    for index, media in enumerate(session.media):
        if not 0 <= media.port <= 0xFFFF:
            raise NegotiationError(f"m-line {index}: port {media.port} is not within 0-65535")
        for extension in media.rtp.headerExtensions:
            if not 1 <= extension.id <= 255:
                raise NegotiationError(f"m-line {index}: extmap id {extension.id} is not "
                                       "within 1-255 (RFC 8285 section 5)")
        payload_types = [codec.payloadType for codec in media.rtp.codecs] + [
            fmt for fmt in media.fmt if isinstance(fmt, int)]
        for payload_type in payload_types:
            if not 0 <= payload_type <= 127:
                raise NegotiationError(f"m-line {index}: payload type {payload_type} is not "
                                       "within 0-127 (RFC 3550 section 5.1)")
        ssrcs = [entry.ssrc for entry in media.ssrc] + [
            int(item) for group in media.ssrc_group for item in group.items]
        for ssrc in ssrcs:
            if not 0 <= ssrc <= 0xFFFFFFFF:
                raise NegotiationError(f"m-line {index}: SSRC {ssrc} is not a 32-bit number "
                                       "(RFC 3550 section 5.1)")
    return session


def bundle_only_sections(sdp: str) -> list[bool]:
    """For each m-section of ``sdp``, in order: whether it carries ``a=bundle-only``.

    RFC 8843 section 6: an offerer gives such an m-section port 0 because it is to share
    the BUNDLE transport, not because it is disabled (Firefox offers all but the first
    m-section of a ``max-bundle`` connection this way). aiortc's parser drops the attribute.
    """
    return [any(line.strip() == "a=bundle-only" for line in lines)
            for lines in grouplines(sdp)[1]]


def bundled_mids(session: SessionDescription) -> set[str]:
    """The mids of the session's BUNDLE groups (RFC 8843 section 7)."""
    return {mid for group in session.group if group.semantic == "BUNDLE" for mid in group.items}


def new_session(version: int) -> SessionDescription:
    """A session with a fresh origin line (RFC 8866 section 5.2)."""
    session = SessionDescription()
    session.origin = f"- {int(time.time() * 1000)} {version} IN IP4 0.0.0.0"
    session.name = "-"
    return session


def set_transport(
    media: MediaDescription,
    *,
    ufrag: str,
    pwd: str,
    fingerprint: str,
    role: str,
    ip: str,
    port: int,
) -> None:
    """Fill ICE-lite credentials, the 'ice2' ICE option, one host candidate, DTLS
    fingerprint/role and rtcp-mux.

    ``role`` is aiortc's DTLS role: "auto" (actpass), "server" (passive), "client".
    """
    media.host = "0.0.0.0"
    media.rtcp_port = 9
    media.rtcp_host = "0.0.0.0"
    media.rtcp_mux = True
    media.ice = RTCIceParameters(usernameFragment=ufrag, password=pwd, iceLite=True)
    media.ice_options = "ice2"  # RFC 8445 section 10: compliance is announced
    media.dtls = RTCDtlsParameters(
        fingerprints=[RTCDtlsFingerprint(algorithm="sha-256", value=fingerprint)], role=role
    )
    media.ice_candidates = [
        RTCIceCandidate(
            component=1,
            foundation="fjord",
            ip=ip,
            port=port,
            priority=2130706431,
            protocol="udp",
            type="host",
        )
    ]
    media.ice_candidates_complete = True


def remote_fingerprints(media: MediaDescription) -> list[tuple[str, str]]:
    """``(algorithm, value)`` pairs of an m-line (session-level ones are inherited)."""
    if media.dtls is None:
        return []
    return [(f.algorithm, f.value) for f in media.dtls.fingerprints]


def remote_transport(media: MediaDescription, what: str) -> tuple[str, str, list[tuple[str, str]]]:
    """The BUNDLE transport of a remote description, from its first m-line: ``(ICE ufrag,
    ICE password, fingerprints)``. ``what`` ("offer", "answer") names it in errors.

    :raises NegotiationError: no ICE credentials or malformed ones (RFC 8839 section 5.4),
        or no well-formed sha-256 fingerprint (RFC 8122).
    """
    if media.ice is None or not media.ice.usernameFragment or not media.ice.password:
        raise NegotiationError(f"{what} lacks ICE credentials")
    if not ICE_UFRAG.fullmatch(media.ice.usernameFragment):
        raise NegotiationError(f"{what}'s ice-ufrag {media.ice.usernameFragment[:100]!r} is not "
                               "4-256 letters, digits, '+' or '/' (RFC 8839 section 5.4)")
    if not ICE_PWD.fullmatch(media.ice.password):
        raise NegotiationError(f"{what}'s ice-pwd is not 22-256 letters, digits, '+' or '/' "
                               "(RFC 8839 section 5.4)")
    fingerprints = remote_fingerprints(media)
    if not any(alg.lower() == "sha-256" for alg, _ in fingerprints):
        raise NegotiationError(f"{what} lacks a sha-256 fingerprint")
    for alg, value in fingerprints:
        if alg.lower() == "sha-256" and not SHA256_FINGERPRINT.fullmatch(value):
            raise NegotiationError(f"{what}'s sha-256 fingerprint {value[:100]!r} is not 32 "
                                   "colon-separated hex pairs (RFC 8122 section 5)")
    return media.ice.usernameFragment, media.ice.password, fingerprints
