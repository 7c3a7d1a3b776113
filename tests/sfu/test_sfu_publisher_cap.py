"""The REMB a publisher gets caps what it sends: ``sfu_max_bitrate`` (fjord/settings.py) per
video track it sends, so a screen shared beside a camera brings its own share instead of
squeezing the camera's top encoding out of a total sized for a camera alone."""

import pytest
from test_sfu_consumer import FakeClock, FakeTransport

from fjord.settings_loading import load_settings
from fjord.workers import sfu_config
from sfu.participant import Participant
from sfu.producer import Producer
from sfu.remb_estimator import RembEstimator
from sfu.reports import send_reports
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.remb import ReceiverEstimatedMaxBitrate
from sfu.sdp.codecs import ChosenCodec
from sfu.simulcast.layers import link_layers

CAMERA, SCREEN = ("0", "qhf"), ("2", "lf")


def publisher(clock: FakeClock, transport: FakeTransport,
              tracks: list[tuple[str, str]]) -> Participant:
    """alice with a microphone and the simulcast video ``tracks`` (mid, rids)."""
    p = Participant("alice", publish=transport)

    def producer(kind: str, mid: str, ssrc: int, rid: str | None) -> Producer:
        codec = (ChosenCodec("video/vp8", 96, 90000, None, {}, 97) if kind == "video"
                 else ChosenCodec("audio/opus", 111, 48000, 2, {}, None))
        return Producer(participant_id="alice", transport=transport, kind=kind, mid=mid,
                        codec=codec, extensions={}, ssrc=ssrc, rtx_ssrc=None, clock=clock,
                        buffer_size=8, buffer_max_age=1.0, pli_min_interval=0.5,
                        on_keyframe_request=lambda _: None, rid=rid)

    p.producers["1"] = producer("audio", "1", 0x100, None)
    for mid, rids in tracks:
        p.producers[mid] = link_layers([producer("video", mid, 0x200 * int(mid) + i, rid)
                                        for i, rid in enumerate(rids)])
    return p


def remb(transport: FakeTransport) -> int:
    packets, _ = parse_compound(transport.rtcp[-1])
    return next(x.bitrate for x in packets if isinstance(x, ReceiverEstimatedMaxBitrate))


@pytest.mark.parametrize("transport_cc", [True, False])
@pytest.mark.parametrize(("tracks", "tracks_capped"), [([CAMERA], 1), ([CAMERA, SCREEN], 2),
                                                       ([SCREEN], 1)])
def test_the_remb_cap_is_the_setting_per_video_track(transport_cc: bool, tracks: list,
                                                     tracks_capped: int) -> None:
    config = sfu_config(load_settings(sfu_max_bitrate=3_000_000))
    assert config.max_bitrate == 3_000_000
    clock = FakeClock()
    transport = FakeTransport()
    # transport-cc: the publisher estimates and the REMB is the cap itself; else the SFU's
    # receive-side estimate (started high here, as after a long ramp) under the cap
    transport.twcc = object() if transport_cc else None
    transport.bwe = None if transport_cc else RembEstimator(clock, 20_000_000,
                                                            config.max_bitrate)
    send_reports([publisher(clock, transport, tracks)], config, clock())
    assert remb(transport) == tracks_capped * 3_000_000
