"""Subscribe transport negotiation: the SFU offers, the browser answers (RFC 8829 5.2).

Each m-line is a *slot*: it carries one track (sendonly) or, without one, is inactive.
Slots are never removed, so m-line order stays stable across renegotiations (RFC 8829
section 5.2.2); a freed slot keeps describing its last track until the next track of the
same kind reuses it, with its mid and SSRCs (see :class:`sfu.participant.SubscribeSlot`).
"""

from dataclasses import dataclass, field

from aiortc.rtcrtpparameters import (
    RTCRtcpFeedback,
    RTCRtpCodecParameters,
    RTCRtpHeaderExtensionParameters,
)
from aiortc.sdp import GroupDescription, MediaDescription, SsrcDescription

from sfu.errors import NegotiationError
from sfu.sdp.codecs import (
    OPUS_FMTP,
    SUBSCRIBE_CODECS,
    SUBSCRIBE_EXTENSIONS,
    codec_with_rtx,
    video_feedback,
)
from sfu.sdp.common import PROFILE, new_session, parse_sdp, remote_transport, set_transport


@dataclass
class OfferedTrack:
    """What a slot sends: one consumer's stream description."""

    mime_type: str
    "Lower-case codec ``kind/name`` (a key of SUBSCRIBE_CODECS)."
    parameters: dict
    "fmtp parameters of the publisher's codec."
    ssrc: int
    rtx_ssrc: int | None
    stream_id: str
    """msid stream id: the publishing participant id, or ``<participant id>.<n>`` for its
    n-th extra stream (see :func:`subscriber_stream_ids`)."""
    track_id: str
    "msid track id (the producer id)."
    cname: str


@dataclass
class Slot:
    """One m-line of the subscribe session."""

    mid: str
    kind: str
    track: OfferedTrack | None = None


@dataclass
class AnsweredMedia:
    """The browser's answer for one m-line."""

    mid: str | None
    accepted: bool
    "Port not 0 and direction recvonly/sendrecv."
    payload_types: set[int] = field(default_factory=set)
    extensions: dict[str, int] = field(default_factory=dict)
    "URI -> id negotiated by the subscriber."
    feedback: set[str] = field(default_factory=set)
    "RTCP feedback types the subscriber kept (``nack``, ``nack pli``, ``goog-remb``...)."


@dataclass
class SubscribeAnswer:
    """The parts of a subscribe answer the SFU uses."""

    ufrag: str
    pwd: str
    fingerprints: list[tuple[str, str]]
    setup: str
    "aiortc DTLS role of the answerer: client (active) or server (passive)."
    media: list[AnsweredMedia]


def _codec_lines(kind: str, track: OfferedTrack | None) -> list[RTCRtpCodecParameters]:
    mime = track.mime_type if track else ("audio/opus" if kind == "audio" else "video/vp8")
    spec = SUBSCRIBE_CODECS[mime]
    if kind == "audio":
        params: dict = dict(OPUS_FMTP)
        if track and str(track.parameters.get("stereo", 0)) == "1":
            params["stereo"] = 1
        feedback = [RTCRtcpFeedback(type="nack")]
    else:
        params = {}
        if track:
            params = {k: v for k, v in track.parameters.items() if k != "apt"}
        feedback = video_feedback(transport_cc=True)
    return codec_with_rtx(
        mime, spec.clock_rate, spec.channels, spec.payload_type, spec.rtx_payload_type,
        feedback, params,
    )


def publish_msid_streams(offer_sdp: str) -> dict[str, str]:
    """``{mid: msid stream id}`` of the m-sections of a publish offer that carry an
    ``a=msid`` line (RFC 8830 section 2: ``a=msid:<stream id> <track id>``)."""
    out: dict[str, str] = {}
    mid = stream = None
    for line in offer_sdp.splitlines() + ["m="]:
        if line.startswith("m="):
            if mid is not None and stream is not None:
                out[mid] = stream
            mid = stream = None
        elif line.startswith("a=mid:"):
            mid = line[6:].strip()
        elif line.startswith("a=msid:"):
            stream = line[7:].split(" ", 1)[0].strip() or None
    return out


def subscriber_stream_ids(participant_id: str, media: list[tuple[str, str]],
                          streams: dict[str, str]) -> dict[str, str]:
    """The msid stream id subscribers see for each of a publisher's tracks: ``{mid: id}``.

    ``media`` is the publisher's sending m-lines as ``(mid, kind)`` in offer order, and
    ``streams`` their msid stream ids (:func:`publish_msid_streams`). The stream of the
    first video track (the camera) and every audio track not in another video track's stream
    (some clients give each track its own stream) are the participant's main stream, id
    ``participant_id``; each further stream the browser groups tracks in (a shared screen)
    is ``<participant_id>.<n>``, n = 1, 2, ... in order of first appearance. Participant
    ids contain no ``.``, so subscribers split on the first one.
    """
    videos = [streams.get(mid) for mid, kind in media if kind == "video"]
    main = videos[0] if videos else None
    extra: list[str] = []
    out: dict[str, str] = {}
    for mid, kind in media:
        stream = streams.get(mid)
        if stream is None or stream == main or (kind == "audio" and stream not in videos):
            out[mid] = participant_id
            continue
        if stream not in extra:
            extra.append(stream)
        out[mid] = f"{participant_id}.{extra.index(stream) + 1}"
    return out


def build_subscribe_offer(
    slots: list[Slot],
    *,
    ufrag: str,
    pwd: str,
    fingerprint: str,
    ip: str,
    port: int,
    version: int,
) -> str:
    """Write the offer: every slot in one BUNDLE group, ``a=setup:actpass``, ICE-lite."""
    session = new_session(version)
    for slot in slots:
        codecs = _codec_lines(slot.kind, slot.track)
        media = MediaDescription(
            kind=slot.kind, port=9, profile=PROFILE, fmt=[c.payloadType for c in codecs]
        )
        set_transport(media, ufrag=ufrag, pwd=pwd, fingerprint=fingerprint, role="auto", ip=ip,
                      port=port)
        media.rtp.muxId = slot.mid
        media.rtp.codecs = codecs
        media.rtp.headerExtensions = [
            RTCRtpHeaderExtensionParameters(id=i, uri=u) for i, u in SUBSCRIBE_EXTENSIONS[slot.kind]
        ]
        track = slot.track
        if track is None:
            media.direction = "inactive"
        else:
            media.direction = "sendonly"
            media.msid = f"{track.stream_id} {track.track_id}"
            media.ssrc = [SsrcDescription(ssrc=track.ssrc, cname=track.cname)]
            if track.rtx_ssrc is not None:
                media.ssrc.append(SsrcDescription(ssrc=track.rtx_ssrc, cname=track.cname))
                media.ssrc_group = [
                    GroupDescription(semantic="FID", items=[track.ssrc, track.rtx_ssrc])
                ]
        session.media.append(media)
    session.group.append(GroupDescription(semantic="BUNDLE", items=[s.mid for s in slots]))
    session.msid_semantic.append(GroupDescription(semantic="WMS", items=["*"]))
    return str(session)


def parse_subscribe_answer(sdp: str, offered_mids: tuple[str, ...]) -> SubscribeAnswer:
    """Parse the browser's answer to the last offer, whose m-lines carry ``offered_mids``.

    The answer has the offer's m-lines, in the offer's order (RFC 3264 section 6, RFC 8829
    section 5.3.1): m-line i answers the offer's m-line i and carries its mid.

    :raises NegotiationError: unparsable SDP, wrong m-line count, an m-line whose mid is not
        the offer's at that position (or missing), missing ICE credentials or sha-256
        fingerprint, or an answer role other than active/passive.
    """
    session = parse_sdp(sdp)
    if len(session.media) != len(offered_mids):
        raise NegotiationError("answer m-line count differs from the offer")
    for position, (media, mid) in enumerate(zip(session.media, offered_mids, strict=True)):
        if media.rtp.muxId != mid:
            found = f"mid {media.rtp.muxId!r}" if media.rtp.muxId else "no mid"
            raise NegotiationError(
                f"answer m-line {position} carries {found}, the offer's m-line {position} "
                f"mid {mid!r}: m-lines must be in the offer's order"
            )
    first = session.media[0]
    ufrag, password, fingerprints = remote_transport(first, "answer")
    setup = first.dtls.role if first.dtls is not None else "client"
    if setup not in ("client", "server"):
        raise NegotiationError("answer must use setup:active or setup:passive")
    media_list = []
    for media in session.media:
        accepted = media.port != 0 and media.direction in (None, "recvonly", "sendrecv")
        feedback = set()
        for codec in media.rtp.codecs:
            for fb in codec.rtcpFeedback:
                feedback.add(fb.type + (" " + fb.parameter if fb.parameter else ""))
        media_list.append(
            AnsweredMedia(
                mid=media.rtp.muxId,
                accepted=accepted,
                payload_types={c.payloadType for c in media.rtp.codecs},
                extensions={e.uri: e.id for e in media.rtp.headerExtensions},
                feedback=feedback,
            )
        )
    return SubscribeAnswer(ufrag, password, fingerprints, setup,
                           media_list)
