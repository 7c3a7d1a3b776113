"""Publish transport negotiation: the browser offers, the SFU answers (RFC 8829 5.3).

:func:`parse_publish_offer` extracts what the SFU needs from each m-line;
:func:`build_publish_answer` writes the ICE-lite, DTLS-passive, recvonly answer.
"""

from dataclasses import dataclass, field

from aiortc.rtcrtpparameters import (
    RTCRtcpFeedback,
    RTCRtpCodecParameters,
    RTCRtpHeaderExtensionParameters,
)
from aiortc.sdp import GroupDescription, MediaDescription

from sfu.errors import NegotiationError
from sfu.rtp.extensions import URI_RID, URI_TRANSPORT_CC
from sfu.sdp.codecs import (
    OPUS_FMTP,
    PUBLISH_EXTENSIONS,
    ChosenCodec,
    codec_with_rtx,
    video_feedback,
)
from sfu.sdp.common import (
    PROFILE,
    bundle_only_sections,
    bundled_mids,
    new_session,
    parse_sdp,
    remote_transport,
    set_transport,
)
from sfu.sdp.limits import MAX_PUBLISHED_TRACKS
from sfu.sdp.simulcast import add_media_lines, answer_lines, offer_send_rids

SIMULCAST_CODECS = ("video/vp8", "video/h264")
"""Codecs whose layers the SFU can switch between: VP8 (RFC 7741) and H.264 in
packetization-mode 1 (RFC 6184), the codecs of :data:`sfu.simulcast.codecs.REWRITERS`."""


@dataclass
class PublishMedia:
    """One m-line of a publish offer, as understood by the SFU."""

    index: int
    kind: str
    "``audio``, ``video`` or another kind (always rejected)."
    mid: str | None
    fmt: list
    "Offered formats, echoed on a rejected m-line."
    sending: bool
    "The browser sends media on it (sendonly/sendrecv)."
    codec: ChosenCodec | None = None
    "Accepted codec; None rejects the m-line."
    extensions: dict[int, str] = field(default_factory=dict)
    "Accepted header extensions: publisher id -> URI."
    ssrc: int | None = None
    "Media SSRC from ``a=ssrc``/``a=ssrc-group:FID``, if signalled."
    rtx_ssrc: int | None = None
    track_id: str | None = None
    "Second part of ``a=msid`` (the browser's track id), if any."
    rids: list[str] = field(default_factory=list)
    "Accepted simulcast encodings (RFC 8853), lowest first; empty without simulcast."


@dataclass
class PublishOffer:
    """The parts of a publish offer the SFU uses."""

    ufrag: str
    pwd: str
    fingerprints: list[tuple[str, str]]
    setup: str
    "aiortc DTLS role of the offerer: auto (actpass), client (active), server (passive)."
    media: list[PublishMedia]


def _has_transport_cc(codec: RTCRtpCodecParameters) -> bool:
    return any(fb.type == "transport-cc" for fb in codec.rtcpFeedback)


def _choose_audio(media: MediaDescription) -> ChosenCodec | None:
    for codec in media.rtp.codecs:
        if codec.mimeType.lower() == "audio/opus" and codec.clockRate == 48000:
            return ChosenCodec("audio/opus", codec.payloadType, 48000, codec.channels or 2,
                               dict(codec.parameters), transport_cc=_has_transport_cc(codec))
    return None


def _video_matches(name: str, codec: RTCRtpCodecParameters) -> bool:
    if codec.clockRate != 90000:  # RFC 7741 section 6.1, RFC 6184 section 8.1, as for VP9
        return False
    mime = codec.mimeType.lower()
    if name == "VP8":
        return mime == "video/vp8"
    if name == "VP9":
        return mime == "video/vp9" and str(codec.parameters.get("profile-id", "0")) == "0"
    if name == "H264":
        return mime == "video/h264" and str(codec.parameters.get("packetization-mode")) == "1"
    return False


def _choose_video(media: MediaDescription, preference: tuple[str, ...]) -> ChosenCodec | None:
    for name in preference:
        candidates = [c for c in media.rtp.codecs if _video_matches(name, c)]
        if name == "H264":  # prefer constrained baseline, the most widely decodable
            candidates.sort(key=lambda c: str(c.parameters.get("profile-level-id", ""))[:4]
                            != "42e0")
        if candidates:
            codec = candidates[0]
            rtx = next(
                (
                    c.payloadType
                    for c in media.rtp.codecs
                    if c.mimeType.lower() == "video/rtx"
                    and str(c.parameters.get("apt")) == str(codec.payloadType)
                ),
                None,
            )
            return ChosenCodec(codec.mimeType.lower(), codec.payloadType, codec.clockRate, None,
                               dict(codec.parameters), rtx, _has_transport_cc(codec))
    return None


def _ssrcs(media: MediaDescription) -> tuple[int | None, int | None]:
    for group in media.ssrc_group:
        if group.semantic == "FID" and len(group.items) >= 2:
            return int(group.items[0]), int(group.items[1])
    if media.ssrc:
        return media.ssrc[0].ssrc, None
    return None, None


def transport_cc_id(offer: PublishOffer) -> int:
    """Id of the transport-wide sequence number extension on the accepted m-lines (one
    id per BUNDLE group, RFC 8843 9.2), or 0 when the publisher did not offer it."""
    for entry in offer.media:
        if entry.codec is None:
            continue
        for ext_id, uri in entry.extensions.items():
            if uri == URI_TRANSPORT_CC:
                return ext_id
    return 0


def parse_publish_offer(sdp: str, video_codecs: tuple[str, ...]) -> PublishOffer:
    """Parse a browser offer and choose codecs and extensions for each m-line.

    An m-line with port 0 is disabled unless it is ``a=bundle-only`` and in the offer's
    BUNDLE group (RFC 8843 section 6), as Firefox offers every m-line after the first.

    :raises NegotiationError: unparsable SDP, no BUNDLE-able transport parameters (ICE
        credentials, sha-256 fingerprint), no rtcp-mux, an accepted m-line without a
        mid, a mid on two m-lines (RFC 5888
        section 4: unique within the session), an SSRC signalled on two accepted
        m-lines (packets could not be routed to one stream), or more than
        :data:`sfu.sdp.limits.MAX_PUBLISHED_TRACKS` m-lines.
    """
    session = parse_sdp(sdp)
    if len(session.media) > MAX_PUBLISHED_TRACKS:
        raise NegotiationError(f"offer has {len(session.media)} m-lines; a participant "
                               f"publishes at most {MAX_PUBLISHED_TRACKS}")
    if not session.media:
        raise NegotiationError("offer has no m-line")
    first = session.media[0]
    ufrag, password, fingerprints = remote_transport(first, "offer")
    setup = first.dtls.role if first.dtls is not None else "auto"
    bundle_only = bundle_only_sections(sdp)
    bundled = bundled_mids(session)
    rids = offer_send_rids(sdp)
    result = []
    for index, media in enumerate(session.media):
        enabled = media.port != 0 or (bundle_only[index] and media.rtp.muxId in bundled)
        sending = media.direction in (None, "sendonly", "sendrecv") and enabled
        entry = PublishMedia(index, media.kind, media.rtp.muxId, list(media.fmt), sending)
        if media.kind in ("audio", "video") and enabled:
            if not media.rtcp_mux:
                raise NegotiationError("rtcp-mux is required")
            if not media.rtp.muxId:
                raise NegotiationError(f"m-line {index} has no mid (RFC 8843 section 7.2: "
                                       "every m-line of a BUNDLE group has one)")
            entry.codec = (
                _choose_audio(media) if media.kind == "audio"
                else _choose_video(media, video_codecs)
            )
            allowed = PUBLISH_EXTENSIONS[media.kind]
            entry.extensions = {
                ext.id: ext.uri for ext in media.rtp.headerExtensions if ext.uri in allowed
            }
            entry.ssrc, entry.rtx_ssrc = _ssrcs(media)
            if (
                rids[index] and entry.codec is not None
                and entry.codec.mime_type in SIMULCAST_CODECS
                and URI_RID in entry.extensions.values()
            ):
                entry.rids = rids[index]
            words = (media.msid or "").split()
            if len(words) > 1:  # RFC 8830 section 2: the track id is optional
                entry.track_id = words[1]
        result.append(entry)
    _check_unique([e.mid for e in result if e.mid is not None], "mid")
    _check_unique([s for e in result if e.codec is not None for s in (e.ssrc, e.rtx_ssrc)
                   if s is not None], "SSRC")
    return PublishOffer(ufrag, password, fingerprints, setup, result)


def _check_unique(values: list, what: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise NegotiationError(f"{what} {value} appears on two m-lines")
        seen.add(value)


def build_publish_answer(
    offer: PublishOffer,
    *,
    ufrag: str,
    pwd: str,
    fingerprint: str,
    ip: str,
    port: int,
    version: int,
) -> str:
    """Write the answer: accepted m-lines recvonly (or inactive when the browser does not
    send), rejected ones with port 0, all accepted mids in one BUNDLE group, ``a=ice-lite``,
    one host candidate, ``a=setup:passive`` (``active`` if the browser chose passive).
    An m-line with accepted simulcast gets ``a=rid:<rid> recv`` and ``a=simulcast:recv``
    (RFC 8853 5.3); a simulcast offer for a codec outside :data:`SIMULCAST_CODECS` (VP9) is
    answered without them, so the browser sends its first encoding only."""
    session = new_session(version)
    bundle = []
    role = "client" if offer.setup == "server" else "server"
    for entry in offer.media:
        media = MediaDescription(
            kind=entry.kind, port=9, profile=PROFILE, fmt=entry.fmt
        )
        set_transport(media, ufrag=ufrag, pwd=pwd, fingerprint=fingerprint, role=role, ip=ip,
                      port=port)
        media.rtp.muxId = entry.mid or str(entry.index)
        if entry.codec is None:
            media.port = 0
            media.direction = "inactive"
            if entry.kind not in ("audio", "video"):
                media.profile = "UDP/DTLS/SCTP"
            media.ice_candidates = []
            media.ice_candidates_complete = False
            session.media.append(media)
            continue
        bundle.append(media.rtp.muxId)
        media.direction = "recvonly" if entry.sending else "inactive"
        codec = entry.codec
        transport_cc = codec.transport_cc and URI_TRANSPORT_CC in entry.extensions.values()
        if entry.kind == "audio":
            params = dict(OPUS_FMTP)
            params["stereo"] = int(str(codec.parameters.get("stereo", 0)) == "1")
            feedback = [RTCRtcpFeedback(type="nack")]
            if transport_cc:
                feedback.append(RTCRtcpFeedback(type="transport-cc"))
        else:
            params = dict(codec.parameters)
            feedback = video_feedback(transport_cc)
        codecs = codec_with_rtx(
            codec.mime_type, codec.clock_rate, codec.channels, codec.payload_type,
            codec.rtx_payload_type, feedback, params,
        )
        media.rtp.codecs = codecs
        media.fmt = [c.payloadType for c in codecs]
        media.rtp.headerExtensions = [
            RTCRtpHeaderExtensionParameters(id=i, uri=u) for i, u in entry.extensions.items()
        ]
        session.media.append(media)
    if bundle:
        session.group.append(GroupDescription(semantic="BUNDLE", items=bundle))
    session.msid_semantic.append(GroupDescription(semantic="WMS", items=["*"]))
    return add_media_lines(str(session), {
        e.index: answer_lines(e.rids) for e in offer.media if e.rids and e.codec is not None
    })

