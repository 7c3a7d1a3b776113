"""The ``video-viewport`` message (issue 12, adaptive stream): its validation, and its
request over the SFU control wire."""

from __future__ import annotations

import json

import pytest

from sfu import control
from sfu.control import StreamViewport
from sfu_control import wire
from signaling.messages import ProtocolError, parse_client_message


def viewport(*streams: dict) -> str:
    return json.dumps({"type": "video-viewport", "streams": list(streams)})


def tile(stream_id: str = "p_a", visible: bool = True, width: int = 640,
         height: int = 360) -> dict:
    return {"streamId": stream_id, "visible": visible, "width": width, "height": height}


def test_video_viewport_is_validated() -> None:
    msg = parse_client_message(viewport(tile(), tile("p_a.1", False, 0, 0)))
    assert [(t.streamId, t.visible, t.width, t.height) for t in msg.streams] == [
        ("p_a", True, 640, 360), ("p_a.1", False, 0, 0)]
    too_many = [tile(f"p{i}") for i in range(65)]
    for bad, field in (
        (viewport(), "streams"),  # nothing described
        (viewport(*too_many), "streams"),
        (viewport(tile(), tile()), "streams"),  # one stream twice
        (viewport(tile("p_a.b")), "streams.0.streamId"),
        (viewport(tile("p_a.0")), "streams.0.streamId"),
        (viewport(tile("")), "streams.0.streamId"),
        (viewport(tile(width=16385)), "streams.0.width"),
        (viewport(tile(height=-1)), "streams.0.height"),
        (viewport(tile(width=1.5)), "streams.0.width"),
        (viewport(tile(visible="yes")), "streams.0.visible"),
        (viewport({"streamId": "p_a", "visible": True}), "streams.0.width"),
        (viewport({**tile(), "quality": "high"}), "streams.0.quality"),
    ):
        with pytest.raises(ProtocolError) as err:
            parse_client_message(bad)
        assert err.value.code == "bad_message"
        assert field in err.value.message, err.value.message


def test_viewport_request_travels_the_wire() -> None:
    request = control.ViewportRequest("r", "p", (StreamViewport("a", True, 320, 180),
                                                 StreamViewport("a.1", False, 0, 0)))
    data = wire.encode_request("1", "reply", request)
    assert wire.decode_request(data) == ("1", "reply", request)
    good = {"stream_id": "a", "visible": True, "width": 1, "height": 1}
    for streams in ([good] * 65, [{**good, "visible": 1}], [{**good, "width": 20000}],
                    [{**good, "extra": 0}], [["a", True, 1, 1]], "a"):
        raw = json.dumps({"id": "1", "reply": "x", "op": "viewport", "room_id": "r",
                          "participant_id": "p", "streams": streams})
        with pytest.raises(wire.WireError):
            wire.decode_request(raw)
