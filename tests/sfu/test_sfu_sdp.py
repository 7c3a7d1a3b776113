"""SDP offer/answer: Chromium- and Firefox-style publish offers, subscribe offers and answers."""

import re

import pytest
from aiortc.sdp import SessionDescription

from sfu.errors import NegotiationError, RoomFullError
from sfu.sdp.limits import MAX_SDP_LENGTH
from sfu.sdp.publish import build_publish_answer, parse_publish_offer, transport_cc_id
from sfu.sdp.subscribe import OfferedTrack, Slot, build_subscribe_offer, parse_subscribe_answer

FP = ":".join(["AB"] * 32)

CHROME_OFFER = "\r\n".join(
    [
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1 2",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS stream",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:Chr0",
        "a=ice-pwd:chromepasswordchromepass",
        "a=ice-options:trickle",
        f"a=fingerprint:sha-256 {FP}",
        "a=setup:actpass",
        "a=mid:0",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=sendonly",
        "a=msid:stream audiotrack",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=rtpmap:63 red/48000/2",
        "a=fmtp:63 111/111",
        "a=rtpmap:9 G722/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:13 CN/8000",
        "a=rtpmap:110 telephone-event/48000",
        "a=rtpmap:126 telephone-event/8000",
        "a=ssrc:1001 cname:chromecname",
        "a=ssrc:1001 msid:stream audiotrack",
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 102 103",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:Chr0",
        "a=ice-pwd:chromepasswordchromepass",
        f"a=fingerprint:sha-256 {FP}",
        "a=setup:actpass",
        "a=mid:1",
        "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset",
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
        "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
        "a=sendonly",
        "a=msid:stream videotrack",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:96 VP8/90000",
        "a=rtcp-fb:96 goog-remb",
        "a=rtcp-fb:96 transport-cc",
        "a=rtcp-fb:96 ccm fir",
        "a=rtcp-fb:96 nack",
        "a=rtcp-fb:96 nack pli",
        "a=rtpmap:97 rtx/90000",
        "a=fmtp:97 apt=96",
        "a=rtpmap:98 VP9/90000",
        "a=fmtp:98 profile-id=0",
        "a=rtpmap:99 rtx/90000",
        "a=fmtp:99 apt=98",
        "a=rtpmap:102 H264/90000",
        "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
        "a=rtpmap:103 rtx/90000",
        "a=fmtp:103 apt=102",
        "a=ssrc-group:FID 2001 2002",
        "a=ssrc:2001 cname:chromecname",
        "a=ssrc:2002 cname:chromecname",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=ice-ufrag:Chr0",
        "a=ice-pwd:chromepasswordchromepass",
        f"a=fingerprint:sha-256 {FP}",
        "a=setup:actpass",
        "a=mid:2",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
        "",
    ]
)


def answer_for(offer_sdp: str, codecs=("VP8", "VP9", "H264")) -> SessionDescription:
    offer = parse_publish_offer(offer_sdp, codecs)
    sdp = build_publish_answer(offer, ufrag="sfuu", pwd="p" * 24, fingerprint=FP,
                               ip="192.0.2.10", port=40000, version=1)
    assert "a=ice-lite" in sdp
    return SessionDescription.parse(sdp)


def test_publish_offer_parsed():
    offer = parse_publish_offer(CHROME_OFFER, ("VP8", "VP9", "H264"))
    audio, video, data = offer.media
    assert (offer.ufrag, offer.setup) == ("Chr0", "auto")
    assert audio.codec.mime_type == "audio/opus" and audio.codec.payload_type == 111
    assert audio.ssrc == 1001 and audio.track_id == "audiotrack"
    assert video.codec.payload_type == 96 and video.codec.rtx_payload_type == 97
    assert (video.ssrc, video.rtx_ssrc) == (2001, 2002)
    assert set(video.extensions.values()) >= {
        "urn:ietf:params:rtp-hdrext:sdes:mid",
        "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
        "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    }
    assert 14 not in video.extensions  # toffset is not negotiated
    assert data.codec is None


def test_publish_answer_ice_lite_bundle_and_codecs():
    answer = answer_for(CHROME_OFFER)
    audio, video, data = answer.media
    assert [g.items for g in answer.group if g.semantic == "BUNDLE"] == [["0", "1"]]
    for media in (audio, video):
        assert media.direction == "recvonly" and media.rtcp_mux
        assert media.dtls.role == "server"  # a=setup:passive
        assert media.ice.iceLite and media.ice.usernameFragment == "sfuu"
        (candidate,) = media.ice_candidates
        assert (candidate.ip, candidate.port, candidate.type) == ("192.0.2.10", 40000, "host")
    (opus,) = audio.rtp.codecs
    assert opus.payloadType == 111
    assert str(opus.parameters["useinbandfec"]) == str(opus.parameters["usedtx"]) == "1"
    assert [c.payloadType for c in video.rtp.codecs] == [96, 97]
    feedback = {(f.type, f.parameter) for f in video.rtp.codecs[0].rtcpFeedback}
    assert {("nack", None), ("nack", "pli"), ("ccm", "fir"), ("goog-remb", None)} <= feedback
    assert data.port == 0


TWCC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"


def test_publish_answer_accepts_transport_cc_where_offered():
    assert transport_cc_id(parse_publish_offer(CHROME_OFFER, ("VP8",))) == 3
    audio, video, _ = answer_for(CHROME_OFFER).media
    for media in (audio, video):
        assert {(e.id, e.uri) for e in media.rtp.headerExtensions} >= {(3, TWCC_URI)}
        assert "transport-cc" in {f.type for f in media.rtp.codecs[0].rtcpFeedback}
    # VP9 is offered without rtcp-fb lines: the answer must not add transport-cc to it.
    vp9 = answer_for(CHROME_OFFER, ("VP9",)).media[1]
    assert "transport-cc" not in {f.type for f in vp9.rtp.codecs[0].rtcpFeedback}


def test_publish_answer_without_transport_cc_extension():
    offer_sdp = CHROME_OFFER.replace(f"a=extmap:3 {TWCC_URI}\r\n", "")
    assert transport_cc_id(parse_publish_offer(offer_sdp, ("VP8",))) == 0
    for media in answer_for(offer_sdp).media[:2]:
        assert TWCC_URI not in {e.uri for e in media.rtp.headerExtensions}
        assert "transport-cc" not in {f.type for f in media.rtp.codecs[0].rtcpFeedback}


@pytest.mark.parametrize("preference, pt", [(("VP9",), 98), (("H264",), 102)])
def test_publish_answer_other_video_codecs(preference, pt):
    video = answer_for(CHROME_OFFER, preference).media[1]
    assert [c.payloadType for c in video.rtp.codecs] == [pt, pt + 1]
    if pt == 102:
        assert str(video.rtp.codecs[0].parameters["packetization-mode"]) == "1"


# Firefox ESR 153's publish offer with bundlePolicy "max-bundle" (trimmed): fingerprint at
# session level, every m-line after the first with port 0 and a=bundle-only (RFC 8843
# section 6), extmap directions, its own payload types and extension ids.
FIREFOX_OFFER = "\r\n".join(
    [
        "v=0",
        "o=mozilla...THIS_IS_SDPARTA-99.0 2558608344026509188 0 IN IP4 0.0.0.0",
        "s=-",
        "t=0 0",
        "a=sendrecv",
        f"a=fingerprint:sha-256 {FP}",
        "a=group:BUNDLE 0 1",
        "a=ice-options:trickle",
        "a=msid-semantic:WMS *",
        "m=audio 64069 UDP/TLS/RTP/SAVPF 109 9 0 8 101",
        "c=IN IP4 127.0.0.1",
        "a=candidate:0 1 UDP 2122187007 127.0.0.1 64069 typ host",
        "a=sendonly",
        "a=end-of-candidates",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level",
        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
        f"a=extmap:7 {TWCC_URI}",
        "a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1",
        "a=fmtp:101 0-15",
        "a=ice-pwd:ffc4eef854b719d8d49d17c1eece79b0",
        "a=ice-ufrag:adfc0215",
        "a=mid:0",
        "a=msid:{10d2b33e} {e1465d9f}",
        "a=rtcp-fb:109 transport-cc",
        "a=rtcp-mux",
        "a=rtpmap:109 opus/48000/2",
        "a=rtpmap:9 G722/8000/1",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=setup:actpass",
        "a=ssrc:3353464210 cname:{e5aa186b}",
        "m=video 0 UDP/TLS/RTP/SAVPF 120 124 121 125",
        "c=IN IP4 0.0.0.0",
        "a=bundle-only",
        "a=sendonly",
        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=extmap:4 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "a=extmap:5 urn:ietf:params:rtp-hdrext:toffset",
        "a=extmap:6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
        f"a=extmap:7 {TWCC_URI}",
        "a=fmtp:120 max-fs=12288;max-fr=60",
        "a=fmtp:124 apt=120",
        "a=fmtp:121 max-fs=12288;max-fr=60",
        "a=fmtp:125 apt=121",
        "a=ice-pwd:ffc4eef854b719d8d49d17c1eece79b0",
        "a=ice-ufrag:adfc0215",
        "a=mid:1",
        "a=msid:{10d2b33e} {816717b3}",
        "a=rtcp-fb:120 nack",
        "a=rtcp-fb:120 nack pli",
        "a=rtcp-fb:120 ccm fir",
        "a=rtcp-fb:120 goog-remb",
        "a=rtcp-fb:120 transport-cc",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:120 VP8/90000",
        "a=rtpmap:124 rtx/90000",
        "a=rtpmap:121 VP9/90000",
        "a=rtpmap:125 rtx/90000",
        "a=setup:actpass",
        "a=ssrc:4246250049 cname:{e5aa186b}",
        "a=ssrc:2203638616 cname:{e5aa186b}",
        "a=ssrc-group:FID 4246250049 2203638616",
        "",
    ]
)


def test_firefox_bundle_only_video_is_accepted():
    offer = parse_publish_offer(FIREFOX_OFFER, ("VP8", "VP9", "H264"))
    audio, video = offer.media
    assert (offer.ufrag, offer.setup, offer.fingerprints) == ("adfc0215", "auto",
                                                             [("sha-256", FP)])
    assert audio.codec.payload_type == 109 and audio.sending
    assert video.sending and video.track_id == "{816717b3}"
    assert (video.codec.mime_type, video.codec.payload_type) == ("video/vp8", 120)
    assert video.codec.rtx_payload_type == 124
    assert (video.ssrc, video.rtx_ssrc) == (4246250049, 2203638616)
    assert video.extensions == {
        3: "urn:ietf:params:rtp-hdrext:sdes:mid",
        4: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        7: TWCC_URI,
    }
    answer = answer_for(FIREFOX_OFFER)
    assert [g.items for g in answer.group if g.semantic == "BUNDLE"] == [["0", "1"]]
    answered_video = answer.media[1]
    assert answered_video.port == 9 and answered_video.direction == "recvonly"
    assert [c.payloadType for c in answered_video.rtp.codecs] == [120, 124]


@pytest.mark.parametrize("change", [
    ("a=bundle-only\r\n", ""),  # port 0 alone: disabled (RFC 3264 section 8.2)
    ("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"),  # bundle-only, but left out of the group
])
def test_port_zero_m_line_outside_bundle_is_rejected(change):
    offer = parse_publish_offer(FIREFOX_OFFER.replace(*change), ("VP8",))
    video = offer.media[1]
    assert video.codec is None and not video.sending
    assert answer_for(FIREFOX_OFFER.replace(*change)).media[1].port == 0


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "v=0\r\nm=audio x\r\n",
        CHROME_OFFER.replace("a=rtcp-mux\r\n", ""),
        CHROME_OFFER.replace("sha-256", "sha-1"),
        CHROME_OFFER.replace("a=ice-ufrag:Chr0\r\n", ""),
        CHROME_OFFER.replace("a=mid:1", "a=mid:0"),
        CHROME_OFFER.replace("2002", "1001"),
        "x" * 70000,
        "x" * (MAX_SDP_LENGTH + 1),
    ],
)
def test_bad_offers_raise_negotiation_error(bad):
    with pytest.raises(NegotiationError):
        parse_publish_offer(bad, ("VP8",))


@pytest.mark.parametrize(("edit", "error"), [
    (("a=mid:0", "a=mid:0\x00x"), "NUL character"),
    (("m=audio 9 ", "m=audio 70000 "), "m-line 0: port 70000 is not within 0-65535"),
    (("a=extmap:3 ", "a=extmap:300 "), "extmap id 300 is not within 1-255"),
    (("a=extmap:3 ", "a=extmap:0 "), "extmap id 0 is not within 1-255"),
    (("a=ssrc:1001 ", "a=ssrc:4294967296 "), "SSRC 4294967296 is not a 32-bit number"),
    (("a=fingerprint:sha-256 ", "a=fingerprint:sha-256 zz"), "is not 32 colon-separated"),
    (("a=mid:0\r\n", ""), "m-line 0 has no mid"),
    (("a=ice-ufrag:Chr0", "a=ice-ufrag:Ch-0"), "ice-ufrag 'Ch-0' is not 4-256 letters"),
    (("a=ice-ufrag:Chr0", "a=ice-ufrag:Chr"), "ice-ufrag 'Chr' is not 4-256 letters"),
    (("a=ice-pwd:chromepasswordchromepass", "a=ice-pwd:short"), "ice-pwd is not 22-256"),
    (("a=mid:0\r\n", "a=mid:0\r\na=mid:7\r\n"), "m-line 0 has more than one mid"),
    (("a=mid:0", "a=mid:0\u2028a=mid:7"), "line break U\\+2028"),
    (("a=mid:0", "a=mid:0\x0bx"), "line break U\\+000B"),
])
def test_an_offer_with_impossible_values_is_refused(edit, error):
    """Each would otherwise pass into the answer (the mid, the extension id) or bind a
    stream no packet can match, or fail later in DTLS with a vaguer error."""
    with pytest.raises(NegotiationError, match=error):
        parse_publish_offer(CHROME_OFFER.replace(*edit), ("VP8",))


@pytest.mark.parametrize("rate", ["0", "1", "48000"])
def test_a_video_codec_not_at_90_khz_is_not_chosen(rate):
    """VP8, VP9 and H.264 run at 90 kHz (RFC 7741 section 6.1, RFC 6184 section 8.1): at
    another rate the next codec is chosen, or none (the m-line is rejected)."""
    offer_sdp = CHROME_OFFER.replace("a=rtpmap:96 VP8/90000", f"a=rtpmap:96 VP8/{rate}")
    assert parse_publish_offer(offer_sdp, ("VP8", "VP9")).media[1].codec.mime_type == "video/vp9"
    assert parse_publish_offer(offer_sdp, ("VP8",)).media[1].codec is None


async def test_a_video_codec_at_clock_rate_0_does_not_break_publish():
    """It made the native core's receive statistics raise ValueError in the middle of
    publish (the old producer closed, the new one half made): no SfuError, so the signaling
    connection died on it instead of getting an error or an answer."""
    from sfu.control import SfuConfig
    from sfu.worker import SfuWorker

    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    try:
        await worker.join("r", "a")
        answer = await worker.publish(
            "r", "a", CHROME_OFFER.replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/0"))
        video = SessionDescription.parse(answer).media[1]
        assert video.port == 0 or video.rtp.codecs[0].clockRate == 90000
    finally:
        await worker.close()


@pytest.mark.parametrize(("line", "payload_type"), [
    ("a=rtpmap:96 VP8/90000", "128"), ("a=rtpmap:97 rtx/90000", "200"),
    ("a=rtpmap:111 opus/48000/2", "255")])
async def test_a_payload_type_past_7_bits_is_refused(line, payload_type):
    """RFC 3550 section 5.1: a payload type is 7 bits. A publish offer with
    ``a=rtpmap:128 VP8/90000`` made the native core raise ValueError in the middle of
    publish: no SfuError, so the signaling connection died on it (1011) instead of getting
    ``sfu_error``."""
    from sfu.control import SfuConfig
    from sfu.errors import SfuError
    from sfu.worker import SfuWorker

    number = line.split(":")[1].split()[0]
    # the m-line's format list, a=rtpmap, a=fmtp, a=rtcp-fb and an RTX apt= naming it
    offer = re.sub(f"(?<=[: =]){number}(?=[ \r;])", payload_type, CHROME_OFFER)
    assert line.replace(number, payload_type) in offer
    with pytest.raises(NegotiationError, match=f"payload type {payload_type} is not within "
                       "0-127"):
        parse_publish_offer(offer, ("VP8",))
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    try:
        await worker.join("r", "a")
        with pytest.raises(SfuError, match="is not within 0-127"):
            await worker.publish("r", "a", offer)
        assert SessionDescription.parse(await worker.publish("r", "a", CHROME_OFFER)).media
    finally:
        await worker.close()


@pytest.mark.parametrize("msid", ["a=msid:stream ", "a=msid: ", "a=msid:stream"])
def test_an_msid_without_a_track_id_is_taken(msid):
    """RFC 8830 section 2: the track id (appdata) is optional. An msid of one word and a
    space raised IndexError, which is no SfuError: the signaling connection died on it."""
    offer = parse_publish_offer(CHROME_OFFER.replace("a=msid:stream audiotrack", msid),
                                ("VP8",))
    assert offer.media[0].codec.mime_type == "audio/opus"
    assert offer.media[0].track_id != "audiotrack"


def test_a_publish_offer_of_more_than_four_m_lines_is_refused():
    """One participant publishes at most camera, microphone, screen video and screen audio:
    more m-lines would grow every other participant's subscribe session (docs/signaling.md)."""
    head, rest = CHROME_OFFER.split("m=audio", 1)
    audio = "m=audio" + rest.split("m=video", 1)[0]
    more = (audio.replace("a=mid:0", "a=mid:7") + audio.replace("a=mid:0", "a=mid:8"))
    with pytest.raises(NegotiationError, match="5 m-lines; a participant publishes at most 4"):
        parse_publish_offer(CHROME_OFFER.rstrip("\r\n") + "\r\n" + more, ("VP8",))
    assert len(parse_publish_offer(CHROME_OFFER, ("VP8",)).media) == 3


def test_subscribe_offer_and_answer_round_trip():
    track = OfferedTrack("video/vp8", {}, 1234, 5678, "alice", "prod1", "cname1")
    slots = [Slot("0", "video", track), Slot("1", "audio", None)]
    sdp = build_subscribe_offer(slots, ufrag="sfuu", pwd="p" * 24, fingerprint=FP,
                                ip="127.0.0.1", port=4000, version=3)
    offer = SessionDescription.parse(sdp)
    video, audio = offer.media
    assert video.direction == "sendonly" and audio.direction == "inactive"
    assert video.msid == "alice prod1"
    assert [g.items for g in video.ssrc_group] == [[1234, 5678]]
    assert video.dtls.role == "auto"  # a=setup:actpass
    answer_sdp = (
        sdp.replace("a=sendonly", "a=recvonly")
        .replace("a=setup:actpass", "a=setup:active")
        .replace("a=ice-ufrag:sfuu", "a=ice-ufrag:brow")
        .replace("a=ice-lite\r\n", "")
    )
    answer = parse_subscribe_answer(answer_sdp, ("0", "1"))
    assert answer.setup == "client" and answer.ufrag == "brow"
    assert answer.media[0].accepted and answer.media[0].payload_types == {96, 97}
    assert not answer.media[1].accepted
    with pytest.raises(NegotiationError):
        parse_subscribe_answer(answer_sdp, ("0", "1", "2"))


def _reversed_m_sections(sdp: str) -> str:
    head, *sections = sdp.split("m=")
    return head + "".join("m=" + s for s in reversed(sections))


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        # RFC 3264 section 6 / RFC 8829 section 5.3.1: m-line i answers the offer's m-line i.
        (_reversed_m_sections, "m-line 0 carries mid '1', the offer's m-line 0 mid '0'"),
        (lambda sdp: sdp.replace("a=mid:1\r\n", ""),
         "m-line 1 carries no mid, the offer's m-line 1 mid '1'"),
        (lambda sdp: sdp.replace("a=mid:1\r\n", "a=mid:7\r\n"),
         "m-line 1 carries mid '7', the offer's m-line 1 mid '1'"),
    ],
)
def test_a_subscribe_answer_out_of_the_offers_order_is_refused(edit, error):
    slots = [Slot("0", "video", OfferedTrack("video/vp8", {}, 1234, 5678, "alice", "v", "c")),
             Slot("1", "audio", OfferedTrack("audio/opus", {}, 4321, None, "alice", "a", "c"))]
    sdp = build_subscribe_offer(slots, ufrag="sfuu", pwd="p" * 24, fingerprint=FP,
                                ip="127.0.0.1", port=4000, version=3)
    answer_sdp = (sdp.replace("a=sendonly", "a=recvonly")
                  .replace("a=setup:actpass", "a=setup:active")
                  .replace("a=ice-lite\r\n", ""))
    assert len(parse_subscribe_answer(answer_sdp, ("0", "1")).media) == 2
    with pytest.raises(NegotiationError, match=re.escape(error)):
        parse_subscribe_answer(edit(answer_sdp), ("0", "1"))


def test_a_full_room_subscribe_session_fits_the_sdp_limit():
    """199 other participants, each with camera, microphone, screen video and screen audio:
    the SFU's offer and the answer to it both fit MAX_SDP_LENGTH and parse whole."""
    slots = []
    for n in range(199):
        for kind, track in (("video", "cam"), ("audio", "mic"), ("video", "screen"),
                            ("audio", "screen-audio")):
            mime = "video/vp8" if kind == "video" else "audio/opus"
            offered = OfferedTrack(mime, {}, 10_000 + len(slots), None, f"participant-{n}",
                                   f"{track}-{n}", f"cname-{n}")
            slots.append(Slot(str(len(slots)), kind, offered))
    sdp = build_subscribe_offer(slots, ufrag="sfuu", pwd="p" * 24, fingerprint=FP,
                                ip="127.0.0.1", port=4000, version=3)
    answer_sdp = (
        sdp.replace("a=sendonly", "a=recvonly")
        .replace("a=setup:actpass", "a=setup:active")
        .replace("a=ice-ufrag:sfuu", "a=ice-ufrag:brow")
        .replace("a=ice-lite\r\n", "")
    )
    assert len(sdp) <= MAX_SDP_LENGTH and len(answer_sdp) <= MAX_SDP_LENGTH
    answer = parse_subscribe_answer(answer_sdp, tuple(s.mid for s in slots))
    assert len(answer.media) == 796 and all(media.accepted for media in answer.media)
    with pytest.raises(NegotiationError, match="longer than"):
        parse_subscribe_answer(answer_sdp + "a=x\r\n" * (MAX_SDP_LENGTH // 5),
                               tuple(s.mid for s in slots))


async def test_room_size_limit():
    from sfu.control import (
        Ack,
        JoinRequest,
        SfuConfig,
        SubscribeOfferRequest,
        SubscribeOfferResponse,
    )
    from sfu.errors import UnknownParticipantError
    from sfu.worker import SfuWorker

    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, max_participants=2))
    await worker.start()
    try:
        await worker.join("r", "a")
        await worker.join("r", "b")
        with pytest.raises(RoomFullError):
            await worker.join("r", "c")
        await worker.leave("r", "a")
        assert await worker.handle(JoinRequest("r", "c")) == Ack()
        response = await worker.handle(SubscribeOfferRequest("r", "c"))
        assert response == SubscribeOfferResponse(None)  # nobody publishes yet
        with pytest.raises(UnknownParticipantError):
            await worker.publish("r", "nobody", CHROME_OFFER)
        with pytest.raises(UnknownParticipantError):
            await worker.subscribe_offer("no-room", "c")
    finally:
        await worker.close()


async def test_wildcard_listen_needs_announced_ip():
    from sfu.control import SfuConfig
    from sfu.errors import SfuError
    from sfu.worker import SfuWorker

    with pytest.raises(SfuError):
        await SfuWorker(SfuConfig(listen_ip="0.0.0.0", port=0)).start()


def test_the_sfu_says_it_is_an_rfc_8445_agent():
    """RFC 8445 section 10: an agent compliant to it MUST tell its peer with the 'ice2' ICE
    option (RFC 8839 section 5.6), which also keeps an RFC 5245 peer from nominating
    aggressively; neither the publish answer nor the subscribe offer carried it."""
    answer = build_publish_answer(parse_publish_offer(CHROME_OFFER, ("VP8",)), ufrag="sfuu",
                                  pwd="p" * 24, fingerprint=FP, ip="192.0.2.10", port=40000,
                                  version=1)
    track = OfferedTrack("video/vp8", {}, 1234, 5678, "alice", "prod1", "cname1")
    offer = build_subscribe_offer([Slot("0", "video", track)], ufrag="sfuu", pwd="p" * 24,
                                  fingerprint=FP, ip="127.0.0.1", port=4000, version=3)
    for sdp in (answer, offer):
        for media in SessionDescription.parse(sdp).media:
            if media.port:
                assert media.ice_options == "ice2"
