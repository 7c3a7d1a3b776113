"""A message's members and items are bounded before validation, whose cost grows with each
unknown field: one client must not hold the event loop (every room, the in-process SFU)."""

from __future__ import annotations

import json

import pytest

from signaling import messages as m


@pytest.mark.parametrize("raw", [
    {**{f"k{i}": 1 for i in range(50_000)}, "type": "ping"},
    {"type": "candidate", "to": "p_1",
     "candidate": {"candidate": "c", **{f"k{i}": 1 for i in range(50_000)}}},
    {"type": "pin", "participantIds": ["!"] * 64, "extra": [[0] * 1_000] * 200},
])
def test_a_message_of_too_many_fields_is_refused_at_once(raw: dict[str, object]) -> None:
    # Refused by its shape, not field by field: validating 50,000 unknown fields took 0.6-1 s
    # of CPU; what is left is parsing the JSON text (about 0.05 s).
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps(raw))
    assert caught.value.code == "bad_message"
    assert caught.value.message == "message holds more than 1000 fields and list items"


def test_the_largest_valid_message_is_within_the_bound() -> None:
    tiles = [{"streamId": f"p_{i}.1", "visible": True, "width": 1920, "height": 1080}
             for i in range(m.MAX_VIEWPORT_STREAMS)]
    parsed = m.parse_client_message(json.dumps({"type": "video-viewport", "streams": tiles}))
    assert len(parsed.streams) == m.MAX_VIEWPORT_STREAMS
    ids = [f"p_{i}" for i in range(m.MAX_PIN_IDS)]
    with pytest.raises(m.ProtocolError) as caught:  # judged on its fields, not its size
        m.parse_client_message(json.dumps({"type": "pin", "participantIds": ids}))
    assert "at most 8 distinct" in caught.value.message


@pytest.mark.parametrize("raw", [
    '{"type": "ping", "x": ' + "[" * 5_000 + "]" * 5_000 + "}",
    "[" * 5_000 + "]" * 5_000,
    '{"type": "ping", "x": ' + '{"a": ' * 5_000 + "1" + "}" * 5_001,
])
def test_a_message_nested_too_deeply_is_told_so(raw: str) -> None:
    """Valid JSON nested deeper than the parser follows is not called invalid JSON."""
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(raw)
    assert (caught.value.code, caught.value.message) == (
        "bad_json", "message nests arrays and objects too deeply to parse")
