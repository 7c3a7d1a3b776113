"""Text fields as docs/signaling.md words them: names are one line; chat keeps line breaks."""

from __future__ import annotations

import json

import pytest

from signaling import messages as m


@pytest.mark.parametrize("text", ["one\r\ntwo", "one\rtwo", "one\u2028two", "a\tb\nc"])
def test_chat_and_knock_notes_keep_every_line_break(text: str) -> None:
    """"line breaks and tabs allowed": a client on Windows sends CRLF."""
    assert m.parse_client_message(json.dumps({"type": "chat", "text": text})).text == text
    hold = {"type": "knock-hold", "participantId": "p_1", "message": text}
    assert m.parse_client_message(json.dumps(hold)).message == text


@pytest.mark.parametrize("name", ["Ann\u2028Smith", "Ann\u2029Smith", "Ann\r\nSmith",
                                  "Ann\nSmith", "Ann\u0085"])
def test_a_display_name_holds_no_line_break(name: str) -> None:
    """"no control characters (C0/C1, line breaks included)": U+2028 and U+2029 break a
    line as LF does, so a tile or people list would show a name on two lines."""
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps({"type": "join", "displayName": name}))
    assert caught.value.code == "bad_message" and "displayName" in caught.value.message
