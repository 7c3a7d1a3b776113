"""Simulcast negotiation (RFC 8851 rid, RFC 8853 simulcast) in publish offers and answers."""

import pytest
from test_sfu_sdp import CHROME_OFFER, FP

from sfu.sdp.publish import SIMULCAST_CODECS, build_publish_answer, parse_publish_offer
from sfu.sdp.simulcast import send_rids
from sfu.simulcast.codecs import REWRITERS

SIMULCAST_LINES = "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n"
"What Chromium adds to the video m-line for three sendEncodings (and drops its a=ssrc)."


def simulcast_offer(lines: str = SIMULCAST_LINES) -> str:
    video = CHROME_OFFER.index("m=video")
    ssrc_group = CHROME_OFFER.index("a=ssrc-group:FID 2001 2002", video)
    application = CHROME_OFFER.index("m=application")
    return CHROME_OFFER[:ssrc_group] + lines + CHROME_OFFER[application:]


def answer(offer: str, codecs=("VP8", "VP9", "H264")) -> str:
    parsed = parse_publish_offer(offer, codecs)
    return build_publish_answer(parsed, ufrag="sfuu", pwd="p" * 24, fingerprint=FP,
                                ip="192.0.2.10", port=40000, version=1)


def video_section(sdp: str) -> str:
    return sdp[sdp.index("m=video"):sdp.index("m=application")]


def test_vp8_simulcast_offer_is_accepted_with_three_rids():
    offer = parse_publish_offer(simulcast_offer(), ("VP8",))
    video = offer.media[1]
    assert video.rids == ["q", "h", "f"]
    assert (video.ssrc, video.rtx_ssrc) == (None, None)
    section = video_section(answer(simulcast_offer()))
    assert "a=simulcast:recv q;h;f\r\n" in section
    for rid in "qhf":
        assert f"a=rid:{rid} recv\r\n" in section
    assert "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id" in section
    assert "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id" in section


def test_h264_simulcast_offer_is_accepted_with_three_rids():
    """H.264 in packetization-mode 1 (RFC 6184) switches layers like VP8."""
    offer = parse_publish_offer(simulcast_offer(), ("H264",))
    video = offer.media[1]
    assert video.codec.mime_type == "video/h264"
    assert str(video.codec.parameters["packetization-mode"]) == "1"
    assert video.rids == ["q", "h", "f"]
    section = video_section(answer(simulcast_offer(), ("H264",)))
    assert "a=simulcast:recv q;h;f\r\n" in section
    for rid in "qhf":
        assert f"a=rid:{rid} recv\r\n" in section


def test_simulcast_for_a_codec_without_layer_switching_is_answered_without_it():
    sdp = answer(simulcast_offer(), ("VP9",))
    assert "VP9/90000" in sdp
    assert "m=video 9" in sdp and "a=simulcast" not in sdp and "a=rid" not in sdp
    assert parse_publish_offer(simulcast_offer(), ("VP9",)).media[1].rids == []


def test_the_simulcast_codecs_are_those_a_consumer_can_switch():
    assert set(SIMULCAST_CODECS) == set(REWRITERS)


def test_offer_without_simulcast_keeps_its_ssrcs():
    video = parse_publish_offer(CHROME_OFFER, ("VP8",)).media[1]
    assert video.rids == [] and (video.ssrc, video.rtx_ssrc) == (2001, 2002)
    assert "a=simulcast" not in answer(CHROME_OFFER)


@pytest.mark.parametrize(("lines", "rids"), [
    (["a=rid:a send", "a=rid:b send", "a=simulcast:send a;~b"], ["a", "b"]),
    (["a=rid:a send", "a=rid:b send", "a=simulcast:send a,x;b"], ["a", "b"]),
    (["a=rid:a send", "a=simulcast:send a;b"], []),  # b has no a=rid line: one left
    (["a=rid:a recv", "a=rid:b recv", "a=simulcast:recv a;b"], []),
    ([f"a=rid:{r} send" for r in "abcd"] + ["a=simulcast:send a;b;c;d"], ["a", "b", "c"]),
    (["a=simulcast:send"], []),
])
def test_send_rids(lines, rids):
    assert send_rids(lines) == rids
