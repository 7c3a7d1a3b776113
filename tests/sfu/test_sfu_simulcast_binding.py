"""Learning simulcast SSRCs from the mid/rid/repaired-rid header extensions (RFC 8852)."""

import struct

from test_sfu_consumer import FakeClock, FakeTransport

from sfu.producer import Producer
from sfu.rtp.extensions import URI_MID, URI_REPAIRED_RID, URI_RID
from sfu.rtp.header import read_header
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.binding import match_layer
from sfu.simulcast.layers import link_layers

EXTENSIONS = {4: URI_MID, 10: URI_RID, 11: URI_REPAIRED_RID}


def m_line(mid: str) -> Producer:
    clock = FakeClock()
    return link_layers([
        Producer(participant_id="alice", transport=FakeTransport(), kind="video", mid=mid,
                 codec=ChosenCodec("video/vp8", 96, 90000, None, {}, 97),
                 extensions=EXTENSIONS, ssrc=None, rtx_ssrc=None, clock=clock,
                 buffer_size=16, buffer_max_age=1.0, pli_min_interval=1.0,
                 on_keyframe_request=lambda p: None, rid=rid)
        for rid in ("q", "h", "f")
    ])


def packet(pt: int, ssrc: int, elements: list[tuple[int, bytes]]) -> tuple[bytes, tuple]:
    block = b"".join(bytes([(i << 4) | (len(v) - 1)]) + v for i, v in elements)
    block += bytes(-len(block) % 4)
    data = (struct.pack("!BBHII", 0x90, pt, 1, 2, ssrc)
            + struct.pack("!HH", 0xBEDE, len(block) // 4) + block + b"\x10\x00")
    return data, read_header(data)


def test_rid_names_the_layer_of_its_m_line_and_repaired_rid_its_rtx():
    camera, screen = m_line("1"), m_line("2")
    data, hdr = packet(96, 0x111, [(4, b"2"), (10, b"h")])
    assert match_layer(data, hdr, [camera, screen]) == (screen.layers[1], False)
    data, hdr = packet(97, 0x222, [(4, b"1"), (11, b"f")])
    assert match_layer(data, hdr, [camera, screen]) == (camera.layers[2], True)
    data, hdr = packet(96, 0x333, [(10, b"q")])  # no mid: the first m-line with that rid
    assert match_layer(data, hdr, [camera, screen]) == (camera.layers[0], False)


def test_unknown_rid_wrong_payload_type_taken_ssrc_and_bad_blocks_match_nothing():
    camera = m_line("1")
    assert match_layer(*packet(96, 1, [(4, b"1"), (10, b"x")]), [camera]) is None
    assert match_layer(*packet(100, 1, [(4, b"1"), (10, b"q")]), [camera]) is None
    camera.layers[0].ssrc = 5  # already learned: a second SSRC for it is not taken
    assert match_layer(*packet(96, 6, [(4, b"1"), (10, b"q")]), [camera]) is None
    data, hdr = packet(96, 1, [(4, b"1"), (10, b"q")])
    broken = bytearray(data)
    broken[hdr[5]] = 0x4F  # element id 4 claiming 16 bytes: overruns the block
    assert match_layer(bytes(broken), hdr, [camera]) is None
