"""msid stream ids the SFU offers subscribers (sfu/sdp/subscribe.py; issue 6): a publisher's
camera and microphone keep its participant id, a further stream (a shared screen) gets
``<participantId>.<n>``. Pure functions: SDP text in, ids out."""

from __future__ import annotations

from sfu.sdp.subscribe import publish_msid_streams, subscriber_stream_ids

CHROME_OFFER = "\r\n".join([
    "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1 2",
    "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=sendonly", "a=msid:{cam} {mic-track}",
    "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:1", "a=sendonly", "a=msid:{cam} {cam-track}",
    "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:2", "a=sendonly", "a=msid:{scr} {scr-track}",
    "",
])


def test_publish_msid_streams_maps_each_mid_to_its_stream() -> None:
    assert publish_msid_streams(CHROME_OFFER) == {"0": "{cam}", "1": "{cam}", "2": "{scr}"}
    no_msid = CHROME_OFFER.replace("a=msid:{scr} {scr-track}\r\n", "")
    assert publish_msid_streams(no_msid) == {"0": "{cam}", "1": "{cam}"}
    assert publish_msid_streams("not sdp") == {}


def test_camera_stream_keeps_the_participant_id_and_the_screen_gets_its_own() -> None:
    media = [("0", "audio"), ("1", "video"), ("2", "video")]
    ids = subscriber_stream_ids("p_1", media, publish_msid_streams(CHROME_OFFER))
    assert ids == {"0": "p_1", "1": "p_1", "2": "p_1.1"}


def test_screen_with_its_own_audio_and_a_second_screen() -> None:
    media = [("0", "audio"), ("1", "video"), ("2", "video"), ("3", "audio"), ("4", "video")]
    streams = {"0": "cam", "1": "cam", "2": "scr", "3": "scr", "4": "other"}
    assert subscriber_stream_ids("p", media, streams) == {
        "0": "p", "1": "p", "2": "p.1", "3": "p.1", "4": "p.2"}


def test_clients_with_one_stream_per_track_or_no_msid_stay_one_stream() -> None:
    # aiortc puts every track in its own stream: the audio still belongs to the camera tile
    media = [("0", "video"), ("1", "audio")]
    assert subscriber_stream_ids("p", media, {"0": "v", "1": "a"}) == {"0": "p", "1": "p"}
    assert subscriber_stream_ids("p", media, {}) == {"0": "p", "1": "p"}
    assert subscriber_stream_ids("p", [("0", "audio")], {"0": "a"}) == {"0": "p"}
