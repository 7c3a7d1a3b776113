"""Whereby's ``lang`` and ``localization`` room URL parameters, and the language picker, in
Chromium (signaling/web/i18n.js, language-picker.js).

The page used to refuse both with a console warning and stay in English. Now ``lang=de``
puts the page's words and ``<html lang>`` in German, the picker switches the language live
without leaving the call, ``localization=off`` hides the picker (the language still
applies), the browser's language is used when the link gives none, and a ``lang`` the page
does not have is named in a console warning and the page stays in English.
"""

from __future__ import annotations

import pytest
from e2e_support import RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]

QUIET = {"precallReview": "off", "audio": "off", "video": "off"}


def text(page: RoomPage, selector: str) -> str:
    return page.page.locator(selector).inner_text()


def html_lang(page: RoomPage) -> str:
    return page.evaluate("() => document.documentElement.lang")


def test_lang_de_is_german_and_the_picker_switches_live(fjord_server, chromium,
                                                        open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "de", room_url(meeting["roomUrl"], displayName="Ada",
                                              lang="de", **QUIET))
    self_id = page.wait_joined()
    poll(lambda: html_lang(page) == "de", 10)
    assert text(page, "#mic-button") == "Stummschaltung aufheben"  # joined muted (audio=off)
    assert text(page, "#leave-button") == "Verlassen"
    assert text(page, "#participant-count") == "1 Person"
    assert page.evaluate("() => document.documentElement.dir") == "ltr"
    assert page.evaluate("() => document.title") == "Fjord-Besprechung"
    picker = page.page.get_by_label("Sprache")
    assert picker.is_visible() and picker.input_value() == "de"

    # Live, by keyboard: focus the picker and choose English; the call goes on.
    picker.focus()
    picker.select_option("en")
    poll(lambda: html_lang(page) == "en", 10)
    assert text(page, "#mic-button") == "Unmute"
    assert text(page, "#participant-count") == "1 participant"
    assert page.page.get_by_label("Language").input_value() == "en"
    page.page.click("#mic-button")  # text made by script after the switch is English too
    poll(lambda: text(page, "#mic-button") == "Mute", 5)
    page.page.get_by_label("Language").select_option("de")
    poll(lambda: text(page, "#mic-button") == "Stummschalten", 10)
    assert page.evaluate("() => document.getElementById('call-title').getAttribute("
                         "'aria-label')").startswith("Besprechung ")
    # Whereby's jp is Japanese, <html lang="ja">, with its one plural form.
    page.page.get_by_label("Sprache").select_option("jp")
    poll(lambda: html_lang(page) == "ja", 10)
    assert text(page, "#participant-count") == "参加者 1 人"
    assert text(page, "#mic-button") == "ミュート"
    assert page.fjord("phase") == "in-call" and page.fjord("selfId") == self_id
    assert page.console_errors == []


def test_localization_off_hides_the_picker_and_keeps_the_language(fjord_server, chromium,
                                                                   open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "off", room_url(meeting["roomUrl"], lang="de",
                                               localization="off", video="off"))
    page.page.locator("#precall").wait_for(state="visible", timeout=10_000)
    poll(lambda: text(page, "#join-button") == "Besprechung beitreten", 10)
    assert html_lang(page) == "de"
    assert page.page.locator("#language-select").is_hidden()
    assert not any("localization" in w or "lang" in w for w in page.console_warnings), \
        page.console_warnings


def test_a_language_the_page_lacks_is_named_and_english_used(fjord_server, chromium,
                                                             open_page) -> None:
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "xx", room_url(meeting["roomUrl"], displayName="Bo",
                                              lang="xx", **QUIET))
    page.wait_joined()
    assert html_lang(page) == "en"
    assert text(page, "#leave-button") == "Leave"
    assert page.page.get_by_label("Language").input_value() == "en"
    warned = [w for w in page.console_warnings if "lang" in w and '"xx"' in w]
    assert warned, page.console_warnings


def test_the_browser_language_is_used_without_lang(fjord_server, chromium) -> None:
    """navigator.languages: Austrian German is German; without a language the page has, or
    with ``lang`` given, the browser's is not used."""
    meeting = fjord_server.create_meeting("normal")
    context = chromium.new_context(ignore_https_errors=True, locale="de-AT")
    try:
        page = context.new_page()
        page.goto(room_url(meeting["roomUrl"], video="off"), wait_until="load")
        page.wait_for_function("() => document.documentElement.lang === 'de'")
        assert page.locator("#join-button").inner_text() == "Besprechung beitreten"
        page.goto(room_url(meeting["roomUrl"], video="off", lang="en"), wait_until="load")
        page.wait_for_function("() => window.fjord?.phase === 'precall'")
        assert page.locator("#join-button").inner_text() == "Join meeting"
        assert page.evaluate("() => document.documentElement.lang") == "en"
    finally:
        context.close()


def test_the_features_words_follow_the_language(fjord_server, chromium, open_page) -> None:
    """Reactions, meeting diagnostics and the empty room invitation had their words in
    English objects of their own, so a German page showed them in English. Now they are the
    catalog's: German with lang=de, and the picker retranslates them where they stand (the
    open reactions menu and diagnostics panel included), and what is said after the switch
    (a reaction's announcement) is in the new language."""
    meeting = fjord_server.create_meeting("normal")
    page = open_page(chromium, "de", room_url(meeting["roomUrl"], displayName="Ada",
                                              lang="de", **QUIET))
    page.wait_joined()
    poll(lambda: html_lang(page) == "de", 10)
    role = page.page.get_by_role
    poll(lambda: role("button", name="Reaktionen", exact=True).is_visible(), 10)
    assert role("button", name="Diagnose", exact=True).is_visible()
    poll(lambda: text(page, "#invitation-title") == "Warten auf weitere Teilnehmende", 10)
    assert role("button", name="Link kopieren", exact=True).is_visible()
    role("button", name="Reaktionen", exact=True).click()
    assert role("toolbar", name="Reaktion senden").is_visible()
    assert role("button", name="Applaus", exact=True).is_visible()
    role("button", name="Diagnose", exact=True).click()
    poll(lambda: text(page, "#diagnostics-title") == "Besprechungsdiagnose", 10)

    page.page.get_by_label("Sprache").select_option("es")
    poll(lambda: html_lang(page) == "es", 10)
    poll(lambda: text(page, "#reactions-button") == "Reacciones", 10)
    assert text(page, "#diagnostics-button") == "Diagnóstico"
    assert text(page, "#diagnostics-title") == "Diagnóstico de la reunión"
    assert text(page, "#invitation-title") == "Esperando a que se unan otros"
    assert text(page, "#invitation-copy") == "Copiar enlace"
    assert page.evaluate("() => document.getElementById('reactions-bar')"
                         ".getAttribute('aria-label')") == "Enviar una reacción"
    role("button", name="Reacciones", exact=True).click()
    role("button", name="Aplausos", exact=True).click()
    poll(lambda: "Ha reaccionado con Aplausos" in text(page, "#announcer"), 10)
    assert page.console_errors == []
