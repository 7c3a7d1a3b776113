"""Whereby's room URL parameters given bad values, in Chromium.

Whereby documents ``externalId`` as letters, digits, ``-`` and ``_`` (at most 36) and says
other strings are rejected; Fjord keeps ``metadata`` to 1000 characters; the on/off
parameters take ``on`` or ``off``; the embed element passes on attributes Fjord has no
feature for. None of these may keep the participant out of the room or pass silently: the
page joins without the value and logs a console warning naming each parameter.
"""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(60)]


def test_bad_values_are_not_used_and_are_named(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    first = open_page(chromium, "first", room_url(
        meeting["roomUrl"], displayName="First", metadata='{\n  "plan": "pro"\n}', **quiet))
    first.wait_joined()
    bad = RoomPage(chromium, "bad")
    warnings: list[str] = []
    bad.page.on("console",
                lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    try:
        bad.open(room_url(
            meeting["roomUrl"], displayName="Bad Params", precallReview="off", video="off",
            externalId="<script>alert(1)</script>", metadata="m" * 1001, audio="false",
            chat="nope", emojiSkinTone="medium", hideLegend="on", personality="x"))
        bad_id = bad.wait_joined()
        # The page joined without the refused values; the others see none of them.
        poll(lambda: [(p["externalId"], p["metadata"]) for p in first.fjord("participants()")
                      if p["id"] == bad_id] == [(None, None)], 10)
        # A line break in metadata is no reason to refuse it (Whereby passes any string).
        seen = bad.fjord("participants()")
        assert [p["metadata"] for p in seen] == ['{\n  "plan": "pro"\n}']
        # chat=nope is not off: the chat stays; audio=false is not off: the mic is on.
        assert bad.evaluate(
            "() => getComputedStyle(document.getElementById('chat')).display") != "none"
        assert bad.fjord("micOn") is True
        text = "\n".join(warnings)
        for name in ("externalId", "metadata", "audio", "chat", "emojiSkinTone",
                     "hideLegend", "personality"):
            assert name in text, (name, warnings)
        assert bad.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
        assert bad.console_errors == [] and first.console_errors == []
    finally:
        bad.close()
