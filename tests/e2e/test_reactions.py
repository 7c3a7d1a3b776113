"""Emoji reactions (Whereby's ``reactions`` and ``emojiSkinTone``), in Chromium.

The page used to ignore both parameters with a console warning ("not supported"). Now the
toolbar's Reactions button opens a small toolbar of reactions, usable by keyboard; the one
chosen shows for a few seconds over the sender's tile on every page, the sender's own too,
in its ``emojiSkinTone``, and the others' screen readers hear who reacted. ``reactions=off``
takes the button away and shows that page no reaction.
"""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

QUIET = {"precallReview": "off", "audio": "off", "video": "off"}
CLAP_MEDIUM_DARK = "\U0001f44f\U0001f3fe"
THUMBS_UP_MEDIUM_DARK = "\U0001f44d\U0001f3fe"
HEART = "\u2764\ufe0f"

# The reaction shown over each tile now: {tile's participant id: [reaction name, emoji]}.
SHOWN_JS = """
() => Object.fromEntries([...document.querySelectorAll('.tile__reaction')].map((badge) => [
  badge.closest('.tile').dataset.participantId, [badge.dataset.reaction, badge.textContent]]))
"""


def shown(page: RoomPage) -> dict[str, list[str]]:
    return page.evaluate(SHOWN_JS)


def announced(page: RoomPage) -> list[str]:
    return page.page.locator("#announcer p").all_inner_texts()


@pytest.mark.parametrize("kind", ["normal", "group", "e2ee"])
def test_a_reaction_shows_over_the_senders_tile_on_both_pages(
        fjord_server, chromium, open_page, kind: str) -> None:
    e2ee = kind == "e2ee"
    meeting = fjord_server.create_meeting("normal" if kind == "normal" else "group",
                                          **({"endToEndEncryption": True} if e2ee else {}))
    bo = open_page(chromium, "bo", room_url(meeting["hostRoomUrl"], displayName="Bo", **QUIET))
    bo_id = bo.wait_joined()
    ann = open_page(chromium, "ann", room_url(meeting["roomUrl"], displayName="Ann",
                                              emojiSkinTone="medium-dark", **QUIET))
    ann_id = ann.wait_joined()
    poll(lambda: ann.page.locator(f'[data-participant-id="{bo_id}"]').count() == 1, 15)
    poll(lambda: bo.page.locator(f'[data-participant-id="{ann_id}"]').count() == 1, 15)

    # By keyboard: the button opens the menu on its first reaction, arrows move, Enter sends.
    button = ann.page.locator("#reactions-button")
    assert button.is_visible() and button.inner_text() == "Reactions"
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    ann.page.keyboard.press("Enter")
    items = ann.page.locator("#reactions-bar button")
    poll(lambda: ann.evaluate("() => document.activeElement.dataset.reaction") == "thumbs-up",
         5)
    assert button.get_attribute("aria-expanded") == "true"
    assert ann.page.locator("#reactions-bar").get_attribute("role") == "toolbar"
    labels = [items.nth(i).get_attribute("aria-label") for i in range(items.count())]
    assert labels == ["Thumbs up", "Clap", "Heart", "Laugh", "Surprised", "Celebrate",
                      "Raise hand", "Thumbs down"]
    assert items.nth(0).inner_text() == THUMBS_UP_MEDIUM_DARK  # the page's skin tone
    assert items.nth(2).inner_text() == HEART  # takes none
    # The end-to-end encrypted room says reactions are not, as its chat does.
    assert ann.page.locator("#reactions-e2ee-note").is_visible() is e2ee
    ann.page.keyboard.press("ArrowRight")
    assert ann.evaluate("() => document.activeElement.dataset.reaction") == "clap"
    ann.page.keyboard.press("Enter")
    # The menu closes and the focus is back on the button; the clap shows on both pages,
    # over Ann's tile (her own is "self" on her page), in her skin tone.
    poll(lambda: shown(ann) == {"self": ["clap", CLAP_MEDIUM_DARK]}, 10)
    poll(lambda: shown(bo) == {ann_id: ["clap", CLAP_MEDIUM_DARK]}, 10)
    assert ann.page.locator("#reactions-menu").is_hidden()
    assert ann.evaluate("() => document.activeElement.id") == "reactions-button"
    poll(lambda: "Ann reacted with Clap" in announced(bo), 5)
    assert "You reacted with Clap" in announced(ann)

    # Bo's heart by pointer, over Bo's tile; then each reaction goes after a few seconds.
    bo.page.click("#reactions-button")
    bo.page.click('#reactions-bar button[data-reaction="heart"]')
    poll(lambda: shown(ann).get(bo_id) == ["heart", HEART], 10)
    poll(lambda: shown(bo).get("self") == ["heart", HEART], 10)
    poll(lambda: shown(ann) == {} and shown(bo) == {}, 15)
    for page in (ann, bo):
        assert not [w for w in page.console_warnings if "not supported" in w], \
            page.console_warnings
        assert page.console_errors == []


def test_reactions_off_hides_the_button_and_the_others_reactions(
        fjord_server, chromium, open_page) -> None:
    """Whereby's ``reactions`` is an on/off parameter like ``chat``: ``off`` takes the
    feature away from that page, its button and the reactions shown on it (screen readers
    hear none either). An ``emojiSkinTone`` Fjord does not know is named in a warning."""
    meeting = fjord_server.create_meeting("normal")
    ann = open_page(chromium, "ann", room_url(meeting["roomUrl"], displayName="Ann",
                                              **QUIET))
    ann_id = ann.wait_joined()
    cy = open_page(chromium, "cy", room_url(meeting["roomUrl"], displayName="Cy",
                                            reactions="off", emojiSkinTone="purple", **QUIET))
    cy.wait_joined()
    poll(lambda: cy.page.locator(f'[data-participant-id="{ann_id}"]').count() == 1, 15)
    assert cy.page.locator("#reactions-button").is_hidden()
    assert cy.page.locator("#mic-button").is_visible()
    warned = [w for w in cy.console_warnings if "emojiSkinTone" in w]
    assert warned and "purple" not in warned[0] and "medium-dark" in warned[0], warned
    assert not any("reactions" in w for w in cy.console_warnings), cy.console_warnings

    ann.page.click("#reactions-button")
    ann.page.click('#reactions-bar button[data-reaction="thumbs-up"]')
    poll(lambda: shown(ann) == {"self": ["thumbs-up", "\U0001f44d"]}, 10)
    # A chat message sent after it comes to Cy's page after it (one socket, in order).
    ann.page.fill("#chat-input", "after the reaction")
    ann.page.press("#chat-input", "Enter")
    poll(lambda: "after the reaction" in cy.page.locator("#chat-list").inner_text(), 10)
    assert shown(cy) == {}
    assert not [line for line in announced(cy) if "reacted" in line]
    assert cy.console_errors == [] and ann.console_errors == []
