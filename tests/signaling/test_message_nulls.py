"""Tester finding: ``{"type": "join", "roomKey": null}`` joined as a plain participant, while
the REST API refuses a null for a documented field with a 400 naming it. A null where
docs/signaling.md documents a string is a ``bad_message`` naming the field; only the fields
whose description says null (``candidate``'s ``candidate``, and RTCIceCandidateInit's own
nullable members) take one."""

from __future__ import annotations

import json

import pytest

from signaling import messages as m

OPTIONAL_STRINGS = [
    ({"type": "join", "displayName": "Ann"}, "roomKey"),
    ({"type": "join", "displayName": "Ann"}, "externalId"),
    ({"type": "join", "displayName": "Ann"}, "metadata"),
    ({"type": "join", "displayName": "Ann"}, "e2eePublicKey"),
    ({"type": "join", "displayName": "Ann"}, "rejoinToken"),
    ({"type": "knock-reject", "participantId": "p_1"}, "message"),
    ({"type": "reaction", "reaction": "clap"}, "skinTone"),
]


@pytest.mark.parametrize(("message", "field"), OPTIONAL_STRINGS)
def test_a_null_optional_string_is_refused_naming_it(message: dict[str, str],
                                                      field: str) -> None:
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps({**message, field: None}))
    assert caught.value.code == "bad_message"
    assert caught.value.message.startswith(f"invalid field {field}: must not be null"), (
        caught.value.message)
    # Left out, the field is taken as absent.
    assert getattr(m.parse_client_message(json.dumps(message)), field) is None


def test_null_stays_the_end_of_candidates_and_rtcicecandidateinit_members() -> None:
    """"``candidate`` (RTCIceCandidateInit or ``null``)": null ends the candidates, and the
    browser's RTCIceCandidateInit has nullable ``sdpMid``, ``sdpMLineIndex`` and
    ``usernameFragment`` (WebRTC's IDL), which ``toJSON()`` writes as null."""
    end = m.parse_client_message(json.dumps({"type": "candidate", "to": "p_1",
                                             "candidate": None}))
    assert end.candidate is None
    init = {"candidate": "", "sdpMid": None, "sdpMLineIndex": None, "usernameFragment": None}
    parsed = m.parse_client_message(json.dumps({"type": "candidate", "to": "p_1",
                                                "candidate": init}))
    assert parsed.candidate.sdpMid is None
