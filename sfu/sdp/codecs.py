"""Codecs and RTP header extensions the SFU negotiates, with subscribe-side payload types.

Publishers keep their own payload types (the SFU answers with the offered ones); the
subscribe side uses the fixed numbers below so every m-line of a BUNDLE group agrees
(RFC 8843 section 9.1). Opus (RFC 7587) with in-band FEC and DTX; VP8 (RFC 7741); VP9
(draft-ietf-payload-vp9, profile 0); H264 packetization-mode 1 (RFC 6184); RTX (RFC 4588).
"""

from dataclasses import dataclass, field

from aiortc.rtcrtpparameters import RTCRtcpFeedback, RTCRtpCodecParameters

from sfu.rtp.extensions import (
    URI_ABS_SEND_TIME,
    URI_AUDIO_LEVEL,
    URI_MID,
    URI_REPAIRED_RID,
    URI_RID,
    URI_TRANSPORT_CC,
)

OPUS_FMTP = {"minptime": 10, "useinbandfec": 1, "usedtx": 1}


@dataclass(frozen=True)
class SubscribeCodec:
    """Payload types used on subscribe transports for one codec."""

    mime_type: str
    "Lower-case ``kind/name``."
    clock_rate: int
    payload_type: int
    rtx_payload_type: int | None
    channels: int | None = None


SUBSCRIBE_CODECS = {
    "audio/opus": SubscribeCodec("audio/opus", 48000, 111, None, 2),
    "video/vp8": SubscribeCodec("video/vp8", 90000, 96, 97),
    "video/vp9": SubscribeCodec("video/vp9", 90000, 98, 99),
    "video/h264": SubscribeCodec("video/h264", 90000, 102, 103),
}

#: Header extensions accepted from publishers, by media kind. transport-cc makes the
#: publisher run send-side bandwidth estimation on the SFU's feedback (sfu.twcc_builder).
PUBLISH_EXTENSIONS = {
    "audio": (URI_MID, URI_AUDIO_LEVEL, URI_ABS_SEND_TIME, URI_TRANSPORT_CC),
    "video": (URI_MID, URI_RID, URI_REPAIRED_RID, URI_ABS_SEND_TIME, URI_TRANSPORT_CC),
}

#: Header extensions offered to subscribers (ids fixed for the whole BUNDLE group).
#: mid is not forwarded (the value differs per leg); subscribers demux by SSRC.
#: transport-cc on video: the SFU numbers the packets it sends and estimates the
#: subscriber's bandwidth from its feedback (sfu.bwe).
SUBSCRIBE_EXTENSIONS = {
    "audio": ((1, URI_AUDIO_LEVEL),),
    "video": ((3, URI_ABS_SEND_TIME), (5, URI_TRANSPORT_CC)),
}


def video_feedback(transport_cc: bool = False) -> list[RTCRtcpFeedback]:
    """RTCP feedback for video codecs (RFC 4585 nack/pli, RFC 5104 fir, REMB, and
    transport-cc when ``transport_cc``)."""
    feedback = [
        RTCRtcpFeedback(type="nack"),
        RTCRtcpFeedback(type="nack", parameter="pli"),
        RTCRtcpFeedback(type="ccm", parameter="fir"),
        RTCRtcpFeedback(type="goog-remb"),
    ]
    if transport_cc:
        feedback.append(RTCRtcpFeedback(type="transport-cc"))
    return feedback


def sdp_mime_type(mime_type: str) -> str:
    """``video/vp8`` -> ``video/VP8``: the spelling browsers use in a=rtpmap."""
    kind, name = mime_type.split("/", 1)
    return kind + "/" + {"vp8": "VP8", "vp9": "VP9", "h264": "H264"}.get(name, name)


def codec_with_rtx(
    mime_type: str,
    clock_rate: int,
    channels: int | None,
    payload_type: int,
    rtx_payload_type: int | None,
    feedback: list[RTCRtcpFeedback],
    parameters: dict,
) -> list[RTCRtpCodecParameters]:
    """The a=rtpmap/fmtp/rtcp-fb entries of one codec, followed by its RTX (RFC 4588,
    ``apt`` = the codec's payload type) when ``rtx_payload_type`` is set."""
    codecs = [
        RTCRtpCodecParameters(
            mimeType=sdp_mime_type(mime_type),
            clockRate=clock_rate,
            channels=channels,
            payloadType=payload_type,
            rtcpFeedback=feedback,
            parameters=parameters,
        )
    ]
    if rtx_payload_type is not None:
        codecs.append(
            RTCRtpCodecParameters(
                mimeType="video/rtx",
                clockRate=clock_rate,
                payloadType=rtx_payload_type,
                parameters={"apt": payload_type},
            )
        )
    return codecs


@dataclass
class ChosenCodec:
    """The codec a publisher's m-line was answered with."""

    mime_type: str
    "Lower-case ``kind/name``."
    payload_type: int
    "Publisher's payload type."
    clock_rate: int
    channels: int | None
    parameters: dict = field(default_factory=dict)
    "fmtp parameters as offered."
    rtx_payload_type: int | None = None
    "Publisher's RTX payload type, when offered."
    transport_cc: bool = False
    "The offer lists ``a=rtcp-fb:<pt> transport-cc`` for this codec."
