"""Display names that look alike are refused or made the same string (signaling/messages.py):
a patient in a telehealth room must not be able to pass for "Dr. Smith" with an invisible
character, and two pages showing the same name must carry the same string."""

from __future__ import annotations

import re

import pytest

from signaling.visible_text import check_display_name
from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient


@pytest.mark.parametrize("name, code", [
    ("Dr. Sm\u00adith", "U+00AD"),  # soft hyphen
    ("Dr.\u200bSmith", "U+200B"),  # zero-width space
    ("Dr. Smith\u2060", "U+2060"),  # word joiner
    ("\ufeffDr. Smith", "U+FEFF"),
    ("Dr. Smith\u200f", "U+200F"),  # right-to-left mark
    ("Dr. Smith\u200e", "U+200E"),
    ("Dr. Smith\u061c", "U+061C"),
    ("Dr. Smith\u202e", "U+202E"),
    # tester findings: other format characters, tags, fillers, blank marks, selectors
    ("Ada\u206a Lovelace", "U+206A"),
    ("Ada Lovelace\U000e0041", "U+E0041"),  # a tag character outside a flag
    ("Ada\ufff9", "U+FFF9"),
    ("Ada\U0001d173", "U+1D173"),
    ("Ad\u034fa", "U+034F"),
    ("Ada\u17b4", "U+17B4"),
    ("Ada\U0001bca0", "U+1BCA0"),
    ("Ada\ufe0f", "U+FE0F"),  # a variation selector after a letter
    ("Ada\u3164", "U+3164"),
    ("Ada\u2800", "U+2800"),
    ("\u115f\u1160Ada", "U+115F"),
    ("\u200cAda", "U+200C"),  # a joiner at an end
    ("Ada\u200d", "U+200D"),
])
def test_a_look_alike_name_is_refused_naming_the_character(name: str, code: str) -> None:
    with pytest.raises(ValueError, match=re.escape(code)):
        check_display_name(name)


@pytest.mark.parametrize("name", [
    "\ufb2c" * 100,  # Hebrew shin with dagesh and shin dot: three code points in NFC
    "\U0001d15e" * 51,  # musical half note: two code points in NFC
], ids=["U+FB2C", "U+1D15E"])
def test_a_name_longer_than_100_code_points_in_nfc_is_refused(name: str) -> None:
    """The room sees the name in NFC, which some characters expand: 100 of U+FB2C would be
    shown as 300 code points, past the limit of ``join``."""
    with pytest.raises(ValueError, match="at most 100 characters in Unicode NFC"):
        check_display_name(name)
    assert len(check_display_name("\ufb2c" * 33)) == 99


PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
"""A Persian word spelled with a zero-width non-joiner, as the language requires."""


@pytest.mark.parametrize("given, kept", [
    ("  Dr.  Smith ", "Dr. Smith"),
    ("Dr.\u00a0Smith", "Dr. Smith"),  # no-break space
    ("Dr.\u3000Smith", "Dr. Smith"),  # ideographic space
    ("Ame\u0301lie", "Am\u00e9lie"),  # combining acute accent: NFC
    ("Ada \U0001f469\u200d\U0001f4bb", "Ada \U0001f469\u200d\U0001f4bb"),  # ZWJ emoji kept
    (PERSIAN, PERSIAN),  # ZWNJ kept
    ("Jo \u2764\ufe0f", "Jo \u2764\ufe0f"),  # a heart in emoji presentation
    ("Jo 1\ufe0f\u20e3", "Jo 1\ufe0f\u20e3"),  # keycap one
    ("Jo \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
     "Jo \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"),  # Scotland
    ("\u0600\u0661\u0662 Ali", "\u0600\u0661\u0662 Ali"),  # Arabic number sign: draws
])
def test_names_that_look_the_same_are_the_same_string(given: str, kept: str) -> None:
    assert check_display_name(given) == kept


async def test_the_room_sees_the_name_as_it_looks(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    doctor = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await doctor.join("Dr. Smith", meeting["roomUrl"]))["type"] == "joined"
    impostor = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await impostor.send({"type": "join", "displayName": "Dr. Sm\u00adith"})
    refusal = await impostor.recv()
    assert refusal["code"] == "bad_message" and "U+00AD" in refusal["message"], refusal
    spaced = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    joined = await spaced.join("  Ame\u0301lie   Bo ", meeting["roomUrl"])
    assert joined["type"] == "joined"
    seen = await doctor.expect("participant-joined")
    assert seen["participant"]["displayName"] == "Am\u00e9lie Bo"
    assert [p["displayName"] for p in joined["participants"]] == ["Dr. Smith"]
    for client in (doctor, impostor, spaced):
        await client.close()
