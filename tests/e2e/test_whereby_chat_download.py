"""Whereby's ``chatDownload=on``, in Chromium: the chat the page saw, as a text file.

Whereby: "Allows you to download the chat transcript from a session once it's finished ...
only ... for the user that has this parameter included in their URL". The transcript is
kept in the page's memory only, as the chat is; the server stores nothing.
"""

from __future__ import annotations

import re

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]


def send_chat(page: RoomPage, text: str) -> None:
    page.page.fill("#chat-input", text)
    page.page.press("#chat-input", "Enter")
    poll(lambda: text in page.page.locator("#chat-list").inner_text(), 15)


def test_chat_download_gives_the_chat_as_a_text_file(fjord_server, chromium,
                                                     open_page) -> None:
    """Whereby's ``chatDownload=on`` ("download the chat transcript from a session once it's
    finished", for the user with the parameter) was ignored with a warning. That user now
    gets a Download chat button, in the chat panel and on the screen shown after leaving,
    which saves the chat the page saw as a text file: time, name and text per message; a
    message a host deleted is not in it. Without the parameter there is no such button."""
    meeting = fjord_server.create_meeting("normal")
    quiet = {"precallReview": "off", "audio": "off", "video": "off"}
    other = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="Bo",
                                                 **quiet))
    other.wait_joined()
    page = RoomPage(chromium, "keeper")
    try:
        page.open(room_url(meeting["roomUrl"], displayName="Ann", chatDownload="on", **quiet))
        page.wait_joined()
        in_panel = page.page.locator("#chat-download")
        assert not in_panel.is_visible()  # nothing to download yet
        send_chat(other, "Hello from Bo")
        send_chat(other, "Oops, wrong room")
        poll(lambda: "Oops" in page.page.locator("#chat-list").inner_text(), 15)
        other.page.locator("#chat-list li", has_text="Oops").locator(".chat__delete").click()
        poll(lambda: "Oops" not in page.page.locator("#chat-list").inner_text(), 15)
        send_chat(page, "Hi Bo, caf\u00e9 at 3?")
        poll(in_panel.is_visible, 10)
        page.page.click("#leave-button")
        button = page.page.locator("#ended-chat-download")
        poll(button.is_visible, 10)
        assert button.inner_text() == "Download chat"
        with page.page.expect_download() as info:
            button.click()
        download = info.value
        assert download.suggested_filename.endswith(".txt"), download.suggested_filename
        text = open(download.path(), encoding="utf-8").read()
        lines = text.splitlines()
        assert meeting["roomUrl"].rsplit("/", 1)[1] in lines[0], lines
        assert len(lines) == 4 and lines[1] == "", lines
        assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] Bo: Hello from Bo", lines[2]), lines
        assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] Ann: Hi Bo, caf\u00e9 at 3\?", lines[3]), lines
        assert not any("chatDownload" in w for w in page.console_warnings), page.console_warnings
        assert page.console_errors == []
    finally:
        page.close()
    plain = open_page(chromium, "plain", room_url(meeting["roomUrl"], displayName="Cy",
                                                  **quiet))
    plain.wait_joined()
    send_chat(other, "Anyone?")
    poll(lambda: "Anyone?" in plain.page.locator("#chat-list").inner_text(), 15)
    plain.page.click("#leave-button")
    plain.page.locator("#ended-title").wait_for()
    assert plain.page.locator("#ended").is_visible()
    assert not [b for b in plain.page.locator("button:visible").all_inner_texts()
                if "Download" in b]
