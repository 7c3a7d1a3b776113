"""Simulcast negotiation (RFC 8851 rid, RFC 8853 simulcast) in publish offers and answers."""

import pytest
from test_sfu_sdp import CHROME_OFFER, FP

from sfu.sdp.publish import build_publish_answer, parse_publish_offer
from sfu.sdp.simulcast import send_rids

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


def test_simulcast_for_a_codec_without_layer_switching_is_answered_without_it():
    sdp = answer(simulcast_offer(), ("H264",))
    assert "m=video 9" in sdp and "a=simulcast" not in sdp and "a=rid" not in sdp
    assert parse_publish_offer(simulcast_offer(), ("H264",)).media[1].rids == []


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
